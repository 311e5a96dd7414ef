"""`lotse plan PARTICIPANT_ID --out FILE.pdf [--lang en]` on demo data."""

import sqlite3

import pytest
from pypdf import PdfReader

from app.bootstrap import bootstrap
from app.demo import generate_demo_data
from app.paths import DataPaths
from tests.test_cli import run_lotse


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plan-demo")
    lotse = bootstrap(DataPaths(folder))
    try:
        generate_demo_data(lotse, participants=40, seed=5)
    finally:
        lotse.close()
    return folder


def person_with_plan(folder, has_plan: bool) -> tuple[int, str]:
    with sqlite3.connect(folder / "lotse.sqlite") as conn:
        plans = "SELECT participant_id FROM support_plan WHERE status != 'closed'"
        sql = (
            f"SELECT id, last_name FROM participant WHERE id {'' if has_plan else 'NOT'} IN "
            f"({plans}) ORDER BY id LIMIT 1"
        )
        return conn.execute(sql).fetchone()


def test_writes_the_current_plan_bilingual_and_archives_it(demo_dir, tmp_path):
    pid, last_name = person_with_plan(demo_dir, True)
    out = tmp_path / "plan.pdf"
    result = run_lotse("plan", str(pid), "--out", str(out), "--lang", "en", data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert last_name in text
    assert "Ziele / Goals" in text
    with sqlite3.connect(demo_dir / "lotse.sqlite") as conn:
        stored = conn.execute("SELECT pdf, language FROM plan_print").fetchall()
    assert (out.read_bytes(), "de+en") in stored


def test_unknown_participant_exits_2(demo_dir, tmp_path):
    result = run_lotse("plan", "99999", "--out", str(tmp_path / "x.pdf"), data_dir=demo_dir)
    assert result.returncode == 2
    assert "99999" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_participant_without_plan(demo_dir, tmp_path):
    pid, _name = person_with_plan(demo_dir, False)
    result = run_lotse("plan", str(pid), "--out", str(tmp_path / "x.pdf"), data_dir=demo_dir)
    assert result.returncode == 1
    assert "Förderplan" in result.stderr


def test_unknown_language_is_a_usage_error(demo_dir, tmp_path):
    result = run_lotse("plan", "1", "--out", str(tmp_path / "x.pdf"), "--lang", "xx",
                       data_dir=demo_dir)  # fmt: skip
    assert result.returncode == 2
    assert "Fehler" in result.stderr

"""`lotse plan PARTICIPANT_ID --out FILE.pdf [--lang en]` on demo data."""

from contextlib import closing

import pytest
from pypdf import PdfReader

from app.bootstrap import bootstrap
from app.db import keys
from app.demo import generate_demo_data
from tests.locations import CHEAP_COST, new_location, open_file
from tests.test_cli import run_lotse


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plan-demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "DEFAULT_COST", CHEAP_COST)
        paths, key = new_location(folder)
    lotse = bootstrap(paths, key=key)
    try:
        generate_demo_data(lotse, participants=40, seed=5)
    finally:
        lotse.close()
    return folder, key


def person_with_plan(demo, has_plan: bool) -> tuple[int, str]:
    folder, key = demo
    with closing(open_file(folder / "lotse.sqlite", key)) as conn:
        plans = "SELECT participant_id FROM support_plan WHERE status != 'closed'"
        sql = (
            f"SELECT id, last_name FROM participant WHERE id {'' if has_plan else 'NOT'} IN "
            f"({plans}) ORDER BY id LIMIT 1"
        )
        return conn.execute(sql).fetchone()


def test_writes_the_current_plan_bilingual_and_archives_it(demo_dir, tmp_path):
    pid, last_name = person_with_plan(demo_dir, True)
    out = tmp_path / "plan.pdf"
    result = run_lotse("plan", str(pid), "--out", str(out), "--lang", "en", data_dir=demo_dir[0])
    assert result.returncode == 0, result.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert last_name in text
    assert "Ziele / Goals" in text
    with closing(open_file(demo_dir[0] / "lotse.sqlite", demo_dir[1])) as conn:
        stored = conn.execute("SELECT pdf, language FROM plan_print").fetchall()
    assert (out.read_bytes(), "de+en") in stored


def test_unknown_participant_exits_2(demo_dir, tmp_path):
    result = run_lotse("plan", "99999", "--out", str(tmp_path / "x.pdf"), data_dir=demo_dir[0])
    assert result.returncode == 2
    assert "99999" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_participant_without_plan(demo_dir, tmp_path):
    pid, _name = person_with_plan(demo_dir, False)
    result = run_lotse("plan", str(pid), "--out", str(tmp_path / "x.pdf"), data_dir=demo_dir[0])
    assert result.returncode == 1
    assert "Förderplan" in result.stderr


def test_unknown_language_is_a_usage_error(demo_dir, tmp_path):
    result = run_lotse("plan", "1", "--out", str(tmp_path / "x.pdf"), "--lang", "xx",
                       data_dir=demo_dir[0])  # fmt: skip
    assert result.returncode == 2
    assert "Fehler" in result.stderr


def test_a_plan_whose_versions_are_all_closed_is_named_and_printed_with_version(data_dir, tmp_path):
    from tests.services.helpers import add_person, new_plan

    paths, key = new_location(data_dir)
    lotse = bootstrap(paths, key=key)
    try:
        pid = add_person(lotse, "Abgeschlossen")
        plan_id = new_plan(lotse, pid)
    finally:
        lotse.close()
    with closing(open_file(paths.database, key)) as conn:  # as a review without successor
        conn.execute("UPDATE support_plan SET status = 'closed' WHERE id = ?", (plan_id,))
    out = tmp_path / "plan.pdf"
    result = run_lotse("plan", str(pid), "--out", str(out), data_dir=data_dir)
    assert result.returncode == 1
    assert "abgeschlossen" in result.stderr and "--version 1" in result.stderr
    assert not out.exists()
    missing = run_lotse("plan", str(pid), "--out", str(out), "--version", "2", data_dir=data_dir)
    assert missing.returncode == 1 and "Version 2" in missing.stderr
    result = run_lotse("plan", str(pid), "--out", str(out), "--version", "1", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Abgeschlossen" in text

"""`lotse visit ORGANISATION_ID --out FILE.pdf` on demo data."""

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
    folder = tmp_path_factory.mktemp("visit-demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "DEFAULT_COST", CHEAP_COST)
        paths, key = new_location(folder)
    lotse = bootstrap(paths, key=key)
    try:
        generate_demo_data(lotse, participants=40, seed=5)
    finally:
        lotse.close()
    return folder, key


def an_employer(demo) -> tuple[int, str, str]:
    """The employer with the most contact persons: its id, name and first contact person."""
    folder, key = demo
    with closing(open_file(folder / "lotse.sqlite", key)) as conn:
        return conn.execute(
            "SELECT o.id, o.name, min(c.name) FROM organization o "
            "JOIN contact_person c ON c.organization_id = o.id "
            "WHERE o.kind IN ('employer', 'training_company') "
            "GROUP BY o.id ORDER BY count(*) DESC, o.id LIMIT 1"
        ).fetchone()


def test_writes_the_visit_sheet(demo_dir, tmp_path):
    org_id, name, contact = an_employer(demo_dir)
    out = tmp_path / "besuch.pdf"
    result = run_lotse("visit", str(org_id), "--out", str(out), data_dir=demo_dir[0])
    assert result.returncode == 0, result.stderr
    assert "Besuchsblatt" in result.stdout and str(out) in result.stdout
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert name in text
    assert contact in text
    assert "Notizen zum Besuch" in text


def test_unknown_organisation_exits_2_with_a_german_message(demo_dir, tmp_path):
    out = tmp_path / "x.pdf"
    result = run_lotse("visit", "99999", "--out", str(out), data_dir=demo_dir[0])
    assert result.returncode == 2
    assert "keine Organisation mit der Nummer 99999" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_a_missing_folder_is_named(demo_dir, tmp_path):
    out = tmp_path / "fehlt" / "x.pdf"
    result = run_lotse("visit", "1", "--out", str(out), data_dir=demo_dir[0])
    assert result.returncode == 1
    assert "Ordner" in result.stderr and "fehlt" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("args", [("visit", "abc", "--out", "x.pdf"), ("visit", "3")])
def test_bad_arguments_are_a_usage_error(demo_dir, args):
    result = run_lotse(*args, data_dir=demo_dir[0])
    assert result.returncode == 2
    assert "Fehler" in result.stderr

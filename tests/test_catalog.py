"""The German catalog is complete and its compiled form is current."""

import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from app.paths import resource_dir

LOCALE = resource_dir() / "locale"
PO = LOCALE / "de" / "LC_MESSAGES" / "lotse.po"
MO = LOCALE / "de" / "LC_MESSAGES" / "lotse.mo"
ROOT = Path(__file__).resolve().parent.parent


def extracted_msgids(tmp_path: Path) -> set[str]:
    pot = tmp_path / "lotse.pot"
    subprocess.run(
        [
            shutil.which("pybabel", path=str(Path(sys.executable).parent)) or "pybabel",
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "N_",
            "-k",
            "ngettext:1,2",
            "-o",
            str(pot),
            "app",
            "ui",
        ],
        cwd=ROOT,
        check=True,
    )
    with pot.open("rb") as handle:
        return {
            message.id if isinstance(message.id, str) else message.id[0]
            for message in read_po(handle)
            if message.id
        }


def test_every_msgid_has_a_german_translation(tmp_path):
    with PO.open("rb") as handle:
        catalog = read_po(handle)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and (all(m.string) if isinstance(m.string, tuple) else m.string) and not m.fuzzy
    }
    missing = sorted(extracted_msgids(tmp_path) - translated)
    assert not missing, (
        "German translation missing (run `make catalog`, then translate):\n" + "\n".join(missing)
    )


def test_compiled_catalog_matches_po():
    def entries(messages) -> dict:  # plural ids and strings come as lists or tuples
        return {
            tuple(m.id) if isinstance(m.id, list | tuple) else m.id: (
                tuple(m.string) if isinstance(m.string, list | tuple) else m.string
            )
            for m in messages
            if m.id and not getattr(m, "fuzzy", False)
        }

    with PO.open("rb") as handle:
        po = entries(read_po(handle))
    with MO.open("rb") as handle:
        mo = entries(read_mo(handle))
    assert mo == po, "lotse.mo is stale: run `make catalog`"


def test_program_language_is_german():
    from app.i18n import _
    from app.vocab import Program

    assert _("Participants") == "Teilnehmende"
    assert "Ausbildungsmanagement" in Program.TRAINING.label

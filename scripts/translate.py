"""Bring new UI texts into the German catalog, safely beside other sessions doing the same.

    .venv/bin/python scripts/translate.py [--replace] [FRAGMENT.po ...]

Under a lock: extract the msgids from app/ and ui/ and update the catalog (what
`make catalog` does), then take the German of every msgid in the fragments (plain .po files
with msgid/msgstr pairs) where the catalog has none yet (with ``--replace``: also where it has
one, e.g. to move an Alt letter), and compile. Prints the msgids that
are still untranslated.
"""

from __future__ import annotations

import fcntl
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
CATALOG = LOCALE / "de" / "LC_MESSAGES" / "lotse.po"
LOCK = Path("/tmp/lotse-translate.lock")


def _translated(string: str | tuple[str, ...]) -> bool:
    """A msgstr is there (for a plural: every form)."""
    return all(string) if isinstance(string, tuple) else bool(string)


def main(fragments: list[str], *, replace: bool = False) -> int:
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        subprocess.run(["make", "-s", "catalog"], cwd=ROOT, check=True)
        with CATALOG.open("rb") as handle:
            catalog = read_po(handle, locale="de")
        for name in fragments:
            with open(name, "rb") as handle:
                fragment = read_po(handle, locale="de")
            for message in fragment:
                if not message.id or not _translated(message.string):
                    continue
                target = catalog.get(message.id)
                if target is not None and (replace or not _translated(target.string)):
                    target.string = message.string
        with CATALOG.open("wb") as handle:
            write_po(handle, catalog, width=0, ignore_obsolete=True, include_previous=False)
        subprocess.run(
            [str(ROOT / ".venv/bin/pybabel"), "-q", "compile", "-d", str(LOCALE), "-D",
             "lotse", "-l", "de"],
            check=True,
        )  # fmt: skip
        missing = [m.id for m in catalog if m.id and not _translated(m.string)]
    for msgid in missing:
        print("untranslated:", msgid if isinstance(msgid, str) else msgid[0])
    return 1 if missing else 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    sys.exit(main([a for a in arguments if a != "--replace"], replace="--replace" in arguments))

"""Organisation figures: the directory search per keystroke at 5,000 organisations beside the
raw FTS5 query, and opening one organisation with 50 contact persons and 20 job offers.

The 20,000-person demo holds about 1,000 organisations (one company per 20 people); the
location used here is that demo topped up to ``ORGANIZATIONS`` by copying its companies under
new names (with their contact persons), plus one large employer for the record figure. It is
made once and kept in build/bench (``organization_location``).

For benchmarks.runner: ``organization_rows()`` returns its budget rows. By hand:
``python -m benchmarks.organizations``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.baselines import cipher
from benchmarks.data import CACHE, ROOT, data_key, demo_version, location_env
from benchmarks.timing import Timing, measure

if TYPE_CHECKING:
    from app.bootstrap import Lotse
    from benchmarks.runner import Row

PARTICIPANTS = 20_000
ORGANIZATIONS = 5_000
LARGE_CONTACTS = 50
LARGE_OFFERS = 20
LARGE_NAME = "Großlogistik Mitteldeutschland GmbH"
KEYSTROKES = ["m", "mü", "müller", "bäckerei halle", "06108", "logistik", "krüger"]
RAW_MATCH = '"m"*'  # the baseline: the first keystroke, as FTS5 sees it
GOAL_KEYSTROKE_MS = 50.0
GOAL_OPEN_MS = 100.0
VISIBLE_ROWS = 40
RAW_SEARCH = "SELECT rowid FROM organization_search WHERE organization_search MATCH ?"


def organization_location(organizations: int = ORGANIZATIONS) -> Path:
    """The 20,000-person demo topped up to ``organizations`` organisations in all, in a
    location of its own (made by `lotse demo` there, not copied from benchmarks.data's: a
    run of the budget may be rebuilding that one meanwhile)."""
    folder = CACHE / f"orgs-{organizations}-{demo_version()}"
    marker = folder / ".complete"
    if marker.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    subprocess.run(
        [sys.executable, "-m", "ui.main", "demo", "--participants", str(PARTICIPANTS)],
        check=True, env=location_env(folder), cwd=ROOT, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    _top_up(folder, organizations)
    marker.touch()
    return folder


def _top_up(folder: Path, organizations: int) -> None:
    """Copy companies (and their contact persons) under new names until there are
    ``organizations``; add the large employer. One bulk unit: the commit rebuilds the search."""
    from app.bootstrap import bootstrap
    from app.paths import DataPaths

    lotse = bootstrap(DataPaths(folder), key=data_key(folder))
    try:
        with lotse.unit_of_work() as uow:
            uow.load_in_bulk()
            connection = uow.connection
            (count,) = connection.execute("SELECT count(*) FROM organization").fetchone()
            companies = [
                row[0]
                for row in connection.execute(
                    "SELECT id FROM organization WHERE kind IN ('employer', 'training_company') "
                    "ORDER BY id"
                )
            ]
            copy = 0
            while count < organizations - 1:
                source = companies[copy % len(companies)]
                branch = copy // len(companies) + 2
                _copy_organization(connection, source, f" – Niederlassung {branch}")
                copy += 1
                count += 1
            _large_employer(connection)
            uow.commit()
    finally:
        lotse.close()


_COPIED = (
    "kind, street, postal_code, city, branch, employees, betriebsnummer, chamber_id, "
    "first_contact_on, acquisition_channel, cooperation_status, support_needs, phone, email, "
    "notes, created_at, updated_at"
)
_COPY_ORGANIZATION = (
    f"INSERT INTO organization (name, {_COPIED}) "
    f"SELECT name || ?, {_COPIED} FROM organization WHERE id = ?"
)
_COPY_CONTACTS = (
    "INSERT INTO contact_person (organization_id, name, function, phone, email, notes) "
    "SELECT ?, name, function, phone, email, notes FROM contact_person WHERE organization_id = ?"
)


def _copy_organization(connection: cipher.Connection, source: int, suffix: str) -> None:
    connection.execute(_COPY_ORGANIZATION, (suffix, source))
    (new_id,) = connection.execute("SELECT last_insert_rowid()").fetchone()
    connection.execute(_COPY_CONTACTS, (new_id, source))


def _large_employer(connection: cipher.Connection) -> None:
    today = date.today()
    connection.execute(
        "INSERT INTO organization (kind, name, street, postal_code, city, branch, employees, "
        "betriebsnummer, first_contact_on, cooperation_status, support_needs, phone, email, "
        "notes, created_at, updated_at) VALUES ('employer', ?, 'Am Güterbahnhof 1', '06112', "
        "'Halle (Saale)', 'Logistik', 1200, '12345678', ?, 'active', '', '0345 5550', "
        "'info@gross.example', '', ?, ?)",
        (LARGE_NAME, str(today - timedelta(days=900)), str(today), str(today)),
    )
    (oid,) = connection.execute("SELECT last_insert_rowid()").fetchone()
    connection.executemany(
        "INSERT INTO contact_person (organization_id, name, function, phone, email, notes) "
        "VALUES (?, ?, ?, ?, ?, '')",
        [
            (oid, f"Ansprechperson {n:02d}", "Schichtleitung", f"0345 5550{n:02d}", "")
            for n in range(LARGE_CONTACTS)
        ],
    )
    connection.executemany(
        "INSERT INTO job_offer (title, employer_id, occupation, location, location_postal_code, "
        "hours_per_week, vacancies, status, start_on, notes, shifts, created_at, updated_at) "
        "VALUES (?, ?, 'Lagerhelfer:in', 'Halle (Saale)', '06112', 38.5, 2, ?, ?, '', '', ?, ?)",
        [
            (f"Lagerhelfer:in Schicht {n}", oid, "open" if n % 3 else "filled",
             str(today + timedelta(days=n)), str(today), str(today))
            for n in range(LARGE_OFFERS)
        ],
    )  # fmt: skip


# -- the figures ----------------------------------------------------------------------------


def _application():
    from ui.app import application

    return application()


def _paint_first_screen(model) -> None:  # noqa: ANN001 - an OrganizationTableModel
    for row in range(min(VISIBLE_ROWS, model.rowCount())):
        for column in range(model.columnCount()):
            model.data(model.index(row, column))


def keystroke(lotse: Lotse, text: str) -> tuple[Callable[[], None], Callable[[], int]]:
    """A keystroke as the page does it: ids of the hits in the kept name order, the model
    reset, the first screen painted; and the number of hits."""
    from app.services.organizations import DirectoryQuery, OrganizationDirectory, organization_rows
    from ui.organization.tables import OrganizationTableModel

    directory = OrganizationDirectory(lotse.reads)
    model = OrganizationTableModel(lambda ids: organization_rows(lotse.reads, ids))

    def work() -> None:
        model.set_ids(directory.ids(DirectoryQuery(text=text)))
        _paint_first_screen(model)

    return work, model.rowCount


def raw_search(connection: cipher.Connection, match: str = RAW_MATCH) -> list[int]:
    return [row[0] for row in connection.execute(RAW_SEARCH, (match,)).fetchall()]


def raw_organization(connection: cipher.Connection, organization_id: int) -> tuple:
    """The raw SELECTs of what the editor shows first: the row, its contacts and offers."""
    row = connection.execute("SELECT * FROM organization WHERE id = ?", (organization_id,))
    contacts = connection.execute(
        "SELECT * FROM contact_person WHERE organization_id = ? ORDER BY id", (organization_id,)
    )
    offers = connection.execute(
        "SELECT * FROM job_offer WHERE employer_id = ? ORDER BY id", (organization_id,)
    )
    return row.fetchone(), contacts.fetchall(), offers.fetchall()


def editor_opener(
    lotse: Lotse, organization_id: int, tab: str | None = None
) -> Callable[[], Callable[[], None]]:
    """Opening the organisation as the face does: the editor constructed, shown and painted
    (``tab``: then that tab chosen, its panel built and painted); the cleanup closes it."""
    from ui.operations import Operations
    from ui.organization.editor import OrganizationEditor

    app = _application()
    ops = Operations(lotse)

    def open_editor() -> Callable[[], None]:
        editor = OrganizationEditor(lotse, ops, organization_id)
        editor.show()
        app.processEvents()
        if tab is not None:
            editor.choose_tab(tab)
            app.processEvents()

        def close() -> None:
            editor.hide()
            editor.deleteLater()
            app.processEvents()

        return close

    return open_editor


def organization_rows(location: Path | None = None) -> list[Row]:
    """The budget rows: a directory keystroke at 5,000 organisations per search text (the
    first beside the raw FTS5 query), and opening the large organisation."""
    from app.bootstrap import bootstrap
    from app.paths import DataPaths
    from benchmarks.runner import Row, Stats, measure_with_cleanup

    location = location or organization_location()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _application()
    key = data_key(location)
    rows: list[Row] = []
    lotse = bootstrap(DataPaths(location), key=key)
    try:
        (count,) = lotse.reads.one("SELECT count(*) FROM organization")
        (large,) = lotse.reads.one("SELECT id FROM organization WHERE name = ?", (LARGE_NAME,))
        searches: list[tuple[str, Timing, int]] = []
        for text in KEYSTROKES:
            work, hits = keystroke(lotse, text)
            searches.append((text, measure(work), hits()))
        opened = measure_with_cleanup(editor_opener(lotse, large), runs=10)
        all_tabs = measure_with_cleanup(editor_opener(lotse, large, "offers"), runs=10)
    finally:
        lotse.close()
    with closing(cipher.connect(location / "lotse.sqlite", key)) as db:
        raw = measure(lambda: raw_search(db))
        raw_hits = len(raw_search(db))
        raw_open = measure(lambda: raw_organization(db, large))
    for index, (text, timing, hits) in enumerate(searches):
        stats = Stats.from_timing(timing)
        rows.append(
            Row(
                f"organisations: search '{text}', one keystroke",
                "ms",
                f"< {GOAL_KEYSTROKE_MS:.0f} ms",
                stats,
                Stats.from_timing(raw) if index == 0 else None,
                ok=stats.median < GOAL_KEYSTROKE_MS,
                note=f"{hits:,} of {count:,} organisations; ids in name order + model reset + "
                "first screen"
                + (f"; raw: FTS5 {RAW_MATCH} alone, {raw_hits:,} rowids" if index == 0 else ""),
            )
        )
    for figure, timing in (
        ("open one organisation", opened),
        ("open one organisation, then its Stellenangebote tab", all_tabs),
    ):
        stats = Stats.from_timing(timing)
        rows.append(
            Row(
                f"{figure} ({LARGE_CONTACTS} contacts, {LARGE_OFFERS} offers)",
                "ms",
                f"< {GOAL_OPEN_MS:.0f} ms",
                stats,
                Stats.from_timing(raw_open),
                ok=stats.median < GOAL_OPEN_MS,
                note="editor constructed + shown vs raw SELECTs of the row, its contact persons "
                "and offers (same encrypted file)",
            )
        )
    return rows


def main() -> None:
    print(f"Organisations ({ORGANIZATIONS:,}; goal: < 50 ms a keystroke, < 100 ms to open)")
    for row in organization_rows():
        assert row.lotse is not None
        baseline = f" (raw {row.baseline.median:.1f} ms)" if row.baseline else ""
        print(f"  {row.figure:70} {row.lotse.median:7.1f} ms{baseline}  {row.verdict}  {row.note}")


if __name__ == "__main__":
    main()

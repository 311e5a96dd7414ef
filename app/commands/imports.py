"""`lotse import FILE --kind participants|organisations|offers [--dry-run] [--mapping FILE]`.

Reads the file before asking for the passphrase (a file that cannot be used exits 2 at
once), shows the columns as mapped and every row with an error or a possible duplicate by its
spreadsheet row number, then imports all rows in one transaction — or nothing. Exit codes: 0
imported (or a dry run without errors), 1 rows with errors (nothing stored), 2 a file or
mapping that cannot be used.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.i18n import _, ngettext


def import_file(
    file: Path, kind: str, *, dry_run: bool = False, mapping: Path | None = None
) -> int:
    from app.commands import open_lotse
    from app.progress import Progress
    from app.services.imports.mapping import ImportKind, known_header, mapping_from_file
    from app.services.imports.reader import ImportFileError, read_table
    from app.services.imports.run import RowErrors, preview, run_import

    what = ImportKind(kind)
    try:
        table = read_table(file, known_header(what))
        columns = mapping_from_file(mapping, what, table.headers) if mapping else None
    except ImportFileError as error:
        print(_("Error: {message}").format(message=error.message), file=sys.stderr)
        return 2
    lotse = open_lotse()
    try:
        with lotse.unit_of_work() as uow:
            try:
                if dry_run:
                    checked = preview(uow, table, what, columns)
                else:
                    result = run_import(uow, Progress(), table, what, columns)
                    checked = result.preview
            except ImportFileError as error:
                print(_("Error: {message}").format(message=error.message), file=sys.stderr)
                return 2
            except RowErrors as error:
                print_preview(error.preview)
                count = len(error.preview.error_rows)
                print(
                    ngettext(
                        "Nothing was imported: {count} row has errors. Please correct the "
                        "file and import it again.",
                        "Nothing was imported: {count} rows have errors. Please correct the "
                        "file and import it again.",
                        count,
                    ).format(count=count),
                    file=sys.stderr,
                )
                return 1
    finally:
        lotse.close()
    print_preview(checked)
    if dry_run:
        print(_("Dry run: nothing was stored."))
        return 1 if checked.error_rows else 0
    print(result.report())
    return 0


def print_preview(checked) -> None:  # noqa: ANN001 - an ImportPreview
    """What was read and how: sheet, header row, columns → fields, the rows with errors
    (stderr) and the possible duplicates."""
    from app.services.imports.run import field_label

    table = checked.table
    where = table.file_name if table.sheet is None else f"{table.file_name} („{table.sheet}“)"
    print(
        _("{file}: header in row {row}, {count} data rows.").format(
            file=where, row=table.header_row, count=len(table.rows)
        )
    )
    if table.total_rows:
        rows = ", ".join(str(number) for number in table.total_rows)
        print(_("Left out as a total row: row {rows}.").format(rows=rows))
    print(_("Columns:"))
    for header, name in zip(table.headers, checked.mapping, strict=True):
        target = field_label(checked.kind, name) if name else _("(not imported)")
        print(f"  {header} → {target}")
    print(checked.summary())
    for row in checked.rows:
        if row.problems:
            print(_("Row {number}: {message}").format(number=row.number, message=row.message),
                  file=sys.stderr)  # fmt: skip
    for row in checked.rows:
        if not row.problems and row.duplicates:
            print(_("Row {number}: {message}").format(number=row.number, message=row.message))

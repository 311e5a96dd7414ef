"""`lotse esf-list --out FILE.xlsx|FILE.csv [--pseudonymised]`: the ESF+ Teilnehmendenliste
for efREporter4 (app/services/esf_list.py), with the records left out and what they miss."""

from __future__ import annotations

from pathlib import Path

from app.i18n import _, ngettext


def esf_list(out: Path, *, pseudonymised: bool) -> int:
    """Write the list (all or nothing); print how many rows and who was left out. A broken
    column map or a file that cannot be written: LotseError (exit 1, German message)."""
    from app.commands import open_lotse
    from app.progress import Progress
    from app.reports.esf_columns import load_column_map
    from app.services.esf_list import export_esf_list

    lotse = open_lotse()
    try:
        columns = load_column_map(lotse.paths.root)  # a broken map: before anything is read
        with lotse.unit_of_work() as uow:
            result = export_esf_list(
                uow, Progress(), out, pseudonymised=pseudonymised, columns=columns
            )
    finally:
        lotse.close()
    print(
        ngettext(
            "ESF+ participant list: {count} row written to {path}.",
            "ESF+ participant list: {count} rows written to {path}.",
            result.rows,
        ).format(count=result.rows, path=out)
    )
    print(_("Columns from {path}.").format(path=result.map_path))
    if pseudonymised:
        print(_("Pseudonymised: without the personal columns, identified by the TN-Nr."))
    if result.left_out:
        print(
            ngettext(
                "{count} record is not included because data are missing:",
                "{count} records are not included because data are missing:",
                len(result.left_out),
            ).format(count=len(result.left_out))
        )
        for entry in result.left_out:
            print(
                "  "
                + _("No. {id} {name} – missing: {missing}").format(
                    id=entry.participant_id, name=entry.name, missing=entry.missing_text
                )
            )
    return 0

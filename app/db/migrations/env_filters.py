"""What autogenerate compares: the derived list and search tables are made by hand (0002)."""

from __future__ import annotations

# Frozen here: what revision 0002 created by hand (app.db.derived_rows.TABLES today).
DERIVED_TABLES = ("participant_search", "participant_list", "organization_search")


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(DERIVED_TABLES))

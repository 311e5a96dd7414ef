"""What autogenerate compares: the derived list and search tables are made by hand (0002)."""

from __future__ import annotations

from app.services import search_index


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    derived = (search_index.TABLE, search_index.LIST_TABLE)
    return not (type_ == "table" and name is not None and name.startswith(derived))

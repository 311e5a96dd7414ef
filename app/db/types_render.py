"""How autogenerate writes Lotse's column types into revisions: plain SQL types, no app imports."""

from __future__ import annotations

from typing import Any

from app.models.base import EnumText, UTCDateTime


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    if type_ == "type" and isinstance(obj, EnumText):
        return f"sa.String(length={obj.impl.length})"
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False

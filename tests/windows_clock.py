"""Windows' refusal to convert local time before 1970 and after 3000 (cpython#80940),
emulated on Linux: app.clock's one call of the platform's conversion raises as Windows does."""

from __future__ import annotations

from datetime import datetime, tzinfo

import pytest

from app import clock


def refuse_like_windows(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """From now on (until the monkeypatch is undone) the platform refuses years before 1970
    and after 3000; returns the moments it is asked about."""
    real = clock._platform_zone
    asked: list[datetime] = []

    def refusing(moment: datetime) -> tzinfo:
        asked.append(moment)
        if not 1970 <= moment.year <= 3000:
            raise OSError(22, "Invalid argument")
        return real(moment)

    monkeypatch.setattr(clock, "_platform_zone", refusing)
    return asked

"""Load what later screens need while the user looks at the first window.

The first window reads with plain SQL (app.db.reads); the ORM, the models and the write
services cost about half a second to import. They load here, on a worker thread, right after
the first paint, so that opening a record is quick and the start is not held up.
A screen that needs a module before it has loaded simply imports it itself (Python's import
lock makes it wait for the worker instead of loading it twice).
"""

from __future__ import annotations

import importlib

from app.bootstrap import Lotse

MODULES = (
    "app.models",
    "app.services.participants",
    "app.services.follow_ups",
    "app.services.contact_notes",
    "app.services.consents",
    "app.services.support_plans",
)


def warm_up(lotse: Lotse) -> None:
    """Import the core modules of later screens and make the ORM engine (any thread)."""
    for name in MODULES:
        importlib.import_module(name)
    _ = lotse.database.engine

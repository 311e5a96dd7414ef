"""Load what later screens need while the user looks at the first window.

The first window reads with plain SQL (app.db.reads); the ORM, the models and the write
services cost about half a second to import. They load here, on a worker thread, right after
the first paint, so that opening a record is quick and the start is not held up.
Screens that import more modules first call ``wait_until_loaded()``: two threads importing
the same modules at once could see each other's half-initialised modules.
"""

from __future__ import annotations

import importlib
import threading

from PySide6.QtCore import QThreadPool

from app.bootstrap import Lotse
from app.models import load_all

MODULES = (
    "app.services.participants",
    "app.services.follow_ups",
    "app.services.contact_notes",
    "app.services.consents",
    "app.services.support_plans.editing",
    "app.services.participant_record",
)

_idle = threading.Event()
_idle.set()  # nothing loading: waiting returns at once


def warm_up(lotse: Lotse) -> None:
    """Import the core modules of later screens and make the ORM engine (any thread)."""
    load_all()
    for name in MODULES:
        importlib.import_module(name)
    _ = lotse.database.engine


def start(pool: QThreadPool, lotse: Lotse) -> None:
    """Run ``warm_up`` on a worker of ``pool``."""
    _idle.clear()

    def run() -> None:
        try:
            warm_up(lotse)
        finally:
            _idle.set()

    pool.start(run)


def wait_until_loaded() -> None:
    """Block until a running warm-up has finished (at once when none runs)."""
    _idle.wait()

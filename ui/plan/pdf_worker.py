"""Produce a document (bytes) off the GUI thread; the result comes back by signal.

The worker object lives in the GUI thread, so its signals are delivered there (queued). The
callable runs in a pool thread and must not touch widgets: hand it plain data read before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class PdfWorker(QObject):
    """One job: ``start()`` runs ``produce`` in ``pool``; then ``finished(bytes)`` or
    ``failed(str)`` is emitted on the GUI thread. ``running`` is true until then."""

    finished = Signal(bytes)
    failed = Signal(str)

    def __init__(self, produce: Callable[[], bytes], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._produce = produce
        self.running = False
        self.finished.connect(self._stop)
        self.failed.connect(self._stop)

    def start(self, pool: QThreadPool | None = None) -> None:
        self.running = True
        (pool or QThreadPool.globalInstance()).start(_Task(self))

    def _stop(self) -> None:
        self.running = False

    def run(self) -> None:
        """The work itself, in the pool thread (also callable directly, e.g. in scripts)."""
        try:
            data = self._produce()
        except Exception as error:  # reported to the GUI thread, not lost
            log.exception("document generation failed")
            self.failed.emit(str(error) or type(error).__name__)
        else:
            self.finished.emit(data)


class _Task(QRunnable):
    """Keeps the worker alive until its job has run."""

    def __init__(self, worker: PdfWorker) -> None:
        super().__init__()
        self._worker = worker

    def run(self) -> None:
        self._worker.run()

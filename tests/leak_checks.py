"""Fail a test that leaves work running, in the manner of napari's ``dangling_*`` fixtures.

Left-over work goes on during later tests: a pool job writes into a closed database, a timer
fires into a deleted widget, a thread holds the instance lock. Such failures show up far from
their cause, so the test that started the work fails instead, at its teardown, naming what is
still running and where it was started:

- Python ``threading`` threads started during the test and still alive after a short grace;
- jobs of ``QThreadPool.globalInstance()`` (and of any other pool the test started jobs in)
  still active after waiting briefly for the pool;
- ``QThread`` objects made during the test and still running;
- ``QTimer`` objects made during the test and still active, and ``QTimer.singleShot`` calls
  of the test whose callback has not run yet.

How, for timers and QThreads: while the test runs, ``QTimer.__init__`` and ``QThread.__init__``
are wrapped to record each new object (weakly: a timer nobody keeps is destroyed, and so
stopped) with the place where it was made; at teardown a recorded timer that still exists and
``isActive()``, or a recorded thread that ``isRunning()``, is a leak. Wrapping ``start`` instead
(as napari does) would miss a timer started by a signal connected to its C++ slot, and a Python
wrapper connected as a slot receives the signal's arguments (``textChanged`` would hand its
text to ``start(msec)``). For ``QTimer.singleShot`` no timer object of Qt's is relied on
(PySide makes one today, which stays active after the context object is gone), nor is the
shot replaced by a timer of our own (as napari does), which would change Qt's behaviour: the
zero-timeout fast path, the cancellation when the context object is destroyed. The wrapper
keeps Qt's own ``singleShot`` and only wraps the callback: a shot is pending from the call
until its callback ran; one whose context object was destroyed counts as cancelled. Timers
made by pytest-qt itself (``qtbot.wait``, ``waitSignal``) are not the code under test.

Pool jobs: the pool answers whether jobs are still active (``waitForDone`` with the grace);
``QThreadPool.start``/``tryStart`` are wrapped only to note which jobs the test started in
which pool, for the message. Python threads: ``threading.enumerate()`` before and after;
``Thread.start`` is wrapped only to name the place. Threads that Qt started show up there as
``_DummyThread`` and are left to the Qt checks.

The Qt checks run only for a test that asks for the QApplication (``qapp``, also through
``qtbot``) or when one exists already; they never create one, so a test without a screen pays
nothing for them (the core in ``app`` never imports Qt, see the import contract).
After a leak is reported, it is stopped where possible (timers stopped, pending single shots
made harmless, threads asked to quit and waited for), so it does not spill into the next test.
"""

from __future__ import annotations

import sys
import threading
import time
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

GRACE_SECONDS = 0.5  # only spent when something is still running at teardown
CLEANUP_SECONDS = 5.0  # waiting for reported work so that it does not spill into the next test

_ROOT = str(Path(__file__).resolve().parents[1]) + "/"
_VENV = _ROOT + ".venv/"
_HERE = __file__
_PYTEST_QT = "/pytestqt/"


def _started_at() -> str | None:
    """Where the code under test made the call: the innermost frame of this repository, with the
    test's own line when that is elsewhere; None for calls made by pytest-qt itself."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename == _HERE:
        frame = frame.f_back
    if frame is None:
        return "?"
    if _PYTEST_QT in frame.f_code.co_filename:
        return None
    direct = f"{frame.f_code.co_filename}:{frame.f_lineno}"
    product = test = None
    while frame is not None:
        name = frame.f_code.co_filename
        if name != _HERE and name.startswith(_ROOT) and not name.startswith(_VENV):
            place = f"{name.removeprefix(_ROOT)}:{frame.f_lineno}"
            if name.startswith(_ROOT + "tests/"):
                test = test or place
                break
            product = product or place
        frame = frame.f_back
    if product and test:
        return f"{product} (from {test})"
    return product or test or direct


def _describe(job: Any) -> str:
    name = getattr(job, "__qualname__", None) or type(job).__qualname__
    return f"{name}()"


@dataclass
class _Shot:
    """One ``QTimer.singleShot`` call: pending until its callback ran or its context died."""

    where: str
    msec: int
    done: bool = False
    harmless: bool = False  # reported as leaked: the callback no longer runs


@dataclass
class _QtRecords:
    timers: weakref.WeakKeyDictionary = field(default_factory=weakref.WeakKeyDictionary)
    shots: list[_Shot] = field(default_factory=list)
    qthreads: weakref.WeakKeyDictionary = field(default_factory=weakref.WeakKeyDictionary)
    pools: weakref.WeakKeyDictionary = field(default_factory=weakref.WeakKeyDictionary)
    global_jobs: list[str] = field(default_factory=list)  # its wrappers come and go
    in_single_shot: bool = False  # the QTimer PySide makes for a shot is the shot's business


def _watch_qt(monkeypatch: pytest.MonkeyPatch) -> _QtRecords:
    """Wrap the calls that start Qt timers, threads and pool jobs (undone by monkeypatch)."""
    import shiboken6
    from PySide6.QtCore import QObject, QThread, QThreadPool, QTimer

    records = _QtRecords()
    global_pool = shiboken6.getCppPointer(QThreadPool.globalInstance())[0]
    timer_init = QTimer.__init__
    single_shot = QTimer.singleShot
    thread_init = QThread.__init__
    pool_start = QThreadPool.start
    pool_try_start = QThreadPool.tryStart

    def init_timer(self: QTimer, *args: Any, **kwargs: Any) -> None:
        timer_init(self, *args, **kwargs)
        where = None if records.in_single_shot else _started_at()
        if where is not None:
            records.timers[self] = where

    def shot(*args: Any) -> None:
        if len(args) == 2 and callable(args[1]):
            (msec, function), context = args, None
        elif len(args) == 3 and isinstance(args[1], QObject) and callable(args[2]):
            msec, context, function = args
        else:  # a receiver with a SLOT() name: rare, not tracked
            single_shot(*args)
            return
        record = _Shot(_started_at() or "?", msec)
        records.shots.append(record)

        def fire() -> None:
            record.done = True
            if not record.harmless:
                function()

        records.in_single_shot = True  # (GUI thread: no shots from two threads at once)
        try:
            if context is None:
                single_shot(msec, fire)
            else:
                context.destroyed.connect(lambda *_: setattr(record, "done", True))
                single_shot(msec, context, fire)
        finally:
            records.in_single_shot = False

    def init_thread(self: QThread, *args: Any, **kwargs: Any) -> None:
        thread_init(self, *args, **kwargs)
        records.qthreads[self] = _started_at() or "?"

    def note_job(pool: QThreadPool, job: Any) -> None:
        note = f"{_describe(job)} at {_started_at() or '?'}"
        if shiboken6.getCppPointer(pool)[0] == global_pool:
            records.global_jobs.append(note)
        else:
            records.pools.setdefault(pool, []).append(note)

    def start_job(self: QThreadPool, job: Any, *args: Any) -> None:
        note_job(self, job)
        pool_start(self, job, *args)

    def try_start_job(self: QThreadPool, job: Any) -> bool:
        started = pool_try_start(self, job)
        if started:
            note_job(self, job)
        return started

    monkeypatch.setattr(QTimer, "__init__", init_timer)
    monkeypatch.setattr(QTimer, "singleShot", staticmethod(shot))
    monkeypatch.setattr(QThread, "__init__", init_thread)
    monkeypatch.setattr(QThreadPool, "start", start_job)
    monkeypatch.setattr(QThreadPool, "tryStart", try_start_job)
    return records


def _alive(qobject: Any) -> bool:
    import shiboken6

    return shiboken6.isValid(qobject)


def _type_name(qobject: Any) -> str:
    return "none" if qobject is None else type(qobject).__qualname__


def _qt_leaks(records: _QtRecords, deadline: float) -> Iterator[str]:
    """Describe what is still running, then stop it where Qt allows."""
    from PySide6.QtCore import QThreadPool

    def remaining_ms() -> int:
        return max(0, round((deadline - time.monotonic()) * 1000))

    pools = [("QThreadPool.globalInstance()", QThreadPool.globalInstance(), records.global_jobs)]
    pools += [
        (f"a QThreadPool (parent {_type_name(pool.parent())})", pool, jobs)
        for pool, jobs in list(records.pools.items())
        if _alive(pool)
    ]
    for name, pool, jobs in pools:
        if pool.waitForDone(remaining_ms()):
            continue
        started = "; ".join(jobs) or "none started by this test (an earlier one?)"
        yield (
            f"{name}: {pool.activeThreadCount()} job(s) still active after "
            f"{GRACE_SECONDS} s; jobs started during the test: {started}"
        )
        # Not clear()ed: a dropped job never runs its end (warm-up's "loaded" event, say), and
        # whatever waits for that would hang the next test instead of failing this one.
        pool.waitForDone(round(CLEANUP_SECONDS * 1000))

    for thread, where in list(records.qthreads.items()):
        if _alive(thread) and thread.isRunning() and not thread.wait(remaining_ms()):
            yield f"QThread {type(thread).__qualname__} still running, created at {where}"
            thread.quit()
            thread.wait(round(CLEANUP_SECONDS * 1000))

    for timer, where in list(records.timers.items()):
        if _alive(timer) and timer.isActive():
            kind = "single-shot " if timer.isSingleShot() else ""
            yield (
                f"QTimer ({kind}interval {timer.interval()} ms, parent "
                f"{_type_name(timer.parent())}) still active, created at {where}"
            )
            timer.stop()

    for record in records.shots:
        if not record.done:
            yield f"QTimer.singleShot({record.msec} ms) has not fired yet, called at {record.where}"
            record.harmless = True


def _watch_threads(monkeypatch: pytest.MonkeyPatch) -> dict[threading.Thread, str]:
    started: dict[threading.Thread, str] = {}
    original = threading.Thread.start

    def start(self: threading.Thread) -> None:
        started[self] = _started_at() or "?"
        original(self)

    monkeypatch.setattr(threading.Thread, "start", start)
    return started


def _thread_leaks(
    before: set[threading.Thread], started: dict[threading.Thread, str], deadline: float
) -> Iterator[str]:
    """Threads (started by Python, not Qt's own, which show as dummies) still alive."""
    for thread in threading.enumerate():
        if thread in before or isinstance(thread, threading._DummyThread):
            continue
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            where = started.get(thread, "before the checks were set up")
            yield f"threading.Thread {thread.name!r} still alive, started at {where}"


def _uses_qt(request: pytest.FixtureRequest) -> bool:
    """The test asks for the QApplication (``qapp``, ``qtbot``) or one exists already."""
    if "qapp" in request.fixturenames:
        return True
    core = sys.modules.get("PySide6.QtCore")  # never imported here (pytest-qt has done it)
    return core is not None and core.QCoreApplication.instance() is not None


@pytest.fixture(autouse=True)
def no_leftover_work(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail (at teardown) a test that leaves threads, pool jobs or timers running."""
    before = set(threading.enumerate())
    with pytest.MonkeyPatch.context() as patch:
        started = _watch_threads(patch)
        qt = _watch_qt(patch) if _uses_qt(request) else None
        yield
    deadline = time.monotonic() + GRACE_SECONDS
    leaks = list(_qt_leaks(qt, deadline)) if qt is not None else []
    leaks += _thread_leaks(before, started, deadline)
    if leaks:
        pytest.fail(
            "The test left work running; it would go on during later tests:\n  - "
            + "\n  - ".join(leaks)
            + "\nWait for it before the test ends (qtbot.waitUntil, QThreadPool.waitForDone, "
            "Thread.join, QTimer.stop) or stop it in the code under test.",
            pytrace=False,
        )

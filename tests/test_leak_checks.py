"""The leak checks of tests/leak_checks.py catch what they promise, and only that.

A small generated test file runs in its own pytest process (so its leaks and its QApplication
stay out of this run); the JUnit report tells each test's outcome and message.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

CONFTEST = "from tests.leak_checks import no_leftover_work  # noqa: F401\n"

LEAKY = '''
import threading
import time

import shiboken6
from PySide6.QtCore import QObject, QThread, QThreadPool, QTimer, Signal

kept = []
release = threading.Event()  # set by the last test: the leaked work ends


def test_without_a_screen():
    threading.Thread(target=time.sleep, args=(0.01,)).start()


def test_the_checks_made_no_qapplication():
    from PySide6.QtCore import QCoreApplication
    assert QCoreApplication.instance() is None


def test_waits_for_its_pool_job(qtbot):
    done = []
    QThreadPool.globalInstance().start(lambda: done.append(time.sleep(0.05)))
    qtbot.waitUntil(lambda: done != [])
    QThreadPool.globalInstance().waitForDone()


def test_pool_job(qtbot):
    QThreadPool.globalInstance().start(lambda: release.wait(2))  # LINE:pool


def test_timer(qtbot):
    timer = QTimer()  # LINE:timer
    timer.start(60_000)
    kept.append(timer)


def test_single_shot(qtbot):
    QTimer.singleShot(60_000, lambda: None)  # LINE:shot


def test_single_shot_whose_context_is_gone(qtbot):
    context = QObject()
    QTimer.singleShot(60_000, context, lambda: None)
    context.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(context))


class Typing(QObject):
    text_changed = Signal(str)


def test_timer_started_by_a_signal(qtbot):
    source, timer = Typing(), QTimer()  # LINE:signal
    timer.setInterval(60_000)
    source.text_changed.connect(timer.start)  # the slot start() takes no text
    source.text_changed.emit("typed")
    kept.append((source, timer))


def test_stopped_timer(qtbot):
    timer = QTimer()
    timer.start(60_000)
    timer.stop()
    kept.append(timer)


class Sleeper(QThread):
    def run(self):
        release.wait(2)


def test_qthread(qtbot):
    thread = Sleeper()  # LINE:qthread
    thread.start()
    kept.append(thread)


def test_thread():
    threading.Thread(target=release.wait, args=(5,), name="sleeper").start()  # LINE:thread


def test_thread_that_ends_soon():
    threading.Timer(0.05, lambda: None).start()  # within the grace: no leak


def test_after_the_leaks(qtbot):
    """Reported leaks were stopped, or are not blamed on the next test."""
    release.set()
'''


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """test name -> "passed" or the text of its error or failure."""
    folder = tmp_path_factory.mktemp("leaks")
    (folder / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (folder / "test_leaky.py").write_text(LEAKY, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    report = folder / "report.xml"
    subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", f"--junitxml={report}"],
        cwd=folder,
        env=env,
        capture_output=True,
        timeout=120,
    )
    results: dict[str, str] = {}
    for case in ElementTree.parse(report).iter("testcase"):
        problems = [child for child in case if child.tag in ("error", "failure")]
        text = "\n".join(p.text or p.get("message") or "?" for p in problems)
        results[case.get("name", "")] = text or "passed"
    return results


def test_clean_tests_pass(outcomes):
    for name in (
        "test_without_a_screen",
        "test_the_checks_made_no_qapplication",
        "test_waits_for_its_pool_job",
        "test_single_shot_whose_context_is_gone",
        "test_stopped_timer",
        "test_thread_that_ends_soon",
        "test_after_the_leaks",
    ):
        assert outcomes[name] == "passed", name


def leak(outcomes: dict[str, str], test: str, kind: str) -> str:
    """The one line of ``test``'s failure that names a leak of ``kind``."""
    text = outcomes[test]
    assert "The test left work running" in text, test
    lines = [line for line in text.splitlines() if line.startswith("  - ")]
    assert len(lines) == 1, text
    assert lines[0].startswith(f"  - {kind}"), text
    return lines[0]


def place(tag: str) -> str:
    line = next(n for n, text in enumerate(LEAKY.splitlines(), 1) if f"# LINE:{tag}" in text)
    return f"/test_leaky.py:{line}"


def test_a_running_pool_job_fails_the_test(outcomes):
    line = leak(outcomes, "test_pool_job", "QThreadPool.globalInstance(): 1 job(s) still active")
    assert "test_pool_job.<locals>.<lambda>() at " in line
    assert line.endswith(place("pool"))


def test_an_active_timer_fails_the_test(outcomes):
    line = leak(outcomes, "test_timer", "QTimer (interval 60000 ms, parent none) still active")
    assert line.endswith(place("timer"))


def test_a_timer_started_through_its_slot_fails_the_test(outcomes):
    line = leak(outcomes, "test_timer_started_by_a_signal", "QTimer (interval 60000 ms, parent")
    assert line.endswith(place("signal"))


def test_a_pending_single_shot_fails_the_test(outcomes):
    line = leak(outcomes, "test_single_shot", "QTimer.singleShot(60000 ms) has not fired yet")
    assert line.endswith(place("shot"))


def test_a_running_qthread_fails_the_test(outcomes):
    line = leak(outcomes, "test_qthread", "QThread Sleeper still running")
    assert line.endswith(place("qthread"))


def test_a_live_python_thread_fails_the_test(outcomes):
    line = leak(outcomes, "test_thread", "threading.Thread 'sleeper' still alive")
    assert line.endswith(place("thread"))

"""The real window start (ui.main, no --smoke) up to the unlock dialog, and on to the Übersicht.

Run as a whole process by the runner on a locked data location (LOTSE_DATA_DIR, and
LOTSE_PASSPHRASE for the typing):

    python -m benchmarks.unlock_probe dialog    # quit (as with "Beenden") at the first paint
    python -m benchmarks.unlock_probe overview  # then type the passphrase, Enter, Übersicht

``UnlockDialog.exec`` is replaced by: show, wait for the first paint, then either reject, or
put the passphrase into the field and call ``try_unlock`` (what Enter does: key derivation on
the GUI thread, accept). The main window is watched for its first paint, then closed. The
daily backup and the backup on close are switched off (they would copy the demo file at every
run; a day's first start copies it on a worker meanwhile). Prints one JSON line of
``time.monotonic()`` stamps (CLOCK_MONOTONIC: comparable with the parent's clock):
``dialog_painted``, and for ``overview`` also ``enter`` and ``overview_painted``; and
``peak_mb``, the process's own peak resident set at its end.
"""

from __future__ import annotations

import json
import os
import sys
import time


def main(mode: str) -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QDialog

    from benchmarks.baselines.bare_window import FirstPaint, peak_mb
    from ui.main import main as lotse_main
    from ui.security.unlock_dialog import UnlockDialog

    stamps: dict[str, float] = {}

    def wait_for_paint(window: QDialog) -> float:
        loop = QEventLoop()
        painted: list[float] = []

        def done(stamp: float) -> None:
            painted.append(stamp)
            loop.quit()

        _watch = FirstPaint(window, done)
        window.show()
        QTimer.singleShot(20_000, loop.quit)  # a safety net: never wait forever
        loop.exec()
        if not painted:
            raise RuntimeError("the unlock dialog was not painted within 20 s")
        return painted[0]

    def exec_dialog(dialog: UnlockDialog) -> QDialog.DialogCode:
        stamps["dialog_painted"] = wait_for_paint(dialog)
        if mode == "dialog":
            dialog.reject()
            return QDialog.DialogCode.Rejected
        watch_main_window()  # (while the user types: what the start imports after the unlock)
        dialog.field.setText(os.environ["LOTSE_PASSPHRASE"])
        stamps["enter"] = time.monotonic()
        if not dialog.try_unlock():
            raise RuntimeError(f"not unlocked: {dialog.message.text()}")
        return QDialog.DialogCode.Accepted

    def watch_main_window() -> None:
        import ui.app
        from ui.main_window import MainWindow

        original_show = MainWindow.show

        def show_window(window: MainWindow) -> None:
            def painted(stamp: float) -> None:
                stamps["overview_painted"] = stamp
                QTimer.singleShot(0, window.close)  # app.exec() returns: the user closed Lotse

            window._bench_watch = FirstPaint(window, painted)  # type: ignore[attr-defined]
            original_show(window)

        MainWindow.show = show_window  # type: ignore[method-assign]
        ui.app._daily_backup = lambda _lotse: None
        ui.app._backup_on_close = lambda _lotse: None

    UnlockDialog.exec = exec_dialog  # type: ignore[method-assign,assignment]
    code = lotse_main([])
    if code != 0:
        return code
    expected = {"dialog_painted"} | ({"enter", "overview_painted"} if mode == "overview" else set())
    if not expected <= stamps.keys():
        raise RuntimeError(f"missing stamps: {sorted(expected - stamps.keys())}")
    print(json.dumps({**stamps, "peak_mb": peak_mb()}), flush=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("dialog", "overview"):
        raise SystemExit("usage: python -m benchmarks.unlock_probe dialog|overview")
    sys.exit(main(sys.argv[1]))

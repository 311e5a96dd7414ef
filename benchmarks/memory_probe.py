"""Lotse after start with the Teilnehmende list shown and the background loading done.

Run as a whole process by the runner, which reads its peak resident set: the memory figure
of the budget. Uses the data location of LOTSE_DATA_DIR, unlocked with LOTSE_PASSPHRASE at the
point where the window start unlocks (after the Qt set-up, before the database opens): the
peak includes the key derivation's Argon2id memory, as a real start's does. Prints a JSON
line: ``peak_mb`` (VmHWM, its own peak resident set) and ``final_mb`` (VmRSS at the end, after
the derivation's memory has been given back).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def resident_mb() -> float | None:
    """VmRSS of this process now (Linux); None where there is no /proc (not measured)."""
    status = Path("/proc/self/status")
    if not status.exists():
        return None
    for line in status.read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    from app.bootstrap import bootstrap, unlock_key
    from app.paths import data_paths
    from benchmarks.baselines.bare_window import peak_mb
    from ui.app import application
    from ui.main_window import PARTICIPANTS, MainWindow
    from ui.warm_up import warm_up

    app = application()
    paths = data_paths()
    lotse = bootstrap(paths, key=unlock_key(paths, os.environ["LOTSE_PASSPHRASE"]))
    try:
        window = MainWindow(lotse)
        window.show()
        app.processEvents()
        warm_up(lotse)  # what the worker thread loads after the first paint
        window.show_page(PARTICIPANTS)
        app.processEvents()
        if window.participants_page.row_count() == 0:
            raise SystemExit("the list is empty")
        print(json.dumps({"peak_mb": peak_mb(), "final_mb": resident_mb()}), flush=True)
        window.close()
    finally:
        lotse.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

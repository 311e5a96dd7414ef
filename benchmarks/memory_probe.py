"""Lotse after start with the Teilnehmende list shown and the background loading done.

Run as a whole process by the runner, which reads its peak resident set: the memory figure
of the budget. Uses the data location of LOTSE_DATA_DIR.
"""

from __future__ import annotations

import sys


def main() -> int:
    from app.bootstrap import bootstrap
    from ui.app import application
    from ui.main_window import PARTICIPANTS, MainWindow
    from ui.warm_up import warm_up

    app = application()
    lotse = bootstrap()
    try:
        window = MainWindow(lotse)
        window.show()
        app.processEvents()
        warm_up(lotse)  # what the worker thread loads after the first paint
        window.show_page(PARTICIPANTS)
        app.processEvents()
        if window.participants_page.row_count() == 0:
            raise SystemExit("the list is empty")
        window.close()
    finally:
        lotse.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Entry script of the PyInstaller bundle (build.spec): runs the `lotse` command.

A launcher outside ui/ keeps ui/ off PyInstaller's search path, where ui/app.py would
otherwise shadow the `app` package, and keeps ui.main an ordinary module.
"""

import sys

from ui.main import main

if __name__ == "__main__":
    sys.exit(main())

"""Entry point of the `lotse` command: window forms here, other commands in app.cli."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from app.cli import parse, run_command

    invocation = parse(argv)
    if not invocation.gui:
        return run_command(invocation.args)
    from ui.app import run_gui  # Qt is imported only when a window is wanted

    return run_gui(smoke=invocation.smoke)


if __name__ == "__main__":
    sys.exit(main())

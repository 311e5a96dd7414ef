"""Entry point of the `lotse` command: window forms here, other commands in app.cli."""

from __future__ import annotations

import sys
from collections.abc import Sequence

# The two window forms skip the argument parser (building it costs ~10 ms of the start).
WINDOW_FORMS = {(): False, ("--smoke",): True}  # arguments → smoke


def main(argv: Sequence[str] | None = None) -> int:
    arguments = tuple(sys.argv[1:] if argv is None else argv)
    smoke = WINDOW_FORMS.get(arguments)
    if smoke is None:
        from app.cli import parse, run_command

        invocation = parse(arguments)
        if not invocation.gui:
            return run_command(invocation.args)
        smoke = invocation.smoke
    from ui.app import run_gui  # Qt is imported only when a window is wanted

    return run_gui(smoke=smoke)


if __name__ == "__main__":
    sys.exit(main())

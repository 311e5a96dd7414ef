"""Entry point of the `lotse` command: window forms here, other commands in app.cli."""

from __future__ import annotations

import sys
from collections.abc import Sequence

# The two window forms skip the argument parser (building it costs ~10 ms of the start).
WINDOW_FORMS = {(): False, ("--smoke",): True}  # arguments → smoke


def main(argv: Sequence[str] | None = None) -> int:
    arguments = tuple(sys.argv[1:] if argv is None else argv)
    tolerant_output()
    smoke = WINDOW_FORMS.get(arguments)
    if smoke is None:
        if not has_console():  # the windowed Lotse.exe: a window form, or a command for the CLI
            window = window_with_data_dir(arguments)
            if window is None:
                from ui.console_hint import show_console_hint

                return show_console_hint(arguments)
            arguments = window
        from app.cli import parse, run_command

        invocation = parse(arguments)
        if not invocation.gui:
            return run_command(invocation.args)
        smoke = invocation.smoke
    from ui.app import run_gui  # Qt is imported only when a window is wanted

    return run_gui(smoke=smoke)


def window_with_data_dir(arguments: tuple[str, ...]) -> tuple[str, ...] | None:
    """The arguments when they only name a data location for the window (a Start-menu
    shortcut ``Lotse.exe --data-dir D:\\Lotse``), else None."""
    rest = list(arguments)
    if rest[:1] == ["--data-dir"] and len(rest) >= 2:
        rest = rest[2:]
    elif rest and rest[0].startswith("--data-dir="):
        rest = rest[1:]
    return arguments if rest in ([], ["--smoke"]) else None


def has_console() -> bool:
    """False in the windowed executable on Windows, which has no standard output at all."""
    return sys.stdout is not None and sys.stderr is not None


def tolerant_output() -> None:
    """Output that cannot crash: a name or path with Ł, ş or Cyrillic printed into a
    redirected cp1252 stream (Windows without UTF-8 mode) becomes '?', not UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


if __name__ == "__main__":
    sys.exit(main())

"""The `lotse` command line: parsing and the commands that need no window.

The entry point lives in ui/main.py, which opens the window for the GUI forms; everything else
runs here without Qt.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app import __version__
from app.i18n import N_, _, ngettext
from app.reports.languages import SECOND_LANGUAGES

# argparse's own messages (it translates them through the module-level `_` of gettext):
# listed here so that they reach the German catalog; `_german_argparse` hands ours to argparse.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


def _german_argparse() -> None:
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


class GermanArgumentParser(argparse.ArgumentParser):
    """argparse with German messages; bad arguments print the usage and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, _("{prog}: error: {message}\n").format(prog=self.prog, message=message))


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a whole number").format(value=text)
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be at least 1"))
    return value


def _file_with_suffix(suffix: str) -> Callable[[str], Path]:
    """An argument type: a file ending in ``suffix`` in a folder that exists."""

    def check(text: str) -> Path:
        path = Path(text)
        if path.suffix.lower() != suffix:
            raise argparse.ArgumentTypeError(
                _("'{value}' is no {suffix} file").format(value=text, suffix=suffix)
            )
        if not path.parent.is_dir():
            raise argparse.ArgumentTypeError(
                _("The folder {path} does not exist.").format(path=path.parent)
            )
        return path

    return check


def _existing_folder(text: str) -> Path:
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(_("The folder {path} does not exist.").format(path=path))
    return path


def build_parser() -> argparse.ArgumentParser:
    _german_argparse()
    parser = GermanArgumentParser(
        prog="lotse",
        description=_("Lotse – caseload management for JOKO and training management."),
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
    parser.add_argument(
        "--version", action="version", version=f"Lotse {__version__}", help=_("show the version")
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=_("open the main window, process events and quit (for checks)"),
    )
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), title=_("commands"))

    demo = commands.add_parser(
        "demo", help=_("fill the data location with synthetic demo data"), add_help=False
    )
    demo.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
    demo.add_argument(
        "--participants",
        type=_positive_int,
        required=True,
        metavar="N",
        help=_("number of participants"),
    )
    demo.add_argument("--seed", type=int, default=1, metavar="S", help=_("random seed (default 1)"))

    plan = commands.add_parser(
        "plan", help=_("write the current support plan of a participant as PDF"), add_help=False
    )
    plan.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
    plan.add_argument(
        "participant_id", type=_positive_int, metavar="PARTICIPANT_ID", help=_("participant number")
    )
    plan.add_argument("--out", required=True, metavar="FILE.pdf", help=_("where to write the PDF"))
    plan.add_argument(
        "--version",
        type=_positive_int,
        metavar="N",
        help=_("print version N of the plan (also a closed one) instead of the open one"),
    )
    plan.add_argument(
        "--lang",
        choices=sorted(SECOND_LANGUAGES),
        metavar="LANG",
        help=_("second language of the labels: {choices}").format(
            choices=", ".join(sorted(SECOND_LANGUAGES))
        ),
    )

    visit = commands.add_parser(
        "visit",
        help=_("write the visit sheet (Besuchsblatt) of an organisation as PDF"),
        add_help=False,
    )
    visit.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
    visit.add_argument(
        "organization_id",
        type=_positive_int,
        metavar="ORGANISATION_ID",
        help=_("organisation number"),
    )
    visit.add_argument("--out", required=True, metavar="FILE.pdf", help=_("where to write the PDF"))

    calendar = commands.add_parser(
        "calendar",
        help=_("write the open follow-ups as appointments for Outlook (.ics)"),
        add_help=False,
    )
    calendar.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
    calendar.add_argument(
        "--out",
        required=True,
        type=_file_with_suffix(".ics"),
        metavar="FILE.ics",
        help=_("where to write the calendar file"),
    )

    export = commands.add_parser(
        "export", help=_("write everything stored about one person"), add_help=False
    )
    export.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
    exports = export.add_subparsers(dest="export_kind", metavar=_("WHAT"), title=_("exports"))
    exports.required = True
    person = exports.add_parser(
        "person",
        help=_("the information for a data subject access request (Art. 15 GDPR): PDF and JSON"),
        add_help=False,
    )
    person.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
    person.add_argument(
        "participant_id", type=_positive_int, metavar="PARTICIPANT_ID", help=_("participant number")
    )
    person.add_argument(
        "--out",
        required=True,
        type=_existing_folder,
        metavar="DIR",
        help=_("the folder to write the files into"),
    )

    backup = commands.add_parser(
        "backup", help=_("write a verified, encrypted copy of the database"), add_help=False
    )
    backup.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
    backup.add_argument(
        "--to",
        metavar="DIR",
        help=_("folder for the copy, e.g. a USB stick (default: the backups folder)"),
    )

    restore = commands.add_parser(
        "restore", help=_("put a backup back in place of the database"), add_help=False
    )
    restore.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
    restore.add_argument("file", metavar="FILE", help=_("the backup (.sqlite) to restore"))
    restore.add_argument(
        "--yes", action="store_true", help=_("do not ask (the current state is backed up first)")
    )

    check = commands.add_parser(
        "check", help=_("check the database file and its schema"), add_help=False
    )
    check.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
    return parser


@dataclass(frozen=True)
class Invocation:
    gui: bool
    smoke: bool
    args: argparse.Namespace


def parse(argv: Sequence[str] | None = None) -> Invocation:
    args = build_parser().parse_args(argv)
    return Invocation(gui=args.command is None, smoke=bool(args.smoke), args=args)


def run_command(args: argparse.Namespace) -> int:
    """Run a command that needs no window; returns the exit code."""
    from app.commands import run

    return run(args)

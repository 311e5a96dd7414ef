"""The `lotse` command line: parsing and the commands that need no window.

The entry point lives in ui/main.py, which opens the window for the GUI forms; everything else
runs here without Qt.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app import __version__
from app.i18n import N_, _, ngettext, parse_german_date
from app.paths import set_data_dir_option
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


def _date(text: str) -> date:
    """A date as 01.02.2026 or 2026-02-01."""
    try:
        if "-" in text:
            return date.fromisoformat(text.strip())
        day = parse_german_date(text)
    except ValueError:
        day = None
    if day is None:
        raise argparse.ArgumentTypeError(
            _("'{value}' is no date (e.g. 01.02.2026 or 2026-02-01)").format(value=text)
        )
    return day


def _file_with_suffixes(*suffixes: str) -> Callable[[str], Path]:
    """An argument type: a file ending in one of ``suffixes`` in a folder that exists."""
    checks = {suffix: _file_with_suffix(suffix) for suffix in suffixes}

    def check(text: str) -> Path:
        suffix = Path(text).suffix.lower()
        if suffix not in checks:
            raise argparse.ArgumentTypeError(
                _("'{value}' is no {suffix} file").format(
                    value=text, suffix=_(" or ").join(suffixes)
                )
            )
        return checks[suffix](text)

    return check


def _existing_file(text: str) -> Path:
    path = Path(text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(_("The file {path} does not exist.").format(path=path))
    return path


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
    parser.add_argument(
        "--data-dir",
        metavar=_("FOLDER"),
        help=_(
            "the data location to use (before the command; instead of LOTSE_DATA_DIR, "
            "lotse.ini or the default)"
        ),
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

    report = commands.add_parser(
        "report",
        help=_("write the figures of a period for the funding body (Sachbericht)"),
        add_help=False,
    )
    report.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
    report.add_argument(
        "--from", dest="start", required=True, type=_date, metavar="DATE", help=_("first day")
    )
    report.add_argument(
        "--to", dest="end", required=True, type=_date, metavar="DATE", help=_("last day")
    )
    report.add_argument(
        "--program",
        choices=("joko", "ausbildung"),
        metavar="joko|ausbildung",
        help=_("only this funding area (default: both)"),
    )
    report.add_argument(
        "--out",
        required=True,
        type=_file_with_suffixes(".pdf", ".xlsx"),
        metavar="FILE.pdf|FILE.xlsx",
        help=_("where to write the report"),
    )

    esf_list = commands.add_parser(
        "esf-list",
        help=_("write the ESF+ participant list for efREporter4"),
        add_help=False,
    )
    esf_list.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
    esf_list.add_argument(
        "--out",
        required=True,
        type=_file_with_suffixes(".xlsx", ".csv"),
        metavar="FILE.xlsx|FILE.csv",
        help=_("where to write the list"),
    )
    esf_list.add_argument(
        "--pseudonymised",
        action="store_true",
        help=_("identify people only by their TN-Nr. (no names, no addresses)"),
    )

    importing = commands.add_parser(
        "import",
        help=_("import participants, organisations or job offers from a spreadsheet"),
        add_help=False,
    )
    importing.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
    importing.add_argument(
        "file",
        type=_file_with_suffixes(".xlsx", ".csv"),
        metavar="FILE",
        help=_("the spreadsheet (.xlsx or .csv)"),
    )
    importing.add_argument(
        "--kind",
        required=True,
        choices=("participants", "organisations", "offers"),
        metavar="participants|organisations|offers",
        help=_("what the rows are"),
    )
    importing.add_argument(
        "--dry-run",
        action="store_true",
        help=_("check the file and show what would be imported, store nothing"),
    )
    importing.add_argument(
        "--mapping",
        type=_existing_file,
        metavar="FILE",
        help=_("column mapping (JSON: column header → field); default: suggested from the headers"),
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
    if args.data_dir is not None:
        if not args.data_dir.strip():
            build_parser().error(_("argument --data-dir: the folder is empty"))
        set_data_dir_option(args.data_dir)
    return Invocation(gui=args.command is None, smoke=bool(args.smoke), args=args)


def run_command(args: argparse.Namespace) -> int:
    """Run a command that needs no window; returns the exit code."""
    from app.commands import run

    return run(args)

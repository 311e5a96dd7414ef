"""Every file location Lotse uses, in one place.

The data location is platformdirs' ``user_data_dir("Lotse")`` unless ``lotse --data-dir DIR``,
the environment variable ``LOTSE_DATA_DIR`` or a ``lotse.ini`` beside the program names another
folder (``data_choice``); app/data_location.py says whether that folder may hold the data.
"""

from __future__ import annotations

import configparser
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import platformdirs

APP_NAME = "Lotse"
DATA_DIR_ENV = "LOTSE_DATA_DIR"
PASSPHRASE_ENV = "LOTSE_PASSPHRASE"  # the command line and --smoke read the passphrase there
DATABASE_FILE = "lotse.sqlite"
KEY_FILE = "lotse.key"
LOCK_FILE = "lotse.lock"
BACKUP_FOLDER = "backups"
INI_FILE = "lotse.ini"
INI_SECTION = "Lotse"
INI_KEY = "data_dir"
_PERCENT = re.compile(r"%([^%\s]+)%")


def resource_dir() -> Path:
    """Folder with icons, fonts, catalogs: inside the bundle when frozen, else the source tree."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


@dataclass(frozen=True)
class DataPaths:
    """The files of one data location."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_FILE

    @property
    def key_file(self) -> Path:
        """The database's data key, wrapped by the passphrase (app.db.keys)."""
        return self.root / KEY_FILE

    @property
    def lock(self) -> Path:
        return self.root / LOCK_FILE

    @property
    def backups(self) -> Path:
        return self.root / BACKUP_FOLDER

    def ensure(self) -> DataPaths:
        self.root.mkdir(parents=True, exist_ok=True)
        self.backups.mkdir(exist_ok=True)
        return self


_option: str | None = None  # lotse --data-dir DIR (set once by the entry point)


class Source(StrEnum):
    OPTION = "--data-dir"
    ENVIRONMENT = DATA_DIR_ENV
    INI = INI_FILE
    DEFAULT = "default"


@dataclass(frozen=True)
class Choice:
    folder: Path
    source: Source
    ini: Path | None = None
    ini_error: str | None = None  # a lotse.ini that cannot be read (the location is refused)


def expand(text: str, environ: Mapping[str, str] | None = None) -> str:
    """A folder as typed into a variable or an ini file: outer quotes and spaces stripped,
    ``%VAR%`` (any case), ``$VAR`` / ``${VAR}`` and ``~`` expanded; unknown variables stay."""
    environ = os.environ if environ is None else environ
    value = text.strip()
    while len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1].strip()
    folded = {name.casefold(): content for name, content in environ.items()}
    value = _PERCENT.sub(lambda m: folded.get(m.group(1).casefold(), m.group(0)), value)
    value = re.sub(
        r"\$\{(\w+)\}|\$(\w+)",
        lambda m: environ.get(m.group(1) or m.group(2), m.group(0)),
        value,
    )
    return os.path.expanduser(value) if value.startswith("~") else value


def ini_value(ini: Path) -> str | None:
    """The ``data_dir`` of a ``lotse.ini`` (None: no file or no entry). Raises ValueError
    for a file that cannot be read."""
    if not ini.is_file():
        return None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(ini, encoding="utf-8-sig")
    except (configparser.Error, UnicodeDecodeError, OSError) as error:
        raise ValueError(str(error).splitlines()[0]) from error
    return parser.get(INI_SECTION, INI_KEY, fallback="").strip() or None


def choose(
    *,
    option: str | None,
    environ: Mapping[str, str],
    ini: Path | None,
    default: Callable[[], Path],
) -> Choice:
    """The data location, from (in this order) ``--data-dir``, ``LOTSE_DATA_DIR``, the
    ``lotse.ini`` beside the program (a relative folder counts from the ini's folder: portable
    use from a USB stick), the platform's default."""
    if option and option.strip():
        return Choice(_folder(expand(option, environ)), Source.OPTION)
    given = environ.get(DATA_DIR_ENV, "")
    if given.strip():
        return Choice(_folder(expand(given, environ)), Source.ENVIRONMENT)
    if ini is not None:
        try:
            value = ini_value(ini)
        except ValueError as error:
            return Choice(default(), Source.INI, ini, str(error))
        if value:
            folder = Path(expand(value, environ))
            if not folder.is_absolute():
                folder = ini.parent / folder
            return Choice(folder.resolve(), Source.INI, ini)
    return Choice(default(), Source.DEFAULT)


def _folder(text: str) -> Path:
    return Path(text).resolve()  # (expand has taken care of "~")


def set_data_dir_option(folder: str | None) -> None:
    global _option
    _option = folder


def ini_file() -> Path | None:
    """``lotse.ini`` beside the program (the bundle's executables); None when run from source."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent / INI_FILE


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def data_choice() -> Choice:
    return choose(option=_option, environ=os.environ, ini=ini_file(), default=default_data_dir)


def data_dir() -> Path:
    return data_choice().folder


def data_paths() -> DataPaths:
    return DataPaths(data_dir())

"""Cell values as coordinators' spreadsheets hold them, read into the values the services take.

Each reader takes one cell (str, float, int, bool, date, datetime, time or None — what
python-calamine and the csv module give) and returns the value, or raises ``CellProblem``
with a German message. Nothing is repaired beyond what the spreadsheet lost on its way:
surrounding and doubled spaces, the leading zero of a PLZ stored as a number, the ".0" of a
whole number, a date stored as an Excel serial number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import cache

from babel import Locale

from app.i18n import _, parse_german_date
from app.text import fold
from app.vocab import LabeledEnum

Cell = object
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 01.01.1900 (with Lotus' 29.02.1900 counted)
MAX_SERIAL = 2_958_465  # 31.12.9999
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_LIST_SEPARATORS = re.compile(r"\s*[,;/]\s*|\s+und\s+")
_YES = frozenset({"ja", "j", "x", "yes", "y", "1", "wahr", "true", "✓", "✔"})
_NO = frozenset({"nein", "n", "no", "0", "falsch", "false"})
_NUMBER = re.compile(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?|-?\d+(?:[,.]\d+)?")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")


class CellProblem(ValueError):
    """The cell cannot be read as the field's value; ``str()`` is the German message."""


def _quoted(cell: Cell) -> str:
    return f"„{display(cell)}“"


def is_empty(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def display(cell: Cell) -> str:
    """A cell as the preview shows it (dates German, whole numbers without ".0")."""
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.strftime("%d.%m.%Y %H:%M") if cell.time() != time() else f"{cell:%d.%m.%Y}"
    if isinstance(cell, date):
        return f"{cell:%d.%m.%Y}"
    if isinstance(cell, bool):
        return _("yes") if cell else _("no")
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else f"{cell:g}".replace(".", ",")
    return one_line(str(cell))


def shown(value: object) -> str:
    """A value as read (a date, a vocabulary member, a list), as the preview shows it."""
    if value is None:
        return ""
    if isinstance(value, LabeledEnum):
        return value.label
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return display(value)


def one_line(text: str) -> str:
    """NFC, no surrounding spaces, runs of spaces (also no-break spaces) as one."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


# -- texts -------------------------------------------------------------------------------------


def text(cell: Cell) -> str:
    """A one-line text: "Müller  " → "Müller"; the number 6108.0 → "6108"."""
    if is_empty(cell):
        return ""
    if isinstance(cell, str):
        return one_line(cell)
    return display(cell)


def long_text(cell: Cell) -> str:
    """A multi-line text: line breaks kept, each line's spaces tidied."""
    if is_empty(cell):
        return ""
    if not isinstance(cell, str):
        return display(cell)
    lines = unicodedata.normalize("NFC", cell).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in lines.split("\n")).strip()


def _digits(cell: Cell, width: int, lost: int) -> str:
    """A number column that lost up to ``lost`` leading zeros: 6108 → "06108"."""
    if isinstance(cell, bool):
        return text(cell)
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    value = str(cell) if isinstance(cell, int) else text(cell).replace(" ", "")
    if value.isascii() and value.isdigit() and width - lost <= len(value) < width:
        return value.zfill(width)
    return value if value.isdigit() else text(cell)


def postal_code(cell: Cell) -> str:
    """A German PLZ: 6108 (a number, its leading zero lost) → "06108"; "06 108" → "06108";
    123 stays "123" (the check refuses it: no PLZ has two leading zeros)."""
    return _digits(cell, 5, 1)


def betriebsnummer(cell: Cell) -> str:
    """The Betriebsnummer: eight digits, leading zeros restored when stored as a number."""
    return _digits(cell, 8, 2)


# -- dates -------------------------------------------------------------------------------------


def _no_date(cell: Cell) -> CellProblem:
    return CellProblem(
        _("{value} is no date (e.g. 01.02.2023 or 2023-02-01).").format(value=_quoted(cell))
    )


def serial_date(serial: float) -> date:
    """An Excel serial number (1900 date system) as a date; a time of day is dropped."""
    if not 1 <= serial <= MAX_SERIAL:
        raise ValueError(serial)
    return EXCEL_EPOCH + timedelta(days=int(serial))


def date_value(cell: Cell) -> date | None:
    """Dates as spreadsheets hold them: date cells, Excel serial numbers, "01.02.2023",
    "1.2.23", "2023-02-01"; empty → None."""
    if is_empty(cell):
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, bool):
        raise _no_date(cell)
    if isinstance(cell, int | float):
        try:
            return serial_date(cell)
        except ValueError:
            raise _no_date(cell) from None
    if not isinstance(cell, str):
        raise _no_date(cell)
    value = cell.strip()
    try:
        if match := _ISO_DATE.fullmatch(value):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _GERMAN_DATE.fullmatch(value):
            day = parse_german_date(f"{match[1]}.{match[2]}.{match[3]}")
            assert day is not None
            return day
    except ValueError:
        raise CellProblem(
            _("{value} is no valid date (there is no such day).").format(value=_quoted(cell))
        ) from None
    raise _no_date(cell)


# -- yes/no, numbers ---------------------------------------------------------------------------


def yes_no(cell: Cell) -> bool | None:
    """ja / nein / x (ticked) / 1 / 0; empty → None (not known)."""
    if is_empty(cell):
        return None
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, int | float) and cell in (0, 1):
        return bool(cell)
    word = fold(text(cell)).rstrip(".")
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise CellProblem(_("{value}: please write “ja” or “nein”.").format(value=_quoted(cell)))


def _number_text(cell: Cell) -> str:
    value = text(cell).replace(" ", "").removesuffix("€").removesuffix("Std.")
    if not _NUMBER.fullmatch(value):
        raise CellProblem(_("{value} is no number.").format(value=_quoted(cell)))
    if "." in value and "," in value or value.count(".") > 1:
        value = value.replace(".", "")  # 1.200,50: thousands marked by dots
    return value.replace(",", ".")


def whole_number(cell: Cell) -> int | None:
    """A whole number: 12, 12.0, "12"; "12,5" is refused; empty → None."""
    if is_empty(cell):
        return None
    if isinstance(cell, bool):
        raise CellProblem(_("{value} is no whole number.").format(value=_quoted(cell)))
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    value = float(_number_text(cell)) if not isinstance(cell, float) else cell
    if not value.is_integer():
        raise CellProblem(_("{value} is no whole number.").format(value=_quoted(cell)))
    return int(value)


def decimal(cell: Cell) -> float | None:
    """A number with decimals: 38.5, "38,5"; empty → None."""
    if is_empty(cell):
        return None
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    return float(_number_text(cell))


def euros(cell: Cell) -> int | None:
    """An amount in euros as cents: 13.5, "13,50", "13,50 €" → 1350; empty → None."""
    value = decimal(cell)
    return None if value is None else round(value * 100)


# -- vocabularies and lists --------------------------------------------------------------------


def _key(label: str) -> str:
    return " ".join(re.findall(r"\w+", fold(label)))


@cache
def _vocabulary_keys(enum_class: type[LabeledEnum]) -> dict[str, LabeledEnum | None]:
    """Folded spellings → member: the code, the German label, the label without its
    parenthesis ("langzeitarbeitslos") and what the parenthesis says ("Abitur"), and a
    label's first word where only one member has it.
    A spelling two members share maps to None (ambiguous)."""
    keys: dict[str, LabeledEnum | None] = {}

    def add(spelling: str, member: LabeledEnum, *, weak: bool = False) -> None:
        key = _key(spelling)
        if not key:
            return
        if key in keys and keys[key] is not member:
            if not weak:
                keys[key] = None
            return
        keys[key] = member

    for member in enum_class:
        add(member.value.replace("_", " "), member)
        add(member.label, member)
        add(_PARENTHESES.sub("", member.label), member)
        for inner in re.findall(r"\(([^)]*)\)", member.label):  # "(Abitur)"
            add(inner, member, weak=True)
    firsts: dict[str, list[LabeledEnum]] = {}
    for member in enum_class:
        first = _key(member.label).split(" ")[0]
        if len(first) >= 3:
            firsts.setdefault(first, []).append(member)
    for first, members in firsts.items():
        if len(members) == 1 and first not in keys:
            keys[first] = members[0]
    return keys


EXTRA_SPELLINGS: dict[str, dict[str, str]] = {
    # class name → folded spelling → code (short forms that lists use)
    "Gender": {"w": "female", "weibl": "female", "m": "male", "maennl": "male", "d": "diverse"},
    "YesNoUnknown": {"j": "yes", "n": "no", "k a": "not_stated", "ka": "not_stated"},
    "Program": {"l": "joko", "joko": "joko", "m": "training", "ausbildungsmanagement": "training",
                "am": "training"},
}  # fmt: skip


def vocabulary[E: LabeledEnum](enum_class: type[E], cell: Cell) -> E | None:
    """A vocabulary value by its German label (case, accents and spacing ignored), its code,
    or a common short form; empty → None."""
    if is_empty(cell):
        return None
    key = _key(text(cell))
    extra = EXTRA_SPELLINGS.get(enum_class.__name__, {})
    if key in extra:
        return enum_class(extra[key])
    found = _vocabulary_keys(enum_class).get(key)
    if found is not None:
        return found  # type: ignore[return-value]
    choices = [member.label for member in enum_class]
    message = _("{value} is not one of the choices").format(value=_quoted(cell))
    if len(choices) <= 8:
        message += ": " + ", ".join(f"„{choice}“" for choice in choices)
    raise CellProblem(message + ".")


def items(cell: Cell) -> list[str]:
    """A list in one cell: "SY, AF", "ar; fa", "B / BE"."""
    if is_empty(cell):
        return []
    return [part for part in _LIST_SEPARATORS.split(text(cell)) if part]


@cache
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for code, name in Locale.parse("de").territories.items():
        if len(code) == 2 and code.isalpha():
            names[_key(name)] = code
    names.update({"syrien": "SY", "turkei": "TR", "russland": "RU", "usa": "US"})
    return names


@cache
def _language_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for code, name in Locale.parse("de").languages.items():
        if code.isalpha() and code.islower() and 2 <= len(code) <= 3:
            names[_key(name)] = code
    names.update({"farsi": "fa", "dari": "prs", "kurdisch": "ku"})
    return names


def _codes(cell: Cell, names: Callable[[], dict[str, str]], upper: bool) -> list[str]:
    found = []
    for item in items(cell):
        code = names().get(_key(item))
        if code is None:
            code = item.upper() if upper else item.lower()
        found.append(code)
    return found


def countries(cell: Cell) -> list[str]:
    """ISO codes or German country names: "SY, Afghanistan" → ["SY", "AF"]."""
    return _codes(cell, _country_names, upper=True)


def country(cell: Cell) -> str | None:
    found = countries(cell)
    if len(found) > 1:
        raise CellProblem(_("{value}: please give one country.").format(value=_quoted(cell)))
    return found[0] if found else None


def languages(cell: Cell) -> list[str]:
    """ISO 639 codes or German language names: "Arabisch, fa" → ["ar", "fa"]."""
    return _codes(cell, _language_names, upper=False)


def codes_of(enum_class: type[LabeledEnum], cell: Cell) -> list[str]:
    """A list of vocabulary values (driving licence classes …) as their codes."""
    found = []
    for item in items(cell):
        member = vocabulary(enum_class, item)
        if member is not None:
            found.append(member.value)
    return found

"""The column map of the ESF+ Teilnehmendenliste (efREporter4): which columns, in which order,
from which source, written how.

The order of efREporter4's entry questionnaire is not published where Lotse's authors could
read it, so the columns are a shipped, editable file: ``resources/esf/teilnehmendenliste.json``.
A file of the same name in the data location replaces it (``load_column_map``). The file is
JSON (UTF-8)::

    {"format": 1, "yes": "ja", "no": "nein",
     "columns": [{"header": "TN-Nr. im Vorhaben", "source": "esf_number"},
                 {"header": "Nachname", "source": "last_name", "personal": true},
                 {"header": "Geschlecht", "source": "gender", "write": "label",
                  "values": {"diverse": "divers"}}, ...]}

- ``header``: the column's heading as written (German), unique;
- ``source``: a participant field or a derived value of ``SOURCES``;
- ``personal``: left out of the pseudonymised list (default false); names, birth date,
  street, phone and e-mail must say true;
- ``write`` (vocabularies and countries only): ``label`` (the German label, the default) or
  ``code`` (Lotse's stable code; ISO codes for countries);
- ``values`` (vocabularies only): code → text, for the codes that must read otherwise;
- top level ``yes`` / ``no``: how yes/no fields are written (default "ja" / "nein").

Keys starting with ``_`` are comments. Dates are date cells in XLSX and dd.mm.yyyy in CSV;
numbers are numbers. A broken file is a ``ColumnMapError`` naming the file and each problem.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale

from app.errors import LotseError
from app.i18n import PROGRAM_LANGUAGE, _
from app.models.participant import age_on
from app.paths import resource_dir
from app.vocab import (
    HOUSING_EXCLUSION,
    EmploymentStatusAtEntry,
    ExitOutcome,
    ExitReason,
    Gender,
    HousingSituation,
    IscedGroup,
    LabeledEnum,
    ParticipantStatus,
    Program,
    SchoolLevel,
    VocationalLevel,
    YesNoUnknown,
    isced_group,
)
from app.vocab.eu import is_third_country_national

FILE_NAME = "teilnehmendenliste.json"
FORMAT = 1
LABEL, CODE = "label", "code"
Record = Mapping[str, Any]  # a participant's columns, typed (dates, enums, lists, bools)


class Kind(StrEnum):
    TEXT = "text"
    DATE = "date"
    NUMBER = "number"
    YES_NO = "yes_no"
    CHOICE = "choice"  # a vocabulary
    COUNTRIES = "countries"  # ISO 3166 codes, written as German names or codes


@dataclass(frozen=True)
class Source:
    """Where a column's value comes from: one participant field or a value derived from some."""

    name: str
    kind: Kind
    reads: tuple[str, ...]  # the participant columns it needs
    compute: Callable[[Record], Any]
    vocabulary: type[LabeledEnum] | None = None
    identifying: bool = False  # names a person on its own: always personal


def _field(
    name: str,
    kind: Kind,
    vocabulary: type[LabeledEnum] | None = None,
    *,
    identifying: bool = False,
) -> Source:
    return Source(name, kind, (name,), lambda r: r[name], vocabulary, identifying)


def _age_at_entry(record: Record) -> int | None:
    born, entry = record["birth_date"], record["entry_date"]
    return None if born is None or entry is None else age_on(born, entry)


def _housing_exclusion(record: Record) -> bool | None:
    housing = record["housing_situation"]
    return None if housing is None else housing in HOUSING_EXCLUSION


def _birth_country(record: Record) -> list[str]:
    code = record["birth_country"]
    return [code] if code else []


_SOURCES: tuple[Source, ...] = (
    _field("esf_number", Kind.TEXT),
    _field("program", Kind.CHOICE, Program),
    _field("status", Kind.CHOICE, ParticipantStatus),
    _field("last_name", Kind.TEXT, identifying=True),
    _field("first_name", Kind.TEXT, identifying=True),
    _field("birth_date", Kind.DATE, identifying=True),
    _field("gender", Kind.CHOICE, Gender),
    _field("street", Kind.TEXT, identifying=True),
    _field("postal_code", Kind.TEXT),
    _field("city", Kind.TEXT),
    _field("rural_area", Kind.YES_NO),
    _field("phone", Kind.TEXT, identifying=True),
    _field("email", Kind.TEXT, identifying=True),
    _field("nationalities", Kind.COUNTRIES),
    Source("birth_country", Kind.COUNTRIES, ("birth_country",), _birth_country),
    _field("interpreter_needed", Kind.YES_NO),
    _field("housing_situation", Kind.CHOICE, HousingSituation),
    _field("disability", Kind.CHOICE, YesNoUnknown),
    _field("foreign_background", Kind.CHOICE, YesNoUnknown),
    _field("minority", Kind.CHOICE, YesNoUnknown),
    _field("employment_status_at_entry", Kind.CHOICE, EmploymentStatusAtEntry),
    _field("unemployed_since", Kind.DATE),
    _field("school_level", Kind.CHOICE, SchoolLevel),
    _field("vocational_level", Kind.CHOICE, VocationalLevel),
    _field("qualification_abroad", Kind.YES_NO),
    _field("receives_sgb2", Kind.YES_NO),
    _field("entry_date", Kind.DATE),
    _field("privacy_notice_given_on", Kind.DATE),
    _field("exit_date", Kind.DATE),
    _field("exit_reason", Kind.CHOICE, ExitReason),
    _field("exit_outcome", Kind.CHOICE, ExitOutcome),
    _field("exit_outcome_on", Kind.DATE),
    _field("qualification_gained", Kind.YES_NO),
    _field("outcome_6_months", Kind.CHOICE, ExitOutcome),
    _field("outcome_6_months_on", Kind.DATE),
    _field("situation_improved_6_months", Kind.YES_NO),
    # derived
    Source("age_at_entry", Kind.NUMBER, ("birth_date", "entry_date"), _age_at_entry),
    Source(
        "isced_group",
        Kind.CHOICE,
        ("school_level", "vocational_level"),
        lambda r: isced_group(r["school_level"], r["vocational_level"]),
        IscedGroup,
    ),
    Source(
        "third_country_national",
        Kind.YES_NO,
        ("nationalities",),
        lambda r: is_third_country_national(r["nationalities"]),
    ),
    Source("housing_exclusion", Kind.YES_NO, ("housing_situation",), _housing_exclusion),
)
SOURCES: dict[str, Source] = {source.name: source for source in _SOURCES}
REQUIRED_SOURCE = "esf_number"  # every row is identified by its TN-Nr.


@cache
def _country_names() -> Mapping[str, str]:
    return Locale.parse(PROGRAM_LANGUAGE).territories


def country_name(code: str) -> str:
    return _country_names().get(code.upper(), code)


@dataclass(frozen=True)
class Column:
    header: str
    source: Source
    personal: bool = False
    write: str = LABEL
    values: Mapping[str, str] = field(default_factory=dict)

    def text_of(self, member: LabeledEnum) -> str:
        """A vocabulary value as this column writes it."""
        if member.value in self.values:
            return self.values[member.value]
        return member.value if self.write == CODE else member.label

    def cell(self, yes: str, no: str) -> Callable[[Record], str | int | date | None]:
        """record → the typed cell value (text, number, date; None for an empty cell)."""
        compute, kind = self.source.compute, self.source.kind
        if kind is Kind.CHOICE:
            vocabulary = self.source.vocabulary
            assert vocabulary is not None
            texts = {member: self.text_of(member) for member in vocabulary}
            return lambda r: texts.get(compute(r))  # type: ignore[arg-type]
        if kind is Kind.YES_NO:
            words = {True: yes, False: no}
            return lambda r: words.get(compute(r))  # type: ignore[arg-type]
        if kind is Kind.COUNTRIES:
            name = (lambda code: code.upper()) if self.write == CODE else country_name
            return lambda r: ", ".join(name(code) for code in compute(r)) or None
        if kind is Kind.TEXT:
            return lambda r: compute(r) or None
        return compute  # dates and numbers as they are


@dataclass(frozen=True)
class ColumnMap:
    path: Path  # the file it was read from
    columns: tuple[Column, ...]
    yes: str = "ja"
    no: str = "nein"

    def selected(self, *, pseudonymised: bool) -> tuple[Column, ...]:
        """The columns of the list (without the personal ones when pseudonymised)."""
        return tuple(c for c in self.columns if not (pseudonymised and c.personal))

    def reads(self) -> set[str]:
        return {name for column in self.columns for name in column.source.reads}


class ColumnMapError(LotseError):
    """The column map cannot be used; the message names the file and every problem."""


def shipped_map_path() -> Path:
    return resource_dir() / "esf" / FILE_NAME


def map_path(data_root: Path | None) -> Path:
    """The user's file in the data location when there is one, else the shipped one."""
    if data_root is not None and (data_root / FILE_NAME).is_file():
        return data_root / FILE_NAME
    return shipped_map_path()


def load_column_map(data_root: Path | None) -> ColumnMap:
    """The column map in use for the data location ``data_root`` (see ``map_path``)."""
    return read_column_map(map_path(data_root))


def read_column_map(path: Path) -> ColumnMap:
    def broken(problems: list[str]) -> ColumnMapError:
        return ColumnMapError(
            _("The column map {path} cannot be used:").format(path=path)
            + "".join(f"\n– {problem}" for problem in problems)
        )

    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        reason = _("The file cannot be read: {error}").format(error=error.strerror or error)
        raise broken([reason]) from error
    except UnicodeDecodeError as error:
        raise broken([_("The file is not UTF-8 text.")]) from error
    except json.JSONDecodeError as error:
        message = _("It is not valid JSON (line {line}, column {column}: {problem}).").format(
            line=error.lineno, column=error.colno, problem=error.msg
        )
        raise broken([message]) from error
    problems: list[str] = []
    column_map = _parse(path, document, problems)
    if problems or column_map is None:
        raise broken(problems)
    return column_map


_TOP_KEYS = {"format", "yes", "no", "columns"}
_COLUMN_KEYS = {"header", "source", "personal", "write", "values"}


def _unknown_keys(item: Mapping[str, Any], known: set[str]) -> list[str]:
    return sorted(key for key in item if key not in known and not str(key).startswith("_"))


def _parse(path: Path, document: Any, problems: list[str]) -> ColumnMap | None:
    if not isinstance(document, dict):
        problems.append(_("The file must hold one JSON object with the key “columns”."))
        return None
    for key in _unknown_keys(document, _TOP_KEYS):
        problems.append(_("Unknown key “{key}”.").format(key=key))
    if document.get("format", FORMAT) != FORMAT:
        problems.append(
            _("Format {found} is not known; this Lotse reads format {known}.").format(
                found=document.get("format"), known=FORMAT
            )
        )
    words = []
    for key, default in (("yes", "ja"), ("no", "nein")):
        word = document.get(key, default)
        if not isinstance(word, str):
            problems.append(_("“{key}” must be a text.").format(key=key))
            word = default
        words.append(word)
    raw_columns = document.get("columns")
    if not isinstance(raw_columns, list) or not raw_columns:
        problems.append(_("“columns” must be a list with at least one column."))
        return None
    columns = [_column(number, raw, problems) for number, raw in enumerate(raw_columns, 1)]
    found = [c for c in columns if c is not None]
    headers = [c.header for c in found]
    for header in sorted({h for h in headers if headers.count(h) > 1}):
        problems.append(_("The header “{header}” is used twice.").format(header=header))
    if not any(c.source.name == REQUIRED_SOURCE for c in found):
        problems.append(
            _("A column with the source “{source}” (TN-Nr. im Vorhaben) is missing.").format(
                source=REQUIRED_SOURCE
            )
        )
    return ColumnMap(path, tuple(found), words[0], words[1])


def _column(number: int, raw: Any, problems: list[str]) -> Column | None:
    if not isinstance(raw, dict):
        problems.append(_("Column {number}: must be an object.").format(number=number))
        return None
    header = raw.get("header")
    name = header if isinstance(header, str) and header.strip() else str(number)
    before = len(problems)

    def problem(message: str) -> None:
        where = _("Column {number} (“{name}”): ").format(number=number, name=name)
        problems.append(where + message)

    for key in _unknown_keys(raw, _COLUMN_KEYS):
        problem(_("Unknown key “{key}”.").format(key=key))
    if not isinstance(header, str) or not header.strip():
        problem(_("“header” must be a text that is not empty."))
    source_name = raw.get("source")
    source = SOURCES.get(source_name) if isinstance(source_name, str) else None
    if source is None:
        problem(
            _("There is no source “{source}”; known sources: {known}.").format(
                source=source_name, known=", ".join(SOURCES)
            )
        )
    personal = raw.get("personal", False)
    if not isinstance(personal, bool):
        problem(_("“personal” must be true or false."))
    elif source is not None and source.identifying and not personal:
        problem(
            _("“{source}” identifies a person and must be marked “personal”: true.").format(
                source=source.name
            )
        )
    write = raw.get("write", LABEL)
    choices = (Kind.CHOICE, Kind.COUNTRIES)
    if write not in (LABEL, CODE):
        problem(_("“write” must be “label” or “code”."))
    elif "write" in raw and source is not None and source.kind not in choices:
        problem(_("“write” is only for vocabularies and countries."))
    values = raw.get("values", {})
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        problem(_("“values” must be an object of code → text."))
        values = {}
    elif values and source is not None:
        if source.vocabulary is None:
            problem(_("“values” is only for vocabularies."))
        else:
            codes = {member.value for member in source.vocabulary}
            for code in sorted(set(values) - codes):
                problem(
                    _("“{code}” is no code of this source; its codes: {codes}.").format(
                        code=code, codes=", ".join(sorted(codes))
                    )
                )
    if len(problems) > before or source is None:
        return None
    return Column(header.strip(), source, personal, write, dict(values))

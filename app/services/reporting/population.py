"""Who a period's figures are about: the participants of the period, read in one statement.

A participant belongs to the period when the entry lies on or before its end and the exit (if
any) on or after its start; a record without an entry date belongs to it while it is not
closed. Only records whose ESF+ entry data are complete (docs/domain.md § 2.4) are counted;
the others are listed with what is missing.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from app.db.reads import Reads
from app.models.completeness import CORE_ENTRY_FIELDS, missing_count_sql, missing_flags_sql
from app.models.participant import age_on
from app.models.participant_fields import label
from app.reports.period_data import IncompleteRecord, Period
from app.vocab import (
    DropoutRisk,
    EmploymentStatusAtEntry,
    ExitOutcome,
    Gender,
    HousingSituation,
    Program,
    SchoolForm,
    SchoolLevel,
    VocationalLevel,
    YesNoUnknown,
)
from app.vocab.participant import isced_group


class Person(NamedTuple):
    id: int
    program: Program
    gender: Gender
    birth_date: date
    nationalities: tuple[str, ...]
    employment_status: EmploymentStatusAtEntry
    isced: object  # IscedGroup (never None for a complete record)
    housing: HousingSituation
    disability: YesNoUnknown
    foreign_background: YesNoUnknown | None
    minority: YesNoUnknown | None
    rural_area: bool | None
    entry_date: date
    exit_date: date | None
    exit_outcome: ExitOutcome | None
    exit_outcome_on: date | None
    qualification_gained: bool | None
    outcome_6_months: ExitOutcome | None
    outcome_6_months_on: date | None
    situation_improved_6_months: bool | None
    school_form: SchoolForm | None
    apprenticeship_year: int | None
    dropout_risk: DropoutRisk | None
    support_need_areas: tuple[str, ...]

    @property
    def age_at_entry(self) -> int:
        return age_on(self.birth_date, self.entry_date)

    def active_on(self, day: date) -> bool:
        return self.entry_date <= day and (self.exit_date is None or self.exit_date > day)


class EmploymentSpan(NamedTuple):
    participant_id: int
    start: date | None
    end: date | None
    probation_end: date | None
    social_insurance: bool | None

    def runs_on(self, day: date) -> bool:
        return (
            self.start is not None and self.start <= day and (self.end is None or self.end >= day)
        )


@dataclass(frozen=True)
class Population:
    people: tuple[Person, ...]  # complete records of the period
    incomplete: tuple[IncompleteRecord, ...]
    employments: dict[int, list[EmploymentSpan]]  # of the people, by participant id

    @property
    def ids(self) -> set[int]:
        return {p.id for p in self.people}


_COLUMNS = (
    "id, program, gender, birth_date, nationalities, employment_status_at_entry, school_level, "
    "vocational_level, housing_situation, disability, foreign_background, minority, rural_area, "
    "entry_date, exit_date, exit_outcome, exit_outcome_on, qualification_gained, "
    "outcome_6_months, outcome_6_months_on, situation_improved_6_months, school_form, "
    "apprenticeship_year, dropout_risk, support_need_areas"
)


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _enum[E](kind: type[E], value: str | None) -> E | None:
    return None if value is None else kind(value)  # type: ignore[call-arg]


def _flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _codes(value: str | None) -> tuple[str, ...]:
    return tuple(json.loads(value)) if value else ()


def program_filter(program: Program | None, alias: str = "p") -> tuple[str, tuple[str, ...]]:
    if program is None:
        return "", ()
    return f" AND {alias}.program = ?", (program.value,)


def load_population(reads: Reads, period: Period, program: Program | None) -> Population:
    where, params = program_filter(program)
    rows = reads.rows(
        f"SELECT {_COLUMNS}, {missing_count_sql('p')} FROM participant p "
        "WHERE ((p.entry_date IS NULL AND p.exit_date IS NULL) "
        "OR (p.entry_date <= ? AND (p.exit_date IS NULL OR p.exit_date >= ?)))" + where,
        (period.end.isoformat(), period.start.isoformat(), *params),
    )
    people: list[Person] = []
    incomplete_ids: list[int] = []
    for row in rows:
        if row[-1]:
            incomplete_ids.append(row[0])
            continue
        people.append(_person(row))
    return Population(
        tuple(people),
        _incomplete(reads, incomplete_ids),
        _employments(reads, {p.id for p in people}),
    )


def _person(row: tuple) -> Person:
    return Person(
        id=row[0],
        program=Program(row[1]),
        gender=Gender(row[2]),
        birth_date=date.fromisoformat(row[3]),
        nationalities=_codes(row[4]),
        employment_status=EmploymentStatusAtEntry(row[5]),
        isced=isced_group(SchoolLevel(row[6]), _enum(VocationalLevel, row[7])),
        housing=HousingSituation(row[8]),
        disability=YesNoUnknown(row[9]),
        foreign_background=_enum(YesNoUnknown, row[10]),
        minority=_enum(YesNoUnknown, row[11]),
        rural_area=_flag(row[12]),
        entry_date=date.fromisoformat(row[13]),
        exit_date=_day(row[14]),
        exit_outcome=_enum(ExitOutcome, row[15]),
        exit_outcome_on=_day(row[16]),
        qualification_gained=_flag(row[17]),
        outcome_6_months=_enum(ExitOutcome, row[18]),
        outcome_6_months_on=_day(row[19]),
        situation_improved_6_months=_flag(row[20]),
        school_form=_enum(SchoolForm, row[21]),
        apprenticeship_year=row[22],
        dropout_risk=_enum(DropoutRisk, row[23]),
        support_need_areas=_codes(row[24]),
    )


def _incomplete(reads: Reads, ids: list[int]) -> tuple[IncompleteRecord, ...]:
    """The records left out, sorted as the caseload list, with the labels of what is missing
    (by the same SQL rule that left them out)."""
    if not ids:
        return ()
    rows = reads.rows(
        f"SELECT p.id, p.program, p.first_name, p.last_name, {missing_flags_sql('p')} "
        "FROM participant p WHERE p.id IN (SELECT value FROM json_each(?)) "
        "ORDER BY p.name_sort, p.id",
        (json.dumps(ids),),
    )
    return tuple(
        IncompleteRecord(
            row[0],
            f"{row[3]}, {row[2]}" if row[2] else row[3],
            Program(row[1]),
            tuple(
                label(name) for name, empty in zip(CORE_ENTRY_FIELDS, row[4:], strict=True) if empty
            ),
        )
        for row in rows
    )


def _employments(reads: Reads, ids: set[int]) -> dict[int, list[EmploymentSpan]]:
    spans: dict[int, list[EmploymentSpan]] = defaultdict(list)
    for row in reads.rows(
        'SELECT participant_id, start, "end", probation_end, social_insurance FROM employment'
    ):
        if row[0] in ids:
            spans[row[0]].append(
                EmploymentSpan(row[0], _day(row[1]), _day(row[2]), _day(row[3]), _flag(row[4]))
            )
    return spans

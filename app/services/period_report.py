"""The figures of a reporting period for the funding body (Berichte page, Sachbericht, CLI).

``build_report`` reads the period's participants once (app/services/reporting/population.py),
derives the ESF+ characteristics and indicators from their stored facts (reporting/esf.py) and
adds the period's activity by SQL aggregates (reporting/activity.py). Only records with
complete ESF+ entry data count; the others are listed with what is missing. Every count of
people keeps their ids, so each figure can be opened as a list. docs/domain.md § 14.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from app.db.reads import Reads
from app.i18n import N_, _
from app.reports.period_data import (
    Count,
    MonthFigures,
    Period,
    PeriodReport,
    Row,
    Table,
)
from app.reports.periods import month_end, months_of
from app.services.reporting import activity
from app.services.reporting.esf import (
    CHARACTERISTICS,
    OUTPUT_INDICATORS,
    RESULT_INDICATORS,
)
from app.services.reporting.population import Person, Population, load_population
from app.vocab import DropoutRisk, ExitOutcome, Gender, Program, SchoolForm
from app.vocab.training import SupportNeedArea

YEARS = (1, 2, 3, 4)
CONTINUATIONS = frozenset(
    {
        ExitOutcome.TRAINING_STABILISED,
        ExitOutcome.QUALIFICATION_PASSED,
        ExitOutcome.COMPANY_CHANGE,
        ExitOutcome.OCCUPATION_CHANGE,
        ExitOutcome.BVJ_TO_APPRENTICESHIP,
        ExitOutcome.BVJ_TO_SCHOOL,
        ExitOutcome.BVJ_TO_WORK,
    }
)  # a student at risk leaving with one of these: a drop-out avoided
AT_RISK = frozenset({DropoutRisk.MEDIUM, DropoutRisk.HIGH})
DROPOUTS = frozenset({ExitOutcome.DROPOUT, ExitOutcome.EARLY_TERMINATION})
PARTNER_GROUPS = (
    ("companies", N_("Contacts with companies"), {"employer", "training_company"}),
    ("chambers", N_("Contacts with chambers"), {"chamber"}),
)  # every other kind of organisation: "partners"

COUNTING_NOTES = (
    N_(
        "Counted are participants whose ESF+ entry data are complete; records with missing "
        "entry data are listed separately and are not counted."
    ),
    N_(
        "Entries and output indicators: entry date in the period, age on the entry date. "
        "Exits and result indicators: exit date in the period. Caseload: entered on or before "
        "the last day and not exited by then."
    ),
    N_(
        "Upon leaving: the last event within four weeks after the exit counts — the recorded "
        "outcome on its date (the exit day if none) or the start of an employment; so a "
        "person is counted at most once among job searching, education and employment."
    ),
    N_(
        "Six months after leaving: the recorded outcome after six months, or an employment "
        "running on that day, once the day has come; the improved situation only for people "
        "employed at entry."
    ),
)


def gender_header() -> tuple[str, ...]:
    return (*(gender.label for gender in Gender), _("total"))


def by_gender(people: Iterable[Person]) -> tuple[Count, ...]:
    ids: dict[Gender, list[int]] = {gender: [] for gender in Gender}
    everyone: list[int] = []
    for person in people:
        ids[person.gender].append(person.id)
        everyone.append(person.id)
    return (*(Count.of(ids[gender]) for gender in Gender), Count.of(everyone))


def _one(value: int | float, ids: Iterable[int] | None = None) -> tuple[Count, ...]:
    return (Count(value, None if ids is None else tuple(sorted(set(ids)))),)


def _people(people: Iterable[Person]) -> tuple[Count, ...]:
    return (Count.of([p.id for p in people]),)


class _Groups:
    """The period's people sorted once into entries, exits, caseload."""

    def __init__(self, population: Population, period: Period) -> None:
        self.all = population.people
        self.entries = [p for p in self.all if p.entry_date in period]
        self.exits = [p for p in self.all if p.exit_date in period]
        self.caseload = [p for p in self.all if p.active_on(period.end)]
        self.active = list(self.all)  # entered by the end, not exited before the start


def build_report(
    reads: Reads, period: Period, program: Program | None, today: date | None = None
) -> PeriodReport:
    today = today or date.today()
    population = load_population(reads, period, program)
    groups = _Groups(population, period)
    tables = [
        _overview(groups, population),
        _characteristics(groups),
        _outcomes(groups),
        _output_indicators(groups),
        _result_indicators(groups, population, today),
    ]
    notes = activity.organisation_notes(reads, period)
    if program in (None, Program.JOKO):
        tables.append(_joko(reads, period, population, notes, today))
    if program in (None, Program.TRAINING):
        tables.extend(_training(reads, period, groups, notes))
    tables.append(_effort(reads, period, groups))
    outcomes = tables[2]
    return PeriodReport(
        period=period,
        program=program,
        program_label=program.label if program else _("Both funding areas"),
        made_on=today,
        tables=tuple(tables),
        months=_months(groups, period),
        outcomes=tuple((row.label, int(row.cells[-1].value)) for row in outcomes.rows),
        incomplete=population.incomplete,
        notes=tuple(_(note) for note in COUNTING_NOTES),
    )


def _overview(groups: _Groups, population: Population) -> Table:
    count = (_("Number"),)
    return Table(
        "overview",
        _("Overview"),
        count,
        (
            Row(_("Entries in the period"), _people(groups.entries), "entries"),
            Row(_("Cases supported in the period"), _people(groups.active), "active"),
            Row(_("Exits in the period"), _people(groups.exits), "exits"),
            Row(_("Caseload at the end of the period"), _people(groups.caseload), "caseload"),
            Row(
                _("Not counted: ESF+ entry data incomplete"),
                (Count.of([r.participant_id for r in population.incomplete]),),
                "incomplete",
            ),
        ),
        label_header=_("Figure"),
    )


def _characteristics(groups: _Groups) -> Table:
    return Table(
        "characteristics",
        _("Entries by ESF+ characteristics and gender"),
        gender_header(),
        tuple(
            Row(c.label, by_gender(p for p in groups.entries if c.test(p)), c.code, int(i > 0))
            for i, c in enumerate(CHARACTERISTICS)
        ),
        label_header=_("Characteristic at entry"),
    )


def _outcomes(groups: _Groups) -> Table:
    by_outcome: dict[ExitOutcome | None, list[Person]] = defaultdict(list)
    for person in groups.exits:
        by_outcome[person.exit_outcome].append(person)
    order = sorted(by_outcome, key=lambda o: (-len(by_outcome[o]), o is None, o or ""))
    return Table(
        "outcomes",
        _("Exits by outcome and gender"),
        gender_header(),
        tuple(
            Row(
                outcome.label if outcome else _("no outcome recorded"),
                by_gender(by_outcome[outcome]),
                outcome.value if outcome else "none",
            )
            for outcome in order
        ),
        label_header=_("Outcome at exit"),
    )


def _output_indicators(groups: _Groups) -> Table:
    return Table(
        "esf_output",
        _("ESF+ common output indicators"),
        gender_header(),
        tuple(
            Row(i.label, by_gender(p for p in groups.entries if i.test(p)), i.code)
            for i in OUTPUT_INDICATORS
        ),
        label_header=_("Indicator"),
        note=_("Participants who entered in the period."),
    )


def _result_indicators(groups: _Groups, population: Population, today: date) -> Table:
    jobs = population.employments
    return Table(
        "esf_results",
        _("ESF+ common result indicators"),
        gender_header(),
        tuple(
            Row(
                i.label,
                by_gender(p for p in groups.exits if i.test(p, jobs.get(p.id, []), today)),
                i.code,
            )
            for i in RESULT_INDICATORS
        ),
        label_header=_("Indicator"),
        note=_("Participants who left in the period."),
    )


def _events(label: str, events: activity.Events, code: str, level: int = 0) -> Row:
    return Row(label, (Count(events.count, events.participant_ids),), code, level)


def _joko(
    reads: Reads,
    period: Period,
    population: Population,
    notes: list[activity.OrganisationNote],
    today: date,
) -> Table:
    counted = {p.id for p in population.people if p.program is Program.JOKO}
    employers = activity.employers(reads, period, counted, notes)
    rows = (
        _events(
            _("Placements into employment subject to social insurance"),
            activity.placements_into_insured_work(reads, period, counted),
            "placements_insured",
        ),
        _events(
            _("Employments lasting past the probation period"),
            activity.past_probation(reads, period, counted, today),
            "past_probation",
        ),
        Row(_("Employer contacts (contact notes)"), _one(employers.contacts), "employer_contacts"),
        Row(_("New employers (first contact in the period)"), _one(employers.new), "new_employers"),
        Row(_("of them micro and small enterprises"), _one(employers.new_small), "new_small", 1),
        Row(_("Job offers acquired (vacancies)"), _one(activity.offers_acquired(reads, period)),
            "offers_acquired"),
        _events(
            _("Job offers proposed (placement proposals)"),
            activity.placement_stage(reads, period, counted, "proposed_on"),
            "offers_proposed",
        ),
        _events(
            _("Job offers filled (employment contracts)"),
            activity.placement_stage(reads, period, counted, "contract_on"),
            "offers_filled",
        ),
        _events(
            _("Courses arranged (enrolments)"),
            activity.enrollments(reads, period, counted, completed=False),
            "courses_arranged",
        ),
        _events(
            _("Courses completed"),
            activity.enrollments(reads, period, counted, completed=True),
            "courses_completed",
        ),
        _events(
            _("Recognition procedures started"),
            activity.recognition_procedures(reads, period, counted),
            "recognition",
        ),
    )  # fmt: skip
    return Table(
        "joko", _("JOKO – job coordination"), (_("Number"),), rows, label_header=_("Figure")
    )


def _training(
    reads: Reads, period: Period, groups: _Groups, notes: list[activity.OrganisationNote]
) -> list[Table]:
    students = [p for p in groups.active if p.program is Program.TRAINING]
    counted = {p.id for p in students}
    leavers = [p for p in groups.exits if p.program is Program.TRAINING]
    with_needs = [p for p in students if p.support_need_areas]
    partner = activity.partner_contacts(counted, notes)
    grouped = set().union(*(kinds for _code, _label, kinds in PARTNER_GROUPS))
    rows = [
        _events(_("Measures arranged"), activity.measures_arranged(reads, period, counted),
                "measures_arranged"),
        Row(_("Completions (final examination passed)"),
            _people(p for p in leavers if p.exit_outcome is ExitOutcome.QUALIFICATION_PASSED),
            "completions"),
        Row(_("Drop-outs (incl. early termination without follow-up)"),
            _people(p for p in leavers if p.exit_outcome in DROPOUTS), "dropouts"),
        Row(_("Drop-outs avoided (at risk, left with training continued or completed)"),
            _people(p for p in leavers
                    if p.dropout_risk in AT_RISK and p.exit_outcome in CONTINUATIONS),
            "dropouts_avoided"),
        Row(_("Students with identified support needs"), _people(with_needs), "needs"),
        *(
            Row(area.label, _people(p for p in with_needs if area.value in p.support_need_areas),
                f"need_{area.value}", 1)
            for area in SupportNeedArea
        ),
        *(
            Row(_(label), _one(sum(n for kind, n in partner.items() if kind in kinds)), code)
            for code, label, kinds in PARTNER_GROUPS
        ),
        Row(_("Contacts with partners (schools, Jobcenter, counselling …)"),
            _one(sum(n for kind, n in partner.items() if kind not in grouped)), "partners"),
    ]  # fmt: skip
    training = Table(
        "training",
        _("Training management at vocational schools"),
        (_("Number"),),
        tuple(rows),
        label_header=_("Figure"),
    )
    return [training, _students_by_form(groups)]


def _students_by_form(groups: _Groups) -> Table:
    students = [p for p in groups.caseload if p.program is Program.TRAINING]
    header = (*(_("Year {n}").format(n=n) for n in YEARS), _("not stated"), _("total"))
    forms: list[SchoolForm | None] = [*SchoolForm, None]
    rows = []
    for form in forms:
        of_form = [p for p in students if p.school_form is form]
        if form is None and not of_form:
            continue
        cells = [Count.of([p.id for p in of_form if p.apprenticeship_year == n]) for n in YEARS]
        cells.append(Count.of([p.id for p in of_form if p.apprenticeship_year not in YEARS]))
        cells.append(Count.of([p.id for p in of_form]))
        rows.append(Row(form.label if form else _("not stated"), tuple(cells),
                        form.value if form else "none"))  # fmt: skip
    return Table(
        "training_students",
        _("Students by school type and training year"),
        header,
        tuple(rows),
        label_header=_("School type"),
        note=_("Caseload at the end of the period."),
    )


def _effort(reads: Reads, period: Period, groups: _Groups) -> Table:
    counted = {p.id for p in groups.active}
    effort = activity.effort(reads, period, counted)
    cases = len(counted)
    per_case = (lambda n: round(n / cases, 1)) if cases else (lambda n: 0.0)
    return Table(
        "effort",
        _("Effort"),
        (_("Value"),),
        (
            Row(_("Contacts (contact notes)"), _one(effort.contacts), "contacts"),
            Row(_("Minutes of contact"), _one(effort.minutes), "minutes"),
            Row(_("Cases supported"), _people(groups.active), "cases"),
            Row(_("Cases with at least one contact"), _one(len(effort.people_contacted),
                effort.people_contacted), "cases_contacted"),
            Row(_("Contacts per case"), _one(per_case(effort.contacts)), "contacts_per_case"),
            Row(_("Minutes per case"), _one(per_case(effort.minutes)), "minutes_per_case"),
        ),
        label_header=_("Figure"),
    )  # fmt: skip


def _months(groups: _Groups, period: Period) -> tuple[MonthFigures, ...]:
    figures = []
    for first in months_of(period):
        last = min(month_end(first.year, first.month), period.end)
        start = max(first, period.start)
        figures.append(
            MonthFigures(
                first,
                sum(1 for p in groups.entries if start <= p.entry_date <= last),
                sum(1 for p in groups.exits if p.exit_date and start <= p.exit_date <= last),
                sum(1 for p in groups.all if p.active_on(last)),
            )
        )
    return tuple(figures)


class CountedPerson(NamedTuple):
    """A row of the list behind a figure."""

    id: int
    name: str
    program: Program
    entry_date: date | None
    exit_date: date | None
    esf_number: str | None


def counted_people(reads: Reads, ids: Iterable[int]) -> list[CountedPerson]:
    """The participants behind a figure, sorted as the caseload list (``name_sort``)."""
    rows = reads.rows(
        "SELECT id, last_name, first_name, program, entry_date, exit_date, esf_number "
        "FROM participant WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name_sort, id",
        (json.dumps(sorted(set(ids))),),
    )
    return [
        CountedPerson(
            row[0],
            f"{row[1]}, {row[2]}" if row[2] else row[1],
            Program(row[3]),
            None if row[4] is None else date.fromisoformat(row[4]),
            None if row[5] is None else date.fromisoformat(row[5]),
            row[6],
        )
        for row in rows
    ]

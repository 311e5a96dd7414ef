"""Lotse #16: every text, number and date a service takes is either refused with a
``ValidationError`` naming its field, or stored exactly as accepted (NFC, stripped).

Hypothesis draws arbitrary (surrogate-free) unicode with controls and bidi characters, huge
lengths, extreme whole numbers, dates 0001–9999 and naive or aware datetimes; no other
exception may come out of a service.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from app.errors import ValidationError
from app.models.consent import Consent
from app.models.contacts import ContactNote, FollowUp
from app.models.participant import Participant
from app.models.support_plan import Goal, PlanStep, SupportPlan
from app.services import validation_rules
from app.services.consents import ConsentInput, add_consent
from app.services.contact_notes import NoteInput, add_note
from app.services.follow_ups import create_follow_up
from app.services.participants import REFERENCES, create_participant, update_participant
from app.services.support_plans.editing import GoalInput, PlanInput, StepInput
from app.services.support_plans.signatures import SignatureInput, record_signatures
from app.text import canonical
from app.validation import as_utc
from app.vocab import ConsentPurpose, ContactKind, ExitReason, Program
from tests.services.helpers import add_person, new_plan, run, store_plan

TODAY = date(2026, 6, 15)
PROPERTY = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

SPECIAL = (
    "\x00\x07\t\n\r\x1b\x7f\x85\x9f\u2028\u2029"  # C0, C1, separators
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # bidi embeddings, isolates
    "\u200e\u200f\u061c\u200b\u200c\u200d\u2060\ufeff"  # marks, zero-width
    "\u0301\u0327"  # combining (NFC changes)
)
LETTERS = "aZß Şçł-'.0/حسنمهدیעבריתукр中文👩‍👧"
texts = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=40),
    st.text(st.sampled_from(SPECIAL + LETTERS), max_size=40),
    st.builds(lambda char, count: char * count, st.sampled_from("aß👩 \n"), st.integers(0, 60_000)),
)
numbers = st.one_of(st.integers(-10, 3000), st.integers(-(2**70), 2**70))
dates = st.dates(date(1, 1, 1), date(9999, 12, 31))
offsets = st.builds(
    timezone, st.timedeltas(timedelta(hours=-23, minutes=-59), timedelta(hours=23, minutes=59))
)
moments = st.one_of(
    st.datetimes(datetime(1, 1, 1), datetime(9999, 12, 31)),
    st.datetimes(datetime(1, 1, 1), datetime(9999, 12, 31), timezones=offsets),
    st.datetimes(datetime(1890, 1, 1), datetime(2030, 1, 1), timezones=offsets),
)


def refused_naming(error: ValidationError, fields: tuple[str, ...]) -> bool:
    """The refusal names one of ``fields`` and every problem has a label and a message."""
    assert all(e.label and e.message and e.field for e in error.errors), error.errors
    return any(e.field in fields for e in error.errors)


class Outcome:
    def __init__(self, stored: bool, created: int | None = None) -> None:
        self.stored, self.created = stored, created

    def __bool__(self) -> bool:
        return self.stored


def attempt(operation: Any, *fields: str) -> Outcome:
    """Stored (with the id made, if any), or refused naming one of ``fields``. Any other
    exception fails the test."""
    try:
        changes = operation()
    except ValidationError as error:
        assert refused_naming(error, fields), (fields, error.errors)
        return Outcome(False)
    return Outcome(True, getattr(changes, "created", None))


def expected_text(value: str, field: str = "") -> str | None:
    text = canonical(value)
    return None if text == "" and field in validation_rules.NULLABLE_TEXTS else text


def read(lotse: Any, table: Any, row_id: int) -> Any:
    with lotse.reading() as uow:
        return uow.session.get(table, row_id)


# --- participants ---------------------------------------------------------------------------


@PROPERTY
@given(field=st.sampled_from(sorted(validation_rules.TEXT_FIELDS)), value=texts)
def test_participant_texts(lotse, field, value):
    values = {"program": Program.JOKO, "last_name": "Haddad", field: value}

    def create() -> Any:
        with lotse.unit_of_work() as uow:
            return create_participant(uow, values, today=TODAY)

    if outcome := attempt(create, field):
        person = read(lotse, Participant, outcome.created)
        assert getattr(person, field) == expected_text(value, field)


@PROPERTY
@given(
    field=st.sampled_from(sorted(validation_rules.LIST_FIELDS)),
    items=st.lists(st.one_of(texts, st.sampled_from(["SY", "AF", "ar", "b", "XX"])), max_size=4),
)
def test_participant_lists(lotse, field, items):
    pid = add_person(lotse, "Haddad")
    if attempt(lambda: run(lotse, update_participant, pid, {field: items}, today=TODAY), field):
        assert getattr(read(lotse, Participant, pid), field) == [canonical(i) for i in items]


@PROPERTY
@given(
    field=st.sampled_from(sorted(validation_rules.NUMBER_FIELDS + tuple(REFERENCES))),
    value=numbers,
    second=st.one_of(st.none(), numbers),
)
def test_participant_numbers(lotse, field, value, second):
    pid = add_person(lotse, "Haddad")
    values, named = {field: value}, (field,)
    if field == "unexcused_absence_hours":
        values["absence_hours"] = second
        named = (field, "absence_hours")  # the total may be the wrong one
    if attempt(lambda: run(lotse, update_participant, pid, values, today=TODAY), *named):
        assert getattr(read(lotse, Participant, pid), field) == value


@PROPERTY
@given(field=st.sampled_from(validation_rules.ALL_DATE_FIELDS), value=dates)
def test_participant_dates(lotse, field, value):
    values: dict[str, Any] = {field: value, "exit_reason": ExitReason.OTHER}
    pid = add_person(lotse, "Haddad")
    if attempt(lambda: run(lotse, update_participant, pid, values, today=TODAY), field):
        assert getattr(read(lotse, Participant, pid), field) == value


# --- contact notes --------------------------------------------------------------------------


@PROPERTY
@given(
    field=st.sampled_from(
        ["participants", "topics", "content", "agreements", "interpreter_language"]
    ),
    value=texts,
    minutes=st.one_of(st.none(), numbers),
    moment=moments,
)
def test_note_input(lotse, field, value, minutes, moment):
    pid = add_person(lotse, "Haddad")
    base = NoteInput(datetime(2026, 3, 2, 9, tzinfo=UTC), ContactKind.PHONE, "Gespräch")
    for name, data in (
        (field, replace(base, **{field: value, "interpreter": True})),
        ("duration_minutes", replace(base, duration_minutes=minutes)),
        ("occurred_at", replace(base, occurred_at=moment)),
    ):
        if outcome := attempt(lambda data=data: run(lotse, add_note, pid, data), name):
            stored = read(lotse, ContactNote, outcome.created)
            if name == "occurred_at":
                assert stored.occurred_at == as_utc(moment)
            elif name == "duration_minutes":
                assert stored.duration_minutes == minutes
            else:
                assert getattr(stored, name) == canonical(value)


# --- follow-ups and consents ----------------------------------------------------------------


@PROPERTY
@given(title=texts, note=texts, due=dates)
def test_follow_up_input(lotse, title, note, due):
    for name, kwargs in (
        ("title", {"due_date": date(2026, 7, 1), "title": title}),
        ("note", {"due_date": date(2026, 7, 1), "title": "Termin", "note": note}),
        ("due_date", {"due_date": due, "title": "Termin"}),
    ):
        if outcome := attempt(lambda kwargs=kwargs: run(lotse, create_follow_up, **kwargs), name):
            stored = read(lotse, FollowUp, outcome.created)
            wanted = canonical(kwargs[name]) if name != "due_date" else due
            assert getattr(stored, name) == wanted


@PROPERTY
@given(field=st.sampled_from(["recipient", "text_version", "guardian_name"]), value=texts, on=dates)
def test_consent_input(lotse, field, value, on):
    pid = add_person(lotse, "Haddad")
    base = {"purpose": ConsentPurpose.COUNSELLING, "recipient": "Jobcenter", "given_on": TODAY}
    for name, data in (
        (field, ConsentInput(**{**base, field: value})),
        ("given_on", ConsentInput(**{**base, "given_on": on})),
    ):
        add = lambda data=data: run(lotse, add_consent, pid, data, today=TODAY)  # noqa: E731
        if outcome := attempt(add, name):
            stored = read(lotse, Consent, outcome.created)
            if name == "given_on":
                assert stored.given_on == on
            elif name == "guardian_name":
                assert (stored.guardian_name or "") == canonical(value)
            else:
                assert getattr(stored, name) == canonical(value)


# --- support plans --------------------------------------------------------------------------

PLAN_TEXTS = ("situation", "strengths", "needs", "overall_aim", "agreements", "involved", "place")


@PROPERTY
@given(field=st.sampled_from(PLAN_TEXTS), value=texts, review=dates)
def test_plan_texts(lotse, field, value, review):
    plan_id = plan_of(lotse)
    if attempt(lambda: store_plan(lotse, plan_id, texts=PlanInput(**{field: value})), field):
        assert getattr(read(lotse, SupportPlan, plan_id), field) == canonical(value)
    on = PlanInput(next_review_on=review)
    if attempt(lambda: store_plan(lotse, plan_id, texts=on), "next_review_on"):
        assert read(lotse, SupportPlan, plan_id).next_review_on == review


@PROPERTY
@given(title=texts, indicator=texts, deadline=dates)
def test_plan_goals(lotse, title, indicator, deadline):
    plan_id = plan_of(lotse)
    goal = GoalInput(title, indicator, deadline)
    save = lambda: store_plan(lotse, plan_id, goals=[goal], steps=[])  # noqa: E731
    if attempt(save, "goals.0.goal_title", "goals.0.indicator", "goals.0.deadline"):
        with lotse.reading() as uow:
            (stored,) = uow.session.exec(select(Goal).where(Goal.plan_id == plan_id)).all()
        assert (stored.title, stored.indicator, stored.deadline) == (
            canonical(title),
            canonical(indicator),
            deadline,
        )


@PROPERTY
@given(description=texts, responsible=texts, due=st.one_of(st.none(), dates))
def test_plan_steps(lotse, description, responsible, due):
    plan_id = plan_of(lotse)
    step = StepInput(description, responsible, due)

    def save() -> None:
        store_plan(lotse, plan_id, goals=[], steps=[step])

    try:
        save()
    except ValidationError as error:
        named = {e.field for e in error.errors}
        assert named and named <= {"steps.0.description", "steps.0.responsible", "steps.0.due_on"}
        return
    with lotse.reading() as uow:
        (stored,) = uow.session.exec(select(PlanStep).where(PlanStep.plan_id == plan_id)).all()
    assert (stored.description, stored.responsible, stored.due_on) == (
        canonical(description),
        canonical(responsible),
        due,
    )


@PROPERTY
@given(name=texts, signed=dates)
def test_plan_signatures(lotse, name, signed):
    plan_id = plan_of(lotse)
    for field, data in (
        ("partner_name", SignatureInput(partner_name=name)),
        ("participant_signed_on", SignatureInput(participant_signed_on=signed)),
    ):
        if attempt(
            lambda data=data: run(lotse, record_signatures, plan_id, data, today=TODAY),
            field,
            "guardian_signed_on",  # signed_on can make the person a minor then
        ):
            stored = read(lotse, SupportPlan, plan_id)
            wanted = canonical(name) if field == "partner_name" else signed
            assert getattr(stored, field) == wanted


def plan_of(lotse: Any) -> int:
    """The one open plan of the one person of this test's location (made on first use)."""
    with lotse.reading() as uow:
        plan = uow.session.exec(select(SupportPlan)).first()
    if plan is not None:
        return plan.id  # type: ignore[return-value]
    return new_plan(lotse, add_person(lotse, "Haddad", birth_date=date(1990, 1, 1)), TODAY)

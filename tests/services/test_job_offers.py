"""Stellenangebote: the checks (German, naming the field, nothing stored), the expired flag of
the list, and the employer's expiry reminder that follows the offer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlmodel import select

from app.errors import ValidationError
from app.models.contacts import FollowUp
from app.models.jobs import JobOffer
from app.models.organization import Organization
from app.services.follow_ups import set_done
from app.services.job_offers import (
    EXPIRY_LEAD,
    OfferInput,
    OfferQuery,
    StatusFilter,
    create_offer,
    employer_choices,
    expiry_key,
    format_euros,
    format_hours,
    list_offers,
    offer_counts,
    offer_record,
    parse_euros,
    parse_hours,
    sync_expiry_follow_up,
    update_offer,
    withdraw_offer,
)
from app.vocab import (
    DrivingLicenceClass,
    GermanLevel,
    JobOfferSource,
    JobOfferStatus,
    OrganizationKind,
    SkillLevel,
)
from tests.services.helpers import run

TODAY = date.today()


def add_employer(lotse, name="Pflegedienst Sonnenschein GmbH", **values) -> int:
    values.setdefault("kind", OrganizationKind.EMPLOYER)
    with lotse.unit_of_work() as uow:
        org = Organization(name=name, postal_code="06108", city="Halle (Saale)", **values)
        uow.session.add(org)
        uow.session.flush()
        org_id = org.id
        uow.commit()
    assert org_id is not None
    return org_id


def offer(employer: int | None, **values) -> OfferInput:
    base = {
        "title": "Pflegehelfer:in (m/w/d)",
        "employer_id": employer,
        "occupation": "Pflegehelfer:in",
        "skill_level": SkillLevel.HELPER,
        "location": "Halle (Saale)",
        "location_postal_code": "06108",
        "hours_per_week": 30.0,
        "shifts": "2-Schicht",
        "start_on": TODAY + timedelta(days=30),
        "hourly_wage_cents": 1450,
        "social_insurance": True,
        "min_german_level": GermanLevel.A2,
        "required_driving_licence": DrivingLicenceClass.B,
        "vacancies": 2,
        "source": JobOfferSource.OWN_ACQUISITION,
        "valid_until": TODAY + timedelta(days=90),
    }
    return OfferInput(**{**base, **values})  # type: ignore[arg-type]


def stored_offers(lotse) -> int:
    (count,) = lotse.reads.one("SELECT count(*) FROM job_offer")
    return count


def reminders(lotse, offer_id: int) -> list[tuple[str, date, str, int | None, bool]]:
    with lotse.reading() as uow:
        rows = uow.session.exec(
            select(FollowUp)
            .where(FollowUp.generated_key.like(f"offer_expiry:job_offer:{offer_id}:%"))  # type: ignore[union-attr]
            .order_by(FollowUp.id)  # type: ignore[arg-type]
        ).all()
        return [
            (r.generated_key or "", r.due_date, r.title, r.organization_id, r.done_at is not None)
            for r in rows
        ]


# -- create, read ----------------------------------------------------------------------------------


def test_create_stores_every_field_and_reads_them_back(lotse):
    employer = add_employer(lotse)
    data = offer(employer, fixed_term_until=TODAY + timedelta(days=400), notes="Probetag möglich")
    changes = run(lotse, create_offer, data)
    assert changes.created is not None and changes.job_offers == {changes.created}
    assert changes.follow_ups  # the expiry reminder
    record = offer_record(lotse.reads, changes.created)
    assert record is not None
    assert record.data == replace(data, acquired_on=None)
    assert record.employer_name == "Pflegedienst Sonnenschein GmbH"
    assert record.expired is False


def test_texts_are_stored_in_their_canonical_form(lotse):
    employer = add_employer(lotse)
    created = run(lotse, create_offer, offer(employer, title="  Verka\u0308ufer:in  ")).created
    record = offer_record(lotse.reads, created)
    assert record is not None and record.data.title == "Verkäufer:in"


def test_euros_and_hours_as_typed():
    assert parse_euros("13,50") == 1350
    assert parse_euros("13.5") == 1350
    assert parse_euros("13") == 1300
    assert parse_euros("13,50 €") == 1350
    assert parse_euros(" ") is None
    assert parse_euros("-2,00") == -200  # kept: the check refuses it with a message
    with pytest.raises(ValueError):
        parse_euros("dreizehn")
    assert format_euros(1350) == "13,50" and format_euros(1300) == "13,00"
    assert format_euros(None) == ""
    assert parse_hours("38,5") == 38.5 and parse_hours("40") == 40.0
    assert parse_hours("") is None
    with pytest.raises(ValueError):
        parse_hours("viel")
    assert format_hours(38.5) == "38,5" and format_hours(40.0) == "40"


# -- refused ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "field", "label", "message"),
    [
        (
            {"valid_until": TODAY + timedelta(days=10)},  # start is in 30 days
            "valid_until",
            "Gültig bis",
            "Das Datum darf nicht vor Beginn",
        ),
        ({"hours_per_week": -5.0}, "hours_per_week", "Stunden pro Woche", "nicht negativ"),
        ({"hours_per_week": 61.0}, "hours_per_week", "Stunden pro Woche", "höchstens 60"),
        ({"hourly_wage_cents": -100}, "hourly_wage_cents", "Stundenlohn (€)", "nicht negativ"),
        ({"vacancies": 0}, "vacancies", "Anzahl Stellen", "mindestens eine Stelle"),
        ({"title": "  "}, "title", "Titel", "Bitte füllen Sie dieses Feld aus."),
        ({"employer_id": None}, "employer_id", "Arbeitgeber", "Bitte wählen Sie den Arbeitgeber"),
        ({"location_postal_code": "6108"}, "location_postal_code", "PLZ des Arbeitsorts", "5"),
        (
            {"fixed_term_until": TODAY},
            "fixed_term_until",
            "Befristet bis",
            "Das Datum darf nicht vor Beginn",
        ),
    ],
)
def test_bad_input_is_refused_in_german_naming_the_field(lotse, values, field, label, message):
    employer = add_employer(lotse)
    with pytest.raises(ValidationError) as error:
        run(lotse, create_offer, offer(employer, **values))
    (problem,) = error.value.errors
    assert problem.field == field
    assert problem.label == label
    assert message in problem.message
    assert stored_offers(lotse) == 0
    (reminder_count,) = lotse.reads.one("SELECT count(*) FROM follow_up")
    assert reminder_count == 0


def test_all_problems_at_once_and_an_update_refused_leaves_the_offer(lotse):
    employer = add_employer(lotse)
    offer_id = run(lotse, create_offer, offer(employer)).created
    bad = offer(employer, hours_per_week=70.0, hourly_wage_cents=-1, vacancies=0)
    with pytest.raises(ValidationError) as error:
        run(lotse, update_offer, offer_id, bad)
    assert {e.field for e in error.value.errors} == {
        "hours_per_week",
        "hourly_wage_cents",
        "vacancies",
    }
    record = offer_record(lotse.reads, offer_id)
    assert record is not None and record.data == offer(employer)


def test_an_employer_that_does_not_exist_is_refused(lotse):
    with pytest.raises(ValidationError) as error:
        run(lotse, create_offer, offer(4711))
    assert [e.field for e in error.value.errors] == ["employer_id"]
    assert stored_offers(lotse) == 0


# -- the list --------------------------------------------------------------------------------------


def test_expired_is_a_flag_of_the_reads_never_a_stored_status(lotse):
    employer = add_employer(lotse, name="Autohaus Müller")
    current = run(lotse, create_offer, offer(employer, title="Lagerhelfer:in")).created
    past = run(
        lotse,
        create_offer,
        offer(
            employer,
            title="Kfz-Mechatroniker:in",
            start_on=TODAY - timedelta(days=100),
            valid_until=TODAY - timedelta(days=1),
        ),
    ).created
    filled = run(
        lotse,
        create_offer,
        offer(
            employer,
            title="Berufskraftfahrer:in",
            start_on=TODAY - timedelta(days=100),
            valid_until=TODAY - timedelta(days=5),
            status=JobOfferStatus.FILLED,
        ),
    ).created
    with lotse.reading() as uow:
        assert uow.session.get(JobOffer, past).status == JobOfferStatus.OPEN  # type: ignore[union-attr]

    def listed(status: StatusFilter, text: str = "") -> list[tuple[int, bool]]:
        rows = list_offers(lotse.reads, OfferQuery(text=text, status=status, today=TODAY))
        return [(row.id, row.expired) for row in rows]

    assert listed(StatusFilter.OPEN) == [(current, False)]
    assert listed(StatusFilter.EXPIRED) == [(past, True)]
    assert listed(StatusFilter.FILLED) == [(filled, False)]
    assert listed(StatusFilter.WITHDRAWN) == []
    # sorted by "gültig bis"
    assert listed(StatusFilter.ALL) == [(filled, False), (past, True), (current, False)]
    record = offer_record(lotse.reads, past, today=TODAY)
    assert record is not None and record.expired
    counts = offer_counts(lotse.reads, TODAY)
    assert counts == {
        StatusFilter.OPEN: 1,
        StatusFilter.EXPIRED: 1,
        StatusFilter.FILLED: 1,
        StatusFilter.WITHDRAWN: 0,
        StatusFilter.ALL: 3,
    }


def test_the_search_folds_case_accents_and_umlaut_spellings(lotse):
    employer = add_employer(lotse, name="Autohaus Müller")
    other = add_employer(lotse, name="Bäckerei Şahin")
    mechanic = run(
        lotse,
        create_offer,
        offer(employer, title="Kfz-Mechatroniker:in", occupation="Kfz-Mechatroniker:in"),
    ).created
    baker = run(
        lotse,
        create_offer,
        offer(other, title="Verkäufer:in", occupation="Verkäufer:in", location="Merseburg"),
    ).created

    def found(text: str) -> list[int]:
        query = OfferQuery(text=text, status=StatusFilter.ALL, today=TODAY)
        return [row.id for row in list_offers(lotse.reads, query)]

    assert found("mueller") == [mechanic]  # employer
    assert found("MÜLLER") == [mechanic]
    assert found("sahin") == [baker]  # employer with ş
    assert found("verkaufer") == [baker]  # title, without the umlaut
    assert found("merse") == [baker]  # place of work
    assert found("halle kfz") == [mechanic]  # every word must be found
    assert found("pflege") == []
    assert sorted(found("")) == sorted([mechanic, baker])


def test_employer_choices_are_employers_and_training_companies(lotse):
    employer = add_employer(lotse, name="Zimmerei Holz")
    company = add_employer(
        lotse, name="Ausbildungsbetrieb Abel", kind=OrganizationKind.TRAINING_COMPANY
    )
    add_employer(lotse, name="Jobcenter Halle", kind=OrganizationKind.JOB_CENTER)
    assert [(c.id, c.name) for c in employer_choices(lotse.reads)] == [
        (company, "Ausbildungsbetrieb Abel"),
        (employer, "Zimmerei Holz"),
    ]


# -- the expiry reminder ---------------------------------------------------------------------------


def test_the_employer_gets_a_reminder_before_the_offer_expires(lotse):
    employer = add_employer(lotse)
    until = TODAY + timedelta(days=90)
    offer_id = run(lotse, create_offer, offer(employer, valid_until=until)).created
    assert reminders(lotse, offer_id) == [
        (
            expiry_key(offer_id, until),
            until - EXPIRY_LEAD,
            f"Stellenangebot „Pflegehelfer:in (m/w/d)“ läuft am {until:%d.%m.%Y} ab",
            employer,
            False,
        )
    ]
    assert timedelta(days=14) == EXPIRY_LEAD
    assert expiry_key(offer_id, until) == f"offer_expiry:job_offer:{offer_id}:{until.isoformat()}"


def test_the_reminder_moves_with_the_date_and_the_title(lotse):
    employer = add_employer(lotse)
    offer_id = run(lotse, create_offer, offer(employer)).created
    later = TODAY + timedelta(days=120)
    changes = run(
        lotse,
        update_offer,
        offer_id,
        offer(employer, valid_until=later, title="Pflegefachhelfer:in"),
    )
    assert changes.job_offers == {offer_id} and changes.follow_ups
    assert reminders(lotse, offer_id) == [
        (
            expiry_key(offer_id, later),
            later - EXPIRY_LEAD,
            f"Stellenangebot „Pflegefachhelfer:in“ läuft am {later:%d.%m.%Y} ab",
            employer,
            False,
        )
    ]


def test_the_reminder_goes_when_the_offer_is_filled_withdrawn_or_has_no_date(lotse):
    employer = add_employer(lotse)
    first = run(lotse, create_offer, offer(employer)).created
    run(lotse, update_offer, first, offer(employer, status=JobOfferStatus.FILLED))
    assert reminders(lotse, first) == []

    second = run(lotse, create_offer, offer(employer)).created
    changes = run(lotse, withdraw_offer, second)
    assert changes.job_offers == {second} and changes.follow_ups
    assert reminders(lotse, second) == []
    assert run(lotse, withdraw_offer, second).job_offers == frozenset()  # nothing to do
    record = offer_record(lotse.reads, second)
    assert record is not None and record.data.status == JobOfferStatus.WITHDRAWN

    third = run(lotse, create_offer, offer(employer)).created
    run(lotse, update_offer, third, offer(employer, valid_until=None))
    assert reminders(lotse, third) == []


def test_a_done_reminder_stays_and_is_not_made_again(lotse):
    employer = add_employer(lotse)
    until = TODAY + timedelta(days=90)
    offer_id = run(lotse, create_offer, offer(employer, valid_until=until)).created
    ((key, *_rest),) = reminders(lotse, offer_id)
    with lotse.reading() as uow:
        follow_up_id = uow.session.exec(
            select(FollowUp.id).where(FollowUp.generated_key == key)
        ).one()
    run(lotse, set_done, follow_up_id)
    run(lotse, update_offer, offer_id, offer(employer, valid_until=until, shifts="3-Schicht"))
    assert [r[4] for r in reminders(lotse, offer_id)] == [True]  # not made again
    run(lotse, withdraw_offer, offer_id)  # done ones stay as history
    assert [r[4] for r in reminders(lotse, offer_id)] == [True]


def test_a_status_set_elsewhere_is_followed_by_the_step(lotse):
    """Another operation that fills the offer (placements) calls the step in its unit."""
    employer = add_employer(lotse)
    offer_id = run(lotse, create_offer, offer(employer)).created
    with lotse.unit_of_work() as uow:
        stored = uow.session.get(JobOffer, offer_id)
        assert stored is not None
        stored.status = JobOfferStatus.FILLED
        sync_expiry_follow_up(uow.session, stored)
        uow.commit()
    assert reminders(lotse, offer_id) == []


def test_an_unchanged_save_changes_nothing(lotse):
    employer = add_employer(lotse)
    offer_id = run(lotse, create_offer, offer(employer)).created
    assert not run(lotse, update_offer, offer_id, offer(employer))
    assert len(reminders(lotse, offer_id)) == 1


def test_an_offer_that_is_gone_is_said_so(lotse):
    employer = add_employer(lotse)
    with pytest.raises(ValidationError) as error:
        run(lotse, update_offer, 999, offer(employer))
    assert str(error.value) == "Stellenangebot: Der Eintrag existiert nicht mehr."
    with pytest.raises(ValidationError):
        run(lotse, withdraw_offer, 999)

"""Fallkonferenz (#18): a contact note with further organisations taking part, each with a
contact person or none; it shows in the timeline of each of them and in the person's."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.errors import ValidationError
from app.services.contact_notes import (
    NoteInput,
    PartyRow,
    add_note,
    add_organization_note,
    delete_note,
    notes_concern_organization,
    notes_of,
    notes_of_organization,
    update_note,
)
from app.services.organizations import (
    ContactInput,
    OrganizationInput,
    create_organization,
    delete_organization,
    get_organization,
    update_organization,
)
from app.vocab import ContactKind, OrganizationKind
from tests.services.helpers import add_person, run

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def ids(*values: int) -> frozenset[int]:
    return frozenset(values)


def add_org(lotse: Lotse, name: str, *people: str, kind=OrganizationKind.OTHER) -> int:
    contacts = tuple(ContactInput(person) for person in people)
    changes = run(lotse, create_organization, OrganizationInput(name, kind=kind, contacts=contacts))
    assert changes.created is not None
    return changes.created


def person_of(lotse: Lotse, organization_id: int, name: str) -> int:
    record = get_organization(lotse.reads, organization_id)
    assert record is not None
    return next(p.id for p in record.contacts if p.name == name)


@pytest.fixture
def network(lotse: Lotse) -> dict[str, int]:
    """Jobcenter Halle with Frau Meier, BBS II with Herr Roth and Frau Lange, a training
    company without contact persons, and Łukasz Nowak."""
    jobcenter = add_org(lotse, "Jobcenter Halle", "Frau Meier", kind=OrganizationKind.JOB_CENTER)
    school = add_org(lotse, "BBS II", "Herr Roth", "Frau Lange", kind=OrganizationKind.SCHOOL)
    company = add_org(lotse, "Bäckerei Müller", kind=OrganizationKind.TRAINING_COMPANY)
    return {
        "jobcenter": jobcenter,
        "meier": person_of(lotse, jobcenter, "Frau Meier"),
        "school": school,
        "roth": person_of(lotse, school, "Herr Roth"),
        "lange": person_of(lotse, school, "Frau Lange"),
        "company": company,
        "pid": add_person(lotse, "Nowak", "Łukasz"),
    }


def conference(*parties: tuple[int, int | None], **values: object) -> NoteInput:
    base = NoteInput(NOW, ContactKind.CASE_CONFERENCE, "Runder Tisch zum Ausbildungsabbruch", 90)
    return replace(base, organizations=tuple(parties), **values)  # type: ignore[arg-type]


def refusal(lotse: Lotse, operation, *args) -> list[tuple[str, str, str]]:
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as refused:
        operation(uow, *args)
    return [(e.field, e.label, e.message) for e in refused.value.errors]


def test_a_case_conference_with_two_organisations_is_stored_and_shown_in_every_timeline(
    lotse, network
):
    n = network
    changes = run(
        lotse,
        add_note,
        n["pid"],
        conference((n["jobcenter"], n["meier"]), (n["school"], n["roth"])),
    )
    nid = changes.created
    assert nid is not None
    assert changes == Changes(notes=ids(nid), cases=ids(n["pid"]), created=nid)
    stored = lotse.reads.rows(
        "SELECT organization_id, contact_person_id FROM contact_note_organization "
        "WHERE note_id = ? ORDER BY id",
        (nid,),
    )
    assert stored == [(n["jobcenter"], n["meier"]), (n["school"], n["roth"])]

    (mine,) = notes_of(lotse.reads, n["pid"])
    assert mine.id == nid and mine.organization_id is None
    assert mine.parties() == (
        PartyRow(n["jobcenter"], "Jobcenter Halle", n["meier"], "Frau Meier"),
        PartyRow(n["school"], "BBS II", n["roth"], "Herr Roth"),
    )
    for organization in ("jobcenter", "school"):
        (row,) = notes_of_organization(lotse.reads, n[organization])
        assert row == mine  # the same entry, with the person it is about
        assert (row.participant_id, row.participant_name) == (n["pid"], "Łukasz Nowak")
    assert notes_of_organization(lotse.reads, n["company"]) == []
    actions = lotse.reads.rows(
        "SELECT action, fields FROM audit_event WHERE entity = 'contact_note' AND entity_id = ?",
        (nid,),
    )
    assert len(actions) == 1 and "organizations" in actions[0][1]


def test_an_organisation_timeline_holds_its_own_notes_and_those_it_takes_part_in(lotse, network):
    n = network
    old = run(
        lotse,
        add_organization_note,
        n["jobcenter"],
        NoteInput(NOW - timedelta(days=7), ContactKind.PHONE, "Termin abgestimmt"),
    ).created
    taking_part = run(
        lotse, add_note, n["pid"], conference((n["jobcenter"], None), (n["school"], n["lange"]))
    ).created
    # an organisation's own Fallkonferenz: the main organisation counts, the school takes part
    own = run(
        lotse,
        add_organization_note,
        n["company"],
        conference((n["school"], None), occurred_at=NOW - timedelta(days=1)),
    ).created
    assert [r.id for r in notes_of_organization(lotse.reads, n["jobcenter"])] == [taking_part, old]
    assert [r.id for r in notes_of_organization(lotse.reads, n["school"])] == [taking_part, own]
    (company_note,) = notes_of_organization(lotse.reads, n["company"])
    assert company_note.id == own and company_note.participant_id is None
    assert [p.organization_name for p in company_note.parties()] == ["Bäckerei Müller", "BBS II"]

    assert notes_concern_organization(lotse.reads, n["jobcenter"], [old])
    assert notes_concern_organization(lotse.reads, n["jobcenter"], [own, taking_part])
    assert not notes_concern_organization(lotse.reads, n["jobcenter"], [own])
    assert not notes_concern_organization(lotse.reads, n["company"], [old, taking_part])
    assert not notes_concern_organization(lotse.reads, n["company"], [])


def test_the_main_organisation_may_be_listed_to_name_its_contact_person(lotse, network):
    n = network
    nid = run(
        lotse,
        add_organization_note,
        n["jobcenter"],
        conference((n["jobcenter"], n["meier"]), (n["school"], n["roth"])),
    ).created
    (row,) = notes_of_organization(lotse.reads, n["jobcenter"])  # listed once
    assert row.id == nid
    assert [(p.organization_name, p.contact_person_name) for p in row.parties()] == [
        ("Jobcenter Halle", "Frau Meier"),
        ("BBS II", "Herr Roth"),
    ]


def test_update_replaces_the_set_of_organisations(lotse, network):
    n = network
    nid = run(
        lotse,
        add_note,
        n["pid"],
        conference((n["jobcenter"], n["meier"]), (n["school"], n["roth"])),
    ).created
    changes = run(
        lotse, update_note, nid, conference((n["school"], n["lange"]), (n["company"], None))
    )
    assert changes == Changes(notes=ids(nid), cases=ids(n["pid"]))
    (row,) = notes_of(lotse.reads, n["pid"])
    assert [p.as_input() for p in row.parties()] == [
        (n["school"], n["lange"]),
        (n["company"], None),
    ]
    assert row.party_inputs() == ((n["school"], n["lange"]), (n["company"], None))
    assert notes_of_organization(lotse.reads, n["jobcenter"]) == []
    assert [r.id for r in notes_of_organization(lotse.reads, n["company"])] == [nid]
    # the same set again: nothing changed, nothing reported
    assert not run(
        lotse, update_note, nid, conference((n["school"], n["lange"]), (n["company"], None))
    )
    # the organisations alone changed: the note is reported, its audit event names the field
    other_kind = conference(
        (n["school"], n["lange"]), (n["company"], None), kind=ContactKind.IN_PERSON
    )
    run(lotse, update_note, nid, other_kind)
    changes = run(lotse, update_note, nid, replace(other_kind, organizations=()))
    assert changes == Changes(notes=ids(nid), cases=ids(n["pid"]))
    assert notes_of_organization(lotse.reads, n["school"]) == []
    (fields,) = lotse.reads.one(
        "SELECT fields FROM audit_event WHERE entity = 'contact_note' AND entity_id = ? "
        "ORDER BY id DESC LIMIT 1",
        (nid,),
    )
    assert "organizations" in fields and "content" not in fields


def test_a_contact_person_of_another_organisation_is_refused_in_german(lotse, network):
    n = network
    note = conference((n["jobcenter"], n["roth"]))
    assert refusal(lotse, add_note, n["pid"], note) == [
        (
            "organizations",
            "Beteiligte Organisationen",
            "Herr Roth ist keine Ansprechperson von Jobcenter Halle.",
        )
    ]
    assert lotse.reads.one("SELECT count(*) FROM contact_note")[0] == 0
    nid = run(lotse, add_note, n["pid"], conference((n["school"], n["roth"]))).created
    assert [e[2] for e in refusal(lotse, update_note, nid, note)] == [
        "Herr Roth ist keine Ansprechperson von Jobcenter Halle."
    ]
    (row,) = notes_of(lotse.reads, n["pid"])  # unchanged
    assert row.party_inputs() == ((n["school"], n["roth"]),)


@pytest.mark.parametrize(
    ("parties", "message"),
    [
        (((4242, None),), "Keine Organisation mit der Nummer 4242."),
        ((("BBS II", None),), "Bitte wählen Sie einen vorhandenen Eintrag."),
        (((0, None),), "Bitte wählen Sie einen vorhandenen Eintrag."),
        ((("school", None), ("school", "lange")), "BBS II ist doppelt genannt."),
        ((("school", 4242),), "Keine Ansprechperson mit der Nummer 4242."),
        ((("school", -3),), "Bitte wählen Sie einen vorhandenen Eintrag."),
        ((("school", None, None),), "Bitte wählen Sie einen vorhandenen Eintrag."),
    ],
)
def test_organisations_that_cannot_take_part_are_refused(lotse, network, parties, message):
    resolved = tuple(
        tuple(network.get(v, v) if isinstance(v, str) and v in network else v for v in pair)
        for pair in parties
    )
    note = replace(conference(), organizations=resolved)  # type: ignore[arg-type]
    assert refusal(lotse, add_note, network["pid"], note) == [
        ("organizations", "Beteiligte Organisationen", message)
    ]


def test_at_most_twenty_organisations(lotse, network):
    many = tuple((add_org(lotse, f"Träger {i}"), None) for i in range(21))
    assert [e[2] for e in refusal(lotse, add_note, network["pid"], conference(*many))] == [
        "Es können höchstens 20 Organisationen genannt werden."
    ]
    nid = run(lotse, add_note, network["pid"], conference(*many[:20])).created
    assert len(notes_of(lotse.reads, network["pid"])[0].parties()) == 20
    assert nid is not None


def test_a_case_conference_names_one_organisation_at_least(lotse, network):
    n = network
    bare = conference()
    assert refusal(lotse, add_note, n["pid"], bare) == [
        (
            "organizations",
            "Beteiligte Organisationen",
            "Eine Fallkonferenz braucht mindestens eine beteiligte Organisation.",
        )
    ]
    # an organisation's own note: the organisation itself takes part
    assert run(lotse, add_organization_note, n["school"], bare).created is not None
    # another kind of contact names none
    phone = replace(bare, kind=ContactKind.PHONE)
    nid = run(lotse, add_note, n["pid"], phone).created
    assert [e[0] for e in refusal(lotse, update_note, nid, bare)] == ["organizations"]
    # a Fallkonferenz stored without organisations (before #18) can still be edited
    with lotse.unit_of_work() as uow:
        uow.connection.execute(
            "UPDATE contact_note SET kind = 'case_conference' WHERE id = ?", (nid,)
        )
        uow.commit()
    changes = run(lotse, update_note, nid, replace(bare, content="Nachtrag"))
    assert changes == Changes(notes=ids(nid), cases=ids(n["pid"]))
    # …but once it names organisations, they cannot all go
    run(lotse, update_note, nid, conference((n["school"], None)))
    assert [e[0] for e in refusal(lotse, update_note, nid, bare)] == ["organizations"]


def test_deleting_an_organisation_or_contact_person_keeps_the_conference(lotse, network):
    n = network
    nid = run(
        lotse,
        add_note,
        n["pid"],
        conference((n["jobcenter"], n["meier"]), (n["school"], n["roth"])),
    ).created
    record = get_organization(lotse.reads, n["school"])
    assert record is not None
    without_roth = replace(
        record.as_input(),
        contacts=tuple(p for p in record.as_input().contacts if p.name != "Herr Roth"),
    )
    changes = run(lotse, update_organization, n["school"], without_roth)
    assert nid in changes.notes and n["pid"] in changes.cases  # the note's person is told
    changes = run(lotse, delete_organization, n["jobcenter"])
    assert nid in changes.notes
    (row,) = notes_of(lotse.reads, n["pid"])
    assert row.parties() == (PartyRow(n["school"], "BBS II", None, ""),)
    assert run(lotse, delete_note, nid) == Changes(notes=ids(nid), cases=ids(n["pid"]))
    assert lotse.reads.one("SELECT count(*) FROM contact_note_organization")[0] == 0


def test_deleting_an_organisation_keeps_its_own_conference_for_the_others(lotse, network):
    """An organisation's own note (no person) goes with it — unless further organisations took
    part: then it stays in their timelines, the first of them now the note's organisation."""
    n = network
    alone = run(
        lotse,
        add_organization_note,
        n["jobcenter"],
        NoteInput(NOW, ContactKind.PHONE, "Rückruf wegen Stellenmeldung", 10),
    ).created
    shared = run(
        lotse,
        add_organization_note,
        n["jobcenter"],
        conference((n["school"], n["roth"]), (n["company"], None)),
    ).created
    run(lotse, delete_organization, n["jobcenter"])
    remaining = {row[0]: row[1] for row in lotse.reads.rows(
        "SELECT id, organization_id FROM contact_note")}  # fmt: skip
    assert alone not in remaining
    assert remaining[shared] == n["school"]
    assert [row.id for row in notes_of_organization(lotse.reads, n["company"])] == [shared]
    assert [row.id for row in notes_of_organization(lotse.reads, n["school"])] == [shared]

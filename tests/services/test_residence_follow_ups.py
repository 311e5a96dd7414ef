"""One expiry Wiedervorlage per residence title: the Aufenthaltsstatus decides which date counts
(docs/domain.md, sections 3 and 7)."""

from datetime import date

import pytest

from app.services.follow_up_lists import follow_ups_of
from app.services.follow_ups import residence_fields_for, set_done
from app.services.participants import get_participant, update_participant
from app.vocab import FollowUpKind, ResidenceStatus
from tests.services.helpers import add_person

BOTH_DATES = {
    "residence_title_valid_until": date(2027, 3, 31),  # title reminder due 31.12.2026
    "s104c_granted_on": date(2025, 8, 31),  # expires 28.02.2027, reminder due 01.09.2026
}
TITLE = (FollowUpKind.RESIDENCE_TITLE_EXPIRY, date(2026, 12, 31))
S104C = (FollowUpKind.S104C_EXPIRY, date(2026, 9, 1))
EXPIRY_KINDS = {FollowUpKind.RESIDENCE_TITLE_EXPIRY, FollowUpKind.S104C_EXPIRY}
OWN_DATES = (ResidenceStatus.S104C, ResidenceStatus.SETTLEMENT_PERMIT)  # not the title date
TITLE_STATUSES = [s for s in ResidenceStatus if s not in OWN_DATES]


def expiry_follow_ups(lotse, pid):
    """(kind, due, done) of the person's residence expiry follow-ups, as a sorted list."""
    with lotse.unit_of_work() as uow:
        rows = follow_ups_of(uow, pid)
        return sorted(
            (row.kind, row.due_date, row.done) for row in rows if row.kind in EXPIRY_KINDS
        )


def test_s104c_status_with_both_dates_gets_only_the_s104c_follow_up(lotse):
    pid = add_person(lotse, "Ahmadi", residence_status=ResidenceStatus.S104C, **BOTH_DATES)
    assert expiry_follow_ups(lotse, pid) == [(*S104C, False)]


@pytest.mark.parametrize("status", TITLE_STATUSES)
def test_a_status_with_an_expiring_title_gets_only_the_title_follow_up(lotse, status):
    pid = add_person(lotse, "Karimi", residence_status=status, **BOTH_DATES)
    assert expiry_follow_ups(lotse, pid) == [(*TITLE, False)]


def test_a_settlement_permit_generates_no_expiry_follow_up(lotse):
    status = ResidenceStatus.SETTLEMENT_PERMIT
    pid = add_person(lotse, "Popal", residence_status=status, **BOTH_DATES)
    assert expiry_follow_ups(lotse, pid) == []


def test_changing_the_status_replaces_the_open_one_and_keeps_the_dates(lotse):
    pid = add_person(lotse, "Hailu", residence_status=ResidenceStatus.S104C, **BOTH_DATES)
    with lotse.unit_of_work() as uow:
        update_participant(uow, pid, {"residence_status": ResidenceStatus.S25A})
    assert expiry_follow_ups(lotse, pid) == [(*TITLE, False)]
    with lotse.unit_of_work() as uow:  # the dates that no longer fit are not deleted
        person = get_participant(uow, pid)
        assert (person.residence_title_valid_until, person.s104c_granted_on) == (
            BOTH_DATES["residence_title_valid_until"],
            BOTH_DATES["s104c_granted_on"],
        )
    with lotse.unit_of_work() as uow:
        update_participant(uow, pid, {"residence_status": ResidenceStatus.SETTLEMENT_PERMIT})
    assert expiry_follow_ups(lotse, pid) == []


def test_a_done_expiry_follow_up_stays_when_the_status_changes(lotse):
    pid = add_person(lotse, "Noori", residence_status=ResidenceStatus.S104C, **BOTH_DATES)
    with lotse.unit_of_work() as uow:
        (first,) = [row for row in follow_ups_of(uow, pid) if row.kind in EXPIRY_KINDS]
        set_done(uow, first.id)
    with lotse.unit_of_work() as uow:
        update_participant(uow, pid, {"residence_status": ResidenceStatus.TOLERATION})
    assert expiry_follow_ups(lotse, pid) == sorted([(*S104C, True), (*TITLE, False)])
    with lotse.unit_of_work() as uow:  # back again: the done one is not created a second time
        update_participant(uow, pid, {"residence_status": ResidenceStatus.S104C})
    assert expiry_follow_ups(lotse, pid) == [(*S104C, True)]


def test_without_a_status_each_filled_date_still_has_its_reminder(lotse):
    pid = add_person(lotse, "Rahimi", **BOTH_DATES)
    assert expiry_follow_ups(lotse, pid) == sorted([(*TITLE, False), (*S104C, False)])


def test_the_rule_per_status():
    title = {"residence_title_valid_until"}
    assert residence_fields_for(ResidenceStatus.S104C) == {"s104c_granted_on", "s25_application_on"}
    assert residence_fields_for(ResidenceStatus.SETTLEMENT_PERMIT) == set()
    for status in TITLE_STATUSES:
        assert residence_fields_for(status) == title, status
    assert residence_fields_for(None) == title | {"s104c_granted_on", "s25_application_on"}

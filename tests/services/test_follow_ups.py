"""Generated and manual Wiedervorlagen; the overview buckets."""

from datetime import date, timedelta

import pytest

from app.errors import ValidationError
from app.models.participant import s104c_expiry
from app.services.follow_up_lists import follow_ups_of, open_follow_ups
from app.services.follow_ups import create_follow_up, delete_follow_up, set_done
from app.services.overview import end_of_week, horizon_end, overview
from app.services.participants import update_participant
from app.vocab import FollowUpKind, Program
from tests.services.helpers import add_person, run


def kinds(lotse, pid):
    with lotse.unit_of_work() as uow:
        return {(row.kind, row.due_date, row.done) for row in follow_ups_of(uow, pid)}


def test_generated_from_record_dates(lotse):
    pid = add_person(
        lotse,
        "Ahmadi",
        residence_title_valid_until=date(2027, 3, 31),
        s104c_granted_on=date(2025, 8, 31),
        cooperation_plan_next_update_on=date(2026, 12, 15),
    )
    assert s104c_expiry(date(2025, 8, 31)) == date(2027, 2, 28)
    assert kinds(lotse, pid) == {
        (FollowUpKind.RESIDENCE_TITLE_EXPIRY, date(2026, 12, 31), False),  # 90 days ahead
        (FollowUpKind.S104C_EXPIRY, date(2026, 9, 1), False),  # 180 days ahead
        (FollowUpKind.COOPERATION_PLAN_UPDATE, date(2026, 12, 15), False),
    }


def test_regeneration_follows_changes_and_keeps_done_history(lotse):
    pid = add_person(lotse, "Karimi", residence_title_valid_until=date(2027, 3, 31))
    with lotse.unit_of_work() as uow:
        (first,) = follow_ups_of(uow, pid)
        set_done(uow, first.id)
    with lotse.unit_of_work() as uow:  # title renewed: a new reminder, the done one stays
        update_participant(uow, pid, {"residence_title_valid_until": date(2029, 3, 31)})
    assert kinds(lotse, pid) == {
        (FollowUpKind.RESIDENCE_TITLE_EXPIRY, date(2026, 12, 31), True),
        (FollowUpKind.RESIDENCE_TITLE_EXPIRY, date(2028, 12, 31), False),
    }
    with lotse.unit_of_work() as uow:  # date removed: the open reminder goes
        update_participant(uow, pid, {"residence_title_valid_until": None})
    assert kinds(lotse, pid) == {(FollowUpKind.RESIDENCE_TITLE_EXPIRY, date(2026, 12, 31), True)}


def test_unchanged_save_creates_no_duplicates(lotse):
    pid = add_person(lotse, "Popal", residence_title_valid_until=date(2027, 3, 31))
    with lotse.unit_of_work() as uow:
        update_participant(uow, pid, {"city": "Stendal"})
    assert len(kinds(lotse, pid)) == 1


def test_manual_follow_up_lifecycle(lotse):
    pid = add_person(lotse, "Hailu", program=Program.TRAINING)
    created = run(lotse, create_follow_up, due_date=date(2026, 12, 1), title=" Zeugnis holen ",
                  participant_id=pid)  # fmt: skip
    fid = created.created
    assert (created.follow_ups, created.cases) == ({fid}, {pid})
    (row,) = open_follow_ups(lotse.reads)
    assert (row.title, row.participant_name) == ("Zeugnis holen", "Hailu")
    assert run(lotse, set_done, fid).follow_ups == {fid}
    assert open_follow_ups(lotse.reads) == []
    assert run(lotse, delete_follow_up, fid).follow_ups == {fid}
    assert kinds(lotse, pid) == set()


def test_manual_follow_up_needs_date_and_subject(lotse):
    with lotse.unit_of_work() as uow, pytest.raises(ValidationError) as raised:
        create_follow_up(uow, due_date=None, title="")
    assert [e.field for e in raised.value.errors] == ["due_date", "title"]


def test_overview_buckets(lotse):
    today = date(2026, 11, 25)  # a Wednesday
    assert end_of_week(today) == date(2026, 11, 29)
    pid = add_person(lotse, "Warsame", "Hodan")
    for due, title in [
        (date(2026, 11, 20), "überfällig"),
        (today, "heute"),
        (date(2026, 11, 29), "Sonntag"),
        (date(2026, 11, 30), "nächste Woche"),
    ]:
        with lotse.unit_of_work() as uow:
            create_follow_up(uow, due_date=due, title=title, participant_id=pid)
    with lotse.unit_of_work() as uow:
        result = overview(uow, today)
    assert [r.title for r in result.overdue] == ["überfällig"]
    assert [r.title for r in result.today] == ["heute"]
    assert [r.title for r in result.this_week] == ["Sonntag"]
    assert [case.name for case in result.recent] == ["Hodan Warsame"]
    assert result.active_cases == 1


def test_coming_up_is_after_this_week_up_to_the_horizon(lotse):
    today = date(2026, 11, 25)  # a Wednesday; the week ends on 29 November
    pid = add_person(lotse, "Warsame", "Hodan")
    days = {"Sonntag": 4, "Montag": 5, "in 17 Tagen": 17, "in 28 Tagen": 28, "in 29 Tagen": 29,
            "in 40 Tagen": 40}  # fmt: skip
    for title, ahead in days.items():
        run(lotse, create_follow_up, due_date=today + timedelta(days=ahead), title=title,
            participant_id=pid)  # fmt: skip
    done = run(lotse, create_follow_up, due_date=today + timedelta(days=10), title="erledigt",
               participant_id=pid).created  # fmt: skip
    run(lotse, set_done, done)

    assert horizon_end(today, 4) == date(2026, 12, 23)
    result = overview(lotse.reads, today)  # the default: 4 weeks
    assert [r.title for r in result.this_week] == ["Sonntag"]
    assert [r.title for r in result.coming_up] == ["Montag", "in 17 Tagen", "in 28 Tagen"]
    assert (result.this_week_count, result.coming_up_count) == (1, 3)
    assert result.horizon_end == date(2026, 12, 23)

    wider = overview(lotse.reads, today, horizon_weeks=8)
    assert [r.title for r in wider.coming_up] == [
        "Montag", "in 17 Tagen", "in 28 Tagen", "in 29 Tagen", "in 40 Tagen"
    ]  # fmt: skip
    assert wider.coming_up_count == 5
    assert [r.title for r in wider.this_week] == ["Sonntag"]


def test_the_overview_counts_all_while_it_lists_the_first(lotse, monkeypatch):
    import app.services.overview as overview_module

    monkeypatch.setattr(overview_module, "SHOWN", 2)
    today = date(2026, 11, 25)
    pid = add_person(lotse, "Warsame", "Hodan")
    for ahead in (10, 11, 12):
        run(lotse, create_follow_up, due_date=today + timedelta(days=ahead), title=str(ahead),
            participant_id=pid)  # fmt: skip
    result = overview(lotse.reads, today)
    assert [r.title for r in result.coming_up] == ["10", "11"]
    assert result.coming_up_count == 3


def test_an_organisations_follow_up_carries_the_organisation(lotse):
    from app.models.organization import Organization

    with lotse.unit_of_work() as uow:
        organisation = Organization(name="Autohaus Schmidt")
        uow.session.add(organisation)
        uow.session.flush()
        oid = organisation.id
        uow.commit()
    run(lotse, create_follow_up, due_date=date(2026, 12, 1), title="anrufen", organization_id=oid)
    (row,) = open_follow_ups(lotse.reads)
    assert (row.participant_id, row.organization_id, row.participant_name) == (
        None, oid, "Autohaus Schmidt"
    )  # fmt: skip

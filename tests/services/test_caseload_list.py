"""CaseloadList: the ids of participant_ids, found faster by keeping the order between keys,
name hits first."""

from __future__ import annotations

import pytest

from app.services.caseload import (
    CaseloadList,
    ListQuery,
    SortKey,
    match_expression,
    name_match_expression,
    participant_ids,
)
from app.services.participants import delete_participant, update_participant
from app.vocab import ParticipantStatus, Program
from tests.services.helpers import add_person

PEOPLE = [
    ("Şahin", "Ayşe", Program.JOKO),
    ("Sahin", "Murat", Program.TRAINING),
    ("Müller", "Jana", Program.JOKO),
    ("Mueller", "Tom", Program.TRAINING),
    ("Żółć", "Łukasz", Program.JOKO),
    ("Коваленко", "Олена", Program.JOKO),
    ("Abadi", "Mariam", Program.TRAINING),
    ("Haddad", "Samir", Program.JOKO),
    *[("Berger", f"Kind {n}", Program.TRAINING) for n in range(12)],
]
# Bemerkungen: found in free text only, listed after the name hits
REMARKS = {
    "Abadi": "Praktikum bei der Müller OHG",
    "Haddad": "Bruder von Murat Sahin",
    "Berger": "Berufsschule Magdeburg",
}

QUERIES = [
    ListQuery(),
    ListQuery(text="sahin"),
    ListQuery(text="m"),
    ListQuery(text="mu"),
    ListQuery(text="a", sort=SortKey.PROGRAM, descending=True),
    ListQuery(text="m", program=Program.TRAINING),
    ListQuery(text="lukasz zolc"),
    ListQuery(text="nobody"),
    ListQuery(text="mueller"),
    ListQuery(text="sahin", sort=SortKey.PROGRAM),
    ListQuery(text="mueller", sort=SortKey.NAME, descending=True),
    ListQuery(text="b", sort=SortKey.PROGRAM, descending=True),
    ListQuery(status=ParticipantStatus.ACTIVE, sort=SortKey.NAME, descending=True),
]


@pytest.fixture
def caseload(lotse):
    ids = [
        add_person(lotse, last, first, program=program, notes=REMARKS.get(last, ""))
        for last, first, program in PEOPLE
    ]
    return lotse, ids


@pytest.mark.parametrize("query", QUERIES, ids=repr)
def test_same_ids_in_the_same_order_as_the_sql_query(caseload, query):
    lotse, _ids = caseload
    lists = CaseloadList(lotse.reads)
    lists.ids(ListQuery())  # an earlier keystroke with another filter kept its order
    assert lists.ids(query) == participant_ids(lotse.reads, query)


def name_hit_count(lotse, query: ListQuery) -> int:
    """How many hits the name, place and number columns alone give (independent of the list)."""
    rows = lotse.reads.rows(
        "SELECT count(*) FROM participant_search s JOIN participant_list l ON l.id = s.rowid "
        "WHERE s.participant_search MATCH ?"
        + (" AND l.program = ?" if query.program else "")
        + (" AND l.status = ?" if query.status else ""),
        [name_match_expression(match_expression(query.text) or '""'), *filter(None, [
            query.program, query.status])],
    )  # fmt: skip
    return rows[0][0]


@pytest.mark.parametrize("query", QUERIES, ids=repr)
def test_hits_say_where_the_name_hits_end(caseload, query):
    lotse, _ids = caseload
    hits = CaseloadList(lotse.reads).hits(query)
    assert hits.ids == participant_ids(lotse.reads, query)
    expected = name_hit_count(lotse, query) if query.text else len(hits.ids)
    assert hits.by_name == expected
    assert [hits.found_in_text_only(row) for row in range(len(hits.ids))] == (
        [False] * expected + [True] * (len(hits.ids) - expected)
    )


def test_remarks_hits_follow_the_name_hits(caseload):
    lotse, ids = caseload
    hits = CaseloadList(lotse.reads).hits(ListQuery(text="mueller"))
    assert hits.ids == [ids[3], ids[2], ids[6]]  # Mueller, Müller (by name_sort), then Abadi
    assert hits.by_name == 2
    sahin = CaseloadList(lotse.reads).hits(ListQuery(text="sahin"))
    assert sahin.ids[sahin.by_name :] == [ids[7]]  # Haddad: "Sahin" in his Bemerkungen


def test_many_hits_and_few_hits_take_both_paths(caseload):
    lotse, _ids = caseload
    lists = CaseloadList(lotse.reads)
    many, few = ListQuery(text="berger"), ListQuery(text="zolc")
    assert len(lists.ids(many)) * 8 >= len(PEOPLE) > len(lists.ids(few)) * 8
    assert lists.ids(many) == participant_ids(lotse.reads, many)
    assert lists.ids(few) == participant_ids(lotse.reads, few) != []


def test_a_change_committed_elsewhere_is_seen_at_the_next_keystroke(caseload):
    lotse, ids = caseload
    lists = CaseloadList(lotse.reads)
    query = ListQuery(text="s")
    before = lists.ids(query)
    with lotse.unit_of_work() as uow:
        update_participant(uow, ids[6], {"last_name": "Sommer"})  # Abadi → Sommer
    new_id = add_person(lotse, "Aslan", "Sara")
    with lotse.unit_of_work() as uow:
        delete_participant(uow, ids[7])
    after = lists.ids(query)
    assert after == participant_ids(lotse.reads, query)
    assert after != before
    assert after[0] == new_id and ids[7] not in after
    assert ids[6] not in before and ids[6] in after  # Sommer now matches "s"

"""CaseloadList: the ids of participant_ids, found faster by keeping the order between keys."""

from __future__ import annotations

import pytest

from app.services.caseload import CaseloadList, ListQuery, SortKey, participant_ids
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

QUERIES = [
    ListQuery(),
    ListQuery(text="sahin"),
    ListQuery(text="m"),
    ListQuery(text="mu"),
    ListQuery(text="a", sort=SortKey.PROGRAM, descending=True),
    ListQuery(text="m", program=Program.TRAINING),
    ListQuery(text="lukasz zolc"),
    ListQuery(text="nobody"),
    ListQuery(status=ParticipantStatus.ACTIVE, sort=SortKey.NAME, descending=True),
]


@pytest.fixture
def caseload(lotse):
    ids = [add_person(lotse, last, first, program=program) for last, first, program in PEOPLE]
    return lotse, ids


@pytest.mark.parametrize("query", QUERIES, ids=repr)
def test_same_ids_in_the_same_order_as_the_sql_query(caseload, query):
    lotse, _ids = caseload
    lists = CaseloadList(lotse.reads)
    lists.ids(ListQuery())  # an earlier keystroke with another filter kept its order
    assert lists.ids(query) == participant_ids(lotse.reads, query)


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

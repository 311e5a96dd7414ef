"""Search is case- and accent-insensitive across names, place, numbers and free text (notes,
Bemerkungen), and lists the hits by name, place or number first."""

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.caseload import (
    CaseloadList,
    ListQuery,
    SortKey,
    list_participants,
    participant_rows,
)
from app.services.contact_notes import NoteInput, add_note
from app.services.participants import delete_participant, update_participant
from app.text import fold
from app.vocab import ContactKind, ParticipantStatus, Program
from tests.services.helpers import add_person

PEOPLE = {
    "sahin": ("Şahin", "Ayşe"),
    "agaoglu": ("Ağaoğlu", "Şükrü"),
    "muller": ("Müller", "Jana"),
    "strasser": ("Straßer", "Paul"),
    "zolc": ("Żółć", "Łukasz"),
    "kovalenko": ("Коваленко", "Олена"),
    "weiss": ("Weiß", "Chantal"),
}


@pytest.fixture
def people(lotse):
    ids = {key: add_person(lotse, last, first) for key, (last, first) in PEOPLE.items()}
    return lotse, ids


def names(lotse, text: str, **kwargs) -> list[str]:
    with lotse.unit_of_work() as uow:
        return [row.last_name for row in list_participants(uow, ListQuery(text=text, **kwargs))]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("sahin", "Şahin"),
        ("ŞAHİN", "Şahin"),
        ("ayse", "Şahin"),
        ("agaoglu", "Ağaoğlu"),
        ("sukru", "Ağaoğlu"),
        ("suekrue", "Ağaoğlu"),
        ("muller", "Müller"),
        ("MÜLLER", "Müller"),
        ("mueller", "Müller"),
        ("strasser", "Straßer"),
        ("STRASSER", "Straßer"),
        ("lukasz", "Żółć"),
        ("Łukasz", "Żółć"),
        ("zolc", "Żółć"),
        ("коваленко", "Коваленко"),
        ("КОВАЛЕНКО", "Коваленко"),
        ("олена", "Коваленко"),
        ("weiss", "Weiß"),
    ],
)
def test_finds_across_case_and_accents(people, typed, expected):
    lotse, _ids = people
    assert names(lotse, typed) == [expected]


def test_prefix_and_several_words(people):
    lotse, _ids = people
    assert names(lotse, "mü") == ["Müller"]
    assert names(lotse, "jana mul") == ["Müller"]
    assert names(lotse, "jana sahin") == []


def test_postal_code_town_and_numbers(lotse):
    add_person(lotse, "Haddad", "Rania", postal_code="39104", city="Magdeburg",
               job_center_customer_number="123D456789", esf_number="TN-000042")  # fmt: skip
    add_person(lotse, "Nasser", "Omar", postal_code="06108", city="Halle (Saale)")
    assert names(lotse, "391") == ["Haddad"]
    assert names(lotse, "magdeb") == ["Haddad"]
    assert names(lotse, "halle") == ["Nasser"]
    assert names(lotse, "123d45") == ["Haddad"]
    assert names(lotse, "tn-000042") == ["Haddad"]


def test_note_text_is_searchable_and_kept_current(lotse):
    pid = add_person(lotse, "Khalil", "Samir")
    with lotse.unit_of_work() as uow:
        add_note(
            uow,
            pid,
            NoteInput(datetime.now(UTC), ContactKind.PHONE, "Probearbeit bei Bäckerei Schulze"),
        )
    assert names(lotse, "backerei") == ["Khalil"]
    assert names(lotse, "baeckerei schulze") == ["Khalil"]
    with lotse.unit_of_work() as uow:
        update_participant(uow, pid, {"last_name": "Khalil-Öztürk"})
    assert names(lotse, "ozturk") == ["Khalil-Öztürk"]
    assert names(lotse, "schulze") == ["Khalil-Öztürk"]  # notes survive a reindex
    with lotse.unit_of_work() as uow:
        delete_participant(uow, pid)
    assert names(lotse, "schulze") == []


def test_filters_and_sort(lotse):
    add_person(lotse, "Adam", program=Program.TRAINING)
    add_person(lotse, "Öztürk", program=Program.JOKO)
    add_person(lotse, "Zander", program=Program.JOKO, status=ParticipantStatus.SHORT_COUNSELLING)
    assert names(lotse, "") == ["Adam", "Öztürk", "Zander"]  # Ö sorts like O, not after Z
    assert names(lotse, "", program=Program.JOKO) == ["Öztürk", "Zander"]
    assert names(lotse, "", status=ParticipantStatus.SHORT_COUNSELLING) == ["Zander"]
    assert names(lotse, "", sort=SortKey.NAME, descending=True) == ["Zander", "Öztürk", "Adam"]


def test_quotes_and_operators_are_plain_text(people):
    lotse, _ids = people
    for typed in ['"', "AND", "sahin OR", "*", "(", "NEAR(", "-", "müller^"]:
        names(lotse, typed)  # must not raise an FTS syntax error


@given(st.text(alphabet="aäbcçdeéfgğhiıİjklłmnoöpqrsßştuüvwxyzżАБВгдеёжщэюя ", max_size=30))
def test_fold_is_idempotent_and_case_blind(text):
    assert fold(fold(text)) == fold(text)
    assert fold(text.upper()) == fold(text.lower()) or "ı" in text or "İ" in text.upper()


# --- name hits first, then hits in free text only (docs/domain.md, section 12) --------------


def note(lotse, pid: int, content: str, **dates) -> None:
    with lotse.unit_of_work() as uow:
        add_note(uow, pid, NoteInput(datetime.now(UTC), ContactKind.PHONE, content))


def hits(lotse, text: str, **kwargs) -> tuple[list[str], int]:
    """Last names in the list's order, and how many were found by name, place or number."""
    found = CaseloadList(lotse.reads).hits(ListQuery(text=text, **kwargs))
    rows = participant_rows(lotse.reads, found.ids)
    return [row.last_name for row in rows], found.by_name


@pytest.fixture
def company(lotse):
    """Two Müllers and a Straßer by name; three others whose notes name "Müller OHG"."""
    ids = {
        "abel": add_person(lotse, "Abel", "Lea", entry_date=date(2026, 1, 5)),
        "mueller": add_person(
            lotse, "Müller", "Jana", city="Magdeburg", entry_date=date(2025, 3, 1)
        ),  # fmt: skip
        "becker": add_person(lotse, "Becker", "Tim", entry_date=date(2026, 2, 1)),
        "zimmer": add_person(lotse, "Zimmer-Müller", "Tom", entry_date=date(2026, 3, 1)),
        "straszer": add_person(lotse, "Straßer", "Paul", entry_date=date(2024, 6, 1)),
        "adler": add_person(lotse, "Adler", "Mia", entry_date=date(2025, 9, 1)),
    }
    note(lotse, ids["abel"], "Vorstellungsgespräch bei der Müller OHG, Strasser Weg 4")
    note(lotse, ids["becker"], "Praktikum Müller OHG vereinbart")
    note(lotse, ids["adler"], "Bewerbung an die Mueller OHG geschickt")
    return ids


def test_name_hits_come_first_then_note_hits_each_in_list_order(lotse, company):
    listed, by_name = hits(lotse, "mueller")
    assert listed == ["Müller", "Zimmer-Müller", "Abel", "Adler", "Becker"]
    assert by_name == 2
    assert names(lotse, "mueller") == listed  # the SQL query orders the same way
    # "Mueller OHG" as stored is not found by "müller" (section 12: one direction only)
    assert hits(lotse, "müller") == (["Müller", "Zimmer-Müller", "Abel", "Becker"], 2)


def test_strasser_finds_strasser_by_name_before_the_street_in_a_note(lotse, company):
    assert hits(lotse, "strasser") == (["Straßer", "Abel"], 1)
    assert names(lotse, "strasser") == ["Straßer", "Abel"]


def test_a_person_is_a_name_hit_only_when_every_word_matches_name_place_or_number(lotse, company):
    assert hits(lotse, "mueller magdeburg") == (["Müller"], 1)  # name and place
    note(lotse, company["zimmer"], "Mutter kommt mit")
    # "mutter" only in Zimmer-Müller's note: a hit, but not one by name
    assert hits(lotse, "mueller mutter") == (["Zimmer-Müller"], 0)


def test_ordering_by_a_column_keeps_name_hits_first(lotse, company):
    by_entry = {"sort": SortKey.ENTRY, "descending": True}
    listed, by_name = hits(lotse, "mueller", **by_entry)
    assert (listed, by_name) == (["Zimmer-Müller", "Müller", "Becker", "Abel", "Adler"], 2)
    assert names(lotse, "mueller", **by_entry) == listed
    ascending = hits(lotse, "mueller", sort=SortKey.ENTRY)
    assert ascending == (["Müller", "Zimmer-Müller", "Adler", "Abel", "Becker"], 2)


def test_the_records_bemerkungen_are_searched_as_free_text_and_kept_current(lotse, company):
    pid = add_person(lotse, "Krause", "Ina", notes="Sucht eine Wohnung in Großenhain")
    assert hits(lotse, "grossenhain") == (["Krause"], 0)
    assert hits(lotse, "wohnung grossenh") == (["Krause"], 0)
    with lotse.unit_of_work() as uow:
        update_participant(uow, pid, {"notes": "Umzug nach Riesa geplant"})
    assert hits(lotse, "grossenhain") == ([], 0)
    assert hits(lotse, "riesa") == (["Krause"], 0)
    with lotse.unit_of_work() as uow:
        update_participant(uow, pid, {"notes": "Arbeitet bei der Müller OHG"})
    assert hits(lotse, "mueller") == (
        ["Müller", "Zimmer-Müller", "Abel", "Adler", "Becker", "Krause"],
        2,
    )


@pytest.mark.parametrize(
    ("field", "value", "typed"),
    [
        ("placement_barriers", "Keine Kinderbetreuung am Nachmittag", "kinderbetreuung"),
        ("performance", "Schwächen in Mathematik", "mathe"),
        ("other_support_services", "Jugendmigrationsdienst Halle", "jugendmigration"),
        ("apprenticeship_occupation", "Fachkraft für Lagerlogistik", "lagerlog"),
        ("interpreter_language", "Tigrinya", "tigrin"),
        ("residence_requirement_place", "Bitterfeld-Wolfen", "bitterfeld"),
        ("target_occupations", ["Berufskraftfahrer", "Gabelstaplerfahrer"], "gabelstapler"),
    ],
)
def test_every_free_text_field_of_the_record_is_searched_as_free_text(lotse, field, value, typed):
    add_person(lotse, "Okafor", "Ada", **{field: value})
    add_person(lotse, "Lange", "Ben")
    assert hits(lotse, typed) == (["Okafor"], 0)


def test_without_search_text_every_row_counts_as_found_by_name(lotse, company):
    listed, by_name = hits(lotse, "")
    assert by_name == len(listed) == len(company)
    assert hits(lotse, "nobody") == ([], 0)

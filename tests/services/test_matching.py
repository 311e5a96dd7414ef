"""Matching both ways: each criterion met, not met and unknown with its German reason, the CEFR
order, distances from the shipped postcode table, hard criteria that exclude, the order."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.services.job_offers import OfferInput, create_offer, withdraw_offer
from app.services.matching import (
    COVERED_BY,
    CRITERIA,
    Criterion,
    Match,
    Outcome,
    distance_km,
    distance_verdict,
    german_verdict,
    licence_verdict,
    occupation_verdict,
    occupation_words,
    offers_for_participant,
    participants_for_offer,
    postal_code_centres,
    residence_verdict,
    work_permit_verdict,
    working_time_verdict,
)
from app.vocab import (
    DrivingLicenceClass,
    GermanLevel,
    ParticipantStatus,
    Program,
    WorkingTimePreference,
)
from tests.services.helpers import add_person, run
from tests.services.test_job_offers import add_employer

TODAY = date.today()
L = DrivingLicenceClass


def outcome_and_reason(verdict) -> tuple[Outcome, str]:
    return verdict.outcome, verdict.reason


# -- the rules, one by one ------------------------------------------------------------------------


def test_work_permit():
    assert outcome_and_reason(work_permit_verdict(True)) == (Outcome.MET, "gestattet")
    refused = work_permit_verdict(False)
    assert outcome_and_reason(refused) == (Outcome.NOT_MET, "nicht gestattet")
    assert refused.excludes
    assert outcome_and_reason(work_permit_verdict(None)) == (Outcome.UNKNOWN, "nicht erfasst")


def test_german_levels_in_cefr_order():
    order = [GermanLevel.NONE, GermanLevel.A1, GermanLevel.A2, GermanLevel.B1]
    order += [GermanLevel.B2, GermanLevel.C1, GermanLevel.C2]
    assert [level.rank for level in order] == list(range(7))
    assert outcome_and_reason(german_verdict(GermanLevel.B2, GermanLevel.B1)) == (
        Outcome.MET,
        "B2, gefordert B1",
    )
    assert german_verdict(GermanLevel.B1, GermanLevel.B1).outcome == Outcome.MET
    assert german_verdict(GermanLevel.C2, GermanLevel.A1).outcome == Outcome.MET
    one_below = german_verdict(GermanLevel.A2, GermanLevel.B1)
    assert outcome_and_reason(one_below) == (
        Outcome.NOT_MET,
        "A2, gefordert B1 (eine Stufe darunter)",
    )
    assert not one_below.excludes  # a language course may close the gap: still listed
    clearly = german_verdict(GermanLevel.A1, GermanLevel.B1)
    assert outcome_and_reason(clearly) == (Outcome.NOT_MET, "A1, gefordert B1 (deutlich darunter)")
    assert clearly.excludes
    nothing = german_verdict(GermanLevel.NONE, GermanLevel.A2)
    assert nothing.excludes and nothing.reason.startswith("keine Deutschkenntnisse")
    # unknown is never a fail
    assert outcome_and_reason(german_verdict(None, GermanLevel.B1)) == (
        Outcome.UNKNOWN,
        "gefordert B1, Niveau nicht erfasst",
    )
    assert outcome_and_reason(german_verdict(None, None)) == (Outcome.MET, "nicht erforderlich")


def test_driving_licence_exact_or_an_including_class():
    assert outcome_and_reason(licence_verdict(("b",), L.B)) == (Outcome.MET, "Klasse B")
    assert outcome_and_reason(licence_verdict(("am", "ce"), L.B)) == (
        Outcome.MET,
        "Klasse CE (schließt B ein)",
    )
    assert licence_verdict(("c",), L.C1).outcome == Outcome.MET
    assert licence_verdict(("b",), L.L).outcome == Outcome.MET
    assert licence_verdict(("a",), L.A1).outcome == Outcome.MET
    missing = licence_verdict(("b", "a"), L.CE)
    assert outcome_and_reason(missing) == (Outcome.NOT_MET, "Klasse CE gefordert, vorhanden: A, B")
    assert missing.excludes
    assert licence_verdict(("c1",), L.C).excludes  # C1 does not include C
    assert licence_verdict(("be",), L.C1E).excludes
    assert outcome_and_reason(licence_verdict((), L.B)) == (
        Outcome.UNKNOWN,
        "Klasse B gefordert, kein Führerschein erfasst",
    )
    foreign = licence_verdict(("foreign",), L.B)
    assert foreign.outcome == Outcome.UNKNOWN and not foreign.excludes
    assert "ausländischer Führerschein" in foreign.reason
    assert outcome_and_reason(licence_verdict((), None)) == (Outcome.MET, "nicht erforderlich")
    # every class is covered by itself first; no class covers a class it does not include
    assert all(covering[0] is required for required, covering in COVERED_BY.items())
    assert set(COVERED_BY) == set(DrivingLicenceClass)


def test_working_time_wish_against_hours_and_shifts():
    full, part, either = (
        WorkingTimePreference.FULL_TIME,
        WorkingTimePreference.PART_TIME,
        WorkingTimePreference.EITHER,
    )
    assert outcome_and_reason(working_time_verdict(full, None, 38.5, "")) == (
        Outcome.MET,
        "38,5 Std., Wunsch Vollzeit",
    )
    assert working_time_verdict(full, None, 30.0, "").outcome == Outcome.NOT_MET
    assert working_time_verdict(part, None, 30.0, "").outcome == Outcome.MET
    assert working_time_verdict(part, None, 40.0, "").outcome == Outcome.NOT_MET
    assert working_time_verdict(either, None, 20.0, "").outcome == Outcome.MET
    shifts = working_time_verdict(full, True, 40.0, "3-Schicht")
    assert outcome_and_reason(shifts) == (
        Outcome.UNKNOWN,
        "40 Std., 3-Schicht, Wunsch Vollzeit; Betreuungspflichten: Schichten klären",
    )
    assert working_time_verdict(full, False, 40.0, "3-Schicht").outcome == Outcome.MET
    assert outcome_and_reason(working_time_verdict(None, None, 40.0, "")) == (
        Outcome.UNKNOWN,
        "40 Std., kein Wunsch erfasst",
    )
    assert outcome_and_reason(working_time_verdict(full, None, None, "")) == (
        Outcome.UNKNOWN,
        "Stunden nicht angegeben",
    )


def test_target_occupations_word_by_word_and_fold_tolerant():
    assert occupation_words("Pflegehelfer:in (m/w/d)") == ("pflegehelfer",)
    assert occupation_words("Pflegehelferin") == occupation_words("Pflegehelfer")
    assert occupation_words("Kauffrau im Einzelhandel") == ("kaufmann", "einzelhandel")
    met = occupation_verdict(("Pflegehelfer",), "Pflegehelfer:in", "Pflegehelfer:in (m/w/d)")
    assert outcome_and_reason(met) == (Outcome.MET, "Pflegehelfer")
    for target, occupation in (
        ("Verkäuferin", "Verkäufer (m/w/d)"),
        ("verkaeufer", "Verkäufer:in"),
        ("Kauffrau im Einzelhandel", "Kaufmann/-frau im Einzelhandel"),
        ("Pflege", "Altenpflegehelfer:in"),
        ("KÖCHIN", "Koch/Köchin"),
    ):
        assert occupation_verdict((target,), occupation, "").outcome == Outcome.MET, target
    other = occupation_verdict(("Fachkraft für Lagerlogistik", "Erzieher:in"), "Fachkraft", "")
    assert outcome_and_reason(other) == (
        Outcome.NOT_MET,
        "gewünscht: Fachkraft für Lagerlogistik, Erzieher:in",
    )
    assert outcome_and_reason(occupation_verdict((), "Koch", "")) == (
        Outcome.UNKNOWN,
        "keine Zielberufe erfasst",
    )


def test_distance_from_the_postcode_table():
    centres = postal_code_centres()
    assert len(centres) > 7000
    halle, merseburg, magdeburg = "06108", "06217", "39104"
    assert 10 < distance_km(halle, merseburg) < 18  # type: ignore[operator]
    assert 70 < distance_km(halle, magdeburg) < 82  # type: ignore[operator]
    within, km = distance_verdict(halle, 25, merseburg)
    assert outcome_and_reason(within) == (Outcome.MET, "ca. 14 km (Radius 25 km)")
    assert km is not None and round(km) == 14
    beyond, _km = distance_verdict(halle, 50, magdeburg)
    assert outcome_and_reason(beyond) == (Outcome.NOT_MET, "ca. 76 km (Radius 50 km)")
    assert outcome_and_reason(distance_verdict(halle, 5, halle)[0]) == (
        Outcome.MET,
        "gleiche PLZ (Radius 5 km)",
    )
    assert outcome_and_reason(distance_verdict(halle, None, merseburg)[0]) == (
        Outcome.UNKNOWN,
        "ca. 14 km, Mobilitätsradius nicht erfasst",
    )
    assert outcome_and_reason(distance_verdict("", 25, merseburg)[0]) == (
        Outcome.UNKNOWN,
        "PLZ der Person fehlt",
    )
    assert outcome_and_reason(distance_verdict(halle, 25, "")[0]) == (
        Outcome.UNKNOWN,
        "PLZ des Arbeitsorts fehlt",
    )
    assert outcome_and_reason(distance_verdict(halle, 25, "00000")[0]) == (
        Outcome.UNKNOWN,
        "PLZ 00000 nicht im Verzeichnis",
    )


def test_residence_requirement_binds_the_home_not_the_workplace():
    assert outcome_and_reason(residence_verdict(False, "", "Merseburg")) == (
        Outcome.MET,
        "keine Wohnsitzauflage",
    )
    assert outcome_and_reason(residence_verdict(True, "Halle (Saale)", "Halle")) == (
        Outcome.MET,
        "Halle (Saale), Arbeitsort dort",
    )
    elsewhere = residence_verdict(True, "Halle (Saale)", "Merseburg")
    assert elsewhere.outcome == Outcome.UNKNOWN and not elsewhere.excludes
    assert elsewhere.reason == "Halle (Saale): Pendeln erlaubt"
    assert residence_verdict(None, "", "Merseburg").outcome == Outcome.UNKNOWN
    assert not Criterion.RESIDENCE.ranked


# -- both ways, with stored records ----------------------------------------------------------------


def job(employer: int, title: str, **values) -> OfferInput:
    base = {
        "title": title,
        "employer_id": employer,
        "occupation": title,
        "location": "Halle (Saale)",
        "location_postal_code": "06108",
        "hours_per_week": 39.0,
        "min_german_level": GermanLevel.A2,
        "valid_until": TODAY + timedelta(days=60),
    }
    return OfferInput(**{**base, **values})  # type: ignore[arg-type]


def joko(lotse, last: str, **values) -> int:
    base = {
        "program": Program.JOKO,
        "postal_code": "06108",
        "city": "Halle (Saale)",
        "employment_permitted": True,
        "german_level": GermanLevel.B1,
        "working_time_preference": WorkingTimePreference.FULL_TIME,
        "mobility_radius_km": 25,
        "driving_licences": ["b"],
        "target_occupations": ["Pflegehelfer:in"],
        "residence_requirement": False,
    }
    return add_person(lotse, last, "Test", **{**base, **values})


@pytest.fixture
def network(lotse):
    employer = add_employer(lotse)
    offers = {
        "care": run(lotse, create_offer, job(employer, "Pflegehelfer:in (m/w/d)")).created,
        "far": run(
            lotse,
            create_offer,
            job(employer, "Pflegehelfer:in", location="Magdeburg", location_postal_code="39104"),
        ).created,
        "truck": run(
            lotse,
            create_offer,
            job(employer, "Berufskraftfahrer:in", required_driving_licence=DrivingLicenceClass.CE),
        ).created,
        "office": run(
            lotse, create_offer, job(employer, "Bürokraft", min_german_level=GermanLevel.B2)
        ).created,
        "expert": run(
            lotse, create_offer, job(employer, "Dolmetscher:in", min_german_level=GermanLevel.C1)
        ).created,
        "expired": run(
            lotse,
            create_offer,
            job(
                employer,
                "Pflegehelfer:in (alt)",
                start_on=TODAY - timedelta(days=90),
                valid_until=TODAY - timedelta(days=1),
            ),
        ).created,
        "withdrawn": run(lotse, create_offer, job(employer, "Pflegehelfer:in (weg)")).created,
    }
    run(lotse, withdraw_offer, offers["withdrawn"])
    return offers


def by_offer(matches: list[Match]) -> dict[int, Match]:
    return {m.offer_id: m for m in matches}


def test_offers_for_a_participant_with_reasons_best_first(lotse, network):
    person = joko(lotse, "Şahin")
    matches = offers_for_participant(lotse.reads, person, TODAY)
    # open and not expired only; the truck (CE missing) and the interpreter (C1) are excluded
    assert [m.offer_id for m in matches] == [network["care"], network["far"], network["office"]]
    best = matches[0]
    assert [v.text for v in best.verdicts] == [
        "✓ gestattet",
        "✓ B1, gefordert A2",
        "✓ nicht erforderlich",
        "✓ 39 Std., Wunsch Vollzeit",
        "✓ Pflegehelfer:in",
        "✓ gleiche PLZ (Radius 25 km)",
        "✓ keine Wohnsitzauflage",
    ]
    assert (best.met, best.unknown, best.not_met, best.excluded) == (6, 0, 0, False)
    far = matches[1]
    assert far.verdict(Criterion.DISTANCE).text == "✗ ca. 76 km (Radius 25 km)"
    assert (far.met, far.not_met) == (5, 1)
    office = matches[2]
    assert office.verdict(Criterion.GERMAN).text == "✗ B1, gefordert B2 (eine Stufe darunter)"
    assert office.verdict(Criterion.OCCUPATION).outcome == Outcome.NOT_MET
    assert (office.met, office.not_met) == (4, 2)
    assert best.employer_name == "Pflegedienst Sonnenschein GmbH"
    assert best.participant_name == "Şahin, Test"
    assert len(best.verdicts) == len(CRITERIA)

    everything = by_offer(offers_for_participant(lotse.reads, person, TODAY, include_excluded=True))
    assert set(everything) == {network[k] for k in ("care", "far", "truck", "office", "expert")}
    truck = everything[network["truck"]]
    assert truck.excluded
    assert truck.verdict(Criterion.LICENCE).text == "✗ Klasse CE gefordert, vorhanden: B"
    assert everything[network["expert"]].verdict(Criterion.GERMAN).excludes


def test_missing_data_is_unknown_never_a_fail(lotse, network):
    person = add_person(lotse, "Leer", program=Program.JOKO)  # nothing of the profile recorded
    matches = by_offer(offers_for_participant(lotse.reads, person, TODAY))
    assert set(matches) == {network[k] for k in ("care", "far", "truck", "office", "expert")}
    care = matches[network["care"]]
    assert [v.outcome for v in care.verdicts] == [
        Outcome.UNKNOWN,  # work permit
        Outcome.UNKNOWN,  # German
        Outcome.MET,  # no licence required
        Outcome.UNKNOWN,  # no wish
        Outcome.UNKNOWN,  # no targets
        Outcome.UNKNOWN,  # no postcode
        Outcome.UNKNOWN,  # residence requirement not recorded
    ]
    assert not any(m.excluded for m in matches.values())
    assert matches[network["truck"]].verdict(Criterion.LICENCE).outcome == Outcome.UNKNOWN


def test_hard_criteria_exclude_and_soft_ones_rank(lotse, network):
    fits = joko(lotse, "Passt")
    far_away = joko(lotse, "Weit", postal_code="39104", city="Magdeburg")
    unknown = joko(lotse, "Offen", german_level=None, mobility_radius_km=None)
    not_permitted = joko(lotse, "Verboten", employment_permitted=False)
    no_german = joko(lotse, "Anfang", german_level=GermanLevel.NONE)
    joko(lotse, "Fertig", status=ParticipantStatus.SHORT_COUNSELLING)  # not active
    add_person(  # Ausbildungsmanagement: not matched with job offers
        lotse, "Schule", program=Program.TRAINING, postal_code="06108", city="Halle (Saale)"
    )
    matches = participants_for_offer(lotse.reads, network["care"], TODAY)
    # the most met first, then the most unknown: distance not met counts less than two unknown
    assert [m.participant_id for m in matches] == [fits, far_away, unknown]
    assert [(m.met, m.unknown, m.not_met) for m in matches] == [(6, 0, 0), (5, 0, 1), (4, 2, 0)]
    assert matches[2].verdict(Criterion.DISTANCE).text == (
        "? gleiche PLZ, Mobilitätsradius nicht erfasst"
    )
    listed = participants_for_offer(lotse.reads, network["care"], TODAY, include_excluded=True)
    excluded = {m.participant_id for m in listed if m.excluded}
    assert excluded == {not_permitted, no_german}
    assert [m.participant_id for m in listed][-2:] in ([not_permitted, no_german],
                                                        [no_german, not_permitted])  # fmt: skip


def test_ranking_puts_more_met_first_then_more_unknown(lotse, network):
    near = joko(lotse, "Nah", target_occupations=["Bürokraft"])
    matches = offers_for_participant(lotse.reads, near, TODAY)
    # office: target met, German one level below; care: target not met (both 5 met, 1 not
    # met, same distance and date: by title); far: target and distance not met
    assert [m.offer_id for m in matches] == [network["office"], network["care"], network["far"]]
    assert [(m.met, m.not_met) for m in matches] == [(5, 1), (5, 1), (4, 2)]
    unknown_level = joko(lotse, "Unbekannt", german_level=None, target_occupations=["Bürokraft"])
    office = by_offer(offers_for_participant(lotse.reads, unknown_level, TODAY))[network["office"]]
    assert (office.met, office.unknown, office.not_met) == (5, 1, 0)  # unknown beats not met
    assert (
        offers_for_participant(lotse.reads, unknown_level, TODAY)[0].offer_id == network["office"]
    )


def test_unknown_records_give_no_matches(lotse, network):
    assert offers_for_participant(lotse.reads, 999, TODAY) == []
    assert participants_for_offer(lotse.reads, 999, TODAY) == []

"""Matching both ways: the open offers that fit a person, the people who fit an offer.

Every match carries one ``Verdict`` per criterion — erfüllt (✓), nicht erfüllt (✗) or
unbekannt (?) — with a short German reason; there is no score without reasons. The rules
(to go into docs/domain.md, section 10):

- **Erwerbstätigkeit gestattet**: "nein" excludes; not recorded is unknown.
- **Deutsch** (GER, ranked keine < A1 < A2 < B1 < B2 < C1 < C2) against the offer's
  Mindest-Deutschniveau: at or above is met; one level below is not met but still listed
  (a language course may close the gap); two or more below exclude ("deutlich darunter"); a
  level not recorded is unknown, never a fail.
- **Führerschein**: met by the required class or a class that includes it (``COVERED_BY``,
  simplified after FeV § 6 Abs. 3: A includes A2, A1 and AM; B includes AM and L; C includes
  C1, CE includes C1E, BE and T; D includes D1; the classes C1…D need B first, so they cover
  B). Classes recorded but none that covers the required one: excludes. No class recorded (the
  record cannot tell "none" from "not asked") or only a foreign licence not yet converted:
  unknown.
- **Arbeitszeit**: the wish (Vollzeit: from ``FULL_TIME_HOURS`` a week; Teilzeit: below)
  against the offer's hours; "Vollzeit oder Teilzeit" fits both. Shift work for a person with
  care responsibilities turns a fit into "unknown" (to be clarified).
- **Zielberuf**: word by word against the offer's occupation and title, folded like the search
  (app.text: case, accents, ß, "ue"), gender forms merged ("Pflegehelfer:in", "Pflegehelferin"
  and "Pflegehelfer"; "-frau"/"-mann"), function words and "(m/w/d)" ignored; each word of
  a target must be found (a word of four letters or more also as the start of a compound,
  one of six or more anywhere in it: "Pflege" finds "Pflegehelfer" and "Altenpflegerin").
- **Entfernung**: straight line (haversine) between the centres of the two postcodes from the
  shipped table (resources/geo/plz.tsv.gz, GeoNames and countries-states-cities-database,
  see its LICENSE.txt) against the Mobilitätsradius; a postcode not in the table, a missing
  postcode or radius: unknown. An offer without a PLZ of its own takes its employer's when
  it names no other place than the employer's town.
- **Wohnsitzauflage** (§ 12a AufenthG) binds where a person lives, not where they work:
  commuting is allowed, and a job may even lift it (§ 12a Abs. 5). So it never fails a match:
  met without one or when the place of work is the place of residence, otherwise unknown
  with that explanation. It is shown, but not counted for the order.

An offer that asks for nothing (no minimum level, no licence) meets that criterion.
Order: excluded matches are left out (``include_excluded`` lists them last); then the most
criteria met, then the most unknown (the fewest not met), then the shorter distance.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from datetime import date
from enum import StrEnum
from functools import cache, lru_cache
from operator import itemgetter
from typing import Any, NamedTuple

from app.db.reads import Reads
from app.i18n import N_, _
from app.paths import resource_dir
from app.text import fold
from app.vocab import (
    DrivingLicenceClass,
    GermanLevel,
    JobOfferStatus,
    ParticipantStatus,
    Program,
    WorkingTimePreference,
)

FULL_TIME_HOURS = 35.0  # from 35 hours a week an offer counts as full-time
GERMAN_TOLERANCE = 1  # levels below the minimum that are still listed (not met)
PLZ_TABLE = ("geo", "plz.tsv.gz")
EARTH_RADIUS_KM = 6371.0088
MAX_LISTED_TARGETS = 60  # characters of the target occupations quoted in a reason


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"

    @property
    def symbol(self) -> str:
        return {"met": "✓", "not_met": "✗", "unknown": "?"}[self.value]

    @property
    def label(self) -> str:
        return _(OUTCOME_LABELS[self])


OUTCOME_LABELS = {
    Outcome.MET: N_("met"),
    Outcome.NOT_MET: N_("not met"),
    Outcome.UNKNOWN: N_("unknown"),
}


class Criterion(StrEnum):
    """The criteria, in the order of the columns."""

    WORK_PERMIT = "work_permit"
    GERMAN = "german"
    LICENCE = "licence"
    WORKING_TIME = "working_time"
    OCCUPATION = "occupation"
    DISTANCE = "distance"
    RESIDENCE = "residence"

    @property
    def label(self) -> str:
        return _(CRITERION_LABELS[self])

    @property
    def ranked(self) -> bool:
        """Whether it counts for the order (the residence requirement only informs)."""
        return self is not Criterion.RESIDENCE


CRITERION_LABELS = {
    Criterion.WORK_PERMIT: N_("Work permitted"),
    Criterion.GERMAN: N_("German"),
    Criterion.LICENCE: N_("Driving licence"),
    Criterion.WORKING_TIME: N_("Working time"),
    Criterion.OCCUPATION: N_("Target occupation"),
    Criterion.DISTANCE: N_("Distance"),
    Criterion.RESIDENCE: N_("Residence requirement"),
}
CRITERIA = tuple(Criterion)
RANKED = tuple(c for c in CRITERIA if c.ranked)
assert CRITERIA[:-1] == RANKED, "_tally counts all but the last criterion"


class Verdict(NamedTuple):
    criterion: Criterion
    outcome: Outcome
    reason: str  # short, German
    excludes: bool = False  # a hard criterion clearly not met

    @property
    def text(self) -> str:
        """As a cell shows it: "✓ B1, gefordert A2"."""
        return f"{self.outcome.symbol} {self.reason}"

    @property
    def spoken(self) -> str:
        """As a screen reader says it: "erfüllt: B1, gefordert A2"."""
        return f"{self.outcome.label}: {self.reason}"


class Match(NamedTuple):
    participant_id: int
    participant_name: str  # "Nachname, Vorname"
    offer_id: int
    offer_title: str
    employer_name: str
    location: str
    valid_until: date | None
    verdicts: tuple[Verdict, ...]  # one per criterion, in CRITERIA order
    met: int  # of the ranked criteria
    unknown: int
    not_met: int
    excluded: bool
    distance_km: float | None

    def verdict(self, criterion: Criterion) -> Verdict:
        return self.verdicts[CRITERIA.index(criterion)]


# -- postcode centres ---------------------------------------------------------------------------


@cache
def postal_code_centres() -> dict[str, tuple[float, float]]:
    """PLZ → (latitude, longitude) from the shipped table, read once when first needed; an
    empty table when the file is missing (every distance is then unknown)."""
    path = resource_dir().joinpath(*PLZ_TABLE)
    try:
        with gzip.open(path, "rt", encoding="ascii") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return {}
    centres = {}
    for line in lines:
        code, lat, lon = line.split("\t")
        centres[code] = (float(lat), float(lon))
    return centres


def distance_km(from_code: str, to_code: str) -> float | None:
    """Straight-line distance between the centres of two postcodes; None if one is unknown."""
    centres = postal_code_centres()
    a, b = centres.get(from_code), centres.get(to_code)
    if a is None or b is None:
        return None
    return haversine_km(a, b)


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


# -- the rules ----------------------------------------------------------------------------------


def work_permit_verdict(permitted: bool | None) -> Verdict:
    criterion = Criterion.WORK_PERMIT
    if permitted is None:
        return Verdict(criterion, Outcome.UNKNOWN, _("not recorded"))
    if permitted:
        return Verdict(criterion, Outcome.MET, _("permitted"))
    return Verdict(criterion, Outcome.NOT_MET, _("not permitted"), excludes=True)


def german_verdict(level: GermanLevel | None, minimum: GermanLevel | None) -> Verdict:
    criterion = Criterion.GERMAN
    if minimum is None:
        return Verdict(criterion, Outcome.MET, _("not required"))
    if level is None:
        reason = _("{required} required, level not recorded").format(required=minimum.label)
        return Verdict(criterion, Outcome.UNKNOWN, reason)
    values = {"level": level.label, "required": minimum.label}
    gap = minimum.rank - level.rank
    if gap <= 0:
        return Verdict(criterion, Outcome.MET, _("{level}, {required} required").format(**values))
    if gap <= GERMAN_TOLERANCE:
        reason = _("{level}, {required} required (one level below)").format(**values)
        return Verdict(criterion, Outcome.NOT_MET, reason)
    reason = _("{level}, {required} required (clearly below)").format(**values)
    return Verdict(criterion, Outcome.NOT_MET, reason, excludes=True)


_C = DrivingLicenceClass
_NEED_B = (_C.B, _C.BE, _C.C1, _C.C1E, _C.C, _C.CE, _C.D1, _C.D)
# A required class → the classes that include it (itself first).
COVERED_BY: dict[DrivingLicenceClass, tuple[DrivingLicenceClass, ...]] = {
    _C.AM: (_C.AM, _C.A1, _C.A2, _C.A, *_NEED_B, _C.T),
    _C.A1: (_C.A1, _C.A2, _C.A),
    _C.A2: (_C.A2, _C.A),
    _C.A: (_C.A,),
    _C.B: _NEED_B,
    _C.BE: (_C.BE, _C.C1E, _C.CE),
    _C.C1: (_C.C1, _C.C1E, _C.C, _C.CE),
    _C.C1E: (_C.C1E, _C.CE),
    _C.C: (_C.C, _C.CE),
    _C.CE: (_C.CE,),
    _C.D1: (_C.D1, _C.D),
    _C.D: (_C.D,),
    _C.L: (_C.L, *_NEED_B, _C.T),
    _C.T: (_C.T, _C.CE),
    _C.FOREIGN: (_C.FOREIGN,),
}


def licence_verdict(held: tuple[str, ...], required: DrivingLicenceClass | None) -> Verdict:
    """``held``: the codes of the person's classes (as stored)."""
    criterion = Criterion.LICENCE
    if required is None:
        return Verdict(criterion, Outcome.MET, _("not required"))
    classes = [c for code in held if (c := _C._value2member_map_.get(code)) is not None]
    wanted = {"required": required.label}
    if not classes:
        reason = _("class {required} required, no licence recorded").format(**wanted)
        return Verdict(criterion, Outcome.UNKNOWN, reason)
    covering = [c for c in COVERED_BY[required] if c in classes]
    if covering:
        best = covering[0]
        if best is required:
            reason = _("class {held}").format(held=best.label)
        else:
            reason = _("class {held} (includes {required})").format(held=best.label, **wanted)
        return Verdict(criterion, Outcome.MET, reason)
    if all(c is _C.FOREIGN for c in classes):
        reason = _("class {required} required, foreign licence not converted").format(**wanted)
        return Verdict(criterion, Outcome.UNKNOWN, reason)
    order = list(_C)
    shown = ", ".join(c.label for c in sorted(set(classes) - {_C.FOREIGN}, key=order.index))
    reason = _("class {required} required, held: {classes}").format(classes=shown, **wanted)
    return Verdict(criterion, Outcome.NOT_MET, reason, excludes=True)


def _hours_text(hours: float) -> str:
    return _("{hours} h").format(hours=f"{hours:g}".replace(".", ","))


def working_time_verdict(
    wish: WorkingTimePreference | None, care: bool | None, hours: float | None, shifts: str
) -> Verdict:
    criterion = Criterion.WORKING_TIME
    shift = f", {shifts}" if shifts else ""
    if hours is None:
        return Verdict(criterion, Outcome.UNKNOWN, _("hours not given") + shift)
    offered = _hours_text(hours) + shift
    if wish is None:
        reason = _("{offered}, no wish recorded").format(offered=offered)
        return Verdict(criterion, Outcome.UNKNOWN, reason)
    reason = _("{offered}, wished {wish}").format(offered=offered, wish=wish.label)
    full_time = hours >= FULL_TIME_HOURS
    fits = (
        wish is WorkingTimePreference.EITHER
        or (wish is WorkingTimePreference.FULL_TIME and full_time)
        or (wish is WorkingTimePreference.PART_TIME and not full_time)
    )
    if not fits:
        return Verdict(criterion, Outcome.NOT_MET, reason)
    if shifts and care:
        reason += "; " + _("care responsibilities: check the shifts")
        return Verdict(criterion, Outcome.UNKNOWN, reason)
    return Verdict(criterion, Outcome.MET, reason)


_STOP_WORDS = frozenset(
    [
        "und",
        "oder",
        "der",
        "die",
        "das",
        "des",
        "dem",
        "den",
        "fur",
        "im",
        "in",
        "am",
        "an",
        "als",
        "mit",
        "zum",
        "zur",
        "bei",
        "von",
        "vom",
        "auf",
        "aus",
        "mwd",
        "wmd",
        "gn",
        "all",
        "teilzeit",
        "vollzeit",
    ]
)
_ENDINGS = (("frau", "mann"), ("leute", "mann"), ("krafte", "kraft"), ("innen", ""), ("in", ""))
_SEPARATORS = re.compile(r"[_*:/()\-]+")


def _stem(word: str) -> str:
    word = word.replace("ae", "a").replace("oe", "o").replace("ue", "u")
    for ending, replacement in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)] + replacement
    return word


def occupation_words(text: str) -> tuple[str, ...]:
    """The significant words of an occupation, folded and stemmed ("Pflegehelfer:in (m/w/d)"
    → ("pflegehelfer",))."""
    words = fold(_SEPARATORS.sub(" ", text)).split()
    return tuple(
        dict.fromkeys(
            _stem(word) for w in words if len(word := w.strip(".,;!?'\"")) >= 3
            if word not in _STOP_WORDS
        )
    )  # fmt: skip


def _target_found(target: tuple[str, ...], offered: tuple[str, ...]) -> bool:
    return bool(target) and all(
        word in offered
        or (len(word) >= 4 and any(o.startswith(word) for o in offered))
        or (len(word) >= 6 and any(word in o for o in offered))
        for word in target
    )


def occupation_verdict(targets: tuple[str, ...], occupation: str, title: str) -> Verdict:
    return _occupation_with_words(targets, occupation_words(f"{occupation} {title}"))


def _km_text(km: float) -> str:
    return _("about {km} km").format(km=max(1, round(km)))


def distance_verdict(home: str, radius: int | None, work: str) -> tuple[Verdict, float | None]:
    """The verdict and the distance (None when it cannot be told)."""
    criterion = Criterion.DISTANCE
    if not home:
        return Verdict(criterion, Outcome.UNKNOWN, _("postcode of the person missing")), None
    if not work:
        reason = _("postcode of the place of work missing")
        return Verdict(criterion, Outcome.UNKNOWN, reason), None
    km = 0.0 if home == work else distance_km(home, work)
    if km is None:
        centres = postal_code_centres()
        unknown = work if home in centres else home
        reason = _("postcode {code} not in the table").format(code=unknown)
        return Verdict(criterion, Outcome.UNKNOWN, reason), None
    distance = _("same postcode") if home == work else _km_text(km)
    if radius is None:
        reason = _("{distance}, mobility radius not recorded").format(distance=distance)
        return Verdict(criterion, Outcome.UNKNOWN, reason), km
    reason = _("{distance} (radius {radius} km)").format(distance=distance, radius=radius)
    outcome = Outcome.MET if km <= radius else Outcome.NOT_MET
    return Verdict(criterion, outcome, reason), km


def _place(text: str) -> str:
    """A town's name for comparing: folded, without "(Saale)" and the like."""
    return fold(re.sub(r"\s*\(.*", "", text)).strip()


def residence_verdict(requirement: bool | None, place: str, location: str) -> Verdict:
    criterion = Criterion.RESIDENCE
    if requirement is None:
        return Verdict(criterion, Outcome.UNKNOWN, _("not recorded"))
    if not requirement:
        return Verdict(criterion, Outcome.MET, _("no residence requirement"))
    if not place:
        return Verdict(criterion, Outcome.UNKNOWN, _("place not recorded"))
    if location and _place(place) == _place(location):
        reason = _("{place}, the place of work is there").format(place=place)
        return Verdict(criterion, Outcome.MET, reason)
    reason = _("{place}: commuting allowed").format(place=place)
    return Verdict(criterion, Outcome.UNKNOWN, reason)


# -- putting them together ----------------------------------------------------------------------
#
# Both queries read plain rows and judge them with one memory per criterion, keyed by the raw
# values of the side that varies (a few distinct German levels, licence lists, postcodes …
# among thousands of rows): each rule runs once per distinct value, not once per row.

_PERSON_SQL = """
SELECT id, last_name, first_name, name_sort, employment_permitted, german_level,
       driving_licences, working_time_preference, care_responsibility, target_occupations,
       mobility_radius_km, postal_code, residence_requirement, residence_requirement_place
FROM participant
"""
_OFFER_SQL = """
SELECT j.id, j.title, coalesce(o.name, ''), j.occupation, j.location, j.location_postal_code,
       coalesce(o.postal_code, ''), coalesce(o.city, ''), j.hours_per_week, j.shifts,
       j.min_german_level, j.required_driving_licence, j.valid_until
FROM job_offer j LEFT JOIN organization o ON o.id = j.employer_id
"""


def _flag(value: object) -> bool | None:
    return None if value is None else bool(value)


def _codes(stored: str | None) -> tuple[str, ...]:
    """A JSON list column as stored ("[\"b\", \"ce\"]") → its strings."""
    try:
        items = json.loads(stored or "[]")
    except ValueError:
        return ()
    return tuple(item for item in items if isinstance(item, str)) if isinstance(items, list) else ()


def _german(code: str | None) -> GermanLevel | None:
    return GermanLevel(code) if code else None


def _licence(code: str | None) -> DrivingLicenceClass | None:
    return DrivingLicenceClass(code) if code else None


def _wish(code: str | None) -> WorkingTimePreference | None:
    return WorkingTimePreference(code) if code else None


def _person_name(last: str, first: str) -> str:
    return f"{last}, {first}" if first else last


def _work_code(row: tuple[Any, ...]) -> str:
    """The place of work's postcode, else the employer's when the offer is at the employer's
    town (or names no place)."""
    location, own, employer_code, employer_city = row[4], row[5], row[6], row[7]
    if own:
        return own
    return employer_code if not location or location == employer_city else ""


def _occupation_with_words(targets: tuple[str, ...], offered: tuple[str, ...]) -> Verdict:
    """``occupation_verdict`` with the offer's words already made."""
    criterion = Criterion.OCCUPATION
    targets = tuple(t for t in targets if t.strip())
    if not targets:
        return Verdict(criterion, Outcome.UNKNOWN, _("no target occupation recorded"))
    for target in targets:
        if _target_found(_cached_words(target), offered):
            return Verdict(criterion, Outcome.MET, target)
    listed = ", ".join(targets)
    if len(listed) > MAX_LISTED_TARGETS:
        listed = listed[: MAX_LISTED_TARGETS - 1] + "…"
    return Verdict(criterion, Outcome.NOT_MET, _("wished: {names}").format(names=listed))


@lru_cache(maxsize=8192)
def _cached_words(text: str) -> tuple[str, ...]:
    return occupation_words(text)


# A verdict's weight, so that a row's counts are one sum: met, unknown and not met in four bits
# each, a hard "not met" above them (at most six ranked criteria: no carry).
_UNIT = {Outcome.MET: 1, Outcome.UNKNOWN: 1 << 4, Outcome.NOT_MET: 1 << 8}
_EXCLUDED = 1 << 12


def _weighed(verdict: Verdict, ranked: bool = True) -> tuple[Verdict, int]:
    if not ranked:
        return verdict, 0
    return verdict, _UNIT[verdict.outcome] + (_EXCLUDED if verdict.excludes else 0)


_new_match = tuple.__new__  # a Match without NamedTuple's Python-level __new__ (many rows)
_first = itemgetter(0)


def _counts(total: int) -> tuple[int, int, int, bool]:
    """Met, unknown, not met and excluded from the sum of the weights."""
    return total & 15, (total >> 4) & 15, (total >> 8) & 15, total >= _EXCLUDED


def _german_codes_listed(minimum: GermanLevel) -> list[str]:
    """The levels that are not excluded for ``minimum`` (at most GERMAN_TOLERANCE below)."""
    return [level.value for level in GermanLevel if level.rank >= minimum.rank - GERMAN_TOLERANCE]


def offers_for_participant(
    reads: Reads, participant_id: int, today: date, *, include_excluded: bool = False
) -> list[Match]:
    """The open offers whose "gültig bis" has not passed, matched against the person, best
    first; none for an unknown person. ``include_excluded``: those a hard criterion excludes
    too, last."""
    found = reads.rows(f"{_PERSON_SQL} WHERE id = ?", (participant_id,))
    if not found:
        return []
    rows = reads.rows(
        f"{_OFFER_SQL} WHERE j.status = ? AND (j.valid_until IS NULL OR j.valid_until >= ?)",
        (JobOfferStatus.OPEN.value, str(today)),
    )
    return match_person(found[0], rows, include_excluded=include_excluded)


def match_person(
    p: tuple[Any, ...], rows: list[tuple[Any, ...]], *, include_excluded: bool = False
) -> list[Match]:
    """One person's row (``_PERSON_SQL``) against offer rows (``_OFFER_SQL``), best first
    (the part of ``offers_for_participant`` after its queries; benchmarks.matching)."""
    participant_id, name = p[0], _person_name(p[1], p[2])
    german, wish, care = _german(p[5]), _wish(p[7]), _flag(p[8])
    held, targets = _codes(p[6]), _codes(p[9])
    radius, home, requirement, place = p[10], p[11] or "", _flag(p[12]), p[13] or ""
    permit = _weighed(work_permit_verdict(_flag(p[4])))
    Seen = dict[Any, tuple[Verdict, int]]
    german_seen: Seen = {}
    licence_seen: Seen = {}
    time_seen: Seen = {}
    occupation_seen: Seen = {}
    distance_seen: dict[Any, tuple[Verdict, int, float | None]] = {}
    residence_seen: Seen = {}
    listed = []
    for r in rows:
        if (e_german := german_seen.get(r[10])) is None:
            e_german = german_seen[r[10]] = _weighed(german_verdict(german, _german(r[10])))
        if (e_licence := licence_seen.get(r[11])) is None:
            e_licence = licence_seen[r[11]] = _weighed(licence_verdict(held, _licence(r[11])))
        time_key = (r[8], r[9])
        if (e_time := time_seen.get(time_key)) is None:
            e_time = time_seen[time_key] = _weighed(
                working_time_verdict(wish, care, r[8], r[9] or "")
            )
        job_key = (r[3], r[1])
        if (e_job := occupation_seen.get(job_key)) is None:
            offered = _cached_words(f"{r[3]} {r[1]}")
            e_job = occupation_seen[job_key] = _weighed(_occupation_with_words(targets, offered))
        work = _work_code(r)
        if (e_distance := distance_seen.get(work)) is None:
            verdict, km = distance_verdict(home, radius, work)
            e_distance = distance_seen[work] = (*_weighed(verdict), km)
        if (e_residence := residence_seen.get(r[4])) is None:
            e_residence = residence_seen[r[4]] = _weighed(
                residence_verdict(requirement, place, r[4]), ranked=False
            )
        total = permit[1] + e_german[1] + e_licence[1] + e_time[1] + e_job[1] + e_distance[1]
        if total >= _EXCLUDED and not include_excluded:
            continue
        met, unknown, not_met, excluded = _counts(total)
        verdicts = (
            permit[0], e_german[0], e_licence[0], e_time[0], e_job[0], e_distance[0],
            e_residence[0],
        )  # fmt: skip
        km = e_distance[2]
        valid_until = date.fromisoformat(r[12]) if r[12] else None
        match = _new_match(Match, (
            participant_id, name, r[0], r[1], r[2], r[4], valid_until, verdicts, met, unknown,
            not_met, excluded, km,
        ))  # fmt: skip
        order = -(met * 8 + unknown)
        key = (excluded, order, math.inf if km is None else km, r[12] or "9", r[1], r[0])
        listed.append((key, match))
    listed.sort(key=_first)
    return [match for _key, match in listed]


def participants_for_offer(
    reads: Reads, offer_id: int, today: date, *, include_excluded: bool = False
) -> list[Match]:
    """The active JOKO participants matched against the offer, best first; none for an
    unknown offer. Those a hard criterion excludes are left out — in SQL already where it can
    tell (employment not permitted, German clearly below); ``include_excluded`` lists them
    last. ``today``: the day of the check (the offer's own state is not asked: a filled offer
    still shows who would have fit)."""
    found = reads.rows(f"{_OFFER_SQL} WHERE j.id = ?", (offer_id,))
    if not found:
        return []
    o = found[0]
    title, employer, location = o[1], o[2], o[4]
    minimum, required = _german(o[10]), _licence(o[11])
    hours, shifts, work = o[8], o[9] or "", _work_code(o)
    offered = occupation_words(f"{o[3]} {o[1]}")
    valid_until = date.fromisoformat(o[12]) if o[12] else None
    conditions = ["program = ?", "status = ?"]
    params: list[object] = [Program.JOKO.value, ParticipantStatus.ACTIVE.value]
    if not include_excluded:
        conditions.append("(employment_permitted IS NULL OR employment_permitted != 0)")
        if minimum is not None:
            levels = _german_codes_listed(minimum)
            marks = ", ".join("?" * len(levels))
            conditions.append(f"(german_level IS NULL OR german_level IN ({marks}))")
            params += levels
    rows = reads.rows(f"{_PERSON_SQL} WHERE {' AND '.join(conditions)}", params)
    Seen = dict[Any, tuple[Verdict, int]]
    permit_seen: Seen = {}
    german_seen: Seen = {}
    licence_seen: Seen = {}
    time_seen: Seen = {}
    occupation_seen: Seen = {}
    distance_seen: dict[Any, tuple[Verdict, int, float | None]] = {}
    residence_seen: Seen = {}
    listed = []
    for r in rows:
        if (e_permit := permit_seen.get(r[4])) is None:
            e_permit = permit_seen[r[4]] = _weighed(work_permit_verdict(_flag(r[4])))
        if (e_german := german_seen.get(r[5])) is None:
            e_german = german_seen[r[5]] = _weighed(german_verdict(_german(r[5]), minimum))
        if (e_licence := licence_seen.get(r[6])) is None:
            e_licence = licence_seen[r[6]] = _weighed(licence_verdict(_codes(r[6]), required))
        time_key = (r[7], r[8])
        if (e_time := time_seen.get(time_key)) is None:
            e_time = time_seen[time_key] = _weighed(
                working_time_verdict(_wish(r[7]), _flag(r[8]), hours, shifts)
            )
        if (e_job := occupation_seen.get(r[9])) is None:
            e_job = occupation_seen[r[9]] = _weighed(_occupation_with_words(_codes(r[9]), offered))
        home_key = (r[11], r[10])
        if (e_distance := distance_seen.get(home_key)) is None:
            verdict, km = distance_verdict(r[11] or "", r[10], work)
            e_distance = distance_seen[home_key] = (*_weighed(verdict), km)
        total = e_permit[1] + e_german[1] + e_licence[1] + e_time[1] + e_job[1] + e_distance[1]
        if total >= _EXCLUDED and not include_excluded:
            continue
        residence_key = (r[12], r[13])
        if (e_residence := residence_seen.get(residence_key)) is None:
            e_residence = residence_seen[residence_key] = _weighed(
                residence_verdict(_flag(r[12]), r[13] or "", location), ranked=False
            )
        met, unknown, not_met, excluded = _counts(total)
        verdicts = (
            e_permit[0], e_german[0], e_licence[0], e_time[0], e_job[0], e_distance[0],
            e_residence[0],
        )  # fmt: skip
        km = e_distance[2]
        name = f"{r[1]}, {r[2]}" if r[2] else r[1]
        match = _new_match(Match, (
            r[0], name, offer_id, title, employer, location, valid_until, verdicts, met,
            unknown, not_met, excluded, km,
        ))  # fmt: skip
        key = (excluded, -(met * 8 + unknown), math.inf if km is None else km, r[3], r[0])
        listed.append((key, match))
    listed.sort(key=_first)
    return [match for _key, match in listed]

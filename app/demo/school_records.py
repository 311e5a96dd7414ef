"""The dated Ausbildungsmanagement records of a student: Fehlzeiten and Förderbedarfs-
ermittlungen. The participant's columns (totals, date of the newest assessment, its areas)
are what these rows add up to, as the services keep them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import NamedTuple

from app.demo import school_texts
from app.demo.distributions import Weighted, stamp, workday
from app.demo.part import Part, Run
from app.demo.records import Case
from app.models import Absence, NeedsAssessment
from app.models.training import NEED_AREAS
from app.vocab import Gender, NeedLevel, ParticipantStatus, SchoolForm

LEVELS = tuple(NeedLevel)  # none, low, medium, high: the index is the strength
FIRST_LEVELS = Weighted([(0, 40), (1, 25), (2, 22), (3, 13)])
LANGUAGE_LEVELS = {  # students with another first language need language support more often
    True: Weighted([(0, 15), (1, 30), (2, 35), (3, 20)]),
    False: Weighted([(0, 80), (1, 15), (2, 5)]),
}
NEXT_LEVEL = Weighted([(-1, 40), (0, 45), (1, 15)])  # from one version to the next
STUDENT = {Gender.FEMALE: "Schülerin", Gender.MALE: "Schüler"}
ABSENCE_HOURS = (1, 1, 2, 2, 3, 4, 6, 6, 8)  # a late start, a few lessons, a whole school day
EXCUSED_NOTES = school_texts.EXCUSED_ABSENCE_NOTES
UNEXCUSED_NOTES = school_texts.UNEXCUSED_ABSENCE_NOTES


class AbsenceTotals(NamedTuple):
    hours: int
    unexcused: int
    as_of: date


class NeedsResult(NamedTuple):
    assessed_on: date
    areas: list[str]


class SchoolRecords(Part):
    """Absence and needs assessment rows of a student."""

    def __init__(self, run: Run) -> None:
        super().__init__(run)
        self.entered: dict[date, datetime] = {}

    def entered_at(self, day: date) -> datetime:
        """When an absence known on ``day`` was entered (one moment per day, not after now)."""
        moment = self.entered.get(day)
        if moment is None:
            moment = self.entered[day] = min(self.now, stamp(min(day, self.today), 13 * 60))
        return moment

    def absences(self, case: Case) -> AbsenceTotals | None:
        """3–40 days with absences (hours per day, some unexcused) on school days (Monday to
        Friday) of the case, or of the last six weeks when it began later (the school's
        register goes back further); None for a short counselling."""
        if case.status is ParticipantStatus.SHORT_COUNSELLING:
            return None
        last = case.end(self.today)
        first = min(case.entry, last - timedelta(days=42))
        monday = first - timedelta(days=first.weekday())
        days = (last - monday).days + 1
        weekdays = days // 7 * 5 + min(days % 7, 5)
        skipped = min(first.weekday(), 5)  # the school days of the first week before ``first``
        if case.showcase:
            count = self.randint(30, 40)
        else:
            mean = 8 if case.school_form is SchoolForm.BVJ else 5
            count = 3 + min(37, int(self.rng.expovariate(1 / mean)))
        indexes = sorted(self.rng.sample(range(skipped, weekdays), min(count, weekdays - skipped)))
        unexcused_share = 0.35 if case.showcase else self.rng.random() * 0.6
        hours_total = unexcused_total = 0
        day = first
        random, new, entered_at = self.rng.random, self.new, self.entered_at
        for index in indexes:  # the draws of pick, chance and randint, inlined (many rows)
            day = monday + timedelta(days=index // 5 * 7 + index % 5)
            hours = ABSENCE_HOURS[int(random() * len(ABSENCE_HOURS))]
            unexcused = 0
            if random() < unexcused_share:
                unexcused = hours if random() < 0.8 else 1 + int(random() * hours)
            notes = UNEXCUSED_NOTES if unexcused else EXCUSED_NOTES
            new(
                Absence,
                participant_id=case.id,
                absent_on=day,
                hours=hours,
                unexcused_hours=unexcused,
                note=notes[int(random() * len(notes))],
                created_at=entered_at(day + timedelta(days=int(random() * 5))),
            )
            hours_total += hours
            unexcused_total += unexcused
        return AbsenceTotals(hours_total, unexcused_total, day)

    def needs_assessments(self, case: Case) -> NeedsResult:
        """One to three dated versions (three for a showcase student), a few months apart; a
        need tends to shrink from one version to the next."""
        last = case.end(self.today)
        day = min(last, case.entry + timedelta(days=self.randint(0, 21)))
        versions = 3 if case.showcase else self.pick((1, 1, 2, 2, 3))
        if case.status is ParticipantStatus.SHORT_COUNSELLING:
            versions = 1
        other_language = case.pool.language != "de"
        levels = [
            (LANGUAGE_LEVELS[other_language] if area == "language" else FIRST_LEVELS).draw(self.rng)
            for area in NEED_AREAS
        ]
        if not any(levels):
            levels[self.randint(0, len(levels) - 1)] = 1
        taken_part = self.taken_part_choices(case)
        for version in range(1, versions + 1):
            if version > 1:
                later = workday(day + timedelta(days=self.randint(90, 180)))
                if later > last:
                    break
                day = later
                levels = [max(0, min(3, level + NEXT_LEVEL.draw(self.rng))) for level in levels]
                if case.showcase and not any(levels):  # the showcase keeps a need to show
                    levels[self.randint(0, len(levels) - 1)] = 1
            values = {}
            for area, level in zip(NEED_AREAS, levels, strict=True):
                need = LEVELS[level]
                values[f"{area}_level"] = need
                values[f"{area}_note"] = self.pick(school_texts.NEED_NOTES[area][need.value])
            moment = min(self.now, stamp(day, self.randint(8 * 60, 14 * 60)))
            self.new(
                NeedsAssessment,
                participant_id=case.id,
                version=version,
                assessed_on=day,
                taken_part=self.pick(taken_part),
                author=self.coordinator,
                created_at=moment,
                updated_at=moment,
                **values,
            )
        areas = [area for area, level in zip(NEED_AREAS, levels, strict=True) if level]
        return NeedsResult(day, areas)

    def taken_part_choices(self, case: Case) -> tuple[str, ...]:
        student = STUDENT.get(case.gender, "Schüler:in")
        trainer = ""
        if case.trainer:
            title = "Ausbilderin" if case.trainer.startswith("Fr.") else "Ausbilder"
            trainer = f"{title} {case.trainer}"
        teacher = f"Klassenleitung {case.class_teacher}" if case.class_teacher else ""
        choices = [
            f"{student}, {teacher}",
            f"{student}, {teacher}, Schulsozialarbeit",
        ]
        if trainer:
            choices += [f"{student}, {teacher}, {trainer}", f"{student}, {trainer}"]
        if case.minor_on(case.entry):
            choices.append(f"{student}, Erziehungsberechtigte, {teacher}")
        return tuple(choice.replace(", ,", ",").strip(", ") for choice in choices)

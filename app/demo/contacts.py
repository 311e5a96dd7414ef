"""Contact notes and follow-ups: with the participants over their time in the programme,
acquisition contacts and follow-ups with companies, and exchanges with the partners of the
network (Jobcenter, chambers, schools).
"""

from __future__ import annotations

from datetime import timedelta

from app.demo import texts
from app.demo.distributions import stamp, workday
from app.demo.part import Part
from app.demo.records import Case, CourseInfo, Network, Org
from app.demo.weights import (
    CONTACT_KINDS,
    DURATIONS,
    FOLLOW_UP_STATES,
    INTERPRETED_KINDS,
    NOTE_PARTICIPANTS,
)
from app.models import ContactNote, FollowUp
from app.vocab import ContactKind, FollowUpKind, ParticipantStatus


class Contacts(Part):
    """Contact notes and manual follow-ups."""

    def build_organization_contacts(self, network: Network) -> None:
        """Acquisition contacts and follow-ups with companies, exchanges with the partners of
        the network; without a participant."""
        kinds = (ContactKind.COMPANY_VISIT, ContactKind.PHONE, ContactKind.MESSAGE)
        for org in network.companies:
            assert org.business is not None
            occupation = self.pick(org.business.jobs)[0]
            context = {"emp": org.name, "occ": occupation}
            for _index in range(self.randint(1, 4)):
                topic, text = self.pick(texts.ORGANIZATION_NOTES)
                self.organization_note(
                    org,
                    self.pick(kinds),
                    topic,
                    text.format_map(context),
                    texts.ORGANIZATION_AGREEMENTS,
                )
            if self.chance(0.35):
                self.organization_follow_up(org, done=False)
            if self.chance(0.2):
                self.organization_follow_up(org, done=True)
        partners = [*network.jobcenters, *network.chambers.values(), *network.schools]
        for org in partners:
            for _index in range(self.randint(1, 2)):
                topic, text = self.pick(texts.PARTNER_NOTES)
                kind = self.pick((ContactKind.PHONE, ContactKind.IN_PERSON, ContactKind.VIDEO))
                self.organization_note(
                    org, kind, topic, text.format(org=org.name), texts.PARTNER_AGREEMENTS
                )
            if self.chance(0.5):
                self.organization_follow_up(org, done=False, titles=texts.FOLLOW_UP_TITLES_PARTNER)

    def organization_note(
        self,
        org: Org,
        kind: ContactKind,
        topic: str,
        content: str,
        agreements: tuple[str, ...],
    ) -> None:
        """A contact with the organisation itself (not about one participant), after the first
        contact with it."""
        earliest = max(org.first_contact or self.today, self.today - timedelta(days=730))
        day = workday(self.day_between(earliest, self.today - timedelta(days=1)))
        occurred = min(self.now, stamp(day, self.randint(7 * 60, 15 * 60)))
        self.new(
            ContactNote,
            organization_id=org.id,
            occurred_at=occurred,
            kind=kind,
            duration_minutes=self.duration(kind),
            participants="Ansprechperson im Betrieb"
            if org.business
            else "Ansprechperson der Einrichtung",
            topics=topic,
            content=content,
            agreements=self.pick(agreements),
            author=self.coordinator,
            created_at=occurred,
        )

    def organization_follow_up(
        self, org: Org, *, done: bool, titles: tuple[str, ...] = texts.FOLLOW_UP_TITLES_ORGANIZATION
    ) -> None:
        if done:
            due = self.today - timedelta(days=self.randint(5, 120))
        else:
            due = self.today + timedelta(days=self.randint(-10, 40))
        created = min(due, self.today) - timedelta(days=14)
        done_at = (
            min(self.now, stamp(due + timedelta(days=self.randint(0, 3)), 660)) if done else None
        )
        self.new(
            FollowUp,
            due_date=due,
            title=self.pick(titles).format(emp=org.name, org=org.name)[:200],
            kind=FollowUpKind.MANUAL,
            organization_id=org.id,
            done_at=done_at,
            created_at=stamp(created, 600),
            updated_at=done_at or stamp(created, 600),
        )

    def note_count(self, case: Case) -> int:
        if case.status is ParticipantStatus.SHORT_COUNSELLING:
            return self.randint(1, 2)
        return max(5, min(15, round(self.rng.gauss(10, 2.6))))

    def notes(self, case: Case, courses: list[CourseInfo]) -> None:
        topics = texts.NOTE_TOPICS_JOKO if case.is_joko else texts.NOTE_TOPICS_TRAINING
        kinds = CONTACT_KINDS[case.program]
        employer = case.employer
        context = {
            "occ": case.occupation or self.pick(texts.OCCUPATIONS),
            "emp": employer.name if employer else "dem Betrieb",
            "school": case.school.name if case.school else "BBS",
            "course": case.course_title,
        }
        last_day = case.end(self.today)
        span = (last_day - case.entry).days
        offsets = sorted(self.randint(0, span) for _index in range(self.note_count(case) - 1))
        for position, offset in enumerate([0, *offsets]):
            topic, text = topics[0] if position == 0 else self.pick(topics[1:])
            kind = ContactKind.IN_PERSON if position == 0 else kinds.draw(self.rng)
            day = max(case.entry, workday(case.entry + timedelta(days=offset)))
            occurred = min(self.now, stamp(day, self.randint(7 * 60, 15 * 60 + 30)))
            interpreter = (
                bool(case.interpreter_language) and kind in INTERPRETED_KINDS and self.chance(0.7)
            )
            self.new(
                ContactNote,
                participant_id=case.id,
                organization_id=self.note_organization(case, kind),
                occurred_at=occurred,
                kind=kind,
                duration_minutes=self.duration(kind),
                participants=NOTE_PARTICIPANTS.get(kind, ""),
                topics=topic,
                content=text.format_map(context) + self.pick(texts.NOTE_ADDITIONS),
                agreements=self.pick(texts.NOTE_AGREEMENTS),
                interpreter=interpreter,
                interpreter_language=case.interpreter_language if interpreter else "",
                author=self.coordinator,
                created_at=occurred,
            )

    def note_organization(self, case: Case, kind: ContactKind) -> int | None:
        if kind is ContactKind.COMPANY_VISIT and case.employer:
            return case.employer.id
        if kind is ContactKind.SCHOOL_VISIT and case.school:
            return case.school.id
        if kind is ContactKind.CASE_CONFERENCE:
            partner = case.school or case.jobcenter
            return partner.id if partner else None
        return None

    def duration(self, kind: ContactKind) -> int:
        low, high = DURATIONS[kind]
        return 5 * self.randint(low // 5, high // 5)

    def follow_ups(self, case: Case) -> None:
        today = self.today
        titles = texts.FOLLOW_UP_TITLES_JOKO if case.is_joko else texts.FOLLOW_UP_TITLES_TRAINING
        context = {
            "occ": case.occupation or "Wunschberuf",
            "emp": case.employer.name if case.employer else "dem Betrieb",
        }
        closed = case.exit is not None
        for _index in range(self.pick((1, 2, 3, 3, 3, 4, 5))):
            state = "done" if closed else FOLLOW_UP_STATES.draw(self.rng)
            done_at = None
            if state == "done":
                due = self.day_between(case.entry, case.end(today))
                done_day = min(today, due + timedelta(days=self.randint(0, 3)))
                done_at = min(self.now, stamp(done_day, self.randint(7 * 60, 15 * 60)))
            else:
                due = today + timedelta(
                    days={
                        "overdue": -self.randint(1, 30),
                        "today": 0,
                        "week": self.randint(1, 6),
                        "later": self.randint(7, 60),
                    }[state]
                )
            created = min(today, max(case.entry, due - timedelta(days=self.randint(3, 30))))
            self.new(
                FollowUp,
                due_date=due,
                title=self.pick(titles).format_map(context)[:200],
                kind=FollowUpKind.MANUAL,
                participant_id=case.id,
                done_at=done_at,
                created_at=stamp(created, 600),
                updated_at=done_at or stamp(created, 600),
            )

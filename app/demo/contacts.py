"""Contact notes and follow-ups: with the participants over their time in the programme,
acquisition contacts and follow-ups with companies, and exchanges with the partners of the
network (Jobcenter, chambers, schools).
"""

from __future__ import annotations

from datetime import timedelta

from app.demo import school_texts, texts
from app.demo.distributions import stamp, workday
from app.demo.part import Part, Run
from app.demo.records import Case, Network, Org
from app.demo.weights import (
    CONTACT_KINDS,
    DURATIONS,
    FOLLOW_UP_STATES,
    INTERPRETED_KINDS,
    NOTE_PARTICIPANTS,
)
from app.models import ContactNote, FollowUp, NoteOrganization
from app.vocab import ContactKind, FollowUpKind, ParticipantStatus, SchoolForm

UNATTENDED_SHARE = 0.1  # students at high risk without a contact in the last four weeks
GUARANTEED_UNATTENDED = 2


def _listed(names: list[str]) -> str:
    """The names joined as "A, B und C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} und {names[-1]}"


class Contacts(Part):
    """Contact notes and manual follow-ups."""

    def __init__(self, run: Run) -> None:
        super().__init__(run)
        self.unattended_owed = GUARANTEED_UNATTENDED

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

    def notes(self, case: Case, network: Network) -> None:
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
        count = self.note_count(case)
        offsets = sorted(self.randint(0, span) for _index in range(count - 1))
        if offsets and case.high_risk and case.exit is None and offsets[-1] < span - 28:
            self.keep_in_touch(case, offsets, span)
        note_kinds = [ContactKind.IN_PERSON] + [kinds.draw(self.rng) for _offset in offsets]
        if case.showcase and ContactKind.CASE_CONFERENCE not in note_kinds and offsets:
            note_kinds[len(note_kinds) // 2] = ContactKind.CASE_CONFERENCE
        later_topics = topics[1:]
        last_conference = ""
        for position, (offset, kind) in enumerate(zip([0, *offsets], note_kinds, strict=True)):
            day = max(case.entry, workday(case.entry + timedelta(days=offset)))
            occurred = min(self.now, stamp(day, self.randint(7 * 60, 15 * 60 + 30)))
            interpreter = (
                bool(case.interpreter_language) and kind in INTERPRETED_KINDS and self.chance(0.7)
            )
            further: list[tuple[Org, int]] = []
            if kind is ContactKind.CASE_CONFERENCE:
                further = self.conference_partners(case, network)
                main = case.school or case.jobcenter
                names = [org.name for org in ([main] if main else [])]
                names += [org.name for org, _position in further]
                conference_topics = school_texts.CASE_CONFERENCE_TOPICS[case.program.value]
                choices = [t for t in conference_topics if t[1] != last_conference]
                topic, text = self.pick(choices)
                last_conference = text  # the next one of the person talks about another topic
                content = text.format(orgs=_listed(names))
                agreements = self.pick(school_texts.CASE_CONFERENCE_AGREEMENTS)
                participants = self.conference_participants(case, main, further)
            else:
                topic, text = topics[0] if position == 0 else self.pick(later_topics)
                content = text.format_map(context) + self.pick(texts.NOTE_ADDITIONS)
                agreements = self.pick(texts.NOTE_AGREEMENTS)
                participants = NOTE_PARTICIPANTS.get(kind, "")
            note_id = self.new(
                ContactNote,
                participant_id=case.id,
                organization_id=self.note_organization(case, kind),
                occurred_at=occurred,
                kind=kind,
                duration_minutes=self.duration(kind),
                participants=participants,
                topics=topic,
                content=content,
                agreements=agreements,
                interpreter=interpreter,
                interpreter_language=case.interpreter_language if interpreter else "",
                author=self.coordinator,
                created_at=occurred,
            )
            for org, contact in further:
                self.new(
                    NoteOrganization,
                    note_id=note_id,
                    organization_id=org.id,
                    contact_person_id=org.contacts[contact] if org.contacts else None,
                )

    def keep_in_touch(self, case: Case, offsets: list[int], span: int) -> None:
        """The coordinator keeps in touch with students at high risk: the last contact lies in
        the last four weeks, but for a few who slipped through (the Übersicht lists them; the
        first ones of a run always, so that a small demo shows the list)."""
        if not case.showcase and (self.unattended_owed > 0 or self.chance(UNATTENDED_SHARE)):
            self.unattended_owed = max(0, self.unattended_owed - 1)
        else:
            offsets[-1] = span - self.randint(0, 20)

    def conference_partners(self, case: Case, network: Network) -> list[tuple[Org, int]]:
        """Two or three organisations besides the school (students) or the Jobcenter (JOKO)
        at a Fallkonferenz, each with the position of its contact person."""
        first: list[Org] = []
        others: list[Org] = [self.pick(self.counselling_for(case, network))]
        if case.is_joko:
            if case.employer:
                first.append(case.employer)
            others += [self.pick(network.providers), *network.others[:1]]
            if network.agency:
                others.append(network.agency)
        else:
            if case.employer:
                first.append(case.employer)
                business = case.employer.business
                chamber = network.chambers.get(business.chamber) if business else None
                if chamber and case.school_form is SchoolForm.PART_TIME_VOCATIONAL:
                    first.append(chamber)
            if network.youth_agency:
                others.append(network.youth_agency)
            if case.row.get("receives_sgb2") and case.jobcenter is None:
                others.append(self.pick(network.jobcenters))
        count = self.randint(2, 3)
        chosen = first[:count]
        chosen += self.rng.sample(others, min(len(others), count - len(chosen)))
        return [(org, self.contact_position(case, org)) for org in chosen]

    @staticmethod
    def counselling_for(case: Case, network: Network) -> list[Org]:
        """The counselling services that fit the person (migration services for migrants)."""
        if case.is_joko:
            wanted = ("Migrationsberatung", "Schuldner", "Anerkennung")
        elif case.pool.language != "de":
            wanted = ("Jugendmigrationsdienst", "Schuldner")
        else:
            wanted = ("Schuldner",)
        fitting = [org for org in network.counselling if org.name.startswith(wanted)]
        return fitting or network.counselling

    def contact_position(self, case: Case, org: Org) -> int:
        """The trainer for the student's company, anyone else elsewhere."""
        if org is case.employer and case.trainer:
            return 0
        return self.randint(0, len(org.contacts) - 1) if org.contacts else 0

    def conference_participants(
        self, case: Case, main: Org | None, further: list[tuple[Org, int]]
    ) -> str:
        """Who sat at the table: the person, each organisation's contact, the coordinator."""
        people = [f"{case.first} {case.last}"]
        if main is not None:
            if main is case.school and case.class_teacher:
                people.append(f"Klassenleitung {case.class_teacher} ({main.name})")
            else:
                advisor = case.row.get("job_center_advisor_id")
                position = main.contacts.index(advisor) if advisor in main.contacts else 0
                people.append(f"{main.addressed[position]} ({main.name})")
        for org, position in further:
            people.append(f"{org.addressed[position]} ({org.name})" if org.addressed else org.name)
        people.append(self.coordinator)
        return ", ".join(people)

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

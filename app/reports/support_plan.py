"""The printed Förderplan (docs/domain.md, section 9.5), German or bilingual."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.i18n import N_, _, format_date
from app.models import participant_fields
from app.models.office_settings import OfficeSettings
from app.reports.bilingual import Labels
from app.reports.document import (
    CONTENT_WIDTH,
    EMPTY,
    DocumentInfo,
    build_pdf,
    grid_table,
    key_value_table,
    styles,
    text_markup,
)
from app.reports.plan_data import GoalView, PlanData, StepView
from app.vocab import ConsentPurpose, PlanStatus

# Special-category consents name health or disability data: printed only when chosen.
SPECIAL_CATEGORY_PURPOSES = frozenset({ConsentPurpose.SPECIAL_CATEGORIES})

SIGNATURE_SPACE = 13 * mm

# Headings of the printed sections, in order (msgids; German and second language).
SECTIONS = {
    "person": N_("Personal data"),
    "situation": N_("Initial situation"),
    "strengths": N_("Strengths and resources"),
    "needs": N_("Support needs and barriers"),
    "goals": N_("Goals"),
    "steps": N_("Steps"),
    "agreements": N_("Agreements"),
    "involved": N_("People involved"),
    "review": N_("Review"),
    "privacy": N_("Data protection"),
    "signatures": N_("Signatures"),
}
GOAL_COLUMNS = (
    (N_("No."), 9 * mm),
    (N_("Goal"), 61 * mm),
    (N_("Indicator"), 52 * mm),
    (N_("By when"), 21 * mm),
    (N_("Status"), 27 * mm),
)
STEP_COLUMNS = (
    (N_("No."), 9 * mm),
    (N_("Step"), 61 * mm),
    (N_("Goal"), 13 * mm),
    (N_("Responsible"), 39 * mm),
    (N_("By when"), 21 * mm),
    (N_("Status"), 27 * mm),
)
REVIEW_COLUMNS = (
    (N_("No."), 9 * mm),
    (N_("Goal"), 70 * mm),
    (N_("Result"), 35 * mm),
    (N_("Reason"), 56 * mm),
)
CONSENT_COLUMNS = (
    (N_("Purpose"), 80 * mm),
    (N_("Recipient"), 62 * mm),
    (N_("Given on"), 28 * mm),
)


def render_support_plan(
    plan: PlanData,
    settings: OfficeSettings,
    *,
    language: str | None = None,
    include_special_categories: bool = False,
) -> bytes:
    """The plan as PDF bytes; ``language`` adds a second language to every fixed label."""
    labels = Labels(language)
    story = _PlanStory(plan, settings, labels, include_special_categories).build()
    title = _("Support plan {number}, version {version}").format(
        number=plan.number, version=plan.version
    )
    return build_pdf(story, settings, DocumentInfo(title, labels, plan.person.program))


class _PlanStory:
    """Builds the flowables of one plan; one method per section."""

    def __init__(
        self, plan: PlanData, settings: OfficeSettings, labels: Labels, special: bool
    ) -> None:
        self.plan, self.settings, self.labels, self.special = plan, settings, labels, special
        self.st = styles()
        self.section_number = 0

    # -- helpers --

    def para(self, markup: str, style: str = "body") -> Paragraph:
        return Paragraph(markup, getattr(self.st, style))

    def heading(self, key: str) -> Paragraph:
        self.section_number += 1
        return self.para(f"{self.section_number}. {self.labels.markup(SECTIONS[key])}", "heading")

    def user_text(self, text: str) -> Paragraph:
        return self.para(text_markup(text) if text.strip() else EMPTY)

    def text_section(self, key: str, text: str) -> list[Flowable]:
        return [self.heading(key), self.user_text(text)]

    def grid(self, columns: tuple[tuple[str, float], ...], rows: list[list[str]]) -> Table:
        """A table with a header row that repeats on every page it runs onto."""
        header = [self.labels.markup(msgid, stacked=True) for msgid, _width in columns]
        return grid_table(header, rows, [width for _msgid, width in columns])

    # -- sections --

    def build(self) -> list[Flowable]:
        plan = self.plan
        story: list[Flowable] = [*self.title_block()]
        story += self.person_section()
        story += self.text_section("situation", plan.situation)
        story += self.text_section("strengths", plan.strengths)
        story += self.text_section("needs", plan.needs)
        story += self.goals_section()
        story += self.steps_section()
        story += self.text_section("agreements", plan.agreements)
        story += self.text_section("involved", plan.involved)
        story += self.review_section()
        story += self.privacy_section()
        story.append(self.signature_section())
        return story

    def title_block(self) -> list[Flowable]:
        plan, labels = self.plan, self.labels
        facts = [
            f"{labels.markup(N_('Plan no.'))}: {text_markup(plan.number)}",
            f"{labels.markup(N_('Version'))}: {plan.version}",
            f"{labels.markup(N_('As of'))}: {format_date(plan.printed_on)}",
        ]
        if plan.status == PlanStatus.DRAFT:
            facts.append(f"<b>{labels.enum_markup(PlanStatus.DRAFT)}</b>")
        elif plan.status == PlanStatus.CLOSED:
            facts.append(f"<b>{labels.enum_markup(PlanStatus.CLOSED)}</b>")
        return [
            self.para(labels.markup(N_("Support plan")), "title"),
            self.para(" · ".join(facts), "subtitle"),
        ]

    def person_section(self) -> list[Flowable]:
        person, labels = self.plan.person, self.labels
        field = participant_fields.LABELS
        rows = [
            (labels.markup(N_("Name")), text_markup(person.full_name)),
            (labels.markup(field["birth_date"]), format_date(person.birth_date)),
            (labels.markup(N_("Participant no.")), text_markup(person.esf_number)),
        ]
        if person.is_minor:
            rows.append((labels.markup(N_("Guardians")), text_markup(", ".join(person.guardians))))
        rows += [(labels.markup(line.label), text_markup(line.value)) for line in person.context]
        if self.special and person.disability is not None:
            rows.append((labels.markup(field["disability"]), labels.enum_markup(person.disability)))
        return [self.heading("person"), key_value_table(rows)]

    def goals_section(self) -> list[Flowable]:
        plan, labels = self.plan, self.labels
        flow: list[Flowable] = [
            self.heading("goals"),
            self.para(f"<b>{labels.markup(N_('Overall aim'))}:</b>"),
            self.user_text(plan.overall_aim),
        ]
        if plan.goals:
            flow.append(Spacer(0, 2 * mm))
            flow.append(self.grid(GOAL_COLUMNS, [self.goal_row(goal) for goal in plan.goals]))
        else:
            flow.append(self.para(labels.markup(N_("No goals recorded yet."))))
        return flow

    def goal_row(self, goal: GoalView) -> list[str]:
        return [
            str(goal.number),
            text_markup(goal.title),
            text_markup(goal.indicator),
            format_date(goal.deadline),
            self.labels.enum_markup(goal.status),
        ]

    def steps_section(self) -> list[Flowable]:
        if not self.plan.steps:
            return [
                self.heading("steps"),
                self.para(self.labels.markup(N_("No steps recorded yet."))),
            ]
        rows = [self.step_row(number, step) for number, step in enumerate(self.plan.steps, 1)]
        return [self.heading("steps"), self.grid(STEP_COLUMNS, rows)]

    def step_row(self, number: int, step: StepView) -> list[str]:
        return [
            str(number),
            text_markup(step.description),
            str(step.goal_number or ""),
            text_markup(step.responsible),
            format_date(step.due_on),
            self.labels.enum_markup(step.status),
        ]

    def review_section(self) -> list[Flowable]:
        plan, labels = self.plan, self.labels
        next_review = format_date(plan.next_review_on) or EMPTY
        flow: list[Flowable] = [
            self.heading("review"),
            self.para(f"<b>{labels.markup(N_('Next review on'))}:</b> {next_review}"),
        ]
        review = plan.last_review
        if review is None:
            flow.append(self.para(labels.markup(N_("This is the first version of the plan."))))
            return flow
        flow.append(
            self.para(
                f"<b>{labels.markup(N_('Result of the last review'))}</b> "
                f"({labels.markup(N_('Version'))} {review.version}, "
                f"{format_date(review.reviewed_on)}): {text_markup(review.summary)}"
            )
        )
        if review.notes.strip():
            flow.append(self.user_text(review.notes))
        rated = [goal for goal in review.goals if goal.result is not None]
        if rated:
            rows = [
                [
                    str(goal.number),
                    text_markup(goal.title),
                    labels.enum_markup(goal.result),
                    text_markup(goal.result_reason),
                ]
                for goal in rated
            ]
            flow.append(self.grid(REVIEW_COLUMNS, rows))
        return flow

    def privacy_section(self) -> list[Flowable]:
        labels = self.labels
        consents = [
            consent
            for consent in self.plan.consents
            if self.special or consent.purpose not in SPECIAL_CATEGORY_PURPOSES
        ]
        flow: list[Flowable] = [self.heading("privacy")]
        if consents:
            flow.append(self.para(labels.markup(N_("Consents given:"))))
            rows = [
                [labels.enum_markup(c.purpose), text_markup(c.recipient), format_date(c.given_on)]
                for c in consents
            ]
            flow.append(self.grid(CONSENT_COLUMNS, rows))
            flow.append(Spacer(0, 2 * mm))
            flow.append(
                self.para(
                    labels.markup(
                        N_(
                            "Who sees this plan: the participant, the coordinator and, within "
                            "the consents listed above, their recipients. Nobody else."
                        )
                    )
                )
            )
        else:
            flow.append(
                self.para(
                    labels.markup(
                        N_(
                            "No consent to pass on data has been given. Who sees this plan: "
                            "the participant and the coordinator. Nobody else."
                        )
                    )
                )
            )
        flow.append(
            self.para(
                labels.format_markup(
                    N_(
                        "Controller under data protection law: {district}. Consents can be "
                        "withdrawn at any time with effect for the future."
                    ),
                    district=self.settings.district,
                )
            )
        )
        return flow

    def signature_section(self) -> KeepTogether:
        plan, labels, signatures = self.plan, self.labels, self.plan.signatures
        person = plan.person
        place = text_markup(plan.place) if plan.place.strip() else ""
        place_line = f"{labels.markup(N_('Place, date'))}: {place}{', ' if place else ''}"
        lines = [
            (N_("Participant"), person.full_name, signatures.participant_signed_on),
        ]
        if person.is_minor:
            guardian = ", ".join(person.guardians)
            lines.append((N_("Guardian"), guardian, signatures.guardian_signed_on))
        lines.append(
            (N_("Coordinator"), self.settings.coordinator_name, signatures.coordinator_signed_on)
        )
        if signatures.partner_name.strip():
            lines.append(
                (N_("Company or school"), signatures.partner_name, signatures.partner_signed_on)
            )
        cells = [self.signature_cell(*line) for line in lines]
        if len(cells) % 2:
            cells.append([])
        half = CONTENT_WIDTH / 2
        grid = Table(
            [cells[i : i + 2] for i in range(0, len(cells), 2)],
            colWidths=[half, half],
        )
        grid.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 10 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm),
                ]
            )
        )
        return KeepTogether(
            [
                self.heading("signatures"),
                self.para(labels.markup(N_("We agree to this support plan."))),
                Spacer(0, 3 * mm),
                self.para(place_line + "_" * 24),
                grid,
            ]
        )

    def signature_cell(self, role: str, name: str, signed_on: object) -> list[Flowable]:
        line = Table([[""]], colWidths=[CONTENT_WIDTH / 2 - 10 * mm], rowHeights=[SIGNATURE_SPACE])
        line.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.6, colors.black)]))
        caption = f"<b>{self.labels.markup(role)}</b>"
        if name.strip():
            caption += f"<br/>{text_markup(name)}"
        if signed_on is not None:
            caption += "<br/>" + self.labels.format_markup(
                N_("signed on {date}"), date=format_date(signed_on)
            )
        return [line, Spacer(0, 1.5 * mm), self.para(caption, "small")]

"""Support plans (Förderpläne) with their goals and steps, in one or two versions."""

from __future__ import annotations

from datetime import date, timedelta

from app.demo import texts
from app.demo.distributions import stamp
from app.demo.part import Part, Run
from app.demo.records import Case
from app.models import Goal, Measure, PlanStep, SupportPlan
from app.models.participant import add_months
from app.vocab import GoalResult, GoalStatus, ParticipantStatus, PlanStatus, StepStatus

# The first open cases always get a plan, so that even a small demo shows open plans.
GUARANTEED_OPEN_PLANS = 3


def _about_language(title: str) -> bool:
    return "Deutsch" in title or "Fachsprache" in title


class Plans(Part):
    """Support plan, goal and plan step rows of a case."""

    def __init__(self, run: Run) -> None:
        super().__init__(run)
        self.open_plans_owed = GUARANTEED_OPEN_PLANS

    def wants_support_plan(self, case: Case) -> bool:
        if case.status is ParticipantStatus.SHORT_COUNSELLING:
            return False
        wanted = self.chance(0.05 if case.is_joko else (0.3 if case.high_risk else 0.15))
        if case.showcase:
            return True
        if case.exit is None and self.open_plans_owed > 0:
            self.open_plans_owed -= 1
            return True
        return wanted

    def support_plans(self, case: Case) -> None:
        today = self.today
        end = case.end(today)
        created = min(end, case.entry + timedelta(days=self.randint(7, 60)))
        previous_id = None
        if (end - created).days > 150 and self.chance(0.2):
            closed_on = created + timedelta(days=self.randint(90, 150))
            previous_id = self.support_plan(case, 1, created, None, closed_on)
            created = closed_on
        self.support_plan(case, 2 if previous_id else 1, created, previous_id, case.exit)

    def support_plan(
        self,
        case: Case,
        version: int,
        created: date,
        previous_id: int | None,
        closed_on: date | None,
    ) -> int:
        plan_texts = texts.PLAN_TEXTS[case.program.value]
        if closed_on:
            status = PlanStatus.CLOSED
        else:
            status = PlanStatus.ACTIVE if self.chance(0.8) else PlanStatus.DRAFT
        signed = status is not PlanStatus.DRAFT
        sign_day = min(self.today, created + timedelta(days=self.randint(0, 7)))
        partner = case.employer if not case.is_joko else None
        context = {
            "occ": case.occupation or "Wunschberuf",
            "months": max(2, (created - case.entry).days // 30),
            "level": (case.german_level.label if case.german_level else self.randint(4, 40)),
        }
        place = case.school or case.jobcenter or case.employer
        plan_id = self.new(
            SupportPlan,
            participant_id=case.id,
            number=f"FP-{created.year}-{case.id:05d}",
            version=version,
            status=status,
            previous_version_id=previous_id,
            situation=self.pick(plan_texts["situation"]).format_map(context),
            strengths=self.pick(plan_texts["strengths"]),
            needs=self.pick(plan_texts["needs"]),
            overall_aim=self.pick(plan_texts["aim"]).format_map(context),
            agreements=self.pick(plan_texts["agreements"]),
            involved=f"{self.coordinator} (Koordination)"
            + (f"; {partner.name}" if partner else ""),
            next_review_on=None if closed_on else self.next_review(created),
            review_result="Ziele teilweise erreicht, Plan fortgeschrieben."
            if closed_on and version == 1 and case.exit is None
            else "",
            participant_signed_on=sign_day if signed else None,
            guardian_signed_on=sign_day if signed and case.minor_on(created) else None,
            coordinator_signed_on=sign_day if signed else None,
            partner_name=partner.name if partner else "",
            partner_signed_on=sign_day if signed and partner and self.chance(0.6) else None,
            place=place.city if place else "",
            closed_at=stamp(closed_on, 900) if closed_on else None,
            created_at=stamp(created, 630),
            updated_at=stamp(closed_on or sign_day, 900),
        )
        self.goals(case, plan_id, created, closed_on)
        return plan_id

    def next_review(self, created: date) -> date:
        """Reviews every three months; a few are overdue by up to a month."""
        review = add_months(created, 3)
        limit = self.today - timedelta(days=self.randint(0, 30))
        while review < limit:
            review = add_months(review, 3)
        return review

    def goals(self, case: Case, plan_id: int, created: date, closed_on: date | None) -> None:
        today = self.today
        templates = texts.GOALS[case.program.value]
        steps = texts.STEPS[case.program.value]
        context = {"occ": case.occupation or "Wunschberuf"}
        chosen = self.rng.sample(templates, self.randint(2, 4))
        if case.showcase and case.language_course_ids:  # the course shows in the plan
            language = next(t for t in templates if _about_language(t[0]))
            if language not in chosen:
                chosen[-1] = language
        for position, (title, indicator) in enumerate(chosen):
            deadline = created + timedelta(days=self.randint(30, 180))
            status, result = self.goal_state(deadline, closed_on)
            measure_id = None
            if case.measure_ids and (case.showcase or self.chance(0.4)):
                # a measure serves one goal: goal.measure_id and measure.goal_id agree
                measure_id = case.measure_ids.pop(self.randint(0, len(case.measure_ids) - 1))
            course_id = None
            if case.language_course_ids and _about_language(title):
                course_id = case.language_course_ids[-1]
            goal_id = self.new(
                Goal,
                plan_id=plan_id,
                position=position,
                title=title.format_map(context),
                indicator=indicator,
                deadline=deadline,
                status=status,
                result=result,
                result_reason=self.pick(texts.GOAL_RESULT_REASONS)
                if result is GoalResult.NOT_ACHIEVED
                else "",
                course_id=course_id,
                measure_id=measure_id,
            )
            if measure_id is not None:
                self.writer.update_later(  # explicit updated_at: no wall-clock onupdate
                    Measure,
                    {"id": measure_id, "goal_id": goal_id, "updated_at": stamp(created, 630)},
                )
            for step_position, (text, responsible) in enumerate(
                self.rng.sample(steps, self.randint(1, 2))
            ):
                due = self.day_between(created + timedelta(days=7), deadline)
                done = due < (closed_on or today) and self.chance(0.75)
                self.new(
                    PlanStep,
                    plan_id=plan_id,
                    goal_id=goal_id,
                    position=step_position,
                    description=text,
                    responsible=responsible,
                    due_on=due,
                    status=StepStatus.DONE
                    if done
                    else (StepStatus.IN_PROGRESS if self.chance(0.4) else StepStatus.OPEN),
                )

    def goal_state(
        self, deadline: date, closed_on: date | None
    ) -> tuple[GoalStatus, GoalResult | None]:
        if closed_on or deadline < self.today:
            if self.chance(0.1):
                return GoalStatus.CANCELLED, None
            result = self.pick(
                (
                    GoalResult.ACHIEVED,
                    GoalResult.ACHIEVED,
                    GoalResult.PARTLY,
                    GoalResult.NOT_ACHIEVED,
                )
            )
            return GoalStatus.COMPLETED, result
        return (GoalStatus.IN_PROGRESS if self.chance(0.6) else GoalStatus.OPEN), None

"""Small builders for service tests."""

from collections.abc import Callable, Sequence
from dataclasses import fields
from datetime import date
from typing import Any

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.progress import Cancelled, Progress
from app.services.participants import create_participant
from app.services.support_plans.common import get_plan, goals_of, steps_of
from app.services.support_plans.editing import (
    GoalInput,
    PlanEdit,
    PlanInput,
    StepInput,
    create_plan,
    save_plan_edit,
)
from app.vocab import (
    EmploymentStatusAtEntry,
    Gender,
    HousingSituation,
    Program,
    SchoolLevel,
    VocationalLevel,
    YesNoUnknown,
)

COMPLETE_CORE: dict[str, Any] = {
    "birth_date": date(1990, 5, 17),
    "gender": Gender.FEMALE,
    "postal_code": "06108",
    "city": "Halle (Saale)",
    "nationalities": ["SY"],
    "employment_status_at_entry": EmploymentStatusAtEntry.LONG_TERM_UNEMPLOYED,
    "school_level": list(SchoolLevel)[0],
    "vocational_level": list(VocationalLevel)[0],
    "housing_situation": list(HousingSituation)[0],
    "disability": YesNoUnknown.NOT_STATED,
    "entry_date": date(2026, 3, 2),
    "privacy_notice_given_on": date(2026, 3, 2),
}


def add_person(lotse: Lotse, last: str, first: str = "", **values: Any) -> int:
    values.setdefault("program", Program.JOKO)
    with lotse.unit_of_work() as uow:
        changes = create_participant(uow, {"last_name": last, "first_name": first, **values})
    assert changes.created is not None
    return changes.created


def run(lotse: Lotse, operation: Callable[..., Changes], *args: Any, **kwargs: Any) -> Changes:
    """One operation in a unit of work of its own, as the face runs it."""
    with lotse.unit_of_work() as uow:
        return operation(uow, *args, **kwargs)


def new_plan(lotse: Lotse, pid: int, today: date | None = None) -> int:
    """A person's new plan (version 1, or the next after closed ones); its id."""
    changes = run(lotse, create_plan, pid, today=today)
    assert changes.created is not None
    return changes.created


def stored_edit(lotse: Lotse, plan_id: int) -> PlanEdit:
    """The plan as its tab would send it unchanged (steps name their goal by position)."""
    with lotse.reading() as uow:
        plan = get_plan(uow, plan_id)
        goals = goals_of(uow, plan_id)
        steps = steps_of(uow, plan_id)
    texts = PlanInput(**{f.name: getattr(plan, f.name) for f in fields(PlanInput)})
    position = {goal.id: index for index, goal in enumerate(goals)}
    return PlanEdit(
        texts,
        tuple(GoalInput(g.title, g.indicator, g.deadline, g.status, g.id) for g in goals),
        tuple(
            StepInput(
                s.description,
                s.responsible,
                s.due_on,
                s.status,
                position[s.goal_id] if s.goal_id is not None else None,
                s.id,
            )
            for s in steps
        ),
    )


def store_plan(
    lotse: Lotse,
    plan_id: int,
    *,
    texts: PlanInput | None = None,
    goals: Sequence[GoalInput] | None = None,
    steps: Sequence[StepInput] | None = None,
) -> Changes:
    """Save the plan tab with what is given; what is not given stays as stored."""
    stored = stored_edit(lotse, plan_id)
    edit = PlanEdit(
        texts if texts is not None else stored.texts,
        tuple(goals) if goals is not None else stored.goals,
        tuple(steps) if steps is not None else stored.steps,
    )
    return run(lotse, save_plan_edit, plan_id, edit)


class CancelAt(Progress):
    """Cancels when the operation reports ``at`` (0: at once; None: at its last report)."""

    def __init__(self, at: int | None) -> None:
        super().__init__()
        self.at = at

    def step(self, done: int, total: int) -> None:
        if done == (total if self.at is None else self.at):
            raise Cancelled
        super().step(done, total)

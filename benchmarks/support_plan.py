"""Förderplan printing: one 2-page plan rendered in-process, after warm-up (goal < 100 ms)."""

from __future__ import annotations

import io
from datetime import date, timedelta

from benchmarks.timing import Timing, measure

GOAL_MS = 100.0


def sample_plan(goals: int = 5, steps: int = 5):
    """A realistic plan: long texts, a dozen goals and steps, consents, a last review."""
    from app.reports.plan_data import (
        ConsentView,
        ContextLine,
        GoalView,
        PersonView,
        PlanData,
        ReviewView,
        StepView,
    )
    from app.vocab import ConsentPurpose, GoalStatus, PlanStatus, Program, StepStatus

    start = date(2026, 11, 2)
    goal_views = tuple(
        GoalView(
            number=n,
            title=f"Teilziel {n}: Bewerbungsunterlagen mit Şükrü Ağaoğlu überarbeiten",
            indicator="Lebenslauf und Anschreiben liegen vor",
            deadline=start + timedelta(days=14 * n),
            status=list(GoalStatus)[n % 4],
        )
        for n in range(1, goals + 1)
    )
    step_views = tuple(
        StepView(
            description=f"Schritt {n}: Termin beim Träger vereinbaren",
            responsible="Koordination" if n % 2 else "Teilnehmende",
            due_on=start + timedelta(days=7 * n),
            status=list(StepStatus)[n % 4],
            goal_number=n % goals + 1,
        )
        for n in range(1, steps + 1)
    )
    text = "Frau Коваленко lebt seit 2022 in Halberstadt und sucht eine Teilzeitstelle. " * 4
    return PlanData(
        plan_id=1,
        number="FP-42-2026",
        version=2,
        status=PlanStatus.ACTIVE,
        created_on=start,
        printed_on=start,
        person=PersonView(
            participant_id=42,
            first_name="Олена",
            last_name="Коваленко",
            birth_date=date(1988, 4, 2),
            esf_number="L-0042",
            program=Program.JOKO,
            is_minor=False,
            context=(ContextLine("Jobcenter", "Jobcenter Harz"),),
        ),
        situation=text,
        strengths=text,
        needs=text,
        overall_aim="Sozialversicherungspflichtige Beschäftigung als Bürokraft.",
        goals=goal_views,
        steps=step_views,
        agreements=text,
        involved="Anna Beispiel (Koordination), Łukasz Żółć (Jobcenter Harz)",
        next_review_on=start + timedelta(days=90),
        last_review=ReviewView(1, start, "2 von 3 Zielen erreicht.", "", ()),
        consents=(ConsentView(ConsentPurpose.SHARE_JOB_CENTER, "Jobcenter Harz", start),),
        place="Halberstadt",
    )


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def run() -> list[tuple[str, Timing, str]]:
    from app.models.office_settings import OfficeSettings
    from app.reports.support_plan import render_support_plan

    settings = OfficeSettings(
        provider="Landkreis Harz – Fachdienst Arbeit",
        district="Landkreis Harz",
        funding_reference="ESF-RA-2024-0815",
        coordinator_name="Anna Beispiel",
    )
    plan = sample_plan()
    results = []
    for language in (None, "uk"):

        def render(language: str | None = language) -> bytes:
            return render_support_plan(plan, settings, language=language)

        pdf = render()
        timing = measure(render)
        verdict = "ok" if timing.median_ms < GOAL_MS else "SLOW"
        name = "German" if language is None else f"German + {language}"
        note = f"{page_count(pdf)} pages, {len(pdf) // 1024} KiB, {verdict}"
        results.append((f"render plan, {name}", timing, note))
    return results


def main() -> None:
    print(f"Förderplan (goal: < {GOAL_MS:.0f} ms for a 2-page plan, in-process after warm-up)")
    for name, timing, note in run():
        print(f"  {name:45} {timing}  {note}")


if __name__ == "__main__":
    main()

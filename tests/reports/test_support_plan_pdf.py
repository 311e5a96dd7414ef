"""The printed Förderplan, Art. 13 sheet and Stammblatt, read back with pypdf."""

import io
import re
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PIL import Image
from pypdf import PdfReader

from app.i18n import _
from app.models.participant import Participant
from app.paths import resource_dir
from app.reports import fonts
from app.reports.bilingual import SECOND_LANGUAGES, Labels
from app.reports.master_sheet import render_master_sheet
from app.reports.plan_data import (
    ConsentView,
    ContextLine,
    GoalView,
    PersonView,
    PlanData,
    ReviewView,
    SignatureView,
    StepView,
)
from app.reports.privacy_notice import render_privacy_notice
from app.reports.support_plan import SECTIONS, render_support_plan
from app.services.support_plans.document import plan_document_data
from app.services.support_plans.editing import GoalInput
from app.services.support_plans.prints import archive_print, printed_versions
from app.vocab import (
    ConsentPurpose,
    GoalResult,
    GoalStatus,
    PlanStatus,
    Program,
    StepStatus,
    YesNoUnknown,
)
from tests.conftest import EXAMPLE_SETTINGS
from tests.services.helpers import add_person, new_plan, run, store_plan

SETTINGS = replace(EXAMPLE_SETTINGS, provider="Landkreis Harz – Fachdienst Arbeit")
NAMES = ("Ağaoğlu Şükrü", "Łukasz Żółć", "Олена Коваленко")


def person(**values) -> PersonView:
    defaults = dict(
        participant_id=7,
        first_name="Şükrü",
        last_name="Ağaoğlu",
        birth_date=date(1990, 5, 17),
        esf_number="L-0007",
        program=Program.JOKO,
        is_minor=False,
        context=(ContextLine("Jobcenter", "Jobcenter Harz"),),
        disability=YesNoUnknown.YES,
    )
    return PersonView(**{**defaults, **values})


def goal(number: int, title: str = "") -> GoalView:
    return GoalView(
        number=number,
        title=title or f"Teilziel {number:02d}: Bewerbungsunterlagen fertigstellen",
        indicator="Mappe liegt vor",
        deadline=date(2027, 1, 1 + number % 28),
        status=list(GoalStatus)[number % 4],
    )


def plan(**values) -> PlanData:
    defaults = dict(
        plan_id=1,
        number="FP-7-2026",
        version=2,
        status=PlanStatus.ACTIVE,
        created_on=date(2026, 11, 1),
        printed_on=date(2026, 11, 24),
        person=person(),
        situation="Lebt seit 2022 in Halberstadt.\nSucht Arbeit als Buchhalterin.",
        strengths="Łukasz Żółć (Nachbar) hilft bei Bewerbungen.",
        needs="Deutsch B1 → B2",
        overall_aim="Sozialversicherungspflichtige Arbeit",
        goals=(goal(1), goal(2, "Gespräch mit Олена Коваленко führen")),
        steps=(StepView("Kurs anmelden", "Koordination", date(2026, 12, 1), StepStatus.OPEN, 1),),
        agreements="Zwei Bewerbungen im Monat.",
        involved="Anna Beispiel, Koordination, 03941 123456",
        next_review_on=date(2027, 2, 1),
        last_review=ReviewView(
            1,
            date(2026, 10, 30),
            "1 von 2 Zielen erreicht",
            "",
            (replace(goal(1), result=GoalResult.ACHIEVED),),
        ),
        consents=(
            ConsentView(ConsentPurpose.SHARE_JOB_CENTER, "Jobcenter Harz", date(2026, 3, 2)),
            ConsentView(ConsentPurpose.SPECIAL_CATEGORIES, "Gesundheitsamt", date(2026, 3, 2)),
        ),
        place="Halberstadt",
        signatures=SignatureView(partner_name="Bäckerei Schulz"),
    )
    return PlanData(**{**defaults, **values})


def pages(pdf: bytes) -> list[str]:
    assert pdf.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def text(pdf: bytes) -> str:
    return "\n".join(pages(pdf))


def flat(value: str) -> str:
    """Extracted text with line breaks and runs of spaces folded, for phrases that wrap."""
    return re.sub(r"\s+", " ", value)


# --- content ---------------------------------------------------------------------------------


def test_names_round_trip_in_the_extracted_text():
    content = flat(text(render_support_plan(plan(), SETTINGS)))
    assert "Şükrü Ağaoğlu" in content
    for name in NAMES:
        for word in name.split():
            assert word in content
    assert "Łukasz Żółć" in content and "Олена Коваленко" in content


def test_every_section_heading_is_printed_in_order():
    content = flat(text(render_support_plan(plan(), SETTINGS)))
    positions = []
    for number, msgid in enumerate(SECTIONS.values(), start=1):
        heading = f"{number}. {_(msgid)}"
        assert heading in content
        positions.append(content.index(heading))
    assert positions == sorted(positions)
    for german in ("Ausgangslage", "Stärken und Ressourcen", "Ziele", "Schritte", "Beteiligte",
                   "Vereinbarungen", "Überprüfung", "Datenschutz", "Unterschriften"):  # fmt: skip
        assert german in content
    assert "Förderplan" in content and "FP-7-2026" in content
    assert "Förderkennzeichen" in content and "ESF-RA-2024-0815" in content
    assert "Europäischen Sozialfonds Plus (ESF+)" in content
    assert "Landkreis Harz" in content and "Anna Beispiel" in content


def test_every_page_says_seite_x_von_n():
    pdf = render_support_plan(plan(goals=tuple(goal(n) for n in range(1, 41))), SETTINGS)
    texts = pages(pdf)
    total = len(texts)
    assert total >= 3
    for number, page in enumerate(texts, start=1):
        assert f"Seite {number} von {total}" in page
        assert "Förderkennzeichen" in page  # the letterhead is on every page


def test_forty_goals_break_across_pages_with_the_header_row_repeated():
    goals = tuple(goal(n) for n in range(1, 41))
    texts = pages(render_support_plan(plan(goals=goals, last_review=None), SETTINGS))
    header = _("Indicator")
    with_goals = [page for page in texts if "Teilziel" in page]
    assert len(with_goals) >= 2
    for page in with_goals:
        assert page.count(header) == 1  # each page the table reaches starts with its header
    assert header not in "".join(p for p in texts if "Teilziel" not in p)
    content = flat("".join(texts))
    for item in goals:  # no row lost or doubled at a page break
        assert content.count(item.title) == 1


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Ziele / Goals", "Schritte / Steps", "Unterschriften / Signatures"]),
        ("uk", ["Ziele / Цілі", "Schritte / Кроки", "Datenschutz / Захист даних"]),
    ],
)
def test_bilingual_labels(language, expected):
    pdf = render_support_plan(plan(), SETTINGS, language=language)
    content = flat(text(pdf))
    for label in expected:
        assert label in content
    assert f"{_('Support plan')} / " in content
    second_page = {"en": "Page", "uk": "Сторінка"}[language]
    assert f"Seite 1 von 2 / {second_page} 1" in content
    assert "Lebt seit 2022 in Halberstadt." in content  # the user's text stays as typed


def test_unsupported_language_is_refused():
    with pytest.raises(ValueError):
        render_support_plan(plan(), SETTINGS, language="ar")


def test_second_language_catalogs_translate_every_printed_label(monkeypatch):
    requested: set[str] = set()
    original = Labels.pair

    def recording(self, msgid):
        requested.add(msgid)
        return original(self, msgid)

    monkeypatch.setattr(Labels, "pair", recording)
    context = (ContextLine("School", "BBS"), ContextLine("Class", "BVJ 2a"))
    minor = person(is_minor=True, guardians=("Ірина",), program=Program.TRAINING, context=context)
    for status in list(GoalStatus):
        render_support_plan(
            plan(person=minor, goals=(replace(goal(1), status=status),), status=PlanStatus.DRAFT),
            SETTINGS,
            language="en",
            include_special_categories=True,
        )
    render_support_plan(plan(goals=(), steps=(), consents=(), last_review=None), SETTINGS)
    assert len(requested) > 40
    for language in SECOND_LANGUAGES:
        path = resource_dir() / "locale" / language / "LC_MESSAGES" / "lotse.po"
        with path.open("rb") as handle:
            translated = {m.id for m in read_po(handle) if m.id and m.string}
        assert path.with_suffix(".mo").is_file()
        assert not requested - translated, f"{language}: {sorted(requested - translated)}"


# --- privacy ---------------------------------------------------------------------------------


def test_guardian_signs_only_for_a_minor():
    adult = text(render_support_plan(plan(), SETTINGS))
    assert _("Guardian") not in adult and _("Guardians") not in adult
    minor = person(is_minor=True, guardians=("Ірина Коваленко",))
    content = text(render_support_plan(plan(person=minor), SETTINGS))
    assert _("Guardian") in content
    assert content.count("Ірина Коваленко") == 2  # personal data and the signature line


def test_disability_is_printed_only_when_chosen():
    hidden = text(render_support_plan(plan(), SETTINGS))
    assert _("Disability") not in hidden and "Behinderung" not in hidden
    assert "Gesundheitsamt" not in hidden  # the special-category consent is left out too
    shown = text(render_support_plan(plan(), SETTINGS, include_special_categories=True))
    assert _("Disability") in shown
    assert ConsentPurpose.SPECIAL_CATEGORIES.label in flat(shown)


def test_privacy_notice_names_the_controller_and_the_person():
    content = flat(text(render_privacy_notice(SETTINGS, participant_name="Łukasz Żółć")))
    assert "Landkreis Harz" in content and "Łukasz Żółć" in content
    assert "Art. 13" in content and "Art. 15" in content and "Art. 77" in content
    assert "Landesverwaltungsamt Sachsen-Anhalt" in content  # the approving body as recipient


def test_master_sheet_shows_the_entry_data():
    participant = Participant(
        id=9,
        program=Program.JOKO,
        last_name="Коваленко",
        first_name="Олена",
        birth_date=date(1988, 4, 2),
        nationalities=["UA"],
        first_languages=["uk"],
        disability=YesNoUnknown.YES,
        entry_date=date(2026, 3, 2),
    )
    content = flat(text(render_master_sheet(participant, SETTINGS, today=date(2026, 11, 24))))
    assert "Landkreis Harz" in content and "Олена Коваленко" in content
    assert "02.04.1988" in content and "02.03.2026" in content
    assert "Ukraine" in content and "Ukrainisch" in content  # names, not ISO codes
    assert f"{_('Disability')} {YesNoUnknown.YES.label}" not in content  # the note names it
    special = flat(
        text(render_master_sheet(participant, SETTINGS, include_special_categories=True))
    )
    assert f"{_('Disability')} {YesNoUnknown.YES.label}" in special


# --- machinery -------------------------------------------------------------------------------


def test_logo_is_embedded_and_scaled(tmp_path: Path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (1200, 300), "navy").save(logo)
    pdf = render_support_plan(plan(), replace(SETTINGS, logo_path=str(logo)))
    reader = PdfReader(io.BytesIO(pdf))
    images = reader.pages[0].images
    assert len(images) == 1
    missing = render_support_plan(plan(), replace(SETTINGS, logo_path=str(tmp_path / "no.png")))
    assert len(PdfReader(io.BytesIO(missing)).pages[0].images) == 0


def test_fonts_register_once_and_cheaply():
    fonts.register_fonts()
    started = time.perf_counter()
    for _i in range(1000):
        fonts.register_fonts()
    assert time.perf_counter() - started < 0.05


def test_printed_through_the_services_and_archived(configured_lotse):
    lotse = configured_lotse
    pid = add_person(lotse, "Żółć", "Łukasz", birth_date=date(1991, 2, 3))
    plan_id = new_plan(lotse, pid)
    store_plan(lotse, plan_id, goals=[GoalInput("Deutsch B1", "Zertifikat", date(2027, 1, 1))])
    with lotse.unit_of_work() as uow:
        data = plan_document_data(uow, plan_id)
    labels = Labels("uk")
    pdf = render_support_plan(data, SETTINGS, language="uk")
    assert run(lotse, archive_print, plan_id, pdf, labels.code).plans == {plan_id}
    (row,) = printed_versions(lotse.reads, plan_id)
    assert (row.language, row.size) == ("de+uk", len(pdf))
    assert "Łukasz Żółć" in text(pdf)

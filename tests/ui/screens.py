"""A catalogue of every screen and dialog of Lotse, opened in a realistic state (issue #21).

For checks that must see each window as the user sees it (mnemonics, Tab order, names, focus
marks)::

    from tests.ui import screens
    from tests.ui.screens import SCREENS, screen_id

    screen_ctx = screens.screen_ctx  # the fixture ...
    screens_template = screens.screens_template  # ... and the session's data set it copies

    @pytest.mark.parametrize("screen", SCREENS, ids=screen_id)
    def test_something(screen_ctx, screen):
        window = screen.open(screen_ctx)

The data set is stored through the operations of ``app.services``, as the face stores it: a
JOKO person with a reviewed support plan (version 2 open, printouts of both versions), contact
notes, manual and generated follow-ups, consents (one withdrawn); a minor in
Ausbildungsmanagement with a plan, notes, follow-ups and consents; an exited JOKO person; the
office settings filled in. ``screen_context(qtbot, lotse)`` stores it into the given Lotse;
the fixture ``screen_ctx`` gives each test a copy of a data location built that way once per
run. Either way the QApplication is set up like the program's (German Qt texts, DejaVu font,
stylesheet).

Each ``open`` shows its window the way the program does, but without ``exec()``: made, shown
and activated (``tests.ui.helpers.show``; application-modal where the program runs it
modally), the tab, page or mode chosen, lazy parts built (the record's panels, the pages of
the main window), a PDF preview rendered and painted. qtbot closes the window at teardown
without any question (hidden first, as ``helpers.show`` does). The offscreen screen is
800×800, so windows that fit themselves to the screen (the record editor) open at their
minimum size. Message boxes are Qt's own; the few in the catalogue are made from the
arguments the program passes to ``QMessageBox.warning`` / ``critical``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app.bootstrap import Lotse, bootstrap
from app.db import keys
from app.i18n import _
from app.paths import DataPaths
from app.services.consents import ConsentInput, add_consent, consents_of, withdraw_consent
from app.services.contact_notes import NoteInput, add_note, notes_of
from app.services.follow_ups import create_follow_up, set_done
from app.services.participants import ExitData, exit_participant, get_participant
from app.services.settings import load_settings, save_settings
from app.services.support_plans.common import get_plan, goals_of
from app.services.support_plans.document import plan_document_data
from app.services.support_plans.editing import GoalInput, PlanInput, StepInput
from app.services.support_plans.prints import archive_print
from app.services.support_plans.review import review_plan
from app.services.support_plans.signatures import SignatureInput, record_signatures
from app.vocab import (
    AccessRoute,
    ConsentPurpose,
    ContactKind,
    DrivingLicenceClass,
    DropoutRisk,
    EmploymentStatusAtEntry,
    ExitOutcome,
    ExitReason,
    Gender,
    GermanLevel,
    GermanProofKind,
    GoalResult,
    GoalStatus,
    HousingSituation,
    IntegrationCourseStatus,
    Program,
    ResidenceStatus,
    RiskFactor,
    SchoolForm,
    SchoolLevel,
    StepStatus,
    SupportNeedArea,
    VocationalLevel,
    WorkingTimePreference,
    YesNoUnknown,
)
from tests.conftest import EXAMPLE_SETTINGS
from tests.locations import CHEAP_COST, copy_location
from tests.services.helpers import add_person, new_plan, run, store_plan
from ui.about_dialog import AboutDialog
from ui.main_window import (
    COURSES,
    FOLLOW_UPS,
    JOB_OFFERS,
    ORGANIZATIONS,
    OVERVIEW,
    PAGES,
    PARTICIPANTS,
    REPORTS,
    SETTINGS,
    MainWindow,
)
from ui.mnemonics import plain
from ui.operations import Operations
from ui.pages.courses_page import CoursesPage
from ui.pages.follow_ups_page import FollowUpsPage
from ui.pages.job_offers_page import JobOffersPage
from ui.pages.organizations_page import OrganizationsPage
from ui.pages.overview import OverviewPage
from ui.pages.participants_page import ParticipantsPage
from ui.pages.reports_page import ReportsPage
from ui.pages.settings_page import SettingsPage
from ui.participant.consents_panel import ConsentDialog, ConsentsPanel, WithdrawDialog
from ui.participant.courses_panel import CoursesPanel
from ui.participant.editor import ParticipantEditor
from ui.participant.exit_dialog import ExitDialog
from ui.participant.follow_ups_panel import FollowUpDialog, FollowUpsPanel
from ui.participant.matching_panel import MatchingPanel
from ui.participant.needs_panel import NeedsAssessmentPanel
from ui.participant.note_dialog import NoteDialog, QuickNoteDialog
from ui.participant.notes_panel import NotesPanel
from ui.participant.participant_chooser import ParticipantChooser
from ui.participant.placements_panel import PlacementsPanel
from ui.participant.training_panel import TrainingProgressPanel
from ui.plan.document_dialog import DocumentDialog
from ui.plan.pdf_preview import PdfPreview
from ui.plan.plan_panel import PlanPanel
from ui.plan.print_dialog import PlanPrintDialog, file_name_part
from ui.plan.review_dialog import ReviewDialog
from ui.plan.signatures_dialog import SignaturesDialog
from ui.plan.versions import VersionsBox
from ui.security.backups_dialog import BackupsDialog
from ui.security.passphrase_dialog import NewPassphraseDialog
from ui.security.recovery_key_dialog import RecoveryKeyDialog
from ui.security.session_lock import LockOverlay, SessionLock
from ui.security.unlock_dialog import UnlockDialog
from ui.settings_dialog import SettingsDialog
from ui.unlocking import unlock_key

WAIT_MS = 10_000  # rendering a PDF preview on its worker
EXAMPLE_RECOVERY_KEY = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"  # made up, for the look

# The record editor's tabs as the user sees them (German), per Förderbereich.
FORM_TABS = ("Stammdaten", "ESF+ Eintritt")
PANEL_TABS = ("Vermittlung", "Austritt", "Kontaktverlauf", "Wiedervorlagen", "Einwilligungen")
EDITOR_TABS: dict[Program, tuple[str, ...]] = {
    Program.JOKO: (
        *FORM_TABS,
        "JOKO",
        "Förderplan",
        "Passende Stellen",
        "Kurse & Maßnahmen",
        *PANEL_TABS,
    ),
    Program.TRAINING: (
        *FORM_TABS,
        "Ausbildung",
        "Ausbildungsverlauf",
        "Förderbedarf",
        "Förderplan",
        "Kurse & Maßnahmen",
        *PANEL_TABS,
    ),
}
# What each tab holds beyond the form (for ``Screen.covers``).
TAB_WIDGETS: dict[str, tuple[type, ...]] = {
    "Förderplan": (PlanPanel, VersionsBox),
    "Vermittlung": (PlacementsPanel,),
    "Kurse & Maßnahmen": (CoursesPanel,),
    "Ausbildungsverlauf": (TrainingProgressPanel,),
    "Förderbedarf": (NeedsAssessmentPanel,),
    "Passende Stellen": (MatchingPanel,),
    "Kontaktverlauf": (NotesPanel,),
    "Wiedervorlagen": (FollowUpsPanel,),
    "Einwilligungen": (ConsentsPanel,),
}
PAGE_WIDGETS: dict[int, type] = {
    OVERVIEW: OverviewPage,
    PARTICIPANTS: ParticipantsPage,
    ORGANIZATIONS: OrganizationsPage,
    JOB_OFFERS: JobOffersPage,
    COURSES: CoursesPage,
    FOLLOW_UPS: FollowUpsPage,
    REPORTS: ReportsPage,
    SETTINGS: SettingsPage,
}


@dataclass(frozen=True)
class Screen:
    name: str  # e.g. "editor/joko/Stammdaten", "main/Teilnehmende", "dialog/quick_note"
    open: Callable[[ScreenContext], QWidget]  # the shown, active top-level window
    covers: tuple[type, ...] = ()  # the ui classes (windows, dialogs, pages, panels) it shows
    # where Tab must stay (the lock overlay over a window), if not the whole window
    focus_area: Callable[[QWidget], QWidget] | None = None

    def __str__(self) -> str:
        return self.name


def screen_id(screen: Screen) -> str:
    """For ``pytest.mark.parametrize(..., ids=screen_id)``."""
    return screen.name


@dataclass
class ScreenData:
    """The ids of the data set (``build_data``)."""

    joko_id: int  # Ayşe Şahin: active, complete ESF+ data, JOKO details
    joko_plan_id: int  # her open support plan, version 2 (draft, goals and steps)
    joko_closed_plan_id: int  # version 1: signed, printed, reviewed, closed
    joko_print_id: int  # an archived printout of version 1
    training_id: int  # Łukasz Nowak: 17 years old, Ausbildungsmanagement
    training_plan_id: int  # his open plan, version 1 (draft)
    exited_id: int  # Omar Haddad: JOKO, exited five weeks ago, outcome recorded


@dataclass
class ScreenContext(ScreenData):
    """The data the screens show (ids), and how to show a window the program's way."""

    qtbot: Any = None
    lotse: Lotse = None  # type: ignore[assignment]
    ops: Operations = None  # type: ignore[assignment]

    @classmethod
    def of(cls, qtbot: Any, lotse: Lotse, data: ScreenData) -> ScreenContext:
        return cls(**asdict(data), qtbot=qtbot, lotse=lotse, ops=Operations(lotse))

    def person_id(self, person: str) -> int:
        return {"joko": self.joko_id, "training": self.training_id, "exited": self.exited_id}[
            person
        ]

    # -- showing ----------------------------------------------------------------------------

    def show[W: QWidget](
        self, widget: W, *, modal: bool = False, before_close: Callable[[W], None] | None = None
    ) -> W:
        """Show and activate as ``exec()`` would (``modal``: application-modal, as exec makes
        it), without its event loop; closed by qtbot at teardown without questions."""

        def close(shown: W) -> None:
            if before_close is not None:
                before_close(shown)
            shown.hide()  # a hidden dialog closes without asking (unsaved edits, unconfirmed key)

        self.qtbot.addWidget(widget, before_close_func=close)
        if modal and isinstance(widget, QDialog):
            widget.setModal(True)
        widget.show()
        widget.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
        settle()
        return widget

    def main_window(
        self, page: int, before_close: Callable[[MainWindow], None] | None = None
    ) -> MainWindow:
        window = self.show(MainWindow(self.lotse), before_close=before_close)
        window.show_page(page)
        settle()
        assert window.current_page() == page
        return window

    def editor(self, participant_id: int | None, tab: str, **kwargs: Any) -> ParticipantEditor:
        """The record editor as the program opens it, with ``tab`` chosen (its panel built)."""
        editor = self.show(
            ParticipantEditor(self.lotse, self.ops, participant_id, **kwargs), modal=True
        )
        choose_tab(editor, tab)
        return editor

    def dialog[D: QDialog](self, dialog: D) -> D:
        return self.show(dialog, modal=True)


def settle() -> None:
    """Let posted events run (layouts, show events that load data)."""
    for _round in range(3):
        QApplication.processEvents()


def choose_tab(editor: ParticipantEditor, tab: str) -> None:
    """Choose the tab named ``tab`` as a click would; its panel is built on first choice."""
    names = [plain(editor.tabs.tabText(index)) for index in range(editor.tabs.count())]
    assert tab in names, f"no tab {tab!r} in the editor; its tabs: {names}"
    index = names.index(tab)
    assert editor.tabs.isTabEnabled(index), f"the tab {tab!r} is disabled"
    editor.tabs.setCurrentIndex(index)
    settle()


def _program_app() -> None:
    """Translations of Qt's own texts, the font and the stylesheet, as the program has them."""
    from ui.app import application

    application()


# -- the data, through the operations ---------------------------------------------------------


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute)).astimezone().astimezone(UTC)


def _notes(lotse: Lotse, participant_id: int, today: date, interpreter: str) -> None:
    for days, kind, topics, content, agreements in (
        (
            40,
            ContactKind.IN_PERSON,
            "Erstgespräch, Aufenthalt",
            "Erstgespräch im Büro. Unterlagen zum Aufenthalt gesichtet, Datenschutzhinweise "
            "ausgehändigt und erklärt.",
            "Zeugnisse zum nächsten Termin mitbringen.",
        ),
        (
            12,
            ContactKind.PHONE,
            "Sprachkurs",
            "Rückruf wegen des Sprachkurses: Anmeldung bei der Volkshochschule ist erfolgt.",
            "",
        ),
        (
            2,
            ContactKind.COMPANY_VISIT,
            "Praktikum, Bewerbung",
            "Besuch im Betrieb mit Frau Krüger (Ausbildungsleitung). Ein Praktikum ab dem "
            "nächsten Monat ist möglich; die Bewerbung geht diese Woche hinaus.",
            "Bewerbung bis Freitag senden; Rückmeldung an die Koordinatorin.",
        ),
    ):
        run(
            lotse,
            add_note,
            participant_id,
            NoteInput(
                occurred_at=_at(today - timedelta(days=days), 10, 30),
                kind=kind,
                content=content,
                duration_minutes=45 if kind != ContactKind.PHONE else 10,
                topics=topics,
                agreements=agreements,
                interpreter=days == 40,
                interpreter_language=interpreter if days == 40 else "",
            ),
        )


def _follow_ups(lotse: Lotse, participant_id: int, today: date, what: str) -> None:
    made = []
    for days, title, note in (
        (-3, f"Unterlagen {what} nachfragen", "Kopien für die Akte."),
        (0, "Rückruf Jobcenter", ""),
        (4, "Bewerbung besprechen", "Anschreiben und Lebenslauf durchsehen."),
        (16, "Termin Kompetenzfeststellung", ""),
        (-20, "Anmeldung Sprachkurs prüfen", ""),
    ):
        changes = run(
            lotse,
            create_follow_up,
            due_date=today + timedelta(days=days),
            title=title,
            participant_id=participant_id,
            note=note,
        )
        made.append(changes.created)
    run(lotse, set_done, made[-1], True)  # one done: history


def _consents(lotse: Lotse, participant_id: int, today: date, guardian: str) -> None:
    for purpose, recipient in (
        (ConsentPurpose.COUNSELLING, "Landkreis Harz, Fachdienst Arbeit"),
        (ConsentPurpose.SHARE_JOB_CENTER, "Jobcenter Harz"),
        (ConsentPurpose.MESSENGER, "Messenger (Signal)"),
    ):
        run(
            lotse,
            add_consent,
            participant_id,
            ConsentInput(purpose, recipient, today - timedelta(days=40), "2026-01", guardian),
        )
    rows = consents_of(lotse.reads, participant_id)
    withdrawn = next(row for row in rows if row.purpose == ConsentPurpose.MESSENGER)
    run(lotse, withdraw_consent, withdrawn.id, today - timedelta(days=5))


def _plan(lotse: Lotse, participant_id: int, today: date, aim: str) -> int:
    plan_id = new_plan(lotse, participant_id)
    store_plan(
        lotse,
        plan_id,
        texts=PlanInput(
            situation="Seit 2023 in Deutschland, wohnt mit der Familie in Halle (Saale).",
            strengths="Zuverlässig, motiviert, Erfahrung im Verkauf.",
            needs="Sprache: Deutsch auf B1 bringen.\nBerufliche Orientierung.",
            overall_aim=aim,
            agreements="Termine werden spätestens einen Tag vorher abgesagt.",
            involved="Jobcenter Harz, Volkshochschule",
            next_review_on=today + timedelta(days=60),
            place="Halle (Saale)",
        ),
        goals=[
            GoalInput(
                "Deutsch B1",
                "Zertifikat liegt vor",
                today + timedelta(days=120),
                GoalStatus.IN_PROGRESS,
            ),
            GoalInput(
                "Praktikum im Wunschberuf",
                "Praktikumsvertrag unterschrieben",
                today + timedelta(days=45),
            ),
        ],
        steps=[
            StepInput(
                "Zum Integrationskurs anmelden",
                "Teilnehmerin",
                today + timedelta(days=7),
                StepStatus.IN_PROGRESS,
                0,
            ),
            StepInput(
                "Drei Betriebe anschreiben", "Koordinatorin", today + timedelta(days=14), goal=1
            ),
            StepInput("Lebenslauf überarbeiten", "Teilnehmerin", today + timedelta(days=10)),
        ],
    )
    return plan_id


def build_data(lotse: Lotse) -> ScreenData:
    """Store the data set through the operations (see the module's description)."""
    today = date.today()
    with lotse.unit_of_work() as uow:
        save_settings(uow, EXAMPLE_SETTINGS)
    entry = today - timedelta(days=60)
    core: dict[str, Any] = {
        "postal_code": "06108",
        "city": "Halle (Saale)",
        "disability": YesNoUnknown.NOT_STATED,
        "entry_date": entry,
        "privacy_notice_given_on": entry,
    }
    joko_id = add_person(
        lotse,
        "Şahin",
        "Ayşe",
        program=Program.JOKO,
        esf_number="L-2026-017",
        birth_date=date(1991, 5, 17),
        gender=Gender.FEMALE,
        street="Große Ulrichstraße 12",
        phone="0345 1234567",
        email="ayse.sahin@example.org",
        nationalities=["TR", "SY"],
        birth_country="SY",
        first_languages=["ar", "tr"],
        interpreter_needed=True,
        interpreter_language="Arabisch",
        employment_status_at_entry=EmploymentStatusAtEntry.LONG_TERM_UNEMPLOYED,
        unemployed_since=date(2024, 2, 1),
        school_level=SchoolLevel.INTERMEDIATE,
        vocational_level=VocationalLevel.NONE,
        qualification_abroad=True,
        receives_sgb2=True,
        housing_situation=HousingSituation.OWN_FLAT,
        rural_area=False,
        foreign_background=YesNoUnknown.YES,
        minority=YesNoUnknown.NOT_STATED,
        residence_status=ResidenceStatus.S25_3,
        residence_title_valid_until=today + timedelta(days=75),  # a generated follow-up
        employment_permitted=True,
        residence_requirement=True,
        residence_requirement_place="Halle (Saale)",
        arrived_in_germany_on=date(2023, 4, 3),
        job_center_customer_number="123D456789",
        benefit_community_number="12345BG0012345",
        sgb2_proven_on=entry,
        cooperation_plan_on=entry,
        cooperation_plan_next_update_on=today + timedelta(days=30),
        german_level=GermanLevel.A2,
        german_proof=GermanProofKind.DTZ,
        german_proof_on=date(2025, 6, 20),
        literacy_need=False,
        integration_course_status=IntegrationCourseStatus.ATTENDING,
        target_occupations=["Verkäuferin", "Kauffrau im Einzelhandel"],
        working_time_preference=WorkingTimePreference.PART_TIME,
        mobility_radius_km=25,
        driving_licences=[DrivingLicenceClass.B.value],
        care_responsibility=True,
        placement_barriers="Kinderbetreuung nur bis 14 Uhr gesichert.",
        notes="Bevorzugt Termine am Vormittag.",
        **core,
    )
    training_id = add_person(
        lotse,
        "Nowak",
        "Łukasz",
        program=Program.TRAINING,
        birth_date=date(today.year - 17, 1, 15),
        gender=Gender.MALE,
        nationalities=["PL"],
        birth_country="PL",
        first_languages=["pl"],
        employment_status_at_entry=EmploymentStatusAtEntry.INACTIVE_IN_EDUCATION,
        school_level=SchoolLevel.LOWER_SECONDARY,
        vocational_level=VocationalLevel.NONE,
        housing_situation=HousingSituation.WITH_FAMILY,
        school_form=SchoolForm.PART_TIME_VOCATIONAL,
        school_class="KFZ-1b",
        school_year="2026/27",
        apprenticeship_occupation="Kfz-Mechatroniker",
        apprenticeship_year=1,
        apprenticeship_start=date(today.year - 1, 9, 1),
        apprenticeship_end=date(today.year + 2, 8, 31),
        contract_registered=True,
        absence_hours=24,
        unexcused_absence_hours=6,
        absence_as_of=today - timedelta(days=7),
        performance="Praxis gut, Berufsschule Mathematik schwach.",
        dropout_risk=DropoutRisk.MEDIUM,
        risk_factors=[RiskFactor.ABSENCES.value, RiskFactor.PERFORMANCE.value],
        support_need_assessed_on=entry,
        support_need_areas=[SupportNeedArea.SUBJECT.value, SupportNeedArea.LANGUAGE.value],
        access_route=AccessRoute.TEACHER,
        other_support_services="Ausbildungsbegleitende Hilfen (abH) beantragt.",
        **core,
    )
    exited_id = add_person(
        lotse,
        "Haddad",
        "Omar",
        program=Program.JOKO,
        birth_date=date(1988, 11, 2),
        gender=Gender.MALE,
        nationalities=["AF"],
        employment_status_at_entry=EmploymentStatusAtEntry.UNEMPLOYED,
        school_level=SchoolLevel.LOWER_SECONDARY,
        vocational_level=VocationalLevel.PARTIAL,
        housing_situation=HousingSituation.SHARED_FLAT,
        residence_status=ResidenceStatus.S25_1_2,
        **(core | {"entry_date": today - timedelta(days=240)}),
    )
    run(
        lotse,
        exit_participant,
        exited_id,
        ExitData(
            exit_date=today - timedelta(days=35),
            reason=ExitReason.GOAL_REACHED,
            outcome=ExitOutcome.EMPLOYED_SOCIAL_INSURANCE,
            outcome_on=today - timedelta(days=30),
            qualification_gained=False,
        ),
    )

    _notes(lotse, joko_id, today, "Arabisch")
    _notes(lotse, training_id, today, "Polnisch")
    _follow_ups(lotse, joko_id, today, "Aufenthalt")
    _follow_ups(lotse, training_id, today, "Berufsschule")
    _consents(lotse, joko_id, today, "")
    _consents(lotse, training_id, today, "Anna Nowak (Mutter)")

    first = _plan(lotse, joko_id, today, "Sozialversicherungspflichtige Teilzeitstelle im Verkauf")
    signed = today - timedelta(days=30)
    run(
        lotse,
        record_signatures,
        first,
        SignatureInput(participant_signed_on=signed, coordinator_signed_on=signed),
    )
    printed = run(lotse, archive_print, first, _plan_pdf(lotse, first), "de").created
    with lotse.reading() as uow:
        goals = goals_of(uow, first)
    results = {goal.id: (GoalResult.PARTLY, "Kurs läuft noch") for goal in goals if goal.id}
    second = run(lotse, review_plan, first, results, "Gutes Gespräch, Ziele angepasst.").created
    assert printed is not None and second is not None
    run(lotse, archive_print, second, _plan_pdf(lotse, second), "de")
    return ScreenData(
        joko_id=joko_id,
        joko_plan_id=second,
        joko_closed_plan_id=first,
        joko_print_id=printed,
        training_id=training_id,
        training_plan_id=_plan(lotse, training_id, today, "Ausbildung erfolgreich abschließen"),
        exited_id=exited_id,
    )


_RENDERED: dict[tuple[str, int], bytes] = {}


def _plan_pdf(lotse: Lotse, plan_id: int) -> bytes:
    """The support plan rendered in German, to archive as printed. Every data set built in a
    run is the same, so each version is rendered once (rendering takes a moment)."""
    with lotse.reading() as uow:
        plan = get_plan(uow, plan_id)
        key = (get_participant(uow, plan.participant_id).last_name, plan.version)
        if key not in _RENDERED:
            from app.reports.support_plan import render_support_plan

            data, settings = plan_document_data(uow, plan_id), load_settings(uow)
            _RENDERED[key] = render_support_plan(data, settings)
    return _RENDERED[key]


def screen_context(qtbot: Any, lotse: Lotse) -> ScreenContext:
    """The QApplication set up as the program's, and the data stored into ``lotse``."""
    _program_app()
    return ScreenContext.of(qtbot, lotse, build_data(lotse))


@pytest.fixture(scope="session")
def screens_template(
    tmp_path_factory: pytest.TempPathFactory, migrated_template: DataPaths, template_key: bytes
) -> tuple[DataPaths, ScreenData]:
    """The data set built once per run (the same operations as ``screen_context``); each test
    gets a copy of the file (saves about a second per screen)."""
    root = tmp_path_factory.mktemp("screens")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "DEFAULT_COST", CHEAP_COST)
        lotse = bootstrap(copy_location(migrated_template, root / "data"), key=template_key)
        try:
            data = build_data(lotse)
        finally:
            lotse.close()
    return lotse.paths, data


@pytest.fixture
def screen_ctx(
    qtbot, data_dir: Path, screens_template: tuple[DataPaths, ScreenData], template_key: bytes
) -> Iterator[ScreenContext]:
    """The fixture for screen tests: like ``screen_context(qtbot, lotse)``, from a copy of the
    data set built once (import it into the test module together with SCREENS)."""
    _program_app()
    template, data = screens_template
    lotse = bootstrap(copy_location(template, data_dir), key=template_key)
    yield ScreenContext.of(qtbot, lotse, data)
    lotse.close()


# -- message boxes: the program's own arguments, shown without exec() -------------------------


@contextmanager
def box_arguments(kind: str) -> Iterator[list[tuple[Any, ...]]]:
    """Note the calls of the static ``QMessageBox.<kind>`` instead of showing them."""
    calls: list[tuple[Any, ...]] = []

    def note(parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        calls.append((parent, title, text, *args))
        return QMessageBox.StandardButton.Ok

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QMessageBox, kind, note)
        yield calls


def message_box(ctx: ScreenContext, icon: QMessageBox.Icon, call: tuple[Any, ...]) -> QMessageBox:
    """The box the static function would make for ``call`` (parent, title, text, buttons)."""
    parent, title, text, *rest = call
    buttons = rest[0] if rest else QMessageBox.StandardButton.Ok
    box = QMessageBox(icon, title, text, buttons, parent)
    return ctx.dialog(box)


# -- the screens ------------------------------------------------------------------------------


def open_main(ctx: ScreenContext, page: int) -> QWidget:
    return ctx.main_window(page)


def open_participant_search(ctx: ScreenContext) -> QWidget:
    """The list after a search for a word only the contact notes hold (column Fundstelle)."""
    window = ctx.main_window(PARTICIPANTS)
    page = window.participants_page
    page.focus_search()
    ctx.qtbot.keyClicks(page.search, "praktikum")
    page.refresh()  # what the search timer would do (stops it)
    settle()
    assert page.row_count() > 0
    return window


def open_editor(ctx: ScreenContext, person: str, tab: str) -> QWidget:
    return ctx.editor(ctx.person_id(person), tab)


def open_new_record(ctx: ScreenContext) -> QWidget:
    """Ctrl+N with both Förderbereiche in the settings: the programme is chosen first."""
    programs = load_settings(ctx.lotse.reads).programs
    only = next(iter(programs)) if len(programs) == 1 else None
    return ctx.editor(None, "Stammdaten", program=only)


def open_new_note(ctx: ScreenContext) -> QWidget:
    return ctx.dialog(NoteDialog(ctx.lotse, ctx.ops, ctx.joko_id))


def open_edit_note(ctx: ScreenContext) -> QWidget:
    note = notes_of(ctx.lotse.reads, ctx.joko_id)[0]
    return ctx.dialog(NoteDialog(ctx.lotse, ctx.ops, ctx.joko_id, note))


def open_quick_note(ctx: ScreenContext) -> QWidget:
    """Ctrl+K in the list with a person chosen there: the note is for that person."""
    return ctx.dialog(QuickNoteDialog(ctx.lotse, ctx.ops, ctx.joko_id))


def open_quick_note_chooser(ctx: ScreenContext, typed: str) -> QWidget:
    """Ctrl+K elsewhere: the participant chooser first; ``typed`` into it (hits listed)."""
    dialog = ctx.dialog(QuickNoteDialog(ctx.lotse, ctx.ops, None))
    if typed:
        assert dialog.chooser is not None
        ctx.qtbot.keyClicks(dialog.chooser.search, typed)
        settle()
        assert dialog.chooser.hits.isVisible()
    return dialog


def open_exit(ctx: ScreenContext) -> QWidget:
    return ctx.dialog(ExitDialog(ctx.lotse, ctx.ops, ctx.joko_id))


def open_new_follow_up(ctx: ScreenContext) -> QWidget:
    return ctx.dialog(FollowUpDialog(ctx.lotse, ctx.ops, ctx.joko_id))


def open_new_consent(ctx: ScreenContext) -> QWidget:
    return ctx.dialog(ConsentDialog(ctx.lotse, ctx.ops, ctx.training_id))


def open_withdraw(ctx: ScreenContext) -> QWidget:
    row = next(r for r in consents_of(ctx.lotse.reads, ctx.joko_id) if not r.withdrawn)
    return ctx.dialog(WithdrawDialog(ctx.lotse, ctx.ops, ctx.joko_id, row))


def open_settings(ctx: ScreenContext, first_start: bool) -> QWidget:
    dialog = SettingsDialog(ctx.lotse, ctx.ops, first_start=first_start)
    if first_start:
        from app.models.office_settings import OfficeSettings

        dialog.set_settings(OfficeSettings())  # nothing entered yet at the first start
    return ctx.dialog(dialog)


def open_about(ctx: ScreenContext) -> QWidget:
    return ctx.dialog(AboutDialog(ctx.lotse.paths))


def open_review(ctx: ScreenContext) -> QWidget:
    return ctx.dialog(ReviewDialog(ctx.lotse, ctx.ops, ctx.joko_plan_id))


def open_signatures(ctx: ScreenContext, person: str) -> QWidget:
    plan_id = ctx.joko_plan_id if person == "joko" else ctx.training_plan_id
    return ctx.dialog(SignaturesDialog(ctx.lotse, ctx.ops, plan_id))


def pages_painted(preview: PdfPreview) -> bool:
    """Whether the preview shows page content: QPdfView renders the pages on its own thread
    after the document loaded, so an empty white view is not ready yet."""
    image = preview.view.viewport().grab().toImage()
    step = max(1, min(image.width(), image.height()) // 60)
    return any(
        QColor(image.pixel(x, y)).lightness() < 160
        for x in range(image.width() // 8, image.width() * 7 // 8, step)
        for y in range(0, image.height(), step)
    )


def wait_for_preview(ctx: ScreenContext, preview: PdfPreview) -> None:
    ctx.qtbot.waitUntil(lambda: pages_painted(preview), timeout=WAIT_MS)
    settle()


def _wait_for_plan(ctx: ScreenContext, dialog: PlanPrintDialog) -> None:
    ctx.qtbot.waitUntil(lambda: dialog.pdf() is not None, timeout=WAIT_MS)
    dialog.wait_for_work()
    wait_for_preview(ctx, dialog.preview)


def open_print(ctx: ScreenContext) -> QWidget:
    """Ctrl+P in the record: the preview rendered on its worker (waited for)."""
    dialog = ctx.dialog(PlanPrintDialog(ctx.lotse, ctx.ops, ctx.joko_plan_id))
    _wait_for_plan(ctx, dialog)
    return dialog


def open_printout(ctx: ScreenContext) -> QWidget:
    """ "Ausdruck öffnen…" under Versionen und Ausdrucke: an archived printout as it was."""
    dialog = PlanPrintDialog(
        ctx.lotse, ctx.ops, ctx.joko_closed_plan_id, print_id=ctx.joko_print_id
    )
    dialog = ctx.dialog(dialog)
    _wait_for_plan(ctx, dialog)
    return dialog


def open_document(ctx: ScreenContext, which: str) -> QWidget:
    """Stammblatt… or Datenschutzhinweise… at the bottom of the record (as the editor makes
    them: ``ParticipantEditor.show_master_sheet`` / ``show_privacy_notice``)."""
    from app.reports.master_sheet import render_master_sheet
    from app.reports.privacy_notice import render_privacy_notice

    with ctx.lotse.reading() as uow:
        person, settings = get_participant(uow, ctx.joko_id), load_settings(uow)
    if which == "Stammblatt":
        title = _("Stammblatt – {name}").format(name=person.full_name)
        render = partial(render_master_sheet, person, settings)
        name = f"Stammblatt_{file_name_part(person.last_name)}_{date.today().isoformat()}.pdf"
    else:
        title = _("Privacy information – {name}").format(name=person.full_name)
        render = partial(
            render_privacy_notice,
            settings,
            participant_name=person.full_name,
            program=person.program,
        )
        name = f"Datenschutzhinweise_{file_name_part(person.last_name)}.pdf"
    dialog = ctx.dialog(DocumentDialog(title, render, name))
    ctx.qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=WAIT_MS)
    dialog._pool.waitForDone()
    wait_for_preview(ctx, dialog.preview)
    return dialog


def open_backups(ctx: ScreenContext) -> QWidget:
    """Einstellungen → Sicherungen…, with a backup made by hand in the list."""
    ctx.lotse.database.backup("manual", None)
    return ctx.dialog(BackupsDialog(ctx.lotse))


def open_unlock(ctx: ScreenContext, recovery: bool) -> QWidget:
    paths = ctx.lotse.paths
    dialog = UnlockDialog(
        str(paths.root),
        lambda passphrase: unlock_key(paths, passphrase),
        lambda recovery_key: keys.unlock_with_recovery_key(paths.key_file, recovery_key),
    )
    dialog = ctx.dialog(dialog)
    if recovery:
        dialog.set_recovery_mode(True)  # "Wiederherstellungsschlüssel verwenden…"
        settle()
    return dialog


def open_new_passphrase(ctx: ScreenContext, mode: str) -> QWidget:
    key_file = ctx.lotse.paths.key_file
    if mode == "first_start":
        dialog = NewPassphraseDialog(keys.assess_passphrase, first_start=True)
    elif mode == "change":  # Einstellungen → Passphrase ändern…
        dialog = NewPassphraseDialog(
            keys.assess_passphrase,
            first_start=False,
            verify_current=lambda passphrase: keys.verify_passphrase(key_file, passphrase),
        )
    else:  # opened with the recovery key (ui.unlocking._new_passphrase_after_recovery)
        dialog = NewPassphraseDialog(keys.assess_passphrase, first_start=False)
        dialog.setWindowTitle(_("Choose a new passphrase"))
    return ctx.dialog(dialog)


def open_recovery_key(ctx: ScreenContext) -> QWidget:
    return ctx.dialog(RecoveryKeyDialog(EXAMPLE_RECOVERY_KEY, str(ctx.lotse.paths.root)))


def open_error_report(ctx: ScreenContext) -> QWidget:
    """An unexpected error over the main window: the box ``ui.error_report`` shows."""
    from ui import error_report

    window = ctx.main_window(OVERVIEW)
    previous = error_report.install(ctx.lotse.paths.root, ctx.lotse.paths.database)
    try:
        with box_arguments("critical") as calls:
            try:
                raise RuntimeError("Beispiel: ein unerwarteter Fehler")
            except RuntimeError as error:
                sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = previous
    assert len(calls) == 1
    assert calls[0][0] is window
    return message_box(ctx, QMessageBox.Icon.Critical, calls[0])


def open_check_entries(ctx: ScreenContext) -> QWidget:
    """Saving a record with a wrong entry: the one message naming every wrong field."""
    editor = ctx.editor(ctx.joko_id, "Stammdaten")
    editor.set_field("last_name", "")
    editor.set_field("postal_code", "6108")
    with box_arguments("warning") as calls:
        assert not editor.save()
    assert len(calls) == 1
    return message_box(ctx, QMessageBox.Icon.Warning, calls[0])


def shown_overlay(window: QWidget) -> QWidget:
    (overlay,) = [o for o in window.findChildren(LockOverlay) if o.isVisible()]
    return overlay


def open_locked(ctx: ScreenContext) -> QWidget:
    """Ctrl+L: the main window covered by the lock overlay, which asks for the passphrase."""
    key_file = ctx.lotse.paths.key_file

    def stop_watching(_window: QWidget) -> None:
        session_lock.uninstall()  # the overlay goes with the window

    window = ctx.main_window(PARTICIPANTS, before_close=stop_watching)
    session_lock = SessionLock(
        lambda passphrase: keys.verify_passphrase(key_file, passphrase), 0, parent=window
    )
    session_lock.install()
    session_lock.lock()
    settle()
    assert session_lock.locked
    return window


def _editor_screens(person: str, program: Program) -> list[Screen]:
    return [
        Screen(
            f"editor/{person}/{tab}",
            partial(open_editor, person=person, tab=tab),
            (ParticipantEditor, *TAB_WIDGETS.get(tab, ())),
        )
        for tab in EDITOR_TABS[program]
    ]


SCREENS: list[Screen] = [
    *(
        Screen(
            f"main/{_(spec.title)}",
            partial(open_main, page=index),
            (MainWindow, PAGE_WIDGETS[index]),
        )
        for index, spec in enumerate(PAGES)
    ),
    Screen("main/Teilnehmende/Suche", open_participant_search, (MainWindow, ParticipantsPage)),
    *_editor_screens("joko", Program.JOKO),
    *_editor_screens("training", Program.TRAINING),
    Screen(
        "editor/joko-ausgetreten/Austritt",
        partial(open_editor, person="exited", tab="Austritt"),
        (ParticipantEditor,),
    ),
    Screen("editor/neu", open_new_record, (ParticipantEditor,)),
    Screen("dialog/note/neu", open_new_note, (NoteDialog,)),
    Screen("dialog/note/bearbeiten", open_edit_note, (NoteDialog,)),
    Screen("dialog/quick_note", open_quick_note, (QuickNoteDialog,)),
    Screen(
        "dialog/quick_note/ohne_Person",
        partial(open_quick_note_chooser, typed=""),
        (QuickNoteDialog, ParticipantChooser),
    ),
    Screen(
        "dialog/quick_note/Personenwahl",
        partial(open_quick_note_chooser, typed="sahin"),
        (QuickNoteDialog, ParticipantChooser),
    ),
    Screen("dialog/exit", open_exit, (ExitDialog,)),
    Screen("dialog/follow_up", open_new_follow_up, (FollowUpDialog,)),
    Screen("dialog/consent", open_new_consent, (ConsentDialog,)),
    Screen("dialog/consent_withdraw", open_withdraw, (WithdrawDialog,)),
    Screen("dialog/settings", partial(open_settings, first_start=False), (SettingsDialog,)),
    Screen(
        "dialog/settings/first_start", partial(open_settings, first_start=True), (SettingsDialog,)
    ),
    Screen("dialog/about", open_about, (AboutDialog,)),
    Screen("dialog/plan_review", open_review, (ReviewDialog,)),
    Screen("dialog/plan_signatures", partial(open_signatures, person="joko"), (SignaturesDialog,)),
    Screen(
        "dialog/plan_signatures/minderjährig",
        partial(open_signatures, person="training"),
        (SignaturesDialog,),
    ),
    Screen("dialog/plan_print", open_print, (PlanPrintDialog, PdfPreview)),
    Screen("dialog/plan_printout", open_printout, (PlanPrintDialog, PdfPreview)),
    Screen(
        "dialog/document/Stammblatt",
        partial(open_document, which="Stammblatt"),
        (DocumentDialog, PdfPreview),
    ),
    Screen(
        "dialog/document/Datenschutzhinweise",
        partial(open_document, which="Datenschutzhinweise"),
        (DocumentDialog, PdfPreview),
    ),
    Screen("dialog/backups", open_backups, (BackupsDialog,)),
    Screen("dialog/unlock", partial(open_unlock, recovery=False), (UnlockDialog,)),
    Screen("dialog/unlock/recovery", partial(open_unlock, recovery=True), (UnlockDialog,)),
    Screen(
        "dialog/passphrase/first_start",
        partial(open_new_passphrase, mode="first_start"),
        (NewPassphraseDialog,),
    ),
    Screen(
        "dialog/passphrase/change",
        partial(open_new_passphrase, mode="change"),
        (NewPassphraseDialog,),
    ),
    Screen(
        "dialog/passphrase/after_recovery",
        partial(open_new_passphrase, mode="after_recovery"),
        (NewPassphraseDialog,),
    ),
    Screen("dialog/recovery_key", open_recovery_key, (RecoveryKeyDialog,)),
    Screen("message/error_report", open_error_report, ()),
    Screen("message/check_entries", open_check_entries, ()),
    Screen("lock/main", open_locked, (MainWindow, LockOverlay), focus_area=shown_overlay),
]


# -- Vermittlung (issue #17): the placements tab, its dialogs, employments at risk ------------


def _placement_data(ctx: ScreenContext) -> dict[str, int]:
    """Ayşe Şahin proposed for three offers: one at the interview, one refused, one with a
    contract (her employment, probation ending soon); a second person employed without any
    contact note. Stored through the operations; ids by name."""
    from app.models.jobs import JobOffer
    from app.models.organization import Organization
    from app.services.placements import advance_placement, propose_placement
    from app.vocab import PlacementStage as Stage

    today = date.today()
    offers: dict[str, int] = {}
    with ctx.lotse.unit_of_work() as uow:
        for title, employer, hours in (
            ("Pflegehelfer:in (m/w/d)", "Pflegedienst Sonnenschein", 30.0),
            ("Verkäufer:in Backwaren", "Bäckerei Müller", 25.0),
            ("Kassierer:in", "Frischemarkt Halle-Neustadt", 35.0),
        ):
            organization = Organization(name=employer, city="Halle (Saale)")
            uow.session.add(organization)
            uow.session.flush()
            offer = JobOffer(
                title=title,
                employer_id=organization.id,
                occupation=title.split(" (")[0],
                location="Halle (Saale)",
                hours_per_week=hours,
                social_insurance=True,
            )
            uow.session.add(offer)
            uow.session.flush()
            assert offer.id is not None
            offers[employer] = offer.id
        uow.commit()

    def placement(pid: int, employer: str, days_ago: int) -> int:
        made = run(ctx.lotse, propose_placement, pid, offers[employer], today - timedelta(days_ago))
        assert made.created is not None
        return made.created

    def step(placement_id: int, stage: Stage, days_ago: int, **kw: Any) -> Any:
        on = today - timedelta(days=days_ago)
        return run(ctx.lotse, advance_placement, placement_id, stage, on, **kw)

    pid = ctx.joko_id
    care = placement(pid, "Pflegedienst Sonnenschein", 20)
    step(care, Stage.APPLIED, 18)
    step(care, Stage.INTERVIEW, 3)
    bakery = placement(pid, "Bäckerei Müller", 40)
    step(bakery, Stage.APPLIED, 38)
    step(
        bakery,
        Stage.REJECTED,
        30,
        reason="Frühschicht ab 4 Uhr nicht mit der Kinderbetreuung vereinbar.",
    )
    market = placement(pid, "Frischemarkt Halle-Neustadt", 170)
    step(market, Stage.APPLIED, 168)
    step(market, Stage.TRIAL_WORK, 160)
    step(market, Stage.OFFER, 157)
    employment = step(market, Stage.CONTRACT, 155, probation_end=today + timedelta(days=20)).created
    other = add_person(ctx.lotse, "Haidari", "Farid", entry_date=today - timedelta(days=300))
    quiet = placement(other, "Pflegedienst Sonnenschein", 120)
    step(quiet, Stage.APPLIED, 119)
    step(quiet, Stage.OFFER, 110)
    step(quiet, Stage.CONTRACT, 100)
    return {"care": care, "bakery": bakery, "market": market, "employment": employment}


def _host(ctx: ScreenContext, title: str, content: QWidget) -> QDialog:
    """A dialog holding ``content`` (a tab not yet in the record editor, a page's part)."""
    from PySide6.QtWidgets import QVBoxLayout

    host = QDialog()
    host.setWindowTitle(title)
    layout = QVBoxLayout(host)
    layout.addWidget(content)
    host.resize(900, 620)
    return ctx.dialog(host)


def open_placements_tab(ctx: ScreenContext) -> QWidget:
    from ui.participant.placements_panel import PlacementsPanel

    _placement_data(ctx)
    panel = PlacementsPanel(ctx.lotse, ctx.ops, ctx.joko_id)
    return _host(ctx, "Vermittlung – Ayşe Şahin", panel)


def open_timeline_with_placements(ctx: ScreenContext) -> QWidget:
    _placement_data(ctx)
    return _host(ctx, "Kontaktverlauf – Ayşe Şahin", NotesPanel(ctx.lotse, ctx.ops, ctx.joko_id))


def open_employments_at_risk(ctx: ScreenContext) -> QWidget:
    from ui.pages.employments_at_risk import EmploymentsAtRisk

    _placement_data(ctx)
    return _host(ctx, "Gefährdete Beschäftigungen", EmploymentsAtRisk(ctx.lotse, ctx.ops))


def open_placement_dialog(ctx: ScreenContext, which: str) -> QWidget:
    from app.services.employments import employments_of
    from app.services.placements import placements_of_participant
    from ui.participant import placements_panel as tab

    ids = _placement_data(ctx)
    pid = ctx.joko_id
    rows = {row.id: row for row in placements_of_participant(ctx.lotse.reads, pid)}
    [job] = [row for row in employments_of(ctx.lotse.reads, pid) if row.id == ids["employment"]]
    dialogs: dict[str, Callable[[], QDialog]] = {
        "propose": lambda: tab.ProposeDialog(ctx.lotse, ctx.ops, ctx.training_id),
        "reject": lambda: tab.RejectDialog(ctx.lotse, ctx.ops, pid, rows[ids["care"]]),
        "contract": lambda: tab.ContractDialog(ctx.lotse, ctx.ops, pid, rows[ids["care"]]),
        "employment": lambda: tab.EmploymentDialog(ctx.lotse, ctx.ops, pid, job),
        "end": lambda: tab.EndEmploymentDialog(ctx.lotse, ctx.ops, pid, job),
    }
    return ctx.dialog(dialogs[which]())


def _placement_screens() -> list[Screen]:
    from ui.pages.employments_at_risk import EmploymentsAtRisk
    from ui.participant import placements_panel as tab

    dialogs = {
        "propose": tab.ProposeDialog,
        "reject": tab.RejectDialog,
        "contract": tab.ContractDialog,
        "employment": tab.EmploymentDialog,
        "end": tab.EndEmploymentDialog,
    }
    return [
        Screen("panel/Vermittlung", open_placements_tab, (tab.PlacementsPanel,)),
        Screen("panel/Kontaktverlauf+Vermittlung", open_timeline_with_placements, (NotesPanel,)),
        Screen("widget/employments_at_risk", open_employments_at_risk, (EmploymentsAtRisk,)),
        *(
            Screen(
                f"dialog/placement/{which}", partial(open_placement_dialog, which=which), (kind,)
            )
            for which, kind in dialogs.items()
        ),
    ]


SCREENS += _placement_screens()


# -- Organisationen (issue #17): the directory, the editor's tabs, its dialogs ----------------


def _organisation_data(ctx: ScreenContext) -> dict[str, int]:
    """A training company with two contact persons, contacts, follow-ups (one overdue), two
    job offers and Łukasz Nowak as its apprentice; its chamber. Ids by name."""
    from app.models.jobs import JobOffer
    from app.services.contact_notes import add_organization_note
    from app.services.organizations import (
        ContactInput,
        OrganizationInput,
        create_organization,
        get_organization,
    )
    from app.services.participant_record import save_record
    from app.vocab import (
        AcquisitionChannel,
        CooperationStatus,
        JobOfferStatus,
        OrganizationKind,
    )

    today = date.today()
    chamber = run(
        ctx.lotse,
        create_organization,
        OrganizationInput(
            "Handwerkskammer Halle (Saale)",
            kind=OrganizationKind.CHAMBER,
            postal_code="06108",
            city="Halle (Saale)",
        ),
    ).created
    bakery = run(
        ctx.lotse,
        create_organization,
        OrganizationInput(
            "Bäckerei Müller GmbH",
            kind=OrganizationKind.TRAINING_COMPANY,
            street="Große Ulrichstraße 5",
            postal_code="06108",
            city="Halle (Saale)",
            branch="Lebensmittelhandwerk",
            employees=14,
            betriebsnummer="01234567",
            chamber_id=chamber,
            first_contact_on=today - timedelta(days=200),
            acquisition_channel=AcquisitionChannel.VISIT,
            cooperation_status=CooperationStatus.ACTIVE,
            support_needs="Hilfe beim Antrag auf Eingliederungszuschuss.",
            phone="0345 123456",
            email="info@baeckerei-mueller.example",
            notes="Frühschicht ab 4 Uhr.",
            contacts=(
                ContactInput(
                    "Sabine Krüger", "Ausbildungsleitung", "0345 123457", "krueger@example.org"
                ),
                ContactInput("Jan Łukowski", "Inhaber", "0345 123458"),
            ),
        ),
    ).created
    assert chamber is not None and bakery is not None
    for days, kind, content in (
        (30, ContactKind.COMPANY_VISIT, "Betrieb besichtigt; zwei Ausbildungsplätze ab August."),
        (3, ContactKind.PHONE, "Rückfrage zum Praktikum von Herrn Nowak."),
    ):
        run(
            ctx.lotse,
            add_organization_note,
            bakery,
            NoteInput(_at(today - timedelta(days=days), 9, 15), kind, content, 30),
        )
    for days, title in ((-2, "Stellen für den Sommer nachfragen"), (10, "Besuch mit Herrn Nowak")):
        run(
            ctx.lotse,
            create_follow_up,
            due_date=today + timedelta(days=days),
            title=title,
            organization_id=bakery,
        )
    with ctx.lotse.unit_of_work() as uow:
        for title, status in (
            ("Verkäufer:in Backwaren", JobOfferStatus.OPEN),
            ("Bäcker:in (Ausbildung)", JobOfferStatus.FILLED),
        ):
            uow.session.add(
                JobOffer(
                    title=title,
                    employer_id=bakery,
                    occupation=title.split(" (")[0],
                    location="Halle (Saale)",
                    status=status,
                    start_on=today + timedelta(days=60),
                )
            )
        uow.commit()
    record = get_organization(ctx.lotse.reads, bakery)
    assert record is not None
    trainer = record.contacts[1].id  # Sabine Krüger (by name)
    run(
        ctx.lotse,
        save_record,
        ctx.training_id,
        {"training_company_id": bakery, "trainer_id": trainer, "chamber_id": chamber},
    )
    return {"bakery": bakery, "chamber": chamber}


ORGANISATION_TABS = {
    "Stammdaten": "master",
    "Ansprechpersonen": "contacts",
    "Kontaktverlauf": "notes",
    "Wiedervorlagen": "follow_ups",
    "Stellenangebote": "offers",
    "Teilnehmende": "participants",
}


def open_organisations_page(ctx: ScreenContext) -> QWidget:
    """The directory after typing a search (the main window's page, shown on its own)."""
    from ui.pages.organizations_page import OrganizationsPage

    _organisation_data(ctx)
    page = OrganizationsPage(_("Organizations"), ctx.lotse, ctx.ops)
    page.setWindowTitle(_("Organizations"))
    page.resize(1100, 640)
    page = ctx.show(page)
    page.focus_search()
    ctx.qtbot.keyClicks(page.search, "halle")
    page.refresh()  # what the search timer would do (stops it)
    settle()
    assert page.row_count() == 2
    return page


def open_organisation(ctx: ScreenContext, tab: str) -> QWidget:
    from ui.organization.editor import OrganizationEditor

    ids = _organisation_data(ctx)
    editor = ctx.dialog(OrganizationEditor(ctx.lotse, ctx.ops, ids["bakery"]))
    editor.choose_tab(ORGANISATION_TABS[tab])
    settle()
    return editor


def open_new_organisation(ctx: ScreenContext) -> QWidget:
    """A new organisation whose name and PLZ match one recorded: the line under the fields."""
    from ui.organization.editor import OrganizationEditor

    _organisation_data(ctx)
    editor = ctx.dialog(OrganizationEditor(ctx.lotse, ctx.ops, None))
    editor.field_widget("name").setText("Baeckerei Mueller GmbH")
    editor.field_widget("postal_code").setText("06108")
    editor.check_duplicates()
    settle()
    assert editor.duplicates.isVisible()
    return editor


def open_organisation_timeline_with_placements(ctx: ScreenContext) -> QWidget:
    """Kontaktverlauf of an employer whose offers have placement steps (``_placement_data``)."""
    from ui.organization.editor import OrganizationEditor

    _placement_data(ctx)
    (organization_id,) = ctx.lotse.reads.one(
        "SELECT id FROM organization WHERE name = 'Pflegedienst Sonnenschein'"
    )
    editor = ctx.dialog(OrganizationEditor(ctx.lotse, ctx.ops, organization_id))
    editor.choose_tab("notes")
    settle()
    return editor


def open_contact_person(ctx: ScreenContext) -> QWidget:
    from app.services.organizations import get_organization
    from ui.organization.dialogs import ContactPersonDialog

    record = get_organization(ctx.lotse.reads, _organisation_data(ctx)["bakery"])
    assert record is not None
    return ctx.dialog(ContactPersonDialog(record.contacts[1].as_input()))


def open_organisation_follow_up(ctx: ScreenContext) -> QWidget:
    from ui.organization.dialogs import OrganizationFollowUpDialog

    ids = _organisation_data(ctx)
    return ctx.dialog(OrganizationFollowUpDialog(ctx.lotse, ctx.ops, ids["bakery"]))


def open_organisation_note(ctx: ScreenContext) -> QWidget:
    ids = _organisation_data(ctx)
    return ctx.dialog(NoteDialog(ctx.lotse, ctx.ops, None, organization_id=ids["bakery"]))


def _organisation_screens() -> list[Screen]:
    from ui.organization import panels
    from ui.organization.dialogs import ContactPersonDialog, OrganizationFollowUpDialog
    from ui.organization.editor import OrganizationEditor
    from ui.pages.organizations_page import OrganizationsPage

    tab_panels: dict[str, tuple[type, ...]] = {
        "Kontaktverlauf": (panels.OrganizationNotesPanel,),
        "Wiedervorlagen": (panels.OrganizationFollowUpsPanel,),
        "Stellenangebote": (panels.OffersPanel,),
        "Teilnehmende": (panels.LinkedParticipantsPanel,),
    }
    return [
        Screen("page/Organisationen/Suche", open_organisations_page, (OrganizationsPage,)),
        *(
            Screen(
                f"organisation/{tab}",
                partial(open_organisation, tab=tab),
                (OrganizationEditor, *tab_panels.get(tab, ())),
            )
            for tab in ORGANISATION_TABS
        ),
        Screen("organisation/neu/Dublette", open_new_organisation, (OrganizationEditor,)),
        Screen(
            "organisation/Kontaktverlauf+Vermittlung",
            open_organisation_timeline_with_placements,
            (OrganizationEditor, panels.OrganizationNotesPanel),
        ),
        Screen("dialog/contact_person", open_contact_person, (ContactPersonDialog,)),
        Screen(
            "dialog/organisation_follow_up",
            open_organisation_follow_up,
            (OrganizationFollowUpDialog,),
        ),
        Screen("dialog/note/Organisation", open_organisation_note, (NoteDialog,)),
    ]


SCREENS += _organisation_screens()


# -- Stellenangebote (issue #17): the list, the offer dialog, the matches both ways ----------


def _job_offer_data(ctx: ScreenContext) -> dict[str, int]:
    """Two employers with five offers (one expired, one filled) that fit Ayşe Şahin more or
    less, and three more JOKO people for the offer's matches. Offers through the operations;
    ids by name."""
    from app.models.organization import Organization
    from app.services.job_offers import OfferInput, create_offer
    from app.vocab import JobOfferSource, JobOfferStatus, OrganizationKind, SkillLevel

    today = date.today()
    employers: dict[str, int] = {}
    with ctx.lotse.unit_of_work() as uow:
        for name, kind, postal_code, city in (
            ("Bäckerei Şahin & Söhne", OrganizationKind.EMPLOYER, "06108", "Halle (Saale)"),
            ("Logistikzentrum Mitteldeutschland GmbH", OrganizationKind.EMPLOYER, "06217",
             "Merseburg"),
        ):  # fmt: skip
            organization = Organization(kind=kind, name=name, postal_code=postal_code, city=city)
            uow.session.add(organization)
            uow.session.flush()
            assert organization.id is not None
            employers[name] = organization.id
        uow.commit()
    bakery, logistics = employers.values()

    def offer(title: str, employer: int, **values: Any) -> int:
        base: dict[str, Any] = {
            "title": title,
            "employer_id": employer,
            "occupation": title.split(" (")[0],
            "skill_level": SkillLevel.HELPER,
            "location": "Halle (Saale)",
            "location_postal_code": "06108",
            "hours_per_week": 25.0,
            "start_on": today + timedelta(days=14),
            "hourly_wage_cents": 1390,
            "social_insurance": True,
            "min_german_level": GermanLevel.A2,
            "vacancies": 1,
            "source": JobOfferSource.OWN_ACQUISITION,
            "acquired_on": today - timedelta(days=10),
            "valid_until": today + timedelta(days=60),
        }
        made = run(ctx.lotse, create_offer, OfferInput(**(base | values)))
        assert made.created is not None
        return made.created

    ids = {
        "sales": offer("Verkäufer:in (m/w/d)", bakery, shifts="Frühschicht", vacancies=2),
        "warehouse": offer(
            "Lagerhelfer:in (m/w/d)",
            logistics,
            location="Merseburg",
            location_postal_code="06217",
            hours_per_week=39.0,
            shifts="3-Schicht",
            required_driving_licence=DrivingLicenceClass.B,
        ),
        "office": offer(
            "Kauffrau/Kaufmann im Einzelhandel",
            bakery,
            skill_level=SkillLevel.SKILLED,
            hours_per_week=30.0,
            min_german_level=GermanLevel.B2,
            hourly_wage_cents=1720,
        ),
        "expired": offer(
            "Aushilfe Verkauf (m/w/d)",
            bakery,
            hours_per_week=12.0,
            start_on=today - timedelta(days=90),
            valid_until=today - timedelta(days=4),
        ),
        "filled": offer(
            "Fahrer:in (m/w/d)",
            logistics,
            location="Merseburg",
            location_postal_code="06217",
            status=JobOfferStatus.FILLED,
            required_driving_licence=DrivingLicenceClass.CE,
        ),
    }
    profile: dict[str, Any] = {
        "program": Program.JOKO,
        "postal_code": "06108",
        "city": "Halle (Saale)",
        "employment_permitted": True,
        "residence_requirement": False,
        "mobility_radius_km": 30,
    }
    for last, first, values in (
        ("Kovalenko", "Olena", {"german_level": GermanLevel.B1, "target_occupations":
                                ["Verkäuferin"], "working_time_preference":
                                WorkingTimePreference.EITHER, "driving_licences": ["b"]}),
        ("Ahmadi", "Farid", {"german_level": GermanLevel.A2, "target_occupations":
                             ["Lagerhelfer"], "working_time_preference":
                             WorkingTimePreference.FULL_TIME, "postal_code": "06217",
                             "city": "Merseburg"}),
        ("Tesfay", "Helen", {"target_occupations": ["Bäckereifachverkäuferin"]}),
    ):  # fmt: skip
        add_person(ctx.lotse, last, first, **(profile | values))
    return ids


def _job_host(ctx: ScreenContext, title: str, content: QWidget) -> QDialog:
    """A window holding ``content`` (a page or a tab not yet in the main window or editor)."""
    from PySide6.QtWidgets import QVBoxLayout

    host = QDialog()
    host.setWindowTitle(title)
    layout = QVBoxLayout(host)
    layout.addWidget(content)
    host.resize(1000, 620)
    return ctx.dialog(host)


def open_job_offers_page(ctx: ScreenContext) -> QWidget:
    from ui.pages.job_offers_page import JobOffersPage

    _job_offer_data(ctx)
    page = JobOffersPage(_("Job offers"), ctx.lotse, ctx.ops)
    return _job_host(ctx, _("Job offers"), page)


def open_job_offer(ctx: ScreenContext, which: str | None, tab: int = 0) -> QWidget:
    from ui.job_offer.dialog import JobOfferDialog

    ids = _job_offer_data(ctx)
    dialog = ctx.dialog(JobOfferDialog(ctx.lotse, ctx.ops, None if which is None else ids[which]))
    if tab:
        dialog.tabs.setCurrentIndex(1)  # the matches, and one of them proposed
        settle()
        assert dialog.match_model.rowCount() > 0
        if tab == 2:
            dialog.match_view.selectRow(0)
            assert dialog.propose_selected() is not None
            dialog.tabs.setCurrentIndex(tab)
            settle()
            assert dialog.placement_model.rowCount() > 0
    return dialog


def open_matching_panel(ctx: ScreenContext) -> QWidget:
    from ui.participant.matching_panel import MatchingPanel

    _job_offer_data(ctx)
    panel = MatchingPanel(ctx.lotse, ctx.ops, ctx.joko_id)
    host = _job_host(ctx, "Stellenangebote – Ayşe Şahin", panel)
    assert panel.model.rowCount() > 0
    return host


def _job_offer_screens() -> list[Screen]:
    from ui.job_offer.dialog import MATCHES_TAB, PLACEMENTS_TAB, JobOfferDialog
    from ui.pages.job_offers_page import JobOffersPage
    from ui.participant.matching_panel import MatchingPanel

    return [
        Screen("page/Stellenangebote", open_job_offers_page, (JobOffersPage,)),
        Screen("dialog/job_offer/neu", partial(open_job_offer, which=None), (JobOfferDialog,)),
        Screen(
            "dialog/job_offer/abgelaufen",
            partial(open_job_offer, which="expired"),
            (JobOfferDialog,),
        ),
        Screen(
            "dialog/job_offer/Passende Teilnehmende",
            partial(open_job_offer, which="sales", tab=MATCHES_TAB),
            (JobOfferDialog,),
        ),
        Screen(
            "dialog/job_offer/Vermittlungsvorschläge",
            partial(open_job_offer, which="sales", tab=PLACEMENTS_TAB),
            (JobOfferDialog,),
        ),
        Screen("panel/Stellenangebote", open_matching_panel, (MatchingPanel,)),
    ]


SCREENS += _job_offer_screens()


# -- Kurse & Maßnahmen, Ausbildungsmanagement (issue #18) -----------------------------------
# Each part appends its own list below its marker.

# -- #18 courses catalogue --


def _course_data(ctx: ScreenContext) -> dict[str, int]:
    """Two providers and five courses (running, starting soon, planned, past); Ayşe Şahin and
    Łukasz Nowak enrolled in the running B2 course (one ongoing, one dropped out). Courses
    through the operation, enrolments as rows; ids by name."""
    from app.models.courses import Enrollment
    from app.services.courses import CourseInput, create_course
    from app.services.organizations import OrganizationInput, create_organization
    from app.vocab import (
        CourseFormat,
        CourseFunding,
        CourseKind,
        EnrollmentStatus,
        ExamResult,
        OrganizationKind,
        TimeModel,
    )

    today = date.today()
    providers = {
        name: run(
            ctx.lotse,
            create_organization,
            OrganizationInput(name, kind=OrganizationKind.EDUCATION_PROVIDER, city=city),
        ).created
        for name, city in (
            ("Volkshochschule Halle (Saale)", "Halle (Saale)"),
            ("TÜV Rheinland Akademie", "Merseburg"),
        )
    }
    vhs, tuev = providers.values()

    def course(title: str, kind: CourseKind, **values: Any) -> int:
        made = run(ctx.lotse, create_course, CourseInput(kind=kind, title=title, **values))
        assert made.created is not None
        return made.created

    ids = {
        "b2": course(
            "Berufssprachkurs B2 Pflege", CourseKind.BSK_BASIC_B2, provider_id=vhs,
            target_level=GermanLevel.B2, start=today - timedelta(days=40),
            end=today + timedelta(days=140), teaching_units=400, format=CourseFormat.IN_PERSON,
            time_model=TimeModel.FULL_TIME, funding=CourseFunding.BAMF, places=15,
            location="Halle (Saale)", notes="Einstufungstest vor Kursbeginn.",
        ),
        "integration": course(
            "Integrationskurs Vormittag", CourseKind.INTEGRATION_GENERAL, provider_id=vhs,
            target_level=GermanLevel.B1, start=today + timedelta(days=20),
            end=today + timedelta(days=300), teaching_units=700, places=20,
            format=CourseFormat.IN_PERSON, time_model=TimeModel.PART_TIME,
            funding=CourseFunding.BAMF, location="Halle (Saale)",
        ),
        "job_bsk": course(
            "Job-BSK Lager und Logistik", CourseKind.JOB_BSK, start=today + timedelta(days=90),
            teaching_units=150, format=CourseFormat.AT_EMPLOYER,
            time_model=TimeModel.WHILE_WORKING, funding=CourseFunding.EMPLOYER,
        ),
        "licence": course(
            "Führerschein Klasse B", CourseKind.DRIVING_LICENCE, provider_id=tuev,
            start=today - timedelta(days=200), end=today - timedelta(days=30), places=6,
            funding=CourseFunding.JOB_CENTER, location="Merseburg",
        ),
    }  # fmt: skip
    with ctx.lotse.unit_of_work() as uow:
        for person, status, result in (
            (ctx.joko_id, EnrollmentStatus.ONGOING, None),
            (ctx.training_id, EnrollmentStatus.DROPPED, ExamResult.ABSENT),
        ):
            uow.session.add(
                Enrollment(
                    participant_id=person,
                    course_id=ids["b2"],
                    status=status,
                    registered_on=today - timedelta(days=50),
                    left_on=today - timedelta(days=10) if result else None,
                    dropout_reason="Ausbildungsbeginn" if result else "",
                    exam="telc Deutsch B2 Beruf" if result else "",
                    exam_result=result,
                )
            )
        uow.commit()
    return ids


def open_course_catalog(ctx: ScreenContext) -> QWidget:
    from ui.pages.courses_page import CoursesPage

    _course_data(ctx)
    page = CoursesPage(_("Courses & measures"), ctx.lotse, ctx.ops)
    page.setWindowTitle(_("Courses & measures"))
    page.resize(1040, 640)
    page = ctx.show(page)
    page.catalog.focus_search()
    settle()
    assert page.catalog.row_count() == 4
    return page


def open_course_dialog(ctx: ScreenContext, which: str | None, tab: int = 0) -> QWidget:
    from ui.pages.course_dialog import CourseDialog

    ids = _course_data(ctx)
    dialog = ctx.dialog(CourseDialog(ctx.lotse, ctx.ops, None if which is None else ids[which]))
    if tab:
        dialog.tabs.setCurrentIndex(tab)
        settle()
        assert dialog.enrollment_model.rowCount() == 2
    return dialog


def _course_screens() -> list[Screen]:
    from ui.pages.course_catalog import CourseCatalog
    from ui.pages.course_dialog import PARTICIPANTS_TAB, CourseDialog
    from ui.pages.courses_page import CoursesPage

    return [
        Screen("page/Kurse", open_course_catalog, (CoursesPage, CourseCatalog)),
        Screen("dialog/course/neu", partial(open_course_dialog, which=None), (CourseDialog,)),
        Screen("dialog/course/Kurs", partial(open_course_dialog, which="b2"), (CourseDialog,)),
        Screen(
            "dialog/course/Teilnehmende",
            partial(open_course_dialog, which="b2", tab=PARTICIPANTS_TAB),
            (CourseDialog,),
        ),
    ]


SCREENS += _course_screens()

# -- #18 enrolments and measures --


def _enrol_data(ctx: ScreenContext) -> dict[str, int]:
    """Three courses of a provider and Ayşe Şahin's enrolments: the B1 course completed with
    B1 (her level is A2: the question to take it over), the B2 course running, the Job-BSK
    dropped out; the B2 course stands for her plan's first goal. Courses as rows (the
    catalogue's own operation is not needed), enrolments through the operations; ids by name."""
    from app.models.courses import Course
    from app.models.organization import Organization
    from app.services.enrollments import EnrollmentInput, enroll
    from app.vocab import CourseKind, EnrollmentStatus, ExamResult, OrganizationKind

    today = date.today()

    def day(days: int) -> date:
        return today + timedelta(days=days)

    courses: dict[str, int] = {}
    with ctx.lotse.unit_of_work() as uow:
        provider = Organization(
            name="Volkshochschule Halle (Saale)",
            kind=OrganizationKind.EDUCATION_PROVIDER,
            city="Halle (Saale)",
        )
        uow.session.add(provider)
        uow.session.flush()
        table = (
            ("b1", "Berufssprachkurs Spezial B1", CourseKind.BSK_SPECIAL_B1, GermanLevel.B1,
             day(-200), day(-20)),
            ("b2", "Berufssprachkurs B2 Pflege", CourseKind.BSK_BASIC_B2, GermanLevel.B2,
             day(-15), day(160)),
            ("job_bsk", "Job-BSK Einzelhandel", CourseKind.JOB_BSK, None, day(-120), day(-40)),
            ("integration", "Integrationskurs Abend", CourseKind.INTEGRATION_GENERAL,
             GermanLevel.B1, day(30), day(330)),
        )  # fmt: skip
        for name, title, kind, level, start, end in table:
            course = Course(
                kind=kind,
                title=title,
                provider_id=provider.id,
                target_level=level,
                start=start,
                end=end,
                location="Halle (Saale)",
            )
            uow.session.add(course)
            uow.session.flush()
            assert course.id is not None
            courses[name] = course.id
        uow.commit()
    with ctx.lotse.reading() as uow:
        goal = goals_of(uow, ctx.joko_plan_id)[0].id
    S = EnrollmentStatus
    enrolments = {
        "completed": EnrollmentInput(
            courses["b1"], S.COMPLETED, day(-210), day(-20), exam="telc Deutsch B1",
            exam_on=day(-22), exam_result=ExamResult.PASSED, level_reached=GermanLevel.B1,
        ),
        "ongoing": EnrollmentInput(
            courses["b2"], S.ONGOING, day(-30), goal_id=goal,
            notes="Kinderbetreuung über die Kita am Kursort geklärt.",
        ),
        "dropped": EnrollmentInput(
            courses["job_bsk"], S.DROPPED, day(-125), day(-90),
            dropout_reason="Schichtdienst im neuen Job ließ keine Zeit für den Kurs.",
        ),
    }  # fmt: skip
    ids = dict(courses)
    for name, data in enrolments.items():
        made = run(ctx.lotse, enroll, ctx.joko_id, data)
        assert made.created is not None
        ids[name] = made.created
    return ids


def _enrol_open_panel(ctx: ScreenContext) -> QWidget:
    """The whole tab: her enrolments above, her measures below."""
    _enrol_data(ctx)
    _measure_data(ctx)
    panel = CoursesPanel(ctx.lotse, ctx.ops, ctx.joko_id)
    return _host(ctx, "Kurse & Maßnahmen – Ayşe Şahin", panel)


def _enrol_open_dialog(ctx: ScreenContext, which: str) -> QWidget:
    from ui.participant.enrollment_dialog import EnrollmentDialog

    ids = _enrol_data(ctx)
    if which == "neu":
        dialog = EnrollmentDialog(ctx.lotse, ctx.ops, ctx.joko_id)
    elif which == "bearbeiten":
        dialog = EnrollmentDialog(ctx.lotse, ctx.ops, ctx.joko_id, ids["completed"])
    else:  # from the course: the person chosen by typing
        dialog = EnrollmentDialog(ctx.lotse, ctx.ops, None, course_id=ids["integration"])
    shown = ctx.dialog(dialog)
    if which == "Kurs":
        assert dialog.person is not None
        dialog.person.search.setText("sahin")
        dialog.person.find("sahin")
        settle()
    return shown


def _enrol_open_level_update(ctx: ScreenContext) -> QWidget:
    from app.services.enrollments import level_update_offer
    from ui.participant.enrollment_dialog import LevelUpdateDialog

    ids = _enrol_data(ctx)
    offer = level_update_offer(ctx.lotse.reads, ids["completed"])
    assert offer is not None
    return ctx.dialog(LevelUpdateDialog(ctx.lotse, ctx.ops, offer))


def _enrol_screens() -> list[Screen]:
    from ui.participant.enrollment_dialog import EnrollmentDialog, LevelUpdateDialog

    return [
        Screen("panel/Kurse & Maßnahmen", _enrol_open_panel, (CoursesPanel,)),
        *(
            Screen(
                f"dialog/enrollment/{which}",
                partial(_enrol_open_dialog, which=which),
                (EnrollmentDialog, ParticipantChooser) if which == "Kurs" else (EnrollmentDialog,),
            )
            for which in ("neu", "bearbeiten", "Kurs")
        ),
        Screen("dialog/level_update", _enrol_open_level_update, (LevelUpdateDialog,)),
    ]


SCREENS += _enrol_screens()


def _measure_data(ctx: ScreenContext) -> dict[str, int]:
    """Measures of both people, stored through the operations: Łukasz Nowak's AsA flex
    (running, for his plan goal "Praktikum im Wunschberuf", ending soon), BAB applied for
    seven weeks ago, tutoring planned, debt counselling completed; Ayşe Şahin's childcare
    applied for and application coaching running. Ids by name."""
    from app.models.organization import Organization
    from app.services.measures import MeasureInput, add_measure
    from app.vocab import MeasureKind as Kind
    from app.vocab import MeasureStatus as Status
    from app.vocab import OrganizationKind

    today = date.today()
    providers: dict[str, int] = {}
    with ctx.lotse.unit_of_work() as uow:
        for name, kind in (
            ("Bildungswerk der Wirtschaft Sachsen-Anhalt", OrganizationKind.EDUCATION_PROVIDER),
            ("Agentur für Arbeit Halle", OrganizationKind.EMPLOYMENT_AGENCY),
            ("Caritas Schuldnerberatung Halle", OrganizationKind.COUNSELLING_SERVICE),
            ("Jugendamt Halle (Saale)", OrganizationKind.OTHER),
        ):
            organization = Organization(name=name, kind=kind, city="Halle (Saale)")
            uow.session.add(organization)
            uow.session.flush()
            assert organization.id is not None
            providers[name] = organization.id
        uow.commit()
    with ctx.lotse.reading() as uow:
        goals = {goal.title: goal.id for goal in goals_of(uow, ctx.training_plan_id)}

    def day(days: int) -> date:
        return today + timedelta(days=days)

    measures = {
        "asa": (ctx.training_id, MeasureInput(
            Kind.ASA_FLEX, providers["Bildungswerk der Wirtschaft Sachsen-Anhalt"], day(-120),
            day(-95), day(-90), day(20), Status.ONGOING, goals["Praktikum im Wunschberuf"],
            "Zweimal pro Woche Stützunterricht in Mathematik und Fachkunde.",
        )),
        "bab": (ctx.training_id, MeasureInput(
            Kind.BAB, providers["Agentur für Arbeit Halle"], day(-49), status=Status.APPLIED,
        )),
        "tutoring": (ctx.training_id, MeasureInput(Kind.TUTORING, notes="Vor der Zwischenprüfung")),
        "debts": (ctx.training_id, MeasureInput(
            Kind.DEBT_COUNSELLING, providers["Caritas Schuldnerberatung Halle"], start=day(-300),
            end=day(-200), status=Status.COMPLETED,
        )),
        "childcare": (ctx.joko_id, MeasureInput(
            Kind.CHILDCARE, providers["Jugendamt Halle (Saale)"], day(-12), status=Status.APPLIED,
        )),
        "coaching": (ctx.joko_id, MeasureInput(
            Kind.APPLICATION_COACHING, providers["Bildungswerk der Wirtschaft Sachsen-Anhalt"],
            start=day(-14), end=day(60), status=Status.ONGOING,
        )),
    }  # fmt: skip
    ids = {}
    for name, (pid, data) in measures.items():
        made = run(ctx.lotse, add_measure, pid, data)
        assert made.created is not None
        ids[name] = made.created
    return ids


def _measure_open_dialog(ctx: ScreenContext, which: str) -> QWidget:
    from ui.participant.measure_dialog import MeasureDialog

    ids = _measure_data(ctx)
    measure_id = ids["asa"] if which == "bearbeiten" else None
    return ctx.dialog(MeasureDialog(ctx.lotse, ctx.ops, ctx.training_id, measure_id))


def _measure_open_panel(ctx: ScreenContext) -> QWidget:
    from ui.participant.measures_section import MeasuresSection

    _measure_data(ctx)
    section = MeasuresSection(ctx.lotse, ctx.ops, ctx.training_id)
    return _host(ctx, "Maßnahmen – Łukasz Nowak", section)


def _measure_open_page(ctx: ScreenContext) -> QWidget:
    _measure_data(ctx)
    window = ctx.main_window(COURSES)
    page = window.findChild(CoursesPage)
    assert page is not None
    page.tabs.setCurrentWidget(page.measures)
    settle()
    return window


def _measure_screens() -> list[Screen]:
    from ui.pages.measures_list import MeasuresList
    from ui.participant.measure_dialog import MeasureDialog
    from ui.participant.measures_section import MeasuresSection

    return [
        Screen("dialog/measure/neu", partial(_measure_open_dialog, which="neu"), (MeasureDialog,)),
        Screen(
            "dialog/measure/bearbeiten",
            partial(_measure_open_dialog, which="bearbeiten"),
            (MeasureDialog,),
        ),
        Screen("panel/Maßnahmen", _measure_open_panel, (MeasuresSection,)),
        Screen("page/Maßnahmen", _measure_open_page, (MainWindow, CoursesPage, MeasuresList)),
    ]


SCREENS += _measure_screens()

# -- #18 training progress --


def _training_progress_data(ctx: ScreenContext, absences: int = 15) -> None:
    """Łukasz Nowak's Ausbildungsverlauf, stored through the operations: ``absences`` dated
    absences (every few days back from today, some unexcused, a week of illness among them;
    his record's earlier 24 hours become the oldest entry), three exams (one ahead), his
    mother and his father as guardians."""
    from app.services.absences import AbsenceInput, add_absence
    from app.services.exams import ExamInput, add_exam
    from app.services.guardians import GuardianInput, add_guardian
    from app.vocab import ExamKind, ExamResult, GuardianRelation

    today = date.today()
    pid = ctx.training_id
    notes = ("Arzttermin", "verschlafen", "", "Bus ausgefallen", "krank, Attest liegt vor", "")
    for number in range(absences):
        week = number == 4
        hours, unexcused = (32, 0) if week else (2 + number % 5, (2 if number % 3 == 1 else 0))
        note = "Woche krank (Attest)" if week else notes[number % len(notes)]
        data = AbsenceInput(today - timedelta(days=3 + 4 * number), hours, unexcused, note)
        run(ctx.lotse, add_absence, pid, data)
    for exam in (
        ExamInput(ExamKind.SCHOOL, "Klassenarbeit Mathematik", today - timedelta(days=40),
                  ExamResult.PASSED, "4+", "Nachschreibtermin wahrgenommen"),
        ExamInput(ExamKind.SCHOOL, "Lernfeld 3: Elektrische Systeme", today - timedelta(days=12),
                  ExamResult.FAILED, "5"),
        ExamInput(ExamKind.FINAL_PART_1, "Gestreckte Abschlussprüfung Teil 1",
                  today + timedelta(days=90), ExamResult.PENDING),
    ):  # fmt: skip
        run(ctx.lotse, add_exam, pid, exam)
    for guardian in (
        GuardianInput("Anna Nowak", GuardianRelation.MOTHER, "0345 6789012",
                      "anna.nowak@example.org", "Lange Straße 3\n06108 Halle (Saale)"),
        GuardianInput("Piotr Nowak", GuardianRelation.FATHER, "0171 2345678"),
    ):  # fmt: skip
        run(ctx.lotse, add_guardian, pid, guardian)


def open_training_progress_tab(ctx: ScreenContext) -> QWidget:
    _training_progress_data(ctx)
    return ctx.editor(ctx.training_id, "Ausbildungsverlauf")


def open_training_dialog(ctx: ScreenContext, which: str) -> QWidget:
    from app.services.absences import absences_of
    from app.services.exams import exams_of
    from app.services.guardians import guardians_of
    from ui.participant import training_dialogs as dialogs

    _training_progress_data(ctx, absences=3)
    pid, reads = ctx.training_id, ctx.lotse.reads
    rows = {
        "absence": absences_of(reads, pid)[1],
        "exam": exams_of(reads, pid)[1],
        "guardian": guardians_of(reads, pid)[0],
    }
    kinds: dict[str, type[dialogs.AbsenceDialog | dialogs.ExamDialog | dialogs.GuardianDialog]]
    kinds = {
        "absence": dialogs.AbsenceDialog,
        "exam": dialogs.ExamDialog,
        "guardian": dialogs.GuardianDialog,
    }
    return ctx.dialog(kinds[which](ctx.lotse, ctx.ops, pid, rows[which]))  # type: ignore[arg-type]


def _training_progress_screens() -> list[Screen]:
    from ui.participant import training_dialogs as dialogs

    kinds = {
        "absence": dialogs.AbsenceDialog,
        "exam": dialogs.ExamDialog,
        "guardian": dialogs.GuardianDialog,
    }
    return [
        Screen(
            "editor/training/Ausbildungsverlauf/Einträge",
            open_training_progress_tab,
            (ParticipantEditor, TrainingProgressPanel),
        ),
        *(
            Screen(
                f"dialog/{which}",
                partial(open_training_dialog, which=which),
                (kind, dialogs.ListEntryDialog),
            )
            for which, kind in kinds.items()
        ),
    ]


SCREENS += _training_progress_screens()

# -- #18 needs assessment --


def _needs_data(ctx: ScreenContext) -> None:
    """Two versions of Łukasz Nowak's Förderbedarfsermittlung, stored through the operation."""
    from app.services.needs_assessments import AssessmentInput, add_assessment
    from app.vocab import NeedLevel as Level

    today = date.today()
    versions = (
        (
            today - timedelta(days=45),
            "Łukasz Nowak, Frau Berger (Klassenleitung)",
            {"subject": Level.MEDIUM, "language": Level.HIGH, "financial": Level.NONE},
            {
                "subject": "Mathematik im Lernfeld 3, Nachhilfe nötig",
                "language": "Fachsprache Elektro, Prüfungsvorbereitung",
            },
        ),
        (
            today - timedelta(days=3),
            "Łukasz Nowak, Frau Berger (Klassenleitung), Herr Krause (Ausbilder)",
            {
                "subject": Level.LOW,
                "language": Level.HIGH,
                "personal_social": Level.NONE,
                "organisational": Level.MEDIUM,
                "financial": Level.LOW,
            },
            {
                "subject": "Mathematik aufgeholt; weiter Nachhilfe bis zur Zwischenprüfung",
                "language": "Fachsprache Elektro, Prüfungsvorbereitung;\n"
                "Berufssprachkurs (Azubi-BSK) ab dem nächsten Monat",
                "organisational": "Fahrtkosten und Fahrplan zur Berufsschule klären",
                "financial": "BAB beantragen",
            },
        ),
    )
    for day, taken_part, levels, notes in versions:
        data = AssessmentInput(day, taken_part, levels, notes)
        run(ctx.lotse, add_assessment, ctx.training_id, data)


def open_needs_tab(ctx: ScreenContext) -> QWidget:
    _needs_data(ctx)
    return ctx.editor(ctx.training_id, "Förderbedarf")


def open_needs_dialog(ctx: ScreenContext, which: str) -> QWidget:
    from app.services.needs_assessments import newest_assessment
    from ui.participant.needs_dialog import NeedsAssessmentDialog

    _needs_data(ctx)
    newest = newest_assessment(ctx.lotse.reads, ctx.training_id)
    assert newest is not None
    pid = ctx.training_id
    if which == "neu":
        dialog = NeedsAssessmentDialog(
            ctx.lotse, ctx.ops, pid, prefill=newest, next_version=newest.version + 1
        )
    else:
        dialog = NeedsAssessmentDialog(ctx.lotse, ctx.ops, pid, editing=newest)
    return ctx.dialog(dialog)


def _needs_screens() -> list[Screen]:
    from ui.participant.needs_dialog import NeedsAssessmentDialog

    return [
        Screen(
            "editor/training/Förderbedarf/Versionen",
            open_needs_tab,
            (ParticipantEditor, NeedsAssessmentPanel),
        ),
        *(
            Screen(
                f"dialog/needs_assessment/{which}",
                partial(open_needs_dialog, which=which),
                (NeedsAssessmentDialog,),
            )
            for which in ("neu", "bearbeiten")
        ),
    ]


SCREENS += _needs_screens()

# -- #18 case conference --


def _conference_data(ctx: ScreenContext) -> dict[str, int]:
    """Jobcenter Halle (Frau Meier), BBS II (Herr Roth), and a Fallkonferenz about Łukasz
    Nowak with both of them, stored through the operations. Ids by name."""
    from app.services.organizations import (
        ContactInput,
        OrganizationInput,
        create_organization,
        get_organization,
    )
    from app.vocab import OrganizationKind

    def organisation(name: str, kind: OrganizationKind, person: str, function: str) -> int:
        data = OrganizationInput(
            name, kind=kind, city="Halle (Saale)", contacts=(ContactInput(person, function),)
        )
        created = run(ctx.lotse, create_organization, data).created
        assert created is not None
        return created

    jobcenter = organisation(
        "Jobcenter Halle", OrganizationKind.JOB_CENTER, "Frau Meier", "Integrationsfachkraft"
    )
    school = organisation("BBS II", OrganizationKind.SCHOOL, "Herr Roth", "Klassenleitung")
    people = {}
    for oid in (jobcenter, school):
        record = get_organization(ctx.lotse.reads, oid)
        assert record is not None
        people[oid] = record.contacts[0].id
    note = run(
        ctx.lotse,
        add_note,
        ctx.training_id,
        NoteInput(
            _at(date.today() - timedelta(days=2), 14),
            ContactKind.CASE_CONFERENCE,
            "Fehlzeiten im Blockunterricht besprochen; Nachhilfe in Mathematik über AsA flex.",
            90,
            topics="Fehlzeiten, Abbruchrisiko",
            agreements="Herr Roth meldet Fehltage wöchentlich; Antrag AsA flex bis Freitag.",
            organizations=((jobcenter, people[jobcenter]), (school, people[school])),
        ),
    ).created
    assert note is not None
    return {"jobcenter": jobcenter, "school": school, "note": note}


def open_conference_note(ctx: ScreenContext) -> QWidget:
    """A new Fallkonferenz for Łukasz Nowak with the two organisations added."""
    from app.services.contact_notes import PartyRow

    ids = _conference_data(ctx)
    dialog = NoteDialog(ctx.lotse, ctx.ops, ctx.training_id)
    dialog.kind.set_value(ContactKind.CASE_CONFERENCE)
    (stored,) = [n for n in notes_of(ctx.lotse.reads, ctx.training_id) if n.id == ids["note"]]
    dialog.parties.set_rows([PartyRow(*party) for party in stored.organizations])
    dialog.content.setPlainText("Stand der Ausbildung, Fehlzeiten, nächste Schritte.")
    return ctx.dialog(dialog)


def open_conference_note_empty(ctx: ScreenContext) -> QWidget:
    """Fallkonferenz chosen, no organisation yet: the list asks for them."""
    dialog = NoteDialog(ctx.lotse, ctx.ops, ctx.training_id)
    dialog.kind.set_value(ContactKind.CASE_CONFERENCE)
    return ctx.dialog(dialog)


def open_note_organisation(ctx: ScreenContext, typed: str) -> QWidget:
    """The note dialog's "Hinzufügen…": typed (the hits shown) or chosen (its persons)."""
    from PySide6.QtCore import Qt

    from ui.participant.note_dialog import NoteOrganizationDialog

    ids = _conference_data(ctx)
    dialog = ctx.dialog(NoteOrganizationDialog(ctx.lotse, [ids["jobcenter"]]))
    ctx.qtbot.keyClicks(dialog.chooser.search, typed)
    settle()
    if typed == "bbs ii":
        ctx.qtbot.keyClick(dialog.chooser.search, Qt.Key.Key_Return)
        settle()
        assert dialog.person.isEnabled()
    return dialog


def open_organisation_conference(ctx: ScreenContext) -> QWidget:
    """The school's Kontaktverlauf: the Fallkonferenz it took part in, naming the others."""
    from ui.organization.editor import OrganizationEditor

    ids = _conference_data(ctx)
    editor = ctx.dialog(OrganizationEditor(ctx.lotse, ctx.ops, ids["school"]))
    editor.choose_tab("notes")
    settle()
    return editor


def open_timeline_with_conference(ctx: ScreenContext) -> QWidget:
    _conference_data(ctx)
    panel = NotesPanel(ctx.lotse, ctx.ops, ctx.training_id)
    return _host(ctx, "Kontaktverlauf – Łukasz Nowak", panel)


def _conference_screens() -> list[Screen]:
    from ui.organization.editor import OrganizationEditor
    from ui.organization.panels import OrganizationNotesPanel
    from ui.participant.note_dialog import NoteOrganizationDialog, PartiesField

    return [
        Screen("dialog/note/Fallkonferenz", open_conference_note, (NoteDialog, PartiesField)),
        Screen("dialog/note/Fallkonferenz_leer", open_conference_note_empty, (NoteDialog,)),
        Screen(
            "dialog/note_organisation/Suche",
            partial(open_note_organisation, typed="bbs"),
            (NoteOrganizationDialog,),
        ),
        Screen(
            "dialog/note_organisation/gewählt",
            partial(open_note_organisation, typed="bbs ii"),
            (NoteOrganizationDialog,),
        ),
        Screen(
            "organisation/Kontaktverlauf+Fallkonferenz",
            open_organisation_conference,
            (OrganizationEditor, OrganizationNotesPanel),
        ),
        Screen("panel/Kontaktverlauf+Fallkonferenz", open_timeline_with_conference, (NotesPanel,)),
    ]


SCREENS += _conference_screens()

# -- #18 school view and overview --


def _school_view_data(ctx: ScreenContext) -> int:
    """A vocational school with three students (Łukasz Nowak at high risk with open measures,
    Yusuf Demir at high risk without contact for six weeks, Mariam Karimi not assessed); a
    course starting this month with two enrolled, a measure applied for seven weeks ago.
    Returns the school's id."""
    from app.models.courses import Course, Enrollment, Measure
    from app.services.organizations import OrganizationInput, create_organization
    from app.services.participant_record import save_record
    from app.vocab import (
        CourseKind,
        DropoutRisk,
        EnrollmentStatus,
        MeasureKind,
        MeasureStatus,
        OrganizationKind,
    )

    today = date.today()
    school = run(
        ctx.lotse,
        create_organization,
        OrganizationInput(
            "Berufsbildende Schulen II Halle",
            kind=OrganizationKind.SCHOOL,
            street="Schwetschkestraße 1",
            postal_code="06110",
            city="Halle (Saale)",
        ),
    ).created
    provider = run(
        ctx.lotse,
        create_organization,
        OrganizationInput("Volkshochschule Halle", kind=OrganizationKind.EDUCATION_PROVIDER),
    ).created
    assert school is not None and provider is not None
    run(
        ctx.lotse,
        save_record,
        ctx.training_id,
        {
            "school_id": school,
            "school_class": "BFS 10b",
            "dropout_risk": DropoutRisk.HIGH,
            "dropout_risk_assessed_on": today - timedelta(days=20),
        },
    )
    demir = add_person(
        ctx.lotse, "Demir", "Yusuf", program=Program.TRAINING, school_id=school,
        school_class="BFS 11a", apprenticeship_occupation="Kaufmann im Einzelhandel",
        apprenticeship_year=2, dropout_risk=DropoutRisk.HIGH,
        dropout_risk_assessed_on=today - timedelta(days=50), entry_date=today - timedelta(days=90),
    )  # fmt: skip
    karimi = add_person(
        ctx.lotse, "Karimi", "Mariam", program=Program.TRAINING, school_id=school,
        school_class="BFS 10b", entry_date=today - timedelta(days=30),
    )  # fmt: skip
    run(
        ctx.lotse,
        add_note,
        demir,
        NoteInput(_at(today - timedelta(days=42), 10), ContactKind.PHONE, "Fehlzeiten besprochen"),
    )
    month_start = today.replace(day=1)
    with ctx.lotse.unit_of_work() as uow:
        course = Course(kind=CourseKind.BSK_APPRENTICE, title="Azubi-BSK Halle",
                        provider_id=provider, start=month_start + timedelta(days=14),
                        end=month_start + timedelta(days=200), places=15)  # fmt: skip
        uow.session.add(course)
        uow.session.flush()
        for pid in (demir, karimi):
            uow.session.add(Enrollment(participant_id=pid, course_id=course.id,
                                       status=EnrollmentStatus.REGISTERED))  # fmt: skip
        for pid, kind, status, applied in (
            (ctx.training_id, MeasureKind.TUTORING, MeasureStatus.ONGOING, None),
            (ctx.training_id, MeasureKind.ASA_FLEX, MeasureStatus.APPLIED, 49),
            (demir, MeasureKind.SOCIAL_PEDAGOGICAL, MeasureStatus.PLANNED, None),
        ):
            uow.session.add(Measure(
                participant_id=pid, kind=kind, status=status,
                applied_on=None if applied is None else today - timedelta(days=applied),
            ))  # fmt: skip
        uow.commit()
    return school


def open_school_students(ctx: ScreenContext) -> QWidget:
    """The school's editor on its tab Schüler:innen (the most urgent first)."""
    from ui.organization.editor import OrganizationEditor

    school = _school_view_data(ctx)
    editor = ctx.dialog(OrganizationEditor(ctx.lotse, ctx.ops, school))
    editor.choose_tab("students")
    settle()
    return editor


def open_overview_with_network(ctx: ScreenContext) -> QWidget:
    """The Übersicht with a course this month, a measure awaiting approval and a student at
    high risk without contact."""
    _school_view_data(ctx)
    window = ctx.main_window(OVERVIEW)
    assert window.overview_page.sections["students_at_risk"].texts()
    return window


def _school_view_screens() -> list[Screen]:
    from ui.organization.editor import OrganizationEditor
    from ui.organization.students_panel import StudentsPanel

    return [
        Screen(
            "dialog/organization/Schüler:innen",
            open_school_students,
            (OrganizationEditor, StudentsPanel),
        ),
        Screen("main/Übersicht/Netzwerk", open_overview_with_network, (MainWindow, OverviewPage)),
    ]


SCREENS += _school_view_screens()


# -- #19 calendar --
# (Termine nach Outlook adds no window of its own: QFileDialog, the progress dialog of
# Operations.run_in_background and a message box; its setting is in the settings dialog.)


# -- #19 art15 --
# (The Auskunft nach Art. 15 DSGVO adds no window of its own: a button in the record editor's
# bottom row, QFileDialog, the progress dialog of Operations.run_in_background, a message box.)


# -- #19 reports --


def open_counted_people(ctx: ScreenContext) -> QWidget:
    """A figure of the Berichte page opened: the people it counts (Ayşe Şahin among them)."""
    from app.services.period_report import counted_people
    from ui.pages.report_people_dialog import CountedPeopleDialog

    people = counted_people(ctx.lotse.reads, (ctx.joko_id, ctx.exited_id))
    assert people
    return ctx.dialog(CountedPeopleDialog("Eintritte", people))


def _report_screens() -> list[Screen]:
    from ui.pages.report_people_dialog import CountedPeopleDialog

    return [Screen("dialog/report/Gezählte", open_counted_people, (CountedPeopleDialog,))]


SCREENS += _report_screens()

# (The Sachbericht and the ESF+ list export add a question box, QFileDialog, the progress
# dialog of Operations.run_in_background and a message box, no window of their own.)


# -- #19 import --


def open_import_dialog(ctx: ScreenContext, which: str) -> QWidget:
    """The import dialog empty, or with a participants' sheet of three bad rows checked."""
    import tempfile

    from tests.services.import_sheets import participants_sheet
    from ui.import_dialog import ImportDialog

    dialog = ctx.dialog(ImportDialog(ctx.lotse, ctx.ops))
    if which == "geprüft":
        folder = Path(tempfile.mkdtemp(prefix="lotse-import-"))
        assert dialog.load(participants_sheet(folder / "Teilnehmende.xlsx", bad=True))
        ctx.qtbot.waitUntil(lambda: dialog.checked is not None, timeout=WAIT_MS)
        assert dialog.checked is not None and dialog.checked.error_rows
        settle()
    return dialog


def _import_screens() -> list[Screen]:
    from ui.import_dialog import ImportDialog

    return [
        Screen("dialog/import/leer", partial(open_import_dialog, which="leer"), (ImportDialog,)),
        Screen(
            "dialog/import/geprüft", partial(open_import_dialog, which="geprüft"), (ImportDialog,)
        ),
    ]


SCREENS += _import_screens()

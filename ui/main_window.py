"""The main window: navigation sidebar on the left, the chosen page on the right."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from app.bootstrap import Lotse
from app.db.changes import Changes
from app.errors import LotseError
from app.i18n import N_, _, ngettext
from app.models.office_settings import OfficeSettings
from app.services.settings import load_settings
from ui import warm_up
from ui.mnemonics import escape
from ui.operations import Operations
from ui.pages.lazy_page import LazyPage
from ui.pages.overview import OverviewPage
from ui.widgets.busy import busy
from ui.widgets.messages import confirm

if TYPE_CHECKING:
    from ui.pages.courses_page import CoursesPage
    from ui.pages.follow_ups_page import FollowUpsPage
    from ui.pages.job_offers_page import JobOffersPage
    from ui.pages.organizations_page import OrganizationsPage
    from ui.pages.participants_page import ParticipantsPage
    from ui.pages.reports_page import ReportsPage
    from ui.pages.settings_page import SettingsPage


@dataclass(frozen=True)
class PageSpec:
    title: str  # msgid


PAGES = (
    PageSpec(N_("Overview")),
    PageSpec(N_("Participants")),
    PageSpec(N_("Organizations")),
    PageSpec(N_("Job offers")),
    PageSpec(N_("Courses & measures")),
    PageSpec(N_("Follow-ups")),
    PageSpec(N_("Reports")),
    PageSpec(N_("Settings")),
)
OVERVIEW, PARTICIPANTS, ORGANIZATIONS, JOB_OFFERS, COURSES, FOLLOW_UPS, REPORTS = range(7)
SETTINGS = len(PAGES) - 1
WINDOW_SIZE = (1100, 700)
CALENDAR_FILE_NAME = "Lotse-Termine.ics"
MINIMUM_SIZE = (800, 560)


class MainWindow(QMainWindow):
    def __init__(self, lotse: Lotse, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self.ops = Operations(lotse, self)
        self.restore_requested: Path | None = None  # a backup to put back after closing
        self.export_folder: Path | None = None  # where the last export went (this session)
        self.ops.changed.connect(self._on_changed)
        self.setWindowTitle("Lotse")
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(*WINDOW_SIZE)

        self.overview_page = OverviewPage(_(PAGES[OVERVIEW].title), lotse, self.ops)
        self.overview_page.setAccessibleName(_(PAGES[OVERVIEW].title))
        self.overview_page.open_requested.connect(self.open_participant)
        self.overview_page.organization_requested.connect(self.open_organization)
        self.overview_page.course_requested.connect(self.open_course)
        # The other pages are built when first shown (or asked for): a quick first window.
        self._participants = LazyPage(_(PAGES[PARTICIPANTS].title), self._build_participants)
        self._organizations = LazyPage(_(PAGES[ORGANIZATIONS].title), self._build_organizations)
        self._job_offers = LazyPage(_(PAGES[JOB_OFFERS].title), self._build_job_offers)
        self._courses = LazyPage(_(PAGES[COURSES].title), self._build_courses)
        self._follow_ups = LazyPage(_(PAGES[FOLLOW_UPS].title), self._build_follow_ups)
        self._reports = LazyPage(_(PAGES[REPORTS].title), self._build_reports)
        self._settings = LazyPage(_(PAGES[SETTINGS].title), self._build_settings)

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(_("Navigation"))
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        for index, spec in enumerate(PAGES):
            self.sidebar.addItem(QListWidgetItem(_(spec.title)))
            self.stack.addWidget(self._build_page(index))
        self.sidebar.setFixedWidth(
            self.sidebar.sizeHintForColumn(0) + 2 * self.sidebar.frameWidth() + 32
        )
        self.sidebar.currentRowChanged.connect(self._on_page_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_menus()
        location = QLabel(_("Data location: {path}").format(path=lotse.paths.root))
        location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(location, 1)

        self.reload_settings()
        self.sidebar.setCurrentRow(OVERVIEW)
        self.sidebar.setFocus()

    # -- building -------------------------------------------------------------------------

    def _build_page(self, index: int) -> QWidget:
        built: dict[int, QWidget] = {
            OVERVIEW: self.overview_page,
            PARTICIPANTS: self._participants,
            ORGANIZATIONS: self._organizations,
            JOB_OFFERS: self._job_offers,
            COURSES: self._courses,
            FOLLOW_UPS: self._follow_ups,
            REPORTS: self._reports,
            SETTINGS: self._settings,
        }
        return built[index]

    def _build_participants(self) -> ParticipantsPage:
        from ui.pages.participants_page import ParticipantsPage

        page = ParticipantsPage(self._lotse, self.ops)
        page.open_requested.connect(self.open_participant)
        page.new_requested.connect(self.new_participant)
        return page

    def _build_organizations(self) -> OrganizationsPage:
        from ui.pages.organizations_page import OrganizationsPage

        page = OrganizationsPage(_(PAGES[ORGANIZATIONS].title), self._lotse, self.ops)
        page.open_requested.connect(self.open_organization)
        page.new_requested.connect(lambda: self.open_organization(None))
        return page

    def _build_job_offers(self) -> JobOffersPage:
        from ui.pages.job_offers_page import JobOffersPage

        return JobOffersPage(_(PAGES[JOB_OFFERS].title), self._lotse, self.ops)

    def _build_courses(self) -> CoursesPage:
        from ui.pages.courses_page import CoursesPage

        page = CoursesPage(_(PAGES[COURSES].title), self._lotse, self.ops)
        page.open_requested.connect(self.open_participant)
        return page

    def _build_reports(self) -> ReportsPage:
        from ui.pages.reports_page import ReportsPage

        page = ReportsPage(_(PAGES[REPORTS].title), self._lotse, self.ops)
        page.open_requested.connect(self.open_participant)
        return page

    def _build_follow_ups(self) -> FollowUpsPage:
        from ui.pages.follow_ups_page import FollowUpsPage

        page = FollowUpsPage(_(PAGES[FOLLOW_UPS].title), self._lotse, self.ops)
        page.open_requested.connect(self.open_participant)
        page.organization_requested.connect(self.open_organization)
        return page

    def _build_settings(self) -> SettingsPage:
        from ui.pages.settings_page import SettingsPage

        page = SettingsPage(_(PAGES[SETTINGS].title))
        page.set_settings(load_settings(self._lotse.reads))
        page.edit_requested.connect(self.open_settings)
        page.passphrase_change_requested.connect(self.change_passphrase)
        page.recovery_key_requested.connect(self.new_recovery_key)
        page.backups_requested.connect(self.open_backups)
        return page

    @property
    def participants_page(self) -> ParticipantsPage:
        return self._participants.page()

    @property
    def organizations_page(self) -> OrganizationsPage:
        return self._organizations.page()

    @property
    def job_offers_page(self) -> JobOffersPage:
        return self._job_offers.page()

    @property
    def follow_ups_page(self) -> FollowUpsPage:
        return self._follow_ups.page()

    @property
    def settings_page(self) -> SettingsPage:
        return self._settings.page()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self.new_participant_action = QAction(_("&New participant…"), self)
        self.new_participant_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_participant_action.triggered.connect(self.new_participant)
        file_menu.addAction(self.new_participant_action)
        self.quick_note_action = QAction(_("Record a &contact…"), self)
        self.quick_note_action.setShortcut(QKeySequence("Ctrl+K"))
        self.quick_note_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quick_note_action.triggered.connect(self.record_contact)
        file_menu.addAction(self.quick_note_action)
        self.find_action = QAction(_("&Find participant"), self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self.find_participant)
        file_menu.addAction(self.find_action)
        file_menu.addSeparator()
        self.calendar_action = QAction(_("Export follow-ups to &Outlook…"), self)
        self.calendar_action.triggered.connect(self.export_calendar)
        file_menu.addAction(self.calendar_action)
        self.import_action = QAction(_("&Import from a spreadsheet…"), self)
        self.import_action.triggered.connect(self.import_spreadsheet)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        self.settings_action = QAction(_("&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(_("&View"))
        self.page_actions = QActionGroup(self)
        self.page_actions.setExclusive(True)
        for index, name in enumerate(self.page_names()):
            action = QAction(escape(name), self)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, i=index: self.show_page(i))
            self.page_actions.addAction(action)
            view_menu.addAction(action)

        help_menu = self.menuBar().addMenu(_("&Help"))
        about_action = QAction(_("&About Lotse…"), self)
        about_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        about_action.setMenuRole(QAction.MenuRole.AboutRole)
        about_action.triggered.connect(self.open_about)
        help_menu.addAction(about_action)

    # -- pages ----------------------------------------------------------------------------

    def page_names(self) -> list[str]:
        return [self.sidebar.item(row).text() for row in range(self.sidebar.count())]

    def show_page(self, index: int) -> None:
        self.sidebar.setCurrentRow(index)

    def current_page(self) -> int:
        return self.stack.currentIndex()

    def _on_page_changed(self, index: int) -> None:
        if index < 0:
            return
        page = self.stack.widget(index)
        if isinstance(page, LazyPage) and not page.built:
            warm_up.wait_until_loaded()
            page.page()  # built before it shows, so that it paints filled
        self.stack.setCurrentIndex(index)
        self.page_actions.actions()[index].setChecked(True)

    # -- caseload -------------------------------------------------------------------------

    def find_participant(self) -> None:
        self.show_page(PARTICIPANTS)
        self.participants_page.focus_search()

    def open_participant(self, participant_id: int) -> None:
        warm_up.wait_until_loaded()
        from ui.participant.editor import ParticipantEditor  # loaded when first needed

        editor = ParticipantEditor(self._lotse, self.ops, participant_id, parent=self)
        editor.exec()
        editor.deleteLater()

    def open_organization(self, organization_id: int | None) -> None:
        """The organisation's record (None: a new one)."""
        warm_up.wait_until_loaded()
        from ui.organization.editor import OrganizationEditor  # loaded when first needed

        editor = OrganizationEditor(self._lotse, self.ops, organization_id, parent=self)
        editor.open_participant.connect(self.open_participant)
        editor.exec()
        editor.deleteLater()

    def open_course(self, course_id: int) -> None:
        """A course of the Übersicht: its dialog (Kurs, Teilnehmende)."""
        from ui.pages.course_dialog import CourseDialog  # loaded when first needed

        dialog = CourseDialog(self._lotse, self.ops, course_id, parent=self)
        dialog.open_participant.connect(self.open_participant)
        dialog.exec()
        dialog.deleteLater()

    def new_participant(self) -> None:
        warm_up.wait_until_loaded()
        from ui.participant.editor import ParticipantEditor

        programs = self.reload_settings().programs
        only = next(iter(programs)) if len(programs) == 1 else None
        editor = ParticipantEditor(self._lotse, self.ops, None, program=only, parent=self)
        editor.exec()
        editor.deleteLater()

    def record_contact(self) -> None:
        """Ctrl+K from anywhere: a contact note for the person chosen in the list (or for the
        organisation chosen on the Organisationen page), or pick a person."""
        organization = (
            self.organizations_page.selected_organization_id()
            if self.current_page() == ORGANIZATIONS and self._organizations.built
            else None
        )
        if organization is not None:
            warm_up.wait_until_loaded()
            from ui.participant.note_dialog import NoteDialog

            note = NoteDialog(
                self._lotse, self.ops, None, parent=self, organization_id=organization
            )
            note.exec()
            note.deleteLater()
            return
        chosen = (
            self.participants_page.selected_participant_id()
            if self.current_page() == PARTICIPANTS and self._participants.built
            else None
        )
        warm_up.wait_until_loaded()
        from ui.participant.note_dialog import QuickNoteDialog

        dialog = QuickNoteDialog(self._lotse, self.ops, chosen, parent=self)
        dialog.exec()
        dialog.deleteLater()

    # -- exports and imports --------------------------------------------------------------

    def import_spreadsheet(self) -> None:
        """Import participants, organisations or job offers from an XLSX or CSV file."""
        warm_up.wait_until_loaded()
        from ui.import_dialog import open_import

        open_import(self, self._lotse, self.ops)

    def export_calendar(self) -> None:
        """Termine nach Outlook: choose the file, write it off the GUI thread, then say how
        many appointments it holds and how Outlook takes them in."""
        title = _("Export follow-ups to Outlook")
        folder = self.export_folder or Path.home()
        path, _filter = QFileDialog.getSaveFileName(
            self, title, str(folder / CALENDAR_FILE_NAME), _("Calendar files (*.ics)")
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".ics":
            target = target.with_name(target.name + ".ics")
        self.export_folder = target.parent
        warm_up.wait_until_loaded()
        from app.services.calendar_export import count_events, export_calendar

        def written(_changes: Changes) -> None:
            count = count_events(target)
            QMessageBox.information(
                self,
                title,
                ngettext(
                    "{count} appointment was written to {path}.",
                    "{count} appointments were written to {path}.",
                    count,
                ).format(count=count, path=target)
                + "\n\n"
                + _(
                    "To take them into Outlook: File → Open & Export → Import/Export → "
                    "“Import an iCalendar (.ics) or vCalendar file”, choose the file and then "
                    "“Import”. Each appointment keeps its identifier, so importing a newer "
                    "export updates it. Follow-ups done or deleted in Lotse are not removed "
                    "from Outlook."
                ),
            )

        self.ops.run_in_background(
            lambda uow, progress: export_calendar(uow, progress, target),
            parent=self,
            title=_("Exporting follow-ups…"),
            done=written,
            failed=_("The follow-ups were not exported:"),
        )

    # -- settings and dialogs -------------------------------------------------------------

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.settings or changes.many:
            self.reload_settings()

    def reload_settings(self) -> OfficeSettings:
        settings = load_settings(self._lotse.reads)
        self.overview_page.set_settings(settings)
        if self._settings.built:
            self.settings_page.set_settings(settings)
        return settings

    def open_settings(self) -> None:
        warm_up.wait_until_loaded()
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self._lotse, self.ops, parent=self)
        dialog.exec()  # a saved change arrives through _on_changed
        dialog.deleteLater()

    # -- the data file: passphrase, recovery key, backups -----------------------------------

    def change_passphrase(self) -> bool:
        from app.db import keys
        from ui.security.passphrase_dialog import NewPassphraseDialog

        key_file, key = self._lotse.paths.key_file, self._lotse.database.key
        dialog = NewPassphraseDialog(
            keys.assess_passphrase,
            first_start=False,
            verify_current=lambda passphrase: keys.verify_passphrase(key_file, passphrase),
            parent=self,
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted or key is None:
            return False
        try:
            busy(
                _("Changing the passphrase…"),
                lambda: keys.change_passphrase(key_file, key, dialog.passphrase),
                self,
            )
        except LotseError as error:
            QMessageBox.warning(self, _("Change passphrase"), str(error))
            return False
        QMessageBox.information(
            self,
            _("Change passphrase"),
            _(
                "The passphrase was changed. Backups made before keep their key files: they "
                "open with the passphrase that was valid when they were made (or the recovery "
                "key)."
            ),
        )
        return True

    def new_recovery_key(self) -> str | None:
        from app.db import keys
        from ui.security.recovery_key_dialog import RecoveryKeyDialog

        key_file, key = self._lotse.paths.key_file, self._lotse.database.key
        if key is None or not confirm(
            self,
            _("New recovery key"),
            _(
                "Lotse makes a new recovery key and shows it once. A recovery key made before "
                "stops working for the database (old backups keep theirs). Go on?"
            ),
        ):
            return None
        try:
            recovery = busy(
                _("Making the recovery key…"),
                lambda: keys.replace_recovery_key(key_file, key),
                self,
            )
        except LotseError as error:
            QMessageBox.warning(self, _("New recovery key"), str(error))
            return None
        dialog = RecoveryKeyDialog(recovery, str(self._lotse.paths.root), parent=self)
        dialog.exec()
        dialog.deleteLater()
        return recovery

    def open_backups(self) -> None:
        from ui.security.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self._lotse, parent=self)
        dialog.exec()
        chosen = dialog.restore_requested
        dialog.deleteLater()
        if chosen is not None:
            self.restore_requested = chosen  # ui.app restores once the window has closed
            self.close()

    def open_about(self) -> None:
        from ui.about_dialog import AboutDialog

        dialog = AboutDialog(self._lotse.paths, self)
        dialog.exec()
        dialog.deleteLater()

"""Drucken / Vorschau of a Förderplan: second language, special categories, preview, print or
save as PDF; every copy handed out is archived through the service.

The plan's data are read on the GUI thread (a few queries); the PDF is rendered in a pool
thread by a PdfWorker and comes back by signal. Ctrl+P in the record, Enter here ("Drucken…"
is the default button) and OK in the system dialog print the plan.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path

from babel import Locale
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QCloseEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Lotse
from app.clock import to_local
from app.i18n import _, ngettext
from app.reports.bilingual import SECOND_LANGUAGES, Labels, language_name
from app.reports.support_plan import render_support_plan
from app.services.settings import load_settings
from app.services.support_plans.document import plan_document_data
from app.services.support_plans.prints import archive_print, printed_pdf, printed_versions
from ui.mnemonics import escape
from ui.operations import Operations
from ui.plan.pdf_preview import PdfPreview, prepare_printer, print_document
from ui.plan.pdf_worker import PdfWorker
from ui.widgets.formatting import local_text
from ui.widgets.printing import print_with_dialog
from ui.widgets.save_location import confirm_folder, remember_folder, suggested_folder

Choice = tuple[str | None, bool]  # second language, special categories
_ASCII = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def file_name_part(text: str) -> str:
    """A name as it may stand in a file name: "Müller-Lüdenscheidt" → "Mueller-Luedenscheidt"."""
    text = unicodedata.normalize("NFC", text.translate(_ASCII))
    kept = "".join(c if c.isalnum() or c in "-_" else "-" if c.isspace() else "" for c in text)
    return kept.strip("-_") or "Teilnehmende"


def default_file_name(last_name: str, day: date) -> str:
    return f"Foerderplan_{file_name_part(last_name)}_{day.isoformat()}.pdf"


def language_choice_text(code: str) -> str:
    """ "Ukrainisch (Українська)": the German name, and the language's own name."""
    own = Locale.parse(code).get_display_name(code) or code
    return f"{language_name(code)} ({own[:1].upper()}{own[1:]})"


class PlanPrintDialog(QDialog):
    """Preview and print one plan version; with ``print_id``, an archived printout as it was."""

    def __init__(
        self,
        lotse: Lotse,
        ops: Operations,
        plan_id: int,
        parent: QWidget | None = None,
        *,
        print_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._lotse = lotse
        self._ops = ops
        self.plan_id = plan_id
        self.print_id = print_id
        self.archived = print_id is not None
        self._closed = False
        self._cache: dict[Choice, bytes] = {}
        self._jobs: set[PdfWorker] = set()
        self._pending: Callable[[], bool] | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one rendering at a time; stale results are dropped
        with lotse.reading() as uow:
            self._data = plan_document_data(uow, plan_id)
            self._settings = load_settings(uow)
            stored, printout = b"", None
            if print_id is not None:
                stored = printed_pdf(uow, print_id)
                printouts = printed_versions(uow, plan_id)  # a unit of work reads too
                printout = next((row for row in printouts if row.id == print_id), None)
        person = self._data.person
        self._file_day = to_local(printout.printed_at).date() if printout else date.today()
        self.job_title = _("Support plan {number}, version {version}").format(
            number=self._data.number, version=self._data.version
        )
        if printout is not None:
            title = _("Printout of {time} – {name}").format(
                time=local_text(printout.printed_at), name=person.full_name
            )
        else:
            title = _("Print support plan – {name}").format(name=person.full_name)
        self.setWindowTitle(title)
        room = self.screen().availableGeometry()
        self.resize(min(860, room.width() * 9 // 10), min(940, room.height() * 9 // 10))
        self._build()
        if self.archived:
            self._show(stored)
            self.print_button.setFocus()
        else:
            self.render()
            self.language.setFocus()

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.print_button = QPushButton(_("&Print…"), self)
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_plan)
        self.save_button = QPushButton(_("Save as &PDF…"), self)
        self.save_button.clicked.connect(self.save_pdf)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            button.setAutoDefault(button is self.print_button)

        self.language = QComboBox(self)
        self.language.addItem(_("none – German only"), None)
        for code in SECOND_LANGUAGES:
            self.language.addItem(language_choice_text(code), code)
        self.language.setAccessibleName(_("Second language"))
        self.language.currentIndexChanged.connect(lambda _index: self.render())
        language_caption = QLabel(escape(_("Second language")) + ":", self)
        language_caption.setBuddy(self.language)
        self.special = QCheckBox(escape(_("Print special categories (e.g. disability)")), self)
        self.special.setToolTip(
            _("Off: health data such as a disability are left out. The log notes the choice.")
        )
        self.special.toggled.connect(lambda _checked: self.render())
        choices = QHBoxLayout()
        choices.addWidget(language_caption)
        choices.addWidget(self.language)
        choices.addSpacing(16)
        choices.addWidget(self.special)
        choices.addStretch(1)

        self.preview = PdfPreview(self)
        preview_caption = QLabel(escape(_("Preview")) + ":", self)
        preview_caption.setBuddy(self.preview.view)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # busy, no percentage
        self.busy.setMaximumWidth(160)
        self.busy.setAccessibleName(_("Creating the preview…"))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        status_row = QHBoxLayout()
        status_row.addWidget(self.busy)
        status_row.addWidget(self.status, 1)

        layout = QVBoxLayout(self)
        if self.archived:
            note = QLabel(_("The printout exactly as it was handed out (kept as proof)."), self)
            note.setWordWrap(True)
            layout.addWidget(note)
            for widget in (language_caption, self.language, self.special):
                widget.hide()
        else:
            layout.addLayout(choices)
        layout.addWidget(preview_caption)
        layout.addWidget(self.preview, 1)
        layout.addLayout(status_row)
        layout.addWidget(self.buttons)

    # -- the document ---------------------------------------------------------------------

    def choice(self) -> Choice:
        return self.language.currentData(), self.special.isChecked()

    @property
    def busy_rendering(self) -> bool:
        return not self.archived and self.choice() not in self._cache

    def render(self) -> None:
        """Show the PDF for the current choice: from the cache, or start rendering it."""
        choice = self.choice()
        if choice in self._cache:
            self._show(self._cache[choice])
            return
        language, special = choice
        produce = partial(
            render_support_plan,
            self._data,
            self._settings,
            language=language,
            include_special_categories=special,
        )
        worker = PdfWorker(produce)
        worker.setObjectName(f"plan-{self.plan_id}-{language or 'de'}-{int(special)}")
        worker.finished.connect(lambda data, w=worker, c=choice: self._rendered(w, c, data))
        worker.failed.connect(lambda message, w=worker: self._render_failed(w, message))
        self._jobs.add(worker)
        self._set_busy(True)
        worker.start(self._pool)

    def _rendered(self, worker: PdfWorker, choice: Choice, data: bytes) -> None:
        self._jobs.discard(worker)
        if self._closed:
            return
        self._cache[choice] = data
        if choice == self.choice():
            self._show(data)

    def _render_failed(self, worker: PdfWorker, message: str) -> None:
        self._jobs.discard(worker)
        if self._closed:
            return
        self._pending = None
        self._set_busy(False)
        self.status.setText(
            _("The document could not be created: {message}").format(message=message)
        )

    def _show(self, data: bytes) -> None:
        self._set_busy(False)
        if not self.preview.set_pdf(data):
            self.status.setText(_("The document cannot be shown."))
            return
        count = self.preview.page_count()
        self.status.setText(ngettext("{count} page", "{count} pages", count).format(count=count))
        pending, self._pending = self._pending, None
        if pending is not None:
            pending()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        if busy:
            self.status.setText(_("Creating the preview…"))

    def pdf(self) -> bytes | None:
        """The bytes on show for the current choice (None while they are being made)."""
        if self.busy_rendering:
            return None
        return self.preview.data or None

    def _when_ready(self, action: Callable[[], bool]) -> bytes | None:
        data = self.pdf()
        if data is None:
            self._pending = action  # runs as soon as the preview is there
        return data

    # -- actions --------------------------------------------------------------------------

    def print_plan(self) -> bool:
        if self._when_ready(self.print_plan) is None:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, self.preview.document, self.job_title)
        if not print_with_dialog(self, printer, partial(print_document, self.preview.document)):
            return False
        self._archive()
        self._report(_("Printed at {time}.").format(time=_clock()))
        return True

    def save_pdf(self) -> bool:
        data = self._when_ready(self.save_pdf)
        if data is None:
            return False
        name = default_file_name(self._data.person.last_name, self._file_day)
        suggestion = str(suggested_folder() / name)
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save support plan as PDF"), suggestion, _("PDF documents (*.pdf)")
        )
        if not path:
            return False
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        if not confirm_folder(self, target.parent):
            return False
        remember_folder(target.parent)
        try:
            target.write_bytes(data)
        except OSError as error:
            QMessageBox.warning(
                self,
                _("Saving failed"),
                _("The file could not be written:\n{error}").format(error=error.strerror or error),
            )
            return False
        self._archive()
        self._report(_("Saved as {file} at {time}.").format(file=target.name, time=_clock()))
        return True

    def _report(self, text: str) -> None:
        if not self.archived:
            text += " " + _("A copy is kept with the plan.")
        self.status.setText(text)

    def _archive(self) -> None:
        """Keep the copy handed out; an archived printout shown again is not stored twice."""
        data = self.preview.data
        if self.archived or not data:
            return
        language, special = self.choice()
        plan_id, code = self.plan_id, Labels(language).code
        self._ops.run(
            lambda uow: archive_print(uow, plan_id, data, code, special_categories=special),
            parent=self,
            failed=_("Not archived:"),
        )

    # -- closing --------------------------------------------------------------------------

    def wait_for_work(self) -> None:
        """Let a rendering still running finish (closing and tests)."""
        self._pool.waitForDone()

    def done(self, result: int) -> None:
        self._shut_down()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        super().closeEvent(event)
        if event.isAccepted():
            self._shut_down()

    def _shut_down(self) -> None:
        self._closed = True
        self._pending = None
        self._pool.clear()
        self._pool.waitForDone()


def _clock() -> str:
    return datetime.now().strftime("%H:%M")

"""The documents of one record besides the plan: the Stammblatt and the data-protection
information sheet, each previewed in a DocumentDialog to print or save; and the Auskunft
nach Art. 15 DSGVO, written into a chosen folder in the background."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from app.bootstrap import Lotse
from app.i18n import _
from app.models.office_settings import OfficeSettings
from app.models.participant import Participant
from app.services.participants import get_participant
from app.services.settings import load_settings
from ui.mnemonics import escape
from ui.operations import Operations
from ui.widgets.save_location import confirm_folder, remember_folder, suggested_folder

if TYPE_CHECKING:
    from ui.participant.editor import ParticipantEditor


def _record(lotse: Lotse, participant_id: int) -> tuple[Participant, OfficeSettings]:
    with lotse.reading() as uow:
        return get_participant(uow, participant_id), load_settings(uow)


def show_master_sheet(lotse: Lotse, participant_id: int, parent: QWidget) -> None:
    from app.reports.master_sheet import render_master_sheet  # reportlab: when first used
    from ui.plan.print_dialog import file_name_part

    person, settings = _record(lotse, participant_id)
    _show_document(
        _("Stammblatt – {name}").format(name=person.full_name),
        lambda: render_master_sheet(person, settings),
        f"Stammblatt_{file_name_part(person.last_name)}_{date.today().isoformat()}.pdf",
        parent,
    )


def show_privacy_notice(lotse: Lotse, participant_id: int, parent: QWidget) -> None:
    from app.reports.privacy_notice import render_privacy_notice
    from ui.plan.print_dialog import file_name_part

    person, settings = _record(lotse, participant_id)
    _show_document(
        _("Privacy information – {name}").format(name=person.full_name),
        lambda: render_privacy_notice(
            settings, participant_name=person.full_name, program=person.program
        ),
        f"Datenschutzhinweise_{file_name_part(person.last_name)}.pdf",
        parent,
    )


def _show_document(
    title: str, render: Callable[[], bytes], file_name: str, parent: QWidget
) -> None:
    """Preview, print and save one document of the record (modal)."""
    from ui.plan.document_dialog import DocumentDialog

    dialog = DocumentDialog(title, render, file_name, parent)
    dialog.exec()
    dialog.deleteLater()


def export_button(editor: ParticipantEditor) -> QPushButton:
    """The record editor's "Auskunft (Art. 15)…" button (its logic lives here)."""
    button = QPushButton(escape(_("Information (Art. 15)…")), editor)
    button.setToolTip(
        _("Writes everything stored about this person (Art. 15 GDPR) as PDF and JSON into a folder")
    )
    button.clicked.connect(lambda: export_information(editor))
    return button


def export_information(editor: ParticipantEditor) -> None:
    """Ask for a folder, write the Auskunft there off the GUI thread, then name the files."""
    if editor.participant_id is None and not editor.save():
        return
    participant_id = editor.participant_id
    assert participant_id is not None
    chosen = QFileDialog.getExistingDirectory(
        editor,
        _("Information under Art. 15 GDPR – choose a folder"),
        str(suggested_folder()),
    )
    if not chosen:
        return
    folder = Path(chosen)
    if not confirm_folder(editor, folder):
        return
    remember_folder(folder)
    before = _listing(folder)
    ops: Operations = editor._ops  # noqa: SLF001 - the editor's operations
    from app.services.person_export import export_person

    def done(_changes: object) -> None:
        written = sorted(name for name, stamp in _listing(folder).items()
                         if before.get(name) != stamp)  # fmt: skip
        QMessageBox.information(
            editor,
            _("Information under Art. 15 GDPR"),
            "\n".join(
                [
                    _("The information under Art. 15 GDPR was written to {folder}:").format(
                        folder=folder
                    ),
                    *written,
                ]
            ),  # fmt: skip
        )

    ops.run_in_background(
        lambda uow, progress: export_person(uow, progress, participant_id, folder),
        parent=editor,
        title=_("Writing the information under Art. 15 GDPR…"),
        done=done,
        failed=_("The information could not be written:"),
    )


def _listing(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file's modification time and size: what changed is what the export wrote."""
    try:
        return {
            entry.name: (entry.stat().st_mtime_ns, entry.stat().st_size)
            for entry in folder.iterdir()
            if entry.is_file() and not entry.name.startswith(".")
        }
    except OSError:
        return {}

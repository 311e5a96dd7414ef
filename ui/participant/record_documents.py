"""The documents of one record besides the plan: the Stammblatt and the data-protection
information sheet, each previewed in a DocumentDialog to print or save."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QWidget

from app.bootstrap import Lotse
from app.i18n import _
from app.models.office_settings import OfficeSettings
from app.models.participant import Participant
from app.services.participants import get_participant
from app.services.settings import load_settings


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

"""Besuchsblatt of an organisation: preview, print and save (the document dialog).

The organisation editor's "Besuchsblatt…" button calls ``show_visit_sheet``. The data are read
with plain SQL on the GUI thread (a few small queries); the PDF is made in the dialog's pool
thread from those plain values.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.bootstrap import Lotse
from app.i18n import _
from ui.plan.document_dialog import DocumentDialog


def show_visit_sheet(
    lotse: Lotse, organization_id: int, parent: QWidget | None, *, today: date | None = None
) -> DocumentDialog | None:
    """Open the visit sheet of the organisation (window-modal; it deletes itself when
    closed) and return the dialog; None, after a message, when the organisation is gone."""
    from app.reports.visit_sheet import render_visit_sheet  # reportlab: when first used
    from app.services.settings import load_settings
    from app.services.visit_sheet import UnknownOrganization, visit_sheet_data
    from ui.plan.print_dialog import file_name_part

    day = today or date.today()
    try:
        data = visit_sheet_data(lotse.reads, organization_id, day)
    except UnknownOrganization as error:
        QMessageBox.warning(parent, _("Visit sheet"), str(error))
        return None
    settings = load_settings(lotse.reads)
    dialog = DocumentDialog(
        _("Visit sheet – {name}").format(name=data.name),
        lambda: render_visit_sheet(data, settings),
        f"Besuchsblatt_{file_name_part(data.name)}_{day.isoformat()}.pdf",
        parent,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog

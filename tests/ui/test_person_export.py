"""The record editor's "Auskunft (Art. 15)…" button (#19): asks for a folder, writes the
Auskunft there in the background and names the files written."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.services.contact_notes import NoteInput, add_note
from app.vocab import ContactKind
from tests.services.helpers import COMPLETE_CORE, add_person, run
from ui.operations import Operations
from ui.participant.editor import ParticipantEditor
from ui.widgets import save_location

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def test_the_button_writes_the_information_into_the_chosen_folder(
    qtbot, monkeypatch, tmp_path, configured_lotse
):
    lotse = configured_lotse
    pid = add_person(lotse, "Ağaoğlu", "Łucja", **COMPLETE_CORE)
    other = add_person(lotse, "Zwietracht", "Bertolt")
    run(lotse, add_note, pid, NoteInput(NOW, ContactKind.PHONE, "Termin beim Jobcenter"))
    run(lotse, add_note, other, NoteInput(NOW, ContactKind.PHONE, "Geheim ZWEITE"))
    out = tmp_path / "auskunft"
    out.mkdir()
    asked: list[str] = []

    def choose(parent, caption, start):
        asked.append(caption)
        return str(out)

    messages: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: messages.append(text))
    editor = ParticipantEditor(lotse, Operations(lotse), pid)
    qtbot.addWidget(editor)
    button = editor.export_button
    assert button.text().replace("&", "") == "Auskunft (Art. 15)…"
    assert button.parent() is editor

    button.click()
    qtbot.waitUntil(lambda: bool(messages), timeout=15000)

    stem = f"Auskunft_Ağaoğlu_{date.today().isoformat()}"
    assert sorted(p.name for p in out.iterdir()) == [f"{stem}.json", f"{stem}.pdf"]
    assert asked == ["Auskunft nach Art. 15 DSGVO – Ordner wählen"]
    assert messages[0].splitlines() == [
        f"Die Auskunft nach Art. 15 DSGVO wurde in {out} geschrieben:",
        f"{stem}.json",
        f"{stem}.pdf",
    ]
    document = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
    notes = document["Tabellen"]["contact_note"]["Einträge"]
    assert [n["content"] for n in notes] == ["Termin beim Jobcenter"]
    reader = PdfReader(io.BytesIO((out / f"{stem}.pdf").read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Łucja" in text and "Zwietracht" not in text
    assert save_location.suggested_folder() == Path(out)


def test_cancelling_the_folder_dialog_writes_nothing(
    qtbot, monkeypatch, tmp_path, configured_lotse
):
    lotse = configured_lotse
    pid = add_person(lotse, "Ağaoğlu", "Łucja")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a: "")
    editor = ParticipantEditor(lotse, Operations(lotse), pid)
    qtbot.addWidget(editor)
    editor.export_button.click()
    assert list(tmp_path.glob("**/Auskunft_*")) == []

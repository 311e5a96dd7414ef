"""The ESF+ Teilnehmendenliste from the window (#19): the choice box, the file dialog, the run in
the background, the result with the left-out records in its details; both boxes pass the
accessibility audit."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from app.bootstrap import Lotse
from app.progress import Cancelled, Progress
from app.reports.esf_columns import FILE_NAME, shipped_map_path
from tests.services.helpers import COMPLETE_CORE, add_person
from tests.ui import accessibility_audit as audit
from ui import esf_list_export
from ui.mnemonics import plain
from ui.operations import Operations


@pytest.fixture
def people(lotse: Lotse) -> dict[str, int]:
    return {
        "ayse": add_person(lotse, "Şahin", "Ayşe", **{**COMPLETE_CORE, "esf_number": "TN-1"}),
        "ute": add_person(lotse, "Unvollständig", "Ute", **{**COMPLETE_CORE, "gender": None}),
    }


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


class Boxes:
    """Answers the choice box (pseudonymised or not, or cancel) and keeps the other boxes."""

    def __init__(self, answer: bool | None) -> None:
        self.answer = answer
        self.asked: list[str] = []
        self.shown: list[tuple[str, str, str]] = []  # text, informative text, details

    def exec(self, box: QMessageBox) -> int:
        if box.checkBox() is not None:
            self.asked.append(box.text())
            box.checkBox().setChecked(bool(self.answer))
            wanted = "Exportieren…" if self.answer is not None else "Abbrechen"
            next(b for b in box.buttons() if plain(b.text()) == wanted).click()
        else:
            self.shown.append((box.text(), box.informativeText(), box.detailedText()))
        return 0


@pytest.fixture
def boxes(monkeypatch) -> Boxes:
    answers = Boxes(False)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answers.exec(box))
    return answers


def save_as(monkeypatch, path: Path | str, selected: str = "Excel-Arbeitsmappe (*.xlsx)"):
    asked: list[tuple[str, str, str]] = []

    def answer(_parent, caption, suggestion, filters, *args):
        asked.append((caption, suggestion, filters))
        return str(path), selected

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return asked


def test_the_export_writes_the_file_and_lists_who_is_left_out(
    qtbot, monkeypatch, lotse, people, parent, boxes, tmp_path
):
    ops = Operations(lotse)
    asked = save_as(monkeypatch, tmp_path / "liste")  # without a suffix: the filter's
    target = esf_list_export.export_esf_list(parent, lotse, ops, tmp_path)
    assert target == tmp_path / "liste.xlsx"
    qtbot.waitUntil(lambda: bool(boxes.shown), timeout=10000)
    assert "Spalten: " + str(shipped_map_path()) in boxes.asked[0]
    (caption, suggestion, filters) = asked[0]
    assert caption == "ESF+-Teilnehmendenliste"
    assert Path(suggestion).parent == tmp_path
    assert Path(suggestion).name.startswith("ESF-Teilnehmendenliste_")
    assert filters == ("Excel-Arbeitsmappe (*.xlsx);;CSV, durch Semikolon getrennt, UTF-8 (*.csv)")
    ((text, informative, details),) = boxes.shown
    assert text == f"1 Zeile wurde in {target} geschrieben."
    assert informative.startswith("1 Datensatz ist nicht enthalten, weil Angaben fehlen")
    assert "Blatt „Nicht enthalten“" in informative
    assert details == (
        f"Nr. {people['ute']} Unvollständig, Ute – es fehlt: Geschlecht, TN-Nr. im Vorhaben"
    )
    sheet = openpyxl.load_workbook(target)["Teilnehmende"]
    assert [c.value for c in sheet[2]][:3] == ["TN-1", "Şahin", "Ayşe"]


def test_pseudonymised_csv_from_the_filter(
    qtbot, monkeypatch, lotse, people, parent, boxes, tmp_path
):
    boxes.answer = True
    asked = save_as(monkeypatch, tmp_path / "liste", "CSV, durch Semikolon getrennt, UTF-8 (*.csv)")
    target = esf_list_export.export_esf_list(parent, lotse, Operations(lotse), None)
    assert target == tmp_path / "liste.csv"
    qtbot.waitUntil(lambda: bool(boxes.shown), timeout=10000)
    assert Path(asked[0][1]).parent == Path.home()
    assert Path(asked[0][1]).stem.endswith("_pseudonymisiert")
    text = target.read_text(encoding="utf-8-sig")
    assert "Şahin" not in text and text.splitlines()[1].startswith("TN-1;")
    ((text, informative, details),) = boxes.shown
    assert "Pseudonymisiert" in text
    assert "Die CSV-Datei führt sie nicht auf." in informative
    assert "Unvollständig, Ute" in details  # on screen only


def test_cancelling_the_choice_or_the_file_dialog_writes_nothing(
    qtbot, monkeypatch, lotse, people, parent, boxes, tmp_path
):
    asked = save_as(monkeypatch, "")
    assert esf_list_export.export_esf_list(parent, lotse, Operations(lotse), tmp_path) is None
    assert len(asked) == 1
    boxes.answer = None
    assert esf_list_export.export_esf_list(parent, lotse, Operations(lotse), tmp_path) is None
    assert len(asked) == 1  # the file dialog was not asked again
    qtbot.wait(50)
    assert boxes.shown == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_broken_map_is_named_and_nothing_is_asked(
    monkeypatch, lotse, people, parent, boxes, tmp_path
):
    (lotse.paths.root / FILE_NAME).write_text("{ kaputt", encoding="utf-8")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    asked = save_as(monkeypatch, tmp_path / "liste.xlsx")
    assert esf_list_export.export_esf_list(parent, lotse, Operations(lotse), tmp_path) is None
    assert warnings[0].startswith(f"Die Spaltenzuordnung {lotse.paths.root / FILE_NAME} ist")
    assert "kein gültiges JSON" in warnings[0]
    assert boxes.asked == [] and asked == []


def test_a_cancelled_export_leaves_no_file_and_no_message(
    qtbot, monkeypatch, lotse, people, parent, boxes, tmp_path
):
    ops = Operations(lotse)
    cancelled: list[int] = []

    def cancel_at_the_end(_progress: Progress, done: int, total: int) -> None:
        if total and done == total:
            cancelled.append(done)
            raise Cancelled

    monkeypatch.setattr(Progress, "step", cancel_at_the_end)
    save_as(monkeypatch, tmp_path / "liste.xlsx")
    esf_list_export.export_esf_list(parent, lotse, ops, tmp_path)
    qtbot.waitUntil(lambda: bool(cancelled) and not ops._running, timeout=10000)
    qtbot.wait(50)
    assert boxes.shown == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
    assert not lotse.reads.rows("SELECT 1 FROM audit_event WHERE action = 'export'")


def shown(qtbot, box: QMessageBox) -> QMessageBox:
    """As tests/ui/screens.py shows a dialog: modal, shown, active, without exec()."""
    qtbot.addWidget(box, before_close_func=lambda b: b.hide())
    box.setModal(True)
    box.show()
    box.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box)
    for _round in range(3):
        QApplication.processEvents()
    return box


def audit_problems(window: QWidget) -> dict[str, list[str]]:
    chain = audit.tab_chain(window)
    problems = {
        "Alt letter used twice": audit.duplicate_mnemonics(window),
        "underlined letter that does nothing": audit.dead_mnemonics(window),
        "Tab stays in": [audit.describe(chain.trap)] if chain.trap is not None else [],
        "Tab against reading order": audit.reading_order_problems(window, chain),
        "not reached by Tab": audit.unreachable(window, chain),
        "no visible focus mark": [audit.describe(w) for w in chain.focus_marks_missing],
        "no accessible name": audit.unnamed(chain.widgets),
        "name differs from the text shown": audit.names_not_matching_label(chain.widgets),
    }
    assert chain.widgets
    return {kind: items for kind, items in problems.items() if items}


def test_the_choice_box_is_named_and_passes_the_audit(qtbot):
    box, check, export = esf_list_export.options_box(None, shipped_map_path())
    shown(qtbot, box)
    assert plain(check.text()) == "pseudonymisiert (nur TN-Nr.)"
    assert check.accessibleName() == "pseudonymisiert (nur TN-Nr.)"
    assert "Geburtsdatum" in check.accessibleDescription()
    assert export.accessibleName() == "Exportieren…"
    assert box.defaultButton() is export
    assert audit_problems(box) == {}


def test_the_result_box_passes_the_audit(qtbot, lotse, people, tmp_path):
    from app.reports.esf_columns import load_column_map
    from app.services.esf_list import export_esf_list

    with lotse.unit_of_work() as uow:
        result = export_esf_list(
            uow,
            Progress(),
            tmp_path / "l.xlsx",
            pseudonymised=False,
            columns=load_column_map(lotse.paths.root),
        )
    box = shown(qtbot, esf_list_export.result_box(None, result))  # as over a shown window
    assert audit_problems(box) == {}


def test_a_cloud_folder_is_asked_about_and_no_means_no_file(monkeypatch, tmp_path):
    from ui.esf_list_export import ask_file

    cloud = tmp_path / "OneDrive"
    cloud.mkdir()
    monkeypatch.setenv("OneDrive", str(cloud))
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(cloud / "liste.xlsx"), "")
    )
    asked: list[str] = []
    answer = {"button": QMessageBox.StandardButton.No}
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, _t, text, *a: asked.append(text) or answer["button"]
    )
    assert ask_file(None, tmp_path, pseudonymised=False) is None
    answer["button"] = QMessageBox.StandardButton.Yes
    assert ask_file(None, tmp_path, pseudonymised=False) == cloud / "liste.xlsx"
    assert len(asked) == 2 and str(cloud) in asked[0]
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "liste.xlsx"), "")
    )
    assert ask_file(None, tmp_path, pseudonymised=False) == tmp_path / "liste.xlsx"
    assert len(asked) == 2  # a local folder: no question

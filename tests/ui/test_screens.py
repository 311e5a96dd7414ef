"""The catalogue of screens (tests/ui/screens.py) opens every screen, and it cannot go stale: a
new dialog, main window, page, record panel, editor tab or page of the main window without a
screen fails here."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from dataclasses import fields
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

from app.vocab import Program
from tests.ui import screens
from tests.ui.screens import (
    EDITOR_TABS,
    SCREENS,
    Screen,
    ScreenContext,
    ScreenData,
    screen_context,
    screen_id,
)
from ui.main_window import MainWindow
from ui.participant.editor import ParticipantEditor
from ui.security import PausingDialog
from ui.widgets.panels import ParticipantDialog, ParticipantPanel, SavingDialog

pytestmark = pytest.mark.usefixtures("no_unexpected_boxes")
screen_ctx = screens.screen_ctx  # the fixture (and the session template it uses)
screens_template = screens.screens_template

# Bases that are never shown themselves; each of their subclasses needs a screen.
BASES = {ParticipantDialog, SavingDialog, PausingDialog}


def focusable(window: QWidget) -> list[QWidget]:
    """Controls Tab can reach: visible, enabled, taking the focus by Tab."""
    return [
        widget
        for widget in window.findChildren(QWidget)
        if widget.isVisibleTo(window)
        and widget.isEnabled()
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]


def shows(window: QWidget, kind: type) -> bool:
    if not issubclass(kind, QWidget):
        return True
    return isinstance(window, kind) or any(
        child.isVisibleTo(window) for child in window.findChildren(kind)
    )


@pytest.mark.parametrize("screen", SCREENS, ids=screen_id)
def test_each_screen_opens_shown_and_active_with_a_focusable_control(
    screen_ctx: ScreenContext, screen: Screen
):
    window = screen.open(screen_ctx)
    assert window.isWindow() and window.isVisible()
    assert QApplication.activeWindow() is window
    assert window.windowTitle()
    assert focusable(window), "nothing to reach with Tab"
    missing = [kind.__name__ for kind in screen.covers if not shows(window, kind)]
    assert not missing, f"the screen claims to show {missing}"


# The program's ui package. (Under pytest the name "ui" also covers tests/ui, whose modules
# import as "ui.test_…": so neither ``ui.__path__`` nor a module name is trusted here.)
UI_FOLDER = Path(importlib.import_module("ui.main_window").__file__ or "").resolve().parent


def defined_in_ui(kind: type) -> bool:
    """Defined in a module of the ui package (not in a test that subclasses a dialog)."""
    module = sys.modules.get(kind.__module__)
    source = getattr(module, "__file__", None)
    return source is not None and Path(source).resolve().is_relative_to(UI_FOLDER)


def ui_classes(base: type) -> set[type]:
    """Every subclass of ``base`` defined in the ui package (all its modules imported)."""
    for module in pkgutil.walk_packages([str(UI_FOLDER)], "ui."):
        importlib.import_module(module.name)
    found: set[type] = set()
    pending = [base]
    while pending:
        for child in pending.pop().__subclasses__():
            pending.append(child)
            if defined_in_ui(child):
                found.add(child)
    return found


def covered() -> set[type]:
    return {kind for screen in SCREENS for kind in screen.covers}


def test_every_dialog_and_window_of_ui_has_a_screen():
    windows = ui_classes(QDialog) | ui_classes(QMainWindow)
    assert {ParticipantEditor, MainWindow} <= windows
    for base in BASES:
        assert base in windows and any(issubclass(k, base) for k in windows - {base}), base
    missing = sorted(k.__qualname__ for k in windows - BASES - covered())
    assert not missing, f"no screen in tests/ui/screens.py shows {missing}"


def test_every_page_and_record_panel_has_a_screen():
    pages = {
        kind
        for kind in ui_classes(QWidget)
        if kind.__module__.startswith("ui.pages.")
        and kind.__name__.endswith("Page")
        and defined_in_ui(kind)
    }
    pages.discard(importlib.import_module("ui.pages.lazy_page").LazyPage)
    panels = ui_classes(ParticipantPanel)
    assert len(pages) >= 5 and len(panels) >= 4
    missing = sorted(k.__qualname__ for k in (pages | panels) - covered())
    assert not missing, f"no screen in tests/ui/screens.py shows {missing}"


def test_every_page_and_editor_tab_has_a_screen(screen_ctx: ScreenContext, qtbot):
    names = {screen.name for screen in SCREENS}
    assert len(names) == len(SCREENS), "two screens with the same name"
    assert len(SCREENS) >= 39

    window = MainWindow(screen_ctx.lotse)
    qtbot.addWidget(window)
    assert {f"main/{page}" for page in window.page_names()} <= names

    people = {"joko": screen_ctx.joko_id, "training": screen_ctx.training_id}
    for person, program in (("joko", Program.JOKO), ("training", Program.TRAINING)):
        editor = ParticipantEditor(screen_ctx.lotse, screen_ctx.ops, people[person])
        qtbot.addWidget(editor)
        assert tuple(editor.tab_names()) == EDITOR_TABS[program]
        assert {f"editor/{person}/{tab}" for tab in editor.tab_names()} <= names


def test_screen_context_stores_the_same_data_into_a_given_lotse(qtbot, lotse, screens_template):
    ctx = screen_context(qtbot, lotse)
    _paths, data = screens_template
    assert ScreenData(**{f.name: getattr(ctx, f.name) for f in fields(ScreenData)}) == data
    editor = next(s for s in SCREENS if s.name == "editor/joko/Förderplan").open(ctx)
    assert isinstance(editor, ParticipantEditor)
    panel = editor.panel("plan")
    assert panel is not None and panel.versions.versions.rowCount() == 2

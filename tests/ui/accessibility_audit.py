"""What an accessibility audit checks on one window in one state (BITV 2.0 / WCAG 2.1 AA).

The checks work on the real widgets as shown: the Tab chain is walked by pressing Tab, names
are read through Qt's accessibility interface (what a screen reader gets), focus marks are
found by drawing a control with and without the focus. Each check returns readable problems
(an empty list when the window passes), so one test can report all of them at once.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QImage, QRegion
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenuBar,
    QTabBar,
    QWidget,
)

from ui.mnemonics import plain, used_mnemonic

TOLERANCE = 3  # pixels: widgets of one row may differ a little in height
MAX_CHAIN = 400
SECTION_PRESSES = 8  # Tab presses a control may keep the focus (date, hour, minute …)


def describe(widget: QWidget) -> str:
    """A widget as a reader of the test output recognises it."""
    shown = widget.text() if isinstance(widget, QLabel) else _visible_text(widget)
    text = shown or widget.accessibleName() or widget.objectName()
    return f"{type(widget).__name__}({text!r})"


# -- mnemonics ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mnemonic:
    letter: str
    holder: str


def mnemonics(window: QWidget) -> list[Mnemonic]:
    """Every Alt letter that works in ``window`` as it is shown now (hidden pages excluded)."""
    found: list[Mnemonic] = []
    for widget in _shown_widgets(window):
        for text in _mnemonic_texts(widget):
            letter = used_mnemonic(text)
            if letter:
                found.append(Mnemonic(letter, f"{type(widget).__name__}({text!r})"))
    return found


def duplicate_mnemonics(window: QWidget) -> list[str]:
    """Letters used by more than one visible control: Alt+letter then only moves the focus."""
    holders: dict[str, list[str]] = defaultdict(list)
    for mnemonic in mnemonics(window):
        holders[mnemonic.letter].append(mnemonic.holder)
    return [
        f"Alt+{letter.upper()}: {', '.join(names)}"
        for letter, names in sorted(holders.items())
        if len(names) > 1
    ]


def dead_mnemonics(window: QWidget) -> list[str]:
    """Labels meant to have an Alt letter but without a buddy: Qt then shows the '&' itself
    ("&Name:"); an '&' between words ("Kurse & Maßnahmen") is meant."""
    return [
        describe(widget)
        for widget in _shown_widgets(window)
        if isinstance(widget, QLabel)
        and widget.buddy() is None
        and (letter := used_mnemonic(widget.text())) is not None
        and letter.isalnum()
    ]


def _mnemonic_texts(widget: QWidget) -> list[str]:
    if isinstance(widget, QAbstractButton):
        return [widget.text()]
    if isinstance(widget, QLabel) and widget.buddy() is not None:
        return [widget.text()]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count()) if widget.isTabEnabled(i)]
    if isinstance(widget, QMenuBar):
        return [action.text() for action in widget.actions() if action.isVisible()]
    return []


def _shown_widgets(window: QWidget) -> list[QWidget]:
    return [
        widget
        for widget in [window, *window.findChildren(QWidget)]
        if widget.isVisible() and widget.window() is window
    ]


# -- the Tab chain --------------------------------------------------------------------------


@dataclass
class Chain:
    widgets: list[QWidget]
    focus_marks_missing: list[QWidget]
    trap: QWidget | None = None


def tab_chain(
    window: QWidget, *, area: QWidget | None = None, check_focus_marks: bool = True
) -> Chain:
    """Press Tab from where the window put the focus until the focus comes back.

    The chain is returned from its first control in reading order, so that the one step
    back to the top is the last one, which reading_order_problems does not count. A control
    that keeps the focus for a few presses (a date-and-time field goes through its sections)
    is no trap; one that keeps it longer is, unless it is the window's only control.
    ``area``: the part of the window Tab must stay in (an overlay that covers the rest).
    With ``check_focus_marks`` each control is drawn while it has the focus and again after
    it lost it: a control that looks the same both times shows no focus mark.
    """
    stops = tab_stops(window, area)
    if not stops:
        return Chain([], [])
    top_first = _reading_order_key(stops)  # before the walk scrolls a page
    start = QApplication.focusWidget()
    if start not in stops:
        start = min(stops, key=top_first)
        _focus(window, start)
    window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)  # as after a first Tab
    chain: list[QWidget] = []
    missing: list[QWidget] = []
    current = start
    while len(chain) < MAX_CHAIN:
        chain.append(current)
        focused_image = _image(current) if check_focus_marks else None
        following = _press_tab(current)
        if following is None:
            trapped = len(stops) > 1
            return Chain(_from_top(chain, top_first), missing, trap=current if trapped else None)
        if focused_image is not None and _image(current) == focused_image:
            missing.append(current)
        if following is start:
            break
        if following in chain:  # a cycle that leaves the start out: report where it closes
            chain.append(following)
            return Chain(chain, missing)
        current = following
    return Chain(_from_top(chain, top_first), missing)


def _press_tab(widget: QWidget) -> QWidget | None:
    """The control Tab moves to from ``widget``; None when it stays (a trap)."""
    for _press in range(SECTION_PRESSES):
        QTest.keyClick(QApplication.focusWidget() or widget, Qt.Key.Key_Tab)
        QApplication.processEvents()
        following = QApplication.focusWidget()
        if following is None:
            return None
        if following is not widget:
            return following
    return None


def _from_top(chain: list[QWidget], key: Callable[[QWidget], tuple[int, int]]) -> list[QWidget]:
    """The cycle rotated to begin at its first control in reading order."""
    if not chain:
        return chain
    first = chain.index(min(chain, key=key))
    return chain[first:] + chain[:first]


def _reading_order_key(widgets: list[QWidget]) -> Callable[[QWidget], tuple[int, int]]:
    """Top, then left, in the window as it is now (a later walk may scroll pages)."""
    places = {id(w): _in_window(w) for w in widgets}

    def key(widget: QWidget) -> tuple[int, int]:
        place = places.get(id(widget)) or _in_window(widget)
        return place.top(), place.left()

    return key


def tab_stops(window: QWidget, area: QWidget | None = None) -> list[QWidget]:
    """The controls Tab should reach: shown, enabled, taking Tab focus (inside ``area``)."""
    return [
        widget
        for widget in _shown_widgets(window)
        if (area is None or area.isAncestorOf(widget))
        and widget.isEnabled()
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and widget.focusProxy() is None
        and not _inside_closed_popup(widget)
    ]


def unreachable(window: QWidget, chain: Chain, area: QWidget | None = None) -> list[str]:
    reached = set(map(id, chain.widgets))
    return [describe(w) for w in tab_stops(window, area) if id(w) not in reached]


def escapes(chain: Chain, area: QWidget | None) -> list[str]:
    """Controls outside ``area`` that Tab reached (behind a lock overlay, say)."""
    if area is None:
        return []
    return [describe(w) for w in chain.widgets if not area.isAncestorOf(w)]


def reading_order_problems(window: QWidget, chain: Chain) -> list[str]:
    """Steps of the chain that go against reading order.

    A step may go right within a row or down to a later row; it may go up only into a column
    further right (the allowed column move of a two-column form). Two controls are compared
    where they meet: as the children of their lowest common ancestor, so a step into a
    scrolled page compares the page, not a position that depends on the scrolling.
    """
    problems = []
    for a, b in zip(chain.widgets, chain.widgets[1:], strict=False):
        first, second = _meeting_rects(a, b)
        if not _follows(first, second):
            problems.append(f"{describe(a)} → {describe(b)}")
    return problems


def _follows(a: QRect, b: QRect) -> bool:
    below = b.top() >= a.bottom() - TOLERANCE
    if below:
        return True
    above = b.bottom() <= a.top() + TOLERANCE
    if above:
        return b.left() >= a.right() - TOLERANCE
    return b.left() >= a.left() + TOLERANCE or (
        b.left() >= a.left() - TOLERANCE and b.top() > a.top() + TOLERANCE
    )


def _meeting_rects(a: QWidget, b: QWidget) -> tuple[QRect, QRect]:
    ancestors_a = _ancestors(a)
    ancestors_b = _ancestors(b)
    common = next(w for w in ancestors_a if w in ancestors_b)
    return _rect_in(_child_towards(common, ancestors_a, a), common), _rect_in(
        _child_towards(common, ancestors_b, b), common
    )


def _ancestors(widget: QWidget) -> list[QWidget]:
    found = [widget]
    while (parent := found[-1].parentWidget()) is not None:
        found.append(parent)
    return found


def _child_towards(common: QWidget, ancestors: list[QWidget], widget: QWidget) -> QWidget:
    index = ancestors.index(common)
    return ancestors[index - 1] if index > 0 else widget


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    if widget is ancestor:
        return QRect(QPoint(0, 0), widget.size())
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def _in_window(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def _focus(window: QWidget, widget: QWidget) -> None:
    window.activateWindow()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()


def _image(widget: QWidget) -> QImage:
    """What ``widget`` paints itself (and a scroll area's viewport): not its children, whose
    own focus marks would otherwise count for it."""
    QApplication.processEvents()
    image = QImage(widget.size(), QImage.Format.Format_ARGB32)
    image.fill(0)
    own = QWidget.RenderFlag.DrawWindowBackground
    widget.render(image, QPoint(), QRegion(), own)
    if isinstance(widget, QAbstractScrollArea):
        viewport = widget.viewport()
        viewport.render(image, viewport.pos(), QRegion(), own)
    return image


def _inside_closed_popup(widget: QWidget) -> bool:
    return any(w.isWindow() and not w.isVisible() for w in _ancestors(widget))


# -- names ----------------------------------------------------------------------------------


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces.

    On Linux Qt reports a combo box's value as its name and names it through the "labelled
    by" relation instead (qaccessiblewidgets.cpp): there the explicit name or the buddy label
    counts, as Orca reads it.
    """
    if isinstance(widget, QComboBox) and sys.platform != "win32":
        label = _buddy_label(widget)
        return widget.accessibleName() or (plain(label.text()) if label is not None else "")
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def unnamed(widgets: list[QWidget]) -> list[str]:
    return [describe(w) for w in widgets if not accessible_name(w).strip()]


def names_not_matching_label(widgets: list[QWidget]) -> list[str]:
    """WCAG 2.5.3: the spoken name contains the text shown on or beside the control."""
    problems = []
    for widget in widgets:
        shown = _visible_text(widget)
        name = accessible_name(widget)
        if shown and _plain(shown) not in _plain(name):
            problems.append(f"{describe(widget)} is called {name!r}")
    return problems


def _visible_text(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.text()
    label = _buddy_label(widget)
    return label.text() if label is not None else ""


def _buddy_label(widget: QWidget) -> QLabel | None:
    window = widget.window()
    for label in window.findChildren(QLabel):
        if label.buddy() is widget and label.isVisible():
            return label
    return None


def _plain(text: str) -> str:
    return plain(text).strip().rstrip(":…").strip().casefold()


def window_is_main(window: QWidget) -> bool:
    return isinstance(window, QMainWindow)

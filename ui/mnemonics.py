"""Keyboard mnemonics (Alt+letter) for a whole window, chosen in one place.

Alt+letter fires a button, or moves the focus to a label's buddy; when two controls shown at
the same time share a letter, Alt only moves the focus between them and the button never
fires. Translated texts cannot carry fixed letters that stay unique on every screen, so the
letters are assigned per window (as KDE's KAcceleratorManager does):

- a window's controls outside its pages (the editor's bottom row, the main window's menu
  titles) take their letters first; each page of a tab widget or stacked widget then gets
  the letters left over, independently of the other pages (only one is shown at a time);
- within a scope the menu titles and tab titles keep theirs, then buttons, then the captions
  and check boxes in the order they were built; a text's own ``&`` letter (from the
  translation) is kept while it is free, otherwise the first free letter at the start of a
  word, then any free letter;
- destructive buttons (``mark_destructive``) get none: "Löschen…" is not one Alt press away.

``ui.keyboard.install`` assigns them whenever a window is shown; a window that builds or
renames controls later (a tab built when first chosen, a heading with a count) calls
``assign_mnemonics(self.window())`` afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QGroupBox,
    QLabel,
    QMenuBar,
    QRadioButton,
    QStackedWidget,
    QTabBar,
    QWidget,
)

DESTRUCTIVE = "lotseDestructive"  # widget property: the button gets no mnemonic

# Ranks within one scope: lower ranks choose first.
_FIXED, _BUTTON, _CAPTION = 0, 1, 2


def escape(text: str) -> str:
    """Show a literal '&' (e.g. "Kurse & Maßnahmen") in a label, button or menu."""
    return text.replace("&", "&&")


def plain(text: str) -> str:
    """``text`` as shown: without its mnemonic '&', with '&&' as '&'."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def used_mnemonic(text: str) -> str | None:
    """The letter after a single '&' in ``text``, lower-cased, if any."""
    index = 0
    while (index := text.find("&", index)) != -1:
        following = text[index + 1 : index + 2]
        if following == "&":
            index += 2
            continue
        return following.lower() or None
    return None


def with_mnemonic(text: str, used: set[str]) -> str:
    """``text`` escaped, with '&' before the first letter not in ``used`` (which is updated)."""
    candidates = [i for i, c in enumerate(text) if c.isalnum() and (i == 0 or text[i - 1] == " ")]
    candidates += [i for i, c in enumerate(text) if c.isalnum() and i not in candidates]
    for i in candidates:
        letter = text[i].lower()
        if letter not in used:
            used.add(letter)
            return escape(text[:i]) + "&" + escape(text[i:])
    return escape(text)


def mark_destructive(button: QAbstractButton) -> None:
    """A button that deletes: it keeps no Alt letter (reached by Tab, and it asks first)."""
    button.setProperty(DESTRUCTIVE, True)
    button.setText(escape(plain(button.text())))


def assign_mnemonics(window: QWidget) -> None:
    """Give every control of ``window`` a letter no other control shown with it uses."""
    _assign(window, set())


@dataclass
class _Holder:
    widget: QWidget
    rank: int
    texts: list[str]  # a menu bar or tab bar holds several

    def set_text(self, text: str) -> None:
        widget = self.widget
        if isinstance(widget, QAbstractButton | QLabel):
            widget.setText(text)
        elif isinstance(widget, QGroupBox):
            widget.setTitle(text)


def _assign(scope: QWidget, reserved: set[str]) -> None:
    holders: list[_Holder] = []
    stacks: list[QStackedWidget] = []
    _collect(scope, holders, stacks)
    taken = set(reserved)
    waiting: list[_Holder] = []
    for holder in sorted(holders, key=lambda h: h.rank):  # sorted() is stable
        if holder.rank == _FIXED:
            taken.update(letter for letter in map(used_mnemonic, holder.texts) if letter)
            continue
        (text,) = holder.texts
        if holder.widget.property(DESTRUCTIVE):
            if used_mnemonic(text):
                holder.set_text(escape(plain(text)))
            continue
        letter = used_mnemonic(text)
        if letter and letter not in taken:
            taken.add(letter)
        else:
            waiting.append(holder)
    for holder in waiting:
        (text,) = holder.texts
        holder.set_text(with_mnemonic(plain(text), taken))
    for stack in stacks:
        for index in range(stack.count()):
            _assign(stack.widget(index), taken)


def _collect(widget: QWidget, holders: list[_Holder], stacks: list[QStackedWidget]) -> None:
    holder = _holder(widget)
    if holder is not None:
        holders.append(holder)
    for child in widget.children():
        if not isinstance(child, QWidget) or child.isWindow():
            continue
        if isinstance(child, QStackedWidget):
            stacks.append(child)
        else:
            _collect(child, holders, stacks)


def _holder(widget: QWidget) -> _Holder | None:
    if isinstance(widget, QMenuBar):
        return _Holder(widget, _FIXED, [action.text() for action in widget.actions()])
    if isinstance(widget, QTabBar):
        return _Holder(widget, _FIXED, [widget.tabText(i) for i in range(widget.count())])
    if isinstance(widget, QCheckBox | QRadioButton):
        return _Holder(widget, _CAPTION, [widget.text()]) if widget.text() else None
    if isinstance(widget, QAbstractButton):
        return _Holder(widget, _BUTTON, [widget.text()]) if widget.text() else None
    if isinstance(widget, QLabel) and widget.buddy() is not None and widget.text():
        return _Holder(widget, _CAPTION, [widget.text()])
    if isinstance(widget, QGroupBox) and used_mnemonic(widget.title()):
        return _Holder(widget, _CAPTION, [widget.title()])  # a titled box whose letter is set
    return None

"""A page of the main window that is built the first time it is chosen or asked for.

The first window only needs the Übersicht; the other pages (and the modules behind them) load
when the user goes there, so that the start stays quick.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.mnemonics import assign_mnemonics


class LazyPage[PageT: QWidget](QWidget):
    def __init__(self, title: str, build: Callable[[], PageT]) -> None:
        super().__init__()
        self.setAccessibleName(title)
        self._build = build
        self._page: PageT | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._page is not None

    def page(self) -> PageT:
        if self._page is None:
            self._page = self._build()
            self._page.setAccessibleName(self.accessibleName())
            cast(QVBoxLayout, self.layout()).addWidget(self._page)
            assign_mnemonics(self.window())  # built after the window was shown
        return self._page

"""A page heading: larger, bold text that stays readable without a stylesheet."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget


def page_heading(text: str, parent: QWidget | None = None, *, level: int = 1) -> QLabel:
    """``level`` 2: a section heading within a page."""
    label = QLabel(text, parent)
    label.setObjectName("pageHeading" if level == 1 else "sectionHeading")
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * (1.6 if level == 1 else 1.2))
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label

"""The read-only list tables of the record and the pages: whole rows, one at a time."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


def read_only_table(
    model: QAbstractItemModel,
    parent: QWidget,
    *,
    stretch_column: int | None = None,
    highlight_sections: bool = False,
    scroll_sideways: bool = True,
) -> QTableView:
    """Row-selecting, not editable, Tab leaves the table; columns fit their contents and
    ``stretch_column`` (default: the last) takes the spare width. ``scroll_sideways`` False:
    long texts are cut (the tooltip has them whole), never scrolled sideways."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch_column is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    header.setHighlightSections(highlight_sections)
    if not scroll_sideways:
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
    return view


def set_column_chars(view: QTableView, widths: Mapping[int, int]) -> None:
    """Columns (number → width in average characters) the user may widen or narrow."""
    header = view.horizontalHeader()
    chars = view.fontMetrics().averageCharWidth()
    for column, width in widths.items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, chars * width)

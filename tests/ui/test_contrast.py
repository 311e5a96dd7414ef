"""Seeing (issue #21, WCAG 2.1 AA): every colour the program draws text in meets 4.5:1 on the
backgrounds it is drawn on, focus marks meet 3:1 — in Qt's light palette and in its dark one —
and overdue or due-today follow-ups are said in words, not by colour alone.

Qt gives its dark Fusion palette only when the platform theme reports a dark colour scheme;
the offscreen platform of the tests never does (``QStyleHints.setColorScheme`` has no effect
there). ``fusion_palette(dark=True)`` builds it the way Qt does (``qt_fusionPalette`` in
qplatformtheme.cpp); with ``dark=False`` the same recipe gives Qt's light palette role for
role (checked below), and under xcb with the GNOME theme, where ``setColorScheme(Dark)`` works,
Qt 6.12's dark palette was equal to it role for role too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QAbstractListModel, QCoreApplication, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QStyleFactory, QWidget

from app.i18n import _
from app.models.participant import Participant
from app.services.caseload import ParticipantRow
from app.services.consents import ConsentRow
from app.services.follow_up_lists import FollowUpRow
from app.vocab import ConsentPurpose, FollowUpKind, ParticipantStatus, Program
from tests.services.helpers import add_person
from tests.ui.helpers import show
from ui import app as ui_app
from ui.pages.overview import Entry, EntryModel
from ui.participant.checklist import CompletenessChecklist
from ui.participant.consents_panel import ConsentModel
from ui.participant.follow_ups_panel import FollowUpModel
from ui.participant.note_dialog import NoteDialog
from ui.participant_table_model import Column, ParticipantTableModel
from ui.plan.plan_panel import PlanPanel
from ui.widgets.colours import (
    MARK_RATIO,
    TEXT_RATIO,
    accessible_palette,
    alert_colour,
    contrast_ratio,
    make_hint,
    muted_colour,
    over,
    positive_colour,
    separator_colour,
    warning_colour,
)

pytestmark = pytest.mark.usefixtures("no_unexpected_boxes")

R, G = QPalette.ColorRole, QPalette.ColorGroup
ENABLED = (G.Active, G.Inactive)
TODAY = date(2026, 11, 24)


def fusion_palette(*, dark: bool) -> QPalette:
    """Qt's Fusion palette, light or dark, built as qt_fusionPalette() builds it."""
    window_text = QColor(240, 240, 240) if dark else QColor(Qt.GlobalColor.black)
    background = QColor(50, 50, 50) if dark else QColor(239, 239, 239)
    base = background.darker(140) if dark else QColor(Qt.GlobalColor.white)
    shade = background.darker(150)
    mid = background.darker(130)
    highlight = QColor(48, 140, 198)
    disabled_text = QColor(130, 130, 130) if dark else QColor(190, 190, 190)
    disabled_highlight = QColor(145, 145, 145)
    shadow = shade.darker(135)
    placeholder = QColor(window_text)
    placeholder.setAlpha(128)
    palette = QPalette(
        window_text, background, background.lighter(150), shade, mid, window_text, base
    )
    palette.setColor(R.Midlight, mid.lighter(110))
    palette.setColor(R.Button, background)
    palette.setColor(R.Shadow, shadow)
    palette.setColor(R.HighlightedText, window_text if dark else QColor(Qt.GlobalColor.white))
    for role in (R.Text, R.WindowText, R.ButtonText):
        palette.setColor(G.Disabled, role, disabled_text)
    palette.setColor(G.Disabled, R.Base, background)
    palette.setColor(G.Disabled, R.Dark, QColor(209, 209, 209).darker(110))
    palette.setColor(G.Disabled, R.Shadow, shadow.lighter(150))
    for group in ENABLED:
        palette.setColor(group, R.Highlight, highlight)
        palette.setColor(group, R.Accent, highlight)
    palette.setColor(G.Disabled, R.Highlight, disabled_highlight)
    palette.setColor(G.Disabled, R.Accent, disabled_highlight)
    palette.setColor(R.PlaceholderText, placeholder)
    if dark:
        palette.setColor(R.Link, highlight)
    return palette


def breeze_dark_palette() -> QPalette:
    """A desktop's own dark theme (the colours of KDE's Breeze Dark): not Qt's."""
    palette = QPalette(fusion_palette(dark=True))
    for role, colour in (
        (R.Window, "#202326"),
        (R.WindowText, "#fcfcfc"),
        (R.Base, "#141618"),
        (R.AlternateBase, "#1d1f22"),
        (R.Text, "#fcfcfc"),
        (R.Button, "#292c30"),
        (R.ButtonText, "#fcfcfc"),
        (R.Highlight, "#3daee9"),
        (R.HighlightedText, "#fcfcfc"),
        (R.Mid, "#31363b"),
    ):
        for group in ENABLED:
            palette.setColor(group, role, QColor(colour))
    return palette


def qt_light_palette() -> QPalette:
    return QStyleFactory.create("Fusion").standardPalette()


PALETTES: dict[str, Callable[[], QPalette]] = {
    "light": qt_light_palette,
    "dark": lambda: fusion_palette(dark=True),
    "breeze-dark": breeze_dark_palette,
}


@pytest.fixture(params=list(PALETTES))
def system_palette(request, qapp) -> QPalette:
    """The palette a system gives, before the program's palette step."""
    return PALETTES[request.param]()


@pytest.fixture
def use_palette(qapp) -> Iterator[Callable[[QPalette], QPalette]]:
    """Set the application palette for one test; the one before is back afterwards."""
    saved = QPalette(qapp.palette())
    explicit = QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_SetPalette)

    def use(palette: QPalette) -> QPalette:
        qapp.setPalette(palette)
        return qapp.palette()

    yield use
    qapp.setPalette(saved if explicit else QPalette())
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_SetPalette, explicit)


def lists_and_window(palette: QPalette) -> dict[str, QColor]:
    return {
        "Base": palette.color(G.Active, R.Base),
        "AlternateBase": palette.color(G.Active, R.AlternateBase),
        "Window": palette.color(G.Active, R.Window),
    }


def assert_readable(colour: QColor, backgrounds: dict[str, QColor], what: str, ratio=TEXT_RATIO):
    for name, background in backgrounds.items():
        found = contrast_ratio(colour, background)
        assert found >= ratio, f"{what} {colour.name()} on {name} {background.name()}: {found:.2f}"


# --- the formula -------------------------------------------------------------------------------


def test_contrast_ratio_of_known_pairs():
    black, white = QColor("#000000"), QColor("#ffffff")
    assert contrast_ratio(black, white) == pytest.approx(21.0)
    assert contrast_ratio(white, black) == pytest.approx(21.0)  # the order does not matter
    assert contrast_ratio(QColor("#777777"), white) == pytest.approx(4.48, abs=0.005)
    assert contrast_ratio(QColor("#767676"), white) == pytest.approx(4.54, abs=0.005)
    assert contrast_ratio(QColor("#308cc6"), white) == pytest.approx(3.69, abs=0.005)
    assert contrast_ratio(QColor("#b3261e"), QColor("#b3261e")) == pytest.approx(1.0)


def test_a_translucent_colour_counts_as_painted_on_its_background():
    half_black = QColor(0, 0, 0, 128)  # Qt's placeholder text in the light palette
    seen = over(half_black, QColor("#ffffff"))
    assert seen.name() == "#7f7f7f"
    assert contrast_ratio(seen, QColor("#ffffff")) == pytest.approx(4.0, abs=0.01)


def test_the_recipe_gives_qts_light_palette_role_for_role(qapp):
    qt, recipe = qt_light_palette(), fusion_palette(dark=False)
    for group in (G.Active, G.Inactive, G.Disabled):
        for role in R:
            if role == R.NColorRoles:
                continue
            assert recipe.color(group, role).rgba() == qt.color(group, role).rgba(), (group, role)


# --- the palette step (ui.app) ----------------------------------------------------------------


def test_qts_palettes_miss_the_ratios_that_the_palette_step_fixes(qapp):
    """Before: the figures of the audit (so that the tests below test something)."""
    light, dark = qt_light_palette(), fusion_palette(dark=True)
    white_on_blue = contrast_ratio(light.color(R.HighlightedText), light.color(R.Highlight))
    assert white_on_blue == pytest.approx(3.69, abs=0.01)
    light_on_blue = contrast_ratio(dark.color(R.HighlightedText), dark.color(R.Highlight))
    assert light_on_blue == pytest.approx(3.24, abs=0.01)
    placeholder = over(light.color(R.PlaceholderText), light.color(R.Base))
    assert contrast_ratio(placeholder, light.color(R.Base)) == pytest.approx(4.0, abs=0.01)
    disabled = light.color(G.Disabled, R.WindowText)  # the greyed hint labels
    assert contrast_ratio(disabled, light.color(R.Window)) == pytest.approx(1.62, abs=0.01)
    assert contrast_ratio(QColor("#b3261e"), dark.color(R.Base)) < 2.4  # the old fixed red


def test_every_text_role_meets_the_ratios(system_palette):
    palette = accessible_palette(system_palette)
    for group in ENABLED:
        lists = {
            "Base": palette.color(group, R.Base),
            "AlternateBase": palette.color(group, R.AlternateBase),
        }
        assert_readable(palette.color(group, R.Text), lists, "Text")
        window = {"Window": palette.color(group, R.Window)}
        assert_readable(palette.color(group, R.WindowText), window, "WindowText")
        button = {"Button": palette.color(group, R.Button)}
        assert_readable(palette.color(group, R.ButtonText), button, "ButtonText")
        placeholder = palette.color(group, R.PlaceholderText)
        assert placeholder.alpha() == 255
        assert_readable(placeholder, lists_and_window(palette), "PlaceholderText")
        highlight = palette.color(group, R.Highlight)
        selected = {"Highlight": highlight}
        assert_readable(palette.color(group, R.HighlightedText), selected, "HighlightedText")
        # the selection and the focus frame stand out from the window and the lists
        assert_readable(highlight, lists_and_window(palette), "Highlight", MARK_RATIO)


def test_the_palette_step_keeps_what_already_meets_the_ratios(qapp):
    light = accessible_palette(qt_light_palette())
    assert light.color(R.Text) == QColor("#000000")
    assert light.color(R.Window) == QColor("#efefef")
    assert light.color(R.HighlightedText) == QColor("#ffffff")
    assert light.color(R.Highlight).name() == "#2b7caf"  # Qt's blue, a little darker
    dark = accessible_palette(fusion_palette(dark=True))
    assert dark.color(R.Highlight) == QColor("#308cc6")  # stands out from the dark window …
    assert dark.color(R.HighlightedText) == QColor("#000000")  # … and carries black text
    assert dark.color(R.Text) == QColor(240, 240, 240)


def test_application_setup_installs_the_palette_unless_high_contrast(
    qapp, use_palette, monkeypatch
):
    system = use_palette(qt_light_palette())
    monkeypatch.setattr(ui_app, "_high_contrast", lambda: True)
    ui_app._install_palette(qapp)
    assert qapp.palette().color(R.Highlight) == system.color(R.Highlight)  # left alone
    assert qapp.palette().color(R.PlaceholderText).alpha() == 128

    monkeypatch.setattr(ui_app, "_high_contrast", lambda: False)
    ui_app._install_palette(qapp)
    wanted = accessible_palette(system)
    for group in ENABLED:
        for role in (R.Highlight, R.HighlightedText, R.PlaceholderText, R.Text):
            assert qapp.palette().color(group, role) == wanted.color(group, role), (group, role)


# --- colours taken from the palette -----------------------------------------------------------


@pytest.mark.parametrize(
    "colour_of",
    [muted_colour, alert_colour, positive_colour, warning_colour],
    ids=lambda f: f.__name__,
)
def test_derived_colours_meet_the_ratio_on_lists_and_window(system_palette, colour_of):
    palette = accessible_palette(system_palette)
    assert_readable(colour_of(palette), lists_and_window(palette), colour_of.__name__)


def test_the_separator_of_the_contact_history_meets_the_mark_ratio(system_palette):
    palette = accessible_palette(system_palette)
    lists = {"Base": palette.color(R.Base), "AlternateBase": palette.color(R.AlternateBase)}
    assert_readable(separator_colour(palette), lists, "separator", MARK_RATIO)


def test_the_hues_stay_and_change_only_in_a_dark_palette(qapp):
    light = accessible_palette(qt_light_palette())
    assert alert_colour(light) == QColor("#b3261e")
    assert positive_colour(light) == QColor("#1b6e2d")
    assert warning_colour(light) == QColor("#9a5000")
    dark = accessible_palette(fusion_palette(dark=True))
    for colour_of, hue in ((alert_colour, "#b3261e"), (positive_colour, "#1b6e2d")):
        made = colour_of(dark)
        assert made.lightnessF() > QColor(hue).lightnessF()  # lighter on the dark base
        assert made.hslHue() == pytest.approx(QColor(hue).hslHue(), abs=4)  # still red, green
    assert muted_colour(light) != light.color(R.Text)  # a grey, not the text colour


# --- what the screens draw --------------------------------------------------------------------


def participant_row(pid: int, next_follow_up: date | None, missing: int) -> ParticipantRow:
    return ParticipantRow(
        pid,
        f"Person{pid}",
        "Ana",
        Program.JOKO.value,
        ParticipantStatus.ACTIVE.value,
        "2026-01-05",
        next_follow_up.isoformat() if next_follow_up else None,
        None,
        None,
        "",
        missing,
    )


def participant_model() -> ParticipantTableModel:
    rows = {
        1: participant_row(1, TODAY - timedelta(days=3), 0),  # overdue, complete
        2: participant_row(2, TODAY + timedelta(days=3), 4),  # later, incomplete
    }
    model = ParticipantTableModel(lambda ids: [rows[i] for i in ids], today=lambda: TODAY)
    model.set_ids([1, 2])
    return model


def follow_up_model(*, with_person: bool) -> FollowUpModel:
    def row(fid: int, due: date, *, done: bool = False) -> FollowUpRow:
        return FollowUpRow(fid, due, f"Anruf {fid}", FollowUpKind.MANUAL, 1, "Ana Person", done)

    model = FollowUpModel(with_person=with_person)
    rows = [
        row(1, TODAY - timedelta(days=10)),  # overdue
        row(2, TODAY),  # due today
        row(3, TODAY + timedelta(days=5)),
        row(4, TODAY - timedelta(days=30), done=True),
    ]
    model.set_rows(rows, TODAY)
    return model


def consent_model() -> ConsentModel:
    model = ConsentModel()
    model.set_rows(
        [
            ConsentRow(1, ConsentPurpose.SHARE_JOB_CENTER, "Jobcenter", TODAY, "v1", "", TODAY),
            ConsentRow(2, ConsentPurpose.SHARE_JOB_CENTER, "Jobcenter", TODAY, "v1", "", None),
        ]
    )
    return model


def overdue_entries() -> EntryModel:
    model = EntryModel(alert=True)
    model.set_entries([Entry("22.11.2026 · Amal Haddad: Titel verlängern", 1)])
    return model


def foregrounds(model) -> list[tuple[int, int, QColor]]:
    found = []
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
    for row in range(model.rowCount()):
        for column in range(columns):
            value = model.index(row, column).data(Qt.ItemDataRole.ForegroundRole)
            if value is not None:
                found.append((row, column, value.color() if hasattr(value, "color") else value))
    return found


@pytest.mark.parametrize("name", list(PALETTES))
def test_the_models_colours_meet_the_ratio_on_both_row_colours(name, use_palette):
    palette = use_palette(accessible_palette(PALETTES[name]()))
    lists = {"Base": palette.color(R.Base), "AlternateBase": palette.color(R.AlternateBase)}
    models = {
        "Teilnehmende": (participant_model(), 3),  # overdue date, ✓, "4 fehlen"
        "Wiedervorlagen": (follow_up_model(with_person=True), 4 + 4),  # overdue, done rows
        "record's follow-ups": (follow_up_model(with_person=False), 4 + 4),
        "consents": (consent_model(), 6),  # the withdrawn row
        "Übersicht: overdue": (overdue_entries(), 1),
    }
    for what, (model, expected) in models.items():
        coloured = foregrounds(model)
        assert len(coloured) == expected, what
        for row, column, colour in coloured:
            assert_readable(colour, lists, f"{what} row {row} column {column}")


def test_done_follow_ups_and_withdrawn_consents_are_muted_not_disabled(use_palette):
    palette = use_palette(accessible_palette(qt_light_palette()))
    follow_ups, consents = follow_up_model(with_person=False), consent_model()
    done = follow_ups.index(3, 1).data(Qt.ItemDataRole.ForegroundRole)
    assert done == muted_colour(palette)
    withdrawn = consents.index(0, 1).data(Qt.ItemDataRole.ForegroundRole)
    assert withdrawn == muted_colour(palette)
    assert withdrawn != palette.color(G.Disabled, R.Text)


# --- not by colour alone ------------------------------------------------------------------------


def test_overdue_and_due_today_follow_ups_say_so_in_words(qapp):
    model = follow_up_model(with_person=True)
    overdue, today, later = (model.index(row, 0) for row in range(3))
    assert overdue.data() == "14.11.2026 · überfällig"
    assert overdue.data(Qt.ItemDataRole.AccessibleTextRole) == "14.11.2026, überfällig"
    assert today.data() == "24.11.2026 · heute"
    assert today.data(Qt.ItemDataRole.AccessibleTextRole) == "24.11.2026, heute fällig"
    assert later.data() == later.data(Qt.ItemDataRole.AccessibleTextRole) == "29.11.2026"
    # both bold, so the colour is not what tells them apart
    assert overdue.data(Qt.ItemDataRole.FontRole).bold()
    assert today.data(Qt.ItemDataRole.FontRole).bold()
    assert later.data(Qt.ItemDataRole.FontRole) is None
    # a done one is not overdue, whatever its date
    of_the_record = follow_up_model(with_person=False)
    assert of_the_record.index(3, 0).data() == "25.10.2026"


def test_an_overdue_date_in_the_participant_list_is_marked_and_spoken(qapp):
    model = participant_model()
    overdue = model.index(0, Column.NEXT_FOLLOW_UP)
    assert overdue.data() == "21.11.2026 ⚠"
    assert overdue.data(Qt.ItemDataRole.AccessibleTextRole) == "21.11.2026, überfällig"
    assert overdue.data(Qt.ItemDataRole.ToolTipRole) == "überfällig"
    assert overdue.data(Qt.ItemDataRole.FontRole).bold()
    later = model.index(1, Column.NEXT_FOLLOW_UP)
    assert later.data() == later.data(Qt.ItemDataRole.AccessibleTextRole) == "27.11.2026"
    # the completeness column has words and a badge besides its colour
    assert model.index(0, Column.COMPLETENESS).data() == "✓"
    assert model.index(1, Column.COMPLETENESS).data() == "4 fehlen"


# --- hint labels ---------------------------------------------------------------------------------


def assert_readable_label(label: QLabel) -> None:
    palette = label.palette()
    assert label.isEnabled(), label.text()
    backgrounds = {"Window": palette.color(R.Window), "Base": palette.color(R.Base)}
    for group in ENABLED:
        assert_readable(palette.color(group, R.WindowText), backgrounds, repr(label.text()))


def test_a_hint_is_enabled_muted_and_follows_the_palette(qtbot, qapp, use_palette):
    dark = use_palette(accessible_palette(fusion_palette(dark=True)))
    holder = QWidget()
    qtbot.addWidget(holder)
    hint = make_hint(QLabel("Syrien", holder))
    assert hint.isEnabled()
    assert hint.palette().color(R.WindowText) == muted_colour(dark)
    assert hint.palette().color(R.WindowText) != dark.color(R.WindowText)  # a grey
    assert_readable_label(hint)

    ui_app._follow_system_palette(qapp)  # the system switches (offscreen: to Qt's light one)
    assert hint.palette().color(R.Window) == QColor("#efefef")
    assert hint.palette().color(R.WindowText) == muted_colour(qapp.palette())
    assert hint.palette().color(R.WindowText).name() == "#6c6c6c"
    assert_readable_label(hint)


def test_the_hints_of_the_screens_are_enabled_and_readable(qtbot, lotse, ops, use_palette):
    from ui.participant.editor import ParticipantEditor

    for palette in (qt_light_palette(), fusion_palette(dark=True)):
        use_palette(accessible_palette(palette))
        pid = add_person(lotse, "Haddad", "Amal", birth_country="SY")
        editor = ParticipantEditor(lotse, ops, participant_id=pid)
        qtbot.addWidget(editor)
        country = [label for label in editor.findChildren(QLabel) if label.text() == "Syrien"]
        assert len(country) == 1
        assert_readable_label(country[0])

        dialog = show(qtbot, NoteDialog(lotse, ops, pid))
        keys = _("Ctrl+Enter saves, Esc cancels.")
        (hint,) = [label for label in dialog.findChildren(QLabel) if label.text() == keys]
        assert_readable_label(hint)
        dialog.reject()

        panel = PlanPanel(lotse, ops, pid)
        qtbot.addWidget(panel)
        assert_readable_label(panel.status_hint)


def test_the_checklist_marks_are_readable_in_both_palettes(qtbot, use_palette):
    for palette in (qt_light_palette(), fusion_palette(dark=True)):
        applied = use_palette(accessible_palette(palette))
        checklist = CompletenessChecklist()
        qtbot.addWidget(checklist)
        checklist.update_from(Participant(last_name="Haddad", first_name="Amal"))
        missing = checklist.findChild(QLabel, "check_birth_date")
        present = checklist.findChild(QLabel, "check_last_name")
        assert missing.palette().color(R.WindowText) == alert_colour(applied)
        assert present.palette().color(R.WindowText) == positive_colour(applied)
        for label in (missing, present, checklist.summary):
            assert_readable_label(label)


def test_colours_follow_a_palette_change_of_the_application(use_palette):
    light = use_palette(accessible_palette(qt_light_palette()))
    model = follow_up_model(with_person=True)
    in_light = model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole)
    dark = use_palette(accessible_palette(fusion_palette(dark=True)))
    in_dark = model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert in_light == alert_colour(light) and in_dark == alert_colour(dark)
    assert in_light != in_dark
    assert QApplication.palette().color(R.Window) == QColor(50, 50, 50)

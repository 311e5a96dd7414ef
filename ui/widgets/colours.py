"""Colours that stay readable: the WCAG 2.1 contrast ratio and colours taken from the palette.

WCAG 2.1 AA asks for 4.5:1 between text and its background (1.4.3) and 3:1 for focus marks and
other marks needed to use the screen (1.4.11). A fixed colour cannot promise that in every
palette (the dark red #b3261e on Qt's dark base is 2.0:1), so the screens take their grey, red,
green and amber from here: a hue made lighter or darker, by the smallest step, until it meets
the ratio against every background it is drawn on (Base, AlternateBase of striped rows, Window).
The results follow the palette: a dark system theme gets light colours of the same hues.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

TEXT_RATIO = 4.5  # WCAG 2.1 AA, 1.4.3: text and images of text
MARK_RATIO = 3.0  # WCAG 2.1 AA, 1.4.11: focus marks, lines that separate content

_ROLE = QPalette.ColorRole
_GROUP = QPalette.ColorGroup
_ENABLED_GROUPS = (_GROUP.Active, _GROUP.Inactive)
_STEPS = 255  # lightness steps searched between black and white

# The hues; in a light palette they are used as they are (each meets 4.5:1 on white and on
# #efefef), in a dark one they are made lighter.
ALERT_HUE = QColor("#b3261e")  # red: overdue, missing, withdrawn
POSITIVE_HUE = QColor("#1b6e2d")  # green: complete, filled in
WARNING_HUE = QColor("#9a5000")  # amber: incomplete


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.1 relative luminance of an opaque sRGB colour: 0 (black) to 1 (white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


def contrast_ratio(first: QColor, second: QColor) -> float:
    """The WCAG 2.1 contrast ratio of two opaque colours, 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def over(colour: QColor, background: QColor) -> QColor:
    """``colour`` painted on the opaque ``background``: what the eye sees of a translucent one
    (Qt's default placeholder text is the text colour at half opacity)."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        colour.redF() * alpha + background.redF() * (1 - alpha),
        colour.greenF() * alpha + background.greenF() * (1 - alpha),
        colour.blueF() * alpha + background.blueF() * (1 - alpha),
    )


def mixed(first: QColor, second: QColor, share: float) -> QColor:
    """``share`` of ``first`` and the rest of ``second`` (0.5: halfway between them)."""
    return QColor.fromRgbF(
        first.redF() * share + second.redF() * (1 - share),
        first.greenF() * share + second.greenF() * (1 - share),
        first.blueF() * share + second.blueF() * (1 - share),
    )


def least_contrast(colour: QColor, backgrounds: Iterable[QColor]) -> float:
    return min(contrast_ratio(colour, background) for background in backgrounds)


def readable(colour: QColor, backgrounds: Iterable[QColor], ratio: float = TEXT_RATIO) -> QColor:
    """``colour`` when it meets ``ratio`` against every background; otherwise the same hue and
    saturation, darker or lighter by the smallest step that meets it (black or white, the
    better of the two, when no step does)."""
    grounds = tuple(QColor(background) for background in backgrounds)
    key = (colour.rgba(), tuple(background.rgba() for background in grounds), ratio)
    return QColor(_readable(*key))


@lru_cache(maxsize=256)
def _readable(rgba: int, grounds: tuple[int, ...], ratio: float) -> int:
    colour = QColor.fromRgba(rgba)
    colour.setAlpha(255)
    backgrounds = [QColor.fromRgba(ground) for ground in grounds]
    if not backgrounds or least_contrast(colour, backgrounds) >= ratio:
        return colour.rgba()
    hue, saturation, lightness = _hsl(colour)
    start = round(lightness * _STEPS)
    for distance in range(1, _STEPS + 1):  # the nearest lightness that meets the ratio
        for step in (start - distance, start + distance):
            if 0 <= step <= _STEPS:
                candidate = _from_hsl(hue, saturation, step / _STEPS)
                if least_contrast(candidate, backgrounds) >= ratio:
                    return candidate.rgba()
    extremes = (QColor(Qt.GlobalColor.black), QColor(Qt.GlobalColor.white))
    return max(extremes, key=lambda extreme: least_contrast(extreme, backgrounds)).rgba()


def _from_hsl(hue: float, saturation: float, lightness: float) -> QColor:
    """The colour in 8-bit RGB, as it is painted: the ratio is checked on what is shown."""
    return QColor.fromRgba(QColor.fromHslF(hue, saturation, lightness).rgba())


def _hsl(colour: QColor) -> tuple[float, float, float]:
    hue = colour.hslHueF()
    if hue < 0:  # a grey: no hue
        return 0.0, 0.0, colour.lightnessF()
    return hue, colour.hslSaturationF(), colour.lightnessF()


# -- colours for a palette ----------------------------------------------------------------------


def text_backgrounds(palette: QPalette) -> tuple[QColor, ...]:
    """Where the screens draw text: list and field background, striped rows, the window."""
    return tuple(
        palette.color(_GROUP.Active, role)
        for role in (_ROLE.Base, _ROLE.AlternateBase, _ROLE.Window)
    )


def muted_colour(palette: QPalette) -> QColor:
    """A grey for secondary text (hints, done follow-ups, withdrawn consents): halfway between
    the text and the window, brought to 4.5:1 against every background."""
    text = palette.color(_GROUP.Active, _ROLE.Text)
    window = palette.color(_GROUP.Active, _ROLE.Window)
    return readable(mixed(text, window, 0.5), text_backgrounds(palette))


def alert_colour(palette: QPalette) -> QColor:
    """Red for what needs attention: overdue, missing, withdrawn."""
    return readable(ALERT_HUE, text_backgrounds(palette))


def positive_colour(palette: QPalette) -> QColor:
    """Green for what is complete or filled in."""
    return readable(POSITIVE_HUE, text_backgrounds(palette))


def warning_colour(palette: QPalette) -> QColor:
    """Amber for what is incomplete but not urgent."""
    return readable(WARNING_HUE, text_backgrounds(palette))


def separator_colour(palette: QPalette) -> QColor:
    """A line between entries of a list (the Kontaktverlauf): the palette's Mid, at 3:1."""
    grounds = tuple(
        palette.color(_GROUP.Active, role) for role in (_ROLE.Base, _ROLE.AlternateBase)
    )
    return readable(palette.color(_GROUP.Active, _ROLE.Mid), grounds, MARK_RATIO)


def selection_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """Highlight and HighlightedText such that the selected text meets 4.5:1 on the highlight
    and the highlight (selection, focus frame) meets 3:1 against the window and the lists.

    The palette's pair when it does; else its highlight made darker or lighter by the smallest
    step, with its own highlighted text, or — when no lightness serves both (white text on a
    highlight bright enough to stand out from a dark window) — with black or white text."""
    highlight = palette.color(_GROUP.Active, _ROLE.Highlight)
    text = palette.color(_GROUP.Active, _ROLE.HighlightedText)
    around = text_backgrounds(palette)
    key = (highlight.rgba(), text.rgba(), tuple(colour.rgba() for colour in around))
    chosen_highlight, chosen_text = _selection(*key)
    return QColor.fromRgba(chosen_highlight), QColor.fromRgba(chosen_text)


@lru_cache(maxsize=32)
def _selection(highlight_rgba: int, text_rgba: int, around: tuple[int, ...]) -> tuple[int, int]:
    highlight, text = QColor.fromRgba(highlight_rgba), QColor.fromRgba(text_rgba)
    highlight.setAlpha(255)
    text.setAlpha(255)
    backgrounds = [QColor.fromRgba(colour) for colour in around]
    black, white = QColor(Qt.GlobalColor.black), QColor(Qt.GlobalColor.white)
    other = black if contrast_ratio(black, highlight) > contrast_ratio(white, highlight) else white
    hue, saturation, lightness = _hsl(highlight)
    start = round(lightness * _STEPS)
    for candidate_text in (text, other):
        for distance in range(_STEPS + 1):
            for step in dict.fromkeys((start - distance, start + distance)):
                if not 0 <= step <= _STEPS:
                    continue
                candidate = (
                    highlight if distance == 0 else _from_hsl(hue, saturation, step / _STEPS)
                )
                if (
                    contrast_ratio(candidate_text, candidate) >= TEXT_RATIO
                    and least_contrast(candidate, backgrounds) >= MARK_RATIO
                ):
                    return candidate.rgba(), candidate_text.rgba()
    return highlight.rgba(), other.rgba()  # no highlight serves: at least the text is legible


def accessible_palette(palette: QPalette) -> QPalette:
    """``palette`` with the roles the program draws text in brought to WCAG 2.1 AA, in the
    Active and Inactive groups (disabled controls are exempt): Text, WindowText and ButtonText
    (4.5:1, unchanged when they meet it, as in Qt's light and dark palettes), PlaceholderText
    (Qt's half-transparent text colour is 4.0:1 on white), Highlight and HighlightedText (white
    on Qt's #308cc6 is 3.7:1; see ``selection_colours``)."""
    result = QPalette(palette)
    base = palette.color(_GROUP.Active, _ROLE.Base)
    backgrounds = text_backgrounds(palette)
    highlight, highlighted_text = selection_colours(palette)
    placeholder = readable(
        over(palette.color(_GROUP.Active, _ROLE.PlaceholderText), base), backgrounds
    )
    for group in _ENABLED_GROUPS:
        lists = (palette.color(group, _ROLE.Base), palette.color(group, _ROLE.AlternateBase))
        window = (palette.color(group, _ROLE.Window),)
        button = (palette.color(group, _ROLE.Button),)
        for role, grounds in (
            (_ROLE.Text, lists),
            (_ROLE.WindowText, window),
            (_ROLE.ButtonText, button),
        ):
            result.setColor(group, role, readable(palette.color(group, role), grounds))
        result.setColor(group, _ROLE.PlaceholderText, placeholder)
        result.setColor(group, _ROLE.Highlight, highlight)
        result.setColor(group, _ROLE.HighlightedText, highlighted_text)
    return result


# -- labels ---------------------------------------------------------------------------------------


class _TextColour(QObject):
    """Keeps a label's text in a colour taken from its palette, again when the palette changes
    (another system theme, a palette set on a parent)."""

    def __init__(self, label: QLabel, colour_of: Callable[[QPalette], QColor]) -> None:
        super().__init__(label)
        self.colour_of = colour_of
        label.installEventFilter(self)

    def apply(self, label: QLabel) -> None:
        palette = label.palette()
        colour = self.colour_of(palette)
        if all(palette.color(group, _ROLE.WindowText) == colour for group in _ENABLED_GROUPS):
            return  # also ends the PaletteChange that setPalette sends
        for group in _ENABLED_GROUPS:
            palette.setColor(group, _ROLE.WindowText, colour)
        label.setPalette(palette)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.PaletteChange and isinstance(watched, QLabel):
            self.apply(watched)
        return False


def tint(label: QLabel, colour_of: Callable[[QPalette], QColor]) -> QLabel:
    """Draw ``label``'s text in ``colour_of(its palette)``, e.g. ``alert_colour``; calling it
    again with another function changes the colour."""
    keeper = label.findChild(_TextColour, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if keeper is None:
        keeper = _TextColour(label, colour_of)
    keeper.colour_of = colour_of
    keeper.apply(label)
    return label


def make_hint(label: QLabel) -> QLabel:
    """A caption or hint drawn in the muted grey and left enabled: a disabled label is 1.6:1
    in Qt's light palette, and screen readers call it unavailable."""
    label.setEnabled(True)
    return tint(label, muted_colour)

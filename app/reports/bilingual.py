"""Labels for printed documents: German, or "German / second language" for bilingual plans.

Fixed labels are English msgids: German comes from the program catalog (``_``), the second
language from its own catalog (``translator(lang)``). What the user typed is never translated.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from app.i18n import PROGRAM_LANGUAGE, _, translator
from app.reports.languages import SECOND_LANGUAGES
from app.vocab import LabeledEnum

# Second languages a plan can be printed in, with their names as the UI shows them (msgids).
# Arabic, Farsi and Pashto are left out on purpose: reportlab needs ReportLab's own `rlbidi`
# (not on PyPI) to order right-to-left text; without it, shaped Arabic words print in
# left-to-right order. python-bidi + arabic-reshaper get single lines right for Arabic and Farsi
# but not wrapped lines, and Pashto letters such as ښ ځ څ ګ ڼ ۍ have no presentation forms.
SEPARATOR = " / "
SECOND_COLOUR = "#555555"


def language_name(code: str) -> str:
    return _(SECOND_LANGUAGES[code])


def enum_msgid(member: LabeledEnum) -> str:
    """The English msgid of a vocabulary entry (to translate it into a second language)."""
    return member._label_msgid


class Labels:
    """Translate fixed labels for one printout: German only, or German plus a second language."""

    def __init__(self, language: str | None = None) -> None:
        code = (language or PROGRAM_LANGUAGE).strip().lower()
        if code != PROGRAM_LANGUAGE and code not in SECOND_LANGUAGES:
            raise ValueError(f"unsupported second language: {language!r}")
        self.second_language = None if code == PROGRAM_LANGUAGE else code
        self._second = translator(code) if self.second_language else None

    @property
    def bilingual(self) -> bool:
        return self._second is not None

    @property
    def code(self) -> str:
        """What PlanPrint.language stores: "de" or e.g. "de+uk"."""
        if self.second_language is None:
            return PROGRAM_LANGUAGE
        return f"{PROGRAM_LANGUAGE}+{self.second_language}"

    def pair(self, msgid: str) -> tuple[str, str | None]:
        """German text and the second-language text (None when monolingual or identical)."""
        german = _(msgid)
        if self._second is None:
            return german, None
        other = self._second(msgid)
        return german, None if other == german else other

    def text(self, msgid: str) -> str:
        """Plain text, "Ziele / Goals" (for the canvas and the PDF metadata)."""
        german, other = self.pair(msgid)
        return german if other is None else f"{german}{SEPARATOR}{other}"

    def markup(self, msgid: str, *, stacked: bool = False) -> str:
        """Paragraph markup: the second language set off in grey oblique.

        ``stacked`` puts it on a line of its own (narrow table headers).
        """
        german, other = self.pair(msgid)
        if other is None:
            return escape(german)
        separator = "<br/>" if stacked else SEPARATOR
        return (
            f"{escape(german)}{separator}"
            f'<font color="{SECOND_COLOUR}"><i>{escape(other)}</i></font>'
        )

    def enum_markup(self, member: LabeledEnum | None) -> str:
        return "" if member is None else self.markup(enum_msgid(member))

    def format_markup(self, msgid: str, **values: str) -> str:
        """A label with placeholders; values are inserted escaped into both languages."""
        german, other = self.pair(msgid)
        safe = {key: escape(value) for key, value in values.items()}
        german_text = escape(german).format(**safe)
        if other is None:
            return german_text
        other_text = escape(other).format(**safe)
        return f'{german_text}{SEPARATOR}<font color="{SECOND_COLOUR}"><i>{other_text}</i></font>'

    def format_text(self, msgid: str, **values: str) -> str:
        german, other = self.pair(msgid)
        if other is None:
            return german.format(**values)
        return f"{german.format(**values)}{SEPARATOR}{other.format(**values)}"

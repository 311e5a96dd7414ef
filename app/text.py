"""Text folding for search: one function for the index and the query.

SQLite's FTS5 ``remove_diacritics`` does not fold ł, ß, ø, đ or ı, and German users type
"ue" for "ü": fold those here, before indexing and before querying.
"""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not take apart (after casefold, so lower case suffices).
_SPECIAL = (("ł", "l"), ("ø", "o"), ("đ", "d"), ("ı", "i"), ("æ", "ae"), ("œ", "oe"), ("þ", "th"))
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_UMLAUT_WORD = re.compile(r"\w*[äöü]\w*")
_UMLAUT_SPELLING = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without diacritics: "Łukasz Şahin-Müller" → "lukasz sahin-muller"."""
    text = text.casefold()  # also ß → ss
    if text.isascii():
        return text
    for letter, plain in _SPECIAL:
        if letter in text:
            text = text.replace(letter, plain)
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def index_text(text: str) -> str:
    """Folded words, plus the "ue/oe/ae" spelling of every word with an umlaut."""
    lowered = text.casefold()
    folded = fold(lowered)
    variants = _UMLAUT_WORD.findall(unicodedata.normalize("NFC", lowered))
    if not variants:
        return folded
    return folded + " " + fold(" ".join(variants).translate(_UMLAUT_SPELLING))


def canonical(text: str) -> str:
    """The stored form of a text: NFC (canonically equivalent, so nothing visible changes),
    without surrounding white space."""
    return unicodedata.normalize("NFC", text).strip()

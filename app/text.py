"""Text folding for search: one function for the index and the query.

SQLite's FTS5 ``remove_diacritics`` does not fold ł, ß, ø, đ or ı, and German users type
"ue" for "ü": fold those here, before indexing and before querying.
"""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = str.maketrans(
    {
        "ł": "l", "Ł": "l", "ß": "ss", "ẞ": "ss", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
        "ı": "i", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th",
    }
)  # fmt: skip
_UMLAUT_SPELLING = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without diacritics: "Łukasz Şahin-Müller" → "lukasz sahin-muller"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_SPECIAL)


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def index_text(text: str) -> str:
    """Folded words, plus the "ue/oe/ae" spelling of every word with an umlaut."""
    folded = fold(text)
    variants = [
        word.translate(_UMLAUT_SPELLING)
        for word in _WORD.findall(text.casefold())
        if any(ch in word for ch in "äöü")
    ]
    if variants:
        return folded + " " + " ".join(fold(v) for v in variants)
    return folded

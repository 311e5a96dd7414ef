"""Keyboard mnemonics (&-shortcuts) for translated texts, chosen at run time.

Translated labels cannot carry fixed mnemonics that stay unique in every language, so a form
gives each label the first free letter, preferring the start of a word.
"""

from __future__ import annotations


def escape(text: str) -> str:
    """Show a literal '&' (e.g. "Kurse & Maßnahmen") in a label, button or menu."""
    return text.replace("&", "&&")


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

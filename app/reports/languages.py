"""The second languages a document can be printed in (light: the command line imports it)."""

from __future__ import annotations

from app.i18n import N_

SECOND_LANGUAGES: dict[str, str] = {
    "en": N_("English"),
    "uk": N_("Ukrainian"),
    "tr": N_("Turkish"),
    "ru": N_("Russian"),
    "fr": N_("French"),
}

"""DejaVu Sans for every PDF: the built-in Helvetica cannot print ğ, ş, Ł, ż or Cyrillic."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.paths import resource_dir

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
OBLIQUE = "DejaVuSans-Oblique"
FAMILY = REGULAR

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    OBLIQUE: "DejaVuSans-Oblique.ttf",
}
_registered = False


def register_fonts() -> None:
    """Register the DejaVu family once per process; later calls return at once."""
    global _registered
    if _registered:
        return
    folder = resource_dir() / "fonts"
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
    # no bold-oblique face is shipped: bold italic text prints bold
    pdfmetrics.registerFontFamily(
        FAMILY, normal=REGULAR, bold=BOLD, italic=OBLIQUE, boldItalic=BOLD
    )
    _registered = True

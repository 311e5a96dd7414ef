"""Draw Lotse's icon (resources/icons/lotse.png and the Windows lotse.ico with 16–256 px).

    .venv/bin/python scripts/make_icon.py

A white "L" in DejaVu Sans Bold on a dark-blue rounded square with a light band (a
navigational mark): readable at 16 px, contrast far above 4.5:1. Run again after a change;
the files are committed.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "DejaVuSans-Bold.ttf"
SIZE = 256
BLUE = (20, 62, 112, 255)
BAND = (246, 190, 0, 255)
WHITE = (255, 255, 255, 255)
SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((8, 8, SIZE - 8, SIZE - 8), radius=44, fill=BLUE)
    pen.rectangle((8, 178, SIZE - 8, 206), fill=BAND)
    font = ImageFont.truetype(str(FONT), 190)
    pen.text((SIZE // 2 + 4, 112), "L", font=font, fill=WHITE, anchor="mm")
    return image


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    image = draw()
    image.save(ICONS / "lotse.png")
    image.save(ICONS / "lotse.ico", sizes=SIZES)


if __name__ == "__main__":
    main()

"""Random draws and calendar helpers shared by every part of the demo generator.

Weighted choices, quick chances, numbers and picks from the seeded generator, UTC timestamps
on a given day, working days, school years and ASCII slugs for e-mail addresses. Nothing here
knows tables or rows.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from random import Random


class Weighted[T]:
    """Draws items by relative weight; cumulative weights are computed once."""

    def __init__(self, pairs: Iterable[tuple[T, float]]) -> None:
        kept = [(item, weight) for item, weight in pairs if weight > 0]
        self.items = [item for item, _weight in kept]
        self.cumulative = list(accumulate(weight for _item, weight in kept))
        self.total = self.cumulative[-1]

    def draw(self, rng: Random) -> T:
        return self.items[bisect_right(self.cumulative, rng.random() * self.total)]


class Draws:
    """Quick draws from one seeded generator; every draw consumes the same random numbers
    whatever part of the builder makes it, so the same seed gives the same data."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def randint(self, low: int, high: int) -> int:
        """Like Random.randint, several times faster (the bias is far below what matters)."""
        return low + int(self.rng.random() * (high - low + 1))

    def pick[T](self, items: Sequence[T]) -> T:
        return items[int(self.rng.random() * len(items))]

    def day_between(self, first: date, last: date) -> date:
        if last <= first:
            return first
        return first + timedelta(days=self.randint(0, (last - first).days))


def stamp(day: date, minute_of_day: int) -> datetime:
    """A UTC timestamp on ``day``, ``minute_of_day`` minutes after midnight."""
    hour, minute = divmod(minute_of_day, 60)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def workday(day: date) -> date:
    """Saturday and Sunday move back to Friday."""
    weekday = day.weekday()
    return day - timedelta(days=weekday - 4) if weekday > 4 else day


def school_year_start(day: date) -> int:
    return day.year if day.month >= 8 else day.year - 1


def school_year(day: date) -> str:
    start = school_year_start(day)
    return f"{start}/{(start + 1) % 100:02d}"


# Letters NFKD does not reduce to ASCII: German umlauts the German way, ł ß đ ı, Ukrainian.
_FOLD = {
    **str.maketrans("абвгґдезиіїйклмнопрстуфыłđı", "abvhgdezyiiiklmnoprstufyldi", "ьъ"),
    **str.maketrans(
        {
            "ß": "ss",
            "ä": "ae",
            "ö": "oe",
            "ü": "ue",
            "є": "ie",
            "ж": "zh",
            "х": "kh",
            "ц": "ts",
            "ч": "ch",
            "ш": "sh",
            "щ": "shch",
            "ю": "iu",
            "я": "ia",
        }
    ),
}


def slug(text: str) -> str:
    """ASCII for e-mail addresses: Müller → mueller, Łukasz → lukasz, Олена → olena."""
    text = text.lower().translate(_FOLD)
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(char for char in folded if char.isalnum())

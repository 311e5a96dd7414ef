"""The base of every part of the demo builder: what they share while one run writes.

The parts (network, people, profiles, jobs, case children, contacts, plans) draw from the
same seeded generator and queue rows in the same ``RowWriter``; ``Run`` carries both with the
reference dates and the coordinator's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from random import Random

from app.demo import names, places
from app.demo.distributions import Draws
from app.demo.writer import RowWriter
from app.vocab import Gender


@dataclass(frozen=True)
class Run:
    """One generator run: seeded draws, the row queue, "today" and the note author."""

    rng: Random
    writer: RowWriter
    today: date
    coordinator: str


class Part(Draws):
    """Draws, ``new`` (queue a row), the dates, and contact details several parts need."""

    def __init__(self, run: Run) -> None:
        super().__init__(run.rng)
        self.writer = run.writer
        self.new = run.writer.new
        self.today = run.today
        self.now = run.writer.now  # the wall clock at the start; nothing is dated later
        self.coordinator = run.coordinator

    def mobile(self) -> str:
        return f"{self.pick(places.MOBILE_PREFIXES)} {self.randint(1000000, 99999999)}"

    def street(self) -> str:
        suffix = self.pick(("", "", "", "", "a", "b"))
        return f"{self.pick(places.STREETS)} {self.randint(1, 120)}{suffix}"

    def name_in(self, pool: names.NamePool, gender: Gender) -> tuple[str, str]:
        female = gender is Gender.FEMALE or (
            gender not in (Gender.MALE, Gender.FEMALE) and self.chance(0.5)
        )
        first = self.pick(pool.female if female else pool.male)
        last = self.pick(pool.female_last if female and pool.female_last else pool.last)
        return first, last

"""Median/min/max timing after a warm-up."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    median_ms: float
    min_ms: float
    max_ms: float
    runs: int

    def __str__(self) -> str:
        return f"{self.median_ms:7.1f} ms (min {self.min_ms:.1f}, max {self.max_ms:.1f})"


def measure(work: Callable[[], object], runs: int = 15, warmup: int = 2) -> Timing:
    for _ in range(warmup):
        work()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return Timing(statistics.median(samples), min(samples), max(samples), runs)

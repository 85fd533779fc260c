"""Where a run's seconds go: wall-clock seconds per stage, kept by the run itself.

A run adds up the time of each stage (`with clock.stage("reading files"): ...`) and
reports the totals in its summary (`RunSummary.seconds`), so an operator sees the fixed
costs of a scheduled run without a profiler, and the benchmarks read the same figures.
The clock is not a parameter of the flow (Prefect records parameters): the caller sets
one around the flow call with `timing(...)`, the flow reads it with `current_clock()`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar


class StageClock:
    """Seconds per stage, summed over every time the stage ran."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started)

    def rounded(self, digits: int = 3) -> dict[str, float]:
        return {name: round(value, digits) for name, value in self.seconds.items()}


_CURRENT: ContextVar[StageClock | None] = ContextVar("newsfacts_clock", default=None)


def current_clock() -> StageClock:
    """The clock the caller set, or a fresh one nobody reads."""
    return _CURRENT.get() or StageClock()


@contextmanager
def timing(clock: StageClock) -> Iterator[StageClock]:
    token = _CURRENT.set(clock)
    try:
        yield clock
    finally:
        _CURRENT.reset(token)

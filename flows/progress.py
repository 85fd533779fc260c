"""What a run tells whoever watches it: the CLI's progress bar and messages, a test.

The observer is not a flow parameter (Prefect records parameters, and a live progress
bar is not data): the caller sets it around the flow call with `observing(...)`, and
the flow reads it with `current_observer()`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar


class RunObserver:
    """Callbacks of a run; every one is a no-op here, subclasses pick what they show."""

    def waiting_for_lock(self, holder: str, wait_seconds: float) -> None:
        """Another run holds the warehouse; this one waits up to `wait_seconds`."""

    def started(self, total_files: int) -> None:
        """The inbox is listed: `total_files` files will be looked at."""

    def advanced(self, done: int, total: int) -> None:
        """A batch is finished (loaded, or nothing to load): `done` files of `total`."""


_CURRENT: ContextVar[RunObserver | None] = ContextVar("newsfacts_observer", default=None)
_SILENT = RunObserver()


def current_observer() -> RunObserver:
    return _CURRENT.get() or _SILENT


@contextmanager
def observing(observer: RunObserver) -> Iterator[RunObserver]:
    token = _CURRENT.set(observer)
    try:
        yield observer
    finally:
        _CURRENT.reset(token)

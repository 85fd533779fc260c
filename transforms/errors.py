"""Errors a user can act on, each with the exit code the CLI gives it.

The core raises these; the CLI prints them as one line plus what to do next, and exits
with `exit_code`. Anything else that escapes is a bug (exit code 1).
"""

from __future__ import annotations

# Exit codes of every `newsfacts` command (documented in the README).
EXIT_OK = 0
EXIT_BUG = 1
EXIT_BAD_INPUT = 2
EXIT_LOCK_TIMEOUT = 3
EXIT_MISSING_RESOURCE = 4
EXIT_SIGINT = 130  # 128 + SIGINT, as shells report it
EXIT_SIGTERM = 143  # 128 + SIGTERM


class NewsfactsError(Exception):
    """An error with a message for the user and, optionally, what to do about it."""

    exit_code = EXIT_BUG

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


class BadInput(NewsfactsError):
    """The command was given something it cannot use (a missing inbox, bad SQL)."""

    exit_code = EXIT_BAD_INPUT


class MissingResource(NewsfactsError):
    """Something the command needs is not there or does not answer: the spaCy pipeline,
    a package data file, the warehouse, a Prefect server."""

    exit_code = EXIT_MISSING_RESOURCE


class WarehouseBusy(NewsfactsError):
    """Another run held the warehouse lock for longer than this run would wait."""

    exit_code = EXIT_LOCK_TIMEOUT

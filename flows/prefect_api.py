"""The Prefect API a command talks to: the server in PREFECT_API_URL, or a temporary one.

Without a server Prefect starts a temporary API itself, with a start-up timeout that a
fresh PREFECT_HOME on two busy cores does not meet (the first start migrates a new
SQLite database), inside the terminal's process group (so Ctrl-C kills it before the
run can report that it stopped), and without anything that ends it when the command is
SIGKILLed. Here the temporary API is started by the command instead: with time for a
first start, in a session of its own, ended with the command whatever ends it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from newsfacts.transforms.errors import MissingResource

# First start on an empty HOME: ~25 s on two idle cores, over a minute on two busy ones.
DEFAULT_STARTUP_SECONDS = 300.0
SERVER_HINT = (
    "start a server with `prefect server start` and set PREFECT_API_URL=http://127.0.0.1:4200/api, "
    "or unset PREFECT_API_URL to let newsfacts start a temporary one"
)


def startup_seconds() -> float:
    value = os.environ.get("NEWSFACTS_PREFECT_STARTUP_SECONDS")
    return float(value) if value else DEFAULT_STARTUP_SECONDS


def api_answers(url: str, timeout: float = 5.0) -> bool:
    import httpx

    try:
        return httpx.get(f"{url.rstrip('/')}/health", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


def configured_api_url() -> str | None:
    """PREFECT_API_URL from the environment or Prefect's profile, if any."""
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    return str(url) if url else None


def _end_with_parent() -> None:
    """Runs in the server's process before it starts: a new session (no terminal
    signals), and SIGTERM from the kernel when the command that started it dies."""
    os.setsid()
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


class _OwnSessionSubprocess:
    """Stands in for the `subprocess` module inside Prefect's server module while it
    starts the server: the same Popen, run with `_end_with_parent` and a log file."""

    def __init__(self, log_file):
        self._log_file = log_file

    def __getattr__(self, name):
        return getattr(subprocess, name)

    def Popen(self, *args, **kwargs):  # noqa: N802 - the name Prefect calls
        kwargs.update(preexec_fn=_end_with_parent, stdout=self._log_file, stderr=self._log_file)
        return subprocess.Popen(*args, **kwargs)


class _ServerExited(RuntimeError):
    pass


_MAX_STARTS = 3


class _FailsFast:
    """The server's process, whose `poll` raises once it has exited for good, so that
    Prefect's start-up wait ends at once instead of at its time limit. Exit code 3 is
    Prefect's 'port taken, try another' (and uvicorn's failed start-up: an unwritable
    home, a broken database), which `_run_uvicorn_command` counts."""

    def __init__(self, process):
        self._process = process

    def __getattr__(self, name):
        return getattr(self._process, name)

    def poll(self):
        code = self._process.poll()
        if code is not None and code != 3:
            raise _ServerExited(f"the server process exited with code {code}")
        return code


def _server_class():
    from prefect.server.api import server as server_module

    class TemporaryServer(server_module.SubprocessASGIServer):
        """Prefect's own temporary server, started the way described above."""

        log_file = None
        starts = 0
        # Prefect keeps one server per port in a class dict; ours get their own, so that
        # a server Prefect made earlier in this process (a test harness) is never reused
        _instances: dict = {}  # noqa: RUF012 - Prefect's own per-class cache

        def _run_uvicorn_command(self) -> subprocess.Popen:
            # Prefect starts again on exit code 3 (a port taken), which is also how the
            # server says its start-up failed: after three it is not the port
            self.starts += 1
            if self.starts > _MAX_STARTS:
                raise _ServerExited(f"the server failed to start {_MAX_STARTS} times")
            if self.log_file is None:
                import tempfile

                # read on a failed start, closed with the process
                self.log_file = tempfile.TemporaryFile(mode="w+", prefix="newsfacts-prefect-")  # noqa: SIM115
            server_module.subprocess = _OwnSessionSubprocess(self.log_file)
            try:
                return _FailsFast(super()._run_uvicorn_command())
            finally:
                server_module.subprocess = subprocess

        def log_tail(self, lines: int = 5) -> str:
            if self.log_file is None:
                return ""
            self.log_file.seek(0)
            return " | ".join(self.log_file.read().strip().splitlines()[-lines:])

    return TemporaryServer


def _start_temporary_server(timeout: float, on_slow_start: Callable[[], None] | None):
    import threading

    server = _server_class()(port=None)
    slow = threading.Timer(3.0, on_slow_start) if on_slow_start else None
    if slow:
        slow.daemon = True
        slow.start()
    started = time.monotonic()
    try:
        server.start(timeout=int(timeout))
    except Exception as exc:  # noqa: BLE001 - Prefect raises RuntimeError with a dump
        server.stop()
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        log = server.log_tail()
        raise MissingResource(
            f"the temporary Prefect API did not start ({time.monotonic() - started:.0f} s) "
            f"({first_line[:200]}{'; its log: ' + log[-300:] if log else ''})",
            hint="check that HOME (or PREFECT_HOME) exists and is writable; retry, allow more "
            "time with NEWSFACTS_PREFECT_STARTUP_SECONDS, or use a running server via "
            "PREFECT_API_URL",
        ) from None
    finally:
        if slow:
            slow.cancel()
    return server


@contextmanager
def prefect_api(*, on_slow_start: Callable[[], None] | None = None) -> Iterator[str]:
    """The API for this command: PREFECT_API_URL when set (it must answer), else a
    temporary server on loopback, stopped when the block ends. Yields its URL."""
    url = configured_api_url()
    if url:
        if not api_answers(url):
            raise MissingResource(f"no Prefect server answers at {url}", hint=SERVER_HINT)
        yield url
        return
    from prefect.settings import PREFECT_API_URL, temporary_settings

    server = _start_temporary_server(startup_seconds(), on_slow_start)
    # worker processes inherit the environment: they report to the same API
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield server.api_url
    finally:
        _send_what_is_queued()
        os.environ.pop("PREFECT_API_URL", None)
        server.stop()


def _send_what_is_queued(timeout: float = 5.0) -> None:
    """Logs and events queued for the API go out before it stops (else Prefect retries
    sending them to a closed port for a while, and says so)."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogHandler

    try:
        APILogHandler().flush()
        EventsWorker.drain_all(timeout=timeout)
    except Exception:  # noqa: BLE001 - best effort: the run's own results are stored
        pass


def require_server() -> str:
    """The URL of a reachable Prefect server (for `serve`), or MissingResource."""
    url = configured_api_url()
    if not url:
        raise MissingResource(
            "`newsfacts serve` needs a Prefect server: it schedules runs there, and a "
            "temporary API cannot schedule",
            hint=SERVER_HINT,
        )
    if not api_answers(url):
        raise MissingResource(f"no Prefect server answers at {url}", hint=SERVER_HINT)
    return url

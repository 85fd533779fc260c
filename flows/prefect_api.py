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


class _ServerExited(RuntimeError):
    pass


_MAX_STARTS = 3
# how Prefect itself starts its temporary server (SubprocessASGIServer): the API without
# the UI, in ephemeral mode (no background services)
_SERVER_ENV = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
}


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class TemporaryApi:
    """Prefect's temporary API server, started as Prefect starts it (uvicorn over
    `prefect.server.api.server:create_app` in a subprocess), but:

    - without importing the server in this process first (Prefect does: two seconds of
      this process's time before the server process even starts, which spends them again);
    - in a session of its own, ended with the command (`_end_with_parent`), its output in
      a log file that a failed start quotes;
    - a server process that exits ends the wait at once; exit code 3 (a port taken, also
      uvicorn's failed start-up: an unwritable home, a broken database) is tried again on
      another port, three times in all."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.port: int | None = None
        self.starts = 0
        self.log_file = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def _spawn(self) -> None:
        import tempfile

        self.starts += 1
        if self.starts > _MAX_STARTS:
            raise _ServerExited(f"the server failed to start {_MAX_STARTS} times")
        if self.log_file is None:  # read on a failed start, closed with the process
            self.log_file = tempfile.TemporaryFile(mode="w+", prefix="newsfacts-prefect-")  # noqa: SIM115
        self.port = _free_port()
        self.process = self._popen(self.port)

    def _popen(self, port: int) -> subprocess.Popen:
        """The server's process on `port`, its output in the log file."""
        import prefect
        from prefect.settings import get_current_settings

        settings_env = get_current_settings().to_environment_variables(exclude_unset=True)
        return subprocess.Popen(
            [
                sys.executable, "-m", "uvicorn", "--app-dir", str(prefect.__module_path__.parent),
                "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1",
                "--port", str(port), "--log-level", "error", "--lifespan", "on",
            ],
            env={**os.environ, **_SERVER_ENV, **settings_env},
            stdout=self.log_file, stderr=self.log_file, preexec_fn=_end_with_parent,
        )  # fmt: skip

    def _exited(self) -> bool:
        """Has the process ended? Exit code 3 starts another; any other raises."""
        code = self.process.poll()
        if code is None:
            return False
        if code != 3:
            raise _ServerExited(f"the server process exited with code {code}")
        self._spawn()
        return True

    def start(self, timeout: float) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        self._spawn()
        with httpx.Client() as client:
            while time.monotonic() < deadline:
                if self._exited():
                    continue
                try:
                    if client.get(f"{self.api_url}/health", timeout=2.0).status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
                time.sleep(0.05)
        raise TimeoutError(f"no answer within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
        if self.log_file is not None:
            self.log_file.close()
            self.log_file = None

    def log_tail(self, lines: int = 5) -> str:
        if self.log_file is None:
            return ""
        self.log_file.seek(0)
        return " | ".join(self.log_file.read().strip().splitlines()[-lines:])


def _start_temporary_server(timeout: float, on_slow_start: Callable[[], None] | None):
    import threading

    server = TemporaryApi()
    slow = threading.Timer(3.0, on_slow_start) if on_slow_start else None
    if slow:
        slow.daemon = True
        slow.start()
    started = time.monotonic()
    try:
        server.start(timeout=timeout)
    except Exception as exc:  # noqa: BLE001 - whatever stopped it, say so with its log
        log = server.log_tail()
        server.stop()
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
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
    from prefect.context import refresh_global_settings_context
    from prefect.settings import PREFECT_API_URL, temporary_settings

    server = _start_temporary_server(startup_seconds(), on_slow_start)
    # worker processes inherit the environment: they report to the same API
    os.environ["PREFECT_API_URL"] = server.api_url
    # Prefect's own threads (the process pool's message forwarder, the events worker)
    # start without this thread's context and read the process-wide settings made at
    # import: without the URL there they start an ephemeral server of their own (a
    # second uvicorn per run, which also held up Ctrl-C by its start)
    refresh_global_settings_context()
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield server.api_url
    finally:
        _send_what_is_queued()
        os.environ.pop("PREFECT_API_URL", None)
        refresh_global_settings_context()
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

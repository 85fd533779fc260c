"""The writer lock: one writing run per DuckDB file (per inbox for a DuckLake).

An advisory `flock` on a file beside the warehouse, released by the kernel when its
holder exits however it exits (SIGKILL included). The holder writes who it is into the
file, so that a run that has to wait can say who it waits for.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from newsfacts.transforms.errors import WarehouseBusy
from newsfacts.warehouse.load import lock_path


def describe_holder(lock_file: Path) -> str:
    """'pid 4711 on host-a (newsfacts run, since 12:03:04)', or a neutral phrase."""
    try:
        info = json.loads(lock_file.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        info = {}
    if not info.get("pid"):
        return "another newsfacts process"
    since = info.get("since", "")[11:19]
    return f"pid {info['pid']} on {info.get('host', '?')} ({info.get('command', 'newsfacts')}, since {since})"


def _write_holder(fh, command: str) -> None:
    fh.seek(0)
    fh.truncate()
    holder = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "command": command,
        "since": datetime.now().isoformat(timespec="seconds"),
    }
    fh.write(json.dumps(holder))
    fh.flush()


@contextmanager
def writer_lock(
    db_path: Path | str,
    wait_seconds: float,
    inbox: Path | str = ".",
    *,
    command: str = "newsfacts run",
    on_wait: Callable[[str, float], None] | None = None,
) -> Iterator[None]:
    """Hold the warehouse's writer lock, waiting up to `wait_seconds` for it.

    `on_wait(holder, wait_seconds)` is called once when the lock is held by another
    process. Raises WarehouseBusy when the wait is over.
    """
    path = lock_path(db_path, inbox)
    if path is None:  # DuckLake on PostgreSQL: its transactions arbitrate
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the run, closed below
    deadline = time.monotonic() + wait_seconds
    told = False
    try:
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = describe_holder(path)
                if not told and on_wait is not None:
                    on_wait(holder, wait_seconds)
                    told = True
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(
                        f"another newsfacts run is writing {db_path}: {holder}; this run "
                        f"waited {wait_seconds:.0f}s and skips",
                        hint="it will be picked up by the next run; wait longer with --lock-wait",
                    ) from None
                time.sleep(0.5)
        _write_holder(fh, command)
        yield
    finally:
        fh.close()

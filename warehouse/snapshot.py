"""The analysts' copy of the warehouse: after each run the flow publishes a snapshot next
to the warehouse file (`newsfacts.duckdb` -> `newsfacts.analyst.duckdb`), replaced in one
rename, so that notebooks and BI tools never hold the file a run writes to.

A reader keeps the snapshot it opened (the rename leaves its file in place until it
disconnects) and sees the new data when it connects again. The copy is made under the
run's writer lock with every connection to the warehouse closed, so it is a whole,
checkpointed database.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

SUFFIX = ".analyst.duckdb"


def snapshot_path(db: Path | str) -> Path:
    """Where the analysts' snapshot of warehouse `db` lies."""
    db = Path(db)
    return db.with_name(db.name.removesuffix(".duckdb") + SUFFIX)


def is_current(db: Path | str) -> bool:
    """Whether the snapshot exists and is no older than the warehouse file."""
    target = snapshot_path(db)
    return target.exists() and target.stat().st_mtime_ns >= Path(db).stat().st_mtime_ns


def publish_snapshot(db: Path | str) -> Path:
    """Copy warehouse `db` to its snapshot path (a temporary name first, then one
    rename); nothing is copied when the snapshot is already current. Returns the path."""
    db = Path(db)
    target = snapshot_path(db)
    if is_current(db):
        return target
    if Path(f"{db}.wal").exists():  # a run killed before its close: fold the log in first
        import duckdb

        with duckdb.connect(str(db)) as con:
            con.execute("CHECKPOINT")
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        shutil.copyfile(db, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target

"""DuckDB warehouse: schema, reads the pipeline needs, and batch loads.

Each batch loads in one transaction, straight from Arrow (polars -> Arrow -> DuckDB
scan without copies), or not at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb
import polars as pl

# Insert order inside a batch; actors before the facts that point at them.
LOAD_ORDER = (
    "articles",
    "actors",
    "actor_aliases",
    "mentions",
    "figures",
    "statements",
    "format_issues",
    "quarantine",
    "dq_results",
)
# Rows that may already exist (same key) are skipped, so a rerun adds nothing.
_IGNORE_CONFLICTS = {"actors", "actor_aliases", "articles"}


def sql_text(name: str) -> str:
    return resources.files("warehouse").joinpath("sql", name).read_text(encoding="utf-8")


def view_files() -> list[tuple[str, str]]:
    folder = resources.files("warehouse").joinpath("sql", "views")
    if not folder.is_dir():
        return []
    return sorted(
        (p.name.removesuffix(".sql"), p.read_text(encoding="utf-8"))
        for p in folder.iterdir()
        if p.name.endswith(".sql")
    )


@contextmanager
def connect(db_path: Path | str, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived connection: the file is free for other processes once it closes."""
    if not read_only:
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path), read_only=read_only)
    try:
        yield con
    finally:
        con.close()


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(sql_text("schema.sql"))
    for _, view_sql in view_files():
        con.execute(view_sql)


def loaded_hashes(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """article_id -> file_name of every loaded article."""
    return dict(con.execute("SELECT article_id, file_name FROM articles").fetchall())


def quarantined_keys(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str | None], list[str]]:
    """(file name, content hash) -> codes, of every quarantined file."""
    rows = con.execute("SELECT file_name, content_sha256, codes FROM quarantine").fetchall()
    return {(name, sha): list(codes) for name, sha, codes in rows}


def issue_keys(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str | None, str]]:
    return set(con.execute("SELECT file_name, content_sha256, code FROM format_issues").fetchall())


def actor_rows(con: duckdb.DuckDBPyConnection):
    return (
        con.execute("SELECT actor_id, name, type FROM actors").fetchall(),
        con.execute("SELECT actor_id, alias FROM actor_aliases").fetchall(),
    )


def load_batch(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]) -> dict[str, int]:
    """Insert every frame in one transaction; returns rows inserted per table."""
    counts: dict[str, int] = {}
    con.execute("BEGIN TRANSACTION")
    try:
        for table in LOAD_ORDER:
            frame = frames.get(table)
            if frame is None or frame.height == 0:
                continue
            arrow = frame.to_arrow()
            con.register("_batch_frame", arrow)
            try:
                conflict = " OR IGNORE" if table in _IGNORE_CONFLICTS else ""
                before = con.execute(f'SELECT count(*) FROM "{table}"').fetchall()[0][0]
                con.execute(f'INSERT{conflict} INTO "{table}" BY NAME SELECT * FROM _batch_frame')
                after = con.execute(f'SELECT count(*) FROM "{table}"').fetchall()[0][0]
                counts[table] = after - before
            finally:
                con.unregister("_batch_frame")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return counts


def mark_crashed_runs(con) -> int:
    """Runs still 'running' when a new run holds the lock were killed: say so."""
    rows = con.execute(
        "UPDATE runs SET status = 'crashed' WHERE status = 'running' RETURNING run_id"
    ).fetchall()
    return len(rows)


def start_run(con, run_id: str, inbox: str, model: str) -> None:
    con.execute(
        "INSERT INTO runs (run_id, started_at, inbox, model, status) "
        "VALUES (?, now()::TIMESTAMP, ?, ?, 'running')",
        [run_id, inbox, model],
    )


def finish_run(con, run_id: str, stats: dict[str, int], status: str = "completed") -> None:
    con.execute(
        "UPDATE runs SET finished_at = now()::TIMESTAMP, files_seen = ?, loaded = ?, "
        "duplicates = ?, quarantined = ?, refused = ?, status = ? WHERE run_id = ?",
        [
            stats["files_seen"],
            stats["loaded"],
            stats["duplicates"],
            stats["quarantined"],
            stats.get("refused", 0),
            status,
            run_id,
        ],
    )

"""The warehouse as a resource: what a run needs of it, behind one interface for a
DuckDB file and a DuckLake.

The ingest flow receives a `Warehouse` (by default `Warehouse.from_settings`) the way
Dagster passes resources to its assets; a test hands in another one instead of
patching module functions. Every method opens a short-lived connection, so the file is
free for readers between calls.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from newsfacts.warehouse import load as wh
from newsfacts.warehouse.lock import writer_lock


@dataclass(frozen=True)
class Warehouse:
    db: Path | str
    data_path: str | None = None  # a DuckLake's Parquet files, when not beside the catalog

    @classmethod
    def from_settings(cls, settings) -> Warehouse:
        return cls(settings.db, settings.lake_data_path)

    @property
    def is_lake(self) -> bool:
        return wh.is_lake(self.db)

    @contextmanager
    def connect(self, read_only: bool = False, config: dict | None = None):
        with wh.connect(self.db, read_only, config, data_path=self.data_path) as con:
            yield con

    def writer_lock(self, wait_seconds: float, inbox: Path, on_wait: Callable | None = None):
        """One writing run at a time (per inbox, for a DuckLake)."""
        return writer_lock(self.db, wait_seconds, inbox, on_wait=on_wait)

    def open_run(
        self,
        run_id: str,
        inbox: Path,
        model: str,
        names: list[str],
        kind: str = "ingest",
        extraction: str | None = None,
    ):
        """Schema, this run's `runs` row, runs killed earlier marked `crashed`; returns the
        actor rows known so far, how many runs were marked, and how many of `names` the
        warehouse has never seen. Call it holding the writer lock."""

        def attempt():
            with self.connect() as con:
                wh.ensure_schema(con, lake=self.is_lake)
                actors = wh.actor_rows(con)
                unknown = wh.count_unknown_names(con, names)
                # we hold the lock: no other run (over this inbox, for a lake) is alive
                crashed = wh.mark_crashed_runs(con, str(inbox) if self.is_lake else None)
                wh.start_run(con, run_id, str(inbox), model, kind, extraction)
            return actors, crashed, unknown

        return wh.with_retries(attempt)

    def finish_run(self, run_id: str, counts: dict[str, int], status: str) -> None:
        def attempt():
            with self.connect() as con:
                wh.finish_run(con, run_id, counts, status)

        wh.with_retries(attempt)

    def known_files(self, hashes: list[str], names: list[str], extraction: str | None):
        """What the warehouse holds about one batch's files (wh.KnownFiles)."""

        def attempt():
            with self.connect(read_only=True) as con:
                return wh.known_files(con, hashes, names, extraction)

        return wh.with_retries(attempt)

    def remembered_files(self, names: list[str], extraction: str | None):
        """How a run last read these files (name -> size, mtime, hash, when:
        wh.remembered_files), and what the warehouse holds about those contents
        (wh.KnownFiles): an unchanged batch needs no other lookup."""

        def attempt():
            with self.connect(read_only=True) as con:
                remembered = wh.remembered_files(con, names)
                hashes = [row[2] for row in remembered.values()]
                return remembered, wh.known_files(con, hashes, names, extraction)

        return wh.with_retries(attempt)

    def load(self, frames: dict[str, pl.DataFrame]) -> dict[str, int]:
        """One batch in one transaction; rows added per table."""
        with self.connect() as con:
            return wh.load_batch(con, frames)

    def publish_snapshot(self) -> str | None:
        """The read-only copy for notebooks and BI tools (a DuckDB file only)."""
        if self.is_lake:
            return None
        from newsfacts.warehouse.snapshot import publish_snapshot

        return str(publish_snapshot(self.db))

    # --- reprocessing ----------------------------------------------------------------

    def reprocess_candidates(self, extraction: str, only_older: bool, where: str | None):
        # the operator's condition reads the warehouse only, as `newsfacts query` does
        with self.connect(read_only=True, config={"enable_external_access": False}) as con:
            return wh.reprocess_candidates(con, extraction, only_older, where)

    def stored_batch(self, ids: list[str]):
        """(articles rows, fact rows per table, statements per article) of these ids."""
        with self.connect(read_only=True) as con:
            return (
                wh.stored_articles(con, ids),
                wh.fact_counts(con, ids),
                wh.statement_keys(con, ids),
            )

    def replace(self, frames: dict[str, pl.DataFrame], replaced: list[str], extraction: str):
        """One batch of reprocessed articles in one transaction; rows added per table."""
        with self.connect() as con:
            return wh.replace_batch(con, frames, replaced, extraction)

    def table_counts(self) -> dict[str, int]:
        with self.connect(read_only=True) as con:
            return wh.table_counts(con)

"""One settings object for every resource the pipeline needs.

Values come from `NEWSFACTS_*` environment variables, then CLI flags override them.
Tests build their own `Settings(...)` and pass it in, so nothing is hard-coded.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def _bundled_samples() -> Path:
    """The sample articles: `newsfacts/samples` in an installed wheel, `data/samples` in
    a checkout (an editable install maps the package to the checkout's folders)."""
    installed = _PACKAGE_ROOT / "samples"
    return installed if installed.is_dir() else _PACKAGE_ROOT / "data" / "samples"


SAMPLES_DIR = _bundled_samples()
SHIPPED_MODEL_DIR = Path(__file__).resolve().parent / "nlp" / "model"


MAX_DEFAULT_WORKERS = 4  # each holds a pipeline (~500 MB)


def default_workers() -> int:
    """One extraction process per core, at most MAX_DEFAULT_WORKERS: the flow's own
    process stages, checks and loads beside them with a few per cent of a core."""
    return max(1, min(os.cpu_count() or 1, MAX_DEFAULT_WORKERS))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSFACTS_", extra="ignore")

    inbox: Path = Field(default=SAMPLES_DIR, description="Folder of article files to ingest.")
    db: Path = Field(
        default=Path("var/newsfacts.duckdb"), description="DuckDB warehouse file to write."
    )
    model: str = Field(
        default=str(SHIPPED_MODEL_DIR),
        description="spaCy pipeline: a path or an installed package name (e.g. de_core_news_lg).",
    )
    batch_size: int = Field(default=200, ge=1, description="Files per batch and transaction.")
    strict: bool = Field(default=False, description="Quarantine files on any format issue.")
    max_file_bytes: int = Field(
        default=1_000_000, ge=1, description="Files larger than this are quarantined (too_large)."
    )
    workers: int = Field(
        default_factory=default_workers,
        ge=0,
        description="Extraction processes beside the flow's own (0 = extract in the flow's "
        "process); default: one per core, at most 4 (the flow's own process needs little).",
    )
    dask_address: str | None = Field(
        default=None,
        description="Run extraction batches on Dask: 'local' starts a LocalCluster of `workers` "
        "processes, 'tcp://host:8786' uses a running scheduler.",
    )
    rehash: bool = Field(
        default=False,
        description="Read and hash every inbox file; by default a file whose size and "
        "modification time are as when a run last read it counts as unchanged unread.",
    )
    retry_refused: bool = Field(
        default=False,
        description="Extract again the files whose facts were refused under the current "
        "pipeline and rules (they are retried anyway when either changes).",
    )
    data_docs_dir: Path = Field(
        default=Path("var/data_docs"), description="Where the Great Expectations Data Docs go."
    )
    dq_dir: Path | None = Field(
        default=None,
        description="The Great Expectations project (Data Context, suites, checkpoints, "
        "results of the last runs); default: `<warehouse>.gx` beside the warehouse.",
    )
    dq_history_runs: int = Field(
        default=20, ge=1, description="Runs whose validation results and pages are kept."
    )
    lock_wait_seconds: float = Field(
        default=600.0,
        ge=0,
        description="How long a run waits for another run's writer lock before it skips.",
    )
    lake_data_path: str | None = Field(
        default=None,
        description="Where a DuckLake keeps its Parquet files (a folder or s3://bucket/prefix/); "
        "default: `<catalog>.files/` beside a catalog file.",
    )

    def overridden(self, **values) -> Settings:
        """These settings with the values that are not None in their place: the one place
        where CLI flags and flow parameters override the environment."""
        given = {k: v for k, v in values.items() if v is not None}
        return self if not given else type(self)(**(self.model_dump() | given))

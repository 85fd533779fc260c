"""The columns of every table a run loads, as polars schemas, declared once; and the
values some of them may take (`vocabulary.toml`). The frames are built with these;
`warehouse/sql/schema.sql` declares the same tables for DuckDB, with a comment on each
column, and tests/test_schema.py checks that the two agree."""

from __future__ import annotations

import tomllib
from importlib import resources

import polars as pl

_VOCABULARY = tomllib.loads(
    resources.files("newsfacts.transforms").joinpath("vocabulary.toml").read_text("utf-8")
)
ACTOR_TYPES: tuple[str, ...] = tuple(_VOCABULARY["actor_types"])
QUALIFIERS: tuple[str, ...] = tuple(_VOCABULARY["qualifiers"])
MODES: tuple[str, ...] = tuple(_VOCABULARY["modes"])
FORMS: tuple[str, ...] = tuple(_VOCABULARY["forms"])
SEVERITIES: tuple[str, ...] = tuple(_VOCABULARY["severities"])
RUN_STATUSES: tuple[str, ...] = tuple(_VOCABULARY["run_statuses"])

S, I32, I64, F64 = pl.String, pl.Int32, pl.Int64, pl.Float64

TABLES: dict[str, dict[str, pl.DataType]] = {
    "articles": {
        "article_id": S, "file_name": S, "published": pl.Date, "date_origin": S, "source": S,
        "title": S, "body": S, "run_id": S, "encoding": S, "size_bytes": I64, "extraction": S,
    },
    "actors": {"actor_id": S, "name": S, "type": S},
    "actor_aliases": {"actor_id": S, "alias": S, "extraction": S},
    "mentions": {
        "article_id": S, "actor_id": S, "surface": S, "role": S, "start": I32, "end": I32,
        "extraction": S,
    },
    "figures": {
        "article_id": S, "value": F64, "low": F64, "high": F64, "qualifier": S, "counted": S,
        "claimed_by_actor_id": S, "text": S, "start": I32, "end": I32, "measure": S,
        "extraction": S,
    },
    "statements": {
        "article_id": S, "speaker_actor_id": S, "mode": S, "text": S, "cue": S, "start": I32,
        "end": I32, "source_text": S, "source_start": I32, "source_end": I32, "form": S,
        "extraction": S,
    },
    "format_issues": {
        "file_name": S, "code": S, "severity": S, "detail": S, "run_id": S, "content_sha256": S,
    },
    "quarantine": {
        "file_name": S, "content_sha256": S, "codes": pl.List(S), "message": S, "run_id": S,
    },
    "inbox_files": {
        "file_name": S, "size_bytes": I64, "mtime_ns": I64, "content_sha256": S,
        "read_at_ns": I64, "run_id": S,
    },
    "refusals": {
        "file_name": S, "content_sha256": S, "extraction": S, "codes": pl.List(S),
        "message": S, "run_id": S,
    },
    "dq_results": {
        "run_id": S, "batch_no": I32, "suite": S, "expectation": S, "column_name": S, "code": S,
        "severity": S, "success": pl.Boolean, "observed_value": S, "unexpected_count": I64,
    },
}  # fmt: skip


# the tables whose rows an extraction makes: each row records which one (`extraction`)
VERSIONED = ("articles", "actor_aliases", "mentions", "figures", "statements")


def schema(table: str) -> dict[str, pl.DataType]:
    """The polars schema of one loaded table."""
    return TABLES[table]

"""The tables are declared twice on purpose, as polars frames (transforms/tables.py,
which builds every loaded frame) and as DuckDB DDL with column comments
(warehouse/sql/schema.sql); the allowed values once (transforms/vocabulary.toml).
These tests keep the declarations in agreement."""

from __future__ import annotations

import re

import polars as pl
import pytest

from newsfacts.transforms import tables
from newsfacts.warehouse import load as wh

DUCKDB_TYPE = {
    pl.String: "VARCHAR",
    pl.Int32: "INTEGER",
    pl.Int64: "BIGINT",
    pl.Float64: "DOUBLE",
    pl.Date: "DATE",
    pl.Boolean: "BOOLEAN",
    pl.List(pl.String): "VARCHAR[]",
}


@pytest.fixture(scope="module")
def warehouse_columns(tmp_path_factory):
    db = tmp_path_factory.mktemp("schema") / "w.duckdb"
    with wh.connect(db) as con:
        wh.ensure_schema(con)
        rows = con.execute(
            "SELECT table_name, column_name, data_type, column_default FROM duckdb_columns() "
            "ORDER BY column_index"
        ).fetchall()
    out: dict[str, dict[str, tuple[str, str | None]]] = {}
    for table, column, kind, default in rows:
        out.setdefault(table, {})[column] = (kind, default)
    return out


def test_every_loaded_table_has_a_frame_schema():
    assert set(wh.LOAD_ORDER) == set(tables.TABLES)


@pytest.mark.parametrize("table", wh.LOAD_ORDER)
def test_the_sql_and_the_frames_declare_the_same_columns(table, warehouse_columns):
    frame = {c: DUCKDB_TYPE[t] for c, t in tables.schema(table).items()}
    sql = warehouse_columns[table]
    # the warehouse may add bookkeeping columns it fills itself (a DEFAULT: checked_at)
    assert frame.keys() <= sql.keys(), f"{table}: not in schema.sql: {frame.keys() - sql.keys()}"
    assert {c: sql[c][0] for c in frame} == frame
    unfilled = [c for c in sql.keys() - frame.keys() if sql[c][1] is None]
    assert not unfilled, f"{table}: schema.sql columns no frame fills and no default: {unfilled}"


def _schema_sql() -> str:
    return wh.sql_text("schema.sql")


def _comment_values(column_line: str) -> list[str]:
    return [v.strip() for v in column_line.split("--", 1)[1].split("|")]


def test_actor_types_are_the_sql_check():
    check = re.search(r"CHECK \(type IN \(([^)]*)\)\)", _schema_sql()).group(1)
    assert [v.strip(" '") for v in check.split(",")] == list(tables.ACTOR_TYPES)


@pytest.mark.parametrize(
    ("column", "values"),
    [
        ("status", tables.RUN_STATUSES),
        ("qualifier", tables.QUALIFIERS),
        ("mode", tables.MODES),
        ("form", tables.FORMS),
        ("severity", tables.SEVERITIES),
    ],
)
def test_allowed_values_are_the_ones_schema_sql_documents(column, values):
    line = next(x for x in _schema_sql().splitlines() if x.strip().startswith(f"{column} "))
    assert _comment_values(line) == list(values)


def test_the_fact_suites_check_the_declared_values():
    from newsfacts.expectations import fact_suites

    assert list(tables.QUALIFIERS) == fact_suites.QUALIFIERS
    assert list(tables.MODES) == fact_suites.MODES
    assert list(tables.FORMS) == fact_suites.FORMS
    assert list(tables.ACTOR_TYPES) == fact_suites.ACTOR_TYPES


def test_severities_are_the_ones_the_checks_use():
    from newsfacts.transforms.triage import CODES

    assert {severity for severity, *_ in CODES.values()} <= set(tables.SEVERITIES)

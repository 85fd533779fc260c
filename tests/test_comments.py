"""DuckDB comments: every table, view and column of the warehouse carries the comment its
SQL file gives it, so analysts see the docs in their tools."""

from __future__ import annotations

from newsfacts.warehouse import comments
from newsfacts.warehouse import load as wh


def test_every_table_view_and_column_has_a_comment(tmp_path):
    with wh.connect(tmp_path / "w.duckdb") as con:
        wh.ensure_schema(con)
        objects = con.execute(
            "SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = 'main' "
            "UNION ALL SELECT view_name, comment FROM duckdb_views() "
            "WHERE schema_name = 'main' AND NOT internal"
        ).fetchall()
        columns = con.execute(
            "SELECT table_name, column_name, comment FROM duckdb_columns() "
            "WHERE schema_name = 'main' AND NOT internal"
        ).fetchall()
    assert len(objects) >= 15 and len(columns) >= 130
    assert [name for name, comment in objects if not comment] == []
    assert [(t, c) for t, c, comment in columns if not comment] == []


def test_comments_follow_the_sql_files_when_they_change(tmp_path):
    with wh.connect(tmp_path / "w.duckdb") as con:
        wh.ensure_schema(con)
        con.execute("COMMENT ON COLUMN figures.counted IS 'stale'")
        wh.ensure_schema(con)
        (comment,) = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'figures' "
            "AND column_name = 'counted'"
        ).fetchone()
    assert comment == "lemma of the counted noun, e.g. Soldat"


def test_table_docs_read_the_line_above_and_each_column_line():
    sql = (
        "-- things: one row per thing.\n"
        "CREATE TABLE IF NOT EXISTS things (\n"
        "    id    VARCHAR NOT NULL,  -- key: the thing's id\n"
        '    "end" INTEGER            -- where it ends\n'
        ");\n"
    )
    docs = comments.table_docs(sql)["things"]
    assert docs.comment == "one row per thing."
    assert docs.columns == {"id": "key: the thing's id", "end": "where it ends"}


def test_view_docs_share_a_line_between_columns_and_continue_on_indented_lines():
    sql = (
        "-- sums: totals per outlet,\n"
        "-- for the report.\n"
        "-- Columns:\n"
        "--   outlet          VARCHAR  the outlet; NULL when the article\n"
        "--                            has none\n"
        "--   low, high       DOUBLE   bounds\n"
        "--   article_id, title  the article it comes from\n"
        "CREATE OR REPLACE VIEW sums AS SELECT 1;\n"
    )
    docs = comments.view_docs("sums", sql)
    assert docs.comment == "totals per outlet, for the report."
    assert docs.columns == {
        "outlet": "the outlet; NULL when the article has none",
        "low": "bounds",
        "high": "bounds",
        "article_id": "the article it comes from",
        "title": "the article it comes from",
    }

"""Fact-table suites: a corrupted batch is refused whole; results land in dq_results."""

from __future__ import annotations

import duckdb
import polars as pl
from newsfacts.flows import ingest
from newsfacts.warehouse.load import LOAD_ORDER

from tests.conftest import chromium_dom, ingest_with, write_article

ARTICLE = (
    "date 2024-05\nQuelle: dpa\nDie Bürgermeisterin von Kassel, Anna Berg, sagte, die Stadt baue "
    "rund 300 neue Wohnungen. Laut Bundesregierung fehlen bundesweit mehr als 400.000 Wohnungen.\n"
)


def table_count(db, table):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    finally:
        con.close()


def corrupting(real):
    """Wrap fact_frames so the batch carries a negative value, an orphan actor id and
    an offset past the body: three independent error-level faults."""

    def wrapper(facts, registry):
        frames = real(facts, registry)
        frames["figures"] = frames["figures"].with_columns(pl.lit(-5.0).alias("value"))
        frames["mentions"] = frames["mentions"].with_columns(
            pl.lit("a_no_such_actor").alias("actor_id")
        )
        frames["statements"] = frames["statements"].with_columns(
            (pl.col("end") + 10_000).alias("end")
        )
        return frames

    return wrapper


def test_corrupted_batch_is_refused_and_nothing_loads(settings, prefect_harness, monkeypatch):
    write_article(settings.inbox, "wohnungen.txt", ARTICLE)
    monkeypatch.setattr(ingest, "fact_frames", corrupting(ingest.fact_frames))
    result = ingest_with(settings)
    assert result["status"] == "completed_with_refusals"
    assert result["refused"] == 1 and result["loaded"] == 0
    reasons = " ".join(result["refusals"][0]["reasons"])
    for code in ("implausible_value", "orphan_actor", "offset_out_of_body"):
        assert code in reasons
    for table in LOAD_ORDER:
        if table == "dq_results":
            continue  # the refusal itself is recorded there
        assert table_count(settings.db, table) == 0, table
    con = duckdb.connect(str(settings.db), read_only=True)
    failed = {r[0] for r in con.execute("SELECT code FROM dq_results WHERE NOT success").fetchall()}
    con.close()
    assert {"implausible_value", "orphan_actor", "offset_out_of_body"} <= failed
    assert (settings.inbox / "wohnungen.txt").exists()

    # the file stays in the inbox and loads on the next, healthy run
    monkeypatch.undo()
    again = ingest_with(settings)
    assert again["loaded"] == 1 and again["refused"] == 0
    assert table_count(settings.db, "articles") == 1


def test_healthy_batch_passes_every_error_rule(settings, prefect_harness):
    write_article(settings.inbox, "wohnungen.txt", ARTICLE)
    result = ingest_with(settings)
    assert result["status"] == "completed"
    con = duckdb.connect(str(settings.db), read_only=True)
    rows = con.execute("SELECT suite, severity, success FROM dq_results").fetchall()
    con.close()
    suites = {r[0] for r in rows}
    assert {"input_format", "facts_mentions", "facts_figures", "facts_actors"} <= suites
    assert all(success for _, severity, success in rows if severity == "error")


def test_data_docs_render_in_chromium(settings, prefect_harness, tmp_path):
    write_article(settings.inbox, "wohnungen.txt", ARTICLE)
    result = ingest_with(settings)
    index = result["data_docs"]
    assert index and index.endswith("index.html")
    dom = chromium_dom(index, tmp_path / "chrome")
    for suite in (
        "input_format",
        "facts_mentions",
        "facts_figures",
        "facts_statements",
        "facts_actors",
    ):
        assert suite in dom, suite

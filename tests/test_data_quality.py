"""Fact-table suites: an article whose facts fail is refused, its batch loads; results
land in dq_results; the GX project beside the warehouse and its Data Docs."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

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


def good_article(i: int) -> str:
    return (
        f"date 2024-05\nQuelle: dpa\nIn Kassel wurden im Mai {100 + i} neue Wohnungen "
        f"fertig. Die Stadt plant bis {2030 + i % 5} weitere {200 + i} Wohnungen, sagte "
        f"Bürgermeisterin Anna Berg am Montag.\n"
    )


def overlong_quote_article() -> str:
    """A direct quote far longer than statements.max_text_chars (5,000): an error-level
    finding of the statements suite, made by the real extraction."""
    quote = " ".join(
        f"Wir bauen im Jahr {2000 + i} neue Brücken in der Region." for i in range(110)
    )
    return f"date 2024-05\nQuelle: dpa\nAnna Berg sprach im Rathaus. „{quote}“, sagte Berg.\n"


def test_one_failing_article_is_refused_and_the_rest_of_its_batch_loads(settings, prefect_harness):
    for i in range(23):
        write_article(settings.inbox, f"good{i:02d}.txt", good_article(i))
    write_article(settings.inbox, "overlong.txt", overlong_quote_article())
    result = ingest_with(settings, batch_size=200)  # one batch holds all 24
    assert result["status"] == "completed_with_refusals"
    assert (result["loaded"], result["refused"]) == (23, 1)
    refused = [f for f in result["files"] if f["outcome"] == "refused"]
    assert [f["file"] for f in refused] == ["overlong.txt"]
    assert refused[0]["codes"] == ["facts_statements.implausible_text"]
    assert "text_chars=" in refused[0]["reason"]  # the offending value is named
    assert table_count(settings.db, "articles") == 23
    con = duckdb.connect(str(settings.db), read_only=True)
    rows = con.execute("SELECT file_name, codes, extraction FROM refusals").fetchall()
    statements_of_refused = con.execute(
        "SELECT count(*) FROM statements WHERE length(text) > 5000"
    ).fetchall()[0][0]
    con.close()
    assert rows == [
        ("overlong.txt", ["facts_statements.implausible_text"], result["extraction_version"])
    ]
    assert statements_of_refused == 0

    # the next run over the same inbox does not extract it again: no fact suite runs
    again = ingest_with(settings)
    assert (again["loaded"], again["refused"], again["duplicates"]) == (0, 1, 23)
    assert [f["file"] for f in again["files"] if f["outcome"] == "refused"] == ["overlong.txt"]
    con = duckdb.connect(str(settings.db), read_only=True)
    fact_checks = con.execute(
        "SELECT count(*) FROM dq_results WHERE run_id = ? AND suite LIKE 'facts_%'",
        [again["run_id"]],
    ).fetchall()[0][0]
    con.close()
    assert fact_checks == 0

    # on request it is extracted again, refused again, and recorded once
    retried = ingest_with(settings, retry_refused=True)
    assert (retried["loaded"], retried["refused"]) == (0, 1)
    assert table_count(settings.db, "refusals") == 1


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
    write_article(settings.inbox, "leer.txt", "date 2024-05\nQuelle: dpa\n\n")
    result = ingest_with(settings)
    index = result["data_docs"]
    assert index and index.endswith("index.html")
    # the GX project beside the warehouse, read with GX's own API
    import great_expectations as gx

    root = settings.db.with_name(settings.db.name + ".gx")
    assert (root / "great_expectations.yml").exists()
    context = gx.get_context(mode="file", context_root_dir=str(root))
    suites = {s.name for s in context.suites.all()}
    assert {"input_format", "facts_mentions", "facts_figures", "facts_actors"} <= suites
    # one checkpoint per validation stage, each over its suite
    for checkpoint in context.checkpoints.all():
        (definition,) = checkpoint.validation_definitions
        assert definition.suite.name == checkpoint.name
    assert {c.name for c in context.checkpoints.all()} == suites
    # severity in GX's own field: the error rules are 'critical'
    stored = context.suites.get("input_format")
    assert {str(getattr(e.severity, "value", e.severity)) for e in stored.expectations} >= {
        "critical"
    }
    # the results of the run, under its run id
    keys = context.validation_results_store.list_keys()
    assert {k.run_id.run_name for k in keys} == {ingest_run_ids(settings.db)[-1]}
    # opened as a file with no network: the page needs nothing from outside
    dom = chromium_dom(index, tmp_path / "chrome")
    for suite in (
        "input_format",
        "facts_mentions",
        "facts_figures",
        "facts_statements",
        "facts_actors",
    ):
        assert f'id="{suite}"' in dom, suite
    # each expectation's status as a rendered cell, the failing file by name
    failed = re.findall(r'<td class="status-failed">failed</td><td>(\w+)</td>', dom)
    assert "empty_body" in failed
    assert dom.count('class="status-passed"') >= 20
    row = dom[dom.index('<td class="status-failed">failed</td><td>empty_body</td>') :]
    assert "leer.txt" in row[: row.index("</tr>")]
    # GX's own validation pages name the run and the failing file too
    pages = sorted(Path(index).parent.glob("validations/input_format/**/*.html"))
    page = pages[-1].read_text(encoding="utf-8")
    assert "__none__" not in page and "leer.txt" in page
    # GX's own validation page, offline: each expectation's status in words
    dom = chromium_dom(pages[-1], tmp_path / "chrome-gx")
    assert '<span class="newsfacts-status-failed">failed</span>' in dom
    assert '<span class="newsfacts-status-passed">passed</span>' in dom
    assert "leer.txt" in dom


def ingest_run_ids(db) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT run_id FROM runs ORDER BY started_at").fetchall()]
    finally:
        con.close()


def test_history_keeps_the_last_runs_only(settings, prefect_harness):
    import great_expectations as gx

    for i in range(2):  # each run brings a new file, so each validates
        write_article(settings.inbox, f"artikel{i}.txt", good_article(i))
        index = ingest_with(settings, dq_history_runs=1)["data_docs"]
    runs = ingest_run_ids(settings.db)
    root = settings.db.with_name(settings.db.name + ".gx")
    context = gx.get_context(mode="file", context_root_dir=str(root))
    kept = {k.run_id.run_name for k in context.validation_results_store.list_keys()}
    assert kept == set(runs[1:])
    site = Path(index).parent
    assert not list(site.glob(f"validations/*/{runs[0]}"))
    assert list(site.glob(f"validations/input_format/{runs[1]}/**/*.html"))
    page = Path(index).read_text(encoding="utf-8")
    assert runs[1] in page and runs[0] not in page

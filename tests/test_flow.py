"""The whole flow on the bundled samples and the seed articles."""

from __future__ import annotations

import duckdb
import pytest

from newsfacts.flows.ingest import ingest_flow
from newsfacts.transforms.settings import Settings
from newsfacts.warehouse.load import LOAD_ORDER
from tests.conftest import SAMPLES, shared_or_skip, write_article

TABLES = tuple(t for t in LOAD_ORDER if t != "dq_results")  # dq_results logs every run


def counts(db) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}
    finally:
        con.close()


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory, prefect_harness, model_path):
    db = tmp_path_factory.mktemp("samples") / "w.duckdb"
    first = ingest_flow(Settings(inbox=str(SAMPLES), db=str(db), model=model_path))
    after_first = counts(db)
    second = ingest_flow(Settings(inbox=str(SAMPLES), db=str(db), model=model_path))
    return db, first, after_first, second


def test_every_file_is_accounted_for(sample_run):
    db, first, _, _ = sample_run
    n_files = sum(1 for p in SAMPLES.rglob("*") if p.is_file())
    assert first["files_seen"] == n_files
    assert first["loaded"] + first["duplicates"] + first["quarantined"] == n_files
    assert first["loaded"] >= 10


def test_check_files_get_their_codes(sample_run):
    db, first, _, _ = sample_run
    con = duckdb.connect(str(db), read_only=True)
    issues = set(con.execute("SELECT file_name, code FROM format_issues").fetchall())
    quarantined = dict(con.execute("SELECT file_name, codes FROM quarantine").fetchall())
    con.close()
    d = "format-checks/"
    assert quarantined[d + "empty_body.txt"] == ["empty_body"]
    assert quarantined[d + "undecodable.txt"] == ["undecodable"]
    assert quarantined[d + "binary_image.png"] == ["binary"]
    assert quarantined[d + "too_large.txt"] == ["too_large"]
    for name, code in [
        ("missing_date_header.txt", "missing_date_header"),
        ("invalid_date.txt", "invalid_date"),
        ("missing_source_line.txt", "missing_source_line"),
        ("windows_1252.txt", "decoded_cp1252"),
    ]:
        assert (d + name, code) in issues
    dup = [f for f, c in issues if c == "duplicate_content"]
    assert len(dup) == 1 and dup[0].startswith(d + "missing_source_line")


def test_second_run_adds_no_rows(sample_run):
    db, first, after_first, second = sample_run
    assert counts(db) == after_first
    assert second["loaded"] == 0 and second["quarantined"] == first["quarantined"]
    assert second["duplicates"] == first["loaded"] + first["duplicates"]
    assert sum(second["rows"].values()) == 0


def test_facts_point_into_bodies(sample_run):
    db = sample_run[0]
    con = duckdb.connect(str(db), read_only=True)
    bad = con.execute(
        """
        SELECT count(*) FROM mentions m JOIN articles a USING (article_id)
        WHERE substr(a.body, m.start + 1, m."end" - m.start) <> m.surface
        """
    ).fetchall()[0][0]
    orphans = con.execute(
        "SELECT count(*) FROM mentions WHERE actor_id NOT IN (SELECT actor_id FROM actors)"
    ).fetchall()[0][0]
    fig_bad = con.execute(
        """SELECT count(*) FROM figures f JOIN articles a USING (article_id)
           WHERE substr(a.body, f.start + 1, f."end" - f.start) <> f.text"""
    ).fetchall()[0][0]
    con.close()
    assert bad == 0 and orphans == 0 and fig_bad == 0


def test_runs_table_records_each_run(sample_run):
    db, first, _, second = sample_run
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "SELECT run_id, status, files_seen, loaded FROM runs ORDER BY started_at"
    ).fetchall()
    con.close()
    assert [r[0] for r in rows] == [first["run_id"], second["run_id"]]
    assert all(r[1] == "completed" for r in rows)


def test_seed_corpus(tmp_path, prefect_harness, model_path):
    corpus = shared_or_skip("corpus")
    db = tmp_path / "seed.duckdb"
    result = ingest_flow(Settings(inbox=str(corpus), db=str(db), model=model_path))
    assert result["loaded"] == 5
    con = duckdb.connect(str(db), read_only=True)
    arts = {
        r[0][:3]: r[1:]
        for r in con.execute(
            "SELECT file_name, source, published, date_origin FROM articles"
        ).fetchall()
    }
    issues = set(con.execute("SELECT left(file_name, 3), code FROM format_issues").fetchall())
    con.close()
    assert ("002", "missing_date_header") in issues and ("004", "missing_date_header") in issues
    assert arts["001"][0] == "Reuters" and arts["002"][0] == "dpa"
    assert arts["002"][2] == "body" and arts["004"][2] == "body"
    assert str(arts["002"][1]) == "2024-10-27" and str(arts["004"][1]) == "2024-10-21"
    # the seeds' story: North Korean soldiers counted by several sources, one series
    con = duckdb.connect(str(db), read_only=True)
    series = con.execute(
        "SELECT series_id, count(DISTINCT value), count(DISTINCT claimed_by), "
        "count(DISTINCT article_id) FROM claim_series WHERE measure = 'Soldat' "
        "GROUP BY series_id ORDER BY count(DISTINCT value) DESC"
    ).fetchall()
    conflicts = con.execute(
        "SELECT series_id, articles FROM figure_conflicts WHERE measure = 'Soldat'"
    ).fetchall()
    con.close()
    top, values, claimants, articles = series[0]
    assert values >= 4 and claimants >= 3 and articles >= 2
    assert (top, articles >= 2) in {(s, a >= 2) for s, a in conflicts}


def test_conflicts_are_between_articles_never_inside_one(sample_run):
    db = sample_run[0]
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT articles, claims FROM figure_conflicts").fetchall()
    series = con.execute(
        "SELECT count(DISTINCT series_id), count(DISTINCT measure) FROM claim_series"
    ).fetchone()
    con.close()
    assert all(articles >= 2 for articles, _ in rows), rows
    assert series[0] >= series[1] > 10  # percentages of different things are different series


def test_strict_run_quarantines_warnings(tmp_path, prefect_harness, model_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "ok.txt").write_text(
        "date 2024-05\nQuelle: dpa\nDer Rat der Stadt Kassel tagte.", encoding="utf-8"
    )
    (inbox / "nosource.txt").write_text("date 2024-05\nDer Rat tagte.", encoding="utf-8")
    r = ingest_flow(
        Settings(inbox=str(inbox), db=str(tmp_path / "w.duckdb"), strict=True, model=model_path)
    )
    assert (r["loaded"], r["quarantined"]) == (1, 1)


def test_run_summary_lists_files_with_findings_only_and_stays_bounded():
    # a 50,000-file inbox must not grow the summary by a row per clean file
    from newsfacts.flows import cli
    from newsfacts.transforms.batch import BatchPlan, RunSummary, RunTotals

    rows = [{"file": f"clean{i}.txt", "outcome": "loaded", "codes": []} for i in range(50)]
    rows += [{"file": "same.txt", "outcome": "unchanged", "codes": []}]
    rows += [
        {"file": f"bad{i}.txt", "outcome": "quarantined", "codes": ["binary"]} for i in range(4)
    ]
    rows += [{"file": "cp.txt", "outcome": "loaded", "codes": ["decoded_cp1252"]}]
    totals = RunTotals(files_seen=56, files_listed_max=3)
    plan = BatchPlan(
        {}, loaded=51, duplicates=1, quarantined=4, refused=[], refused_now=[], file_rows=rows
    )
    totals.add(plan, {"articles": 51})
    assert [r["file"] for r in totals.files] == ["bad0.txt", "bad1.txt", "bad2.txt"]
    assert totals.files_not_listed == 2
    assert totals.counts() == {
        "files_seen": 56, "loaded": 51, "duplicates": 1, "quarantined": 4, "refused": 0
    }  # fmt: skip
    summary = RunSummary.of_run(
        totals, run_id="r", db="w.duckdb", status=totals.status(), inbox="in", model="m"
    )
    text = "\n".join(cli.summary_lines(summary))
    assert "bad2.txt" in text and "clean0.txt" not in text
    assert "... and 2 more" in text
    assert RunSummary.from_dict(summary.as_dict()) == summary


def test_copy_in_a_later_batch_is_a_duplicate_while_the_first_is_in_flight(
    tmp_path, prefect_harness, model_path, monkeypatch
):
    # The run keeps nothing of the warehouse in memory: it looks files up per batch.
    # A copy staged before the batch with its original has loaded must still be a
    # duplicate: three batches in flight, one file each.
    from contextlib import contextmanager

    from newsfacts.flows import executors, ingest

    @contextmanager
    def three_in_flight(workers, dask, model):
        yield executors.ExtractionRunner(None, in_flight=3, description="test")

    monkeypatch.setattr(ingest, "extraction_runner", three_in_flight)
    inbox = tmp_path / "inbox"
    text = "date 2024-05\nQuelle: dpa\nDer Rat der Stadt Kassel tagte am Montag.\n"
    write_article(inbox, "a.txt", text)
    write_article(inbox, "b.txt", text.replace("Kassel", "Fulda"))
    write_article(inbox, "c.txt", text)
    db = tmp_path / "w.duckdb"
    first = ingest_flow(Settings(inbox=str(inbox), db=str(db), model=model_path, batch_size=1))
    assert (first["loaded"], first["duplicates"]) == (2, 1)
    con = duckdb.connect(str(db), read_only=True)
    codes = con.execute("SELECT file_name, code FROM format_issues").fetchall()
    names = sorted(r[0] for r in con.execute("SELECT file_name FROM articles").fetchall())
    con.close()
    assert ("c.txt", "duplicate_content") in codes and names == ["a.txt", "b.txt"]
    again = ingest_flow(Settings(inbox=str(inbox), db=str(db), model=model_path, batch_size=1))
    assert (again["loaded"], again["duplicates"]) == (0, 3)
    assert counts(db)["format_issues"] == len(codes)


def test_the_flow_writes_through_the_warehouse_it_is_given(tmp_path, prefect_harness, model_path):
    # the resource is injected, not patched: a warehouse whose second load fails
    from dataclasses import dataclass

    from newsfacts.warehouse.resource import Warehouse

    @dataclass(frozen=True)
    class FailingSecondLoad(Warehouse):
        loads: list | None = None

        def load(self, frames):
            self.loads.append(frames["articles"].height)
            if len(self.loads) == 2:
                raise RuntimeError("disk full")
            return super().load(frames)

    inbox = tmp_path / "inbox"
    for name in ("a.txt", "b.txt"):
        write_article(inbox, name, f"date 2024-05\nQuelle: dpa\nDer Rat in {name[0]}stadt tagte.\n")
    db = tmp_path / "w.duckdb"
    settings = Settings(inbox=inbox, db=db, model=model_path, batch_size=1)
    warehouse = FailingSecondLoad(db, loads=[])
    with pytest.raises(RuntimeError, match="disk full"):
        ingest_flow(settings, warehouse)
    assert warehouse.loads == [1, 1]
    con = duckdb.connect(str(db), read_only=True)
    loaded = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    status = con.execute("SELECT status FROM runs").fetchone()[0]
    con.close()
    assert (loaded, status) == (1, "failed")  # the first batch stays, the run says so


def test_an_unchanged_file_is_known_by_its_stat_and_rehash_reads_every_file(
    tmp_path, prefect_harness, model_path
):
    import os
    import time

    inbox, db = tmp_path / "inbox", tmp_path / "w.duckdb"
    text = "date 2024-05\nQuelle: dpa\nDer Rat der Stadt Kassel tagte am Montag.\n"
    path = write_article(inbox, "a.txt", text)
    past = time.time_ns() - 60 * 10**9  # written well before the run reads it
    os.utime(path, ns=(past, past))
    settings = Settings(inbox=str(inbox), db=str(db), model=model_path)
    assert ingest_flow(settings)["loaded"] == 1
    # other bytes, same size and modification time: the stat cannot tell
    path.write_text(text.replace("Kassel", "Hessen"), encoding="utf-8")
    os.utime(path, ns=(past, past))
    again = ingest_flow(settings)
    assert (again["loaded"], again["duplicates"]) == (0, 1)
    assert ingest_flow(settings.overridden(rehash=True))["loaded"] == 1
    # a new modification time is read again without being asked to
    path.write_text(text.replace("Kassel", "Erfurt"), encoding="utf-8")
    os.utime(path, ns=(past + 10**9, past + 10**9))
    assert ingest_flow(settings)["loaded"] == 1


def test_a_batch_is_split_among_workers_in_order():
    from newsfacts.flows.ingest import _split

    assert _split(list(range(5)), 2) == [[0, 1, 2], [3, 4]]
    assert _split(list(range(3)), 1) == [[0, 1, 2]]
    assert _split([1], 4) == [[1]]
    assert _split([], 2) == []

"""One writer at a time: overlapping runs wait or skip; analysts read between batches."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

from newsfacts.flows.progress import RunObserver, observing
from newsfacts.warehouse.lock import writer_lock
from tests.conftest import SAMPLES, home_for, ingest_with, write_article

NEWSFACTS = str(Path(sys.executable).parent / "newsfacts")


def test_a_run_that_cannot_get_the_lock_skips_cleanly(settings, prefect_harness):
    write_article(settings.inbox, "a.txt", "date 2024-05\nQuelle: dpa\nDer Rat in Kassel tagte.")
    with writer_lock(Path(settings.db), wait_seconds=0):
        result = ingest_with(settings, lock_wait_seconds=1)
    assert result["status"] == "skipped"
    assert "another newsfacts run" in result["reason"]
    assert not Path(settings.db).exists()  # it did not even open the warehouse


def test_two_runs_started_together_load_each_article_once(tmp_path, model_path, prefect_home):
    db = tmp_path / "w.duckdb"
    for i in range(2):
        home_for(tmp_path, prefect_home, f"home{i}")
    env_args = ["--db", str(db), "--model", model_path, "--no-progress", "--json"]
    procs = [
        subprocess.Popen(
            [NEWSFACTS, "run", str(SAMPLES), *env_args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={
                "PREFECT_LOGGING_LEVEL": "ERROR",
                "NEWSFACTS_DATA_DOCS_DIR": str(tmp_path / f"docs{i}"),
                "PATH": "/usr/bin:/bin",
                # each CLI process runs its own ephemeral Prefect API; two of them on one
                # SQLite file in a shared PREFECT_HOME can lock each other out
                "HOME": str(tmp_path / f"home{i}"),
            },
        )
        for i in range(2)
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1][-2000:] for o in outs]
    import json

    summaries = [json.loads(o[0]) for o in outs]
    loaded = sorted(s["loaded"] for s in summaries)
    con = duckdb.connect(str(db), read_only=True)
    articles = con.execute("SELECT count(*), count(DISTINCT article_id) FROM articles").fetchall()[
        0
    ]
    runs = con.execute("SELECT count(*) FROM runs WHERE status = 'completed'").fetchall()[0][0]
    con.close()
    assert loaded[0] == 0 and loaded[1] == articles[0] == articles[1]
    assert runs == 2
    for s in summaries:
        assert s["loaded"] + s["duplicates"] + s["quarantined"] == s["files_seen"]


def test_analysts_can_query_between_batches(settings, prefect_harness):
    for i in range(3):
        write_article(
            settings.inbox,
            f"a{i}.txt",
            f"date 2024-05\nQuelle: dpa\nDer Rat in Kassel tagte zum {i + 2}. Mal.",
        )
    seen = []

    class QueryFromAnotherProcess(RunObserver):
        def advanced(self, done, total):
            query_from_another_process(done)

    def query_from_another_process(done):
        r = subprocess.run(
            [
                NEWSFACTS,
                "query",
                "SELECT count(*) AS n FROM articles",
                "--db",
                str(settings.db),
                "--format",
                "csv",
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        seen.append(
            (done, r.returncode, r.stdout.strip().splitlines()[-1] if r.stdout else r.stderr)
        )

    with observing(QueryFromAnotherProcess()):
        ingest_with(settings, batch_size=1)
    assert [s[1] for s in seen] == [0, 0, 0], seen
    assert [s[2] for s in seen] == ["1", "2", "3"]

"""Scale-out paths give the same warehouse as extracting in the flow's own process:
a local worker pool, a Dask cluster (Prefect's DaskTaskRunner), and a DuckLake target."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLES, ingest_with, warehouse_contents


@pytest.fixture(scope="module")
def inline_db(tmp_path_factory, model_path, prefect_harness):
    """The reference: the samples extracted in the flow's process (workers=0)."""
    from newsfacts.transforms.settings import Settings

    base = tmp_path_factory.mktemp("inline")
    settings = Settings(
        inbox=SAMPLES, db=base / "w.duckdb", model=model_path, batch_size=4,
        data_docs_dir=base / "docs",
    )  # fmt: skip
    summary = ingest_with(settings, workers=0, batch_size=4)
    assert summary["loaded"] > 10
    return settings.db


@pytest.fixture(scope="module")
def inline_contents(inline_db):
    return warehouse_contents(inline_db)


def _samples_settings(tmp_path, model_path, db=None):
    from newsfacts.transforms.settings import Settings

    return Settings(
        inbox=SAMPLES, db=db or tmp_path / "w.duckdb", model=model_path, batch_size=4,
        data_docs_dir=tmp_path / "docs",
    )  # fmt: skip


def test_two_worker_processes_give_the_same_warehouse(tmp_path, model_path, inline_contents):
    settings = _samples_settings(tmp_path, model_path)
    summary = ingest_with(settings, workers=2, batch_size=4)
    assert summary["status"] == "completed"
    assert summary["extraction"] == "2 worker processes"
    assert warehouse_contents(settings.db) == inline_contents
    # an unchanged inbox starts no workers: nothing to extract
    rerun = ingest_with(settings, workers=2, batch_size=4)
    assert rerun["loaded"] == 0
    assert rerun["extraction"] == "in the flow's process"


def test_dask_local_cluster_gives_the_same_warehouse(tmp_path, model_path, inline_contents):
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        settings = _samples_settings(tmp_path, model_path)
        summary = ingest_with(
            settings, workers=2, batch_size=4, dask_address=cluster.scheduler_address
        )
        # the extraction ran on the cluster's workers: they loaded the pipeline
        loaded_there = client.run(lambda: "newsfacts.transforms.nlp.extract" in sys.modules)
    assert summary["status"] == "completed"
    assert any(loaded_there.values()), loaded_there
    assert warehouse_contents(settings.db) == inline_contents


def test_cli_starts_a_local_dask_cluster(tmp_path, model_path):
    pytest.importorskip("prefect_dask")
    db = tmp_path / "w.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "newsfacts.flows.cli", "run", str(SAMPLES / "format-checks"), "--db", str(db),
         "--dask", "local", "--workers", "2", "--model", model_path, "--no-progress", "--json"],
        capture_output=True, text=True, timeout=300,
        env=dict(os.environ, NEWSFACTS_DATA_DOCS_DIR=str(tmp_path / "docs")),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert '"status": "completed"' in done.stdout


def _lake(tmp_path) -> str:
    return f"ducklake:sqlite:{tmp_path / 'lake' / 'catalog.sqlite'}"


def test_ducklake_warehouse_holds_the_same_facts(tmp_path, model_path, inline_contents):
    pytest.importorskip("duckdb_extension_ducklake")
    lake = _lake(tmp_path)
    settings = _samples_settings(tmp_path, model_path, db=lake)
    first = ingest_with(settings, workers=0, batch_size=4)
    assert first["status"] == "completed"
    assert warehouse_contents(lake) == inline_contents
    # Parquet files beside the catalog, by table (inserts of a few rows, such as 4
    # articles, DuckLake keeps inline in the catalog; a batch's mentions are many)
    data = tmp_path / "lake" / "catalog.sqlite.files" / "main"
    assert any((data / "mentions").glob("*.parquet"))
    # a rerun adds nothing (the loader's anti-joins keep keys unique)
    second = ingest_with(settings, workers=0, batch_size=4)
    assert second["loaded"] == 0
    assert warehouse_contents(lake) == inline_contents


def test_ducklake_analyst_query_is_read_only(tmp_path, model_path):
    pytest.importorskip("duckdb_extension_ducklake")
    from newsfacts.warehouse.query import run_query

    lake = _lake(tmp_path)
    ingest_with(_samples_settings(tmp_path, model_path, db=lake), workers=0)
    out = run_query(lake, "SELECT count(*) AS n FROM figure_timeline", fmt="json")
    assert '"n"' in out
    for sql in (
        "INSERT INTO runs (run_id, started_at) VALUES ('x', now())",
        f"COPY articles TO '{tmp_path / 'leak.csv'}'",
        "SELECT * FROM read_csv('/etc/passwd')",
    ):
        with pytest.raises(Exception):  # noqa: B017 - DuckDB raises several kinds
            run_query(lake, sql)
    assert not (tmp_path / "leak.csv").exists()


def test_ducklake_takes_writers_over_different_inboxes_at_once(tmp_path, model_path):
    """Two runs over two inboxes write into one lake at the same time; nothing is lost."""
    pytest.importorskip("duckdb_extension_ducklake")
    articles = sorted(p for p in SAMPLES.glob("*.txt"))
    half = len(articles) // 2
    inboxes = [tmp_path / "a", tmp_path / "b"]
    for inbox, part in zip(inboxes, (articles[:half], articles[half:]), strict=True):
        inbox.mkdir()
        for p in part:
            shutil.copy(p, inbox / p.name)
    lake = _lake(tmp_path)
    env = dict(os.environ, NEWSFACTS_DATA_DOCS_DIR=str(tmp_path / "docs"), NEWSFACTS_WORKERS="0")
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "newsfacts.flows.cli",
                "run",
                str(inbox),
                "--db",
                lake,
                "--model",
                model_path,
                "--batch-size",
                "2",
                "--no-progress",
                "--lock-wait",
                "0",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )  # fmt: skip
        for inbox in inboxes
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-3000:]
    contents = warehouse_contents(lake)
    assert len(contents["articles"]) == len(articles)
    assert len({row[0] for row in contents["articles"]}) == len(articles)
    actor_ids = [row[0] for row in contents["actors"]]
    assert len(actor_ids) == len(set(actor_ids))


def test_lake_schema_has_no_constraints_duckLake_rejects():
    from newsfacts.warehouse.load import lake_schema, sql_text

    schema = sql_text("schema.sql")
    assert "CHECK" in schema
    lake = lake_schema(schema)
    assert "CHECK" not in lake
    assert lake.count("CREATE TABLE") == schema.count("CREATE TABLE")


def test_lock_files_one_per_duckdb_file_one_per_inbox_for_a_lake(tmp_path):
    from newsfacts.warehouse.load import lock_path

    db = tmp_path / "w.duckdb"
    assert (
        lock_path(db, tmp_path / "a") == lock_path(db, tmp_path / "b") == tmp_path / "w.duckdb.lock"
    )
    lake = f"ducklake:sqlite:{tmp_path / 'catalog.sqlite'}"
    a, b = lock_path(lake, tmp_path / "a"), lock_path(lake, tmp_path / "b")
    assert a != b and a.parent == b.parent == tmp_path
    assert lock_path(lake, tmp_path / "a") == a
    assert lock_path("ducklake:postgres:dbname=news host=db", tmp_path / "a") is None


# --- the pinned warehouse of the samples ------------------------------------------------
# Every table's rows (run-specific columns left out) hash to the digest in
# tests/data/samples_warehouse.json. A refactoring must leave it as it is; a change of the
# extraction rules or the pipeline changes it on purpose, and then the digest is written
# anew:  NEWSFACTS_UPDATE_DIGEST=1 python -m pytest tests/test_scale.py -k pinned

DIGEST = REPO / "tests" / "data" / "samples_warehouse.json"


def _digest(contents: dict[str, list[tuple]]) -> dict[str, dict]:
    return {
        table: {
            "rows": len(rows),
            "sha256": hashlib.sha256(repr(rows).encode("utf-8")).hexdigest(),
        }
        for table, rows in sorted(contents.items())
    }


def test_the_samples_make_the_pinned_warehouse(inline_db, model_path):
    from newsfacts.transforms.nlp.meta import extraction_version

    # the rows' `extraction` names the rules' hash, which any edit of their code changes;
    # the version is pinned beside the tables, the tables are compared without it
    contents = warehouse_contents(inline_db, leave_out={"extraction"})
    made = {"extraction_version": extraction_version(model_path), "tables": _digest(contents)}
    if os.environ.get("NEWSFACTS_UPDATE_DIGEST") == "1":
        DIGEST.write_text(json.dumps(made, indent=2) + "\n", encoding="utf-8")
    pinned = json.loads(Path(DIGEST).read_text(encoding="utf-8"))
    changed = sorted(t for t in made["tables"] if made["tables"][t] != pinned["tables"].get(t))
    if made["extraction_version"] != pinned["extraction_version"]:
        hint = (
            f"the extraction changed ({pinned['extraction_version']} -> "
            f"{made['extraction_version']}): if that is intended, write the digest anew "
            "(NEWSFACTS_UPDATE_DIGEST=1 python -m pytest tests/test_scale.py -k pinned)"
        )
    else:
        hint = "same extraction, other contents: something other than the rules changed them"
    assert not changed, f"tables {changed} differ from the pinned digest; {hint}"

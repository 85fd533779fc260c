"""`newsfacts reprocess`: the warehouse follows when the pipeline improves. Facts are
replaced per article in one transaction, carry the extraction that made them, keep
their actors' ids, and a killed reprocess leaves every article entirely old or new."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import duckdb
import pytest

from newsfacts.flows.reprocess import ReprocessOptions, reprocess_flow
from newsfacts.transforms.errors import BadInput
from newsfacts.transforms.nlp.meta import extraction_version
from tests.conftest import REPO, ingest_with, write_article
from tests.test_crash_safety import _env, text

OLD = "de_newsfacts-0.6.0+rules.old"
FACTS = ("mentions", "figures", "statements")


def rows(db, sql, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def age(db, keep_statements_of: int | None = None) -> None:
    """Make the warehouse look like an earlier release's: every row of an older
    extraction, and (as if its rules found fewer) some articles without statements."""
    con = duckdb.connect(str(db))
    for table in ("articles", "actor_aliases", *FACTS):
        con.execute(f'UPDATE "{table}" SET extraction = ?', [OLD])
    if keep_statements_of is not None:
        con.execute(
            "DELETE FROM statements WHERE article_id NOT IN "
            f"(SELECT article_id FROM articles ORDER BY article_id LIMIT {keep_statements_of})"
        )
    con.close()


def mixed_articles(db) -> list:
    """Articles whose facts come from two extractions, or differ from the article's."""
    union = " UNION ALL ".join(f'SELECT article_id, extraction FROM "{t}"' for t in FACTS)
    return rows(
        db,
        f"SELECT a.article_id FROM articles a JOIN ({union}) f USING (article_id) "
        "GROUP BY a.article_id, a.extraction "
        "HAVING count(DISTINCT f.extraction) > 1 OR any_value(f.extraction) <> a.extraction",
    )


@pytest.fixture(scope="module")
def loaded_once(tmp_path_factory, model_path, prefect_harness):
    """Six articles loaded once; each test works on its own copy."""
    from newsfacts.transforms.settings import Settings

    base = tmp_path_factory.mktemp("loaded")
    settings = Settings(
        inbox=base / "inbox", db=base / "w.duckdb", model=model_path, batch_size=4,
        data_docs_dir=base / "docs", workers=0,
    )  # fmt: skip
    for n in range(6):
        write_article(settings.inbox, f"a{n:02d}.txt", text(n))
    assert ingest_with(settings)["loaded"] == 6
    return settings


@pytest.fixture
def loaded(loaded_once, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy(loaded_once.db, db)
    return loaded_once.overridden(db=db, data_docs_dir=tmp_path / "docs")


def test_reprocess_replaces_every_articles_facts_with_the_current_extraction(loaded):
    db = loaded.db
    current = extraction_version(loaded.model)
    before = {t: rows(db, f'SELECT count(*) FROM "{t}"')[0][0] for t in FACTS}
    actors = set(rows(db, "SELECT actor_id, name, type FROM actors"))
    articles = rows(db, "SELECT article_id, file_name, body, run_id FROM articles ORDER BY 1")
    runs = rows(db, "SELECT run_id, started_at, status FROM runs")
    age(db, keep_statements_of=2)

    dry = reprocess_flow(loaded, ReprocessOptions(dry_run=True))
    assert dry["dry_run"] and dry["reprocessed"] == 6 and dry["statements_changed"] == 4
    assert rows(db, "SELECT DISTINCT extraction FROM articles") == [(OLD,)]  # nothing written

    done = reprocess_flow(loaded, ReprocessOptions())
    assert (done["status"], done["selected"], done["reprocessed"]) == ("completed", 6, 6)
    assert done["statements_changed"] == 4  # the articles the older rules found none in
    assert done["tables"]["statements"]["after"] == before["statements"]
    assert {t: rows(db, f'SELECT count(*) FROM "{t}"')[0][0] for t in FACTS} == before
    for table in ("articles", *FACTS):
        assert rows(db, f'SELECT DISTINCT extraction FROM "{table}"') == [(current,)], table
    assert mixed_articles(db) == []
    assert actors <= set(rows(db, "SELECT actor_id, name, type FROM actors"))  # ids kept
    assert (
        rows(db, "SELECT article_id, file_name, body, run_id FROM articles ORDER BY 1") == articles
    )
    assert set(runs) <= set(rows(db, "SELECT run_id, started_at, status FROM runs"))
    kinds = rows(db, "SELECT kind, extraction FROM runs ORDER BY started_at")
    assert kinds[-1] == ("reprocess", current)
    assert rows(db, "SELECT extraction, articles FROM extraction_versions") == [(current, 6)]

    again = reprocess_flow(loaded, ReprocessOptions(only_older=True))
    assert (again["selected"], again["reprocessed"], again["statements_changed"]) == (0, 0, 0)


def test_articles_filter_narrows_and_a_bad_one_is_refused_clearly(loaded):
    age(loaded.db)
    one = reprocess_flow(loaded, ReprocessOptions(articles="file_name = 'a03.txt'"))
    assert (one["selected"], one["reprocessed"]) == (1, 1)
    versions = dict(rows(loaded.db, "SELECT file_name, extraction FROM articles"))
    assert versions.pop("a03.txt") != OLD and set(versions.values()) == {OLD}
    with pytest.raises(BadInput, match="no condition over articles"):
        reprocess_flow(loaded, ReprocessOptions(articles="nonsense ((("))
    outside = "file_name IN (SELECT column0 FROM read_csv('/etc/hostname', header = false))"
    with pytest.raises(BadInput, match="no condition over articles"):
        reprocess_flow(loaded, ReprocessOptions(articles=outside))  # reads the warehouse only


DRIVER = textwrap.dedent(
    """
    import os, signal, sys

    from newsfacts.warehouse import load as wh

    real = wh.replace_batch
    calls = []


    class KillBeforeCommit:
        def __init__(self, con):
            self._con = con

        def __getattr__(self, name):
            return getattr(self._con, name)

        def execute(self, sql, *params):
            if sql == "COMMIT":
                os.kill(os.getpid(), signal.SIGKILL)
            return self._con.execute(sql, *params)


    def replace_batch(con, frames, replaced, extraction):
        calls.append(1)
        if len(calls) == 2:
            return real(KillBeforeCommit(con), frames, replaced, extraction)
        return real(con, frames, replaced, extraction)


    wh.replace_batch = replace_batch
    from newsfacts.flows.cli import main

    if __name__ == "__main__":
        sys.exit(main(["reprocess", *sys.argv[1:]]))
    """
)


def test_a_reprocess_killed_mid_batch_leaves_articles_whole_and_a_rerun_completes(
    loaded, tmp_path, model_path, prefect_home
):
    db = loaded.db
    age(db)
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    args = ["--db", str(db), "--model", model_path, "--batch-size", "2", "--workers", "0"]
    env = _env(tmp_path, prefect_home) | {"NEWSFACTS_DQ_DIR": str(tmp_path / "gx")}
    done = subprocess.run(
        [sys.executable, str(driver), *args, "--no-progress"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == -9, done.stderr[-2000:]
    current = extraction_version(model_path)
    versions = rows(db, "SELECT extraction, count(*) FROM articles GROUP BY 1 ORDER BY 1")
    assert dict(versions) == {current: 2, OLD: 4}  # the first batch, not the second
    assert mixed_articles(db) == []
    assert rows(db, "SELECT status FROM runs WHERE kind = 'reprocess'") == [("running",)]

    rerun = reprocess_flow(loaded.overridden(batch_size=2), ReprocessOptions(only_older=True))
    assert (rerun["status"], rerun["selected"], rerun["reprocessed"]) == ("completed", 4, 4)
    assert rows(db, "SELECT DISTINCT extraction FROM articles") == [(current,)]
    assert mixed_articles(db) == []
    statuses = rows(db, "SELECT status FROM runs WHERE kind = 'reprocess' ORDER BY started_at")
    assert statuses == [("crashed",), ("completed",)]


def test_a_plan_replaces_what_passed_and_keeps_what_a_suite_refused():
    # pure: transforms.reprocess decides, no flow, no warehouse
    import polars as pl

    from newsfacts.transforms.refusals import VerifiedFacts
    from newsfacts.transforms.reprocess import plan_reprocess
    from newsfacts.transforms.tables import schema

    articles = pl.DataFrame(
        {"article_id": ["a", "b", "c"], "file_name": ["a.txt", "b.txt", "c.txt"]}
    )
    said = {"article_id": "a", "speaker_actor_id": None, "mode": "direct", "text": "Wir bauen",
            "cue": "sagte", "start": 0, "end": 9}  # fmt: skip
    frames = {
        t: pl.DataFrame(schema=schema(t))
        for t in ("actors", "actor_aliases", "mentions", "figures")
    }
    frames["statements"] = pl.DataFrame([said], schema=schema("statements"))
    verified = VerifiedFacts(frames=frames, refused={"b": ["facts_figures.inverted_range: 3 > 1"]})
    plan = plan_reprocess(
        articles, verified, failed=[("c", "ValueError: x")],
        old_counts={"mentions": {"a": 2, "b": 5}, "figures": {}, "statements": {"b": 1}},
        old_statements={"a": [], "b": [(0, 3, "direct", "Ja", None)]},
        extraction="new", run_id="r",
    )  # fmt: skip
    assert plan.replaced == ["a"]  # b refused, c failed: both keep their facts
    assert [name for name, _ in plan.kept] == ["c.txt", "b.txt"]
    assert plan.removed == {"mentions": 2, "figures": 0, "statements": 0}  # a's old rows only
    assert plan.added["statements"] == 1 and plan.statements_changed == 1
    assert plan.frames["statements"]["extraction"].to_list() == ["new"]
    assert plan.frames["refusals"]["file_name"].to_list() == ["b.txt"]

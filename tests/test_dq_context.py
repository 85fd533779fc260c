"""The bounded record of one run's validations (expectations.context), on stand-in
results: what stays, what is dropped as the run goes."""

from __future__ import annotations

from types import SimpleNamespace

from newsfacts.expectations import context
from newsfacts.expectations.context import _Kept, project_root


def _suite(name):
    return SimpleNamespace(name=name)


def _result(success):
    return SimpleNamespace(success=success)


def test_a_passing_validation_gives_way_to_the_next_one_of_its_suite():
    kept = _Kept()
    first, second = object(), object()
    kept.add(first, _suite("a"), _result(True))
    kept.add(second, _suite("a"), _result(True))
    assert kept.dropped == [first]
    assert [k for k, _, _ in kept.results()] == [second]
    assert kept.counts == {"a": [2, 0]}


def test_failures_stay_up_to_the_cap(monkeypatch):
    monkeypatch.setattr(context, "FAILED_KEPT_PER_RUN", 2)
    kept = _Kept()
    keys = [object() for _ in range(4)]
    for key in keys:
        kept.add(key, _suite("a"), _result(False))
    # the first two failures stay; of the others only the latest is kept
    assert kept.dropped == [keys[2]]
    assert [k for k, _, _ in kept.results()] == [keys[0], keys[1], keys[3]]
    assert kept.counts == {"a": [4, 4]}


def test_latest_of_each_suite_stays():
    kept = _Kept()
    a, b = object(), object()
    kept.add(a, _suite("a"), _result(True))
    kept.add(b, _suite("b"), _result(True))
    assert kept.dropped == []
    assert {id(k) for k, _, _ in kept.results()} == {id(a), id(b)}


def test_project_sits_beside_the_warehouse_lock(tmp_path):
    db = tmp_path / "news.duckdb"
    assert project_root(db, tmp_path / "inbox") == tmp_path / "news.duckdb.gx"


def test_a_postgres_lake_validates_in_memory(tmp_path):
    assert project_root("ducklake:postgres:dbname=x", tmp_path) is None


def test_a_run_that_validated_nothing_opens_no_project(tmp_path):
    from newsfacts.transforms.settings import Settings

    settings = Settings(inbox=tmp_path, db=tmp_path / "none.duckdb")
    assert context.holding_run(settings, "never-ran") is None
    assert not (tmp_path / "none.duckdb.gx").exists()

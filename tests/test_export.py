"""`newsfacts export --parquet`: one Parquet file per table and view, readable back."""

from __future__ import annotations

import duckdb
import pytest

from newsfacts.flows.cli import main
from newsfacts.warehouse.export import export_parquet, relations
from tests.test_views import build_small_warehouse


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_small_warehouse(tmp_path_factory.mktemp("export") / "w.duckdb")


def test_export_writes_every_table_and_view(db, tmp_path, capsys):
    before = db.read_bytes()
    out = tmp_path / "parquet"
    assert main(["export", "--parquet", str(out), "--db", str(db)]) == 0
    printed = capsys.readouterr().out
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = relations(con)
        kinds = {kind for _, kind in names}
        assert kinds == {"table", "view"}
        assert {"articles", "figures", "figure_conflicts", "actor_network"} <= {n for n, _ in names}
        for name, _ in names:
            path = out / f"{name}.parquet"
            assert path.exists(), name
            assert str(path) in printed
            expected = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            got = duckdb.sql(f"SELECT count(*) FROM read_parquet('{path}')").fetchone()[0]
            assert got == expected, name
        # list columns survive the round trip
        claimants = duckdb.sql(
            f"SELECT claimants FROM read_parquet('{out / 'figure_conflicts.parquet'}')"
        ).fetchone()[0]
        assert claimants == ["Polizei", "Schmidt"]
    finally:
        con.close()
    assert sorted(p.stem for p in out.glob("*.parquet")) == sorted(n for n, _ in names)
    assert db.read_bytes() == before  # read-only: the warehouse is untouched


def test_export_works_beside_another_reader(db, tmp_path):
    reader = duckdb.connect(str(db), read_only=True)
    try:
        written = export_parquet(db, tmp_path / "p")
    finally:
        reader.close()
    assert {e.name for e in written} >= {"articles", "source_coverage"}
    assert all(e.rows >= 0 and e.path.exists() for e in written)


def test_export_missing_warehouse_says_what_to_do(tmp_path, capsys):
    code = main(["export", "--parquet", str(tmp_path / "p"), "--db", str(tmp_path / "no.duckdb")])
    assert code == 4  # a missing resource
    assert "newsfacts run" in capsys.readouterr().err

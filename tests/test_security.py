"""Security: queries cannot change the warehouse, file contents are data (never SQL), and a
run writes only into its configured folders (docs/robustness.md)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from newsfacts.warehouse.query import run_query
from tests.conftest import write_article

NEWSFACTS = str(Path(sys.executable).parent / "newsfacts")
TABLES = ("runs", "articles", "actors", "mentions", "figures", "statements", "quarantine")
INJECTION = "'); DROP TABLE articles; --"
INJECTION_NAME = "x'); DROP TABLE runs; --.txt"


@pytest.fixture
def warehouse(tmp_path):
    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE articles (article_id VARCHAR, body VARCHAR)")
    con.execute("INSERT INTO articles VALUES ('a1', 'Text')")
    con.close()
    (tmp_path / "rows.csv").write_text("article_id,body\na2,Mehr\n", encoding="utf-8")
    return db


def count(db: Path) -> int:
    return int(run_query(db, "SELECT count(*) AS n FROM articles", fmt="csv").split()[-1])


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM articles",
        "UPDATE articles SET body = 'x'",
        "INSERT INTO articles VALUES ('a2', 'y')",
        "DROP TABLE articles",
        "CREATE TABLE evil AS SELECT 1",
        "COPY articles FROM '{tmp}/rows.csv'",
        "ATTACH '{tmp}/new.duckdb' AS other",
        "ATTACH ':memory:' AS mem",
        "SET enable_external_access = true",
    ],
)
def test_query_cannot_write_the_warehouse(warehouse, sql):
    tmp = warehouse.parent
    with pytest.raises(duckdb.Error):
        run_query(warehouse, sql.format(tmp=tmp))
    assert count(warehouse) == 1
    assert not (tmp / "new.duckdb").exists()


def test_attaching_the_warehouse_again_stays_read_only(warehouse):
    with pytest.raises(duckdb.Error):
        run_query(
            warehouse,
            f"ATTACH '{warehouse}' AS again; INSERT INTO again.articles VALUES ('a3', 'z')",
        )
    assert count(warehouse) == 1


def test_query_cannot_write_or_read_other_files(warehouse):
    out = warehouse.parent / "leak.csv"
    with pytest.raises(duckdb.Error):
        run_query(warehouse, f"COPY (SELECT * FROM articles) TO '{out}'")
    assert not out.exists()
    with pytest.raises(duckdb.Error):
        run_query(warehouse, "SELECT * FROM read_csv('/etc/passwd')")


def _tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_contents_are_data_and_writes_stay_in_configured_folders(tmp_path, model_path):
    root = tmp_path
    for folder in ("home", "cwd", "tmp"):
        (root / folder).mkdir()
    inbox, db, docs = root / "inbox", root / "warehouse" / "w.duckdb", root / "docs"
    body = f"Der Stadtrat in Kassel hat am Montag beraten.\n{INJECTION}\n$(touch pwned) `id`"
    write_article(inbox, INJECTION_NAME, f"date 2024-05\nQuelle: dpa'; --\n{body}\n")
    write_article(inbox, "normal.txt", "date 2024-05\nQuelle: dpa\nDer Rat in Kassel tagte.\n")
    before = _tree(root)

    result = subprocess.run(
        [NEWSFACTS, "run", str(inbox), "--db", str(db), "--model", model_path]
        + ["--no-progress", "--json"],
        cwd=root / "cwd",
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(root / "home"),
            "TMPDIR": str(root / "tmp"),
            "PREFECT_LOGGING_LEVEL": "ERROR",
            "NEWSFACTS_DATA_DOCS_DIR": str(docs),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout)
    assert summary["loaded"] == 2 and summary["status"] == "completed"

    con = duckdb.connect(str(db), read_only=True)
    try:
        names = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert set(TABLES) <= names
        stored_body, source = con.execute(
            "SELECT body, source FROM articles WHERE file_name = ?", [INJECTION_NAME]
        ).fetchall()[0]
        assert con.execute("SELECT count(*) FROM runs").fetchall()[0][0] == 1
    finally:
        con.close()
    assert stored_body == body and source == "dpa'; --"

    # nothing outside the warehouse folder, Data Docs and Prefect's home ($HOME/.prefect)
    after = _tree(root)
    assert {k: v for k, v in after.items() if k in before} == before  # inbox untouched
    new = sorted(set(after) - set(before))
    allowed = ("warehouse/", "docs/", "home/.prefect/")
    assert [n for n in new if not n.startswith(allowed)] == []
    assert any(n.startswith("warehouse/w.duckdb") for n in new)
    assert not list((root / "cwd").iterdir())
    assert not list(root.rglob("pwned"))

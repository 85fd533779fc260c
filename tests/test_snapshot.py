"""Analysts never block a run: after each run the flow publishes a read-only snapshot
next to the warehouse; a notebook holding it keeps working while runs write, and sees
the new data when it connects again. A process holding the warehouse file itself is
named in the error, with the snapshot to open instead."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import duckdb
import pytest

from newsfacts.flows.ingest import ingest_flow
from newsfacts.transforms.settings import Settings
from newsfacts.warehouse import load as wh
from newsfacts.warehouse.snapshot import publish_snapshot, snapshot_path
from tests.conftest import write_article


def article(n: int) -> str:
    return (
        f"date 2024-0{1 + n % 9}\nQuelle: dpa\nBericht {n}\n"
        f"Die Stadt Kassel meldete am Montag {100 + n} neue Wohnungen, sagte Bürgermeister "
        f"Anna Lima.\n"
    )


def _holder(path, read_only=True):
    """A process that opens `path` (read-only) and keeps it open, like a notebook; it
    answers 'count' with the articles it sees on the connection it holds."""
    code = textwrap.dedent(
        f"""
        import duckdb, sys
        con = duckdb.connect({str(path)!r}, read_only={read_only})
        print("open", flush=True)
        for line in sys.stdin:
            print(con.execute("SELECT count(*) FROM articles").fetchone()[0], flush=True)
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "open"
    return proc


def _ask(proc) -> int:
    proc.stdin.write("count\n")
    proc.stdin.flush()
    return int(proc.stdout.readline())


def test_a_notebook_on_the_snapshot_never_blocks_a_run(tmp_path, prefect_harness, model_path):
    inbox, db = tmp_path / "inbox", tmp_path / "w.duckdb"
    write_article(inbox, "a0.txt", article(0))
    first = ingest_flow(Settings(inbox=str(inbox), db=str(db), model=model_path))
    assert first["snapshot"] == str(snapshot_path(db)) and first["loaded"] == 1
    notebook = _holder(snapshot_path(db))
    try:
        assert _ask(notebook) == 1
        write_article(inbox, "a1.txt", article(1))
        second = ingest_flow(Settings(inbox=str(inbox), db=str(db), model=model_path))
        assert second["status"] == "completed" and second["loaded"] == 1
        assert _ask(notebook) == 1  # the connection it holds keeps its snapshot
    finally:
        notebook.stdin.close()
        notebook.wait(timeout=30)
    with duckdb.connect(str(snapshot_path(db)), read_only=True) as con:  # reconnect
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_a_process_holding_the_warehouse_file_is_named_with_what_to_open(tmp_path):
    db = tmp_path / "w.duckdb"
    with wh.connect(db) as con:
        wh.ensure_schema(con)
    holder = _holder(db)
    try:
        with pytest.raises(wh.WarehouseHeld) as caught:
            wh._connect_for_writing(db, {})
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    message = str(caught.value)
    assert f"process {holder.pid}" in message and str(snapshot_path(db)) in message


def test_the_snapshot_is_replaced_whole_and_only_when_the_warehouse_changed(tmp_path):
    db = tmp_path / "w.duckdb"
    with wh.connect(db) as con:
        wh.ensure_schema(con)
    target = publish_snapshot(db)
    inode = target.stat().st_ino
    assert publish_snapshot(db) == target and target.stat().st_ino == inode  # current
    with wh.connect(db) as con:
        con.execute("INSERT INTO actors VALUES ('a1', 'Anna Lima', 'PER')")
    publish_snapshot(db)
    assert target.stat().st_ino != inode  # a new file, renamed over the old one
    assert not list(tmp_path.glob(".*.partial"))
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.execute("SELECT name FROM actors").fetchall() == [("Anna Lima",)]

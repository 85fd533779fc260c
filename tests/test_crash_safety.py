"""A run killed with SIGKILL in the middle of a batch transaction loses nothing and
doubles nothing: the warehouse is exactly as before that batch, the crashed run stays
visible as `running` until the next run marks it `crashed`, and the next run loads every
article exactly once.

A small driver script runs the real `newsfacts run` (flows.cli.main) with
`warehouse.load.load_batch` wrapped: after each committed batch it records the table
counts; in batch `KILL_AT` it records the counts inside the open transaction and then
sends itself SIGKILL right before COMMIT. No test seam in production code is needed.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb

from tests.conftest import home_for, write_article

NEWSFACTS = str(Path(sys.executable).parent / "newsfacts")
REPO = Path(__file__).resolve().parent.parent
TABLES = ("articles", "mentions", "figures", "statements", "format_issues", "quarantine")
N_ARTICLES = 7  # batch size 2: four batches
KILL_AT = 2  # the second batch that loads articles

DRIVER = textwrap.dedent(
    """
    import json, os, signal, sys

    from newsfacts.warehouse import load as wh

    state_dir, kill_at, args = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    TABLES = {tables!r}
    real_load_batch = wh.load_batch
    article_loads = []


    def snapshot(con, name):
        counts = {{t: con.execute(f'SELECT count(*) FROM "{{t}}"').fetchall()[0][0] for t in TABLES}}
        counts["article_ids"] = sorted(
            r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()
        )
        with open(os.path.join(state_dir, name), "w") as fh:
            json.dump(counts, fh)


    class KillBeforeCommit:
        def __init__(self, con):
            self._con = con

        def __getattr__(self, name):
            return getattr(self._con, name)

        def execute(self, sql, *params):
            if sql == "COMMIT":
                snapshot(self._con, "in_transaction.json")
                with open(os.path.join(state_dir, "children.json"), "w") as fh:
                    json.dump(children(), fh)
                os.kill(os.getpid(), signal.SIGKILL)
            return self._con.execute(sql, *params)


    def children():
        # pids of this process's children (the temporary Prefect API among them)
        found = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{{entry}}/stat") as fh:
                        ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
                if ppid == os.getpid():
                    found.append(int(entry))
        return found


    def load_batch(con, frames):
        if frames.get("articles") is not None and frames["articles"].height:
            article_loads.append(1)
        if len(article_loads) == kill_at:
            return real_load_batch(KillBeforeCommit(con), frames)
        counts = real_load_batch(con, frames)
        snapshot(con, "committed.json")
        return counts


    wh.load_batch = load_batch
    from newsfacts.flows.cli import main

    if __name__ == "__main__":  # worker processes (spawned) import this file too
        sys.exit(main(["run", *args]))
    """
).format(tables=TABLES)


def text(n: int) -> str:
    return (
        f"date 2024-0{1 + n % 9}\nQuelle: dpa\n"
        f"Der Stadtrat in Kassel hat am Montag über Antrag {n} beraten. "
        f"Bürgermeisterin Anna Schmidt sagte: „Wir bauen {100 + n} Wohnungen.“\n"
    )


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"  # zombies are gone
    except OSError:
        return False


def wait_until_gone(pids: list[int], seconds: float) -> list[int]:
    """The pids still alive after up to `seconds`."""
    deadline = time.monotonic() + seconds
    while (left := [p for p in pids if alive(p)]) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def table_state(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        state = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0] for t in TABLES}
        state["article_ids"] = sorted(
            r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()
        )
        return state
    finally:
        con.close()


def _env(tmp_path: Path, prefect_home: Path | None = None) -> dict:
    home = home_for(tmp_path, prefect_home)
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),  # Prefect keeps its ephemeral API database here
        "PREFECT_LOGGING_LEVEL": "ERROR",
        "NEWSFACTS_DATA_DOCS_DIR": str(tmp_path / "docs"),
    }


def test_sigkill_mid_transaction_loses_and_doubles_nothing(tmp_path, model_path, prefect_home):
    inbox, db, state_dir = tmp_path / "inbox", tmp_path / "w.duckdb", tmp_path / "state"
    state_dir.mkdir()
    for n in range(N_ARTICLES):
        write_article(inbox, f"a{n:02d}.txt", text(n))
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    args = [str(inbox), "--db", str(db), "--model", model_path, "--batch-size", "2"]
    args += ["--no-progress", "--json"]

    log = tmp_path / "driver.log"
    with open(log, "wb") as out:
        # output to a file, not a pipe: should a helper outlive the driver, it would hold
        # a pipe open and hang the test instead of failing it
        proc = subprocess.Popen(
            [sys.executable, str(driver), str(state_dir), str(KILL_AT), *args],
            cwd=REPO,
            env=_env(tmp_path, prefect_home),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so its helpers can be ended
        )
        try:
            proc.wait(timeout=300)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # the orphaned Prefect server, if any
    assert proc.returncode == -signal.SIGKILL, log.read_text(errors="replace")[-3000:]
    # the temporary Prefect API (and any other helper) ends with the killed run
    children = json.loads((state_dir / "children.json").read_text())
    assert children, "the driver had no helper processes to watch"
    assert wait_until_gone(children, seconds=10) == []

    before = json.loads((state_dir / "committed.json").read_text())
    pending = json.loads((state_dir / "in_transaction.json").read_text())
    assert len(before["article_ids"]) == 2  # the first batch committed
    assert len(pending["article_ids"]) == 4  # the killed batch had inserted its rows
    assert pending["mentions"] > before["mentions"]

    # all or nothing: exactly the state after the last committed batch
    assert table_state(db) == before
    con = duckdb.connect(str(db), read_only=True)
    runs = con.execute("SELECT status, finished_at, files_seen FROM runs").fetchall()
    con.close()
    assert runs == [("running", None, None)]  # the crash stays visible

    rerun = subprocess.run(
        [NEWSFACTS, "run", *args],
        cwd=tmp_path,
        env=_env(tmp_path, prefect_home),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    summary = json.loads(rerun.stdout)
    assert summary["status"] == "completed"
    assert summary["files_seen"] == N_ARTICLES
    assert summary["loaded"] == N_ARTICLES - 2 and summary["duplicates"] == 2
    assert summary["quarantined"] == 0

    after = table_state(db)
    con = duckdb.connect(str(db), read_only=True)
    n, distinct, names = con.execute(
        "SELECT count(*), count(DISTINCT article_id), count(DISTINCT file_name) FROM articles"
    ).fetchall()[0]
    statuses = sorted(r[0] for r in con.execute("SELECT status FROM runs").fetchall())
    con.close()
    assert n == distinct == names == N_ARTICLES
    assert set(before["article_ids"]) <= set(after["article_ids"])
    assert statuses == ["completed", "crashed"]  # the next run marks the killed one

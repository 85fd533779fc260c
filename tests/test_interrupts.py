"""Ctrl-C and SIGTERM stop a run within seconds at any stage; nothing outlives it; the
run is marked cancelled and the next run loads every article exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import home_for, write_article
from tests.test_crash_safety import alive, wait_until_gone

NEWSFACTS = str(Path(sys.executable).parent / "newsfacts")
SENTENCES = [
    "Der Stadtrat von {city} hat am Montag über den Haushalt beraten.",
    "Bürgermeisterin Anna Berg sagte, die Stadt müsse {n} Millionen Euro sparen.",
    "„Wir werden {n} neue Wohnungen bauen“, sagte Berg.",
    "Nach Angaben des Statistischen Bundesamtes stiegen die Mieten um {p} Prozent.",
    "Die Opposition kritisierte die Pläne als unzureichend.",
]
CITIES = ["Kassel", "Fulda", "Marburg", "Gießen", "Wetzlar", "Hanau"]


def long_article(i: int, sentences: int = 60) -> str:
    body = " ".join(
        SENTENCES[k % len(SENTENCES)].format(city=CITIES[(i + k) % 6], n=10 + i + k, p=k % 9 + 1)
        for k in range(sentences)
    )
    return f"date 2024-05\nQuelle: dpa\nHaushalt in {CITIES[i % 6]} Nummer {i}\n{body}\n"


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (children first found, then theirs)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def clean_env(tmp_path: Path, prefect_home: Path | None = None) -> dict:
    """No PREFECT_ or NEWSFACTS_ settings, a HOME of its own: empty, or a copy of
    `prefect_home` (its Prefect database made already)."""
    home = home_for(tmp_path, prefect_home)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSFACTS_"))}
    return env | {"HOME": str(home), "NEWSFACTS_DATA_DOCS_DIR": str(tmp_path / "docs")}


@pytest.mark.parametrize(("signum", "exit_code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_during_extraction_stops_the_run_and_a_rerun_completes_it(
    tmp_path, model_path, prefect_home, signum, exit_code
):
    inbox, db = tmp_path / "inbox", tmp_path / "w.duckdb"
    n = 100
    for i in range(n):
        write_article(inbox, f"a{i:03d}.txt", long_article(i))
    args = [str(inbox), "--db", str(db), "--model", model_path, "--workers", "1"]
    args += ["--batch-size", "20", "--no-progress", "--json"]
    env = clean_env(tmp_path, prefect_home)
    proc = subprocess.Popen(
        [NEWSFACTS, "run", *args], env=env, cwd=tmp_path, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        # wait for the extraction worker, then a little more: it is busy with a batch
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and proc.poll() is None:
            tree = descendants(proc.pid)
            if any("multiprocessing" in _cmdline(p) for p in tree):
                break
            time.sleep(0.2)
        time.sleep(6)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        tree = descendants(proc.pid)
        sent = time.monotonic()
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=30)
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == exit_code, err[-3000:]
    assert took < 10, took
    assert wait_until_gone(tree, seconds=10 - min(took, 9)) == [], [
        _cmdline(p) for p in tree if alive(p)
    ]
    assert "Traceback" not in err and "stopped by" in err

    con = duckdb.connect(str(db), read_only=True)
    runs = con.execute("SELECT status, loaded FROM runs").fetchall()
    con.close()
    assert [r[0] for r in runs] == ["cancelled"]
    if signum == signal.SIGTERM:
        return  # the rerun after a stop is the same as after SIGINT

    # the rerun's outcome is what counts: two workers get it there sooner
    rerun_args = list(args)
    rerun_args[rerun_args.index("--workers") + 1] = "2"
    rerun = subprocess.run(
        [NEWSFACTS, "run", *rerun_args], env=env, cwd=tmp_path, capture_output=True,
        text=True, timeout=600,
    )  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    summary = json.loads(rerun.stdout)
    assert summary["loaded"] + summary["duplicates"] == n
    con = duckdb.connect(str(db), read_only=True)
    total, distinct = con.execute(
        "SELECT count(*), count(DISTINCT article_id) FROM articles"
    ).fetchall()[0]
    statuses = [r[0] for r in con.execute("SELECT status FROM runs ORDER BY started_at").fetchall()]
    con.close()
    assert total == distinct == n
    assert statuses == ["cancelled", "completed"]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""

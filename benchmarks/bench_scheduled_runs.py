"""Scheduled runs against their budgets: what a run costs beside the pipeline's own time.

In one command, on one generated corpus and the shipped model (the command's
environment: NEWSFACTS_WORKERS and the like apply), prints:

- raw `nlp.pipe` of each scenario's texts, in this process (batches of 16, furniture
  masked, as the extraction feeds it);
- `--first N` new articles into an empty warehouse: the whole `newsfacts run`, its ratio
  to raw `nlp.pipe` [>= 0.85x];
- `--new N` new articles dropped into an inbox whose `--loaded` files are loaded: the
  whole run less raw `nlp.pipe` of those N [<= 8 s], Prefect's start-up shown apart;
- an unchanged rerun over the loaded inbox [<= 3 s without a server, Prefect's start-up
  apart; <= 2 s with one];
- with `--server`, the last two again against a Prefect server this command starts
  (`prefect server start`, its own PREFECT_HOME).

Under each run, the run's own account of its seconds (`RunSummary.seconds`, also in
`newsfacts run --json`). `--copies K` fills the loaded inbox with `--loaded` files made of
`--loaded / K` articles under K names each (the first run loads each article once and
records the others as copies), so that an unchanged rerun over 10,000 files can be
measured without extracting 10,000 articles; the rerun treats copies like any other
unchanged file.

    python benchmarks/bench_scheduled_runs.py --loaded 1000 --new 100 --first 1500
    python benchmarks/bench_scheduled_runs.py --loaded 10000 --copies 10 --new 100 --server

Nothing is asserted: the figures are printed for docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_throughput import raw_pipe_seconds  # noqa: E402
from benchmarks.generate_corpus import generate  # noqa: E402
from newsfacts.flows.cli import PREFECT_START, PREFECT_STOP  # noqa: E402

NEWSFACTS = str(Path(sys.executable).parent / "newsfacts")
PREFECT = str(Path(sys.executable).parent / "prefect")


def newsfacts_run(inbox: Path, db: Path, env: dict) -> dict:
    """One `newsfacts run` in its own process: wall seconds and its JSON summary."""
    started = time.perf_counter()
    done = subprocess.run(
        [NEWSFACTS, "run", str(inbox), "--db", str(db), "--json", "--no-progress"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"newsfacts run failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return {"wall": wall, "summary": json.loads(done.stdout)}


def prefect_seconds(run: dict) -> float:
    seconds = run["summary"]["seconds"]
    return seconds.get(PREFECT_START, 0.0) + seconds.get(PREFECT_STOP, 0.0)


def show_stages(run: dict) -> None:
    for stage, seconds in sorted(run["summary"]["seconds"].items(), key=lambda kv: -kv[1]):
        if seconds >= 0.05:
            print(f"      {seconds:7.2f} s  {stage}")


def copy_files(paths: list[Path], inbox: Path, copies: int = 1) -> None:
    inbox.mkdir(parents=True, exist_ok=True)
    for p in paths:
        for k in range(copies):
            shutil.copy(p, inbox / (p.name if k == 0 else f"{p.stem}-copy{k}{p.suffix}"))
    # older than the run that reads them, as files of a real inbox are: a file written in
    # the same second as it is read is read again next time (staging.RACY_NS)
    past = time.time_ns() - 60 * 10**9
    for f in inbox.iterdir():
        os.utime(f, ns=(past, past))


class PrefectServer:
    """`prefect server start` on a free port with a PREFECT_HOME of its own."""

    def __init__(self, home: Path):
        from newsfacts.flows.prefect_api import _free_port

        self.port = _free_port()
        env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
        env["PREFECT_HOME"] = str(home)
        self.process = subprocess.Popen(
            [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(self.port)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        self.api_url = f"http://127.0.0.1:{self.port}/api"

    def wait(self, timeout: float = 300.0) -> None:
        from newsfacts.flows.prefect_api import api_answers

        deadline = time.monotonic() + timeout
        while not api_answers(self.api_url, timeout=2.0):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise SystemExit("the Prefect server did not start")
            time.sleep(0.5)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def scheduled_runs(work: Path, loaded_db: Path, loaded: Path, new: list[Path], env, label):
    """An unchanged rerun and +new files, each on a copy of the loaded warehouse."""
    db = work / f"rerun-{label}.duckdb"
    shutil.copy(loaded_db, db)
    rerun = newsfacts_run(loaded, db, env)
    # the same inbox with the new files in a folder of their own
    inbox = work / f"inbox-plus-{label}"
    shutil.rmtree(inbox, ignore_errors=True)
    shutil.copytree(loaded, inbox, copy_function=shutil.copy2)
    copy_files(new, inbox / "new")
    shutil.copy(loaded_db, db)
    plus = newsfacts_run(inbox, db, env)
    return rerun, plus


def report_scheduled(rerun: dict, plus: dict, raw_new: float, n_new: int, n_files: int, label):
    """Print the rerun and the +new figures against their targets."""
    rerun_target = 3.0 if label == "no server" else 2.0
    rerun_own = rerun["wall"] - prefect_seconds(rerun)
    print(
        f"  unchanged rerun over {n_files} files ({label}): {rerun['wall']:.2f} s, "
        f"{rerun_own:.2f} s without Prefect's start and stop ({prefect_seconds(rerun):.2f} s) "
        f"[<= {rerun_target:.0f} s]"
    )
    show_stages(rerun)
    plus_own = plus["wall"] - prefect_seconds(plus)
    print(
        f"  +{n_new} new files ({label}): {plus['wall']:.2f} s; without Prefect's start and "
        f"stop {plus_own:.2f} s = raw nlp.pipe of them {raw_new:.2f} s + "
        f"{plus_own - raw_new:.2f} s [<= 8 s]"
    )
    show_stages(plus)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--loaded", type=int, default=1000, help="files in the loaded inbox (1000)")
    parser.add_argument("--copies", type=int, default=1, help="names per loaded article (1)")
    parser.add_argument("--new", type=int, default=100, help="new files of a small run (100)")
    parser.add_argument(
        "--first", type=int, default=1500, help="new files of a first run (1500; 0: skip)"
    )
    parser.add_argument("--server", action="store_true", help="also against a Prefect server")
    parser.add_argument(
        "--workdir", type=Path, default=None, help="keep files here (default: a temporary folder)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="newsfacts-bench-") as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        distinct = max(args.loaded // args.copies, 1)
        paths = generate(work / "corpus", distinct + args.new + args.first)
        loaded_paths = paths[:distinct]
        new_paths = paths[distinct : distinct + args.new]
        first_paths = paths[distinct + args.new :]
        env = dict(os.environ)

        print(f"model: {env.get('NEWSFACTS_MODEL', 'the shipped pipeline')}, "
              f"workers: {env.get('NEWSFACTS_WORKERS', 'default')}")  # fmt: skip
        if first_paths:
            first_inbox = work / "first"
            copy_files(first_paths, first_inbox)
            raw_first = raw_pipe_seconds(first_inbox)
            first = newsfacts_run(first_inbox, work / "first.duckdb", env)
            print(
                f"{len(first_paths)} new articles into an empty warehouse: whole run "
                f"{first['wall']:.1f} s, raw nlp.pipe {raw_first:.1f} s: "
                f"{raw_first / first['wall']:.2f}x raw nlp.pipe [>= 0.85x]"
            )
            show_stages(first)

        loaded = work / "loaded"
        copy_files(loaded_paths, loaded, args.copies)
        loaded_db = work / "loaded.duckdb"
        newsfacts_run(loaded, loaded_db, env)
        new_inbox = work / "new-only"
        copy_files(new_paths, new_inbox)
        raw_new = raw_pipe_seconds(new_inbox)
        n_files = distinct * args.copies
        print(f"a warehouse of {distinct} articles from {n_files} files, +{args.new} new:")
        rerun, plus = scheduled_runs(work, loaded_db, loaded, new_paths, env, "no-server")
        report_scheduled(rerun, plus, raw_new, args.new, n_files, "no server")
        if args.server:
            server = PrefectServer(work / "prefect-home")
            try:
                server.wait()
                with_server = {**env, "PREFECT_API_URL": server.api_url}
                rerun, plus = scheduled_runs(
                    work, loaded_db, loaded, new_paths, with_server, "server"
                )
                report_scheduled(rerun, plus, raw_new, args.new, n_files, "with a server")
            finally:
                server.stop()


if __name__ == "__main__":
    main()

"""Throughput of whole runs against the spaCy floor, memory, reruns and increments.

On one synthetic corpus (generated, or reused with --corpus) and the same model, prints:
raw `nlp.pipe` throughput in this process; the whole `newsfacts run` (files to loaded
warehouse) with each --workers value, its throughput and ratio to nlp.pipe, the speed-up
over one worker; peak memory of the run's process tree (sum over the flow process, its
extraction workers and Prefect's temporary API server, sampled every 50 ms) and of its
largest process; the time of an unchanged rerun as a share of the first run; and the time
to add 100 new files to the loaded warehouse against the first run's time per 100 files.

    python benchmarks/bench_throughput.py --articles 10000                # all figures
    python benchmarks/bench_throughput.py --articles 50000 --workers 2 --memory-only
    python benchmarks/bench_throughput.py --corpus DIR --workers 1 2 --skip-raw

Nothing is asserted: figures are printed (targets in brackets) for the README.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate_corpus import generate  # noqa: E402


class TreeMemory:
    """Samples the resident memory of a process and all its descendants."""

    def __init__(self, pid: int, interval: float = 0.05):
        import psutil

        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak_sum = 0
        self.peak_single = 0
        self.peak_by_role: dict[str, int] = {}
        self._roles: dict[int, str] = {}  # read each command line once, not per sample
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            rss = []
            for p in procs:
                with contextlib.suppress(psutil.Error):  # it may have just ended
                    rss.append(p.memory_info().rss)
                    role = self._roles.get(p.pid) or _role(p, self.root)
                    if role != "other":  # a child not yet exec'd shows its parent's line
                        self._roles[p.pid] = role
                    self.peak_by_role[role] = max(self.peak_by_role.get(role, 0), rss[-1])
            if rss:
                self.peak_sum = max(self.peak_sum, sum(rss))
                self.peak_single = max(self.peak_single, max(rss))
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _role(proc, root) -> str:
    if proc.pid == root.pid:
        return "flow process"
    cmd = " ".join(proc.cmdline())
    if "uvicorn" in cmd or "prefect.server" in cmd:
        return "Prefect API"
    if "spawn_main" in cmd or "-c" in cmd.split():
        return "worker"
    return "other"


def run_cli(args: list[str], env: dict) -> dict:
    """One `newsfacts run`: seconds, its JSON summary, peak memory of its process tree."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "newsfacts"), "run", *args, "--json", "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    memory = TreeMemory(proc.pid)
    out, err = proc.communicate()
    memory.stop()
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"newsfacts run failed ({proc.returncode}):\n{err[-3000:]}")
    summary = json.loads(out)
    return {
        "seconds": seconds,
        "summary": summary,
        "peak_sum_mib": memory.peak_sum / 2**20,
        "peak_single_mib": memory.peak_single / 2**20,
        "peak_by_role_mib": {k: v / 2**20 for k, v in sorted(memory.peak_by_role.items())},
    }


def corpus_words(corpus: Path) -> tuple[int, int]:
    from newsfacts.transforms.staging import list_inbox, read_file

    n = words = 0
    for p in list_inbox(corpus):
        words += len((read_file(p, corpus, 10_000_000).body or "").split())
        n += 1
    return n, words


def raw_pipe_seconds(corpus: Path) -> float:
    """nlp.pipe over the same bodies, streamed from disk, as the extraction feeds it."""
    from newsfacts.transforms.nlp.extract import load_pipeline
    from newsfacts.transforms.nlp.furniture import mask_furniture
    from newsfacts.transforms.settings import Settings
    from newsfacts.transforms.staging import list_inbox, read_file

    nlp = load_pipeline(Settings().model)
    texts = (
        mask_furniture(read_file(p, corpus, 10_000_000).body or "") for p in list_inbox(corpus)
    )
    return pipe_seconds(nlp, texts)


def pipe_seconds(nlp, texts) -> float:
    """Seconds of nlp.pipe over `texts` (furniture masked), batched as extract_batch does."""
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--articles", type=int, default=1000, help="articles to generate (default 1000)"
    )
    parser.add_argument(
        "--corpus", type=Path, default=None, help="use this corpus folder instead of generating one"
    )
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[1, 2],
        help="--workers values to run, each on a fresh warehouse (default: 1 2)",
    )
    parser.add_argument("--batch-size", type=int, default=200, help="files per batch (default 200)")
    parser.add_argument("--skip-raw", action="store_true", help="do not time raw nlp.pipe")
    parser.add_argument(
        "--memory-only",
        action="store_true",
        help="only the first run of each --workers value (for memory at large corpus sizes)",
    )
    parser.add_argument(
        "--workdir", type=Path, default=None, help="keep corpus and warehouses here (default: temp)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="newsfacts-bench-") as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        corpus = args.corpus or work / "corpus"
        if args.corpus is None and not corpus.exists():
            generate(corpus, args.articles)
        n_articles, words = corpus_words(corpus)
        print(f"corpus: {corpus}: {n_articles:,} articles, {words:,} words", flush=True)
        print(f"machine: {os.cpu_count()} CPU cores", flush=True)
        pipe_rate = None
        if not args.skip_raw:
            pipe_s = raw_pipe_seconds(corpus)
            pipe_rate = words / pipe_s
            print(
                f"raw nlp.pipe (1 process):        {pipe_s:8.1f} s {pipe_rate:10,.0f} words/s",
                flush=True,
            )
        env = dict(
            os.environ,
            PREFECT_LOGGING_LEVEL="ERROR",
            NEWSFACTS_DATA_DOCS_DIR=str(work / "docs"),
        )
        first_rates = {}
        for workers in args.workers:
            db = work / f"w{workers}.duckdb"
            for stale in (db, db.with_name(db.name + ".wal")):
                stale.unlink(missing_ok=True)
            common = ["--db", str(db), "--batch-size", str(args.batch_size)]
            common += ["--workers", str(workers)]
            first = run_cli([str(corpus), *common], env)
            rate = words / first["seconds"]
            first_rates[workers] = rate
            line = (
                f"whole run, --workers {workers}:       {first['seconds']:8.1f} s {rate:10,.0f} words/s"
                f"  (loaded {first['summary']['loaded']:,})"
            )
            if pipe_rate:
                line += f"  ratio to nlp.pipe {rate / pipe_rate:.2f} [>= 0.85 at 1 worker]"
            if workers != args.workers[0]:
                speedup = rate / first_rates[args.workers[0]]
                line += f"  speed-up over --workers {args.workers[0]}: {speedup:.2f}x [>= 1.7x]"
            print(line, flush=True)
            print(
                f"  peak memory: process tree {first['peak_sum_mib']:,.0f} MiB, largest process "
                f"{first['peak_single_mib']:,.0f} MiB [< 1500 MiB, flat in corpus size]; "
                + ", ".join(f"{k} {v:,.0f}" for k, v in first["peak_by_role_mib"].items()),
                flush=True,
            )
            if args.memory_only:
                continue
            rerun = run_cli([str(corpus), *common], env)
            share = 100 * rerun["seconds"] / first["seconds"]
            print(
                f"  unchanged rerun: {rerun['seconds']:.1f} s = {share:.1f} % of the first run "
                f"[<= 5 %] (loaded {rerun['summary']['loaded']})",
                flush=True,
            )
            extra = corpus / f"zz-added-{workers}"
            generate(extra, 100, seed=1000 + workers)
            try:
                added = run_cli([str(corpus), *common], env)
            finally:
                for p in sorted(extra.rglob("*"), reverse=True):
                    p.unlink() if p.is_file() else p.rmdir()
                extra.rmdir()
            per_100 = first["seconds"] * 100 / n_articles
            print(
                f"  +100 new files: {added['seconds']:.1f} s (loaded {added['summary']['loaded']}); "
                f"the first run spent {per_100:.1f} s per 100 files, an unchanged rerun "
                f"{rerun['seconds']:.1f} s: expected about {per_100 + rerun['seconds']:.1f} s",
                flush=True,
            )


if __name__ == "__main__":
    main()

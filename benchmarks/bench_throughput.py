"""Throughput of a whole run against the spaCy floor, peak memory, and an unchanged rerun.

Generates (or reuses) a synthetic corpus, then prints, on the same texts and model:
raw `nlp.pipe` throughput, the whole `newsfacts run` throughput (files to loaded
warehouse, in a subprocess so its peak RSS is its own), their ratio, and the time of an
unchanged rerun relative to the first run.

    python benchmarks/bench_throughput.py [--articles 1000] [--corpus DIR] [--batch-size 200]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate_corpus import generate  # noqa: E402


def run_cli(args: list[str], env: dict) -> tuple[float, dict, int]:
    """Seconds, JSON summary and peak RSS (KiB) of one `newsfacts run`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).parent / "newsfacts"), "run", *args, "--json", "--no-progress"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, json.loads(done.stdout), max(peak, before)


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
    parser.add_argument("--batch-size", type=int, default=200, help="files per batch (default 200)")
    args = parser.parse_args()

    from transforms.nlp.extract import load_pipeline
    from transforms.nlp.furniture import mask_furniture
    from transforms.settings import Settings
    from transforms.staging import list_inbox, read_file

    with tempfile.TemporaryDirectory(prefix="newsfacts-bench-") as tmp:
        corpus = args.corpus or Path(tmp) / "corpus"
        if args.corpus is None:
            generate(corpus, args.articles)
        paths = list(list_inbox(corpus))
        bodies = [read_file(p, corpus, 10_000_000).body or "" for p in paths]
        words = sum(len(b.split()) for b in bodies)

        nlp = load_pipeline(Settings().model)
        t0 = time.perf_counter()
        for _ in nlp.pipe((mask_furniture(b) for b in bodies), batch_size=64):
            pass
        pipe_s = time.perf_counter() - t0

        env = dict(
            os.environ,
            PREFECT_LOGGING_LEVEL="ERROR",
            NEWSFACTS_DATA_DOCS_DIR=str(Path(tmp) / "docs"),
        )
        db = Path(tmp) / "w.duckdb"
        common = [str(corpus), "--db", str(db), "--batch-size", str(args.batch_size)]
        first_s, first, peak_kib = run_cli(common, env)
        rerun_s, rerun, _ = run_cli(common, env)

    print(f"corpus: {len(paths)} articles, {words:,} words")
    print(f"raw nlp.pipe:            {pipe_s:8.1f} s  {words / pipe_s:10,.0f} words/s")
    print(
        f"whole newsfacts run:     {first_s:8.1f} s  {words / first_s:10,.0f} words/s"
        f"  (loaded {first['loaded']}, quarantined {first['quarantined']})"
    )
    print(f"ratio run / nlp.pipe:    {pipe_s / first_s:8.2f}    (target >= 0.85)")
    print(
        f"peak RSS of the run:     {peak_kib / 1024:8.0f} MiB  (target < 1500 MiB, flat in corpus size)"
    )
    print(
        f"unchanged rerun:         {rerun_s:8.1f} s  = {100 * rerun_s / first_s:.1f} % of the first run"
        f"  (target <= 5 %; loaded {rerun['loaded']})"
    )


if __name__ == "__main__":
    main()

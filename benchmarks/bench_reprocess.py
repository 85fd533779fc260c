"""Reprocess throughput against the spaCy floor.

Loads a generated corpus (or --corpus DIR) into a fresh warehouse with `newsfacts run`
(not timed), marks every article and fact as made by an older extraction, then times
the whole `newsfacts reprocess --only-older` command (stored bodies to replaced facts,
Prefect's start-up included) with each --workers value, against raw `nlp.pipe` over the
same bodies in this process, same model. Prints seconds, words/s and the ratio.

    python benchmarks/bench_reprocess.py --articles 10000 --workers 1
    python benchmarks/bench_reprocess.py --articles 500 --workers 0 1

Nothing is asserted: figures are printed (target in brackets) for docs/performance.md.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate_corpus import generate  # noqa: E402

NEWSFACTS = str(Path(sys.executable).parent / "newsfacts")
FACT_TABLES = ("articles", "actor_aliases", "mentions", "figures", "statements")


def bodies(db: Path) -> list[str]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return [
            r[0] for r in con.execute("SELECT body FROM articles ORDER BY article_id").fetchall()
        ]
    finally:
        con.close()


def age(db: Path) -> None:
    """Every row of an older extraction, so that --only-older takes them all."""
    import duckdb

    con = duckdb.connect(str(db))
    for table in FACT_TABLES:
        con.execute(f"UPDATE \"{table}\" SET extraction = 'benchmark-old'")
    con.close()


def raw_pipe_seconds(texts: list[str]) -> float:
    """nlp.pipe over the stored bodies, as the extraction feeds it (furniture masked)."""
    from benchmarks.bench_throughput import pipe_seconds
    from newsfacts.transforms.nlp.extract import load_pipeline
    from newsfacts.transforms.nlp.furniture import mask_furniture
    from newsfacts.transforms.settings import Settings

    nlp = load_pipeline(Settings().model)
    return pipe_seconds(nlp, [mask_furniture(t) for t in texts])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--articles", type=int, default=1000, help="articles to generate (default 1000)"
    )
    parser.add_argument("--corpus", type=Path, default=None, help="use this inbox instead")
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1], help="--workers values (default 1)"
    )
    parser.add_argument(
        "--batch-size", type=int, default=200, help="articles per batch (default 200)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        inbox = args.corpus or tmp / "inbox"
        if args.corpus is None:
            generate(inbox, args.articles)
        db = tmp / "loaded.duckdb"
        subprocess.run(
            [NEWSFACTS, "run", str(inbox), "--db", str(db), "--no-progress"],
            check=True, capture_output=True,
        )  # fmt: skip
        age(db)
        texts = bodies(db)
        words = sum(len(t.split()) for t in texts)
        pipe_s = raw_pipe_seconds(texts)
        print(f"{len(texts)} articles, {words:,} words")
        print(f"raw nlp.pipe (1 process):          {pipe_s:8.1f} s {words / pipe_s:10,.0f} words/s")
        for workers in args.workers:
            copy = tmp / f"w{workers}.duckdb"
            shutil.copy(db, copy)
            t0 = time.perf_counter()
            subprocess.run(
                [NEWSFACTS, "reprocess", "--db", str(copy), "--only-older", "--no-progress",
                 "--workers", str(workers), "--batch-size", str(args.batch_size)],
                check=True, capture_output=True,
            )  # fmt: skip
            took = time.perf_counter() - t0
            print(
                f"newsfacts reprocess --workers {workers}: {took:8.1f} s "
                f"{words / took:10,.0f} words/s  {pipe_s / took:.2f}x nlp.pipe (target >= 0.85x)"
            )


if __name__ == "__main__":
    main()

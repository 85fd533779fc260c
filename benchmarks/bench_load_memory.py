"""Memory of batch loads into a large warehouse, by the row group size writes use.

Each batch of a run opens the warehouse, loads in one transaction and closes it; the close
checkpoints. This benchmark isolates that step from the NLP: it extracts a small corpus
once with the real pipeline (`newsfacts run`), grows the warehouse to --articles by
copying those rows under new article ids, then loads --batches batches of real extracted
rows (--batch-size articles each, fresh ids) the way the flow does, sampling this process's
resident memory every 3 ms. For each row group size it prints the median, 95th percentile
and maximum peak per batch, the time spent inserting and closing, the file size, and how
long the analysts' views take afterwards.

    python benchmarks/bench_load_memory.py --articles 50000 --batches 250
    python benchmarks/bench_load_memory.py --row-group-sizes 122880 2048 --seed-articles 1000

Nothing is asserted: figures are printed for the README.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import polars as pl  # noqa: E402

from benchmarks.bench_views import view_timings  # noqa: E402
from benchmarks.generate_corpus import generate  # noqa: E402
from newsfacts.warehouse import load as wh  # noqa: E402

FACT_TABLES = ("mentions", "figures", "statements")
DUCKDB_DEFAULT_ROW_GROUP_SIZE = 122_880


def rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class PeakMemory:
    """Highest resident memory of this process while the block runs."""

    def __enter__(self):
        self.peak = rss_mib()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_mib())
            self._stop.wait(0.003)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mib())


def extract_seed(workdir: Path, articles: int) -> Path:
    """A warehouse of `articles` synthetic articles extracted by the real pipeline."""
    corpus = workdir / "seed-corpus"
    generate(corpus, articles, seed=11)
    seed_db = workdir / "seed.duckdb"
    cmd = [sys.executable, "-m", "newsfacts.flows.cli", "run", str(corpus), "--db", str(seed_db)]
    subprocess.run(
        [*cmd, "--no-progress", "--workers", "2"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    return seed_db


def grow(seed_db: Path, target: Path, articles: int) -> int:
    """Copy the seed's articles and facts under new ids until `articles` are there (written
    with newsfacts' row groups: every measured size then starts from the same file)."""
    shutil.copy(seed_db, target)
    with wh.connect(target) as con:
        seed_n = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
        for copy_no in range(1, -(-articles // seed_n)):
            suffix = f"'~{copy_no}'"
            for table in ("articles", *FACT_TABLES):
                cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
                select = ", ".join(
                    f"{c} || {suffix}" if c in ("article_id", "file_name") else f'"{c}"'
                    for c in cols
                )
                con.execute(
                    f"INSERT INTO {table} SELECT {select} FROM {table} "
                    "WHERE NOT contains(article_id, '~')"
                )
        return con.execute("SELECT count(*) FROM articles").fetchall()[0][0]


def batch_frames(seed_db: Path, size: int) -> dict[str, pl.DataFrame]:
    con = duckdb.connect(str(seed_db), read_only=True)
    try:
        ids = [
            r[0]
            for r in con.execute(
                "SELECT article_id FROM articles ORDER BY article_id LIMIT ?", [size]
            ).fetchall()
        ]
        return {
            t: con.execute(f"SELECT * FROM {t} WHERE article_id IN (SELECT unnest(?))", [ids]).pl()
            for t in ("articles", *FACT_TABLES)
        }
    finally:
        con.close()


def renamed(frames: dict[str, pl.DataFrame], tag: str) -> dict[str, pl.DataFrame]:
    out = {t: f.with_columns(pl.col("article_id") + tag) for t, f in frames.items()}
    out["articles"] = out["articles"].with_columns(pl.col("file_name") + tag)
    return out


def view_seconds(db: Path) -> float:
    con = duckdb.connect(str(db), read_only=True)
    try:
        # figure_conflicts would pair every copied figure with its copies
        return sum(s for _, _, s in view_timings(con, skip=("figure_conflicts",)))
    finally:
        con.close()


def measure(grown: Path, frames, batches: int, row_group_size: int, workdir: Path) -> dict:
    db = workdir / f"load-{row_group_size}.duckdb"
    shutil.copy(grown, db)
    wh.WRITE_ROW_GROUP_SIZE = row_group_size  # read by every write connection it opens
    peaks, insert_s, close_s = [], 0.0, 0.0
    for batch_no in range(batches):
        batch = renamed(frames, f"~b{batch_no}")
        with PeakMemory() as mem:
            start = time.perf_counter()
            with wh.connect(db) as con:
                wh.load_batch(con, batch)
                inserted = time.perf_counter()
            closed = time.perf_counter()
        insert_s += inserted - start
        close_s += closed - inserted
        peaks.append(mem.peak)
    peaks.sort()
    return {
        "median": statistics.median(peaks),
        "p95": peaks[int(0.95 * (len(peaks) - 1))],
        "max": peaks[-1],
        "insert_s": insert_s,
        "close_s": close_s,
        "file_mib": db.stat().st_size / 2**20,
        "views_s": view_seconds(db),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--articles",
        type=int,
        default=50_000,
        help="warehouse size before the measured loads (default 50000)",
    )
    parser.add_argument(
        "--batches",
        type=int,
        default=250,
        help="batches loaded and measured per row group size (default 250)",
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        default=200,
        help="articles per batch, as `newsfacts run --batch-size` (default 200)",
    )
    parser.add_argument(
        "--seed-articles",
        type=int,
        default=2000,
        help="articles extracted by the real pipeline to copy from (default 2000)",
    )
    parser.add_argument(
        "--row-group-sizes",
        type=int,
        nargs="+",
        default=[DUCKDB_DEFAULT_ROW_GROUP_SIZE, wh.WRITE_ROW_GROUP_SIZE],
        help="row group sizes to compare (default: DuckDB's and newsfacts')",
    )
    parser.add_argument("--workdir", type=Path, help="keep the files here (default: a temp dir)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        print(
            f"extracting {args.seed_articles} seed articles with the real pipeline ...", flush=True
        )
        seed_db = extract_seed(workdir, args.seed_articles)
        grown = workdir / "grown.duckdb"
        size = grow(seed_db, grown, args.articles)
        frames = batch_frames(seed_db, args.batch_size)
        rows = sum(f.height for f in frames.values())
        print(
            f"warehouse of {size} articles; {args.batches} batches of {args.batch_size} "
            f"articles ({rows} rows each) per row group size; peak RSS of this process per "
            f"batch (open, load, close)\n",
            flush=True,
        )
        print(
            f"{'row group':>10} {'median':>8} {'p95':>8} {'max':>8} {'insert':>8} "
            f"{'close':>8} {'file':>9} {'views':>7}"
        )
        for rgs in args.row_group_sizes:
            r = measure(grown, frames, args.batches, rgs, workdir)
            print(
                f"{rgs:>10} {r['median']:>5.0f}MiB {r['p95']:>5.0f}MiB {r['max']:>5.0f}MiB "
                f"{r['insert_s']:>7.1f}s {r['close_s']:>7.1f}s {r['file_mib']:>6.0f}MiB "
                f"{r['views_s']:>6.2f}s",
                flush=True,
            )


if __name__ == "__main__":
    main()

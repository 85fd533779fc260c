"""How long each analyst view takes on a warehouse (read-only; nothing is changed).

Runs the query of each view in `warehouse/sql/views/` as this checkout defines it (not
the copy stored in the file, which is the version of the last run), reads every row and
prints rows and seconds, best of --repeat runs. Point it at a large warehouse, e.g. one that
`benchmarks/bench_throughput.py --workdir DIR` left behind:

    python benchmarks/bench_views.py /tmp/bench/w2.duckdb --repeat 2

Nothing is asserted: figures are printed for the README.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import duckdb  # noqa: E402

from newsfacts.warehouse.load import view_files  # noqa: E402


def view_timings(con, skip: tuple[str, ...] = (), repeat: int = 1):
    """(view, rows, best seconds of `repeat`) for each view of this checkout."""
    for name, sql in view_files():
        if name in skip:
            continue
        query = re.sub(r"CREATE OR REPLACE VIEW \w+ AS", "", sql, count=1)
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            rows = len(con.execute(query).fetchall())
            best = min(best, time.perf_counter() - start)
        yield name, rows, best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("db", type=Path, help="a DuckDB warehouse file")
    parser.add_argument("--repeat", type=int, default=1, help="runs per view (default 1)")
    args = parser.parse_args(argv)
    if not args.db.exists():
        parser.error(f"{args.db} does not exist; make one with `newsfacts run --db {args.db}`")
    con = duckdb.connect(str(args.db), read_only=True)
    try:
        articles = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
        print(f"{args.db}: {articles:,} articles")
        for name, rows, seconds in view_timings(con, repeat=args.repeat):
            print(f"  {name:<20} {rows:>10,} rows  {seconds:7.2f} s", flush=True)
    finally:
        con.close()


if __name__ == "__main__":
    main()

"""Grow a warehouse to many articles by replicating its facts, for timing the views.

Every article of SRC is copied N times into DST with a new id, its date moved by up to
two years, its outlet rotated over five and each figure's value jittered by up to
+-20 %, so claim series gain points from many outlets and months and some of them
disagree, as a real archive does. Mentions, statements and actors come along
unchanged. It takes seconds where extracting 50,000 articles takes an hour; what it
cannot show is the variety of real text (the views' cost depends on row counts and
series sizes, which it reproduces).

    newsfacts run --db /tmp/small.duckdb
    python benchmarks/grow_warehouse.py /tmp/small.duckdb /tmp/big.duckdb --articles 50000
    python benchmarks/bench_views.py /tmp/big.duckdb --repeat 2
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import duckdb

OUTLETS = ["dpa", "AFP", "Reuters", "epd", "KNA"]

# k is the copy number; every copy keeps the source row's other columns.
COPY = {
    "articles": """
        SELECT s.* REPLACE (
            md5(article_id || '#' || k) AS article_id,
            k || '/' || file_name AS file_name,
            (published + to_months((k % 24)::INTEGER))::DATE AS published,
            list_extract(?, (k % 5)::INTEGER + 1) AS source)
        FROM src.articles AS s, range(1, ? + 1) AS t(k)""",
    "figures": """
        SELECT s.* REPLACE (
            md5(article_id || '#' || k) AS article_id,
            value * (0.8 + (hash(k, start) % 41) / 100.0) AS value)
        FROM src.figures AS s, range(1, ? + 1) AS t(k)""",
    "mentions": """
        SELECT s.* REPLACE (md5(article_id || '#' || k) AS article_id)
        FROM src.mentions AS s, range(1, ? + 1) AS t(k)""",
    "statements": """
        SELECT s.* REPLACE (md5(article_id || '#' || k) AS article_id)
        FROM src.statements AS s, range(1, ? + 1) AS t(k)""",
}


def grow(src: Path, dst: Path, articles: int) -> dict[str, int]:
    shutil.copyfile(src, dst)
    con = duckdb.connect(str(dst))
    try:
        con.execute(f"ATTACH '{src}' AS src (READ_ONLY)")
        have = con.execute("SELECT count(*) FROM src.articles").fetchone()[0]
        if not have:
            raise SystemExit(f"{src} has no articles: run `newsfacts run --db {src}` first")
        copies = max(1, -(-articles // have) - 1)
        for table, query in COPY.items():
            params = [OUTLETS, copies] if table == "articles" else [copies]
            con.execute(f"INSERT INTO {table} {query}", params)
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", *list(COPY)[1:])
        }
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("src", type=Path, help="a loaded warehouse (read only)")
    parser.add_argument("dst", type=Path, help="the grown copy (replaced)")
    parser.add_argument(
        "--articles", type=int, default=50_000, help="about how many articles (default 50000)"
    )
    args = parser.parse_args()
    if args.dst.resolve() == args.src.resolve():
        sys.exit("dst must differ from src")
    start = time.perf_counter()
    counts = grow(args.src, args.dst, args.articles)
    took = time.perf_counter() - start
    print(", ".join(f"{t}: {n:,}" for t, n in counts.items()) + f"  ({took:.1f} s)")


if __name__ == "__main__":
    main()

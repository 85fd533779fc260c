"""Where the seconds of a small scheduled run go.

Loads --loaded generated articles into a fresh warehouse (not timed), drops --new more
into the inbox, and runs `newsfacts run` on it once under cProfile, in this process and
with extraction in the flow's process (`--workers 0`, so that the profile sees it; a
worker would add its own start-up). Prints the wall time and a breakdown by stage: the
cumulative time of the functions that stand for each stage, the rest as "other".
Stages nest (Data Docs is part of Great Expectations' time, extraction of the batches),
so the shares are read per line, against the wall time.

    python benchmarks/bench_small_run.py --loaded 1000 --new 100
    python benchmarks/bench_small_run.py --loaded 0 --new 1500

Nothing is asserted: the figures are printed for docs/performance.md.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate_corpus import generate  # noqa: E402

NEWSFACTS = str(Path(sys.executable).parent / "newsfacts")

# stage -> (module path fragment, function name) whose cumulative time stands for it
STAGES = {
    "Prefect's temporary API (start and stop)": ("flows/cli.py", "local_prefect"),
    "listing the inbox": ("transforms/staging.py", "list_inbox"),
    "reading and hashing files": ("transforms/staging.py", "read_file"),
    "warehouse lookups per batch": ("warehouse/resource.py", "known_files"),
    "opening the run (schema, actors, runs row)": ("warehouse/resource.py", "open_run"),
    "input-format suite (GX)": ("expectations/context.py", "validate"),
    "loading the spaCy pipeline": ("transforms/nlp/extract.py", "load_pipeline"),
    "extraction (nlp.pipe and rules)": ("transforms/nlp/extract.py", "extract_batch"),
    "fact suites (GX)": ("expectations/fact_suites.py", "validate_facts"),
    "loading batches into DuckDB": ("warehouse/resource.py", "load"),
    "finishing the run (runs row)": ("warehouse/resource.py", "finish_run"),
    "analysts' snapshot": ("warehouse/resource.py", "publish_snapshot"),
    "Data Docs": ("flows/ingest.py", "_build_docs"),
}


def stage_seconds(profile: cProfile.Profile) -> dict[str, float]:
    stats = pstats.Stats(profile, stream=io.StringIO())
    found = dict.fromkeys(STAGES, 0.0)
    for (path, _line, name), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():
        for stage, (fragment, function) in STAGES.items():
            if name == function and path.endswith(fragment):
                found[stage] = max(found[stage], cumulative)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--loaded", type=int, default=1000, help="articles loaded before (1000)")
    parser.add_argument("--new", type=int, default=100, help="new articles the run finds (100)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        inbox, db = tmp / "inbox", tmp / "w.duckdb"
        paths = generate(tmp / "all", args.loaded + args.new)
        for p in paths[: args.loaded]:
            target = inbox / p.relative_to(tmp / "all")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(p, target)
        if args.loaded:
            subprocess.run(
                [NEWSFACTS, "run", str(inbox), "--db", str(db), "--no-progress"],
                check=True, capture_output=True,
            )  # fmt: skip
        for p in paths[args.loaded :]:
            target = inbox / "new" / p.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(p, target)

        from newsfacts.flows.cli import main as cli

        argv = ["run", str(inbox), "--db", str(db), "--workers", "0", "--no-progress", "--json"]
        profile = cProfile.Profile()
        t0 = time.perf_counter()
        profile.enable()
        cli(argv)
        profile.disable()
        wall = time.perf_counter() - t0
        print(f"\n{args.new} new files into {args.loaded} loaded: whole run {wall:.1f} s")
        for stage, seconds in stage_seconds(profile).items():
            print(f"  {stage:<45} {seconds:6.2f} s  {seconds / wall:5.1%}")


if __name__ == "__main__":
    main()

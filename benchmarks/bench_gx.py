"""What the Great Expectations work of one run costs on the bundled samples.

Prints the import time of great_expectations, then the GX work of a run over the
samples, split into: opening the warehouse's file-based Data Context, the input-format
checkpoint over the staged files, the fact-table checkpoints over the extracted facts,
and finishing the run (pruning its results, the history, the Data Docs of the run).
Target: the GX work (everything but the import) at most 1 second.

    python benchmarks/bench_gx.py [--inbox DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from newsfacts.transforms.settings import SAMPLES_DIR, Settings


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--inbox", type=Path, default=SAMPLES_DIR, help="article folder (default: the samples)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="repetitions of the per-run work (default 3)"
    )
    args = parser.parse_args()

    t0 = time.perf_counter()
    import great_expectations  # noqa: F401

    import_s = time.perf_counter() - t0

    # Everything the suites need, prepared outside the timing: staged files and facts.
    from newsfacts.expectations.context import DataQuality
    from newsfacts.expectations.fact_suites import fact_suites, validate_facts
    from newsfacts.expectations.input_format import build_input_format_suite
    from newsfacts.transforms.fact_frames import ActorRegistry, article_frame, fact_frames
    from newsfacts.transforms.nlp.extract import extract_batch, load_pipeline
    from newsfacts.transforms.staging import list_inbox, read_file
    from newsfacts.transforms.triage import codes_by_row, staged_frame, triage

    settings = Settings(inbox=args.inbox)
    files = [read_file(p, args.inbox, settings.max_file_bytes) for p in list_inbox(args.inbox)]
    nlp = load_pipeline(settings.model)

    fact_suites()  # built once per process
    timings: dict[str, list[float]] = {"input_format": [], "facts": [], "data_docs": []}
    with tempfile.TemporaryDirectory() as work:
        t = time.perf_counter()
        quality = DataQuality.at(Path(work) / "bench.duckdb.gx")
        context_s = time.perf_counter() - t
        for i in range(args.repeat):
            run = f"bench-{i}"
            t = time.perf_counter()
            suite = build_input_format_suite(settings.max_file_bytes, date.today())
            outcomes = quality.validate(staged_frame(files), suite, "staged_files", run)
            timings["input_format"].append(time.perf_counter() - t)
            decided = triage(
                files,
                codes_by_row(outcomes, files),
                {},
                strict=False,
                max_file_bytes=settings.max_file_bytes,
                today=date.today(),
            )
            registry = ActorRegistry()
            facts = extract_batch(nlp, [(f.content_sha256, f.body) for f in decided.to_load])
            frames = {
                "articles": article_frame(decided.to_load, "bench"),
                **fact_frames(facts, registry),
            }
            t = time.perf_counter()
            validate_facts(frames, registry, set(registry.names), quality, run)
            timings["facts"].append(time.perf_counter() - t)
            t = time.perf_counter()
            quality.finish_run(run, Path(work) / "docs", settings.dq_history_runs)
            timings["data_docs"].append(time.perf_counter() - t)

    med = {k: statistics.median(v) for k, v in timings.items()}
    per_run = sum(med.values())
    print(f"files: {len(files)} in {args.inbox}")
    print(f"import great_expectations:        {import_s:6.3f} s  (once per process)")
    print(f"Data Context (new project):       {context_s:6.3f} s  (once per process)")
    print(f"input-format checkpoint:          {med['input_format']:6.3f} s")
    print(f"fact-table checkpoints:           {med['facts']:6.3f} s")
    print(f"finish run + Data Docs:           {med['data_docs']:6.3f} s")
    print(f"GX work per run (median of {args.repeat}):     {per_run:6.3f} s  (target <= 1 s)")
    print(f"GX work of a process's first run: {per_run + context_s:6.3f} s  (context included)")


if __name__ == "__main__":
    main()

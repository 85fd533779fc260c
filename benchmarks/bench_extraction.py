"""How much the extraction rules add on top of the spaCy pipeline itself.

Runs `nlp.pipe` over the same texts twice: once alone, once followed by the
extraction of actors, figures and statements from each Doc, and prints both times and
the overhead in percent (target: at most 15 %).

    python benchmarks/bench_extraction.py [--corpus DIR ...] [--repeat N] [--model PATH]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from newsfacts.transforms.nlp.extract import facts_from_doc, load_pipeline
from newsfacts.transforms.nlp.furniture import furniture_spans, mask_furniture
from newsfacts.transforms.settings import SAMPLES_DIR, Settings
from newsfacts.transforms.staging import list_inbox, read_file


def bodies(folders: list[Path]) -> list[str]:
    out = []
    for folder in folders:
        for path in list_inbox(folder):
            staged = read_file(path, folder, 1_000_000)
            if staged.body:
                out.append(staged.body)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        help="article folder (repeatable; default: the bundled samples and ../shared/corpus if present)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        help="timed repetitions; the median is reported (default 5)",
    )
    parser.add_argument(
        "--copies",
        type=int,
        default=10,
        help="how many times the texts are repeated per pass, for stable timings (default 10)",
    )
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the shipped one)")
    args = parser.parse_args()

    folders = args.corpus or [SAMPLES_DIR] + [
        p for p in [Path(__file__).resolve().parents[2] / "shared" / "corpus"] if p.exists()
    ]
    texts = bodies(folders) * args.copies
    nlp = load_pipeline(args.model or Settings().model)
    masked = [mask_furniture(t) for t in texts]
    spans = [furniture_spans(t) for t in texts]
    words = sum(len(t.split()) for t in texts)
    list(nlp.pipe(masked[:20]))  # warm-up

    pipe_times, full_times, rule_times = [], [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(masked, batch_size=64))
        t1 = time.perf_counter()
        for i, doc in enumerate(docs):
            facts_from_doc(str(i), doc, spans[i])
        t2 = time.perf_counter()
        pipe_times.append(t1 - t0)
        rule_times.append(t2 - t1)
        full_times.append(t2 - t0)
    pipe, rules = statistics.median(pipe_times), statistics.median(rule_times)
    print(f"texts: {len(texts)} ({words} words) from {', '.join(str(f) for f in folders)}")
    print(f"model: {nlp.meta.get('name')} {nlp.meta.get('version')}, components {nlp.pipe_names}")
    print(f"nlp.pipe alone:          {pipe:8.3f} s  ({words / pipe:,.0f} words/s)")
    print(f"extraction rules:        {rules:8.3f} s")
    print(
        f"nlp.pipe + extraction:   {pipe + rules:8.3f} s  ({words / (pipe + rules):,.0f} words/s)"
    )
    print(f"overhead of extraction:  {100 * rules / pipe:8.1f} %  (target <= 15 %)")


if __name__ == "__main__":
    main()

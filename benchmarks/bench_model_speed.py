"""Words/second of the shipped spaCy pipeline on ONE CPU core.

Usage:
    taskset -c 0 python benchmarks/bench_model_speed.py [--model transforms/nlp/model]
        [--data FILE.tsv] [--batch-size 128] [--repeat 3]

Texts: the sentences of a GermEval-format file (default: our held-out split
training/corpus/heldout/germeval_heldout.tsv, else GermEval dev from ../shared/data),
joined into article-length documents of ~20 sentences; without any such file a
built-in German paragraph is repeated. The full pipeline runs (tokenizer included)
through nlp.pipe. Thread pools are pinned to one thread; pin the process to one
core with `taskset -c 0` as well.
"""

from __future__ import annotations

import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FALLBACK = (
    "Bundeskanzler Olaf Scholz hat am Montag in Berlin mit Vertretern der Deutschen Bahn "
    "über die Lage im Fernverkehr gesprochen. Ein Sprecher sagte, die Gespräche seien "
    "konstruktiv gewesen, man werde die Ergebnisse im Herbst vorlegen. Die Gewerkschaft "
    "GDL kündigte dagegen neue Streiks in Bayern und Sachsen an. "
)


def load_texts(data: Path | None, sents_per_doc: int = 20) -> list[str]:
    candidates = (
        [data]
        if data
        else [
            ROOT / "training/corpus/heldout/germeval_heldout.tsv",
            ROOT.parent / "shared/data/germeval2014/NER-de-dev.tsv",
        ]
    )
    for path in candidates:
        if path and path.exists():
            sents, cur = [], []
            for line in path.open(encoding="utf-8"):
                if line.startswith("#"):
                    continue
                if not line.strip():
                    if cur:
                        sents.append(" ".join(cur))
                    cur = []
                    continue
                cur.append(line.split("\t")[1])
            if cur:
                sents.append(" ".join(cur))
            return [
                " ".join(sents[i : i + sents_per_doc]) for i in range(0, len(sents), sents_per_doc)
            ]
    return [FALLBACK * 20] * 50


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--model", default=str(ROOT / "transforms/nlp/model"))
    ap.add_argument(
        "--data", type=Path, default=None, help="GermEval-format tsv to take sentences from"
    )
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--repeat", type=int, default=3, help="timed passes; the best is reported")
    args = ap.parse_args(argv)

    import spacy

    try:
        import torch  # noqa: F401

        torch.set_num_threads(1)
    except Exception:
        pass
    nlp = spacy.load(args.model)
    texts = load_texts(args.data)
    n_words = sum(len(d) for d in nlp.tokenizer.pipe(texts))
    list(nlp.pipe(texts[:5]))  # warm-up
    best = 0.0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        dt = time.perf_counter() - t0
        best = max(best, n_words / dt)
    print(f"pipeline: {nlp.pipe_names}")
    print(f"docs: {len(texts)}  words: {n_words}  batch_size: {args.batch_size}")
    print(f"words/sec: {best:.0f}")
    return best


if __name__ == "__main__":
    main()

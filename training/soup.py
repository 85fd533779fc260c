"""R9: weight averaging ("model soup") of NER fine-tunings that share one starting point.

Fine-tunings of one converged model at a low learning rate stay in the same basin of the
loss, so the mean of their weights is itself a good model, often better than each one,
at no cost in speed (it is still one model). Different seeds give the fine-tunings
different data orders and dropout masks, which is where the gain comes from.

    python training/soup.py base --model transforms/nlp/model --out training/output/ner_base
    # ... K runs of configs/ner_finetune.cfg with --system.seed / --corpora.train.seed ...
    python training/soup.py average training/output/ft_s*/model-best --out training/output/soup \\
        --score training/corpus/ner/germeval_dev.tsv training/corpus/heldout/germeval_heldout.tsv

`average` prints each ingredient's and the soup's F1 on every `--score` file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import evaluate_ner  # noqa: E402  (sibling script)


def split_out_ner(model: str, out: str) -> None:
    """Save the pipeline's `ner` alone, with its own tok2vec, as a training base."""
    import spacy
    from assemble import own_tok2vec

    nlp = own_tok2vec(spacy.load(model), ["ner"])  # a no-op for the shipped pipeline's NER
    for name in [n for n in nlp.pipe_names if n != "ner"]:
        nlp.remove_pipe(name)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    print(f"wrote {out} (pipeline {nlp.pipe_names})")


def average_ner(models: list[str]):
    """The first pipeline with its `ner` weights replaced by the mean over all of them."""
    import spacy

    pipelines = [spacy.load(m) for m in models]
    target = pipelines[0].get_pipe("ner").model
    others = [p.get_pipe("ner").model for p in pipelines[1:]]
    # walk() visits nodes in the same order for models built from the same config
    for node, *twins in zip(target.walk(), *(o.walk() for o in others), strict=True):
        for name in node.param_names:
            if not node.has_param(name) or node.get_param(name) is None:
                continue
            total = node.get_param(name).copy()
            for twin in twins:
                total += twin.get_param(name)
            node.set_param(name, total / len(pipelines))
    return pipelines[0]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = ap.add_subparsers(dest="command", required=True)
    base = sub.add_parser("base", help="split the NER out of a full pipeline")
    base.add_argument("--model", required=True, help="full pipeline (e.g. transforms/nlp/model)")
    base.add_argument("--out", required=True, help="where to save the NER-only pipeline")
    avg = sub.add_parser("average", help="average the NER weights of several pipelines")
    avg.add_argument("models", nargs="+", help="NER pipelines fine-tuned from one start")
    avg.add_argument("--out", required=True, help="where to save the averaged pipeline")
    avg.add_argument(
        "--score", nargs="*", default=[], help="GermEval-format files to score each model on"
    )
    args = ap.parse_args(argv)
    if args.command == "base":
        split_out_ner(args.model, args.out)
        return
    import spacy

    if args.score:
        for model in args.models:
            print(f"{model}: {evaluate_ner.summaries(spacy.load(model), args.score)}", flush=True)
    soup = average_ner(args.models)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    soup.to_disk(args.out)
    if args.score:
        print(f"soup of {len(args.models)}: {evaluate_ner.summaries(soup, args.score)}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

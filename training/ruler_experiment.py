"""Does an entity ruler on top of the trained NER help? Scores variants on dev and held-out.

Two pattern sources:
  facts  the project's own gazetteer (transforms/nlp/lexicon.py: countries and their official
         names, cities, regions, organisations and parties), compiled from general facts;
  train  entity strings of the GermEval training split seen at least --min-count times
         with one label in at least --purity of their occurrences (a lexicon of our own
         training data; nothing from dev or held-out).
Ways to combine ruler and model:
  fill       ruler after the NER, overwrite_ents=False: adds spans where the model has none
  override   ruler after the NER, overwrite_ents=True: the ruler's spans win on overlap
  preset     ruler before the NER: the NER keeps the ruler's spans and labels the rest

    python training/ruler_experiment.py --model transforms/nlp/model

Prints outer PER/ORG/LOC F1 per variant (training/evaluate_ner.py's scoring). Since v0.5.0
the shipped NER has been trained on the dev split, so its dev column is no dev score; R8
ran on v0.4.0 (training/README.md says how to get it back from git).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from evaluate_ner import LABELS, predict, read_germeval, score, spans_from_iob, summary  # noqa: E402

CORPUS = ROOT / "training" / "corpus"


def fact_patterns() -> list[dict]:
    from newsfacts.transforms.nlp import lexicon as lx

    places = set(lx.COUNTRIES) | set(lx.CITIES) | set(lx.REGIONS)
    for _, extra, _ in lx.COUNTRIES.values():
        places |= set(extra)
    places.discard("US-Regierung")  # an organisation, listed there for actor resolution
    orgs = {form for forms in lx.ORGANISATIONS.values() for form in forms}
    out = [{"label": "LOC", "pattern": [{"ORTH": w} for w in p.split()]} for p in places]
    out += [{"label": "ORG", "pattern": [{"ORTH": w} for w in o.split()]} for o in orgs]
    return out


def docbin_sentences(path: Path) -> list[tuple[list[str], set]]:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("de")
    out = []
    for doc in DocBin().from_disk(path).get_docs(nlp.vocab):
        gold = {(e.start, e.end, e.label_) for e in doc.ents if e.label_ in LABELS}
        out.append(([t.text for t in doc], gold))
    return out


def train_patterns(min_count: int, purity: float) -> list[dict]:
    labels: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for words, gold in docbin_sentences(CORPUS / "ner" / "germeval_train.spacy"):
        for start, end, label in gold:
            labels[tuple(words[start:end])][label] += 1
    out = []
    for words, counts in labels.items():
        label, n = counts.most_common(1)[0]
        if n >= min_count and n / sum(counts.values()) >= purity:
            out.append({"label": label, "pattern": [{"ORTH": w} for w in words]})
    return out


def with_ruler(model: str, patterns: list[dict], mode: str):
    import spacy

    nlp = spacy.load(model)
    if mode == "preset":
        ruler = nlp.add_pipe("entity_ruler", before="ner")
    else:
        ruler = nlp.add_pipe(
            "entity_ruler", after="ner", config={"overwrite_ents": mode == "override"}
        )
    ruler.add_patterns(patterns)
    return nlp


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--model", default=str(ROOT / "transforms" / "nlp" / "model"))
    ap.add_argument("--min-count", type=int, default=3, help="train lexicon: occurrences")
    ap.add_argument("--purity", type=float, default=0.9, help="train lexicon: share of one label")
    args = ap.parse_args(argv)
    import spacy

    dev = docbin_sentences(CORPUS / "ner" / "germeval_dev.spacy")
    heldout = [
        (words, spans_from_iob(tags))
        for words, tags in read_germeval(CORPUS / "heldout" / "germeval_heldout.tsv")
    ]
    sources = {"facts": fact_patterns(), "train": train_patterns(args.min_count, args.purity)}
    sources["facts+train"] = sources["facts"] + sources["train"]
    print({name: len(p) for name, p in sources.items()})

    def line(name, nlp):
        cells = [summary(score([g for _, g in s], predict(nlp, s))) for s in (dev, heldout)]
        print(f"{name:26} dev {cells[0]}  held-out {cells[1]}", flush=True)

    line("model alone", spacy.load(args.model))
    for source, patterns in sources.items():
        for mode in ("fill", "override", "preset"):
            line(f"{source} {mode}", with_ruler(args.model, patterns, mode))


if __name__ == "__main__":
    main()

"""R11: an entity-prior lexicon as an input feature of the NER (not as a ruler).

R8 showed that rules which *decide* entities from lists do not help. Here a list only
*informs*: every token form seen in the silver corpora gets a tag saying how often it was
part of a PER / ORG / LOC name there ("Per9" = at least 90 % of its occurrences inside a
person name, "Mix" = sometimes, "Out" = almost never, no tag = seen less than twice;
`--min-count 1` and `--positions` are the variants R11b and R11d, not shipped). A built-in
`attribute_ruler` writes the tag into `Token.morph` (as `Lex=Per9`) before the NER, and the
NER's MultiHashEmbed reads `MORPH` as a fifth feature; the morphologizer later overwrites
`morph` with real features, so nothing of it is left in the output. No custom code is
needed to load the pipeline.

GermEval is left out of the lexicon on purpose: the NER trains mostly on GermEval, so it
there learns how far the lexicon can be trusted on sentences the lexicon did not see, which
is the situation of new text.

    python training/lexicon_feature.py build --out training/output/lexicon.json
    python training/lexicon_feature.py graft --base training/output/ner_base \\
        --lexicon training/output/lexicon.json --out training/output/lex_base
    # fine-tune with configs/ner_lexicon_finetune.cfg, average with soup.py as in R9

`graft` widens the NER's embedding mixer for the new feature with zero weights, so the
grafted model starts out predicting exactly like the base (checked by `graft`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import evaluate_ner  # noqa: E402  (sibling script)

SILVER = ["wikiann", "ler", "mobie", "smartdata", "europeana", "hipe", "apis"]
LABELS = ("PER", "ORG", "LOC")
FEATURE = "Lex"
ROWS = 64  # hash rows of the new feature: a dozen distinct tags


def tag_for(
    total: int, inside: dict[str, int], min_count: int = 2, position: str = ""
) -> str | None:
    """The lexicon tag of a token form seen `total` times, `inside[L]` of them in an L name;
    `position` (B, I, L or U: where in those names it mostly stood) is appended if given."""
    label, n = max(inside.items(), key=lambda kv: kv[1], default=("", 0))
    if total < min_count:
        return None
    if total == 1:  # one sighting: weak evidence, its own tag; a plain word says nothing
        return label.title() + "1" + position if n else None
    share = n / total
    for floor in (9, 7, 5):
        if share >= floor / 10:
            return f"{label.title()}{floor}{position}"
    return "Mix" if share >= 0.15 else "Out"


def _place(i: int, length: int) -> str:
    """BILU: where the i-th token of a name of `length` tokens stands."""
    if length == 1:
        return "U"
    return "B" if i == 0 else "L" if i == length - 1 else "I"


def build_lexicon(
    corpus_dir: Path, corpora: list[str], min_count: int = 2, positions: bool = False
) -> dict[str, list[str]]:
    """{tag: [token forms]} from the entity annotations of `corpora` (DocBins)."""
    import spacy
    from spacy.tokens import DocBin

    vocab = spacy.blank("de").vocab
    totals: Counter[str] = Counter()
    places: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)  # (label, BILU)
    for name in corpora:
        for doc in DocBin().from_disk(corpus_dir / f"{name}.spacy").get_docs(vocab):
            totals.update(t.text for t in doc)
            for ent in doc.ents:
                if ent.label_ in LABELS:
                    for i, t in enumerate(ent):
                        places[t.text][ent.label_, _place(i, len(ent))] += 1
    lexicon: dict[str, list[str]] = defaultdict(list)
    for form, total in totals.items():
        seen_in = places.get(form, {})
        inside: Counter[str] = Counter()
        for (label, _), n in seen_in.items():
            inside[label] += n
        position = ""
        if positions and inside:
            label = inside.most_common(1)[0][0]
            position = max((n, p) for (lab, p), n in seen_in.items() if lab == label)[1]
        tag = tag_for(total, inside, min_count, position)
        if tag:
            lexicon[tag].append(form)
    return {tag: sorted(forms) for tag, forms in sorted(lexicon.items())}


def ruler_patterns(lexicon: dict[str, list[str]]) -> list[dict]:
    """One attribute_ruler pattern per tag: a set lookup of the token's exact form."""
    return [
        {"patterns": [[{"ORTH": {"IN": forms}}]], "attrs": {"MORPH": f"{FEATURE}={tag}"}}
        for tag, forms in lexicon.items()
    ]


def graft(base: str, lexicon: dict[str, list[str]]):
    """The base NER pipeline with a lexicon attribute_ruler in front and MORPH as an extra
    embedding feature of the NER, initialised so that predictions do not change."""
    import spacy
    from spacy.training import Example

    old = spacy.load(base)
    config = old.config.copy()
    embed = config["components"]["ner"]["model"]["tok2vec"]["embed"]
    if "MORPH" in embed["attrs"]:  # e.g. the shipped v0.6 NER: graft onto v0.4's
        raise ValueError(f"{base}: its NER already reads MORPH (a lexicon feature)")
    embed["attrs"] = [*embed["attrs"], "MORPH"]
    embed["rows"] = [*embed["rows"], ROWS]
    config["nlp"]["pipeline"] = ["attribute_ruler", "ner"]
    config["components"] = {
        "attribute_ruler": {"factory": "attribute_ruler", "validate": False},
        "ner": config["components"]["ner"],
    }
    config["training"]["frozen_components"] = ["attribute_ruler"]
    config["training"]["annotating_components"] = ["attribute_ruler"]
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    ner, old_ner = nlp.get_pipe("ner"), old.get_pipe("ner")
    for label in old_ner.labels:
        ner.add_label(label)
    sample = nlp.make_doc("Das ist ein Satz .")
    nlp.initialize(lambda: [Example.from_dict(sample, {"entities": ["O"] * len(sample)})])
    # the output layer's rows follow the transitions: take the base's, in the base's order
    ner.from_bytes(old_ner.to_bytes(exclude=["model", "vocab"]), exclude=["model", "vocab"])
    if ner.move_names != old_ner.move_names:
        raise RuntimeError(f"transitions differ: {ner.move_names} vs {old_ner.move_names}")
    # initialize() empties the ruler, so its patterns come after it
    nlp.get_pipe("attribute_ruler").add_patterns(ruler_patterns(lexicon))

    old_nodes = [n for n in old.get_pipe("ner").model.walk() if n.param_names]
    new_nodes = [n for n in ner.model.walk() if n.param_names]
    added = [n for n in new_nodes if n.name == "hashembed"][-1]  # MORPH is the last attr
    new_nodes = [n for n in new_nodes if n is not added]
    for src, dst in zip(old_nodes, new_nodes, strict=True):
        for name in src.param_names:
            value, target = src.get_param(name), dst.get_param(name)
            if value.shape == target.shape:
                dst.set_param(name, value.copy())
            else:  # the embedding mixer: one more input block, zero weights
                widened = target * 0
                widened[..., : value.shape[-1]] = value
                dst.set_param(name, widened)
    return nlp


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="count token forms inside names in the silver corpora")
    b.add_argument("--corpus", default=str(HERE / "corpus/ner"), help="DocBins of convert.py")
    b.add_argument("--corpora", nargs="+", default=SILVER, help="which corpora to count")
    b.add_argument(
        "--min-count", type=int, default=2, help="ignore forms seen fewer times than this"
    )
    b.add_argument(
        "--positions",
        action="store_true",
        help="append where in a name each form mostly stands (B/I/L/U) to its tag",
    )
    b.add_argument("--out", required=True, help="lexicon JSON {tag: [forms]}")
    g = sub.add_parser("graft", help="add the lexicon feature to a trained NER pipeline")
    g.add_argument("--base", required=True, help="NER-only pipeline (soup.py base)")
    g.add_argument("--lexicon", required=True, help="JSON written by build")
    g.add_argument("--out", required=True, help="where to save the grafted pipeline")
    g.add_argument(
        "--check",
        default=str(HERE / "corpus/ner/germeval_dev.tsv"),
        help="GermEval file on which base and graft must score the same",
    )
    args = ap.parse_args(argv)
    if args.command == "build":
        lexicon = build_lexicon(Path(args.corpus), args.corpora, args.min_count, args.positions)
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(lexicon, ensure_ascii=False))
        print(json.dumps({tag: len(forms) for tag, forms in lexicon.items()}))
        print(f"wrote {args.out}")
        return
    import spacy

    nlp = graft(args.base, json.loads(Path(args.lexicon).read_text()))
    before = evaluate_ner.summary(evaluate_ner.evaluate(spacy.load(args.base), args.check))
    after = evaluate_ner.summary(evaluate_ner.evaluate(nlp, args.check))
    print(f"base:  {before}\ngraft: {after}")
    if before != after:
        sys.exit("the grafted model predicts differently from its base: not saved")
    nlp.to_disk(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

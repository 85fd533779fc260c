"""Score a spaCy pipeline on a GermEval-2014-format file: OUTER-level PER/ORG/LOC spans.

Usage:
    python training/evaluate_ner.py --model transforms/nlp/model --data FILE.tsv [--json OUT.json]

File format: tab-separated columns idx, token, outer, inner; lines starting with '#'
are comments; blank lines separate sentences; IOB tags with B-/I- prefixes.
Only the outer column counts; spans whose label is not PER, ORG or LOC (OTH, *deriv,
*part) are ignored on both the gold and the predicted side. A predicted span matches
when start, end and label are all equal. The pipeline runs on the gold tokens
(Doc(nlp.vocab, words=tokens)), so tokenization cannot cost boundary matches.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

LABELS = ("PER", "ORG", "LOC")


def read_germeval(path):
    """-> list of (tokens, outer_tags)."""
    sents, toks, tags = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if line.startswith("#"):
                continue
            if not line.strip():
                if toks:
                    sents.append((toks, tags))
                toks, tags = [], []
                continue
            cols = line.split("\t")
            toks.append(cols[1])
            tags.append(cols[2] if len(cols) > 2 else "O")
    if toks:
        sents.append((toks, tags))
    return sents


def spans_from_iob(tags):
    """IOB (B-/I-) tags -> set of (start, end, label); an I- after O or another
    label starts a new span (IOB1 tolerant)."""
    spans, start, lab = [], None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if t[:2] in ("B-", "I-"):
            pre, typ = t[0], t[2:]
        else:
            pre, typ = "O", None
        if pre == "O" or pre == "B" or typ != lab:
            if start is not None:
                spans.append((start, i, lab))
            start, lab = (i, typ) if pre != "O" else (None, None)
    return {s for s in spans if s[2] in LABELS}


def predict(nlp, sents, batch_size=128):
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=toks) for toks, _ in sents)
    out = []
    for doc in nlp.pipe(docs, batch_size=batch_size):
        out.append({(e.start, e.end, e.label_) for e in doc.ents if e.label_ in LABELS})
    return out


def score(gold_sets, pred_sets):
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold_sets, pred_sets, strict=False):
        for s in p:
            (tp if s in g else fp)[s[2]] += 1
        for s in g:
            if s not in p:
                fn[s[2]] += 1

    def prf(t, f_p, f_n):
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "tp": t, "fp": f_p, "fn": f_n}

    res = {lab: prf(tp[lab], fp[lab], fn[lab]) for lab in LABELS}
    res["overall"] = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return res


def evaluate(nlp, path):
    sents = read_germeval(path)
    gold = [spans_from_iob(tags) for _, tags in sents]
    pred = predict(nlp, sents)
    res = score(gold, pred)
    res["sentences"] = len(sents)
    return res


def summary(res) -> str:
    """One line of scores: 'F 0.6509 (P 0.712 R 0.600; PER 0.685 ORG 0.526 LOC 0.690)'."""
    o = res["overall"]
    per_label = " ".join(f"{lab} {res[lab]['f']:.3f}" for lab in LABELS)
    return f"F {o['f']:.4f} (P {o['p']:.3f} R {o['r']:.3f}; {per_label})"


def summaries(nlp, paths) -> str:
    """`summary` of `nlp` on each GermEval-format file, named by the file."""
    return " | ".join(f"{Path(p).stem}: {summary(evaluate(nlp, p))}" for p in paths)


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--model", required=True, help="path of a spaCy pipeline (nlp.to_disk output)")
    ap.add_argument("--data", required=True, help="GermEval-format tsv file")
    ap.add_argument("--json", help="also write the scores to this file")
    args = ap.parse_args(argv)
    import spacy

    nlp = spacy.load(args.model)
    res = evaluate(nlp, args.data)
    print(f"{'label':8} {'P':>7} {'R':>7} {'F':>7} {'TP':>6} {'FP':>6} {'FN':>6}")
    for lab in (*LABELS, "overall"):
        r = res[lab]
        print(
            f"{lab:8} {r['p']:7.4f} {r['r']:7.4f} {r['f']:7.4f} {r['tp']:6d} {r['fp']:6d} {r['fn']:6d}"
        )
    print(f"sentences: {res['sentences']}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)
    return res


if __name__ == "__main__":
    main()
    sys.exit(0)

"""Score the speech-event component, token by token as SpkAtt-2023 scores it.

    python training/evaluate_speech.py --model transforms/nlp/model --split dev
    python training/evaluate_speech.py --model transforms/nlp/model \
        --wikinews ../shared/data/wikinews_quotes/dev.jsonl.gz

Events of a document are aligned one to one, greedily by the overlap of their cue
tokens. Cue tokens and each role's tokens are then counted: true positives are the
tokens a predicted event shares with its aligned gold event; every other predicted
token is a false positive, every other gold token a false negative (so the roles of
an event whose cue was missed count as missed). This is our implementation of the
shared task's token-level measure, from its description; the organisers' scorer may
differ in details.

`--wikinews` scores the same component zero-shot on German news: cue tokens, and the
speaker tokens (the dataset's `speaker` span) against our SOURCE. Measurement only:
that corpus is never training data.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

from spacy.tokens import Doc

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from convert_speech import spaces_for  # noqa: E402

from newsfacts.transforms.nlp.extract import load_pipeline  # noqa: E402
from newsfacts.transforms.nlp.speech import speech_events  # noqa: E402

ROLES = {"CUE": "cue", "SOURCE": "source", "MESSAGE": "message", "ADDR": "addressee"}


def align(predicted: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    """(predicted, gold) index pairs, greedily by the most shared cue tokens."""
    pairs = sorted(
        (
            (len(set(p["CUE"]) & set(g["CUE"])), i, j)
            for i, p in enumerate(predicted)
            for j, g in enumerate(gold)
        ),
        reverse=True,
    )
    used_p, used_g, out = set(), set(), []
    for shared, i, j in pairs:
        if shared and i not in used_p and j not in used_g:
            out.append((i, j))
            used_p.add(i)
            used_g.add(j)
    return out


def count(predicted: list[dict], gold: list[dict], totals: dict) -> None:
    pairs = align(predicted, gold)
    for label in ROLES:
        tp = sum(len(set(predicted[i][label]) & set(gold[j][label])) for i, j in pairs)
        t = totals.setdefault(label, {"tp": 0, "fp": 0, "fn": 0})
        t["tp"] += tp
        t["fp"] += sum(len(set(p[label])) for p in predicted) - tp
        t["fn"] += sum(len(set(g[label])) for g in gold) - tp


def scores(totals: dict) -> dict:
    out = {}
    for label, t in totals.items():
        p = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 0.0
        r = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[label] = {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), **t}
    return out


def as_dict(event) -> dict:
    return {label: getattr(event, attr) for label, attr in ROLES.items()} | {
        "CUE": event.cue + event.particle
    }


def spkatt(nlp, split: str) -> dict:
    path = HERE / "corpus" / "speech" / f"{split}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    docs = (Doc(nlp.vocab, words=r["words"], spaces=spaces_for(r["words"])) for r in rows)
    totals: dict = {}
    for row, doc in zip(rows, nlp.pipe(docs, batch_size=16), strict=True):
        gold = [{**e, "CUE": e["CUE"] + e["PTC"]} for e in row["events"]]
        count([as_dict(e) for e in speech_events(doc)], gold, totals)
    return scores(totals)


def _tokens_in(doc, spans: list[dict]) -> list[int]:
    out = set()
    for s in spans:
        span = doc.char_span(s["charBegin"], s["charEnd"], alignment_mode="expand")
        if span is not None:
            out |= set(range(span.start, span.end))
    return sorted(out)


def wikinews(nlp, path: Path) -> dict:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    totals: dict = {}
    texts = (r["originalText"] for r in rows)
    for row, doc in zip(rows, nlp.pipe(texts, batch_size=8), strict=True):
        gold = [
            {
                "CUE": _tokens_in(doc, a["cue"]["spans"]),
                "SOURCE": _tokens_in(doc, a["speaker"]["spans"]),
                "MESSAGE": _tokens_in(doc, a["quote"]["spans"]),
                "ADDR": _tokens_in(doc, a["addressee"]["spans"]),
            }
            for a in row["annotations"]
            if a["cue"]["spans"]  # the dataset's cue-less quotations have no cue to find
        ]
        count([as_dict(e) for e in speech_events(doc)], gold, totals)
    return scores(totals)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--model", required=True)
    ap.add_argument("--split", default="dev", help="dev (reported), select (early stopping), train")
    ap.add_argument("--wikinews", type=Path, help="score zero-shot on this wikinews_quotes file")
    ap.add_argument("--json", type=Path, help="also write the scores here")
    args = ap.parse_args()
    nlp = load_pipeline(args.model)  # as extraction loads it
    result = wikinews(nlp, args.wikinews) if args.wikinews else spkatt(nlp, args.split)
    for label, s in result.items():
        print(
            f"{label:<8} P {s['p']:.3f}  R {s['r']:.3f}  F {s['f']:.3f}   (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})"
        )
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()

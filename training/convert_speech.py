"""SpkAtt-2023 train (../shared/data/spkatt2023_train) -> DocBins for the speech-event
component, and the events themselves for scoring.

    python training/convert_speech.py [--data ../shared/data] [--out training/corpus/speech]

The 177 speeches are shuffled with random.Random(2023): the first 18 are our dev split
(scores are reported on it, nothing is selected on it), the next 18 the selection split
(early stopping), the remaining 141 train. Each speech becomes Docs of consecutive
sentences (about 10, never cutting an event), on the corpus's own tokens. Every role
span (discontinuous ones as their contiguous pieces) is a span in doc.spans["speech"]
labelled CUE, PTC (a separated verb particle of the cue), SOURCE or ADDR; messages,
which are long, go to doc.spans["speech_message"] (label MESSAGE).

Output:
    {train,select,dev}.spacy   the Docs
    {train,select,dev}.jsonl   per Doc: its words and events, each role a sorted list
                               of token indices into the Doc (for evaluate_speech.py)
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

HERE = Path(__file__).resolve().parent
SEED = 2023
DEV_SPEECHES = 18
SELECT_SPEECHES = 18
SENTENCES_PER_DOC = 10
ROLES = {"Cue": "CUE", "PTC": "PTC", "Source": "SOURCE", "Addr": "ADDR", "Message": "MESSAGE"}
NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "“", "%", "…", "'"}
NO_SPACE_AFTER = {"(", "[", "„", "‚"}

VOCAB = spacy.blank("de").vocab


def spaces_for(words: list[str]) -> list[bool]:
    """Plausible whitespace for the corpus's tokens (it records none)."""
    return [
        i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE and w not in NO_SPACE_AFTER
        for i, w in enumerate(words)
    ]


def _ids(refs: list[str]) -> list[tuple[int, int]]:
    return sorted(tuple(int(x) for x in r.split(":")) for r in refs)


def chunks(speech: dict) -> list[tuple[list[int], list[dict]]]:
    """Consecutive sentence ids in groups of about SENTENCES_PER_DOC, extended so no
    event is cut, with the events each group holds."""
    sentence_ids = [s["SentenceId"] for s in speech["Sentences"]]
    events = speech["Annotations"]
    reach: dict[int, int] = {}  # sentence -> last sentence an event starting there needs
    for a in events:
        sents = [s for role in ROLES for s, _ in _ids(a[role])]
        if sents:
            first, last = min(sents), max(sents)
            for s in range(first, last + 1):
                reach[s] = max(reach.get(s, s), last)
    groups, current, need = [], [], -1
    for sid in sentence_ids:
        current.append(sid)
        need = max(need, reach.get(sid, sid))
        if len(current) >= SENTENCES_PER_DOC and need <= sid:
            groups.append(current)
            current, need = [], -1
    if current:
        groups.append(current)
    out = []
    for group in groups:
        members = set(group)
        held = [a for a in events if {s for s, _ in _ids(a["Cue"])} <= members and a["Cue"]]
        out.append((group, held))
    return out


def make_doc(speech: dict, group: list[int], events: list[dict]):
    tokens = {s["SentenceId"]: s["Tokens"] for s in speech["Sentences"]}
    index, words, starts = {}, [], []
    for sid in group:
        for t, word in enumerate(tokens[sid]):
            index[(sid, t)] = len(words)
            words.append(word)
            starts.append(t == 0)
    doc = Doc(VOCAB, words=words, spaces=spaces_for(words), sent_starts=starts)
    spans, messages, kept = [], [], []
    for a in events:
        event = {}
        for role, label in ROLES.items():
            ids = sorted(index[i] for i in _ids(a[role]) if i in index)
            event[label] = ids
            target = messages if label == "MESSAGE" else spans
            target.extend(Span(doc, start, end, label=label) for start, end in _runs(ids))
        kept.append(event)
    doc.spans["speech"] = spans
    doc.spans["speech_message"] = messages
    return doc, {"words": words, "events": kept}


def _runs(ids: list[int]) -> list[tuple[int, int]]:
    """Contiguous runs of sorted token indices as (start, end) pairs."""
    runs = []
    for i in ids:
        if runs and runs[-1][1] == i:
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1])
    return [tuple(r) for r in runs]


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=HERE / "corpus" / "speech")
    args = ap.parse_args()
    files = sorted((args.data / "spkatt2023_train").glob("*.json"))
    random.Random(SEED).shuffle(files)
    splits = {
        "dev": files[:DEV_SPEECHES],
        "select": files[DEV_SPEECHES : DEV_SPEECHES + SELECT_SPEECHES],
        "train": files[DEV_SPEECHES + SELECT_SPEECHES :],
    }
    args.out.mkdir(parents=True, exist_ok=True)
    for name, paths in splits.items():
        db, rows, n_events = DocBin(store_user_data=False), [], 0
        for path in paths:
            speech = json.loads(path.read_text(encoding="utf-8"))
            for group, events in chunks(speech):
                doc, row = make_doc(speech, group, events)
                db.add(doc)
                rows.append(row | {"speech": path.stem})
                n_events += len(events)
        db.to_disk(args.out / f"{name}.spacy")
        with open(args.out / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{name}: {len(paths)} speeches, {len(rows)} docs, {n_events} events")


if __name__ == "__main__":
    main()

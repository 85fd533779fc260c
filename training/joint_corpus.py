"""The corpus for training syntax and speech events together (configs/joint.cfg).

    python training/joint_corpus.py --silver training/output/speech_vec/model-best

The speech component is a token classifier over the shared tok2vec (labels CUE, PTC,
SOURCE, ADDR on single tokens), trained jointly with morphologizer, senter and parser,
so it costs almost nothing at run time. Every Doc needs an answer for every task or a
gap the task skips:

* UD docs (train/dev of convert.py) have syntax; their speech labels are silver, from a
  speech model trained on SpkAtt alone (`--silver`), so that UD text does not teach the
  speech component that nothing in it is speech.
* SpkAtt docs (train/select of convert_speech.py) have speech labels and sentence
  boundaries; no POS, morphology or heads (the morphologizer and parser skip them).

Writes training/corpus/joint/{ud_train,spkatt_train,dev}.spacy, and for the final run
(no model selection: a fixed number of steps) ud_all.spacy and spkatt_all.spacy, which
add the dev and selection splits. Held-out UD sentences and our SpkAtt dev split are in
neither.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
LABELS = ("CUE", "PTC", "SOURCE", "ADDR")


def token_spans(doc: Doc, spans) -> list[Span]:
    """One single-token span per token and label of `spans`."""
    seen, out = set(), []
    for s in spans:
        if s.label_ not in LABELS:
            continue
        for i in range(s.start, s.end):
            if (i, s.label_) not in seen:
                seen.add((i, s.label_))
                out.append(Span(doc, i, i + 1, label=s.label_))
    return out


def load(path: Path, vocab) -> list[Doc]:
    return list(DocBin().from_disk(path).get_docs(vocab))


def with_silver_speech(docs: list[Doc], silver) -> list[Doc]:
    plain = [
        Doc(silver.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d])
        for d in docs
    ]
    for doc, predicted in zip(docs, silver.pipe(plain, batch_size=32), strict=True):
        found = [
            Span(doc, s.start, s.end, label=s.label_) for s in predicted.spans.get("speech", [])
        ]
        doc.spans["speech"] = token_spans(doc, found)
    return docs


def spkatt_docs(path: Path, vocab) -> list[Doc]:
    docs = load(path, vocab)
    for doc in docs:
        doc.spans["speech"] = token_spans(doc, doc.spans.get("speech", []))
        if "speech_message" in doc.spans:
            del doc.spans["speech_message"]
    return docs


def save(docs: list[Doc], path: Path) -> None:
    db = DocBin(store_user_data=False)
    for d in docs:
        db.add(d)
    db.to_disk(path)
    spans = sum(len(d.spans.get("speech", [])) for d in docs)
    print(
        f"{path.name}: {len(docs)} docs, {sum(len(d) for d in docs)} tokens, {spans} labelled tokens"
    )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--silver", required=True, help="a pipeline with a `speech` spancat trained on SpkAtt"
    )
    args = ap.parse_args()
    silver = spacy.load(args.silver)
    vocab = silver.vocab
    out = CORPUS / "joint"
    out.mkdir(parents=True, exist_ok=True)
    ud_train = with_silver_speech(load(CORPUS / "ud/train.spacy", vocab), silver)
    ud_dev = with_silver_speech(load(CORPUS / "ud/dev.spacy", vocab), silver)
    spkatt_train = spkatt_docs(CORPUS / "speech/train.spacy", vocab)
    spkatt_select = spkatt_docs(CORPUS / "speech/select.spacy", vocab)
    save(ud_train, out / "ud_train.spacy")
    save(spkatt_train, out / "spkatt_train.spacy")
    save(ud_dev + spkatt_select, out / "dev.spacy")
    save(ud_train + ud_dev, out / "ud_all.spacy")
    save(spkatt_train + spkatt_select, out / "spkatt_all.spacy")


if __name__ == "__main__":
    main()

"""Raw text for `spacy pretrain`, from training material only (never held-out or dev):

training/corpus/raw/pretrain.jsonl     the converted training DocBins
training/corpus/raw/bundestag.jsonl    ../shared/data/raw_german (Bundestag speeches,
                                       8 M words), paragraphs in a seeded random order,
                                       followed by the lines of pretrain.jsonl

python training/make_raw.py [--data ../shared/data]
"""

import argparse
import gzip
import json
import random
from pathlib import Path

import spacy
from spacy.tokens import DocBin

HERE = Path(__file__).resolve().parent
root = HERE / "corpus"


def training_docs_text() -> list[str]:
    vocab = spacy.blank("de").vocab
    texts = []
    for p in sorted((root / "ner").glob("*.spacy")) + [root / "ud/train.spacy"]:
        if p.stem == "germeval_dev":
            continue
        texts += [d.text for d in DocBin().from_disk(p).get_docs(vocab) if len(d) > 3]
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data")
    args = ap.parse_args()
    (root / "raw").mkdir(parents=True, exist_ok=True)
    texts = training_docs_text()
    with open(root / "raw/pretrain.jsonl", "w", encoding="utf-8") as f:
        for t in texts:
            f.write(json.dumps({"text": t}, ensure_ascii=False) + "\n")
    with gzip.open(args.data / "raw_german" / "bundestag.txt.gz", "rt", encoding="utf-8") as fh:
        paragraphs = [line.strip() for line in fh if len(line.split()) >= 5]
    random.Random(8013195).shuffle(paragraphs)
    with open(root / "raw/bundestag.jsonl", "w", encoding="utf-8") as f:
        for t in paragraphs + texts:
            f.write(json.dumps({"text": t}, ensure_ascii=False) + "\n")
    print(f"{len(texts)} training texts, {len(paragraphs)} Bundestag paragraphs")


if __name__ == "__main__":
    main()

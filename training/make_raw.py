"""Write training/corpus/raw/pretrain.jsonl (raw text for `spacy pretrain`) from the
converted training DocBins (never from the held-out or dev splits)."""

import json
from pathlib import Path

import spacy
from spacy.tokens import DocBin

root = Path(__file__).resolve().parent / "corpus"
vocab = spacy.blank("de").vocab
with open(root / "raw/pretrain.jsonl", "w", encoding="utf-8") as f:
    for p in sorted((root / "ner").glob("*.spacy")) + [root / "ud/train.spacy"]:
        if p.stem == "germeval_dev":
            continue
        for d in DocBin().from_disk(p).get_docs(vocab):
            if len(d) > 3:
                f.write(json.dumps({"text": d.text}, ensure_ascii=False) + "\n")

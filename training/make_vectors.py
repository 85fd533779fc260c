"""Static word vectors for the syntax and speech tok2vecs, trained here (no download).

    python training/make_vectors.py [--dim 96] [--rows 20000] [--epochs 5]

Reads the raw text of training/corpus/raw/bundestag.jsonl (made by make_raw.py: the
Bundestag speeches of ../shared/data/raw_german plus the training texts), tokenizes it
with spaCy's German tokenizer, trains skip-gram word2vec (gensim, a training-only
dependency: pip install gensim==4.4.0) and writes

    training/output/vectors/vectors.txt      word2vec text format, every word seen 5+ times
    training/output/vectors/model/           `spacy init vectors ... --prune ROWS`: the
                                             ROWS most frequent words keep their own
                                             vector, every other word points to the row of
                                             its nearest neighbour among them
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def sentences(path: Path):
    import spacy

    tokenizer = spacy.blank("de").tokenizer
    with open(path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    for doc in tokenizer.pipe(texts, batch_size=1000):
        yield [t.text for t in doc if not t.is_space]


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--raw", type=Path, default=HERE / "corpus/raw/bundestag.jsonl")
    ap.add_argument("--out", type=Path, default=HERE / "output/vectors")
    ap.add_argument("--dim", type=int, default=96)
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    from gensim.models import Word2Vec

    corpus = list(sentences(args.raw))
    print(f"{len(corpus)} texts, {sum(map(len, corpus))} tokens")
    model = Word2Vec(
        corpus, vector_size=args.dim, window=5, min_count=5, sg=1, negative=10,
        epochs=args.epochs, workers=args.workers, seed=1,
    )  # fmt: skip
    args.out.mkdir(parents=True, exist_ok=True)
    text = args.out / "vectors.txt"
    model.wv.save_word2vec_format(str(text))
    print(f"{len(model.wv)} words -> {text}")
    subprocess.run(
        [sys.executable, "-m", "spacy", "init", "vectors", "de", str(text), str(args.out / "model"),
         "--prune", str(args.rows), "--name", "de_newsfacts_w2v"],
        check=True,
    )  # fmt: skip


if __name__ == "__main__":
    main()

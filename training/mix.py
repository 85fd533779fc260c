"""Weighted multi-corpus reader for `spacy train` (pass with `--code training/mix.py`).

Each epoch takes every DocBin in `weights` with its weight: weight 3 means each doc
three times, 0.4 a fresh random 40% sample. Docs are used with their own
(gold) tokenization, as the acceptance evaluation runs on pre-tokenized words.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example


def _examples(nlp, docs):
    for ref in docs:
        pred = Doc(
            nlp.vocab, words=[t.text for t in ref], spaces=[bool(t.whitespace_) for t in ref]
        )
        yield Example(pred, ref)


@spacy.registry.readers("newsfacts.WeightedCorpus.v1")
def weighted_corpus(
    directory: str, weights: dict[str, float], seed: int = 0, max_length: int = 200
) -> Callable[[Language], Iterable[Example]]:
    directory = Path(directory)
    state = {"epoch": 0, "cache": None}

    def load(nlp):
        if state["cache"] is None:
            cache = {}
            for name, w in weights.items():
                if w <= 0:
                    continue
                db = DocBin().from_disk(directory / f"{name}.spacy")
                cache[name] = [d for d in db.get_docs(nlp.vocab) if 0 < len(d) <= max_length]
            state["cache"] = cache
        return state["cache"]

    def reader(nlp: Language) -> Iterable[Example]:
        cache = load(nlp)
        rng = random.Random(seed + state["epoch"])
        state["epoch"] += 1
        chosen = []
        for name, docs in cache.items():
            w = weights[name]
            whole = int(w)
            chosen.extend(docs * whole)
            frac = w - whole
            if frac > 0:
                chosen.extend(rng.sample(docs, int(len(docs) * frac)))
        rng.shuffle(chosen)
        yield from _examples(nlp, chosen)

    return reader


@spacy.registry.readers("newsfacts.GoldCorpus.v1")
def gold_corpus(path: str) -> Callable[[Language], Iterable[Example]]:
    """A DocBin read with its own tokenization (for dev sets)."""

    def reader(nlp: Language) -> Iterable[Example]:
        db = DocBin().from_disk(path)
        yield from _examples(nlp, db.get_docs(nlp.vocab))

    return reader

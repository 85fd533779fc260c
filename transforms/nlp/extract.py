"""Run the spaCy pipeline over a batch of bodies and turn each Doc into ArticleFacts."""

from __future__ import annotations

import bisect
import json
import logging
import re
from functools import lru_cache
from pathlib import Path

from spacy.language import Language

from newsfacts.transforms.nlp.actors import extract_actors
from newsfacts.transforms.nlp.attribution import extract_statements
from newsfacts.transforms.nlp.figures import extract_figures, inherit_counted
from newsfacts.transforms.nlp.furniture import furniture_spans, mask_furniture
from newsfacts.transforms.nlp.lemmas import NounLemmatizer
from newsfacts.transforms.nlp.meta import package_name
from newsfacts.transforms.nlp.ruledata import compiled_patterns
from newsfacts.transforms.types import ArticleFacts, Figure, LocalActor, Mention, Statement

log = logging.getLogger(__name__)


_QUOTE_CHARS = {'"', "„", "»", "«", "“"}
# a decimal or a number with thousands dots that kept the full stop ending its sentence
_NUMBER_WITH_STOP_RE = re.compile(r"^\d+,\d+\.$|^\d{1,3}(?:\.\d{3})+\.$")


@Language.component("newsfacts_line_breaks")
def line_breaks(doc):
    """Sentence boundaries the rule-based splitter misses or gets wrong.

    A line break ends a sentence (headlines, crossheads and captions carry no full
    stop); an opening quote after a full stop starts one; a quote mark is never a
    sentence of its own.
    """
    n = len(doc)
    for tok in doc[: n - 1]:
        nxt = doc[tok.i + 1]
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            nxt.is_sent_start = True
        elif tok.text in (".", "!", "?") and nxt.text in _QUOTE_CHARS and not nxt.whitespace_:
            nxt.is_sent_start = True  # 'ausreichen. "Wir brauchen ...'
        elif _NUMBER_WITH_STOP_RE.match(tok.text) and nxt.text[:1].isupper():
            nxt.is_sent_start = True  # 'ein Wert von 7,1. Nach Angaben ...': no ordinal
        elif (
            tok.text in _QUOTE_CHARS
            and tok.is_sent_start
            and nxt.is_sent_start
            and not tok.whitespace_
        ):
            nxt.is_sent_start = False  # '"' alone: it opens the next sentence
    return doc


@lru_cache(maxsize=4)
def load_pipeline(model: str):
    """Load a spaCy pipeline by path or package name, once per process.

    Adds `newsfacts_line_breaks` after the sentence splitter (a dependency parser after
    it keeps those boundaries; a pipeline whose parser alone splits gets no such rule).
    """
    import spacy

    path = Path(model)
    if path.exists() or "/" in model:
        if not (path / "config.cfg").exists():
            raise FileNotFoundError(
                f"No spaCy pipeline at {path}. Set NEWSFACTS_MODEL to a pipeline folder or an "
                "installed package (e.g. de_core_news_lg), or restore transforms/nlp/model."
            )
        nlp = spacy.load(path)
    else:
        nlp = spacy.load(model)
    _add_infixes(nlp)
    splitter = next((p for p in ("sentencizer", "senter") if p in nlp.pipe_names), None)
    if splitter:
        # after the splitter and before a parser, which keeps the boundaries it is given
        nlp.add_pipe("newsfacts_line_breaks", after=splitter)
    return nlp


def _add_infixes(nlp) -> None:
    """The infixes of rules/tokenizer.toml on top of the pipeline's own
    ('gegeben."Heute' -> 'gegeben', '.', '"', 'Heute')."""
    extra = compiled_patterns("tokenizer", "infixes")
    current = nlp.tokenizer.infix_finditer
    own = getattr(getattr(current, "__self__", None), "pattern", None)
    pattern = extra.pattern if own is None else f"{extra.pattern}|{own}"
    nlp.tokenizer.infix_finditer = re.compile(pattern).finditer


@lru_cache(maxsize=4)
def _noun_lemmatizer(nlp) -> NounLemmatizer:
    return NounLemmatizer.for_pipeline(nlp)


def model_info(model: str) -> dict:
    nlp = load_pipeline(model)
    meta = nlp.meta
    path = Path(model)
    labels = list(nlp.get_pipe("ner").labels) if "ner" in nlp.pipe_names else []
    info = {
        "path": str(path.resolve()) if path.exists() else None,
        "name": package_name(meta),
        "version": meta.get("version"),
        "spacy_version": meta.get("spacy_version"),
        "labels": labels,
        "components": list(nlp.pipe_names),
        "description": meta.get("description"),
        "performance": meta.get("performance", {}),
        "sources": meta.get("sources", []),
    }
    return json.loads(json.dumps(info, default=str))


def _claimant(
    fig: Figure, sentence_bounds: list[tuple[int, int]], statements: list[Statement]
) -> int | None:
    """The speaker of the statement a figure stands in, else of its sentence's statement;
    nobody for an age ('die 19-jährige Soldatin', 'Haseloff (69, CDU)'): an age
    describes a person, nobody claims it."""
    if _AGE_TEXT_RE.search(fig.text) or (fig.counted == "Jahr" and fig.text.isdigit()):
        return None  # (a bare number counted in years is an age in brackets: "(69, CDU)")
    for s in statements:
        if s.start <= fig.start and fig.end <= s.end + 1:
            return s.speaker
    i = bisect.bisect_right([b[0] for b in sentence_bounds], fig.start) - 1
    if i < 0:
        return None
    sent_start, sent_end = sentence_bounds[i]
    for s in statements:
        if s.start < sent_end and s.end > sent_start:
            return s.speaker
    return None


_AGE_TEXT_RE = re.compile(r"[Jj]ährig|^\(\d{1,3}[,)]")


def facts_from_doc(
    article_id: str, doc, masked: list[tuple[int, int]], lemmatize: NounLemmatizer | None = None
) -> ArticleFacts:
    actors, mentions = extract_actors(doc, masked, lemmatize.table if lemmatize else None)
    sentences = list(doc.sents)  # Doc.sents walks every token: once per article
    toks = list(doc)  # spaCy builds a new Token object on every access: once per article
    statements = extract_statements(doc, actors, mentions, masked, sentences, toks)
    figures = extract_figures(doc, masked, lemmatize, toks)
    if figures:
        bounds = [(s.start_char, s.end_char) for s in sentences]
        inherit_counted(figures, [b[0] for b in bounds])
        for fig in figures:
            fig.claimed_by = _claimant(fig, bounds, statements)
    return ArticleFacts(article_id, actors, mentions, figures, statements)


def extract_batch(nlp, items: list[tuple[str, str]], batch_size: int = 16) -> list[ArticleFacts]:
    """items: (article_id, body). One nlp.pipe call for the whole batch.

    16 documents per pipe batch: as fast as 64 here and half the peak memory (the
    activations of a pipe batch of ~600-word articles dominate a worker's memory).
    """
    lemmatize = _noun_lemmatizer(nlp)
    masks = [furniture_spans(body) for _, body in items]
    texts = (mask_furniture(body) for _, body in items)
    out = []
    for (article_id, _), spans, doc in zip(
        items, masks, nlp.pipe(texts, batch_size=batch_size), strict=True
    ):
        out.append(facts_from_doc(article_id, doc, spans, lemmatize))
    return out


__all__ = [
    "ArticleFacts",
    "Figure",
    "LocalActor",
    "Mention",
    "Statement",
    "extract_batch",
    "load_pipeline",
    "model_info",
]

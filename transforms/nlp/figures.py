"""Figures: numbers that quantify something, with range, qualifier and counted noun.

Works on spaCy tokens. Dates, years, clock times, ordinals and durations are not
figures. `parse_number` is a pure function over a token's text.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

import numpy as np
from spacy.attrs import IDX

from newsfacts.transforms.nlp.doctext import doc_text
from newsfacts.transforms.nlp.lemmas import NounLemmatizer
from newsfacts.transforms.nlp.lexicon import (
    MULTIPLIERS,
    NUMBER_WORDS,
    QUALIFIERS_BEFORE,
    VAGUE_WORDS,
)
from newsfacts.transforms.nlp.ruledata import compiled_patterns, rule_file
from newsfacts.transforms.types import Figure

_DIGITS_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^\d+(?:,\d+)?$")
_AGE_RE = re.compile(r"^(\d{1,3})-[Jj]ährig(?:e|en|er|es|em)?$")
_PERCENT_RE = re.compile(r"^(\d+(?:,\d+)?)%$")
# a number opening a compound: "1,5-Grad-Grenze", "35-Stunden-Woche", "10-Punkte-Plan"
_NUMBER_COMPOUND_RE = re.compile(r"^(\d{1,3}(?:\.\d{3})*(?:,\d+)?)-([A-ZÄÖÜ][a-zäöüß]+)(?:-|$)")
# a number at the end of a sentence that the tokenizer kept with its full stop: "51.275."
_TRAILING_DOT_RE = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d+,\d+)\.$")
_YEAR_RE = re.compile(r"^(?:1[89]|20)\d{2}$")
_MONTHS = {
    "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
    "oktober", "november", "dezember", "jänner",
}  # fmt: skip
_TIME_WORDS = {"uhr", "min", "min.", "h"}  # clock times and clip lengths; durations count
# Where a figure can start: a digit, a number word or a vague amount. Scanning the
# text with one regex and mapping hits to tokens is far cheaper than visiting tokens.
_NUMBER_WORDS_RE = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_CANDIDATE_RE = re.compile(
    r"\d|\b(?:"
    + "|".join(sorted(set(NUMBER_WORDS) | set(VAGUE_WORDS), key=len, reverse=True))
    + rf")\b|\b(?:{_NUMBER_WORDS_RE})jährig",
    re.IGNORECASE,
)
# "ein sechsjähriger Junge": an age written in words, like "6-jährig"
_AGE_WORD_RE = re.compile(rf"^({_NUMBER_WORDS_RE})jährig(?:e|en|er|es|em)?$", re.IGNORECASE)
# "80 Jahre oder älter", "drei Kinder und mehr"
_QUALIFIERS_AFTER = {
    ("oder", "mehr"): "at_least", ("und", "mehr"): "at_least", ("oder", "älter"): "at_least",
    ("oder", "darüber"): "at_least", ("oder", "weniger"): "at_most", ("oder", "jünger"): "at_most",
}  # fmt: skip
_STOP_COUNTED = {"und", "oder", "bis", "als", "von", "aus", "in", "im", "mit", "pro", "je"}


def parse_number(text: str) -> float | None:
    """'10.000' -> 10000, '1,5' -> 1.5, 'zwölf' -> 12; None if it is not a number."""
    t = text.strip()
    if _DIGITS_RE.match(t):
        return float(t.replace(".", "").replace(",", "."))
    low = t.lower()
    if low in NUMBER_WORDS:
        return float(NUMBER_WORDS[low])
    return None


def _qualifier_before(doc, i: int) -> tuple[str, int]:
    """(qualifier, index of its first token) from the one or two words before token i."""
    prev1 = doc[i - 1].lower_ if i >= 1 else ""
    if i >= 2:
        two = _QUALIFIER_PAIRS.get((doc[i - 2].lower_, prev1))
        if two:
            return two, i - 2
    one = _QUALIFIER_SINGLE.get(prev1)
    return (one, i - 1) if one else ("exact", i)


_QUALIFIER_PAIRS = {w: q for w, q in QUALIFIERS_BEFORE if len(w) == 2}
_QUALIFIER_SINGLE = {w[0]: q for w, q in QUALIFIERS_BEFORE if len(w) == 1}


def _counted_after(doc, j: int, lemmatize: NounLemmatizer) -> tuple[str | None, int]:
    """Lemma of the counted noun after token j (skipping adjectives), and its index."""
    k = j
    while k < len(doc) and k < j + 6:
        tok = doc[k]
        if tok.is_punct and tok.text not in ('"', "„", "“", "»", "«"):
            return None, j - 1
        if tok.lower_ in _STOP_COUNTED:
            return None, j - 1
        if tok.pos_ == "ADP" and k + 2 < len(doc) and k > j - 1:
            if not _participle_or_adjective(doc[k + 2]):
                return None, j - 1  # "23 an die CDU": what the number goes to, not what it counts
            k += 2  # "10.000 nach Ostrussland gesendeten Soldaten": skip the inner phrase
            continue
        if tok.text in ('"', "„", "“", "»", "«"):
            k += 1
            continue
        if tok.text[:1].isupper() and tok.pos_ in ("NOUN", "PROPN", "") and not tok.is_sent_start:
            return lemmatize(tok), k
        if tok.pos_ in ("ADJ", "ADV", "NUM") or tok.is_lower:
            k += 1
            continue
        return None, j - 1
    return None, j - 1


def _participle_or_adjective(tok) -> bool:
    """'gesendeten' in '10.000 nach Ostrussland gesendeten Soldaten'."""
    return tok.pos_ in ("ADJ", "VERB") or (tok.is_lower and tok.is_alpha)


def inherit_counted(figures: list[Figure], sentence_starts: list[int]) -> None:
    """'Der Landtag hat 88 Sitze. Davon gehen 32 an die AfD, 23 an die CDU': a number
    with nothing counted after it counts what the figure before it counted, in the same
    sentence or the one before (sentence_starts: character starts, ascending)."""
    last: Figure | None = None
    for fig in figures:
        if fig.counted is None and last is not None and fig.measure is None:
            here = bisect.bisect_right(sentence_starts, fig.start)
            there = bisect.bisect_right(sentence_starts, last.start)
            if here - there <= 1 and last.counted not in ("Jahr",) and fig.qualifier != "vague":
                fig.counted, fig.measure = last.counted, last.measure or last.counted
        if fig.counted is not None:
            last = fig


def _age_in_brackets(doc, i: int, j: int, value: float) -> bool:
    """'Haseloff (69, CDU)', 'Habeck (53)': a whole number up to 120 opening brackets
    right after a name is the person's age."""
    return (
        i >= 2
        and doc[i - 1].text == "("
        and doc[i - 2].text[:1].isupper()
        and j < len(doc)
        and doc[j].text in (",", ")")
        and value == int(value)
        and 0 < value <= 120
    )


def _is_non_figure(doc, i: int, text: str) -> bool:
    doc[i]
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    prev = doc[i - 1] if i > 0 else None
    if text.endswith(".") and text[:-1].isdigit():
        return True  # ordinal or day "21."
    if _YEAR_RE.match(text) and "." not in text:
        return True
    if ":" in text:
        return True
    if nxt is not None and (nxt.lower_ in _TIME_WORDS or nxt.lower_ in _MONTHS):
        return True
    if nxt is not None and nxt.text == "." and i + 2 < len(doc) and doc[i + 2].lower_ in _MONTHS:
        return True
    if prev is not None and prev.lower_ in _MONTHS and text.isdigit():
        return True  # "Oktober 21" (a date), but not "im Oktober 24,6 Prozent"
    if (nxt is not None and nxt.text == "/") or (prev is not None and prev.text == "/"):
        return True  # file numbers and fractions of identifiers: "ZR 68/23"
    if prev is not None and (
        prev.lower_ in ("seite", "nr.", "nr", "artikel", "paragraf", "§", "platz", "az.", "kapitel")
        or prev.lower_.endswith("nummer")
    ):
        return True  # page, paragraph, shirt and file numbers identify, they do not count
    return doc[i].like_url


def temporal_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of dates, clock times and timestamps (rules/temporal.toml)."""
    return [m.span() for m in compiled_patterns("temporal", "non_figures").finditer(text)]


def ordered_range(low: float, high: float) -> tuple[float, float] | None:
    """(low, high) of a range written "low bis high", or None when the second number is
    smaller: "12 bis 8", "5-3" are scores, counts down or parts of identifiers, not
    the bounds of one quantity. So every range a figure carries has low <= high."""
    return (low, high) if low <= high else None


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def extract_figures(
    doc,
    masked_spans: list[tuple[int, int]],
    lemmatize: NounLemmatizer | None = None,
    toks: list | None = None,
) -> list[Figure]:
    """Figures in `doc`; `lemmatize` gives counted nouns' lemmas (compound-aware)."""
    lemmatize = lemmatize or NounLemmatizer()
    figures: list[Figure] = []
    seq = toks if toks is not None else doc  # tokens made once per article, if given
    n = len(seq)
    if n == 0:
        return figures
    starts = doc.to_array(IDX)
    text_of_doc = doc_text(doc)
    not_figures = [*masked_spans, *temporal_spans(text_of_doc)]
    hits = [m.start() for m in _CANDIDATE_RE.finditer(text_of_doc)]
    candidates = sorted({int(t) for t in np.searchsorted(starts, hits, side="right") - 1})
    consumed_until = -1
    for i in candidates:
        if i <= consumed_until:
            continue
        tok = seq[i]
        if _overlaps(tok.idx, tok.idx + len(tok.text), not_figures):
            continue
        text = tok.text
        low = tok.lower_
        start_tok, end_tok = i, i
        value = low_v = high_v = None
        qualifier = "exact"
        counted = None
        m_age = _AGE_RE.match(text)
        m_age_word = _AGE_WORD_RE.match(text)
        m_pct = _PERCENT_RE.match(text)
        m_compound = _NUMBER_COMPOUND_RE.match(text)
        m_dot = _TRAILING_DOT_RE.match(text)
        trim_end = 0
        if m_dot:
            text, trim_end = m_dot.group(1), 1
        if m_age or m_age_word:
            years = m_age.group(1) if m_age else NUMBER_WORDS[m_age_word.group(1).lower()]
            value = float(years)
            counted = "Jahr"
            end_tok = i
        elif m_pct:
            value = parse_number(m_pct.group(1))
            counted = "Prozent"
        elif m_compound and not m_age:
            value = parse_number(m_compound.group(1))
            counted = lemmatize.word(m_compound.group(2))
        elif low.strip('"„“»«') in VAGUE_WORDS and text.strip('"„“»«')[:1].isupper():
            value, low_v, high_v = (float(v) for v in VAGUE_WORDS[low.strip('"„“»«')])
            qualifier = "vague"
            counted, end_tok = _counted_after(seq, i + 1, lemmatize)
            if counted is None:
                end_tok = i
        else:
            value = parse_number(text.strip('"„“»«'))
            if value is None or _is_non_figure(seq, i, text):
                continue
            j = i + 1
            multiplied = j < n and seq[j].lower_ in MULTIPLIERS
            if multiplied:
                value *= MULTIPLIERS[seq[j].lower_]
                j += 1
            # ranges: "10.000 bis 12.000", "zwischen 200 und 300"
            partner = seq[j + 1] if j + 1 < n else None
            is_between = i > 0 and seq[i - 1].lower_ == "zwischen"
            if (
                partner is not None
                and seq[j].lower_ in ("bis", "und", "-", "–")
                and (seq[j].lower_ != "und" or is_between)
                and parse_number(partner.text) is not None
                and not _overlaps(partner.idx, partner.idx + len(partner.text), not_figures)
            ):
                hi = parse_number(partner.text)
                k = j + 2
                if k < n and seq[k].lower_ in MULTIPLIERS:
                    factor = MULTIPLIERS[seq[k].lower_]
                    hi *= factor
                    if seq[i + 1].lower_ not in MULTIPLIERS:
                        value *= factor  # "zwischen 400 und 500 Millionen": shared
                    k += 1
                bounds = ordered_range(value, hi)
                if bounds is None:
                    consumed_until = k - 1
                    continue  # a descending pair is not one quantity: neither number
                low_v, high_v = bounds
                if is_between:
                    start_tok = i - 1
                j = k
            if j < n and seq[j].text in ("%",):
                counted, end_tok = "Prozent", j
            elif _age_in_brackets(seq, i, j, value):
                counted, end_tok = "Jahr", i
            else:
                counted, end_tok = _counted_after(seq, j, lemmatize)
                if counted is None:
                    end_tok = j - 1
            if low_v is None:
                qualifier, start_tok = _qualifier_before(seq, start_tok)
                after = _QUALIFIERS_AFTER.get(
                    tuple(t.lower_ for t in seq[end_tok + 1 : end_tok + 3])
                )
                if after and qualifier == "exact":
                    qualifier, end_tok = after, end_tok + 2
            if low in NUMBER_WORDS and counted is None and not multiplied:
                continue  # a bare number word ("die zwei") is rarely a figure
        if value is None:
            continue
        start_char = seq[start_tok].idx
        end_char = seq[end_tok].idx + len(seq[end_tok].text) - (trim_end if end_tok == i else 0)
        figures.append(
            Figure(
                value=value,
                qualifier=qualifier,
                text=text_of_doc[start_char:end_char],
                start=start_char,
                end=end_char,
                low=low_v,
                high=high_v,
                counted=counted,
                measure=measure_of(seq, i, end_tok, counted, lemmatize),
            )
        )
        consumed_until = max(end_tok, i)
    return figures


@lru_cache(maxsize=1)
def unit_nouns() -> frozenset[str]:
    return frozenset(rule_file("numbers")["units"]["nouns"])


_CLIMB_RELATIONS = ("nummod", "amod", "nmod", "obl", "obj", "appos", "flat", "compound", "case")


def measure_of(doc, first: int, last: int, counted: str | None, lemmatize) -> str | None:
    """What a figure measures: what it counts ('10.000 Soldaten': Soldat), or, counted in
    a unit, the subject of the clause it stands in ('Die Inflationsrate lag bei 8,7
    Prozent': Inflationsrate; 'Die Preise stiegen um 9,2 Prozent': Preis); None for a
    unit figure whose clause names no subject."""
    if counted not in unit_nouns():
        return counted
    tok = doc[last]
    for _ in range(6):  # up from the unit to the verb of its clause
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ not in _CLIMB_RELATIONS or tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    verb = tok.head if tok.pos_ == "AUX" and tok.dep_ in ("aux", "cop") else tok
    for child in (*verb.children, *tok.children):
        subject = child.dep_ in ("nsubj", "nsubj:pass") and child.pos_ in ("NOUN", "PROPN")
        if subject and not first <= child.i <= last:
            return lemmatize(child)
    return None

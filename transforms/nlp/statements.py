"""Statements: direct quotes and German indirect speech with resolved speakers.

Per sentence: attribution markers ("laut X", "X zufolge", "nach Angaben von X"),
speech verbs before or after their content, and Konjunktiv sentences that carry on
the last speaker's reported speech. Speakers are actors of the article; pronouns and
role phrases ("sagte der Niederländer") resolve to the most recent fitting person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.nlp.actors import is_role_word
from transforms.nlp.lexicon import (
    ANGABEN_NOUNS,
    ATTRIBUTION_POSTPOSITIONS,
    ATTRIBUTION_PREPOSITIONS,
    KONJUNKTIV_FORMS,
    SPEECH_VERB_FORMS,
    SPEECH_VERBS,
)
from transforms.types import LocalActor, Mention, Statement

_QUOTE_RE = re.compile(
    r'„([^“”"„]{2,}?)[“”"]|"([^"\n]{2,}?)"|»([^«»]{2,}?)«|«([^«»]{2,}?)»|“([^”\n]{2,}?)”'
)
_PRONOUNS = {"er": "PER", "sie": None, "ihr": None}
# Separable verbs count as speech only with their particle in the sentence.
_NEEDS_PARTICLE = {
    "teilen": ("mit",), "kündigen": ("an",), "sichern": ("zu",), "weisen": ("zurück", "hin"),
    "rufen": ("auf",), "stellen": ("fest", "klar"), "gehen": ("aus",), "fügen": ("hinzu",),
    "räumen": ("ein",), "geben": ("bekannt",),
}  # fmt: skip
_FORM_LEMMA = {
    "teilte": "teilen", "teilten": "teilen", "teilt": "teilen", "kündigte": "kündigen",
    "kündigten": "kündigen", "kündigt": "kündigen", "sicherte": "sichern", "sichert": "sichern",
    "wies": "weisen", "wiesen": "weisen", "weist": "weisen", "rief": "rufen", "ruft": "rufen",
    "stellte": "stellen", "geht": "gehen", "ging": "gehen", "gingen": "gehen", "gehen": "gehen",
    "fügte": "fügen", "räumte": "räumen",
}  # fmt: skip
_NON_SPEECH_AUX = {
    "hat",
    "haben",
    "hatte",
    "hatten",
    "ist",
    "sind",
    "war",
    "waren",
    "wurde",
    "wurden",
}


class _Sent:
    """A sentence over tokens created once per Doc (spaCy builds a new Token per access)."""

    __slots__ = ("doc", "doc_text", "start", "end", "start_char", "end_char", "toks")

    def __init__(self, span, toks, doc_text: str):
        self.doc = span.doc
        self.doc_text = doc_text  # Doc.text rebuilds the string on every access
        self.start, self.end = span.start, span.end
        self.start_char, self.end_char = span.start_char, span.end_char
        self.toks = toks[span.start : span.end]

    def __iter__(self):
        return iter(self.toks)

    def __getitem__(self, i):
        return self.toks[i]

    @property
    def text(self) -> str:
        return self.doc_text[self.start_char : self.end_char]


@dataclass
class _Speech:
    speaker: int | None
    cue: str


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the inside of each quotation in `text`."""
    spans = []
    for m in _QUOTE_RE.finditer(text):
        g = next(i for i in range(1, 6) if m.group(i) is not None)
        spans.append((m.start(g), m.end(g)))
    return spans


def _in_spans(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)


class _SpeakerIndex:
    """Actor mentions of one article by position, for speaker lookups."""

    def __init__(self, actors: list[LocalActor], mentions: list[Mention]):
        self.actors = actors
        self.mentions = sorted(mentions, key=lambda m: m.start)

    def in_range(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def last_person_before(self, pos: int, role_word: str | None = None) -> int | None:
        best = None
        for m in self.mentions:
            if m.start >= pos:
                break
            if self.actors[m.actor].type == "PER":
                best = m.actor
                if (
                    role_word
                    and self.actors[m.actor].role
                    and role_word.lower() in self.actors[m.actor].role.lower()
                ):
                    return m.actor
        return best

    def last_actor_before(self, pos: int) -> int | None:
        best = None
        for m in self.mentions:
            if m.start >= pos:
                break
            best = m.actor
        return best


def _is_cue(tok, sent_lowers: set[str]) -> bool:
    low = tok.lower_
    lemma = tok.lemma_.lower() if tok.lemma_ else ""
    if (
        tok.pos_ in ("NOUN", "PROPN", "ADJ", "DET", "ADP")
        or tok.text[:1].isupper()
        and not tok.is_sent_start
    ):
        return False
    base = _FORM_LEMMA.get(low) or (lemma if lemma in SPEECH_VERBS else None)
    if base is None and low not in SPEECH_VERB_FORMS and lemma not in SPEECH_VERBS:
        return False
    base = base or lemma or low
    if base in _NEEDS_PARTICLE:
        return any(p in sent_lowers for p in _NEEDS_PARTICLE[base])
    return True


def _cue_text(tok, sent) -> str:
    lemma = _FORM_LEMMA.get(tok.lower_) or tok.lemma_.lower()
    particles = _NEEDS_PARTICLE.get(lemma, ())
    for t in sent:
        if t.i > tok.i and t.lower_ in particles:
            return f"{tok.text} {t.text}"
    return tok.text


def _speaker_near(
    sent, cue_tok, index: _SpeakerIndex, prefer_after: bool
) -> tuple[int | None, bool]:
    """(speaker actor, found) for a speech verb: subject after ('sagte Rutte') or before."""
    after = [m for m in index.in_range(cue_tok.idx, sent.end_char)]
    before = [m for m in index.in_range(sent.start_char, cue_tok.idx)]
    window_after = cue_tok.i + 1
    # pronoun or role phrase right after the verb: "sagte er", "sagte der Niederländer"
    toks_after = [t for t in sent if t.i >= window_after][:6]
    if prefer_after:
        if toks_after and toks_after[0].lower_ in _PRONOUNS:
            return index.last_person_before(cue_tok.idx) if toks_after[
                0
            ].lower_ == "er" else index.last_actor_before(cue_tok.idx), True
        if toks_after and toks_after[0].lower_ in ("der", "die"):
            for t in toks_after[1:]:
                if t.text[:1].isupper() and any(m.start == t.idx for m in after):
                    break  # "sagte die Nato": a named actor, not a role phrase
                if is_role_word(t.text):
                    return index.last_person_before(cue_tok.idx, t.text), True
        if after and after[0].start - cue_tok.idx < 40:
            return after[0].actor, True
        if toks_after and toks_after[0].lower_ == "es":
            return None, True  # "hieß es"
    if before:
        # the subject is usually the mention closest before the verb
        return before[-1].actor, True
    if toks_after and toks_after[0].lower_ == "es":
        return None, True  # "hieß es", "heißt es in der Erklärung": no named speaker
    first = sent[0].lower_
    if first in ("er", "sie"):
        return (
            index.last_person_before(sent.start_char)
            if first == "er"
            else index.last_actor_before(sent.start_char)
        ), True
    if after:
        return after[0].actor, True
    return None, False


def _trim(text: str) -> str:
    return text.strip(' ,:;–-\n"„“»«')


def _marker_statement(sent, index: _SpeakerIndex, quotes) -> Statement | None:
    """'laut X ...', '... X zufolge', 'nach Angaben von X ...', 'nach US-Angaben ...'."""
    toks = list(sent)
    for k, tok in enumerate(toks):
        if _in_spans(tok.idx, quotes):
            continue
        low = tok.lower_
        marker = None
        if low in ATTRIBUTION_PREPOSITIONS and k + 1 < len(toks):
            end = k + 1
            while (
                end < len(toks)
                and end < k + 5
                and not toks[end].is_punct
                and (
                    toks[end].text[:1].isupper() or toks[end].lower_ in ("der", "des", "dem", "von")
                )
            ):
                end += 1
            marker = (k, end, tok.text)
        elif low == "nach" and k + 1 < len(toks):
            nxt = toks[k + 1]
            if nxt.lower_ in ANGABEN_NOUNS or nxt.lower_.endswith("-angaben"):
                end = k + 2
                while (
                    end < len(toks)
                    and end < k + 7
                    and not toks[end].is_punct
                    and (
                        toks[end].text[:1].isupper()
                        or toks[end].lower_ in ("der", "des", "dem", "von", "eines", "einer")
                    )
                ):
                    end += 1
                marker = (k, end, _join_tokens(toks[k : k + 2]))
        elif low in ATTRIBUTION_POSTPOSITIONS:
            begin = k
            while (
                begin - 1 >= 0
                and not toks[begin - 1].is_punct
                and k - begin < 5
                and (
                    toks[begin - 1].text[:1].isupper()
                    or toks[begin - 1].lower_ in ("der", "dem", "des", "den", "ihrem", "seinem")
                )
            ):
                begin -= 1
            marker = (begin, k + 1, tok.text)
        if marker is None:
            continue
        m_start, m_end, cue = marker
        phrase_start = toks[m_start].idx
        phrase_end = toks[m_end - 1].idx + len(toks[m_end - 1].text)
        speakers = index.in_range(phrase_start, phrase_end)
        if not speakers:
            continue
        speaker = speakers[-1].actor if low in ATTRIBUTION_POSTPOSITIONS else speakers[0].actor
        before = sent.doc_text[sent.start_char : phrase_start]
        after = sent.doc_text[phrase_end : sent.end_char]
        content = _trim(before) if len(_trim(before)) > len(_trim(after)) else _trim(after)
        if len(content.split()) < 3:
            content = _trim(before + " " + after)
        start = sent.doc_text.find(content, sent.start_char)
        return Statement("indirect", content, start, start + len(content), cue, speaker)
    return None


def _join_tokens(toks) -> str:
    return " ".join(t.text for t in toks)


def _is_konjunktiv(sent, quotes) -> bool:
    for tok in sent:
        if _in_spans(tok.idx, quotes):
            continue
        if tok.pos_ in ("VERB", "AUX") and "Sub" in tok.morph.get("Mood"):
            return True
        if (
            tok.lower_ in KONJUNKTIV_FORMS
            and not tok.is_sent_start
            and tok.pos_ in ("VERB", "AUX", "")
        ):
            return True
    return False


def extract_statements(
    doc, actors: list[LocalActor], mentions: list[Mention], masked_spans
) -> list[Statement]:
    text = doc.text
    index = _SpeakerIndex(actors, mentions)
    quotes = [q for q in quote_spans(text) if not _in_spans(q[0], masked_spans)]
    statements: list[Statement] = []
    last: _Speech | None = None
    used_quotes: set[tuple[int, int]] = set()

    toks = list(doc)
    for span in doc.sents:
        sent = _Sent(span, toks, text)
        if _in_spans(sent.start_char, masked_spans) or not sent.text.strip():
            continue
        sent_quotes = [q for q in quotes if q[0] < sent.end_char and q[1] > sent.start_char]
        lowers = {t.lower_ for t in sent}
        cue_tok = next(
            (t for t in sent if not _in_spans(t.idx, quotes) and _is_cue(t, lowers)),
            None,
        )
        # 1. direct quotes in this sentence, attributed by a cue outside the quote
        direct_made = False
        for q in sent_quotes:
            if q in used_quotes:
                continue
            inner = text[q[0] : q[1]]
            if len(inner.split()) < 4:
                continue
            used_quotes.add(q)
            speaker, cue = None, None
            if cue_tok is not None:
                speaker, _ = _speaker_near(sent, cue_tok, index, prefer_after=cue_tok.idx > q[1])
                cue = _cue_text(cue_tok, sent)
            elif (
                text[max(0, q[0] - 3) : q[0]].strip().endswith(":")
                and last is not None
                or last is not None
            ):
                speaker, cue = last.speaker, last.cue
            statements.append(Statement("direct", inner.strip(), q[0], q[1], cue, speaker))
            last = _Speech(speaker, cue or "")
            direct_made = True
        if direct_made:
            continue
        # 2. attribution markers
        marked = _marker_statement(sent, index, quotes)
        if marked is not None:
            statements.append(marked)
            last = _Speech(marked.speaker, marked.cue or "")
            continue
        # 3. speech verbs
        if cue_tok is not None and cue_tok.lower_ not in _NON_SPEECH_AUX:
            prev = toks[cue_tok.i - 1] if cue_tok.i > sent.start else None
            cue_after_content = prev is not None and prev.text in (",", "“", '"', "»", "«")
            speaker, found = _speaker_near(sent, cue_tok, index, prefer_after=cue_after_content)
            if found:
                if cue_after_content:
                    content = _trim(text[sent.start_char : prev.idx])
                    c_start = sent.start_char
                else:
                    # content after the first comma/colon following the verb, else the rest
                    rest = [t for t in sent if t.i > cue_tok.i]
                    sep = next((t for t in rest if t.text in (",", ":")), None)
                    if sep is not None and sep.i - cue_tok.i <= 12:
                        c_start = sep.idx + 1
                        content = _trim(text[c_start : sent.end_char])
                    else:
                        content = _content_without(sent, cue_tok, index)
                        c_start = sent.start_char
                if len(content.split()) >= 2:
                    start = text.find(content, c_start)
                    if start < 0:
                        start = sent.start_char
                    statements.append(
                        Statement(
                            "indirect",
                            content,
                            start,
                            start + len(content),
                            _cue_text(cue_tok, sent),
                            speaker,
                        )
                    )
                    last = _Speech(speaker, _cue_text(cue_tok, sent))
                    continue
        # 4. Konjunktiv continuation of the last speaker's reported speech
        if last is not None and _is_konjunktiv(sent, quotes):
            content = _trim(sent.text)
            start = text.find(content, sent.start_char)
            statements.append(
                Statement("indirect", content, start, start + len(content), last.cue, last.speaker)
            )
            continue
        if cue_tok is None:
            last = None
    return statements


def _content_without(sent, cue_tok, index: _SpeakerIndex) -> str:
    """The sentence minus its speaker mention and speech verb (verb-object statements)."""
    text = sent.doc_text
    skip = set()
    for m in index.in_range(sent.start_char, cue_tok.idx):
        skip.add((m.start, m.end))
    pieces = []
    for t in sent:
        if t.i == cue_tok.i or t.lower_ in _NON_SPEECH_AUX:
            continue
        if any(s <= t.idx < e for s, e in skip) and t.idx < cue_tok.idx:
            continue
        pieces.append(t)
    if not pieces:
        return ""
    # keep the longest contiguous run after dropping speaker and verb
    runs, cur = [], [pieces[0]]
    for a, b in zip(pieces, pieces[1:], strict=False):
        if b.i == a.i + 1:
            cur.append(b)
        else:
            runs.append(cur)
            cur = [b]
    runs.append(cur)
    best = max(runs, key=len)
    return _trim(text[best[0].idx : best[-1].idx + len(best[-1].text)])

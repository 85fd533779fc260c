"""What the attribution rules share about one article: the Doc, its sentences, quotes,
actors and mentions, and where each token stands."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from newsfacts.transforms.nlp.doctext import doc_text
from newsfacts.transforms.types import LocalActor, Mention

_QUOTE_RE = re.compile(
    r'„([^“”"„]{2,}?)[“”"]|"([^"\n]{2,}?)"|»([^«»]{2,}?)«|«([^«»]{2,}?)»|“([^”\n]{2,}?)”'
)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the inside of each quotation in `text`."""
    spans = []
    for m in _QUOTE_RE.finditer(text):
        g = next(i for i in range(1, 6) if m.group(i) is not None)
        spans.append((m.start(g), m.end(g)))
    return spans


@dataclass
class Sentence:
    start: int  # token bounds
    end: int
    start_char: int
    end_char: int


@dataclass
class Context:
    doc: object
    actors: list[LocalActor]
    mentions: list[Mention]
    masked: list[tuple[int, int]]
    text: str = ""
    toks: list = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)
    _mention_starts: list[int] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list)
    genders: dict[int, str | None] = field(default_factory=dict)  # actor -> f | m | None, once

    @classmethod
    def build(cls, doc, actors, mentions, masked, sentences=None, toks=None) -> Context:
        ctx = cls(doc, actors, mentions, masked)
        ctx.text = doc_text(doc)
        ctx.toks = toks if toks is not None else list(doc)
        spans = sentences if sentences is not None else doc.sents
        ctx.sentences = [Sentence(s.start, s.end, s.start_char, s.end_char) for s in spans]
        ctx._sentence_starts = [s.start for s in ctx.sentences]
        ctx.quotes = [q for q in quote_spans(ctx.text) if not ctx.is_masked(q[0])]
        ctx.index_mentions()
        return ctx

    def index_mentions(self) -> None:
        self.mentions.sort(key=lambda m: m.start)
        self._mention_starts = [m.start for m in self.mentions]

    def is_masked(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.masked)

    def in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quotes)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside the characters [start, end)."""
        i = bisect.bisect_left(self._mention_starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def mentions_overlapping(self, start: int, end: int) -> list[Mention]:
        """Mentions sharing a character with [start, end): 'Rutte' finds 'Mark Rutte'."""
        inside = self.mentions_in(start, end)
        i = bisect.bisect_left(self._mention_starts, start) - 1
        before = []
        while i >= 0 and start - self.mentions[i].start < 120:
            if self.mentions[i].end > start:
                before.append(self.mentions[i])
            i -= 1
        return (
            before[::-1]
            + inside
            + [m for m in self.mentions_in(start, end + 120) if m.start < end < m.end]
        )

    def mentions_before(self, pos: int) -> list[Mention]:
        """Mentions that start before character `pos`, nearest last."""
        return self.mentions[: bisect.bisect_left(self._mention_starts, pos)]

    def token_chars(self, start: int, end: int) -> tuple[int, int]:
        """Character bounds of tokens [start, end)."""
        last = self.toks[end - 1]
        return self.toks[start].idx, last.idx + len(last.text)

    def token_at(self, char: int) -> int:
        """Index of the token that starts at or before character `char`."""
        return max(bisect.bisect_right(self.toks, char, key=lambda t: t.idx) - 1, 0)

    def sentence_of(self, token_i: int) -> Sentence:
        i = bisect.bisect_right(self._sentence_starts, token_i) - 1
        return self.sentences[max(i, 0)]

"""Find page furniture in scraped article bodies: teasers, bullets, credits, clip captions.

Furniture stays in `articles.body` (analysts see the page as it came) but extraction
skips it: `mask_furniture` blanks it out with spaces, so offsets do not move.
"""

from __future__ import annotations

import re

from newsfacts.transforms.nlp.lexicon import FURNITURE_END_MARKERS, FURNITURE_TEASER_MARKERS
from newsfacts.transforms.nlp.ruledata import compiled_patterns, rule_file

_CLIP_PREFIX_RE = re.compile(r"^\s*\d{1,2}\.\d{1,2}\.\d{4}\s*\|\s*\d{1,2}:\d{2}(?::\d{2})?\s*min")
_BULLET_RE = re.compile(r"^\s*[•·▪●◦]\s*\S")
_COUNTER_RE = re.compile(r"^\s*\d+\s+(?:Kommentare?|views|Aufrufe|Shares?)\s*$", re.IGNORECASE)


def furniture_spans(body: str) -> list[tuple[int, int]]:
    """Character ranges of `body` that are not article text."""
    spans: list[tuple[int, int]] = []
    pos = 0
    lines = body.split("\n")
    skip_next_text_line = False
    for line in lines:
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        low = stripped.lstrip("•·▪●◦ ").lower()
        if not stripped:
            continue
        if len(stripped) < 60 and any(low.startswith(m) for m in FURNITURE_END_MARKERS):
            spans.append((start, len(body)))
            break
        if skip_next_text_line:
            spans.append((start, end))
            skip_next_text_line = False
            continue
        if len(stripped) < 40 and any(low.startswith(m) for m in FURNITURE_TEASER_MARKERS):
            spans.append((start, end))
            skip_next_text_line = True
            continue
        if (_BULLET_RE.match(line) and len(stripped) < 50) or _COUNTER_RE.match(line):
            spans.append((start, end))
            continue
        if is_credit_line(stripped):
            spans.append((start, end))
            continue
        m = _CLIP_PREFIX_RE.match(line) or compiled_patterns("furniture", "credit_tails").search(
            line
        )
        if m:
            spans.append((start + m.start(), start + m.end()))
    return spans


def is_credit_line(stripped: str) -> bool:
    """'Foto: dpa/Max Muster', '© dpa/Max Muster', 'Von Anna Berg, SWR': a short line
    that credits a picture or names the author (rules/furniture.toml [credit_lines])."""
    limits = rule_file("furniture")["credit_lines"]
    if len(stripped) > limits["max_chars"] or len(stripped.split()) > limits["max_words"]:
        return False
    return compiled_patterns("furniture", "credit_lines").fullmatch(stripped) is not None


def mask_furniture(body: str) -> str:
    """`body` with furniture replaced by spaces (same length, same offsets)."""
    spans = furniture_spans(body)
    if not spans:
        return body
    chars = list(body)
    for s, e in spans:
        for i in range(s, e):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)

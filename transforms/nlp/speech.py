"""Speech events from the pipeline's speech component and the parse.

The trained `speech` span categorizer marks cues (speech and cognition verbs and nouns),
cue particles, sources and addressees in `doc.spans["speech"]`; this module ties each
source and addressee to its cue, takes the cue's subject as its source where the
component marked none, and finds the cue's message in the dependency parse.
Built-in spaCy output only, so a Doc from any pipeline with those annotations works, and
every rule takes hand-built Docs in its tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SPANS_KEY = "speech"
MESSAGE_KEY = "speech_message"
# dependents of a verb cue that carry what was said: "sagte, dass ...", "forderte, X zu tun"
CLAUSAL = {"ccomp", "xcomp", "csubj", "parataxis", "obj"}
# a cue that is itself such a dependent says something about its head clause:
# "Das ist falsch, sagte er" (parataxis), "wie er sagte" (advcl)
REPORTING_ATTACHMENTS = {"parataxis", "advcl"}


@dataclass
class SpeechEvent:
    """One speech event: token indices of its cue and roles, each sorted."""

    cue: list[int]
    source: list[int] = field(default_factory=list)
    message: list[int] = field(default_factory=list)
    addressee: list[int] = field(default_factory=list)
    particle: list[int] = field(default_factory=list)
    known: bool = False  # its cue is also in a cue lexicon (set by who uses one)

    @property
    def cue_head(self) -> int:
        return self.cue[0]


def _sentence_of(doc, i: int) -> tuple[int, int]:
    sent = doc[i].sent
    return sent.start, sent.end


def _path_length(doc, start: int, goal: int, limit: int = 8) -> int | None:
    """Steps from token `start` up its heads to `goal`, or None if goal is no ancestor."""
    tok, steps = doc[start], 0
    while steps <= limit:
        if tok.i == goal:
            return steps
        if tok.head.i == tok.i:
            return None
        tok, steps = tok.head, steps + 1
    return None


def span_root(doc, start: int, end: int) -> int:
    """The token of [start, end) whose head lies outside the span (the first if several)."""
    for i in range(start, end):
        if not start <= doc[i].head.i < end or doc[i].head.i == i:
            return i
    return start


def closest_cue(doc, start: int, end: int, cues: list[SpeechEvent]) -> SpeechEvent | None:
    """The cue of the span's sentence that governs it most directly in the parse, else the
    nearest by words; None when its sentence has no cue."""
    bounds = _sentence_of(doc, start)
    candidates = [c for c in cues if bounds[0] <= c.cue_head < bounds[1]]
    if not candidates:
        return None
    root = span_root(doc, start, end)
    governed = [
        (steps, c) for c in candidates if (steps := _path_length(doc, root, c.cue_head)) is not None
    ]
    if governed:
        return min(governed, key=lambda pair: pair[0])[1]
    return min(candidates, key=lambda c: min(abs(c.cue_head - start), abs(c.cue_head - (end - 1))))


def _subtree(doc, i: int) -> set[int]:
    return {t.i for t in doc[i].subtree}


def message_from_parse(doc, event: SpeechEvent) -> list[int]:
    """What the cue governs as its content, or, for a cue attached to a clause as a
    report ('..., sagte er'), that clause without the cue's own words."""
    cue = doc[event.cue_head]
    taken = set(event.cue) | set(event.source) | set(event.addressee) | set(event.particle)
    content: set[int] = set()
    for child in cue.children:
        if child.dep_ in CLAUSAL and child.i not in taken:
            content |= _subtree(doc, child.i)
    if not content and cue.dep_ in REPORTING_ATTACHMENTS and cue.head.i != cue.i:
        content = _subtree(doc, cue.head.i) - _subtree(doc, cue.i)
    return sorted(i for i in content - taken if not doc[i].is_punct)


SUBJECTS = {"nsubj"}  # a passive subject ("das wurde kritisiert") is what was said


def _phrase(doc, head: int) -> list[int]:
    """The phrase a head governs, cut at the first comma after the head (appositions and
    relative clauses stay out) and without punctuation."""
    tokens = sorted(_subtree(doc, head))
    cut = next((i for i in tokens if i > head and doc[i].text == ","), None)
    return [i for i in tokens if (cut is None or i < cut) and not doc[i].is_punct]


def _subject_of(doc, verb) -> list[int]:
    """The verb's subject; a noun or pronoun before a lone article the parse also calls
    a subject ('Den ... Flüchtlingen sicherte Präsident Gusmão zu')."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    subjects.sort(key=lambda c: c.pos_ == "DET")
    return _phrase(doc, subjects[0].i) if subjects else []


def _passive_agent(doc, verb) -> list[int]:
    """'von der Wissenschaft kritisiert': the von-phrase of a passive verb."""
    if not any(c.dep_ == "aux:pass" for c in verb.children):
        return []
    for child in verb.children:
        if child.dep_ in ("obl:agent", "obl") and any(
            g.dep_ == "case" and g.lower_ == "von" for g in child.children
        ):
            return _phrase(doc, child.i)
    return []


def _owner(doc, noun) -> list[int]:
    """'ihr Antrag', 'der Antrag der FDP': a possessive or genitive attached to the noun."""
    for child in noun.children:
        if child.dep_ in ("nmod:poss", "det:poss") or (
            child.dep_ == "nmod" and "Gen" in child.morph.get("Case")
        ):
            return _phrase(doc, child.i)
    return []


def source_from_parse(doc, event: SpeechEvent) -> list[int]:
    """Who speaks, seen from the cue: the subject of a verb (or of the verb it is
    coordinated with: 'wir wollen ... und meinen'), the agent of a passive, the owner of
    a noun cue."""
    cue = doc[event.cue_head]
    if cue.pos_ in ("NOUN", "PROPN"):
        return _subject_of(doc, cue) or _owner(doc, cue)
    found = _subject_of(doc, cue) or _passive_agent(doc, cue)
    if not found and cue.dep_ == "conj" and cue.head.i != cue.i:
        found = _subject_of(doc, cue.head)
    return [i for i in found if i not in event.cue]


def merged_spans(spans) -> list[tuple[int, int, str]]:
    """(start, end, label) with touching or overlapping spans of one label joined: the
    component labels single tokens, so "der Sprecher der Polizei" arrives as four SOURCE
    tokens and leaves as one source."""
    out: list[list] = []
    for s in sorted(spans, key=lambda s: (s.label_, s.start)):
        if out and out[-1][2] == s.label_ and s.start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], s.end)
        else:
            out.append([s.start, s.end, s.label_])
    return sorted((tuple(x) for x in out), key=lambda x: x[0])


def speech_events(doc, spans_key: str = SPANS_KEY) -> list[SpeechEvent]:
    """Speech events of `doc`: one per CUE span, with its particles, sources, addressees
    and message (doc.spans[MESSAGE_KEY] when a component made it, else the parse)."""
    spans = merged_spans(doc.spans.get(spans_key, []))
    events = [SpeechEvent(cue=list(range(s, e))) for s, e, label in spans if label == "CUE"]
    if not events:
        return []
    roles = {"PTC": "particle", "SOURCE": "source", "ADDR": "addressee"}
    for start, end, label in spans:
        attr = roles.get(label)
        event = closest_cue(doc, start, end, events) if attr else None
        if event is not None:
            getattr(event, attr).extend(range(start, end))
    messages = doc.spans.get(MESSAGE_KEY)
    for event in events:
        for attr in roles.values():
            setattr(event, attr, sorted(set(getattr(event, attr))))
        if not event.source:
            event.source = source_from_parse(doc, event)
        if messages is None:
            event.message = message_from_parse(doc, event)
    if messages is not None:
        for s in messages:
            event = closest_cue(doc, s.start, s.end, events)
            if event is not None:
                event.message = sorted(set(event.message) | set(range(s.start, s.end)))
    return events

"""Which phrase speaks for a cue. The parse and the speech component propose a source;
German word order gives two more that hold even where the parse is wrong: the subject
right after the verb ('..., sagte Rutte', '„...“, forderte der Minister') and the phrase
that opens the sentence before it ('Rutte sagte, ...'). The first candidate that names
an actor wins, in the order word order suggests (`candidates`)."""

from __future__ import annotations

from newsfacts.transforms.nlp.attribution.context import Context, Sentence
from newsfacts.transforms.nlp.attribution.speakers import PRONOUNS_PERSON, resolve_speaker
from newsfacts.transforms.nlp.speech import SpeechEvent, span_root

_NP_STOP = {"am", "an", "in", "im", "bei", "beim", "auf", "vor", "nach", "gegenüber", "laut"}
_NP_WORDS_MAX = 8


def noun_phrase_from(ctx: Context, first: int, sent: Sentence) -> list[int]:
    """Tokens of the noun phrase starting at `first`: up to punctuation, a preposition
    or a verb, at most _NP_WORDS_MAX tokens."""
    out = []
    for t in ctx.toks[first : min(sent.end, first + _NP_WORDS_MAX)]:
        if t.is_punct and t.text != "-" or t.lower_ in _NP_STOP or t.pos_ in ("VERB", "AUX"):
            break
        out.append(t.i)
    return out


def after_the_cue(ctx: Context, event: SpeechEvent, sent: Sentence) -> list[int]:
    """'sagte Rutte', 'sagte er', 'warnte der Minister': the subject after the verb
    (the finite verb: a particle 'zu' or 'an' ends the clause)."""
    nxt = event.cue_head + 1
    while nxt < sent.end and ctx.toks[nxt].pos_ == "ADV" and ctx.toks[nxt].is_lower:
        nxt += 1  # 'meldete unterdessen die WHO', 'sagte zudem der Minister'
    if nxt >= sent.end:
        return []
    tok = ctx.toks[nxt]
    if tok.lower_ in PRONOUNS_PERSON or tok.lower_ == "es":
        return [nxt] if tok.lower_ != "es" else []
    if tok.text[:1].isupper() or tok.lower_ in ("der", "die", "das", "ein", "eine"):
        phrase = noun_phrase_from(ctx, nxt, sent)
        particle = min(event.particle, default=sent.end)  # "sagen die Analysten voraus"
        return [i for i in phrase if i < particle]
    return []


def parsed(ctx: Context, event: SpeechEvent, sent: Sentence) -> list[int]:
    """The source the parse and the speech component propose, less what stands inside a
    quotation (a quotation's own subject does not speak it)."""
    return [i for i in event.source if not ctx.in_quote(ctx.toks[i].idx)]


def before_the_cue(ctx: Context, event: SpeechEvent, sent: Sentence) -> list[int]:
    """'Rutte sagte, ...', 'Blinken hat ... angekündigt': the phrase before the finite
    verb in second position, when that verb is the cue or an auxiliary of it."""
    head = ctx.toks[event.cue_head]
    opening = []
    for t in ctx.toks[sent.start : head.i + 1]:
        if t.pos_ in ("VERB", "AUX") or t.i == head.i:
            finite = t
            break
        if t.is_punct and t.text not in ("-", "'") and not _listing_comma(ctx, t, head.i):
            return []
        opening.append(t)
    else:
        return []
    if finite.i != head.i and finite.head.i != head.i and finite.pos_ != "AUX":
        return []  # (an auxiliary in second position frames the cue: 'X hat ... angekündigt')
    if not opening or len(opening) > _NP_WORDS_MAX:
        return []
    return [t.i for t in opening]


def _listing_comma(ctx: Context, comma, stop: int) -> bool:
    """'Der Westen, die Ukraine und Südkorea haben ...': a comma in a list that an 'und'
    or 'sowie' closes before the verb."""
    return comma.text == "," and any(
        t.lower_ in ("und", "sowie") for t in ctx.toks[comma.i + 1 : stop]
    )


def es_heisst(ctx: Context, event: SpeechEvent, sent: Sentence) -> list[int]:
    """'hieß es in einer Erklärung der Nato': the owner of the document named after it."""
    nxt = event.cue_head + 1
    if nxt >= sent.end or ctx.toks[nxt].lower_ != "es":
        return []
    for t in ctx.toks[nxt + 1 : min(sent.end, nxt + 8)]:
        if t.is_punct:
            break
        if t.text[:1].isupper() and t.pos_ in ("NOUN", "PROPN", ""):
            owner = [c.i for c in t.children if c.dep_ in ("nmod", "nmod:poss") and c.i > t.i]
            return sorted(x.i for c in owner for x in ctx.toks[c].subtree) if owner else [t.i]
    return []


def _parsed_subject(ctx: Context, event: SpeechEvent) -> bool:
    """Whether the proposed source is a subject of the cue in the parse."""
    source = [i for i in event.source if not ctx.in_quote(ctx.toks[i].idx)]
    if not source:
        return False
    root = ctx.toks[span_root(ctx.doc, min(source), max(source) + 1)]
    return root.dep_ in ("nsubj", "nsubj:pass") and root.head.i == event.cue_head


def shared_subject(ctx: Context, event: SpeechEvent, sent: Sentence) -> list[int]:
    """'Die Hamas zeigte das Video und warf Israel vor, ...': a cue coordinated with an
    earlier verb and without a subject of its own speaks through that verb's subject."""
    cue = ctx.toks[event.cue_head]
    if cue.dep_ != "conj" or cue.head.i >= cue.i:
        return []
    if any(c.dep_ in ("nsubj", "nsubj:pass") for c in cue.children):
        return []
    for child in cue.head.children:
        if child.dep_ in ("nsubj", "nsubj:pass") and sent.start <= child.i < sent.end:
            return sorted(t.i for t in child.subtree if not t.is_punct)
    return []


def candidates(ctx: Context, event: SpeechEvent, sent: Sentence):
    """The order to try: the parse's subject of the cue first; otherwise a verb right
    after a comma or quote ('„...“, sagte X') or after a fronted adverbial ('Am Mittwoch
    sagte X') has its subject after it, and a verb after an opening noun phrase ('Die
    Nato verurteilt X') has it before."""
    head = event.cue_head
    if shared_subject(ctx, event, sent):
        return (shared_subject, parsed, after_the_cue)
    if _parsed_subject(ctx, event):
        return (parsed, es_heisst, after_the_cue, before_the_cue)
    after_punct = head > sent.start and ctx.toks[head - 1].is_punct
    if not after_punct and before_the_cue(ctx, event, sent):
        return (before_the_cue, parsed, after_the_cue)
    return (es_heisst, after_the_cue, parsed, before_the_cue)


def nearest_name(ctx: Context, event: SpeechEvent, sent: Sentence):
    """Last resort when no phrase resolves: the mention of a person, else of an
    organisation, nearest the cue outside what was said and outside quotations."""
    said = set(event.message)
    cue_pos = ctx.toks[event.cue_head].idx
    found = [
        m for m in ctx.mentions_in(sent.start_char, sent.end_char)
        if not ctx.in_quote(m.start) and ctx.token_at(m.start) not in said
    ]  # fmt: skip
    for kind in ("PER", "ORG"):
        of_kind = [m for m in found if ctx.actors[m.actor].type == kind]
        if of_kind:
            return min(of_kind, key=lambda m: abs(m.start - cue_pos))
    return None


def _nominal(ctx: Context, tokens: list[int]) -> bool:
    """A phrase that can name a speaker even when no actor answers to it ('ein Anwohner',
    'einer norwegischen Studie'), not an adverbial ('Am Mittwoch')."""
    head = ctx.toks[span_root(ctx.doc, min(tokens), max(tokens) + 1)]
    return ctx.toks[tokens[0]].pos_ != "ADP" and head.pos_ in ("NOUN", "PROPN", "PRON")


def attribute(
    ctx: Context, event: SpeechEvent, sent: Sentence, chain
) -> tuple[int | None, list[int]]:
    """The actor that speaks for `event` (or None) and the tokens of the phrase naming
    it: the phrase that resolved, else the nearest name, else the first nominal phrase
    that named no actor ('ein Anwohner'), else none."""
    pos = ctx.toks[event.cue_head].idx
    unresolved: list[int] = []
    for candidate in candidates(ctx, event, sent):
        tokens = candidate(ctx, event, sent)
        if tokens:
            actor = resolve_speaker(ctx, tokens, pos, chain)
            if actor is not None:
                return actor, tokens
            if not unresolved and _nominal(ctx, tokens):
                unresolved = tokens
    mention = nearest_name(ctx, event, sent)
    if mention is not None:
        first, last = ctx.token_at(mention.start), ctx.token_at(mention.end - 1)
        return mention.actor, list(range(first, last + 1))
    return None, unresolved


def speaker_of(ctx: Context, event: SpeechEvent, sent: Sentence, chain) -> int | None:
    """The actor that speaks for `event`, or None."""
    return attribute(ctx, event, sent, chain)[0]

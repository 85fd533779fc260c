"""Speech events of an article: the speech component's, kept where news mean speech, and
the cue verbs of rules/cues.toml that it missed, each with its source and message from
the parse (transforms.nlp.speech)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsfacts.transforms.nlp.attribution.context import Context
from newsfacts.transforms.nlp.ruledata import rule_file
from newsfacts.transforms.nlp.speech import (
    SpeechEvent,
    message_from_parse,
    source_from_parse,
    speech_events,
)


@dataclass(frozen=True)
class CueVerb:
    lemma: str
    particle: str | None = None
    reflexive: bool = False
    requires: tuple[str, ...] = ()
    clause: bool = False  # a cue only when it reports a clause ('führte aus, ...')


@lru_cache(maxsize=1)
def cue_verbs() -> dict[str, list[CueVerb]]:
    """Cue verbs by lemma (and by the joined form of particle verbs: 'vorschlagen')."""
    by_lemma: dict[str, list[CueVerb]] = {}
    for v in rule_file("cues")["verb"]:
        verb = CueVerb(
            v["lemma"],
            v.get("particle"),
            v.get("reflexive", False),
            tuple(v.get("requires", ())),
            v.get("clause", False),
        )
        by_lemma.setdefault(verb.lemma, []).append(verb)
        if verb.particle:
            by_lemma.setdefault(verb.particle + verb.lemma, []).append(verb)
    return by_lemma


@lru_cache(maxsize=1)
def allowed_cue_nouns() -> frozenset[str]:
    return frozenset(rule_file("cues")["cue_nouns"]["allowed"])


def _clause_words(ctx: Context, tok) -> list:
    """The tokens of the verb's clause: the verb's own subtree (its sentence at most)."""
    sent = ctx.sentence_of(tok.i)
    return [t for t in tok.subtree if sent.start <= t.i < sent.end]


def _particle(ctx: Context, tok, particle: str):
    """The separated particle of `tok` ('schlug ... vor'), if any."""
    for child in tok.children:
        if child.lower_ == particle and child.dep_ in _PARTICLE_RELATIONS:
            return child
    sent = ctx.sentence_of(tok.i)
    for t in ctx.toks[tok.i + 1 : sent.end]:
        # "gab bekannt", "stellte fest": particles a tagger may call adjectives
        if t.lower_ == particle and t.pos_ in ("ADP", "ADV", "PART", "ADJ", ""):
            return t
    return None


_PARTICLE_RELATIONS = ("compound:prt", "svp", "advmod", "mark", "dep", "xcomp")


def _reports_a_clause(ctx: Context, tok) -> bool:
    """The verb governs a clause ('führte aus, dass ...', 'führte aus, die Lage sei ...'),
    by the parse or by a comma right after its clause's particle or the verb."""
    if any(c.dep_ in ("ccomp", "parataxis") for c in tok.children):
        return True
    sent = ctx.sentence_of(tok.i)
    after = ctx.toks[tok.i + 1 : sent.end]
    comma = next((k for k, t in enumerate(after) if t.text in (",", ":")), None)
    return comma is not None and comma <= 3 and len(after) > comma + 2


def _verbal(tok) -> bool:
    """A verb, or a participle the tagger called an adjective that heads its clause
    ('Jugendliche haben ausgesagt, ...')."""
    if tok.pos_ in ("VERB", "AUX", ""):
        return True
    return tok.pos_ == "ADJ" and (
        tok.dep_ == "ROOT" or any(c.dep_ in ("aux", "aux:pass") for c in tok.children)
    )


def verb_cue(ctx: Context, tok) -> list[int] | None:
    """Token indices of a lexicon cue at `tok` (with its particle), or None."""
    if not _verbal(tok) or ctx.in_quote(tok.idx):
        return None
    lemma = (tok.lemma_ or tok.lower_).lower()
    for verb in cue_verbs().get(lemma, []):
        joined = verb.particle is not None and lemma == verb.particle + verb.lemma
        particle = None if joined or verb.particle is None else _particle(ctx, tok, verb.particle)
        if verb.particle and not joined and particle is None:
            continue
        words = {t.lower_ for t in _clause_words(ctx, tok)}
        if verb.reflexive and "sich" not in words:
            continue
        if verb.requires and not words & set(verb.requires):
            continue
        if verb.clause and not _reports_a_clause(ctx, particle or tok):
            continue
        return sorted({tok.i} | ({particle.i} if particle is not None else set()))
    return None


def _keep_component_event(ctx: Context, event: SpeechEvent) -> bool:
    """Parliament taught the component noun cues ('Antrag', 'Debatte') that news do not
    mean as speech; cues inside a quotation are what is quoted, not who speaks."""
    cue = ctx.toks[event.cue_head]
    if ctx.in_quote(cue.idx):
        return False
    if cue.pos_ in ("NOUN", "PROPN"):
        return (cue.lemma_ or cue.text).lower() in allowed_cue_nouns()
    # a verb the lexicon does not know speaks only when it governs a clause ("betonte,
    # dass ..."); otherwise it is an ordinary verb the component took for a cue
    return verb_cue(ctx, cue) is not None or any(
        c.dep_ in ("ccomp", "parataxis") for c in cue.children
    )


def article_events(ctx: Context) -> list[SpeechEvent]:
    """Every speech event of the article, sorted by cue position."""
    events = [e for e in speech_events(ctx.doc) if _keep_component_event(ctx, e)]
    for e in events:
        e.known = verb_cue(ctx, ctx.toks[e.cue_head]) is not None
    covered = {i for e in events for i in e.cue}
    for tok in ctx.toks:
        if tok.i in covered:
            continue
        cue = verb_cue(ctx, tok)
        if cue is None:
            continue
        event = SpeechEvent(cue=cue, known=True)
        event.source = source_from_parse(ctx.doc, event)
        event.message = message_from_parse(ctx.doc, event)
        events.append(event)
        covered.update(cue)
    return sorted(events, key=lambda e: e.cue_head)

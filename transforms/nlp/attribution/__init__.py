"""Statements (direct and reported speech) with their speakers, from the parse and the
speech component.

Each sentence goes through RULES in order; the first rule that finds statements there
decides for that sentence:

1. referred_back  'Das geht aus dem Bericht des X hervor': the sentence before is X's
2. quoted         a direct quotation, attributed by the cue next to it ('„...“, sagte
                  X'), a name before a colon ('X: „...“'), or the speaker it continues
   pointed_back   'Dies bestätigte X': the sentence before is what X confirmed
3. marked         'laut X', 'X zufolge', 'nach Angaben von X', '..., so X'
4. reported       a cue verb or noun: its source (subject, agent, owner) speaks, its
                  message (what it governs, or the clause it reports on) is the content
5. announced      the sentence after 'X warnte:'
6. continued      Konjunktiv I with no cue of its own carries the last speaker's speech on
7. free_indirect  Konjunktiv I with no speech going on: the subject of the sentence
                  before speaks ('Das Institut sieht keine Gefahr. Es gebe ...')

Speakers are resolved to actors by transforms.nlp.attribution.speakers, which may add
actors named by a description ('die Polizei').
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsfacts.transforms.nlp.attribution import contents
from newsfacts.transforms.nlp.attribution.context import Context, Sentence, quote_spans
from newsfacts.transforms.nlp.attribution.cues import article_events, verb_cue
from newsfacts.transforms.nlp.attribution.markers import find_marker, so_tail
from newsfacts.transforms.nlp.attribution.sources import attribute, noun_phrase_from
from newsfacts.transforms.nlp.attribution.speakers import pronoun, resolve_speaker
from newsfacts.transforms.nlp.speech import SpeechEvent, span_root
from newsfacts.transforms.types import Statement

__all__ = ["extract_statements", "quote_spans", "Context"]

MIN_QUOTE_WORDS = 3


@dataclass
class Chain:
    """The speech a following sentence may carry on."""

    speaker: int | None
    cue: str | None
    source: tuple[int, int] | None = None  # characters of the phrase naming the speaker


@dataclass
class State:
    events: list[SpeechEvent]
    chain: Chain | None = None
    announced: Chain | None = None  # a cue whose sentence ended with ':' ...
    announced_before: Chain | None = None  # ... as the next sentence sees it
    covered_until: int = -1  # character end of a quotation's attribution already taken
    used_cues: set[int] = field(default_factory=set)
    taken: list[tuple[int, int]] = field(default_factory=list)  # statement spans so far
    last_chain: Chain | None = None  # the speech of the last sentence that had any ...
    last_sentence: int = -10  # ... and that sentence's number
    sentence: int = 0  # the number of the sentence being read


def _cue_text(ctx: Context, event: SpeechEvent) -> str:
    return " ".join(ctx.toks[i].text for i in sorted(event.cue + event.particle))


def _events_in(ctx: Context, state: State, sent: Sentence) -> list[SpeechEvent]:
    return [
        e for e in state.events
        if sent.start <= e.cue_head < sent.end and e.cue_head not in state.used_cues
    ]  # fmt: skip


def content_form(ctx: Context, mode: str, start: int, end: int) -> str:
    """What a statement's content is: 'quotation' (direct speech), 'clause' (headed by a
    verb, or 'dass'/'ob': 'sagte, die Lage sei ernst', 'kündigte an, zurückzutreten'),
    or 'phrase' (a noun phrase the cue governs: 'forderte den Rücktritt', also with a
    relative clause in it)."""
    if mode == "direct":
        return "quotation"
    first, last = _token_range(ctx, start, end)
    opener = ctx.toks[first].lower_ in ("dass", "ob")
    # the span's heads: its tokens whose head lies outside it ('es, die Verhandlungen
    # würden fortgesetzt' has two); 'die Lage sei ernst': a copular clause is headed by
    # its predicate
    heads = [t for t in ctx.toks[first:last] if not first <= t.head.i < last or t.head.i == t.i]
    verbal = any(
        t.pos_ in ("VERB", "AUX") or any(c.dep_ in _VERBAL for c in t.children) for t in heads
    )
    return "clause" if opener or verbal else "phrase"


_VERBAL = ("cop", "aux", "aux:pass")


def _token_range(ctx: Context, start: int, end: int) -> tuple[int, int]:
    """The tokens [first, last) that the characters [start, end) cover."""
    return ctx.token_at(start), ctx.token_at(max(end - 1, start)) + 1


def _side_clause(ctx: Context, span) -> bool:
    if span is None:
        return False
    first, last = _token_range(ctx, *span)
    return contents.side_clause(ctx, first, span_root(ctx.doc, first, last))


def _statement(span, mode: str, chain: Chain, ctx: Context):
    if span is None:
        return None
    start, end = span
    form = content_form(ctx, mode, start, end)
    if form == "phrase" and chain.speaker is None and chain.source is None:
        return None  # "Weitere Aktionen sind angekündigt": an event, nobody's words
    src_start, src_end = chain.source or (None, None)
    src_text = None if src_start is None else ctx.text[src_start:src_end]
    return Statement(
        mode,
        ctx.text[start:end],
        start,
        end,
        chain.cue,
        chain.speaker,
        src_text,
        src_start,
        src_end,
        form,
    )


def _phrase_chars(ctx: Context, tokens: list[int]) -> tuple[int, int] | None:
    """Character bounds of the phrase naming a speaker, without punctuation around it."""
    tokens = [i for i in tokens if not ctx.toks[i].is_punct]
    return ctx.token_chars(min(tokens), max(tokens) + 1) if tokens else None


# --- 2. direct quotations ------------------------------------------------------------


def _clausal(ctx: Context, q: tuple[int, int], sent: Sentence) -> bool:
    """A quotation that is a statement of its own: it opens the sentence or follows ':',
    a comma or a full stop; quoted words inside running text belong to the sentence."""
    before = ctx.text[sent.start_char : q[0] - 1].rstrip()
    return not before or before.endswith((":", ",", ".", "!", "?")) or before[-1:] in '„"»«“'


def _quote_attribution(ctx: Context, state: State, q, sent: Sentence):
    """(event, sentence of the event) attributing quotation q: a cue outside it in the
    sentence where it ends (after it), else in its own sentence before it."""
    end_sent = next((s for s in ctx.sentences if s.start_char <= q[1] <= s.end_char), sent)
    after = [e for e in _events_in(ctx, state, end_sent) if ctx.toks[e.cue_head].idx >= q[1]]
    if after:
        return _preferred(after)[0], end_sent
    before = [e for e in _events_in(ctx, state, sent) if ctx.toks[e.cue_head].idx < q[0]]
    return (_preferred(before)[-1], sent) if before else (None, end_sent)


def _named_before_colon(ctx: Context, sent: Sentence, q):
    """'Selenskyj: „...“': (the actor named right before the colon, its characters)."""
    lead = ctx.text[sent.start_char : q[0] - 1].rstrip()
    if not lead.endswith(":"):
        return None
    end = sent.start_char + len(lead) - 1
    m = next((m for m in ctx.mentions if m.end == end), None)
    return (m.actor, (m.start, m.end)) if m is not None and m.surface[:1].isupper() else None


def quoted(ctx: Context, sent: Sentence, state: State) -> list[Statement] | None:
    quotes = [
        q for q in ctx.quotes
        if sent.start_char <= q[0] < sent.end_char
        and len(ctx.text[q[0] : q[1]].split()) >= MIN_QUOTE_WORDS and _clausal(ctx, q, sent)
    ]  # fmt: skip
    if not quotes:
        return None
    found = []
    for q in quotes:
        event, where = _quote_attribution(ctx, state, q, sent)
        named = _named_before_colon(ctx, sent, q)
        tail = so_tail(ctx, where) if event is None and named is None else None
        if named is not None:
            chain = Chain(named[0], ":", named[1])
        elif tail is not None and ctx.toks[tail.start].idx >= q[1]:
            # "„...“, so die BayernLB."
            speaker = resolve_speaker(ctx, tail.source, ctx.toks[tail.start].idx, state.chain)
            chain = Chain(speaker, tail.cue, _phrase_chars(ctx, tail.source))
        elif event is not None:
            state.used_cues.add(event.cue_head)
            speaker, phrase = attribute(ctx, event, where, state.chain)
            chain = Chain(speaker, _cue_text(ctx, event), _phrase_chars(ctx, phrase))
        else:
            chain = state.announced_before or state.chain or Chain(None, None)
        st = _statement(contents.trimmed(ctx, *q), "direct", chain, ctx)
        if st is not None:
            found.append(st)
            state.chain = chain
        state.covered_until = max(state.covered_until, where.end_char if event else q[1])
    return found


# --- 4. reported speech with a cue ---------------------------------------------------


def _preferred(events: list[SpeechEvent]) -> list[SpeechEvent]:
    """Cues the lexicon confirms before those only the speech component proposes."""
    known = [e for e in events if e.known]
    return known or events


def _outermost(ctx: Context, events: list[SpeechEvent]) -> SpeechEvent:
    """The event whose message holds the others' cues ('X sagte, Y habe gefordert'),
    else the first that governs a clause ('widersprach nicht und erklärte, es sei ...')."""
    for e in events:
        if all(o is e or o.cue_head in e.message for o in events):
            return e
    clausal = [
        e
        for e in events
        if any(c.dep_ in ("ccomp", "parataxis") for c in ctx.toks[e.cue_head].children)
    ]
    return (clausal or events)[0]


def _not_content(ctx: Context, sent: Sentence, event: SpeechEvent, phrase: list[int]) -> set[int]:
    """Tokens that say who speaks and how, never what: cue, particle, source (the parse's
    and the phrase that named the speaker), the cue's subject and auxiliaries, and the
    auxiliary in second place that frames the cue ('Blinken hat ... angekündigt')."""
    # a clause the parse made the cue's subject ('Abgefangen worden seien 125, teilte
    # die Luftwaffe mit') is what was said, whoever the phrase after the cue names
    source = set() if _is_clause(ctx, event.source) else set(event.source)
    skip = set(event.cue) | set(event.particle) | source | set(phrase)
    for child in ctx.toks[event.cue_head].children:
        subtree = [t.i for t in child.subtree]
        if child.dep_ in ("nsubj", "nsubj:pass", "obl:agent") and not _is_clause(ctx, subtree):
            skip |= set(subtree)
        elif child.dep_ in ("aux", "aux:pass"):
            skip.add(child.i)  # (not its subtree: a wrong parse hangs objects on 'hat')
    finite = next(
        (t for t in ctx.toks[sent.start : event.cue_head] if t.pos_ in ("VERB", "AUX")), None
    )
    if finite is not None and finite.pos_ == "AUX":
        skip.add(finite.i)
    return skip


def _is_clause(ctx: Context, tokens: list[int]) -> bool:
    """A finite verb (or one with a mood) or a 'dass'/'ob' among the tokens: a clause of
    its own."""
    return any(
        ctx.toks[i].lower_ in ("dass", "ob")
        or (
            ctx.toks[i].pos_ in ("VERB", "AUX")
            and ("Fin" in ctx.toks[i].morph.get("VerbForm") or ctx.toks[i].morph.get("Mood"))
        )
        for i in tokens
    )


def _clause_end(ctx: Context, sent: Sentence, event: SpeechEvent, first: int) -> int:
    """Where the reported clause starting at token `first` ends: before ', sprach aber
    ...', the speaker's next verb (a conjunct of the cue, or an indicative verb right
    after a comma), else at the end of the sentence."""
    for t in ctx.toks[first + 1 : sent.end]:
        if ctx.toks[t.i - 1].text != "," or ctx.in_quote(t.idx):
            continue
        of_cue = t.head.i == event.cue_head and t.dep_ in ("conj", "parataxis")
        indicative = t.pos_ == "VERB" and "Ind" in t.morph.get("Mood")
        if of_cue or indicative:
            return t.i - 1
    return sent.end


def _content_before_cue(ctx: Context, event: SpeechEvent) -> bool:
    """'Mehr als 50 Menschen seien verletzt worden, schreibt X': the cue governs a clause
    to its left (or the parse hangs the cue on that clause: 'X sei ..., meldete Y'), so
    what follows it is no reported clause."""
    cue = ctx.toks[event.cue_head]
    if cue.dep_ in ("parataxis", "ccomp") and cue.head.i < cue.i and _after_comma(ctx, cue):
        return True
    return any(c.dep_ in ("ccomp", "parataxis") and c.i < cue.i for c in cue.children)


def _after_comma(ctx: Context, cue) -> bool:
    return cue.i > 0 and ctx.toks[cue.i - 1].text == ","


def _clause_before_cue(ctx: Context, sent: Sentence, event: SpeechEvent):
    """'Das Krankenhaus sei nicht außer Betrieb, meldete die WHO': the characters from the
    sentence start to the comma before the cue, when the parse hangs the cue on that
    clause; else None."""
    cue = ctx.toks[event.cue_head]
    inverted = cue.dep_ in ("parataxis", "ccomp") and cue.head.i < cue.i
    if not (inverted and _after_comma(ctx, cue) and sent.start <= cue.head.i):
        return None
    return contents.trimmed(ctx, sent.start_char, ctx.toks[cue.i - 1].idx)


def _clause_after_semicolon(ctx: Context, sent: Sentence, after_char: int) -> Sentence | None:
    """'..., schreibt X; mehr als zwei Dutzend würden in Kliniken behandelt': the clause
    after a semicolon past `after_char`, as a sentence of its own, when it reports on."""
    for t in ctx.toks[sent.start : sent.end - 1]:
        if t.idx >= after_char and t.text == ";" and not ctx.in_quote(t.idx):
            nxt = ctx.toks[t.i + 1]
            part = Sentence(t.i + 1, sent.end, nxt.idx, sent.end_char)
            # in the same sentence as the cue, 'würden' too stands in for Konjunktiv I
            would = any(
                w.lower_ in ("würde", "würden") and not ctx.in_quote(w.idx)
                for w in ctx.toks[part.start : part.end]
            )
            return part if would or contents.reports_on(ctx, part) else None
    return None


def _reported_clause_after(ctx: Context, sent: Sentence, event: SpeechEvent):
    """'sagte am Mittwoch in Brüssel, Nordkorea werde ...': the clause after the first
    comma that follows the cue, when nothing before that comma is a verb and the clause
    is reported ('dass', 'ob' or a Konjunktiv verb); None otherwise."""
    if _content_before_cue(ctx, event):
        return None  # '..., schreibt der Verwaltungschef, Timur Tkatschenko': a name
    for t in ctx.toks[event.cue_head + 1 : sent.end]:
        if t.text == "," and not ctx.in_quote(t.idx):
            clause = ctx.toks[t.i + 1 : _clause_end(ctx, sent, event, t.i + 1)]
            reported = (
                clause
                and clause[0].lower_ in ("dass", "ob")
                or any(contents.konjunktiv_one(c) or "Sub" in c.morph.get("Mood") for c in clause)
            )
            if not reported:
                return None
            last = clause[-1]
            return contents.trimmed(ctx, t.idx + 1, last.idx + len(last.text))
        if t.pos_ in ("VERB", "AUX") or t.is_punct and t.text not in ("-", '"', "„", "“"):
            return None
    return None


def _content(ctx: Context, sent: Sentence, event: SpeechEvent, phrase: list[int], beside_verb=True):
    """The clause reported after the cue and a comma; else the message the parse gives
    when it is a clause ('sagte, die Lage sei ernst'); else the rest of the sentence
    around cue and source ('verurteilt die Entsendung ... als „gefährliche
    Ausweitung“'), which a partial noun-phrase message would cut short."""
    after = _reported_clause_after(ctx, sent, event)
    if after is not None and not _side_clause(ctx, after):
        return after
    before = _clause_before_cue(ctx, sent, event)
    if before is not None:
        return before
    skip = _not_content(ctx, sent, event, phrase)
    inside = [i for i in event.message if sent.start <= i < sent.end and i not in skip]
    message = contents.token_span(ctx, inside)
    if _side_clause(ctx, message):
        message = None  # "nannte die Verabschiedung des Gesetzes, das ...": the noun's
    if not beside_verb and ctx.toks[event.cue_head].pos_ in ("NOUN", "PROPN"):
        # "stößt auf immer größere Kritik": a noun cue with no speech verb beside it
        # reports only a clause of its own ("die Forderung, die Steuern zu senken"); the
        # sentence around it is not what was said ("In der Erklärung hieß es, ..." is)
        clause = message is not None and content_form(ctx, "indirect", *message) == "clause"
        return message if clause else None
    rest = contents.rest_of_sentence(ctx, sent, skip)
    if message is None or (
        rest is not None
        and not _is_clause(ctx, inside)
        and (message[1] - message[0]) * 2 < rest[1] - rest[0]
    ):
        return rest or message
    return message


def _passive_without_agent(ctx: Context, event: SpeechEvent) -> bool:
    """'Die Details wurden am Mittwoch bekanntgegeben': a passive cue with no 'von X'
    agent names nobody who said it (whatever name stands nearby)."""
    cue = ctx.toks[event.cue_head]
    children = list(cue.children)
    passive = any(c.dep_ in ("aux:pass", "nsubj:pass") for c in children)
    return passive and not any(c.dep_ == "obl:agent" for c in children)


def _is_quotation(ctx: Context, span) -> bool:
    """'der „auf eine schnelle Umsetzung“ hofft': content that is one quotation, word for
    word, is direct speech."""
    if span is None:
        return False
    return any(abs(q[0] - span[0]) <= 1 and abs(q[1] - span[1]) <= 1 for q in ctx.quotes)


def _carries_on(ctx: Context, sent: Sentence, state: State) -> bool:
    """Reported speech goes on: Konjunktiv I (or a stand-in), or a modal of hearsay."""
    if state.chain is None or not state.chain.cue:
        return False
    return contents.reports_on(ctx, sent) or contents.hearsay_modal(ctx, sent)


def reported(ctx: Context, sent: Sentence, state: State) -> list[Statement] | None:
    events = [e for e in _events_in(ctx, state, sent) if not ctx.in_quote(ctx.toks[e.cue_head].idx)]
    if not events:
        return None
    event = _outermost(ctx, _preferred(events))
    speaker, phrase = attribute(ctx, event, sent, state.chain)
    if speaker is None and not event.known and _carries_on(ctx, sent, state):
        return None  # "Man wolle nun sicherstellen, ...": the last speaker goes on
    state.used_cues.update(e.cue_head for e in events)
    chain = Chain(speaker, _cue_text(ctx, event), _phrase_chars(ctx, phrase))
    beside_verb = any(ctx.toks[i].pos_ in ("VERB", "AUX") for e in events for i in e.cue)
    span = _content(ctx, sent, event, phrase, beside_verb)
    if _side_clause(ctx, span):
        return None  # "als vermisst gemeldet, nachdem er nicht mehr zu sehen war"
    if span is None:
        return None
    if _passive_without_agent(ctx, event) and content_form(ctx, "indirect", *span) == "phrase":
        return None  # "Die Zahl wird auf 50 Millionen geschätzt": an estimate, no speaker
    st = _statement(span, "direct" if _is_quotation(ctx, span) else "indirect", chain, ctx)
    if st is None:
        return None
    state.chain = chain
    if ctx.text[sent.start_char : sent.end_char].rstrip().endswith(":"):
        state.announced = state.chain
    tail = _clause_after_semicolon(ctx, sent, max(st.end, ctx.toks[event.cue_head].idx))
    more = tail and _statement(
        contents.trimmed(ctx, tail.start_char, tail.end_char), "indirect", chain, ctx
    )
    return [st, more] if more else [st]


# --- 3. attribution markers ----------------------------------------------------------


def marked(ctx: Context, sent: Sentence, state: State) -> list[Statement] | None:
    marker = find_marker(ctx, sent)
    if marker is None:
        return None
    pos = ctx.toks[marker.start].idx
    if marker.source:
        speaker = resolve_speaker(ctx, marker.source, pos, state.chain)
        source = _phrase_chars(ctx, marker.source)
    elif state.chain is not None:  # "den Angaben zufolge": the source just quoted
        speaker, source = state.chain.speaker, state.chain.source
    else:  # "Berichten zufolge": nobody named, the phrase is all there is
        speaker, source = None, _phrase_chars(ctx, _marker_phrase(ctx, marker))
    chain = Chain(speaker, marker.cue, source)
    span = contents.sentence_without(ctx, sent, marker.start, marker.end)
    st = _statement(span, "indirect", chain, ctx)
    if st is None:
        return None
    state.chain = chain
    return [st]


def _marker_phrase(ctx: Context, marker) -> list[int]:
    """'ersten Angaben' of 'ersten Angaben zufolge': the marker phrase less its
    preposition or postposition."""
    return [
        i for i in range(marker.start, marker.end)
        if ctx.toks[i].pos_ != "ADP" and ctx.toks[i].lower_ not in ("laut", "zufolge", "nach")
    ]  # fmt: skip


# --- 5. and 6. what follows a colon, Konjunktiv continuations -----------------------


def announced(ctx: Context, sent: Sentence, state: State) -> list[Statement] | None:
    chain = state.announced_before
    if chain is None:
        return None
    st = _statement(contents.trimmed(ctx, sent.start_char, sent.end_char), "indirect", chain, ctx)
    return [st] if st is not None else None


def continued(ctx: Context, sent: Sentence, state: State) -> list[Statement] | None:
    if not _carries_on(ctx, sent, state):
        return None
    span = contents.trimmed(ctx, sent.start_char, sent.end_char)
    st = _statement(span, "indirect", state.chain, ctx)
    return [st] if st is not None else None


HEARSAY_GAP = 2  # sentences from the last speech to a 'soll' that still reports it


def hearsay(ctx: Context, sent: Sentence, state: State) -> list[Statement] | None:
    """'Die Staatsanwaltschaft erklärte die Hintergründe. Bei dem Mann handelt es sich
    um ... Das Motiv soll Eifersucht sein.': a modal of hearsay shortly after speech, with
    a sentence or so of narrative between, is still what that speaker said."""
    last = state.last_chain
    if state.chain is not None or last is None or last.speaker is None or not last.cue:
        return None
    if state.sentence - state.last_sentence > HEARSAY_GAP or not contents.hearsay_modal(ctx, sent):
        return None
    st = _statement(contents.trimmed(ctx, sent.start_char, sent.end_char), "indirect", last, ctx)
    if st is None:
        return None
    state.chain = last
    return [st]


def free_indirect(ctx: Context, sent: Sentence, state: State) -> list[Statement] | None:
    """'Das Robert-Koch-Institut sieht keine Gefahr. Lediglich Personen mit Geflügel
    seien zu schützen.': Konjunktiv I with no speech going on reports what the subject
    of the sentence before (a person or organisation) said; its main verb is the cue."""
    if state.chain is not None or sent is ctx.sentences[0]:
        return None
    if not contents.in_konjunktiv_one(ctx, sent):
        return None
    before = ctx.sentences[ctx.sentences.index(sent) - 1]
    subject = _subject_of(ctx, before)
    if subject is None:
        return None
    tokens = [t.i for t in subject.subtree if not t.is_punct]
    speaker = resolve_speaker(ctx, tokens, subject.idx, None)
    if speaker is None or ctx.actors[speaker].type not in ("PER", "ORG"):
        return None
    chain = Chain(speaker, subject.head.text, _phrase_chars(ctx, tokens))
    st = _statement(contents.trimmed(ctx, sent.start_char, sent.end_char), "indirect", chain, ctx)
    if st is None:
        return None
    state.chain = chain
    return [st]


def _subject_of(ctx: Context, sent: Sentence):
    """The subject of the sentence's main verb, outside quotations, or None."""
    for t in ctx.toks[sent.start : sent.end]:
        if t.dep_ in ("nsubj", "nsubj:pass") and t.head.dep_ == "ROOT" and not ctx.in_quote(t.idx):
            return t
    return None


# --- 1. a source named after what it said --------------------------------------------

_HERVOR = {"hervor", "hervorgeht", "hervorging", "hervorgehen", "hervorgegangen"}


def referred_back(ctx: Context, sent: Sentence, state: State) -> list[Statement] | None:
    """'Das geht aus einem Bericht des Bundesamts hervor': the sentence before is what the
    report says; '..., wie aus dem Bericht hervorgeht': the clause before the comma."""
    toks = ctx.toks[sent.start : sent.end]
    if not any(t.lower_ in _HERVOR for t in toks):
        return None
    aus = next((t for t in toks if t.lower_ == "aus"), None)
    if aus is None:
        return None
    source = []
    for t in ctx.toks[aus.i + 1 : sent.end]:
        if t.is_punct or t.lower_ in _HERVOR:
            break
        source.append(t.i)
    speaker = resolve_speaker(ctx, source, aus.idx, state.chain) if source else None
    if toks[0].lower_ in ("das", "dies") and sent is not ctx.sentences[0]:
        before = ctx.sentences[ctx.sentences.index(sent) - 1]
        if any(s < before.end_char and before.start_char < e for s, e in state.taken):
            return None
        span = contents.trimmed(ctx, before.start_char, before.end_char)
    elif aus.i >= sent.start + 2 and ctx.toks[aus.i - 1].lower_ == "wie":
        span = contents.trimmed(ctx, sent.start_char, ctx.toks[aus.i - 1].idx)
    else:
        return None
    chain = Chain(speaker, "geht hervor", _phrase_chars(ctx, source))
    st = _statement(span, "indirect", chain, ctx)
    return [st] if st is not None else None


_POINTERS = {"dies", "das"}


def pointed_back(ctx: Context, sent: Sentence, state: State) -> list[Statement] | None:
    """'Dies bestätigte Westerwelle am Sonntag.', 'Das hat die Polizei mitgeteilt.': a cue
    whose object opens the sentence and points back; the sentence before is what it
    reports (unless a statement already holds it)."""
    toks = [t for t in ctx.toks[sent.start : sent.end] if not t.is_punct]
    if len(toks) < 3 or toks[0].lower_ not in _POINTERS or toks[0].pos_ not in ("PRON", "DET"):
        return None
    events = [e for e in _events_in(ctx, state, sent) if e.cue_head not in (toks[0].i,)]
    if not events or not (toks[1].i == events[0].cue_head or toks[1].pos_ == "AUX"):
        return None
    if sent is ctx.sentences[0]:
        return None
    before = ctx.sentences[ctx.sentences.index(sent) - 1]
    if any(s < before.end_char and before.start_char < e for s, e in state.taken):
        return None
    event = events[0]
    speaker, phrase = attribute(ctx, event, sent, state.chain)
    if toks[0].i in phrase or speaker is None:
        # the subject follows the verb: 'Das hat [die Polizei] mitgeteilt'
        subject = noun_phrase_from(ctx, toks[2].i, sent)
        actor = resolve_speaker(ctx, subject, ctx.toks[event.cue_head].idx, state.chain)
        if subject and (actor is not None or toks[0].i in phrase):
            speaker, phrase = actor, subject
    state.used_cues.update(e.cue_head for e in events)
    chain = Chain(speaker, _cue_text(ctx, event), _phrase_chars(ctx, phrase))
    span = contents.trimmed(ctx, before.start_char, before.end_char)
    st = _statement(span, "indirect", chain, ctx)
    if st is None:
        return None
    state.chain = chain
    return [st]


RULES = (
    referred_back, quoted, pointed_back, marked, reported, announced, continued, hearsay,
    free_indirect,
)  # fmt: skip


def extract_statements(
    doc, actors, mentions, masked_spans, sentences=None, toks=None
) -> list[Statement]:
    """Statements of one article; `actors`/`mentions` may grow by description actors."""
    ctx = Context.build(doc, actors, mentions, masked_spans, sentences, toks)
    state = State(events=article_events(ctx))
    statements: list[Statement] = []
    for number, sent in enumerate(ctx.sentences):
        state.sentence = number
        if ctx.is_masked(sent.start_char) or sent.start_char < state.covered_until:
            continue
        if not any(ch.isalnum() for ch in ctx.text[sent.start_char : sent.end_char]):
            continue  # a closing quote mark split off as a sentence ends no speech
        state.announced_before, state.announced = state.announced, None
        for rule in RULES:
            found = rule(ctx, sent, state)
            if found:
                statements.extend(found)
                state.taken.extend((st.start, st.end) for st in found)
                state.last_chain, state.last_sentence = state.chain, number
                break
        else:
            if not _about_the_speaker(ctx, sent, state):
                state.chain = None
        fragments = quoted_fragments(ctx, sent, state)
        statements.extend(fragments)
        state.taken.extend((st.start, st.end) for st in fragments)
    return statements


MIN_FRAGMENT_WORDS = 2
_COPULAS = {"ist", "sind", "war", "waren", "sei", "seien", "bleibt", "bleiben"}


def quoted_fragments(ctx: Context, sent: Sentence, state: State) -> list[Statement]:
    """'Haseloff, der „auf eine schnelle Umsetzung“ hofft', 'Für Habeck ist das Werk „ein
    wichtiger Beitrag“': a quotation inside running text that no statement holds is
    the words of the subject of the speech verb it hangs on (or of the 'Für X' opening
    a sentence with a copula), when that is a person or an organisation. Titles and
    names in quotes ('das Buch „Der Schrei“') hang on other verbs and stay out."""
    found = []
    for q in ctx.quotes:
        if not sent.start_char <= q[0] < sent.end_char or _clausal(ctx, q, sent):
            continue
        if len(ctx.text[q[0] : q[1]].split()) < MIN_FRAGMENT_WORDS:
            continue
        if any(s - 1 < q[1] and q[0] < e + 1 for s, e in state.taken):
            continue  # (a statement holds it, or part of it)
        speaker, cue, phrase = _fragment_speaker(ctx, sent, q, state)
        if speaker is None:
            continue
        chain = Chain(speaker, cue, phrase)
        st = _statement(contents.trimmed(ctx, *q), "direct", chain, ctx)
        if st is not None:
            found.append(st)
    return found


def _fragment_speaker(ctx: Context, sent: Sentence, q, state: State):
    """(actor, cue word, characters of the phrase naming it) for a quoted fragment."""
    tok = ctx.toks[ctx.token_at(q[0])]
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    speech = verb_cue(ctx, verb) is not None or any(e.cue_head == verb.i for e in state.events)
    if speech and subject is not None and not ctx.in_quote(subject.idx):
        tokens = [t.i for t in subject.subtree if not t.is_punct]
        actor = resolve_speaker(ctx, tokens, verb.idx, state.chain)
        if actor is not None and ctx.actors[actor].type in ("PER", "ORG"):
            return actor, verb.text, _phrase_chars(ctx, tokens)
    first = ctx.toks[sent.start]
    words = {t.lower_ for t in ctx.toks[sent.start : sent.end]}
    if first.lower_ == "für" and words & _COPULAS:  # "Für X ist das Werk „...“"
        for m in ctx.mentions_in(first.idx, q[0]):
            if ctx.actors[m.actor].type in ("PER", "ORG"):
                return m.actor, "für", (m.start, m.end)
    return None, None, None


def _about_the_speaker(ctx: Context, sent: Sentence, state: State) -> bool:
    """'Dafür sehen sie gleich mehrere Gründe.': a sentence without speech whose subject
    is the current speaker (a pronoun that fits, or one of its names) keeps the speech
    going, so that Konjunktiv I after it is still the speaker's."""
    chain = state.chain
    if chain is None or chain.speaker is None or not chain.cue:
        return False
    for t in ctx.toks[sent.start : sent.end]:
        if t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and not ctx.in_quote(t.idx):
            if t.pos_ == "PRON":
                return pronoun(ctx, [t.i], t.idx, chain) == chain.speaker
            found = ctx.mentions_overlapping(t.idx, t.idx + len(t.text))
            return any(m.actor == chain.speaker for m in found)
    return False

"""What was said: the character span of a statement's content, and whether a sentence
carries reported speech on in Konjunktiv I."""

from __future__ import annotations

from functools import lru_cache

from newsfacts.transforms.nlp.attribution.context import Context, Sentence
from newsfacts.transforms.nlp.ruledata import rule_file

_TRIM = ' ,:;–-\n"„“»«'
MIN_WORDS = 2


def trimmed(ctx: Context, start: int, end: int) -> tuple[int, int] | None:
    """[start, end) without surrounding punctuation, quote marks and a final full stop;
    None when fewer than MIN_WORDS words are left."""
    raw = ctx.text[start:end]
    content = raw.strip(_TRIM).lstrip(")").rstrip(".").strip(_TRIM)
    if len(content.split()) < MIN_WORDS:
        return None
    offset = start + raw.find(content)
    return offset, offset + len(content)


def token_span(ctx: Context, tokens: list[int]) -> tuple[int, int] | None:
    """The characters from the first to the last of `tokens` (inner gaps included)."""
    if not tokens:
        return None
    return trimmed(ctx, *ctx.token_chars(min(tokens), max(tokens) + 1))


def sentence_without(ctx: Context, sent: Sentence, start: int, end: int) -> tuple[int, int] | None:
    """The longer side of the sentence around tokens [start, end) (a marker phrase);
    the whole sentence when the phrase sits inside it."""
    before = ctx.toks[start].idx - sent.start_char
    after = sent.end_char - ctx.token_chars(start, end)[1]
    if before < 3:
        return trimmed(ctx, ctx.token_chars(start, end)[1], sent.end_char)
    if after < 3:
        return trimmed(ctx, sent.start_char, ctx.toks[start].idx)
    return trimmed(ctx, sent.start_char, sent.end_char)


def rest_of_sentence(ctx: Context, sent: Sentence, skip: set[int]) -> tuple[int, int] | None:
    """The longest run of the sentence's tokens outside `skip` (cue, source, aux)."""
    runs, current = [], []
    for t in ctx.toks[sent.start : sent.end]:
        if t.i in skip or t.is_punct and not current:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(t.i)
    if current:
        runs.append(current)
    runs = [r for r in runs if len(r) >= MIN_WORDS]
    return token_span(ctx, max(runs, key=len)) if runs else None


@lru_cache(maxsize=1)
def _konjunktiv() -> tuple[frozenset[str], tuple[str, ...]]:
    k = rule_file("cues")["konjunktiv"]
    return frozenset(k["not_reported"]), tuple(k["fixed_phrases"])


def konjunktiv_one(tok) -> bool:
    """A finite verb in Konjunktiv I that no indicative or Konjunktiv II form shares:
    'sei', 'habe' (3rd sg.), 'könne', 'müsse', 'gebe' (stem + e), not 'haben', 'würde'."""
    not_reported, _ = _konjunktiv()
    low = tok.lower_
    if low in not_reported:
        return False
    if tok.pos_ not in ("VERB", "AUX"):
        return _verb_tagged_adjective(tok)
    if low in ("sei", "seien", "seist"):
        return True
    if "Fin" not in tok.morph.get("VerbForm"):
        return False
    if _stem_and_e(tok):
        # "ich habe": first person is direct speech; the tagger may call "halte" first
        # person whatever its subject, so a subject in the third person decides
        return "1" not in tok.morph.get("Person") or third_person_subject(tok)
    tense = tok.morph.get("Tense")
    preterite = "Past" in tense or (low.endswith("te") and "Pres" not in tense)
    if low.endswith("e") and not preterite and third_person_subject(tok, "Sing"):
        # "Die Bundesregierung halte": no indicative present third person singular ends
        # in -e (weak preterites end in -te), whatever lemma the lemmatiser found
        return True
    return "Sub" in tok.morph.get("Mood") and not low.endswith(("te", "ten", "test", "tet"))


def _verb_tagged_adjective(tok) -> bool:
    """'Jedoch ruhe die Mitgliedschaft ...', 'Der Zugriff funktioniere weiterhin': the
    tagger takes a rare Konjunktiv I in -e for an adjective; as the root of its sentence,
    with no copula, no first person, and a subject or object of its own, it is the verb."""
    if tok.pos_ != "ADJ" or tok.dep_ != "ROOT" or not tok.lower_.endswith("e"):
        return False
    children = list(tok.children)
    if any(c.dep_ in ("cop", "aux", "aux:pass") or c.lower_ == "ich" for c in children):
        return False
    return any(c.dep_ in ("nsubj", "obj") and c.pos_ in ("NOUN", "PROPN") for c in children)


def third_person_subject(verb, number: str | None = None) -> bool:
    """'Die Bundesregierung halte ...': the verb's subject is a noun, a name or a
    third-person pronoun, not 'ich' (and, when `number` is given, in that number)."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubj:pass"):
            if number is not None and number not in child.morph.get("Number"):
                return False
            if child.pos_ in ("NOUN", "PROPN"):
                return True
            return child.pos_ == "PRON" and "3" in child.morph.get("Person")
    return False


@lru_cache(maxsize=1)
def _substitutes() -> tuple[frozenset[str], tuple[str, ...]]:
    k = rule_file("cues")["konjunktiv"]
    return frozenset(k["substitutes"]), tuple(k["conditional_words"])


def substitute_without_condition(ctx: Context, sent: Sentence) -> bool:
    """'Sie hätten den Jet zu spät aufgesetzt.': a Konjunktiv II standing in for the
    Konjunktiv I, in a sentence that states no condition ('wenn', 'falls', ...)."""
    forms, conditions = _substitutes()
    words = [t for t in ctx.toks[sent.start : sent.end] if not ctx.in_quote(t.idx)]
    text = " " + " ".join(t.lower_ for t in words) + " "
    if any(f" {c} " in text for c in conditions):
        return False
    return any(t.lower_ in forms and t.pos_ in ("AUX", "VERB") for t in words)


def reports_on(ctx: Context, sent: Sentence) -> bool:
    """Does this sentence carry reported speech on (Konjunktiv I, or a Konjunktiv II
    standing in for it, outside quotes and outside fixed phrases such as 'Gott sei
    Dank')?"""
    _, fixed = _konjunktiv()
    text = ctx.text[sent.start_char : sent.end_char].lower()
    if any(phrase in text for phrase in fixed):
        return False
    return substitute_without_condition(ctx, sent) or any(
        konjunktiv_one(t) and not ctx.in_quote(t.idx) for t in ctx.toks[sent.start : sent.end]
    )


@lru_cache(maxsize=1)
def _reportative_modals() -> frozenset[str]:
    return frozenset(rule_file("cues")["konjunktiv"]["reportative_modals"])


def hearsay_modal(ctx: Context, sent: Sentence) -> bool:
    """'Das Motiv soll eine Kränkung der Familienehre sein.': a present-tense 'soll' or
    'sollen' outside quotes on which an infinitive hangs tells what others say."""
    modals = _reportative_modals()
    return any(
        t.lower_ in modals
        and t.dep_ == "aux"
        and "Inf" in t.head.morph.get("VerbForm")
        and not ctx.in_quote(t.idx)
        for t in ctx.toks[sent.start : sent.end]
    )


@lru_cache(maxsize=1)
def _content_openers() -> frozenset[str]:
    return frozenset(rule_file("cues")["contents"]["content_openers"])


def side_clause(ctx: Context, first: int, root: int) -> bool:
    """'..., nachdem er nicht mehr zu sehen war', '..., zu dem 160 Fachleute erschienen':
    the clause from token `first` (its head `root`) is opened by a subordinator that
    opens no content, or by a relative pronoun (after a preposition too), and its verb
    is indicative: in Konjunktiv ('..., weil die Armee überfordert sei') it is reported."""
    tok = ctx.toks[first]
    if tok.pos_ == "ADP" and first + 1 < len(ctx.toks):
        tok = ctx.toks[first + 1]
    if tok.head.i != root or tok.lower_ in _content_openers():
        return False
    if not (tok.pos_ == "SCONJ" or "Rel" in tok.morph.get("PronType")):
        return False
    verb = ctx.toks[root]
    verbs = [verb, *(c for c in verb.children if c.dep_ in ("aux", "aux:pass", "cop"))]
    return not any(_reads_as_konjunktiv(v) for v in verbs)


def _reads_as_konjunktiv(verb) -> bool:
    """Konjunktiv I or II by form or mood, also where the tagger took a verb-final
    'entbehre' for a participle: the stem of its lemma and -e."""
    return konjunktiv_one(verb) or "Sub" in verb.morph.get("Mood") or _stem_and_e(verb)


def _stem_and_e(tok) -> bool:
    """The stem of its lemma and -e ('habe', 'könne', 'ändere'): Konjunktiv I in the
    third person singular (or the first person of the present)."""
    lemma, low = (tok.lemma_ or "").lower(), tok.lower_
    if lemma.endswith(("eln", "ern")) and low == lemma[:-3] + lemma[-2] + "e":
        return True
    return lemma.endswith("en") and low == lemma[:-2] + "e"


def in_konjunktiv_one(ctx: Context, sent: Sentence) -> bool:
    """A sentence whose own verb is in Konjunktiv I (not a Konjunktiv II standing in),
    outside quotes and fixed phrases: reported speech even with no cue in sight."""
    _, fixed = _konjunktiv()
    text = ctx.text[sent.start_char : sent.end_char].lower()
    if any(phrase in text for phrase in fixed):
        return False
    return any(
        konjunktiv_one(t) and not ctx.in_quote(t.idx) for t in ctx.toks[sent.start : sent.end]
    )

"""Who a source phrase is: a named actor, the person a pronoun or a role phrase points
back to, or an institution named by a description ("die Polizei").

Each rule takes the phrase's tokens and answers with an actor index or None; the first
rule that answers wins (RULES, in order).
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsfacts.transforms.nlp.actors import is_role_word
from newsfacts.transforms.nlp.attribution.context import Context
from newsfacts.transforms.nlp.lexicon import CAPITAL_OF, CITIES, COUNTRIES, GOVERNMENT_NOUNS
from newsfacts.transforms.nlp.ruledata import rule_file
from newsfacts.transforms.nlp.speech import span_root
from newsfacts.transforms.types import LocalActor, Mention

PRONOUNS_PERSON = {"er", "ihm", "ihn", "sie", "ihr", "ihnen"}
_AGE_NOUN_RE = re.compile(r"^\d{1,3}-[Jj]ährige[nr]?$")


@lru_cache(maxsize=1)
def description_heads() -> tuple[dict[str, str], tuple[str, ...]]:
    """Lower-cased description nouns -> their written form, and the compound tails."""
    heads = rule_file("descriptions")["head"]
    exact = {h["noun"].lower(): h["noun"] for h in heads}
    tails = tuple(h["noun"].lower() for h in heads if h.get("compound"))
    return exact, tails


@lru_cache(maxsize=1)
def person_nouns() -> tuple[str, ...]:
    return tuple(n.lower() for n in rule_file("descriptions")["person"])


@lru_cache(maxsize=1)
def _country_adjective_stems() -> frozenset[str]:
    """'niederländ', 'ukrain', 'deut': the country adjectives of places.toml less 'isch'."""
    return frozenset(
        adj.removesuffix("isch").removesuffix("sch")
        for adj, _forms, _prefixes in COUNTRIES.values()
        if adj
    )


def is_demonym_noun(tok) -> bool:
    """'der Niederländer', 'die Ukrainerin': a noun for a country's citizen."""
    if not tok.text[:1].isupper():
        return False
    word = tok.lower_.removesuffix("in").removesuffix("n")
    return word.endswith("er") and word[:-2] in _country_adjective_stems()


def names_a_person(tok) -> bool:
    """'der FDP-Chef', 'die Sprecherin', 'der 65-Jährige', 'der CDU-Politiker', 'der
    Niederländer': a head noun that is a person, whatever party or place it is
    compounded with."""
    word = tok.lower_
    return bool(
        is_role_word(tok.text)
        or _AGE_NOUN_RE.match(tok.text)
        or word.endswith(person_nouns())
        or is_demonym_noun(tok)
    )


@lru_cache(maxsize=1)
def anaphoric_nouns() -> frozenset[str]:
    return frozenset(n.lower() for n in rule_file("descriptions")["anaphoric"])


def description_noun(tok) -> str | None:
    """The written lemma of a description head ("Polizei", "Gesundheitsministerium")."""
    if not tok.text[:1].isupper() or tok.pos_ not in ("NOUN", "PROPN", ""):
        return None
    exact, tails = description_heads()
    lemma = (tok.lemma_ or tok.text).lower()
    for word in (lemma, tok.lower_):
        if word in exact:
            return exact[word] if word == lemma else tok.lemma_ or tok.text
        if word.endswith(tails) and len(word) > 4:
            return (tok.lemma_ or tok.text)[:1].upper() + (tok.lemma_ or tok.text)[1:]
    return None


def _head_token(ctx: Context, tokens: list[int]):
    """The phrase's head: its root in the parse, except after a name in the genitive
    ('Europas größter Autobauer', 'Israels Armee'), where the noun after it is."""
    owned = _after_saxon_genitive(ctx, tokens)
    return owned if owned is not None else ctx.toks[span_root(ctx.doc, tokens[0], tokens[-1] + 1)]


def _after_saxon_genitive(ctx: Context, tokens: list[int]):
    """The noun a prenominal genitive name owns: 'Europas [größter] Autobauer'."""
    first = ctx.toks[tokens[0]]
    if not (first.text[:1].isupper() and first.text.endswith("s") and len(tokens) >= 2):
        return None
    for i in tokens[1:]:
        tok = ctx.toks[i]
        if tok.pos_ == "ADJ" or tok.is_lower and tok.pos_ != "ADP":
            continue
        return tok if tok.text[:1].isupper() and tok.pos_ in ("NOUN", "PROPN") else None
    return None


def _names_the_head(ctx: Context, m: Mention, head, tokens: list[int]) -> bool:
    """A name that is the description's head ('die Bundespolizei') or stands in apposition
    right after it ('der Fahrgastverband Pro Bahn'; not a place: 'Polizei Kassel')."""
    if m.start <= head.idx < m.end:
        return True
    after = head.idx + len(head.text)
    return (
        0 <= m.start - after <= 1
        and ctx.actors[m.actor].type != "LOC"
        and m.end <= ctx.token_chars(tokens[0], tokens[-1] + 1)[1]
    )


def _demonym_head(ctx: Context, m: Mention, head) -> bool:
    """'der Niederländer', 'die Deutsche': a place's demonym as the head is a person."""
    actor = ctx.actors[m.actor]
    return (
        actor.type == "LOC"
        and m.start <= head.idx
        and m.end >= head.idx + len(head.text)  # the whole word, not "US" in "US-Angaben"
        and m.surface.casefold() not in (actor.name.casefold(), actor.name.casefold() + "s")
        and head.pos_ in ("NOUN", "PROPN", "")
    )


def _apposed_name(ctx: Context, head, tokens: list[int]) -> list[Mention]:
    """'der Chefvolkswirt von HQ Trust, Michael Heise': the person named beside the
    phrase, as the parse attaches it (appos) or as the comma after the phrase shows."""
    found = []
    for child in head.children:
        if child.dep_ == "appos" and child.i > tokens[-1]:
            sub = [t.i for t in child.subtree]
            found += ctx.mentions_in(*ctx.token_chars(min(sub), max(sub) + 1))
    after = _qualifier_end(ctx, tokens[-1] + 1)
    if not found and after < len(ctx.toks) and ctx.toks[after].text == ",":
        nxt = ctx.toks[after + 1].idx if after + 1 < len(ctx.toks) else -1
        found = [m for m in ctx.mentions_in(nxt, nxt + 80) if m.start == nxt]
    return [m for m in found if ctx.actors[m.actor].type == "PER"]


_QUALIFIER_POS = ("ADP", "DET", "ADJ", "NOUN", "PROPN", "NUM", "")
_QUALIFIER_WORDS_MAX = 6


def _qualifier_end(ctx: Context, first: int) -> int:
    """Where a qualifier after a role ends: 'der Stabschef [von Präsident Selenskyj], ...'
    (a von- or genitive phrase; nothing when the next word is no preposition or article)."""
    if first >= len(ctx.toks) or ctx.toks[first].lower_ not in _QUALIFIER_OPENERS:
        return first
    end = first
    while (
        end < min(len(ctx.toks), first + _QUALIFIER_WORDS_MAX)
        and not ctx.toks[end].is_punct
        and ctx.toks[end].pos_ in _QUALIFIER_POS
    ):
        end += 1
    return end


_QUALIFIER_OPENERS = {"von", "des", "der", "vom", "beim", "bei"}


def named(ctx: Context, tokens: list[int], cue_pos: int, chain) -> int | None:
    """A name inside the phrase or beside it: a person first, else the name at or
    nearest the head.

    When the head names a person ("der FDP-Chef", "der Bürgermeister von Moskau"), only
    a person counts: the party or place is not the speaker. When the head is a
    description ("die ukrainische Luftwaffe", "die Polizei in Kassel"), only a name that
    is or follows the head counts ("die Bundespolizei")."""
    start, end = ctx.token_chars(tokens[0], tokens[-1] + 1)
    head = _head_token(ctx, tokens)
    found = [m for m in ctx.mentions_overlapping(start, end) if not _demonym_head(ctx, m, head)]
    if _after_saxon_genitive(ctx, tokens) is head:
        # "Europas größter Autobauer": the owner in the genitive is not who speaks
        found = [m for m in found if m.end > head.idx]
    persons = [m for m in found if ctx.actors[m.actor].type == "PER"]
    if names_a_person(head):
        # "der Stabschef von Präsident Selenskyj, Andrij Jermak": the name beside the
        # role before a name inside its qualifier
        apposed = _apposed_name(ctx, head, tokens)
        if apposed:
            return apposed[0].actor
        return persons[0].actor if persons else None
    if persons:
        return persons[0].actor
    if description_noun(head) is not None:
        found = [m for m in found if _names_the_head(ctx, m, head, tokens)]
    if not found:
        return None
    return min(found, key=lambda m: abs(m.start - head.idx)).actor


def pronoun(ctx: Context, tokens: list[int], cue_pos: int, chain) -> int | None:
    """'er', 'sie': the current speaker when it fits, else the last fitting actor."""
    if len(tokens) != 1 or ctx.toks[tokens[0]].lower_ not in PRONOUNS_PERSON:
        return None
    tok = ctx.toks[tokens[0]]
    plural = "Plur" in tok.morph.get("Number") or tok.lower_ == "ihnen"
    masculine = tok.lower_ in ("er", "ihm", "ihn")
    wanted = ("ORG",) if plural else ("PER",) if masculine else ("PER", "ORG")
    # 'er' is no woman the article named, singular 'sie' no man
    unlike = None if plural else "f" if masculine else "m" if tok.lower_ == "sie" else None
    if (
        chain is not None
        and chain.speaker is not None
        and ctx.actors[chain.speaker].type in wanted
        and (unlike is None or gender_of(ctx, chain.speaker) != unlike)
    ):
        return chain.speaker
    return _last_of_type(ctx, cue_pos, wanted, unlike=unlike)


def possessive(ctx: Context, tokens: list[int], cue_pos: int, chain) -> int | None:
    """'Seiner Meinung nach', 'ihren Angaben zufolge': the person (or, for 'ihr', also the
    organisation) the possessive points back to, as a pronoun would."""
    first = ctx.toks[tokens[0]]
    if not first.lower_.startswith(("sein", "ihr")) or first.pos_ not in ("DET", "PRON"):
        return None
    wanted = ("PER",) if first.lower_.startswith("sein") else ("PER", "ORG")
    if chain is not None and chain.speaker is not None and ctx.actors[chain.speaker].type in wanted:
        return chain.speaker
    return _last_of_type(ctx, cue_pos, wanted)


def _last_of_type(
    ctx: Context,
    pos: int,
    types: tuple[str, ...],
    role_word: str | None = None,
    unlike: str | None = None,
):
    """The actor of the last mention before `pos` of one of `types` (whose role contains
    `role_word`, when given; whose gender is not `unlike`, when given)."""
    for m in reversed(ctx.mentions_before(pos)):
        actor = ctx.actors[m.actor]
        if actor.type in types and (
            role_word is None or (actor.role is not None and role_word in actor.role.lower())
        ):
            if unlike is not None and gender_of(ctx, m.actor) == unlike:
                continue
            return m.actor
    return None


def gender_of(ctx: Context, actor: int) -> str | None:
    """'f' when the article gives the person a feminine role ('Außenministerin',
    'Kanzlerin'), 'm' for a masculine one ('Kanzler'), else None."""
    if actor not in ctx.genders:  # each actor's mentions are read once per article
        ctx.genders[actor] = _gender_from_roles(ctx, actor)
    return ctx.genders[actor]


def _gender_from_roles(ctx: Context, actor: int) -> str | None:
    if ctx.actors[actor].type != "PER":
        return None
    roles = [ctx.actors[actor].role, *(m.role for m in ctx.mentions if m.actor == actor)]
    for role in roles:
        if not role:
            continue
        word = role.split()[-1].lower()
        if word.endswith("in") and is_role_word(word[:-2]):
            return "f"
        if is_role_word(word):
            return "m"
    return None


RELATIVE_PRONOUNS = {"der", "die", "das", "welcher", "welche", "welches"}


def relative(ctx: Context, tokens: list[int], cue_pos: int, chain) -> int | None:
    """'..., jubelt Haseloff (CDU), der „auf eine schnelle Umsetzung“ hofft': a relative
    pronoun speaks for the noun its clause hangs on, else for the last name before it
    outside brackets."""
    if len(tokens) != 1 or ctx.toks[tokens[0]].lower_ not in RELATIVE_PRONOUNS:
        return None
    tok = ctx.toks[tokens[0]]
    clause = tok.head
    if not ("Rel" in tok.morph.get("PronType") or clause.dep_.startswith("acl")):
        return None
    if clause.dep_.startswith("acl") and clause.head.i < tok.i:
        antecedent = clause.head
        for m in ctx.mentions_in(antecedent.idx, antecedent.idx + len(antecedent.text) + 80):
            if m.start <= antecedent.idx < m.end:
                return m.actor
    sent = ctx.sentence_of(tok.i)
    for m in reversed(ctx.mentions_before(tok.idx)):
        if m.start < sent.start_char:
            break
        if not _in_brackets(ctx.text, m.start, tok.idx):
            return m.actor
    return None


def _in_brackets(text: str, start: int, end: int) -> bool:
    """Whether `start` sits inside a bracket that closes before `end`."""
    between = text[start:end]
    return ")" in between and "(" not in between[: between.index(")")]


def _plural_person_noun(tok) -> bool:
    """'Analysten', 'Ökonominnen', 'Experten': the plural of a person noun."""
    if not tok.text[:1].isupper() or "Sing" in tok.morph.get("Number"):
        return False
    word = tok.lower_
    for ending in ("innen", "en", "n"):
        if word.endswith(ending) and word[: -len(ending)].endswith(person_nouns()):
            return True
    return False


def group_of_people(ctx: Context, tokens: list[int], cue_pos: int, chain) -> int | None:
    """'die Analysten der BayernLB', '..., so die Experten': unnamed people speak for
    the organisation their phrase names, else for the organisation speaking before;
    never for one person."""
    head = _head_token(ctx, tokens)
    if not _plural_person_noun(head):
        return None
    office = _qualifier_actor(ctx, head, tokens)
    if office is not None:
        return office
    after = [i for i in tokens if i > head.i]
    start, end = ctx.token_chars(after[0], after[-1] + 1) if after else (0, 0)
    orgs = [m for m in ctx.mentions_in(start, end) if ctx.actors[m.actor].type == "ORG"]
    if orgs:  # a parse that hangs "der BayernLB" elsewhere
        return orgs[0].actor
    for i in after:
        found = organisation_by_writing(ctx, [i], cue_pos, None)
        if found is not None:
            return found
    if chain is not None and chain.speaker is not None and ctx.actors[chain.speaker].type == "ORG":
        return chain.speaker
    return None


def role_phrase(ctx: Context, tokens: list[int], cue_pos: int, chain) -> int | None:
    """'die Sprecherin', 'der Richter', 'der 65-Jährige': the person with that role, else
    the person speaking, else the last person named."""
    head = _head_token(ctx, tokens)
    demonym = any(
        _demonym_head(ctx, m, head) for m in ctx.mentions_in(head.idx, head.idx + len(head.text))
    )
    if not (names_a_person(head) or demonym):
        return None
    if any(t.lower_ in ("ein", "eine", "einer", "eines") for t in ctx.toks[tokens[0] : head.i]):
        # "ein Nato-Sprecher", "eine Sprecherin des Ministeriums": someone the article
        # does not name speaks for the institution the phrase names
        return institution_of(ctx, tokens, cue_pos)
    if is_role_word(head.text):
        role = (head.lemma_ or head.text).lower().split("-")[-1]  # "FDP-Chef": "chef"
        actor = _last_of_type(ctx, cue_pos, ("PER",), role_word=role.removesuffix("in"))
        if actor is not None:
            return actor
    office = _qualifier_actor(ctx, head, tokens)
    if office is not None:  # "der Bürgermeister von New Orleans": the office speaks
        return office
    if chain is not None and chain.speaker is not None and ctx.actors[chain.speaker].type == "PER":
        return chain.speaker
    return _last_of_type(ctx, cue_pos, ("PER",))


def _ends_with_any(tok, nouns) -> bool:
    """The token's lemma or form is one of `nouns` or a compound ending in one
    ("Verteidigungsbündnis")."""
    if not tok.text[:1].isupper():
        return False
    words = {(tok.lemma_ or tok.text).lower(), tok.lower_, *_without_case_ending(tok.lower_)}
    return any(w == n or (w.endswith(n) and len(w) > len(n) + 2) for w in words for n in nouns)


def _without_case_ending(word: str) -> list[str]:
    """'bündnisses' -> 'bündnis', 'konzerns' -> 'konzern', 'verbandes' -> 'verband': the
    forms a genitive or dative ending may hide."""
    if word.endswith("nisses"):
        return [word[:-3]]
    return [word[: -len(e)] for e in ("es", "s", "en", "n") if word.endswith(e)]


@lru_cache(maxsize=1)
def document_nouns() -> tuple[str, ...]:
    return tuple(n.lower() for n in rule_file("descriptions")["documents"])


def document(ctx: Context, tokens: list[int], cue_pos: int, chain) -> int | None:
    """'hieß es in der Erklärung': a document whose issuer the phrase does not name speaks
    for the actor speaking before, else for the last organisation named."""
    head = _head_token(ctx, tokens)
    if not _ends_with_any(head, document_nouns()):
        return None
    if chain is not None and chain.speaker is not None:
        return chain.speaker
    return _last_of_type(ctx, cue_pos, ("ORG",))


def _compound_description(tok) -> str | None:
    """'Polizeisprecher', 'Polizeiangaben', 'Regierungskreisen': the description noun a
    compound opens with, when the rest is a person or a source of information."""
    word = tok.lower_
    exact, _ = description_heads()
    for noun in _compound_openers():
        if not word.startswith(noun) or len(word) < len(noun) + 4:
            continue
        rest = word[len(noun) :]
        rest = rest[1:] if rest[:1] in ("s", "n") and not is_role_word(rest) else rest
        if is_role_word(rest) or rest.endswith(person_nouns()) or rest in _information_nouns():
            return exact[noun]
    return None


@lru_cache(maxsize=1)
def _compound_openers() -> tuple[str, ...]:
    """Description nouns of five letters or more that may open a compound, longest first
    (the vague ones of descriptions.toml left out)."""
    exact, _ = description_heads()
    vague = {n.lower() for n in rule_file("descriptions")["vague_in_compounds"]}
    return tuple(
        sorted((n for n in exact if len(n) >= 5 and n not in vague), key=len, reverse=True)
    )


@lru_cache(maxsize=1)
def news_agencies() -> frozenset[str]:
    """'sagte er der dpa': an agency named beside a speaker is who heard it, not who spoke."""
    return frozenset(rule_file("descriptions")["news_agencies"])


@lru_cache(maxsize=1)
def _information_nouns() -> frozenset[str]:
    m = rule_file("cues")["markers"]
    return frozenset(m["nach_nouns"] + m["aus_nouns"] + m["sourceless"])


def institution_of(ctx: Context, tokens: list[int], cue_pos: int) -> int | None:
    """The institution a phrase about someone unnamed speaks for: an organisation named in
    it ('ein Sprecher der Nato'), a description ('ein Sprecher des Gesundheitsministeriums'),
    the first part of its compound ('ein Polizeisprecher', 'nach Polizeiangaben'), else a
    place it names ('der Bürgermeister von New Orleans')."""
    head = _head_token(ctx, tokens)
    start, end = ctx.token_chars(tokens[0], tokens[-1] + 1)
    head_end = head.idx + len(head.text)
    # a mention that is the whole head is the head ("Regierungschef"), not its institution;
    # one that is part of it names the institution ("Nato" in "Nato-Sprechers")
    found = [
        m for m in ctx.mentions_in(start, end) if not (m.start <= head.idx and m.end >= head_end)
    ]
    orgs = [m for m in found if ctx.actors[m.actor].type == "ORG"]
    if orgs:
        return orgs[0].actor
    for child in head.children:
        if child.dep_ in ("nmod", "nmod:poss") and child.i > head.i and description_noun(child):
            sub = sorted(t.i for t in child.subtree if t.i <= tokens[-1])
            return description(ctx, sub, cue_pos, None)
    noun = _compound_description(head)
    if noun is not None:
        return _description_actor(ctx, noun, [], head, head)
    places = [m for m in found if ctx.actors[m.actor].type == "LOC"]
    return places[0].actor if places else None


def _qualifier_actor(ctx: Context, head, tokens: list[int]) -> int | None:
    """The organisation, else the place, that a genitive or von-phrase of the head names
    ('der Sprecher des IMK', 'der Bürgermeister von New Orleans'); adjectives
    ('der niederländische Regierungschef') and compounds do not count."""
    for child in head.children:
        if child.dep_ not in ("nmod", "nmod:poss") or child.i < head.i or child.i > tokens[-1]:
            continue
        von = any(c.dep_ == "case" and c.lower_ == "von" for c in child.children)
        if not (von or "Gen" in child.morph.get("Case")):
            continue  # "sagte der Politiker der Deutschen Presse-Agentur": to whom, not whose
        sub = [t.i for t in child.subtree if t.i <= tokens[-1]]
        found = ctx.mentions_in(*ctx.token_chars(min(sub), max(sub) + 1))
        found = [m for m in found if m.surface not in news_agencies()]
        for kind in ("ORG", "LOC"):
            for m in found:
                if ctx.actors[m.actor].type == kind:
                    return m.actor
        if not found:  # "die Analysten der BayernLB", a name the recogniser missed
            return organisation_by_writing(ctx, sorted(sub), -1, None)
    return None


def compound_source(ctx: Context, tokens: list[int], cue_pos: int, chain) -> int | None:
    """'nach Polizeiangaben', 'aus Regierungskreisen': the institution in the compound."""
    head = _head_token(ctx, tokens)
    noun = _compound_description(head)
    return None if noun is None else _description_actor(ctx, noun, [], head, head)


def anaphoric(ctx: Context, tokens: list[int], cue_pos: int, chain) -> int | None:
    """'die Gewerkschaft', 'der Konzern': the organisation last named before, when the
    phrase names no more than that noun (with its article)."""
    head = _head_token(ctx, tokens)
    if not _ends_with_any(head, anaphoric_nouns()):
        return None
    epithet = _after_saxon_genitive(ctx, tokens) is head  # "Europas größter Autobauer"
    if not epithet and any(
        t.dep_ == "amod" and "Sup" not in t.morph.get("Degree") for t in head.children
    ):
        return None  # "der US-amerikanische Konzern": a new description, not the last one
    for m in reversed(ctx.mentions_before(ctx.toks[tokens[0]].idx)):
        actor = ctx.actors[m.actor]
        if actor.type == "ORG" and m.surface not in news_agencies():
            return m.actor
    return None


def description(ctx: Context, tokens: list[int], cue_pos: int, chain) -> int | None:
    """'die Polizei', 'der ukrainischen Luftwaffe', 'Israels Armee': an institution, an
    actor from now on (the one the article named with that noun, when it did: 'Polizei'
    -> 'Bundespolizei'); a country before the noun names it like its adjective does."""
    head = _head_token(ctx, tokens)
    noun = description_noun(head)
    if noun is None:
        return None
    adjectives = [t for t in head.children if t.dep_ == "amod" and t.i < head.i and t.is_lower]
    owner = _country_before(ctx, head)
    country = _country_of_government(ctx, head, adjectives)
    if country is None and owner and (head.lemma_ or head.text).lower() in GOVERNMENT_NOUNS:
        country = owner[1]
    if country is not None:
        return country
    stems = [(t.lemma_ or t.lower_).lower() for t in sorted(adjectives, key=lambda t: t.i)]
    first = min([head, *adjectives], key=lambda t: t.i)
    if owner is not None:
        tok, actor = owner
        adjective = COUNTRIES[ctx.actors[actor].name][0]
        stems.insert(0, adjective)
        first = min(first, tok, key=lambda t: t.i)
    return _description_actor(ctx, noun, stems, first, head)


def _country_before(ctx: Context, head):
    """(token, actor) of a country named in the genitive before the noun ('Israels Armee'),
    when the lexicon knows its adjective; else None."""
    for child in head.children:
        if child.i >= head.i or child.dep_ not in ("nmod:poss", "nmod", "det:poss", "det"):
            continue
        for m in ctx.mentions_in(child.idx, child.idx + len(child.text)):
            actor = ctx.actors[m.actor]
            if actor.type == "LOC" and COUNTRIES.get(actor.name, (None,))[0]:
                return child, m.actor
    return None


def _description_actor(ctx: Context, noun: str, stems: list[str], first, head) -> int:
    """The ORG actor 'ukrainische Luftwaffe' (adjective stems + noun), the one the
    article already has when it has one, with a mention over tokens first..head."""
    name = " ".join([*(s if s.endswith("e") else s + "e" for s in stems), noun])
    for i, actor in enumerate(ctx.actors):
        if actor.type == "ORG" and (
            actor.name.lower() == name.lower() or (not stems and noun.lower() in actor.name.lower())
        ):
            return _add_mention(ctx, i, first, head)
    ctx.actors.append(LocalActor(name=name, type="ORG"))
    return _add_mention(ctx, len(ctx.actors) - 1, first, head)


def _country_of_government(ctx: Context, head, adjectives) -> int | None:
    """'die ukrainische Regierung' speaks for Ukraine, and so does 'die Regierung in Kiew'
    when the article names Ukraine."""
    if (head.lemma_ or head.text).lower() not in GOVERNMENT_NOUNS:
        return None
    for adj in adjectives:
        for m in ctx.mentions_in(adj.idx, adj.idx + len(adj.text)):
            if ctx.actors[m.actor].type == "LOC":
                return m.actor
    for child in head.children:
        if child.i > head.i and child.dep_ in ("nmod", "obl"):
            for m in ctx.mentions_in(child.idx, child.idx + len(child.text)):
                country = CAPITAL_OF.get(ctx.actors[m.actor].name)
                named = [i for i, a in enumerate(ctx.actors) if a.name == country]
                if named:
                    return named[0]
    return None


def _add_mention(ctx: Context, actor: int, first, head) -> int:
    start, end = first.idx, head.idx + len(head.text)
    if not any(m.start == start and m.end == end for m in ctx.mentions):
        ctx.mentions.append(Mention(actor, ctx.text[start:end], start, end))
        ctx.index_mentions()
    return actor


_ORG_WRITING_RE = re.compile(r"[A-ZÄÖÜ][a-zäöüß]*[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]*")


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Countries (with their other names) and cities of places.toml."""
    return frozenset(
        [*CITIES, *COUNTRIES, *(f for _adj, forms, _p in COUNTRIES.values() for f in forms)]
    )


def organisation_by_writing(ctx: Context, tokens: list[int], cue_pos: int, chain) -> int | None:
    """'so die BayernLB', 'sagte die WHO': a name the recogniser missed, written as
    organisations are (an acronym or a capital inside the word), becomes an
    organisation; places and the countries of places.toml stay out."""
    head = _head_token(ctx, tokens)
    if not _ORG_WRITING_RE.fullmatch(head.text) or len(head.text) < 3:
        return None
    if head.text in _place_names():
        return None
    if ctx.mentions_overlapping(head.idx, head.idx + len(head.text)):
        return None  # the recogniser named it: another rule decides
    for i, actor in enumerate(ctx.actors):
        if actor.type == "ORG" and actor.name == head.text:
            return _add_mention(ctx, i, head, head)
    ctx.actors.append(LocalActor(name=head.text, type="ORG"))
    return _add_mention(ctx, len(ctx.actors) - 1, head, head)


RULES = (
    named,
    pronoun,
    relative,
    group_of_people,
    role_phrase,
    anaphoric,
    document,
    description,
    compound_source,
    possessive,
    organisation_by_writing,
)


def resolve_speaker(ctx: Context, tokens: list[int], cue_pos: int, chain=None) -> int | None:
    """The actor a source phrase (token indices) refers to, or None."""
    tokens = sorted(t for t in tokens if not ctx.toks[t].is_punct)
    if not tokens:
        return None
    for rule in RULES:
        actor = rule(ctx, tokens, cue_pos, chain)
        if actor is not None:
            return actor
    return None

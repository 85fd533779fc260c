"""Actors: model entities completed by gazetteer rules, clustered per article.

Produces LocalActor + Mention lists. Mentions carry exact character offsets into the
text the Doc was built from (the article body), so body[start:end] == surface.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from newsfacts.transforms.keys import actor_key
from newsfacts.transforms.nlp.doctext import doc_text
from newsfacts.transforms.nlp.lexicon import (
    CITIES,
    COUNTRIES,
    NON_ACTOR_ADJECTIVES,
    ORG_EPITHETS,
    ORG_PREFIXES,
    ORGANISATIONS,
    PLACE_ADJECTIVES,
    PLACE_NOUNS,
    REGION_ADJECTIVE_STEMS,
    REGIONS,
    ROLE_STEMS,
)
from newsfacts.transforms.types import LocalActor, Mention

ACTOR_TYPES = {"PER", "ORG", "LOC"}
_LABEL_MAP = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}
_DETERMINERS = {
    "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem",
    "einen", "im", "am", "vom", "zum", "zur", "beim",
}  # fmt: skip
# Generic place nouns before a name: "Oblast Kursk", "Region Kursk" are Kursk.
_NOT_NAMES = {
    "quelle", "foto", "bild", "update", "live", "video", "mehr", "related", "posts",
    "kommentare", "politik", "news", "ich", "wir", "sie", "er", "es",
}  # fmt: skip


@dataclass
class Candidate:
    start: int
    end: int
    surface: str
    type: str
    canonical: str | None = None  # set by the gazetteer
    source: str = "model"  # model | gazetteer | adjective | prefix


@dataclass
class Cluster:
    type: str
    name: str
    canonical: bool = False
    mentions: list[Candidate] = field(default_factory=list)
    role: str | None = None


def _inflections(name: str) -> set[str]:
    """'Statistisches Bundesamt' -> 'Statistische Bundesamt', 'Statistischen Bundesamts', ..."""
    words = name.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return {name}
    first = re.match(r"(.+?)(es|er|en|em|e)$", words[0])
    firsts = {first.group(1) + e for e in ("e", "en", "er", "es", "em")} if first else {words[0]}
    lasts = {words[-1], words[-1] + "s", words[-1] + "es"}
    return {" ".join([f, *words[1:-1], last]) for f in firsts for last in lasts}


@lru_cache(maxsize=1)
def _gazetteer():
    """Lookup tables: names -> (canonical, type), adjective stems, compound prefixes."""
    names: dict[str, tuple[str, str]] = {}
    for country, (_, extra, _) in COUNTRIES.items():
        names[country] = (country, "LOC")
        for form in extra:
            names[form] = (country, "LOC")
    for place in (*CITIES, *REGIONS):
        names.setdefault(place, (place, "LOC"))
    for org, forms in ORGANISATIONS.items():
        for form in forms:
            for variant in _inflections(form):
                names.setdefault(variant, (org, "ORG"))
            names[form] = (org, "ORG")
    adjectives: dict[str, str] = {}
    for country, (stem, _, _) in COUNTRIES.items():
        if stem and stem not in NON_ACTOR_ADJECTIVES:
            adjectives[stem] = country
    adjectives["us-amerikanisch"] = "USA"
    adjectives.update(REGION_ADJECTIVE_STEMS)
    prefixes: dict[str, tuple[str, str]] = {p: (org, "ORG") for p, org in ORG_PREFIXES.items()}
    for country, (_, _, country_prefixes) in COUNTRIES.items():
        for p in country_prefixes:
            prefixes[p] = (country, "LOC")
    return names, adjectives, prefixes


_WORD_RE = re.compile(r"\w[\w-]*")
_ADJ_ENDING_RE = re.compile(r"(e|en|er|es|em)$")


@lru_cache(maxsize=4)
def _words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of every word; shared by the scans over one article."""
    return [(m.start(), m.end(), m.group(0)) for m in _WORD_RE.finditer(text)]


def gazetteer_candidates(text: str) -> list[Candidate]:
    """Known names, country adjectives, place demonyms and compound prefixes in `text`.

    One scan over the words with dictionary lookups (a regex alternation over
    thousands of names is far slower).
    """
    names, adjectives, prefixes = _gazetteer()
    span_by_first = _name_lengths()
    words = _words(text)
    found: list[Candidate] = []
    i, n = 0, len(words)
    while i < n:
        start, end, word = words[i]
        hit = None
        if word[:1].isupper() or word in names:
            for size in range(min(span_by_first.get(word, 1), n - i), 0, -1):
                last_end = words[i + size - 1][1]
                phrase = text[start:last_end]
                if size > 1 and "  " in phrase or "\n" in phrase:
                    continue
                if phrase in names:
                    hit = (last_end, phrase)
                elif phrase.endswith("s") and phrase[:-1] in names:
                    hit = (last_end, phrase[:-1])  # genitive: "Russlands", "Moskaus"
                if hit:
                    canonical, type_ = names[hit[1]]
                    found.append(
                        Candidate(
                            start, hit[0], text[start : hit[0]], type_, canonical, "gazetteer"
                        )
                    )
                    i += size
                    break
        if hit:
            continue
        if word in PLACE_ADJECTIVES:
            found.append(Candidate(start, end, word, "LOC", PLACE_ADJECTIVES[word], "demonym"))
        else:
            low = word.lower()
            m = _ADJ_ENDING_RE.search(low)
            if m and low[: m.start()] in adjectives:
                found.append(
                    Candidate(start, end, word, "LOC", adjectives[low[: m.start()]], "adjective")
                )
            elif "-" in word:
                prefix = word.split("-", 1)[0]
                known = prefixes.get(prefix) or names.get(prefix)  # "US-Angaben", "Kreml-Truppen"
                if known and len(word) > len(prefix) + 1:
                    canonical, type_ = known
                    found.append(
                        Candidate(start, start + len(prefix), prefix, type_, canonical, "prefix")
                    )
        i += 1
    return found


@lru_cache(maxsize=1)
def _name_lengths() -> dict[str, int]:
    """First word of a known name -> the most words a name starting with it has."""
    return _first_word_lengths(_gazetteer()[0])


def _first_word_lengths(names) -> dict[str, int]:
    lengths: dict[str, int] = {}
    for name in names:
        parts = name.split()
        lengths[parts[0]] = max(lengths.get(parts[0], 1), len(parts))
    return lengths


@lru_cache(maxsize=65536)
def is_role_word(word: str) -> bool:
    """A title or function, also as the end of a compound: 'US-Außenminister', 'Präsidenten'."""
    w = word.lower().rstrip(".,;:")
    w_gen = w[:-1] if w.endswith("s") and not w.endswith(("ss", "us")) else w
    return w.endswith(ROLE_STEMS) or w_gen.endswith(ROLE_STEMS)


def _clean_entity(doc, ent) -> tuple[int, int] | None:
    """Token bounds of the proper-name core of a model entity, or None if nothing is left."""
    return _clean_tokens(doc, ent.start, ent.end, _LABEL_MAP.get(ent.label_, ent.label_))


def _looks_like_common_noun(tok) -> bool:
    """'Kämmerer' in 'Kämmerer Paul Roth': tagged a noun, or lemmatised as one."""
    return tok.pos_ == "NOUN" or (tok.lemma_ != tok.text and tok.lemma_[:1].isupper())


def _clean_tokens(doc, start: int, end: int, type_: str) -> tuple[int, int] | None:
    while start < end and (
        doc[start].is_punct
        or doc[start].is_space
        or doc[start].lower_ in _DETERMINERS
        or (type_ == "PER" and (is_role_word(doc[start].text) or doc[start].is_lower))
        or (type_ == "PER" and end - start >= 3 and _looks_like_common_noun(doc[start]))
        or (type_ == "LOC" and doc[start].lower_ in PLACE_NOUNS and end - start > 1)
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in _DETERMINERS
    ):
        end -= 1
    if start >= end:
        return None
    span = doc[start:end]
    if not any(c.isupper() for c in span.text) or span.text.lower() in _NOT_NAMES:
        return None
    if len(span.text) < 2:
        return None
    return start, end


def _with_second_field(doc, start: int, end: int) -> int:
    """'Institut für Makroökonomie [und Konjunkturforschung]', 'Ministerium für Arbeit
    [und Soziales]': an organisation named 'für X' goes on over 'und' + a capitalised
    word that the recogniser left out."""
    if "für" not in (t.lower_ for t in doc[start:end]) or end + 1 >= len(doc):
        return end
    after, word = doc[end], doc[end + 1]
    if after.lower_ == "und" and word.text[:1].isupper() and word.pos_ in ("NOUN", "PROPN", "ADJ"):
        return end + 2
    return end


def model_candidates(
    doc, masked_spans: list[tuple[int, int]], common_nouns=None
) -> list[Candidate]:
    """Model entities, cleaned; a lone common noun ("Truppen") is not a name.

    `common_nouns` is the lemma lookup table: a single-token entity found there with a
    capitalised lemma is an ordinary German noun the model mistook for a name.
    """
    found = []
    for ent in doc.ents:
        type_ = _LABEL_MAP.get(ent.label_)
        if type_ is None:
            continue
        bounds = _clean_entity(doc, ent)
        if bounds is None:
            continue
        span = doc[bounds[0] : _with_second_field(doc, *bounds) if type_ == "ORG" else bounds[1]]
        if any(s <= span.start_char < e for s, e in masked_spans):
            continue
        if len(span) > 1 and span[1].text[:1].isupper() and _is_kind_word(span[0].text, type_):
            span = doc[span.start + 1 : span.end]  # "Stürmer Ferreira", "Organisation Germanwatch"
        if len(span) == 1 and span.text.lower() in ORG_EPITHETS:
            continue  # "Verband", "Konzern": a noun that refers back, not a name
        if common_nouns is not None and len(span) == 1:
            if "-" in span.text and type_ == "PER":
                continue  # "Truppen-Hilfe": a hyphenated compound of common nouns
            kind = _word_kind(span.text, common_nouns)
            # "Truppen" (inflected noun), "Günstiger" (adjective); listed base forms only
            # for ORG/LOC, since many surnames are nouns too (Koch, Fischer, Müller)
            if kind in ("noun", "adjective") or (kind == "noun_base" and type_ != "PER"):
                continue
        found.append(Candidate(span.start_char, span.end_char, span.text, type_))
    return found


def _word_kind(word: str, table) -> str | None:
    """'noun' for an inflected common noun ("Truppen"), 'noun_base' for a listed base
    form, 'adjective' for a capitalised adjective ("Günstiger"), else None."""
    if word not in table:
        # a compound whose tail is an inflected noun: "Koalitionskreisen" (-> Kreis)
        for i in range(3, len(word) - 4):
            tail = word[i].upper() + word[i + 1 :]
            if tail in table:
                lemma = table[tail]
                return "noun" if lemma != tail and lemma[:1].isupper() else None
        return None
    lemma = table[word]
    if lemma[:1].islower():
        return "adjective"
    return "noun" if lemma != word else "noun_base"


# Heads that name what kind of organisation follows: "Organisation Germanwatch".
_ORG_HEADS = (
    "organisation", "bank", "portal", "amt", "amts", "institut", "instituts", "verband",
    "verbands", "konzern", "konzerns", "partei", "gewerkschaft", "agentur", "firma", "hersteller",
    "herstellers", "versicherer", "kasse", "sender", "zeitung", "netzwerk", "initiative",
    "stiftung", "gruppe", "unternehmen", "unternehmens", "fonds", "behörde", "club", "klub",
)  # fmt: skip


def _is_kind_word(word: str, type_: str) -> bool:
    """A common noun that says what kind of actor a name is, not part of the name."""
    low = word.lower()
    if type_ == "PER":
        return is_role_word(word)
    if type_ == "ORG":
        return low.endswith(_ORG_HEADS)
    return False


def _strip_genitive(name: str, known: set[str]) -> str:
    """'Putins' -> 'Putin' when the article also writes 'Putin' (else 'Guterres' would lose its s)."""
    if name.endswith("s") and name[:-1] in known:
        return name[:-1]
    return name


def _resolve_overlaps(doc, cands: list[Candidate]) -> list[Candidate]:
    """Merge gazetteer hits and model entities into non-overlapping candidates.

    Gazetteer hits win, except that a model name starting with a capitalised
    adjective ("Deutscher Mieterbund", "Europäische Zentralbank") or containing a
    shorter known name keeps its whole span. A model entity that only partly overlaps
    a gazetteer hit ("Russlands Präsident Wladimir Putin") is trimmed to the words
    outside it rather than dropped.
    """
    gaz = sorted(
        (c for c in cands if c.source != "model"), key=lambda c: (c.start, -(c.end - c.start))
    )
    kept: list[Candidate] = []
    for c in gaz:
        if any(k.start < c.end and c.start < k.end for k in kept):
            continue
        kept.append(c)
    for c in sorted((c for c in cands if c.source == "model"), key=lambda c: c.start):
        overlapping = [k for k in kept if k.start < c.end and c.start < k.end]
        if not overlapping:
            kept.append(c)
            continue
        if all(k.start <= c.start and c.end <= k.end for k in overlapping):
            continue  # the whole entity is a gazetteer name/adjective: the gazetteer decides
        inside = all(c.start <= k.start and k.end <= c.end for k in overlapping)
        proper_adjective = any(
            k.source == "adjective" and k.start == c.start and k.surface[:1].isupper()
            for k in overlapping
        )
        contains_name = (
            len(overlapping) == 1
            and overlapping[0].source == "gazetteer"
            and overlapping[0].type == c.type
        )
        if inside and c.type in ("ORG", "LOC") and (proper_adjective or contains_name):
            for k in overlapping:
                kept.remove(k)
            kept.append(c)
            continue
        trimmed = _trim_around(doc, c, overlapping)
        if trimmed is not None:
            kept.append(trimmed)
    return sorted(kept, key=lambda c: c.start)


def _trim_around(doc, c: Candidate, hits: list[Candidate]) -> Candidate | None:
    """The part of a model entity after (or before) the gazetteer hits inside it."""
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None:
        return None
    last_hit_end = max(k.end for k in hits)
    first_hit_start = min(k.start for k in hits)
    after = [t.i for t in span if t.idx >= last_hit_end]
    before = [t.i for t in span if t.idx + len(t.text) <= first_hit_start]
    tokens = after if len(after) >= len(before) else before
    if not tokens:
        return None
    bounds = _clean_tokens(doc, tokens[0], tokens[-1] + 1, c.type)
    if bounds is None:
        return None
    part = doc[bounds[0] : bounds[1]]
    if len(part) == 1 and part.text.lower() in ORG_EPITHETS:
        return _owned_epithet(part, hits)
    return Candidate(part.start_char, part.end_char, part.text, c.type)


def _owned_epithet(part, hits: list[Candidate]) -> Candidate | None:
    """'Israels Armee': a noun like 'Armee' or 'Regierung' left after a country's name is
    the country's institution, named as the article would describe it ('israelische
    Armee'); after anything else it names nobody by itself."""
    for hit in hits:
        adjective = COUNTRIES.get(hit.canonical or "", (None,))[0]
        if hit.type == "LOC" and adjective and hit.end <= part.start_char:
            name = f"{adjective}e {part.text}"
            return Candidate(part.start_char, part.end_char, part.text, "ORG", canonical=name)
    return None


def find_role(doc, char_start: int, char_end: int) -> str | None:
    """Title or function written right before or in apposition after a person mention."""
    span = doc.char_span(char_start, char_end, alignment_mode="expand")
    if span is None:
        return None
    i = span.start - 1
    if i >= 0 and is_role_word(doc[i].text) and not doc[i].is_punct:
        j = i
        while (
            j - 1 >= 0
            and (doc[j - 1].is_lower and doc[j - 1].pos_ in ("ADJ", ""))
            and doc[j - 1].lower_ not in _DETERMINERS
        ):
            j -= 1
        k = i + 1
        role = doc[j:k].text
        # "Russlands Präsident": a genitive name before the role belongs to it
        if (
            j - 1 >= 0
            and doc[j - 1].text.endswith("s")
            and doc[j - 1].text[:1].isupper()
            and doc[j - 1].pos_ in ("PROPN", "")
        ):
            role = doc[j - 1 : k].text
        return role
    # apposition: "Rutte, der frühere niederländische Regierungschef"
    k = span.end
    if k + 2 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ in ("der", "die"):
        m = k + 2
        while m < len(doc) and m < k + 7 and doc[m].is_lower:
            m += 1
        if m < len(doc) and is_role_word(doc[m].text):
            return doc[k + 2 : m + 1].text
    return None


def _similar(a: str, b: str) -> bool:
    ka, kb = actor_key(a), actor_key(b)
    if ka == kb:
        return True
    if len(ka) < 6 or len(kb) < 6 or ka[:4] != kb[:4]:
        return False
    return difflib.SequenceMatcher(None, ka, kb).ratio() >= 0.8


def cluster_mentions(doc, cands: list[Candidate]) -> tuple[list[LocalActor], list[Mention]]:
    """Group one article's candidates into actors (alias resolution within the article)."""
    clusters: list[Cluster] = []
    by_canonical: dict[tuple[str, str], Cluster] = {}
    model_names = {c.surface for c in cands if c.source == "model"}
    # Full person names first, so surname-only mentions can attach to them.
    full_names = [c for c in cands if c.source == "model" and c.type == "PER" and " " in c.surface]
    single = [c for c in cands if c not in full_names]
    assignment: dict[int, Cluster] = {}

    for c in full_names:
        name = _strip_genitive(c.surface, model_names)
        target = next((cl for cl in clusters if cl.type == "PER" and _similar(cl.name, name)), None)
        if target is None:
            target = Cluster("PER", name)
            clusters.append(target)
        assignment[id(c)] = target

    surnames: dict[str, list[Cluster]] = {}
    for cl in clusters:
        surnames.setdefault(actor_key(cl.name.split()[-1]), []).append(cl)

    for c in single:
        if c.canonical:
            key = (c.type, c.canonical)
            target = by_canonical.get(key)
            if target is None:
                target = Cluster(c.type, c.canonical, canonical=True)
                by_canonical[key] = target
                clusters.append(target)
            assignment[id(c)] = target
            continue
        base = _strip_genitive(c.surface, model_names)
        # surname (or a spelling variant of it) of a full name given in the article
        matches = [
            cl
            for key, cls in surnames.items()
            for cl in cls
            if key
            in (actor_key(base), actor_key(c.surface), actor_key(c.surface.removesuffix("s")))
            or _similar(key, base)
        ]
        if len({id(m) for m in matches}) == 1 and " " not in base:
            assignment[id(c)] = matches[0]
            continue
        target = next(
            (
                cl
                for cl in clusters
                if not cl.canonical
                and (cl.type == c.type or c.type == "PER" or cl.type == "PER")
                and (_similar(cl.name, base) or actor_key(cl.name) == actor_key(c.surface))
            ),
            None,
        )
        if target is None:
            target = Cluster(c.type, base)
            clusters.append(target)
            if c.type == "PER" and " " in base:
                surnames.setdefault(actor_key(base.split()[-1]), []).append(target)
        assignment[id(c)] = target

    actors: list[LocalActor] = []
    index: dict[int, int] = {}
    mentions: list[Mention] = []
    for c in sorted(cands, key=lambda c: c.start):
        cl = assignment[id(c)]
        cl.mentions.append(c)
    for cl in clusters:
        if not cl.mentions:
            continue
        if not cl.canonical:
            forms = [_strip_genitive(m.surface, model_names) for m in cl.mentions]
            cl.name = max(forms, key=lambda f: (len(f.split()), len(f)))
        role = None
        if cl.type == "PER":
            for m in cl.mentions:
                role = find_role(doc, m.start, m.end)
                if role:
                    break
        index[id(cl)] = len(actors)
        actors.append(LocalActor(name=cl.name, type=cl.type, role=role))
    for c in sorted(cands, key=lambda c: c.start):
        cl = assignment[id(c)]
        a = index[id(cl)]
        mentions.append(
            Mention(actor=a, surface=c.surface, start=c.start, end=c.end, role=actors[a].role)
        )
    return actors, mentions


def _occurrences(text: str, names: dict, genitive: bool):
    """(start, end, name) of every whole-word occurrence of a key of `names` (names of up
    to a few words; with `genitive`, also followed by an s). A word scan with dictionary
    lookups: compiling a regex per article costs more than the search."""
    words = _words(text)
    span_by_first = _first_word_lengths(names)
    i = 0
    while i < len(words):
        first = words[i][2]
        if first not in span_by_first and not (genitive and first[:-1] in span_by_first):
            i += 1
            continue
        for size in range(min(span_by_first.get(first, 1), len(words) - i), 0, -1):
            start, end = words[i][0], words[i + size - 1][1]
            phrase = text[start:end]
            key = phrase if phrase in names else None
            if key is None and genitive and phrase.endswith("s") and phrase[:-1] in names:
                key = phrase[:-1]
            if key is not None:
                yield start, end, key
                i += size - 1
                break
        i += 1


_ARTICLE_BEFORE_RE = re.compile(r"(?:^|\s)(?:[Dd]er|[Dd]ie|[Dd]as|[Dd]en|[Dd]em|[Dd]es)\s+$")


def _short_name_mentions(text, cands, short_names: dict, masked_spans) -> list[Candidate]:
    """'die Bahn' after 'Deutsche Bahn': the head word with a definite article is the same ORG."""
    if not short_names:
        return cands
    taken = [(c.start, c.end) for c in cands]
    added = []
    for start, end, word in _occurrences(text, short_names, genitive=False):
        if any(s < end and start < e for s, e in taken):
            continue
        if any(s <= start < e for s, e in masked_spans):
            continue
        if not _ARTICLE_BEFORE_RE.search(text[max(0, start - 5) : start]):
            continue
        full = short_names[word]
        canonical = full.canonical or full.surface
        full.canonical = canonical
        added.append(Candidate(start, end, word, "ORG", canonical, "short_name"))
    return sorted(cands + added, key=lambda c: c.start)


def propagate_names(text: str, cands: list[Candidate], masked_spans) -> list[Candidate]:
    """Every further occurrence of a name the model found once is a mention too.

    The model may tag "Antony Blinken" in one sentence and miss "Blinken" three
    sentences later; the surname of a full name, and each model-found name, are
    searched for in the whole text (also with a genitive s).
    """
    names: dict[str, str] = {}
    short_names: dict[str, Candidate] = {}
    for c in cands:
        words = c.surface.split()
        if c.type == "ORG" and len(words) >= 2 and len(words[-1]) >= 4 and words[-1][:1].isupper():
            short_names.setdefault(words[-1], c)  # "die Bahn" for "Deutsche Bahn"
        if c.source != "model" or len(c.surface) < 3:
            continue
        names.setdefault(c.surface, c.type)
        if c.type == "PER" and " " in c.surface:
            last = c.surface.split()[-1]
            if len(last) >= 3 and last[:1].isupper():
                names.setdefault(last, "PER")
    cands = _short_name_mentions(text, cands, short_names, masked_spans)
    if not names:
        return cands
    taken = sorted((c.start, c.end) for c in cands)
    added = []
    for start, end, name in _occurrences(text, names, genitive=True):
        if any(s < end and start < e for s, e in taken) or any(
            s <= start < e for s, e in masked_spans
        ):
            continue
        added.append(Candidate(start, end, text[start:end], names[name]))
    return sorted(cands + added, key=lambda c: c.start)


_ACRONYM_AFTER_RE = re.compile(r"\s*\(([A-ZÄÖÜ][A-Za-zÄÖÜ0-9&]{1,7})\)")


def link_acronyms(text: str, cands: list[Candidate], masked_spans) -> list[Candidate]:
    """'Bundesvereinigung der Deutschen Arbeitgeberverbände (BDA)': every BDA is that actor."""
    links: dict[str, Candidate] = {}
    for c in cands:
        if c.type != "ORG":
            continue
        m = _ACRONYM_AFTER_RE.match(text, c.end)
        if m and m.group(1).upper() == m.group(1) and m.group(1) != c.surface:
            links.setdefault(m.group(1), c)
    if not links:
        return cands
    for acronym, long in links.items():
        key = long.canonical or long.surface
        long.canonical = key
        taken = [(c.start, c.end) for c in cands]
        for m in re.finditer(r"(?<![\w-])" + re.escape(acronym) + r"(?![\w])", text):
            if any(s <= m.start() < e for s, e in masked_spans):
                continue
            existing = next((c for c in cands if c.start == m.start() and c.end == m.end()), None)
            if existing is not None:
                existing.canonical, existing.type = key, long.type
            elif not any(s < m.end() and m.start() < e for s, e in taken):
                cands.append(Candidate(m.start(), m.end(), acronym, long.type, key, "acronym"))
    return sorted(cands, key=lambda c: c.start)


def extract_actors(
    doc, masked_spans: list[tuple[int, int]], common_nouns=None
) -> tuple[list[LocalActor], list[Mention]]:
    text = doc_text(doc)
    gaz = [
        c for c in gazetteer_candidates(text) if not any(s <= c.start < e for s, e in masked_spans)
    ]
    cands = _resolve_overlaps(doc, gaz + model_candidates(doc, masked_spans, common_nouns))
    cands = propagate_names(text, cands, masked_spans)
    cands = link_acronyms(text, cands, masked_spans)
    return cluster_mentions(doc, cands)

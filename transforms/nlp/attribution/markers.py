"""Attribution markers: "laut X", "X zufolge", "nach Angaben von X", "nach den Worten des
Richters", "aus Sicht der Polizei", "..., so die Sprecherin." Each rule finds one kind in
a sentence and says which tokens are the marker phrase and which name the source."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsfacts.transforms.nlp.attribution.context import Context, Sentence
from newsfacts.transforms.nlp.ruledata import rule_file


@dataclass
class Marker:
    start: int  # token bounds of the whole marker phrase (marker word and source)
    end: int
    source: list[int]  # tokens naming the source; empty: "Berichten zufolge"
    cue: str


@lru_cache(maxsize=1)
def _words() -> dict:
    return rule_file("cues")["markers"]


def _phrase_tokens(ctx: Context, head, stop: int) -> list[int]:
    """The noun phrase a head governs within the sentence, before token `stop`."""
    return sorted(t.i for t in head.subtree if t.i < stop and not t.is_punct)


def _phrase_top(head, before: int):
    """The noun a name hangs on as flat or apposition ('ihrem Generalsekretär Mark Rutte
    zufolge': 'Rutte' -> 'Generalsekretär'), staying before token `before`."""
    while (
        head.dep_ in ("flat", "flat:name", "appos", "compound")
        and head.head.i != head.i
        and head.head.i < before
    ):
        head = head.head
    return head


def _source_after(ctx: Context, noun, sent: Sentence) -> list[int]:
    """Who gave the Angaben: 'nach US-Angaben', 'nach Behördenangaben' (the compound
    names it), 'nach Angaben des Ministeriums', 'nach Angaben von X' (a genitive or a
    von-phrase attached to the noun; other phrases say where or what, not who)."""
    low = noun.lower_
    if "-" in noun.text or not any(
        low == w for w in _words()["nach_nouns"] + _words()["aus_nouns"]
    ):
        return [noun.i]
    for child in noun.children:
        if child.i <= noun.i or child.dep_ not in ("nmod", "nmod:poss", "appos"):
            continue
        genitive = "Gen" in child.morph.get("Case")
        von = any(g.dep_ == "case" and g.lower_ == "von" for g in child.children)
        if genitive or von:
            return _phrase_tokens(ctx, child, sent.end)
    return _genitive_after(ctx, noun, sent)


def _genitive_after(ctx: Context, noun, sent: Sentence) -> list[int]:
    """Without a usable parse: 'des/der/von' + the capitalised words right after."""
    nxt = noun.i + 1
    if nxt < sent.end and ctx.toks[nxt].lower_ in ("des", "der", "von", "eines", "einer"):
        return [nxt] + _capitalised_after(ctx, ctx.toks[nxt], sent)
    return []


def _subject_of_sentence(ctx: Context, sent: Sentence) -> list[int]:
    for tok in ctx.toks[sent.start : sent.end]:
        if tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT":
            return _phrase_tokens(ctx, tok, sent.end)
    return []


def laut(ctx: Context, sent: Sentence) -> Marker | None:
    for tok in ctx.toks[sent.start : sent.end]:
        if tok.lower_ in _words()["prepositions"] and not ctx.in_quote(tok.idx):
            head = tok.head if tok.dep_ == "case" and tok.head.i > tok.i else None
            source = (
                _phrase_tokens(ctx, head, sent.end)
                if head is not None
                else _capitalised_after(ctx, tok, sent)
            )
            source = _with_name_after(ctx, [i for i in source if i > tok.i], sent)
            if source:
                return Marker(tok.i, source[-1] + 1, source, tok.text)
    return None


def _with_name_after(ctx: Context, source: list[int], sent: Sentence) -> list[int]:
    """'laut Bürgermeister Vitali Klitschko' when the parse hangs the name elsewhere: the
    proper nouns right after the phrase belong to it."""
    if not source:
        return source
    out = list(source)
    nxt = out[-1] + 1
    while nxt < sent.end and ctx.toks[nxt].pos_ == "PROPN" and nxt - source[-1] <= 3:
        out.append(nxt)
        nxt += 1
    last = ctx.toks[out[-1]]
    for m in ctx.mentions_overlapping(last.idx, last.idx + len(last.text)):
        while out[-1] + 1 < sent.end and ctx.toks[out[-1] + 1].idx < m.end:
            out.append(out[-1] + 1)  # the rest of a name the tagger split ('Klitschko' NOUN)
    return out


def _capitalised_after(ctx: Context, tok, sent: Sentence) -> list[int]:
    """Without a parse: the determiners and capitalised words right after `tok`."""
    out = []
    for t in ctx.toks[tok.i + 1 : min(sent.end, tok.i + 6)]:
        if t.is_punct or not (t.text[:1].isupper() or t.lower_ in ("der", "des", "dem", "von")):
            break
        out.append(t.i)
    return out


def zufolge(ctx: Context, sent: Sentence) -> Marker | None:
    for tok in ctx.toks[sent.start : sent.end]:
        if tok.lower_ in _words()["postpositions"] and not ctx.in_quote(tok.idx):
            if tok.head.i < tok.i:
                head = _phrase_top(tok.head, tok.i)
                phrase = [i for i in _phrase_tokens(ctx, head, tok.i) if i >= sent.start]
            else:  # the parse hangs 'zufolge' on what follows it
                phrase = _words_before(ctx, tok, sent)
                head = _first_noun(ctx, phrase)
            if not phrase or head is None:
                return None
            source = phrase
            if head.lower_ in _words()["sourceless"] or head.lower_.endswith(
                ("angaben", "berichten")
            ):
                # "Seilers Angaben zufolge": the owner; "den Angaben zufolge": nobody named
                owner = [
                    i
                    for i in phrase
                    if i != head.i
                    and (ctx.toks[i].pos_ not in ("DET", "ADJ") or _names_an_actor(ctx, i))
                ]
                source = owner or ([] if head.lower_ in _words()["sourceless"] else [head.i])
            return Marker(phrase[0], tok.i + 1, source, tok.text)
    return None


MAX_POSTPOSED_PHRASE = 15


def _words_before(ctx: Context, tok, sent: Sentence) -> list[int]:
    """The phrase before `tok` read without a parse: 'ersten Berichten zufolge' (a
    marker noun with its determiners and adjectives), else 'einer am Montag
    veröffentlichten Umfrage der Agentur unter Volkswirten zufolge' (the words back to a
    verb, pronoun, punctuation mark or the sentence start, at most
    MAX_POSTPOSED_PHRASE)."""
    if tok.i <= sent.start:
        return []
    noun = ctx.toks[tok.i - 1]
    words = _words()
    if _is_marker_noun(noun.lower_, words["nach_nouns"] + words["sourceless"]):
        return list(range(_phrase_start(ctx, noun, sent), tok.i))
    out = []
    for t in reversed(ctx.toks[max(sent.start, tok.i - MAX_POSTPOSED_PHRASE) : tok.i]):
        if t.is_punct or t.pos_ in ("VERB", "AUX", "PRON") or ctx.in_quote(t.idx):
            break
        out.append(t.i)
    return out[::-1]


def _first_noun(ctx: Context, phrase: list[int]):
    """The head of a German noun phrase read without a parse: its first noun."""
    nouns = [ctx.toks[i] for i in phrase if ctx.toks[i].pos_ in ("NOUN", "PROPN")]
    return nouns[0] if nouns else None


def _names_an_actor(ctx: Context, i: int) -> bool:
    """'ukrainischen' in 'ukrainischen Angaben zufolge': an adjective the actor stage
    read as a country (or any token inside a mention)."""
    tok = ctx.toks[i]
    return bool(ctx.mentions_overlapping(tok.idx, tok.idx + len(tok.text)))


def _is_marker_noun(word: str, nouns: list[str]) -> bool:
    """'Angaben', 'US-Angaben', 'Behördenangaben'; a compound counts only on a noun of six
    letters or more, so that 'Soldaten' is not 'Daten' and 'Aussicht' not 'Sicht'."""
    word = word.rsplit("-", 1)[-1]
    return word in nouns or any(
        len(n) >= 6 and word.endswith(n) and len(word) >= len(n) + 3 for n in nouns
    )


def nach_angaben(ctx: Context, sent: Sentence) -> Marker | None:
    """'nach Angaben X', 'nach den Worten des Richters', 'aus Sicht der Polizei'."""
    words = _words()
    for tok in ctx.toks[sent.start : sent.end - 1]:
        kind = {"nach": "nach_nouns", "aus": "aus_nouns"}.get(tok.lower_)
        if kind is None or ctx.in_quote(tok.idx):
            continue
        if ctx.toks[tok.i + 1].lower_ in ("denen", "welchen"):
            continue  # "Berichte, nach denen ...": a relative clause, not a source
        for noun in ctx.toks[tok.i + 1 : min(tok.i + 4, sent.end)]:
            if noun.text[:1].isupper() and _is_marker_noun(noun.lower_, words[kind]):
                own = any(t.lower_.startswith("eigen") for t in ctx.toks[tok.i + 1 : noun.i])
                # "nach eigenen Angaben vertritt die GDL ...": the sentence's subject
                source = _subject_of_sentence(ctx, sent) if own else _source_after(ctx, noun, sent)
                if not source:  # "nach ukrainischen Angaben": the country speaks
                    source = [i for i in range(tok.i + 1, noun.i) if _names_an_actor(ctx, i)]
                end = noun.i + 1 if own else max([noun.i, *source]) + 1
                cue = " ".join(t.text for t in ctx.toks[tok.i : noun.i + 1])
                return Marker(tok.i, end, source, cue)
            if noun.is_punct or noun.pos_ in ("VERB", "AUX"):
                break
    return None


def so_tail(ctx: Context, sent: Sentence) -> Marker | None:
    """'..., so die Sprecherin.' / '..., so Müller weiter.': a tail naming the source."""
    toks = ctx.toks[sent.start : sent.end]
    for k, tok in enumerate(toks[1:-1], start=1):
        if (
            tok.lower_ in _words()["so"]
            and toks[k - 1].text in (",", "“", '"', "»")
            and _names_after_so(toks[k + 1])
            and not ctx.in_quote(tok.idx)
        ):
            source = [
                t.i for t in toks[k + 1 :] if not t.is_punct and t.lower_ not in ("weiter", "auch")
            ]
            if source and len(source) <= MAX_SO_TAIL:
                return Marker(toks[k - 1].i, sent.end, source, tok.text)
    return None


MAX_SO_TAIL = 20  # 'so das Ergebnis einer gestern vorgestellten Studie der Stiftung Warentest'


def _names_after_so(tok) -> bool:
    """', so die Sprecherin', ', so Müller': a name or noun phrase follows; not ', so
    dass ...', ', so wie ...', ', so lange ...'."""
    return tok.pos_ in ("DET", "PROPN", "NOUN", "ADJ", "PRON") and tok.lower_ not in (
        "dass",
        "wie",
        "lange",
        "weit",
        "viel",
        "sehr",
    )


def postposed_nach(ctx: Context, sent: Sentence) -> Marker | None:
    """'Seiner Meinung nach', 'Ersten Erkenntnissen der Polizei nach', 'Dem Vernehmen
    nach': a marker noun, then 'nach'; the owner or genitive names the source."""
    words = _words()
    nouns = words["nach_nouns"] + words["nach_postposed"]
    for tok in ctx.toks[sent.start + 1 : sent.end]:
        if tok.lower_ != "nach" or ctx.in_quote(tok.idx):
            continue
        noun = ctx.toks[tok.i - 1]
        if not (noun.text[:1].isupper() and _is_marker_noun(noun.lower_, nouns)):
            continue
        phrase = [
            t.i for t in ctx.toks[sent.start : tok.i] if t.i >= _phrase_start(ctx, noun, sent)
        ]
        owner = [i for i in phrase if i != noun.i and ctx.toks[i].pos_ not in ("ADJ", "DET", "ADP")]
        possessive = any(
            "Poss" in ctx.toks[i].morph.get("PronType")
            or ctx.toks[i].lower_.startswith(("sein", "ihr"))
            for i in phrase
        )
        source = owner or (phrase if possessive else [])
        return Marker(phrase[0], tok.i + 1, source, "nach")
    return None


def _phrase_start(ctx: Context, noun, sent: Sentence) -> int:
    """First token of the short noun phrase ending in `noun` (determiners, adjectives,
    possessives before it)."""
    start = noun.i
    while start - 1 >= sent.start and ctx.toks[start - 1].pos_ in ("DET", "ADJ", "PRON"):
        start -= 1
    return start


def pointing_adverb(ctx: Context, sent: Sentence) -> Marker | None:
    """'Demnach ...': the source the article just named goes on speaking."""
    for tok in ctx.toks[sent.start : sent.end]:
        if tok.lower_ in _words()["pointing_adverbs"] and not ctx.in_quote(tok.idx):
            return Marker(tok.i, tok.i + 1, [], tok.text)
    return None


RULES = (nach_angaben, laut, zufolge, postposed_nach, so_tail, pointing_adverb)


def find_marker(ctx: Context, sent: Sentence) -> Marker | None:
    for rule in RULES:
        marker = rule(ctx, sent)
        if marker is not None:
            return marker
    return None

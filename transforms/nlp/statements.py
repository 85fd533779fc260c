"""Statements: direct quotes and German indirect speech with resolved speakers.

Per sentence: attribution markers ("laut X", "X zufolge", "nach Angaben von X"),
speech verbs before or after their content, and Konjunktiv sentences that carry on
the last speaker's reported speech. Speakers are actors of the article; pronouns and
role phrases ("sagte der Niederländer") resolve to the most recent fitting person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfacts.transforms.nlp.actors import is_role_word
from newsfacts.transforms.nlp.doctext import doc_text
from newsfacts.transforms.nlp.lexicon import (
    ANGABEN_NOUNS,
    ATTRIBUTION_POSTPOSITIONS,
    ATTRIBUTION_PREPOSITIONS,
    CAPITAL_OF,
    GOVERNMENT_NOUNS,
    KONJUNKTIV_FORMS,
    ORG_EPITHETS,
    SPEECH_VERB_FORMS,
    SPEECH_VERBS,
)
from newsfacts.transforms.types import LocalActor, Mention, Statement

_QUOTE_RE = re.compile(
    r'„([^“”"„]{2,}?)[“”"]|"([^"\n]{2,}?)"|»([^«»]{2,}?)«|«([^«»]{2,}?)»|“([^”\n]{2,}?)”'
)
# Separable verbs count as speech only with their particle in the sentence.
_NEEDS_PARTICLE = {
    "teilen": ("mit",), "kündigen": ("an",), "sichern": ("zu",), "weisen": ("zurück", "hin"),
    "rufen": ("auf",), "stellen": ("fest", "klar"), "gehen": ("aus",), "fügen": ("hinzu",),
    "räumen": ("ein",), "geben": ("bekannt",), "rechnen": ("mit",), "werfen": ("vor",),
    "lehnen": ("ab",),
}  # fmt: skip
_FORM_LEMMA = {
    "teilte": "teilen", "teilten": "teilen", "teilt": "teilen", "kündigte": "kündigen",
    "kündigten": "kündigen", "kündigt": "kündigen", "sicherte": "sichern", "sichert": "sichern",
    "wies": "weisen", "wiesen": "weisen", "weist": "weisen", "rief": "rufen", "ruft": "rufen",
    "stellte": "stellen", "geht": "gehen", "ging": "gehen", "gingen": "gehen", "gehen": "gehen",
    "fügte": "fügen", "räumte": "räumen", "rechnet": "rechnen", "rechnete": "rechnen",
    "warf": "werfen", "warfen": "werfen", "wirft": "werfen", "lehnte": "lehnen",
    "lehnten": "lehnen", "lehnt": "lehnen",
}  # fmt: skip
_NON_SPEECH_AUX = {
    "hat",
    "haben",
    "hatte",
    "hatten",
    "ist",
    "sind",
    "war",
    "waren",
    "wurde",
    "wurden",
}


_AGE_NOUN_RE = re.compile(r"^\d{1,3}-[Jj]ährige[nr]?$")


class _Sent:
    """A sentence over tokens created once per Doc (spaCy builds a new Token per access)."""

    __slots__ = ("doc", "doc_text", "start", "end", "start_char", "end_char", "toks")

    def __init__(self, span, toks, doc_text: str):
        self.doc = span.doc
        self.doc_text = doc_text  # Doc.text rebuilds the string on every access
        self.start, self.end = span.start, span.end
        self.start_char, self.end_char = span.start_char, span.end_char
        self.toks = toks[span.start : span.end]

    def __iter__(self):
        return iter(self.toks)

    def __getitem__(self, i):
        return self.toks[i]

    @property
    def text(self) -> str:
        return self.doc_text[self.start_char : self.end_char]


@dataclass
class _Speech:
    speaker: int | None
    cue: str


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the inside of each quotation in `text`."""
    spans = []
    for m in _QUOTE_RE.finditer(text):
        g = next(i for i in range(1, 6) if m.group(i) is not None)
        spans.append((m.start(g), m.end(g)))
    return spans


def _in_spans(pos: int, spans) -> bool:
    return bool(spans) and any(s <= pos < e for s, e in spans)


class _SpeakerIndex:
    """Actor mentions of one article by position, for speaker lookups."""

    def __init__(self, actors: list[LocalActor], mentions: list[Mention]):
        self.actors = actors
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.by_name = {a.name: i for i, a in enumerate(actors)}

    def in_range(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def starting_at(self, pos: int) -> Mention | None:
        return next((m for m in self.mentions if m.start == pos), None)

    def last_before(
        self, pos: int, type_: str | None = None, role_word: str | None = None
    ) -> int | None:
        best = None
        for m in self.mentions:
            if m.start >= pos:
                break
            actor = self.actors[m.actor]
            if type_ and actor.type != type_:
                continue
            best = m.actor
            if role_word and actor.role and role_word.lower() in actor.role.lower():
                return m.actor
        return best


def _is_cue(tok, sent_lowers: set[str]) -> bool:
    low = tok.lower_
    lemma = tok.lemma_.lower() if tok.lemma_ else ""
    if tok.pos_ in ("NOUN", "PROPN", "ADJ", "DET", "ADP") or (
        tok.text[:1].isupper() and not tok.is_sent_start
    ):
        return False
    if tok.i > 0 and tok.doc[tok.i - 1].lower_ == "zu" and "Inf" in tok.morph.get("VerbForm"):
        return False  # "sich geweigert, Berichte zu dementieren": a complement, not speech
    base = _FORM_LEMMA.get(low) or (lemma if lemma in SPEECH_VERBS else None)
    if base is None and low not in SPEECH_VERB_FORMS and lemma not in SPEECH_VERBS:
        return False
    base = base or lemma or low
    if base in _NEEDS_PARTICLE:
        return any(p in sent_lowers for p in _NEEDS_PARTICLE[base])
    if base == "sprechen":  # "sprach von einem Erfolg", not "Gründe sprechen dagegen"
        following = [t.lower_ for t in tok.doc[tok.i + 1 : tok.i + 4]]
        return "von" in following or "über" in following
    return True


def _cue_text(tok, sent) -> str:
    lemma = _FORM_LEMMA.get(tok.lower_) or tok.lemma_.lower()
    particles = _NEEDS_PARTICLE.get(lemma, ())
    for t in sent:
        if t.i > tok.i and t.lower_ in particles:
            return f"{tok.text} {t.text}"
    return tok.text


def _redirect_capital(m: Mention, index: _SpeakerIndex, toks) -> int:
    """'die Regierung in Kiew' speaks for Ukraine, when the article names Ukraine."""
    name = index.actors[m.actor].name
    country = CAPITAL_OF.get(name)
    if country is None or country not in index.by_name:
        return m.actor
    before = [t for t in toks if t.idx < m.start][-3:]
    if any(t.lower_ in GOVERNMENT_NOUNS for t in before):
        return index.by_name[country]
    return m.actor


def _resolve_noun_phrase(toks_after, cue_pos: int, sent, index: _SpeakerIndex, last_speaker):
    """Speaker named by a noun phrase after the verb: 'sagte der 65-Jährige', 'sagte die
    Nato', 'schrieb der Stabschef von X, Andrij Jermak', 'sagte eine Pendlerin'."""
    article = toks_after[0].lower_
    head = None
    for k, t in enumerate(toks_after[1:8], start=1):
        m = index.starting_at(t.idx)
        if m is not None and m.surface[:1].isupper() and m.end >= t.idx + len(t.text):
            return _redirect_capital(m, index, sent.toks), True  # "sagte die Nato"
        if _AGE_NOUN_RE.match(t.text):
            head = (k, t)  # "der 54-Jährige"
            break
        if t.pos_ in ("ADJ", "NUM") or t.is_lower and not t.is_punct:
            continue  # "der frühere niederländische ..."
        if t.text[:1].isupper():
            head = (k, t)
            break
        break
    if head is None:
        return None, False
    k, t = head
    # an apposition naming the person: "der Stabschef von Präsident X, Andrij Jermak"
    rest = toks_after[k + 1 : k + 12]
    for j, r in enumerate(rest):
        if r.text == "," and j + 1 < len(rest):
            m = index.starting_at(rest[j + 1].idx)
            if m is not None and index.actors[m.actor].type == "PER":
                return m.actor, True
            break
        if r.is_punct:
            break
    if article in ("ein", "eine", "einer", "eines"):
        return None, True  # "sagte eine Pendlerin": someone the article does not name
    if t.lower_ in ORG_EPITHETS:
        return index.last_before(cue_pos, type_="ORG"), True
    if (
        last_speaker is not None
        and index.actors[last_speaker].type == "PER"
        and not is_role_word(t.text)
    ):
        return last_speaker, True  # "der Niederländer", "der 65-Jährige": the person speaking
    return index.last_before(
        cue_pos, type_="PER", role_word=t.text if is_role_word(t.text) else None
    ), True


def _adjectival(m: Mention, index: _SpeakerIndex) -> bool:
    """'Deutsche' in 'Der Deutsche Städtetag': an adjective naming a place, not a subject."""
    actor = index.actors[m.actor]
    if m.surface[:1].islower():
        return True
    surface, name = m.surface.casefold(), actor.name.casefold()
    return (
        actor.type == "LOC"
        and surface not in (name, name + "s")
        and surface.endswith(("e", "en", "er", "es", "em"))
        and not name.endswith(("e", "en", "er", "es", "em"))
    )


def _subject_before(
    sent, cue_tok, index: _SpeakerIndex, last_speaker=None
) -> tuple[int | None, bool]:
    """The speaker in the sentence's opening noun phrase ('Russlands Präsident X sagte')."""
    opening = []
    for t in sent:
        if t.i >= cue_tok.i or t.pos_ in ("VERB", "AUX"):
            break
        opening.append(t)
    if opening:
        mentions = [
            m
            for m in index.in_range(opening[0].idx, opening[-1].idx + len(opening[-1].text))
            if not _adjectival(m, index)
        ]
        persons = [m for m in mentions if index.actors[m.actor].type == "PER"]
        if persons:
            return persons[0].actor, True
        if mentions:
            return _redirect_capital(mentions[0], index, sent.toks), True
        first = opening[0].lower_
        if first in ("er", "sie") and len(opening) == 1:
            return _pronoun_speaker(first, sent, index, last_speaker), True
        if any(t.lower_ in ORG_EPITHETS for t in opening[:3]) and opening[0].lower_ in (
            "der",
            "die",
            "das",
        ):
            return index.last_before(sent.start_char, type_="ORG"), True
    before = index.in_range(sent.start_char, cue_tok.idx)
    if before:
        return _redirect_capital(before[-1], index, sent.toks), True
    return None, False


def _pronoun_speaker(pronoun: str, sent, index: _SpeakerIndex, last_speaker) -> int | None:
    """'er'/'sie' in reported speech: the current speaker, else the last person before."""
    if last_speaker is not None:
        kind = index.actors[last_speaker].type
        if pronoun == "sie" or kind == "PER":
            return last_speaker
    return index.last_before(sent.start_char, type_="PER")


def _speaker_near(
    sent, cue_tok, index: _SpeakerIndex, prefer_after: bool, last_speaker=None
) -> tuple[int | None, bool]:
    """(speaker actor, found) for a speech verb: subject after ('sagte Rutte') or before."""
    toks_after = [t for t in sent if t.i > cue_tok.i][:12]
    first_after = toks_after[0].lower_ if toks_after else ""
    if first_after in ("er", "sie"):
        return _pronoun_speaker(first_after, sent, index, last_speaker), True
    if first_after == "es" and not index.in_range(sent.start_char, cue_tok.idx):
        # "hieß es (in einer Erklärung des Bündnisses)": a named source, or none
        window = toks_after[1:10]
        for k, t in enumerate(window):
            m = index.starting_at(t.idx)
            if m is not None:
                return m.actor, True
            if t.lower_ in ORG_EPITHETS:
                return index.last_before(cue_tok.idx, type_="ORG"), True
            if t.lower_ == "in" and k + 1 < len(window) and window[k + 1].lower_ in ("der", "dem"):
                return last_speaker, True  # "heißt es in der Erklärung": the one just cited
            if t.is_punct:
                break
        return None, True
    if prefer_after or not index.in_range(sent.start_char, cue_tok.idx):
        if first_after in ("der", "die", "das", "des", "ein", "eine", "einer"):
            speaker, found = _resolve_noun_phrase(
                toks_after, cue_tok.idx, sent, index, last_speaker
            )
            if found:
                return speaker, True
        near = [index.starting_at(t.idx) for t in toks_after[:3]]
        near = [m for m in near if m is not None]
        # "sagte US-Außenamtssprecher Vedant Patel": the person, not the "US" prefix
        person = next((m for m in near if index.actors[m.actor].type == "PER"), None)
        m = person or (near[0] if near and near[0].start == toks_after[0].idx else None)
        if m is not None:
            return _redirect_capital(m, index, sent.toks), True
    speaker, found = _subject_before(sent, cue_tok, index, last_speaker)
    if found:
        return speaker, True
    after = index.in_range(cue_tok.idx, sent.end_char)
    if after:
        return after[0].actor, True
    return None, False


def _trim(text: str) -> str:
    return text.strip(' ,:;–-\n"„“»«').rstrip(".")


def _statement(text: str, start: int, end: int, mode: str, cue, speaker) -> Statement | None:
    """A statement over text[start:end], trimmed, keeping offsets exact."""
    raw = text[start:end]
    content = _trim(raw)
    if len(content.split()) < 2:
        return None
    offset = start + raw.find(content)
    return Statement(mode, content, offset, offset + len(content), cue, speaker)


def _marker_statement(sent, index: _SpeakerIndex, quotes, last_speaker=None) -> Statement | None:
    """'laut X ...', '... X zufolge', 'nach Angaben von X ...', 'nach US-Angaben ...'."""
    toks = list(sent)
    for k, tok in enumerate(toks):
        if _in_spans(tok.idx, quotes):
            continue
        low = tok.lower_
        marker = None
        if low in ATTRIBUTION_PREPOSITIONS and k + 1 < len(toks):
            end = k + 1
            while (
                end < len(toks)
                and end < k + 5
                and not toks[end].is_punct
                and (
                    toks[end].text[:1].isupper() or toks[end].lower_ in ("der", "des", "dem", "von")
                )
            ):
                end += 1
            marker = (k, end, tok.text)
        elif low == "nach" and k + 1 < len(toks):
            a = k + 1
            while (
                a < len(toks) - 1
                and a < k + 3
                and toks[a].is_lower
                and toks[a].lower_ not in ANGABEN_NOUNS
            ):
                a += 1  # "nach eigenen Angaben", "nach ersten offiziellen Angaben"
            nxt = toks[a]
            if nxt.lower_ in ANGABEN_NOUNS or nxt.lower_.rsplit("-", 1)[-1] in ANGABEN_NOUNS:
                end = a + 1
                while (
                    end < len(toks)
                    and end < k + 7
                    and not toks[end].is_punct
                    and (
                        toks[end].text[:1].isupper()
                        or toks[end].lower_ in ("der", "des", "dem", "von", "eines", "einer")
                    )
                ):
                    end += 1
                marker = (k, end, _join_tokens(toks[k : a + 1]))
        elif low in ATTRIBUTION_POSTPOSITIONS:
            begin = k
            while (
                begin - 1 >= 0
                and not toks[begin - 1].is_punct
                and k - begin < 5
                and (
                    toks[begin - 1].text[:1].isupper()
                    or toks[begin - 1].lower_ in ("der", "dem", "des", "den", "ihrem", "seinem")
                )
            ):
                begin -= 1
            marker = (begin, k + 1, tok.text)
        if marker is None:
            continue
        m_start, m_end, cue = marker
        phrase_start = toks[m_start].idx
        phrase_end = toks[m_end - 1].idx + len(toks[m_end - 1].text)
        # a name that starts inside the phrase belongs to it: "des Instituts der deutschen Wirtschaft"
        reaching = [m for m in index.mentions if phrase_start <= m.start < phrase_end]
        if reaching and low not in ATTRIBUTION_POSTPOSITIONS:
            phrase_end = max(phrase_end, max(m.end for m in reaching))
            paren = re.match(r"\s*\([^)]{1,12}\)", sent.doc_text[phrase_end : phrase_end + 16])
            if paren:
                phrase_end += paren.end()  # "(IW)"
        speakers = index.in_range(phrase_start, phrase_end)
        if not speakers and any(t.lower_ == "eigenen" for t in toks[m_start:m_end]):
            # "nach eigenen Angaben hat die Initiative ...": the sentence's subject
            speakers = index.in_range(phrase_end, sent.end_char)[:1]
        whole = [m for m in speakers if sent.doc_text[m.end : m.end + 1] != "-"]
        speakers = whole or speakers  # "der EU-Asylagentur EUAA": not the "EU" prefix
        if speakers:
            speaker = speakers[-1].actor if low in ATTRIBUTION_POSTPOSITIONS else speakers[0].actor
        elif _phrase_head(toks, m_start, m_end, low) in ORG_EPITHETS:
            speaker = index.last_before(phrase_start, type_="ORG")  # "dem Verband zufolge"
            if speaker is None:
                continue
        elif last_speaker is not None and _phrase_head(toks, m_start, m_end, low) in ANGABEN_NOUNS:
            speaker = last_speaker  # "den Angaben zufolge": the source just quoted
        else:
            continue
        text = sent.doc_text
        # the proposition is the sentence around the marker; at an edge, the other side
        if phrase_start - sent.start_char < 3:
            return _statement(text, phrase_end, sent.end_char, "indirect", cue, speaker)
        if sent.end_char - phrase_end < 3:
            return _statement(text, sent.start_char, phrase_start, "indirect", cue, speaker)
        return _statement(text, sent.start_char, sent.end_char, "indirect", cue, speaker)
    return None


def _phrase_head(toks, m_start: int, m_end: int, marker: str) -> str:
    """The last noun of a marker phrase, lower-cased: 'Angaben' in 'den Angaben zufolge',
    'Verbands' in 'nach Angaben des Verbands' (a genitive name after it would follow)."""
    words = [t for t in toks[m_start:m_end] if t.lower_ not in ATTRIBUTION_POSTPOSITIONS]
    return words[-1].lower_ if words else ""


def _join_tokens(toks) -> str:
    return " ".join(t.text for t in toks)


def _konjunktiv_one(tok) -> bool:
    """Konjunktiv I by form, where the tagger says indicative: stem + e ('bedeute',
    'beobachte', 'gehe'), not the indicative -t ('bedeutet'). First person singular has
    the same form, but first person lives in direct quotes, which are skipped."""
    lemma = tok.lemma_.lower()
    text = tok.lower_
    if "Fin" not in tok.morph.get("VerbForm"):
        return False
    if lemma.endswith("en") and text == lemma[:-2] + "e":
        return True
    return lemma.endswith(("eln", "ern")) and text == lemma[:-3] + lemma[-2] + "e"


def _is_konjunktiv(sent, quotes) -> bool:
    return _is_konjunktiv_tokens(list(sent), quotes)


def _is_konjunktiv_tokens(tokens, quotes) -> bool:
    for tok in tokens:
        if _in_spans(tok.idx, quotes):
            continue
        weak_past = tok.lower_.endswith(("te", "ten", "test", "tet"))  # "fehlten": also indicative
        if tok.pos_ in ("VERB", "AUX") and (
            ("Sub" in tok.morph.get("Mood") and not weak_past) or _konjunktiv_one(tok)
        ):
            return True
        if (
            tok.lower_ in KONJUNKTIV_FORMS
            and not tok.is_sent_start
            and tok.pos_ in ("VERB", "AUX", "")
        ):
            return True
    return False


def _mention_before_colon(lead: str, offset: int, index: _SpeakerIndex) -> int | None:
    """The actor named right before the colon that introduces a quote, if any."""
    if not lead.endswith(":"):
        return None
    end = offset + len(lead) - 1
    m = next((m for m in index.mentions if m.end == end), None)
    return m.actor if m is not None and m.surface[:1].isupper() else None


def _clausal_quote(text: str, q: tuple[int, int], sent) -> bool:
    """A quote that is a statement of its own: it opens the sentence or follows ':' or a
    speech verb; quoted words inside running text are part of the sentence instead."""
    before = text[sent.start_char : q[0] - 1].rstrip()
    return not before or before.endswith((":", ",", ".", "!", "?")) or before[-1:] in '„"»«“'


def _find_cue(sents_toks, lowers, quotes):
    return next(
        (t for t in sents_toks if not _in_spans(t.idx, quotes) and _is_cue(t, lowers)), None
    )


def extract_statements(
    doc, actors: list[LocalActor], mentions: list[Mention], masked_spans, sentences=None, toks=None
) -> list[Statement]:
    text = doc_text(doc)
    index = _SpeakerIndex(actors, mentions)
    quotes = [q for q in quote_spans(text) if not _in_spans(q[0], masked_spans)]
    statements: list[Statement] = []
    last: _Speech | None = None
    covered_until = -1  # end of the last direct quote; sentences inside it are done
    colon_speech: _Speech | None = None  # a speech verb whose sentence ended with ':'

    toks = toks if toks is not None else list(doc)
    sents = [
        _Sent(span, toks, text) for span in (sentences if sentences is not None else doc.sents)
    ]
    for si, sent in enumerate(sents):
        announced, colon_speech = colon_speech, None
        if _in_spans(sent.start_char, masked_spans) or not sent.text.strip():
            continue
        if sent.start_char < covered_until:
            continue  # inside (or the attribution tail of) a quote already taken
        lowers = {t.lower_ for t in sent}
        # 1. direct quotes that open a clause, attributed by a cue outside the quote
        direct = [
            q
            for q in quotes
            if sent.start_char <= q[0] < sent.end_char
            and len(text[q[0] : q[1]].split()) >= 3
            and _clausal_quote(text, q, sent)
        ]
        if direct:
            for q in direct:
                # the attribution follows the quote (", sagte X") or precedes it ("X sagte:")
                end_sent = next((x for x in sents[si:] if x.start_char <= q[1] <= x.end_char), sent)
                cue_tok = _find_cue(
                    [t for t in end_sent if t.idx >= q[1]],
                    lowers | {t.lower_ for t in end_sent},
                    quotes,
                )
                where = end_sent
                if cue_tok is None:
                    cue_tok = _find_cue([t for t in sent if t.idx < q[0]], lowers, quotes)
                    where = sent
                lead = text[sent.start_char : q[0] - 1].rstrip()
                named = _mention_before_colon(lead, sent.start_char, index)
                if named is not None:
                    speaker, cue = named, ":"  # 'Selenskyj: "11.000 Nordkoreaner ..."'
                elif cue_tok is not None:
                    speaker, _ = _speaker_near(
                        where, cue_tok, index, cue_tok.idx > q[1], last.speaker if last else None
                    )
                    cue = _cue_text(cue_tok, where)
                elif last is not None:
                    speaker, cue = last.speaker, last.cue  # a quote that carries on
                else:
                    speaker, cue = None, None
                st = _statement(text, q[0], q[1], "direct", cue, speaker)
                if st is not None:
                    statements.append(st)
                    last = _Speech(speaker, cue) if (speaker is not None or cue) else last
                covered_until = max(covered_until, where.end_char if cue_tok is not None else q[1])
            continue
        # 2. "Das geht aus dem Bericht des X hervor" / "…, wie aus dem Bericht des X hervorgeht"
        sourced = _hervorgehen(sent, sents[si - 1] if si > 0 else None, index, lowers)
        if sourced is not None:
            statements.append(sourced)
            last = _Speech(sourced.speaker, sourced.cue)
            continue
        # 2b. attribution markers
        marked = _marker_statement(sent, index, quotes, last.speaker if last else None)
        if marked is not None:
            statements.append(marked)
            last = _Speech(marked.speaker, marked.cue or "")
            continue
        # 3. speech verbs
        cue_tok = _find_cue(list(sent), lowers, quotes)
        if cue_tok is not None and cue_tok.lower_ not in _NON_SPEECH_AUX:
            prev = toks[cue_tok.i - 1] if cue_tok.i > sent.start else None
            cue_after_content = (
                prev is not None
                and prev.text in (",", "“", '"', "»", "«")
                and not _opens_with_apposition(sent, prev, index)
            )
            wie = _wie_clause(sent, cue_tok, toks, index)
            if wie is not None:
                # "…, wie Bundeskanzler Karl Nehammer ankündigte": content before the comma
                comma, clause_mentions = wie
                persons = [m for m in clause_mentions if index.actors[m.actor].type == "PER"]
                chosen = (persons or clause_mentions or [None])[0]
                st = _statement(
                    text,
                    sent.start_char,
                    comma.idx,
                    "indirect",
                    _cue_text(cue_tok, sent),
                    chosen.actor if chosen else None,
                )
                if st is not None and chosen is not None:
                    statements.append(st)
                    last = _Speech(st.speaker, st.cue)
                    continue
            speaker, found = _speaker_near(
                sent, cue_tok, index, cue_after_content, last.speaker if last else None
            )
            if found:
                st = None
                if cue_after_content:
                    st = _statement(text, sent.start_char, prev.idx, "indirect", None, speaker)
                else:
                    # content after the first comma/colon following the verb, else the rest
                    rest = [t for t in sent if t.i > cue_tok.i and not _in_spans(t.idx, quotes)]
                    sep = next((t for t in rest if t.text in (",", ":")), None)
                    announced_clause = (
                        _statement(text, sep.idx + 1, sent.end_char, "indirect", None, speaker)
                        if sep is not None and sep.text == ":"
                        else None
                    )
                    if announced_clause is not None and sep.i - cue_tok.i > 2:
                        # "warnte vor neuen Schulden: Die Stadt könne ...": object, then clause
                        obj = _statement(
                            text,
                            cue_tok.idx + len(cue_tok.text),
                            sep.idx,
                            "indirect",
                            None,
                            speaker,
                        )
                        if obj is not None:
                            obj.cue = _cue_text(cue_tok, sent)
                            statements.append(obj)
                        st = announced_clause
                    elif sep is not None and _reported_clause_follows(sent, cue_tok, sep, quotes):
                        st = _statement(text, sep.idx + 1, sent.end_char, "indirect", None, speaker)
                    if st is None:
                        st = _content_without(sent, cue_tok, index, speaker)
                    if sent.text.rstrip().endswith(":"):
                        colon_speech = _Speech(speaker, _cue_text(cue_tok, sent))
                if st is not None:
                    st.cue = _cue_text(cue_tok, sent)
                    statements.append(st)
                    last = _Speech(speaker, st.cue)
                    continue
        # 4. what a colon announced ("warnte er: ..."), or a Konjunktiv continuation
        if announced is not None:
            st = _statement(
                text, sent.start_char, sent.end_char, "indirect", announced.cue, announced.speaker
            )
            if st is not None:
                statements.append(st)
                continue
        if last is not None and last.cue and _is_konjunktiv(sent, quotes):
            st = _statement(
                text, sent.start_char, sent.end_char, "indirect", last.cue, last.speaker
            )
            if st is not None:
                statements.append(st)
                continue
        if cue_tok is None:
            last = None
    return statements


def _hervorgehen(sent, previous, index: _SpeakerIndex, lowers: set[str]) -> Statement | None:
    """A source named by 'hervorgehen': 'Das geht aus dem Bericht der AVK hervor' credits
    the previous sentence; '…, wie aus dem Bericht hervorgeht' credits the clause before."""
    if "hervor" not in lowers and "hervorgeht" not in lowers and "hervorging" not in lowers:
        return None
    if "aus" not in lowers:
        return None
    names = [m for m in index.in_range(sent.start_char, sent.end_char) if not _adjectival(m, index)]
    # the source is the organisation or person named, not the place of the press conference
    names.sort(key=lambda m: index.actors[m.actor].type == "LOC")
    speaker = names[0].actor if names else None
    text = sent.doc_text
    first = sent[0].lower_
    if first in ("das", "dies") and previous is not None:
        return _statement(
            text, previous.start_char, previous.end_char, "indirect", "geht hervor", speaker
        )
    toks = list(sent)
    for i, t in enumerate(toks[1:-1], start=1):
        if t.lower_ == "wie" and toks[i - 1].text == "," and toks[i + 1].lower_ == "aus":
            names = [m for m in index.in_range(t.idx, sent.end_char) if not _adjectival(m, index)]
            names.sort(key=lambda m: index.actors[m.actor].type == "LOC")
            if not names:
                return None
            return _statement(
                text, sent.start_char, toks[i - 1].idx, "indirect", "hervorgeht", names[0].actor
            )
    return None


def _wie_clause(sent, cue_tok, toks, index: _SpeakerIndex):
    """(comma, mentions) of a ', wie X mitteilte' clause ending at the speech verb."""
    start = max(sent.start, cue_tok.i - 10)
    for i in range(cue_tok.i - 1, start, -1):
        if toks[i].lower_ == "wie" and toks[i - 1].text == ",":
            return toks[i - 1], index.in_range(toks[i].idx, cue_tok.idx)
    return None


def _opens_with_apposition(sent, comma, index: _SpeakerIndex) -> bool:
    """'Bernd Müller, der frühere Bürgermeister, nannte ...' or 'Der Leiter des Amtes,
    Andrij Jermak, warnte ...': what precedes the comma is a subject, not a clause."""
    before = [t for t in sent if t.idx < comma.idx]
    if any(t.pos_ in ("VERB", "AUX") for t in before):
        return False
    return bool(index.in_range(sent.start_char, comma.idx))


def _reported_clause_follows(sent, cue_tok, sep, quotes) -> bool:
    """Is what follows the comma the reported clause ('sagte am Montag, X sei ...'),
    rather than the rest of an object ('kritisierte Schlupflöcher, etwa für ...')?"""
    if sep.text == ":" or sep.i - cue_tok.i <= 3:
        return True
    if sep.i - cue_tok.i > 30:
        return False
    clause = [t for t in sent if t.i > sep.i]
    if clause and clause[0].lower_ in ("dass", "ob", "wie", "man", "es", "er", "sie"):
        return True
    return _is_konjunktiv_tokens(clause, quotes)


def _content_without(sent, cue_tok, index: _SpeakerIndex, speaker) -> Statement | None:
    """Verb-object statements ('X warnte vor Y'): the longest run of the sentence that
    leaves out the speaker's mention, the speech verb and auxiliaries."""
    skip = {
        (m.start, m.end) for m in index.in_range(sent.start_char, cue_tok.idx) if m.actor == speaker
    }
    pieces = [
        t
        for t in sent
        if t.i != cue_tok.i
        and t.lower_ not in _NON_SPEECH_AUX
        and not (t.idx < cue_tok.idx and any(s <= t.idx < e for s, e in skip))
    ]
    if not pieces:
        return None
    runs, cur = [], [pieces[0]]
    for a, b in zip(pieces, pieces[1:], strict=False):
        if b.i == a.i + 1:
            cur.append(b)
        else:
            runs.append(cur)
            cur = [b]
    runs.append(cur)
    after = [r for r in runs if r[0].i > cue_tok.i and len(r) >= 2]
    # "X verurteilt Y": the object after the verb; "X hat Y verurteilt": the run before
    best = after[0] if after else max(runs, key=len)
    return _statement(
        sent.doc_text, best[0].idx, best[-1].idx + len(best[-1].text), "indirect", None, speaker
    )

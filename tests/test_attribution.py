"""Attribution rules on hand-built Docs: words, POS, morphology, heads and relations as a
parser would give them, actors and mentions as the actor stage would. No trained model
is involved, so a retrained pipeline cannot turn these red."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from newsfacts.transforms.nlp import attribution as A
from newsfacts.transforms.nlp.attribution import cues as C
from newsfacts.transforms.nlp.attribution import extract_statements
from newsfacts.transforms.nlp.attribution import markers as M
from newsfacts.transforms.nlp.attribution import sources as SRC
from newsfacts.transforms.nlp.attribution import speakers as S
from newsfacts.transforms.nlp.attribution.context import Context
from newsfacts.transforms.nlp.lemmas import NounLemmatizer
from newsfacts.transforms.nlp.speech import SpeechEvent
from newsfacts.transforms.types import LocalActor, Mention


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("de").vocab


def doc_of(vocab, rows, sent_starts=None, cues=()):
    """rows: (word, pos, head index, relation[, morph[, lemma]]); cues: token ranges
    the speech component would mark CUE."""
    words = [r[0] for r in rows]
    doc = Doc(
        vocab,
        words=words,
        spaces=[not (i + 1 < len(words) and words[i + 1] in ".,:;") for i in range(len(words))],
        pos=[r[1] for r in rows],
        heads=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        morphs=[r[4] if len(r) > 4 else "" for r in rows],
        lemmas=[r[5] if len(r) > 5 else r[0] for r in rows],
        sent_starts=sent_starts or [i == 0 for i in range(len(words))],
    )
    doc.spans["speech"] = [Span(doc, s, e, label="CUE") for s, e in cues]
    return doc


def context(doc, actors):
    """actors: (name, type, [(first token, end token), ...]) -> Context with mentions."""
    local, mentions = [], []
    for i, (name, kind, spans) in enumerate(actors):
        local.append(LocalActor(name=name, type=kind))
        for start, end in spans:
            span = doc[start:end]
            mentions.append(Mention(i, span.text, span.start_char, span.end_char))
    return Context.build(doc, local, mentions, [])


def name_of(ctx, actor):
    return None if actor is None else ctx.actors[actor].name


# --- speakers -------------------------------------------------------------------------


def test_a_name_in_apposition_speaks_for_a_role_phrase(vocab):
    # sagte der Chefvolkswirt von HQ Trust , Michael Heise
    rows = [
        ("sagte", "VERB", 0, "ROOT"),
        ("der", "DET", 2, "det"),
        ("Chefvolkswirt", "NOUN", 0, "nsubj"),
        ("von", "ADP", 4, "case"),
        ("HQ", "PROPN", 2, "nmod"),
        ("Trust", "PROPN", 4, "flat"),
        (",", "PUNCT", 7, "punct"),
        ("Michael", "PROPN", 2, "appos"),
        ("Heise", "PROPN", 7, "flat"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(doc, [("HQ Trust", "ORG", [(4, 6)]), ("Michael Heise", "PER", [(7, 9)])])
    assert name_of(ctx, S.resolve_speaker(ctx, [1, 2, 3, 4, 5], 0)) == "Michael Heise"


def test_the_party_of_a_person_noun_is_not_the_speaker(vocab):
    # Lindner ... sagte der FDP-Chef
    rows = [
        ("Lindner", "PROPN", 1, "nsubj"),
        ("kam", "VERB", 1, "ROOT"),
        (".", "PUNCT", 1, "punct"),
        ("Das", "PRON", 4, "nsubj"),
        ("reicht", "VERB", 4, "ROOT"),
        (",", "PUNCT", 6, "punct"),
        ("sagte", "VERB", 4, "parataxis"),
        ("der", "DET", 8, "det"),
        ("FDP-Chef", "NOUN", 6, "nsubj"),
    ]
    doc = doc_of(vocab, rows, sent_starts=[i in (0, 3) for i in range(len(rows))])
    ctx = context(doc, [("Christian Lindner", "PER", [(0, 1)]), ("FDP", "ORG", [(8, 9)])])
    cue_pos = doc[6].idx
    assert name_of(ctx, S.resolve_speaker(ctx, [7, 8], cue_pos)) == "Christian Lindner"


def test_a_relative_pronoun_speaks_for_its_antecedent(vocab):
    # Haseloff ( CDU ) , der auf Hilfe hofft
    rows = [
        ("Haseloff", "PROPN", 0, "ROOT"),
        ("(", "PUNCT", 2, "punct"),
        ("CDU", "PROPN", 0, "appos"),
        (")", "PUNCT", 2, "punct"),
        (",", "PUNCT", 8, "punct"),
        ("der", "PRON", 8, "nsubj", "PronType=Rel"),
        ("auf", "ADP", 7, "case"),
        ("Hilfe", "NOUN", 8, "obl"),
        ("hofft", "VERB", 0, "acl:relcl", "VerbForm=Fin", "hoffen"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(doc, [("Reiner Haseloff", "PER", [(0, 1)]), ("CDU", "ORG", [(2, 3)])])
    assert name_of(ctx, S.resolve_speaker(ctx, [5], doc[8].idx)) == "Reiner Haseloff"


def test_a_demonym_noun_is_a_person_the_article_spoke_of(vocab):
    # Rutte kam . „ ... “ , forderte der Niederländer
    rows = [
        ("Rutte", "PROPN", 1, "nsubj"),
        ("kam", "VERB", 1, "ROOT"),
        (".", "PUNCT", 1, "punct"),
        ("Mehr", "PRON", 4, "obj"),
        ("tun", "VERB", 4, "ROOT"),
        (",", "PUNCT", 6, "punct"),
        ("forderte", "VERB", 4, "parataxis"),
        ("der", "DET", 8, "det"),
        ("Niederländer", "NOUN", 6, "nsubj"),
    ]
    doc = doc_of(vocab, rows, sent_starts=[i in (0, 3) for i in range(len(rows))])
    ctx = context(doc, [("Mark Rutte", "PER", [(0, 1)])])
    assert S.is_demonym_noun(doc[8])
    assert name_of(ctx, S.resolve_speaker(ctx, [7, 8], doc[6].idx)) == "Mark Rutte"


def test_an_unnamed_spokesman_speaks_for_the_institution_in_his_compound(vocab):
    rows = [
        ("Ein", "DET", 1, "det"),
        ("Polizeisprecher", "NOUN", 2, "nsubj"),
        ("sagte", "VERB", 2, "ROOT"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(doc, [])
    actor = S.resolve_speaker(ctx, [0, 1], doc[2].idx)
    assert name_of(ctx, actor) == "Polizei" and ctx.actors[actor].type == "ORG"
    assert any(m.actor == actor and m.surface == "Polizeisprecher" for m in ctx.mentions)


def test_vague_compounds_name_nobody(vocab):
    doc = doc_of(vocab, [("Behördenangaben", "NOUN", 0, "ROOT")])
    ctx = context(doc, [])
    assert S.resolve_speaker(ctx, [0], 0) is None


def test_an_office_named_by_a_genitive_speaks_for_its_institution(vocab):
    # ein Sprecher des Gesundheitsministeriums
    rows = [
        ("ein", "DET", 1, "det"),
        ("Sprecher", "NOUN", 1, "ROOT"),
        ("des", "DET", 3, "det", "Case=Gen"),
        ("Gesundheitsministeriums", "NOUN", 1, "nmod", "Case=Gen", "Gesundheitsministerium"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(doc, [])
    assert name_of(ctx, S.resolve_speaker(ctx, [0, 1, 2, 3], 0)) == "Gesundheitsministerium"


def test_a_dative_after_a_person_is_the_addressee_not_the_office(vocab):
    # Middelberg kam . ... sagte der CDU-Politiker der Deutschen Presse-Agentur
    rows = [
        ("Middelberg", "PROPN", 1, "nsubj"),
        ("kam", "VERB", 1, "ROOT"),
        (".", "PUNCT", 1, "punct"),
        ("sagte", "VERB", 3, "ROOT"),
        ("der", "DET", 5, "det"),
        ("CDU-Politiker", "NOUN", 3, "nsubj"),
        ("der", "DET", 8, "det", "Case=Dat"),
        ("Deutschen", "ADJ", 8, "amod", "Case=Dat"),
        ("Presse-Agentur", "PROPN", 5, "nmod", "Case=Dat"),
    ]
    doc = doc_of(vocab, rows, sent_starts=[i in (0, 3) for i in range(len(rows))])
    ctx = context(
        doc,
        [
            ("Mathias Middelberg", "PER", [(0, 1)]),
            ("CDU", "ORG", [(5, 6)]),
            ("Deutsche Presse-Agentur", "ORG", [(7, 9)]),
        ],
    )
    assert name_of(ctx, S.resolve_speaker(ctx, [4, 5, 6, 7, 8], doc[3].idx)) == (
        "Mathias Middelberg"
    )


def test_a_document_speaks_for_the_actor_speaking_before(vocab):
    doc = doc_of(vocab, [("der", "DET", 1, "det"), ("Erklärung", "NOUN", 1, "ROOT")])
    ctx = context(doc, [("Nato", "ORG", [])])

    class Chain:
        speaker = 0

    assert name_of(ctx, S.resolve_speaker(ctx, [0, 1], 0, Chain())) == "Nato"


def test_the_government_in_a_capital_speaks_for_its_country(vocab):
    # Die Ukraine ... Die Regierung in Kiew erklärte
    rows = [
        ("Ukraine", "PROPN", 1, "nsubj"),
        ("kämpft", "VERB", 1, "ROOT"),
        (".", "PUNCT", 1, "punct"),
        ("Die", "DET", 4, "det"),
        ("Regierung", "NOUN", 7, "nsubj", "", "Regierung"),
        ("in", "ADP", 6, "case"),
        ("Kiew", "PROPN", 4, "nmod"),
        ("erklärte", "VERB", 7, "ROOT"),
    ]
    doc = doc_of(vocab, rows, sent_starts=[i in (0, 3) for i in range(len(rows))])
    ctx = context(doc, [("Ukraine", "LOC", [(0, 1)]), ("Kiew", "LOC", [(6, 7)])])
    assert name_of(ctx, S.resolve_speaker(ctx, [3, 4, 5, 6], doc[7].idx)) == "Ukraine"


# --- sources --------------------------------------------------------------------------


def test_the_parsed_subject_goes_before_the_phrase_after_the_verb(vocab):
    # Middelberg hält die Planungen von Lindner für optimistisch
    rows = [
        ("Middelberg", "PROPN", 1, "nsubj"),
        ("hält", "VERB", 1, "ROOT"),
        ("die", "DET", 3, "det"),
        ("Planungen", "NOUN", 1, "obj"),
        ("von", "ADP", 5, "case"),
        ("Lindner", "PROPN", 3, "nmod"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(doc, [("Mathias Middelberg", "PER", [(0, 1)]), ("Lindner", "PER", [(5, 6)])])
    event = SpeechEvent(cue=[1], source=[0])
    assert SRC.candidates(ctx, event, ctx.sentences[0])[0] is SRC.parsed
    assert name_of(ctx, SRC.speaker_of(ctx, event, ctx.sentences[0], None)) == (
        "Mathias Middelberg"
    )


def test_the_subject_after_a_particle_verb_follows_the_finite_verb(vocab):
    # Den Flüchtlingen sicherte Präsident Gusmão Hilfe zu
    rows = [
        ("Den", "DET", 1, "det"),
        ("Flüchtlingen", "NOUN", 2, "iobj"),
        ("sicherte", "VERB", 2, "ROOT"),
        ("Präsident", "NOUN", 2, "nsubj"),
        ("Gusmão", "PROPN", 3, "appos"),
        ("Hilfe", "NOUN", 2, "obj"),
        ("zu", "ADP", 2, "compound:prt"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(doc, [("Xanana Gusmão", "PER", [(4, 5)])])
    event = SpeechEvent(cue=[2, 6])
    assert SRC.after_the_cue(ctx, event, ctx.sentences[0])[:2] == [3, 4]


def test_the_nearest_person_is_the_last_resort_outside_what_was_said(vocab):
    rows = [
        ("Müller", "PROPN", 1, "nmod"),
        ("zufolge", "ADP", 1, "ROOT"),
        ("sagte", "VERB", 1, "conj"),
        ("man", "PRON", 2, "nsubj"),
        ("Schulz", "PROPN", 5, "nsubj"),
        ("komme", "VERB", 2, "ccomp"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(doc, [("Anna Müller", "PER", [(0, 1)]), ("Schulz", "PER", [(4, 5)])])
    event = SpeechEvent(cue=[2], message=[4, 5])
    assert name_of(ctx, SRC.nearest_name(ctx, event, ctx.sentences[0]).actor) == "Anna Müller"


# --- markers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "marker"),
    [
        ("Angaben", True),
        ("US-Angaben", True),
        ("Polizeiangaben", True),
        ("Soldaten", False),  # not "Daten"
        ("Aussicht", False),  # not "Sicht"
    ],
)
def test_marker_nouns_and_their_compounds(word, marker):
    nouns = M._words()["nach_nouns"]
    assert M._is_marker_noun(word.lower(), nouns) is marker


def test_nach_denen_opens_a_relative_clause_not_a_marker(vocab):
    rows = [
        ("Berichte", "NOUN", 0, "ROOT"),
        (",", "PUNCT", 3, "punct"),
        ("nach", "ADP", 2, "case"),
        ("denen", "PRON", 0, "acl"),
        ("Angaben", "NOUN", 3, "obj"),
        ("fehlen", "VERB", 3, "conj"),
    ]
    doc = doc_of(vocab, rows)
    assert M.nach_angaben(context(doc, []), context(doc, []).sentences[0]) is None


# --- whole rules over a Doc -----------------------------------------------------------


def test_a_report_named_after_the_fact_is_its_source(vocab):
    # Die Preise stiegen . Das geht aus einem Bericht des Bundesamts hervor .
    rows = [
        ("Die", "DET", 1, "det"),
        ("Preise", "NOUN", 2, "nsubj"),
        ("stiegen", "VERB", 2, "ROOT"),
        ("deutlich", "ADV", 2, "advmod"),
        (".", "PUNCT", 2, "punct"),
        ("Das", "PRON", 6, "nsubj"),
        ("geht", "VERB", 6, "ROOT"),
        ("aus", "ADP", 9, "case"),
        ("einem", "DET", 9, "det"),
        ("Bericht", "NOUN", 6, "obl"),
        ("des", "DET", 11, "det"),
        ("Bundesamts", "PROPN", 9, "nmod"),
        ("hervor", "ADP", 6, "compound:prt"),
        (".", "PUNCT", 6, "punct"),
    ]
    doc = doc_of(vocab, rows, sent_starts=[i in (0, 5) for i in range(len(rows))])
    actors = [LocalActor("Bundesamt", "ORG")]
    mentions = [Mention(0, "Bundesamts", doc[11].idx, doc[11].idx + len("Bundesamts"))]
    (st,) = extract_statements(doc, actors, mentions, [])
    assert st.text == "Die Preise stiegen deutlich" and actors[st.speaker].name == "Bundesamt"


def test_the_cue_and_its_subject_are_not_what_was_said(vocab):
    doc, actors, mentions = _blinken_announced(vocab)
    # the speech component marked the whole clause as the message
    doc.spans["speech_message"] = [Span(doc, 0, 5, label="MESSAGE")]
    (st,) = extract_statements(doc, actors, mentions, [])
    assert st.text == "eine harte Antwort" and st.speaker == 0


# --- counted lemmas -------------------------------------------------------------------


@pytest.fixture
def lemmatize():
    table = {
        "Beschäftigten": "Beschäftigte",
        "Beschäftigte": "beschäftigt",
        "Verletzte": "verletzt",
        "jugendliche": "jugendlich",
        "Soldaten": "Soldat",
        "halte": "halten",
    }
    return NounLemmatizer(table)


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("Beschäftigten", "Beschäftigter"),
        ("Verletzte", "Verletzter"),
        ("Jugendliche", "Jugendlicher"),
        ("Schwerverletzte", "Schwerverletzter"),
        ("Soldaten", None),  # a noun
        ("Haushalte", None),  # "halte" is no adjective
    ],
)
def test_nominalised_adjectives_count_in_the_masculine_singular(lemmatize, word, lemma):
    assert lemmatize.nominalised_adjective(word) == lemma


@pytest.mark.parametrize(
    ("word", "lemma"),
    [("Wohnungen", "Wohnung"), ("Gesellschaften", "Gesellschaft"), ("Banken", None)],
)
def test_plurals_by_their_suffix(lemmatize, word, lemma):
    assert lemmatize.plural_suffix(word) == lemma


def test_a_country_before_a_description_names_it_like_its_adjective(vocab):
    # Israels Armee bestätigte
    rows = [
        ("Israels", "PROPN", 1, "nmod:poss"),
        ("Armee", "NOUN", 2, "nsubj", "", "Armee"),
        ("bestätigte", "VERB", 2, "ROOT"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(doc, [("Israel", "LOC", [(0, 1)])])
    actor = S.resolve_speaker(ctx, [0, 1], doc[2].idx)
    assert name_of(ctx, actor) == "israelische Armee"


def test_a_so_tail_attributes_the_quotation_before_it(vocab):
    # „Im Januar kommt ein Gegeneffekt“, so die BayernLB.
    rows = [
        ("„", "PUNCT", 4, "punct"),
        ("Im", "ADP", 2, "case"),
        ("Januar", "NOUN", 3, "obl"),
        ("kommt", "VERB", 3, "ROOT"),
        ("ein", "DET", 5, "det"),
        ("Gegeneffekt", "NOUN", 3, "nsubj"),
        ("“", "PUNCT", 3, "punct"),
        (",", "PUNCT", 3, "punct"),
        ("so", "ADV", 10, "advmod"),
        ("die", "DET", 10, "det"),
        ("BayernLB", "PROPN", 3, "parataxis"),
        (".", "PUNCT", 3, "punct"),
    ]
    words = [r[0] for r in rows]
    doc = Doc(
        vocab,
        words=words,
        spaces=[
            w not in ("„",) and nxt not in ("“", ",", ".")
            for w, nxt in zip(words, words[1:] + [""], strict=True)
        ],
        pos=[r[1] for r in rows],
        heads=[r[2] for r in rows],
        deps=[r[3] for r in rows],
    )
    doc.spans["speech"] = []
    start = doc[10].idx
    actors = [LocalActor("BayernLB", "ORG")]
    (st,) = extract_statements(doc, actors, [Mention(0, "BayernLB", start, start + 8)], [])
    assert st.mode == "direct" and st.text.startswith("Im Januar") and st.speaker == 0


# --- speakers found where the parse went wrong ---------------------------------------


def test_the_name_after_a_roles_qualifier_speaks_for_the_role(vocab):
    # schrieb der Stabschef von Präsident Selenskyj , Andrij Jermak
    rows = [
        ("schrieb", "VERB", 0, "ROOT"),
        ("der", "DET", 2, "det"),
        ("Stabschef", "NOUN", 0, "nsubj"),
        ("von", "ADP", 4, "case"),
        ("Präsident", "NOUN", 0, "obl"),
        ("Selenskyj", "PROPN", 4, "appos"),
        (",", "PUNCT", 7, "punct"),
        ("Andrij", "PROPN", 0, "obj"),
        ("Jermak", "PROPN", 7, "flat"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(
        doc, [("Wolodymyr Selenskyj", "PER", [(5, 6)]), ("Andrij Jermak", "PER", [(7, 9)])]
    )
    assert name_of(ctx, S.resolve_speaker(ctx, [1, 2], 0)) == "Andrij Jermak"


def test_a_role_without_a_name_beside_it_keeps_its_qualifiers_person(vocab):
    # sagte der Sprecher von Präsident Selenskyj , die Lage sei ernst
    rows = [
        ("sagte", "VERB", 0, "ROOT"),
        ("der", "DET", 2, "det"),
        ("Sprecher", "NOUN", 0, "nsubj"),
        ("von", "ADP", 4, "case"),
        ("Präsident", "NOUN", 2, "nmod"),
        ("Selenskyj", "PROPN", 4, "appos"),
        (",", "PUNCT", 9, "punct"),
        ("die", "DET", 8, "det"),
        ("Lage", "NOUN", 9, "nsubj"),
        ("sei", "AUX", 0, "ccomp", "Mood=Sub|VerbForm=Fin"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(doc, [("Wolodymyr Selenskyj", "PER", [(5, 6)])])
    assert S._apposed_name(ctx, doc[2], [1, 2]) == []


def test_a_name_apposed_to_the_noun_before_zufolge_is_the_source(vocab):
    # Die Nato kann ihrem Generalsekretär Mark Rutte zufolge Berichte bestätigen .
    rows = [
        ("Die", "DET", 1, "det"),
        ("Nato", "PROPN", 8, "nsubj"),
        ("kann", "AUX", 8, "aux"),
        ("ihrem", "DET", 4, "det:poss"),
        ("Generalsekretär", "NOUN", 8, "obl"),
        ("Mark", "PROPN", 4, "appos"),
        ("Rutte", "PROPN", 5, "flat"),
        ("zufolge", "ADP", 6, "case"),
        ("bestätigen", "VERB", 8, "ROOT"),
        (".", "PUNCT", 8, "punct"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(doc, [("Nato", "ORG", [(1, 2)]), ("Mark Rutte", "PER", [(5, 7)])])
    marker = M.zufolge(ctx, ctx.sentences[0])
    assert marker.source == [3, 4, 5, 6]
    assert name_of(ctx, S.resolve_speaker(ctx, marker.source, doc[7].idx)) == "Mark Rutte"


def test_part_of_a_name_in_the_phrase_finds_the_whole_name(vocab):
    # Mark Rutte zufolge  (the phrase holds only 'Rutte')
    rows = [
        ("Mark", "PROPN", 1, "flat"),
        ("Rutte", "PROPN", 1, "ROOT"),
        ("zufolge", "ADP", 1, "case"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(doc, [("Mark Rutte", "PER", [(0, 2)])])
    assert name_of(ctx, S.resolve_speaker(ctx, [1], doc[2].idx)) == "Mark Rutte"


def test_a_listed_opening_before_the_verb_is_the_source(vocab):
    # Der Westen , die Ukraine und Südkorea haben erklärt , dass ...
    rows = [
        ("Der", "DET", 1, "det"),
        ("Westen", "NOUN", 8, "nsubj"),
        (",", "PUNCT", 4, "punct"),
        ("die", "DET", 4, "det"),
        ("Ukraine", "PROPN", 1, "conj"),
        ("und", "CCONJ", 6, "cc"),
        ("Südkorea", "PROPN", 1, "conj"),
        ("haben", "AUX", 8, "aux", "VerbForm=Fin"),
        ("erklärt", "VERB", 8, "ROOT", "VerbForm=Part"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(doc, [])
    assert SRC.before_the_cue(ctx, SpeechEvent(cue=[8]), ctx.sentences[0]) == list(range(7))


def test_a_document_of_an_alliance_in_the_genitive_is_the_alliance(vocab):
    # Die Nato tagte . „ ... “ , hieß es in einer Erklärung des Verteidigungsbündnisses
    rows = [
        ("Die", "DET", 1, "det"),
        ("Nato", "PROPN", 2, "nsubj"),
        ("tagte", "VERB", 2, "ROOT"),
        ("des", "DET", 4, "det"),
        ("Verteidigungsbündnisses", "NOUN", 2, "obl"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(doc, [("Nato", "ORG", [(1, 2)])])
    assert name_of(ctx, S.resolve_speaker(ctx, [3, 4], doc[4].idx + 5)) == "Nato"


# --- content where the parse went wrong ----------------------------------------------


def test_the_speakers_phrase_is_not_content_when_the_parse_misplaces_it(vocab):
    # US-Außenminister Blinken hat eine harte Antwort angekündigt .  (subject hung on the noun)
    rows = [
        ("US-Außenminister", "NOUN", 5, "nsubj"),
        ("Blinken", "PROPN", 0, "flat"),
        ("hat", "AUX", 6, "aux", "VerbForm=Fin"),
        ("eine", "DET", 5, "det"),
        ("harte", "ADJ", 5, "amod"),
        ("Antwort", "NOUN", 6, "obj"),
        ("angekündigt", "VERB", 6, "ROOT", "VerbForm=Part", "ankündigen"),
        (".", "PUNCT", 6, "punct"),
    ]
    doc = doc_of(vocab, rows, cues=[(6, 7)])
    doc.spans["speech_message"] = [Span(doc, 0, 6, label="MESSAGE")]
    actors = [LocalActor("Antony Blinken", "PER")]
    mentions = [Mention(0, "Blinken", doc[1].idx, doc[1].idx + 7)]
    (st,) = extract_statements(doc, actors, mentions, [])
    assert st.text == "eine harte Antwort" and st.speaker == 0


def test_the_reported_clause_after_adverbials_and_a_comma_is_the_content(vocab):
    # Blinken sagte am Mittwoch in Brüssel , Nordkorea werde eine Antwort erhalten .
    rows = [
        ("Blinken", "PROPN", 1, "nsubj"),
        ("sagte", "VERB", 1, "ROOT", "VerbForm=Fin", "sagen"),
        ("am", "ADP", 3, "case"),
        ("Mittwoch", "NOUN", 1, "obl"),
        ("in", "ADP", 5, "case"),
        ("Brüssel", "PROPN", 3, "nmod"),
        (",", "PUNCT", 11, "punct"),
        ("Nordkorea", "PROPN", 11, "nsubj"),
        ("werde", "AUX", 11, "aux", "Mood=Sub|Number=Sing|Person=3|VerbForm=Fin", "werden"),
        ("eine", "DET", 10, "det"),
        ("Antwort", "NOUN", 11, "obj"),
        ("erhalten", "VERB", 1, "ccomp", "VerbForm=Inf", "erhalten"),
        (".", "PUNCT", 1, "punct"),
    ]
    doc = doc_of(vocab, rows, cues=[(1, 2)])
    actors = [LocalActor("Antony Blinken", "PER"), LocalActor("Nordkorea", "LOC")]
    mentions = [Mention(0, "Blinken", 0, 7), Mention(1, "Nordkorea", doc[7].idx, doc[7].idx + 9)]
    (st,) = extract_statements(doc, actors, mentions, [])
    assert st.text == "Nordkorea werde eine Antwort erhalten" and st.speaker == 0


def test_an_indicative_clause_after_the_comma_is_not_taken_for_the_content(vocab):
    # Er sagte am Mittwoch , als er kam , nichts .
    rows = [
        ("Er", "PRON", 1, "nsubj"),
        ("sagte", "VERB", 1, "ROOT", "VerbForm=Fin", "sagen"),
        ("am", "ADP", 3, "case"),
        ("Mittwoch", "NOUN", 1, "obl"),
        (",", "PUNCT", 7, "punct"),
        ("als", "SCONJ", 7, "mark"),
        ("er", "PRON", 7, "nsubj"),
        ("kam", "VERB", 1, "advcl", "Mood=Ind|VerbForm=Fin", "kommen"),
    ]
    doc = doc_of(vocab, rows, cues=[(1, 2)])
    ctx = context(doc, [])
    assert A._reported_clause_after(ctx, ctx.sentences[0], SpeechEvent(cue=[1])) is None


# --- cues, markers and rules added for news wording ----------------------------------


def test_a_particle_tagged_as_adjective_completes_its_verb(vocab):
    # Der Leiter gab bekannt , dass ...
    rows = [
        ("Der", "DET", 1, "det"),
        ("Leiter", "NOUN", 2, "nsubj"),
        ("gab", "VERB", 2, "ROOT", "", "geben"),
        ("bekannt", "ADJ", 2, "xcomp"),
        (",", "PUNCT", 6, "punct"),
        ("dass", "SCONJ", 6, "mark"),
        ("kam", "VERB", 2, "ccomp", "VerbForm=Fin", "kommen"),
    ]
    ctx = context(doc_of(vocab, rows), [])
    assert C.verb_cue(ctx, ctx.toks[2]) == [2, 3]


def test_a_participle_tagged_as_adjective_is_a_cue_when_it_heads_the_clause(vocab):
    # Jugendliche haben ausgesagt , dass ...
    rows = [
        ("Jugendliche", "NOUN", 2, "nsubj"),
        ("haben", "AUX", 2, "aux"),
        ("ausgesagt", "ADJ", 2, "ROOT", "", "aussagen"),
        (",", "PUNCT", 5, "punct"),
        ("dass", "SCONJ", 5, "mark"),
        ("sei", "AUX", 2, "ccomp", "Mood=Sub|VerbForm=Fin", "sein"),
    ]
    ctx = context(doc_of(vocab, rows), [])
    assert C.verb_cue(ctx, ctx.toks[2]) == [2]
    # die ausgesagten Dinge: an attribute, not a verb
    attribute = [
        ("die", "DET", 2, "det"),
        ("ausgesagten", "ADJ", 2, "amod", "", "aussagen"),
        ("Dinge", "NOUN", 2, "ROOT"),
    ]
    ctx = context(doc_of(vocab, attribute), [])
    assert C.verb_cue(ctx, ctx.toks[1]) is None


def test_a_clause_frame_verb_is_a_cue_only_when_it_reports_a_clause(vocab):
    # Er führte aus , die Lage sei ernst .   /   Die Armee führte Angriffe aus .
    said = [
        ("Er", "PRON", 1, "nsubj"),
        ("führte", "VERB", 1, "ROOT", "", "führen"),
        ("aus", "ADP", 1, "compound:prt"),
        (",", "PUNCT", 6, "punct"),
        ("die", "DET", 5, "det"),
        ("Lage", "NOUN", 6, "nsubj"),
        ("sei", "AUX", 1, "ccomp", "Mood=Sub|VerbForm=Fin", "sein"),
    ]
    done = [
        ("Die", "DET", 1, "det"),
        ("Armee", "NOUN", 2, "nsubj"),
        ("führte", "VERB", 2, "ROOT", "", "führen"),
        ("Angriffe", "NOUN", 2, "obj"),
        ("aus", "ADP", 2, "compound:prt"),
        (".", "PUNCT", 2, "punct"),
    ]
    ctx = context(doc_of(vocab, said), [])
    assert C.verb_cue(ctx, ctx.toks[1]) == [1, 2]
    ctx = context(doc_of(vocab, done), [])
    assert C.verb_cue(ctx, ctx.toks[2]) is None


def test_the_reported_clause_ends_before_the_speakers_next_verb(vocab):
    # Er räumte ein , es könnten Jobs verloren gehen , sprach aber von einer Chance .
    rows = [
        ("Er", "PRON", 1, "nsubj"),
        ("räumte", "VERB", 1, "ROOT", "VerbForm=Fin", "räumen"),
        ("ein", "ADP", 1, "compound:prt"),
        (",", "PUNCT", 8, "punct"),
        ("es", "PRON", 8, "nsubj"),
        ("könnten", "AUX", 8, "aux", "Mood=Sub|VerbForm=Fin", "können"),
        ("Jobs", "NOUN", 8, "obj"),
        ("verloren", "ADJ", 8, "advmod"),
        ("gehen", "VERB", 1, "xcomp", "VerbForm=Inf", "gehen"),
        (",", "PUNCT", 10, "punct"),
        ("sprach", "VERB", 1, "conj", "Mood=Ind|VerbForm=Fin", "sprechen"),
        ("aber", "ADV", 10, "advmod"),
        ("von", "ADP", 14, "case"),
        ("einer", "DET", 14, "det"),
        ("Chance", "NOUN", 10, "obl"),
        (".", "PUNCT", 1, "punct"),
    ]
    ctx = context(doc_of(vocab, rows), [])
    span = A._reported_clause_after(ctx, ctx.sentences[0], SpeechEvent(cue=[1, 2]))
    assert ctx.text[span[0] : span[1]] == "es könnten Jobs verloren gehen"


def test_dies_before_a_cue_points_back_to_the_sentence_before(vocab):
    # Die FDP lehnt ab . Dies bestätigte Westerwelle .
    rows = [
        ("Die", "DET", 1, "det"),
        ("FDP", "PROPN", 2, "nsubj"),
        ("lehnt", "VERB", 2, "ROOT"),
        ("ab", "ADP", 2, "compound:prt"),
        (".", "PUNCT", 2, "punct"),
        ("Dies", "PRON", 6, "obj"),
        ("bestätigte", "VERB", 6, "ROOT", "VerbForm=Fin", "bestätigen"),
        ("Westerwelle", "PROPN", 6, "nsubj"),
        (".", "PUNCT", 6, "punct"),
    ]
    doc = doc_of(vocab, rows, sent_starts=[i in (0, 5) for i in range(len(rows))])
    actors = [LocalActor("FDP", "ORG"), LocalActor("Guido Westerwelle", "PER")]
    mentions = [Mention(0, "FDP", 4, 7), Mention(1, "Westerwelle", doc[7].idx, doc[7].idx + 11)]
    (st,) = extract_statements(doc, actors, mentions, [])
    assert st.text == "Die FDP lehnt ab" and actors[st.speaker].name == "Guido Westerwelle"
    assert st.source_text == "Westerwelle"


def test_das_as_an_article_does_not_point_back(vocab):
    # Es regnet . Das Ministerium bestätigte den Vorfall .
    rows = [
        ("Es", "PRON", 1, "nsubj"),
        ("regnet", "VERB", 1, "ROOT"),
        (".", "PUNCT", 1, "punct"),
        ("Das", "DET", 4, "det"),
        ("Ministerium", "NOUN", 5, "nsubj"),
        ("bestätigte", "VERB", 5, "ROOT", "VerbForm=Fin", "bestätigen"),
        ("den", "DET", 7, "det"),
        ("Vorfall", "NOUN", 5, "obj"),
        (".", "PUNCT", 5, "punct"),
    ]
    doc = doc_of(vocab, rows, sent_starts=[i in (0, 3) for i in range(len(rows))])
    ctx = context(doc, [])
    state = A.State(events=A.article_events(ctx))
    assert A.pointed_back(ctx, ctx.sentences[1], state) is None


def test_a_marker_noun_before_a_postposed_nach_names_the_source(vocab):
    # Seiner Meinung nach hätte man warten müssen .
    rows = [
        ("Seiner", "DET", 1, "det:poss", "Poss=Yes|PronType=Prs"),
        ("Meinung", "NOUN", 3, "obl"),
        ("nach", "ADP", 1, "case"),
        ("hätte", "AUX", 3, "ROOT", "Mood=Sub|VerbForm=Fin"),
    ]
    ctx = context(doc_of(vocab, rows), [])
    marker = M.postposed_nach(ctx, ctx.sentences[0])
    assert (marker.start, marker.end, marker.source) == (0, 3, [0, 1])
    rows = [
        ("Er", "PRON", 1, "nsubj"),
        ("fuhr", "VERB", 1, "ROOT"),
        ("nach", "ADP", 3, "case"),
        ("Berlin", "PROPN", 1, "obl"),
    ]
    ctx = context(doc_of(vocab, rows), [])
    assert M.postposed_nach(ctx, ctx.sentences[0]) is None


def test_a_possessive_source_is_the_person_it_points_back_to(vocab):
    # Anna Lima kam . Ihrer Ansicht nach ...
    rows = [
        ("Anna", "PROPN", 2, "nsubj"),
        ("Lima", "PROPN", 0, "flat"),
        ("kam", "VERB", 2, "ROOT"),
        ("Seiner", "DET", 4, "det:poss"),
        ("Meinung", "NOUN", 2, "obl"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(doc, [("Anna Lima", "PER", [(0, 2)]), ("Hans Meier", "PER", [])])
    assert name_of(ctx, S.resolve_speaker(ctx, [3, 4], doc[4].idx)) == "Anna Lima"
    ctx = context(doc, [("Nato", "ORG", [(0, 2)])])
    assert S.resolve_speaker(ctx, [3, 4], doc[4].idx) is None  # 'sein' is no organisation


def test_an_unresolved_nominal_source_is_kept_as_the_words_naming_the_speaker(vocab):
    # Ein Sachbearbeiter sagte , dass es unwahrscheinlich sei .
    rows = [
        ("Ein", "DET", 1, "det"),
        ("Sachbearbeiter", "NOUN", 2, "nsubj"),
        ("sagte", "VERB", 2, "ROOT", "VerbForm=Fin", "sagen"),
        (",", "PUNCT", 7, "punct"),
        ("dass", "SCONJ", 7, "mark"),
        ("es", "PRON", 7, "nsubj"),
        ("unwahrscheinlich", "ADJ", 7, "advmod"),
        ("sei", "AUX", 2, "ccomp", "Mood=Sub|VerbForm=Fin", "sein"),
        (".", "PUNCT", 2, "punct"),
    ]
    doc = doc_of(vocab, rows)
    (st,) = extract_statements(doc, [], [], [])
    assert st.speaker is None and st.source_text == "Ein Sachbearbeiter"
    assert st.text == "dass es unwahrscheinlich sei"


def test_a_coordinated_cue_speaks_through_the_first_verbs_subject(vocab):
    # Die Hamas zeigte das Video und warf Israel vor , ...
    rows = [
        ("Die", "DET", 1, "det"),
        ("Hamas", "PROPN", 2, "nsubj"),
        ("zeigte", "VERB", 2, "ROOT"),
        ("das", "DET", 4, "det"),
        ("Video", "NOUN", 2, "obj"),
        ("und", "CCONJ", 6, "cc"),
        ("warf", "VERB", 2, "conj", "", "werfen"),
        ("Israel", "PROPN", 6, "obj"),
        ("vor", "ADP", 6, "compound:prt"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(doc, [("Hamas", "ORG", [(1, 2)]), ("Israel", "LOC", [(7, 8)])])
    event = SpeechEvent(cue=[6, 8])
    assert SRC.shared_subject(ctx, event, ctx.sentences[0]) == [0, 1]
    assert name_of(ctx, SRC.speaker_of(ctx, event, ctx.sentences[0], None)) == "Hamas"


def test_a_name_in_the_genitive_before_a_noun_owns_it_and_does_not_speak(vocab):
    # Volkswagen kriselt . Europas größter Autobauer kündigte an
    rows = [
        ("Volkswagen", "PROPN", 1, "nsubj"),
        ("kriselt", "VERB", 1, "ROOT"),
        (".", "PUNCT", 1, "punct"),
        ("Europas", "PROPN", 6, "nsubj"),
        ("größter", "ADJ", 5, "amod"),
        ("Autobauer", "NOUN", 3, "nmod"),
        ("kündigte", "VERB", 6, "ROOT"),
    ]
    doc = doc_of(vocab, rows, sent_starts=[i in (0, 3) for i in range(len(rows))])
    ctx = context(doc, [("Volkswagen", "ORG", [(0, 1)]), ("Europa", "LOC", [(3, 4)])])
    assert S._head_token(ctx, [3, 4, 5]).text == "Autobauer"
    assert name_of(ctx, S.resolve_speaker(ctx, [3, 4, 5], doc[6].idx)) == "Volkswagen"


def test_the_name_after_laut_and_a_title_belongs_to_the_source(vocab):
    # Laut Bürgermeister Vitali Klitschko wurden ...  (the name hung on the verb)
    rows = [
        ("Laut", "ADP", 1, "case"),
        ("Bürgermeister", "NOUN", 4, "obl"),
        ("Vitali", "PROPN", 3, "det"),
        ("Klitschko", "NOUN", 4, "nsubj:pass"),
        ("wurden", "AUX", 4, "ROOT"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(doc, [("Vitali Klitschko", "PER", [(2, 4)])])
    marker = M.laut(ctx, ctx.sentences[0])
    assert marker.source == [1, 2, 3]
    assert name_of(ctx, S.resolve_speaker(ctx, marker.source, 0)) == "Vitali Klitschko"


@pytest.mark.parametrize(
    ("word", "org"), [("BayernLB", True), ("WHO", True), ("Sprecher", False), ("USA", False)]
)
def test_a_missed_name_written_like_an_organisation_becomes_one(vocab, word, org):
    rows = [("so", "ADV", 2, "advmod"), ("die", "DET", 2, "det"), (word, "PROPN", 2, "ROOT")]
    ctx = context(doc_of(vocab, rows), [])
    actor = S.organisation_by_writing(ctx, [1, 2], 0, None)
    assert (name_of(ctx, actor) == word) is org
    if org:
        assert ctx.actors[actor].type == "ORG" and ctx.mentions[-1].surface == word


def test_unnamed_people_speak_for_their_organisation_never_for_a_person(vocab):
    # Anna Lima kam . sagen die Analysten der Bank  /  so die Experten
    rows = [
        ("Anna", "PROPN", 2, "nsubj"),
        ("Lima", "PROPN", 0, "flat"),
        ("kam", "VERB", 2, "ROOT"),
        ("die", "DET", 4, "det"),
        ("Analysten", "NOUN", 2, "nsubj", "Number=Plur"),
        ("der", "DET", 6, "det"),
        ("Bank", "PROPN", 4, "nmod", "Case=Gen"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(doc, [("Anna Lima", "PER", [(0, 2)]), ("Deutsche Bank", "ORG", [(6, 7)])])
    assert name_of(ctx, S.resolve_speaker(ctx, [3, 4, 5, 6], doc[4].idx)) == "Deutsche Bank"
    assert S.resolve_speaker(ctx, [3, 4], doc[4].idx) is None  # not Anna Lima


@pytest.mark.parametrize(
    ("words", "carries"),
    [
        (["Sie", "hätten", "zu", "spät", "gebremst"], True),
        (["Wenn", "sie", "gebremst", "hätten", ",", "wäre", "nichts", "passiert"], False),
        (["Sie", "haben", "zu", "spät", "gebremst"], False),
    ],
)
def test_a_konjunktiv_two_standing_in_carries_speech_on_unless_it_states_a_condition(
    vocab, words, carries
):
    rows = [(w, "AUX" if w in ("hätten", "wäre", "haben") else "X", 0, "dep") for w in words]
    rows[0] = (words[0], rows[0][1], 0, "ROOT")
    ctx = context(doc_of(vocab, rows), [])
    from newsfacts.transforms.nlp.attribution import contents

    assert contents.reports_on(ctx, ctx.sentences[0]) is carries


# --- Konjunktiv I whatever the tagger says, clauses before the cue, semicolons ---------


@pytest.mark.parametrize(
    ("subject", "morph", "reported"),
    [
        (("Bundesregierung", "NOUN", "Number=Sing"), "Mood=Ind|Person=1|Tense=Pres", True),
        (("ich", "PRON", "Number=Sing|Person=1"), "Mood=Ind|Person=1|Tense=Pres", False),
        (("Regierung", "NOUN", "Number=Sing"), "Mood=Ind|Person=3|Tense=Past", False),
        (("Regierungen", "NOUN", "Number=Plur"), "Mood=Ind|Person=1|Tense=Pres", False),
    ],
)
def test_a_verb_in_e_with_a_third_person_subject_is_konjunktiv_one(vocab, subject, morph, reported):
    # 'Die Bundesregierung halte dagegen': the lemmatiser gave 'halte', the tagger 1st person
    word, pos, subject_morph = subject
    verb = "halte" if "Pres" in morph else "hielte"
    rows = [
        (word, pos, 1, "nsubj", subject_morph),
        (verb, "VERB", 1, "ROOT", f"{morph}|VerbForm=Fin", verb),
        ("dagegen", "ADV", 1, "advmod"),
    ]
    doc = doc_of(vocab, rows)
    from newsfacts.transforms.nlp.attribution import contents

    assert contents.konjunktiv_one(doc[1]) is reported


def _casualties_doc(vocab):
    # Mehr Menschen seien verletzt worden , schreibt der Chef , Timur Tkatschenko ;
    # viele würden behandelt .
    rows = [
        ("Mehr", "ADV", 1, "advmod"),
        ("Menschen", "NOUN", 3, "nsubj:pass"),
        ("seien", "AUX", 3, "aux:pass", "Mood=Sub|Number=Plur|Person=3|Tense=Pres", "sein"),
        ("verletzt", "VERB", 6, "ccomp", "VerbForm=Part"),
        ("worden", "AUX", 3, "aux:pass"),
        (",", "PUNCT", 3, "punct"),
        ("schreibt", "VERB", 6, "ROOT", "Mood=Ind|VerbForm=Fin", "schreiben"),
        ("der", "DET", 8, "det"),
        ("Chef", "NOUN", 6, "nsubj"),
        (",", "PUNCT", 10, "punct"),
        ("Timur", "PROPN", 8, "appos"),
        ("Tkatschenko", "PROPN", 10, "flat"),
        (";", "PUNCT", 16, "punct"),
        ("viele", "PRON", 16, "nsubj:pass"),
        ("würden", "AUX", 16, "aux:pass", "Mood=Sub|Tense=Past", "werden"),
        ("in", "ADP", 16, "case"),
        ("behandelt", "VERB", 6, "parataxis", "VerbForm=Part"),
        (".", "PUNCT", 6, "punct"),
    ]
    doc = doc_of(vocab, rows, cues=[(6, 7)])
    doc.spans["speech_message"] = [Span(doc, 0, 5, label="MESSAGE")]  # as the component marks it
    actors = [LocalActor("Timur Tkatschenko", "PER")]
    mentions = [Mention(0, "Timur Tkatschenko", doc[10].idx, doc[11].idx + len("Tkatschenko"))]
    return doc, actors, mentions


def test_a_clause_before_the_cue_is_what_was_said_not_the_name_after_it(vocab):
    doc, actors, mentions = _casualties_doc(vocab)
    ctx = Context.build(doc, actors, mentions, [])
    event = SpeechEvent(cue=[6], source=[7, 8], message=[0, 1, 2, 3, 4])
    assert A._content_before_cue(ctx, event)
    assert A._reported_clause_after(ctx, ctx.sentences[0], event) is None


def test_the_clause_after_a_semicolon_is_a_statement_of_the_same_speaker(vocab):
    doc, actors, mentions = _casualties_doc(vocab)
    statements = extract_statements(doc, actors, mentions, [])
    texts = [st.text for st in statements]
    assert texts[0].startswith("Mehr Menschen seien verletzt worden")
    assert texts[-1] == "viele würden in behandelt"
    assert {actors[st.speaker].name for st in statements} == {"Timur Tkatschenko"}


def test_a_clause_the_parse_made_the_subject_is_the_content(vocab):
    # Abgefangen worden seien 125 , teilte die Luftwaffe mit .
    rows = [
        ("Abgefangen", "VERB", 5, "nsubj", "VerbForm=Part"),
        ("worden", "AUX", 0, "aux:pass"),
        ("seien", "AUX", 0, "aux", "Mood=Sub|Number=Plur|Person=3|Tense=Pres", "sein"),
        ("125", "NUM", 0, "obj"),
        (",", "PUNCT", 5, "punct"),
        ("teilte", "VERB", 5, "ROOT", "Mood=Ind|VerbForm=Fin", "teilen"),
        ("die", "DET", 7, "det"),
        ("Luftwaffe", "NOUN", 5, "obj"),
        ("mit", "ADP", 5, "compound:prt"),
        (".", "PUNCT", 5, "punct"),
    ]
    doc = doc_of(vocab, rows, cues=[(5, 6)])
    actors = [LocalActor("Luftwaffe", "ORG")]
    mentions = [Mention(0, "Luftwaffe", doc[7].idx, doc[7].idx + 9)]
    (st,) = extract_statements(doc, actors, mentions, [])
    assert st.text == "Abgefangen worden seien 125" and st.speaker == 0


def _speaker_then_topic_then_konjunktiv(vocab, subject: str):
    # Die Analysten der BayernLB sagen voraus , die Preise steigen . Dafür sehen <subject>
    # Gründe . So habe das Amt die Gewichtung geändert .
    rows = [
        ("Die", "DET", 1, "det"),
        ("Analysten", "NOUN", 4, "nsubj"),
        ("der", "DET", 3, "det"),
        ("BayernLB", "PROPN", 1, "nmod"),
        ("sagen", "VERB", 4, "ROOT", "Mood=Ind|VerbForm=Fin", "sagen"),
        ("voraus", "ADP", 4, "compound:prt"),
        (",", "PUNCT", 9, "punct"),
        ("die", "DET", 8, "det"),
        ("Preise", "NOUN", 9, "nsubj"),
        ("steigen", "VERB", 4, "ccomp", "Mood=Ind|VerbForm=Fin", "steigen"),
        (".", "PUNCT", 4, "punct"),
        ("Dafür", "ADV", 12, "advmod"),
        ("sehen", "VERB", 12, "ROOT", "Mood=Ind|VerbForm=Fin", "sehen"),
        (subject, "PRON", 12, "nsubj", "Number=Plur|Person=3"),
        ("Gründe", "NOUN", 12, "obj"),
        (".", "PUNCT", 12, "punct"),
        ("So", "ADV", 17, "advmod"),
        (
            "habe",
            "AUX",
            17,
            "ROOT",
            "Mood=Sub|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin",
            "haben",
        ),
        ("das", "DET", 19, "det"),
        ("Amt", "NOUN", 17, "nsubj"),
        ("die", "DET", 21, "det"),
        ("Gewichtung", "NOUN", 17, "obj"),
        ("geändert", "VERB", 17, "xcomp", "VerbForm=Part"),
        (".", "PUNCT", 17, "punct"),
    ]
    doc = doc_of(
        vocab, rows, sent_starts=[i in (0, 11, 16) for i in range(len(rows))], cues=[(4, 5)]
    )
    actors = [LocalActor("BayernLB", "ORG")]
    mentions = [Mention(0, "BayernLB", doc[3].idx, doc[3].idx + 8)]
    return doc, actors, mentions


def test_a_sentence_about_the_speaker_keeps_the_speech_going(vocab):
    doc, actors, mentions = _speaker_then_topic_then_konjunktiv(vocab, "sie")
    statements = extract_statements(doc, actors, mentions, [])
    last = statements[-1]
    assert last.text.startswith("So habe das Amt") and actors[last.speaker].name == "BayernLB"


def test_a_sentence_about_someone_else_ends_the_speech(vocab):
    doc, actors, mentions = _speaker_then_topic_then_konjunktiv(vocab, "Beobachter")
    statements = extract_statements(doc, actors, mentions, [])
    assert not any(st.text.startswith("So habe") and st.speaker == 0 for st in statements)


def test_konjunktiv_one_after_an_actor_as_subject_is_free_indirect_speech(vocab):
    # Das Institut sieht keine Gefahr . Personen seien zu schützen .
    rows = [
        ("Das", "DET", 1, "det"),
        ("Institut", "PROPN", 2, "nsubj"),
        ("sieht", "VERB", 2, "ROOT", "Mood=Ind|VerbForm=Fin", "sehen"),
        ("keine", "DET", 4, "det"),
        ("Gefahr", "NOUN", 2, "obj"),
        (".", "PUNCT", 2, "punct"),
        ("Personen", "NOUN", 7, "nsubj"),
        ("seien", "AUX", 7, "ROOT", "Mood=Sub|Number=Plur|Person=3|Tense=Pres", "sein"),
        ("zu", "PART", 9, "mark"),
        ("schützen", "VERB", 7, "xcomp", "VerbForm=Inf"),
        (".", "PUNCT", 7, "punct"),
    ]
    doc = doc_of(vocab, rows, sent_starts=[i in (0, 6) for i in range(len(rows))])
    actors = [LocalActor("Robert-Koch-Institut", "ORG")]
    mentions = [Mention(0, "Institut", doc[1].idx, doc[1].idx + 8)]
    (st,) = extract_statements(doc, actors, mentions, [])
    assert st.text == "Personen seien zu schützen" and st.speaker == 0 and st.cue == "sieht"


def test_free_indirect_speech_needs_a_person_or_organisation_before_it(vocab):
    # Der Regen hält an . Die Straßen seien gesperrt .
    rows = [
        ("Der", "DET", 1, "det"),
        ("Regen", "NOUN", 2, "nsubj"),
        ("hält", "VERB", 2, "ROOT", "Mood=Ind|VerbForm=Fin", "halten"),
        ("an", "ADP", 2, "compound:prt"),
        (".", "PUNCT", 2, "punct"),
        ("Die", "DET", 6, "det"),
        ("Straßen", "NOUN", 7, "nsubj"),
        ("seien", "AUX", 7, "cop", "Mood=Sub|Number=Plur|Person=3|Tense=Pres", "sein"),
        ("gesperrt", "ADJ", 7, "ROOT"),
        (".", "PUNCT", 7, "punct"),
    ]
    doc = doc_of(vocab, rows, sent_starts=[i in (0, 5) for i in range(len(rows))])
    assert extract_statements(doc, [], [], []) == []


# --- markers the parse hangs elsewhere ------------------------------------------------


def test_zufolge_hung_on_what_follows_takes_the_words_before_it(vocab):
    # Die Preise dürften einer Umfrage der Agentur Reuters zufolge um 9 Prozent steigen .
    rows = [
        ("Die", "DET", 1, "det"),
        ("Preise", "NOUN", 13, "nsubj"),
        ("dürften", "AUX", 13, "aux", "Mood=Sub|VerbForm=Fin"),
        ("einer", "DET", 4, "det"),
        ("Umfrage", "NOUN", 13, "obl"),
        ("der", "DET", 6, "det"),
        ("Agentur", "NOUN", 4, "nmod"),
        ("Reuters", "PROPN", 6, "appos"),
        ("zufolge", "ADP", 11, "case"),
        ("um", "ADP", 11, "case"),
        ("9", "NUM", 11, "nummod"),
        ("Prozent", "NOUN", 13, "obl"),
        ("stark", "ADV", 13, "advmod"),
        ("steigen", "VERB", 13, "ROOT", "VerbForm=Inf"),
        (".", "PUNCT", 13, "punct"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(doc, [("Reuters", "ORG", [(7, 8)])])
    marker = M.zufolge(ctx, ctx.sentences[0])
    assert marker is not None and marker.source == [3, 4, 5, 6, 7]
    assert name_of(ctx, S.resolve_speaker(ctx, marker.source, doc[8].idx)) == "Reuters"


def test_a_country_adjective_before_angaben_names_the_source(vocab):
    # Russland verschoss ukrainischen Angaben zufolge 140 Drohnen .
    rows = [
        ("Russland", "PROPN", 1, "nsubj"),
        ("verschoss", "VERB", 1, "ROOT"),
        ("ukrainischen", "ADJ", 3, "amod"),
        ("Angaben", "NOUN", 6, "obl"),
        ("zufolge", "ADP", 6, "case"),
        ("140", "NUM", 6, "nummod"),
        ("Drohnen", "NOUN", 1, "obj"),
        (".", "PUNCT", 1, "punct"),
    ]
    doc = doc_of(vocab, rows)
    ctx = context(doc, [("Russland", "LOC", [(0, 1)]), ("Ukraine", "LOC", [(2, 3)])])
    marker = M.zufolge(ctx, ctx.sentences[0])
    assert marker is not None and marker.source == [2]
    assert name_of(ctx, S.resolve_speaker(ctx, marker.source, doc[4].idx)) == "Ukraine"


def test_so_dass_is_no_so_tail(vocab):
    # Es brannte , so dass die Feuerwehr kam .
    rows = [
        ("Es", "PRON", 1, "nsubj"),
        ("brannte", "VERB", 1, "ROOT"),
        (",", "PUNCT", 7, "punct"),
        ("so", "ADV", 4, "advmod"),
        ("dass", "SCONJ", 7, "mark"),
        ("die", "DET", 6, "det"),
        ("Feuerwehr", "NOUN", 7, "nsubj"),
        ("kam", "VERB", 1, "advcl"),
        (".", "PUNCT", 1, "punct"),
    ]
    ctx = context(doc_of(vocab, rows), [])
    assert M.so_tail(ctx, ctx.sentences[0]) is None


# --- quoted fragments, gender, inverted cues ------------------------------------------


def test_a_quoted_fragment_is_the_words_of_the_subject_of_its_speech_verb(vocab):
    # Haseloff , der „ auf eine Umsetzung “ hofft , lacht .
    rows = [
        ("Haseloff", "PROPN", 10, "nsubj"),
        (",", "PUNCT", 8, "punct"),
        ("der", "PRON", 8, "nsubj", "PronType=Rel"),
        ("„", "PUNCT", 6, "punct"),
        ("auf", "ADP", 6, "case"),
        ("eine", "DET", 6, "det"),
        ("Umsetzung", "NOUN", 8, "obl"),
        ("“", "PUNCT", 6, "punct"),
        ("hofft", "VERB", 0, "acl:relcl", "VerbForm=Fin", "hoffen"),
        (",", "PUNCT", 8, "punct"),
        ("lacht", "VERB", 10, "ROOT"),
        (".", "PUNCT", 10, "punct"),
    ]
    doc = doc_of(vocab, rows)
    actors = [LocalActor("Reiner Haseloff", "PER")]
    (st,) = extract_statements(doc, actors, [Mention(0, "Haseloff", 0, 8)], [])
    assert (st.text, st.mode, st.speaker) == ("auf eine Umsetzung", "direct", 0)
    # a title in quotes hangs on a verb that is no speech: 'Haseloff, der „Der Schrei“ kauft'
    doc = doc_of(vocab, [r if r[0] != "hofft" else ("kauft", "VERB", 0, "acl:relcl") for r in rows])
    assert extract_statements(doc, actors, [Mention(0, "Haseloff", 0, 8)], []) == []


def test_fuer_x_opening_the_sentence_speaks_a_quoted_fragment(vocab):
    # Für Habeck ist das Werk „ ein wichtiger Beitrag “ .
    rows = [
        ("Für", "ADP", 1, "case"),
        ("Habeck", "PROPN", 8, "obl"),
        ("ist", "AUX", 8, "cop"),
        ("das", "DET", 4, "det"),
        ("Werk", "NOUN", 8, "nsubj"),
        ("„", "PUNCT", 8, "punct"),
        ("ein", "DET", 8, "det"),
        ("wichtiger", "ADJ", 8, "amod"),
        ("Beitrag", "NOUN", 8, "ROOT"),
        ("“", "PUNCT", 8, "punct"),
        (".", "PUNCT", 8, "punct"),
    ]
    doc = doc_of(vocab, rows)
    actors = [LocalActor("Robert Habeck", "PER")]
    (st,) = extract_statements(doc, actors, [Mention(0, "Habeck", 4, 10)], [])
    assert st.text == "ein wichtiger Beitrag" and st.speaker == 0 and st.cue == "für"


def test_a_quoted_fragment_of_nobody_named_is_no_statement(vocab):
    # Das Werk ist „ ein wichtiger Beitrag “ .
    rows = [
        ("Das", "DET", 1, "det"),
        ("Werk", "NOUN", 6, "nsubj"),
        ("ist", "AUX", 6, "cop"),
        ("„", "PUNCT", 6, "punct"),
        ("ein", "DET", 6, "det"),
        ("wichtiger", "ADJ", 6, "amod"),
        ("Beitrag", "NOUN", 6, "ROOT"),
        ("“", "PUNCT", 6, "punct"),
        (".", "PUNCT", 6, "punct"),
    ]
    assert extract_statements(doc_of(vocab, rows), [], [], []) == []


def test_er_is_no_woman_the_article_named(vocab):
    # Kanzler Scholz kam . Außenministerin Baerbock kam . er
    rows = [
        ("Kanzler", "NOUN", 2, "nsubj"),
        ("Scholz", "PROPN", 0, "flat"),
        ("kam", "VERB", 2, "ROOT"),
        ("Außenministerin", "NOUN", 4, "nsubj"),
        ("Baerbock", "PROPN", 3, "flat"),
        ("kam", "VERB", 5, "ROOT"),
        ("er", "PRON", 5, "nsubj", "Number=Sing|Person=3"),
    ]
    doc = doc_of(vocab, rows)
    actors = [
        LocalActor("Olaf Scholz", "PER", "Kanzler"),
        LocalActor("Annalena Baerbock", "PER", "Außenministerin"),
    ]
    mentions = [
        Mention(0, "Scholz", doc[1].idx, doc[1].idx + 6),
        Mention(1, "Baerbock", doc[4].idx, doc[4].idx + 8),
    ]
    ctx = Context.build(doc, actors, mentions, [])
    assert (S.gender_of(ctx, 0), S.gender_of(ctx, 1)) == ("m", "f")
    assert name_of(ctx, S.pronoun(ctx, [6], doc[6].idx, None)) == "Olaf Scholz"


def test_a_cue_hung_on_the_clause_before_it_reports_that_clause(vocab):
    # Das Krankenhaus sei in Betrieb , meldete unterdessen die WHO .
    rows = [
        ("Das", "DET", 1, "det"),
        ("Krankenhaus", "NOUN", 2, "nsubj"),
        ("sei", "AUX", 2, "ROOT", "Mood=Sub|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "sein"),
        ("in", "ADP", 4, "case"),
        ("Betrieb", "NOUN", 2, "obl"),
        (",", "PUNCT", 6, "punct"),
        ("meldete", "VERB", 2, "parataxis", "Mood=Ind|VerbForm=Fin", "melden"),
        ("unterdessen", "ADV", 6, "advmod"),
        ("die", "DET", 9, "det"),
        ("WHO", "PROPN", 6, "obj"),
        (".", "PUNCT", 6, "punct"),
    ]
    doc = doc_of(vocab, rows, cues=[(6, 7)])
    doc.spans["speech_message"] = [Span(doc, 8, 10, label="MESSAGE")]  # as a wrong parse gives it
    actors = [LocalActor("WHO", "ORG")]
    (st,) = extract_statements(doc, actors, [Mention(0, "WHO", doc[9].idx, doc[9].idx + 3)], [])
    assert st.text == "Das Krankenhaus sei in Betrieb" and st.speaker == 0


def test_a_closing_quote_split_off_as_a_sentence_ends_no_speech(vocab):
    # „ Wir siegen ganz sicher , “ sagte Scholz . | » | Er setze auf Sieg .
    rows = [
        ("„", "PUNCT", 7, "punct"),
        ("Wir", "PRON", 2, "nsubj"),
        ("siegen", "VERB", 7, "ccomp"),
        ("ganz", "ADV", 4, "advmod"),
        ("sicher", "ADV", 2, "advmod"),
        (",", "PUNCT", 7, "punct"),
        ("“", "PUNCT", 7, "punct"),
        ("sagte", "VERB", 7, "ROOT", "Mood=Ind|VerbForm=Fin", "sagen"),
        ("Scholz", "PROPN", 7, "nsubj"),
        (".", "PUNCT", 7, "punct"),
        ("»", "PUNCT", 10, "ROOT"),
        ("Er", "PRON", 12, "nsubj", "Number=Sing|Person=3"),
        ("setze", "VERB", 12, "ROOT", "Mood=Sub|Person=3|Tense=Pres|VerbForm=Fin", "setzen"),
        ("auf", "ADP", 14, "case"),
        ("Sieg", "NOUN", 12, "obl"),
        (".", "PUNCT", 12, "punct"),
    ]
    doc = doc_of(vocab, rows, cues=[(7, 8)])
    actors = [LocalActor("Olaf Scholz", "PER")]
    mentions = [Mention(0, "Scholz", doc[8].idx, doc[8].idx + 6)]
    statements = extract_statements(doc, actors, mentions, [])
    assert statements[-1].text.startswith("Er setze auf Sieg") and statements[-1].speaker == 0


# --- what a statement's content is ----------------------------------------------------


def _blinken_announced(vocab):
    # Blinken hat eine harte Antwort angekündigt .
    rows = [
        ("Blinken", "PROPN", 5, "nsubj"),
        ("hat", "AUX", 5, "aux"),
        ("eine", "DET", 4, "det"),
        ("harte", "ADJ", 4, "amod"),
        ("Antwort", "NOUN", 5, "obj"),
        ("angekündigt", "VERB", 5, "ROOT", "VerbForm=Part", "ankündigen"),
        (".", "PUNCT", 5, "punct"),
    ]
    doc = doc_of(vocab, rows, cues=[(5, 6)])
    return doc, [LocalActor("Antony Blinken", "PER")], [Mention(0, "Blinken", 0, 7)]


def test_a_noun_phrase_the_cue_governs_is_a_phrase(vocab):
    doc, actors, mentions = _blinken_announced(vocab)
    (st,) = extract_statements(doc, actors, mentions, [])
    assert st.form == "phrase"


def test_a_phrase_nobody_is_said_to_have_said_is_no_statement(vocab):
    # Weitere Aktionen sind angekündigt .
    rows = [
        ("Weitere", "ADJ", 1, "amod"),
        ("Aktionen", "NOUN", 3, "nsubj:pass"),
        ("sind", "AUX", 3, "aux:pass", "Mood=Ind|VerbForm=Fin", "sein"),
        ("angekündigt", "VERB", 3, "ROOT", "VerbForm=Part", "ankündigen"),
        (".", "PUNCT", 3, "punct"),
    ]
    doc = doc_of(vocab, rows, cues=[(3, 4)])
    assert extract_statements(doc, [], [], []) == []


def test_a_reported_clause_is_a_clause_and_a_quotation_a_quotation(vocab):
    doc = doc_of(vocab, _said_the_situation_is_serious())
    ctx = context(doc, [])
    clause = (doc[3].idx, doc[6].idx + len(doc[6].text))
    assert A.content_form(ctx, "indirect", *clause) == "clause"
    assert A.content_form(ctx, "direct", *clause) == "quotation"
    assert A.content_form(ctx, "indirect", doc[3].idx, doc[4].idx + 4) == "phrase"


def _said_the_situation_is_serious():
    # Sie sagte , die Lage sei ernst .
    return [
        ("Sie", "PRON", 1, "nsubj", "Person=3"),
        ("sagte", "VERB", 1, "ROOT", "Mood=Ind|VerbForm=Fin", "sagen"),
        (",", "PUNCT", 6, "punct"),
        ("die", "DET", 4, "det"),
        ("Lage", "NOUN", 6, "nsubj"),
        ("sei", "AUX", 6, "cop", "Mood=Sub|Number=Sing|Person=3|Tense=Pres", "sein"),
        ("ernst", "ADJ", 1, "ccomp"),
        (".", "PUNCT", 1, "punct"),
    ]


def _reported_missing(vocab, mood: str, verb: str):
    # Die Lotsen meldeten ihn vermisst , nachdem er verschwunden <verb> .
    rows = [
        ("Die", "DET", 1, "det"),
        ("Lotsen", "NOUN", 2, "nsubj"),
        ("meldeten", "VERB", 2, "ROOT", "Mood=Ind|VerbForm=Fin", "melden"),
        ("ihn", "PRON", 2, "obj"),
        ("vermisst", "ADJ", 2, "xcomp"),
        (",", "PUNCT", 8, "punct"),
        ("nachdem", "SCONJ", 8, "mark"),
        ("er", "PRON", 8, "nsubj", "Person=3"),
        ("verschwunden", "VERB", 2, "advcl", "VerbForm=Part", "verschwinden"),
        (verb, "AUX", 8, "aux", f"Mood={mood}|VerbForm=Fin", "sein"),
        (".", "PUNCT", 2, "punct"),
    ]
    return doc_of(vocab, rows)


def test_a_side_clause_in_the_indicative_is_not_what_was_said(vocab):
    ctx = context(_reported_missing(vocab, "Ind", "war"), [])
    assert A.contents.side_clause(ctx, 6, 8)


def test_a_side_clause_in_konjunktiv_is_reported(vocab):
    ctx = context(_reported_missing(vocab, "Sub", "sei"), [])
    assert not A.contents.side_clause(ctx, 6, 8)


def test_dass_opens_what_was_said(vocab):
    doc = _reported_missing(vocab, "Ind", "war")
    rows = [(t.text, t.pos_, t.head.i, t.dep_, str(t.morph), t.lemma_) for t in doc]
    rows[6] = ("dass", "SCONJ", 8, "mark")
    ctx = context(doc_of(vocab, rows), [])
    assert not A.contents.side_clause(ctx, 6, 8)


# --- modals of hearsay ----------------------------------------------------------------


def _prosecutor_then_narrative_then_soll(vocab, narrative_sentences: int):
    # Der Staatsanwalt sagte , der Mann sei gefasst . [Er wohnt dort .]* Das Motiv soll
    # Eifersucht sein .
    rows = [
        ("Der", "DET", 1, "det"),
        ("Staatsanwalt", "NOUN", 2, "nsubj"),
        ("sagte", "VERB", 2, "ROOT", "Mood=Ind|VerbForm=Fin", "sagen"),
        (",", "PUNCT", 7, "punct"),
        ("der", "DET", 5, "det"),
        ("Mann", "NOUN", 7, "nsubj:pass"),
        ("sei", "AUX", 7, "aux:pass", "Mood=Sub|Number=Sing|Person=3|Tense=Pres", "sein"),
        ("gefasst", "VERB", 2, "ccomp", "VerbForm=Part", "fassen"),
        (".", "PUNCT", 2, "punct"),
    ]
    starts = [0]
    for _ in range(narrative_sentences):
        base = len(rows)
        starts.append(base)
        rows += [
            ("Er", "PRON", base + 1, "nsubj", "Person=3"),
            ("wohnt", "VERB", base + 1, "ROOT", "Mood=Ind|VerbForm=Fin", "wohnen"),
            ("dort", "ADV", base + 1, "advmod"),
            (".", "PUNCT", base + 1, "punct"),
        ]
    base = len(rows)
    starts.append(base)
    rows += [
        ("Das", "DET", base + 1, "det"),
        ("Motiv", "NOUN", base + 4, "nsubj"),
        ("soll", "AUX", base + 4, "aux", "Mood=Ind|Tense=Pres|VerbForm=Fin", "sollen"),
        ("Eifersucht", "NOUN", base + 4, "obj"),
        ("sein", "AUX", base + 4, "ROOT", "VerbForm=Inf", "sein"),
        (".", "PUNCT", base + 4, "punct"),
    ]
    doc = doc_of(vocab, rows, sent_starts=[i in starts for i in range(len(rows))], cues=[(2, 3)])
    actors = [LocalActor("Staatsanwaltschaft Hagen", "ORG", role="Staatsanwalt")]
    mentions = [Mention(0, "Staatsanwalt", doc[1].idx, doc[1].idx + 12)]
    return doc, actors, mentions


def test_soll_right_after_speech_carries_it_on(vocab):
    doc, actors, mentions = _prosecutor_then_narrative_then_soll(vocab, 0)
    last = extract_statements(doc, actors, mentions, [])[-1]
    assert last.text == "Das Motiv soll Eifersucht sein" and last.speaker == 0


def test_soll_after_a_sentence_of_narrative_still_reports_the_speaker(vocab):
    doc, actors, mentions = _prosecutor_then_narrative_then_soll(vocab, 1)
    last = extract_statements(doc, actors, mentions, [])[-1]
    assert last.text == "Das Motiv soll Eifersucht sein" and last.speaker == 0


def test_soll_long_after_any_speech_is_nobodys(vocab):
    doc, actors, mentions = _prosecutor_then_narrative_then_soll(vocab, 3)
    statements = extract_statements(doc, actors, mentions, [])
    assert not any(st.text.startswith("Das Motiv") for st in statements)


def test_a_noun_cue_reports_no_sentence_around_it(vocab):
    # Der Plan stößt auf Kritik .
    rows = [
        ("Der", "DET", 1, "det"),
        ("Plan", "NOUN", 2, "nsubj"),
        ("stößt", "VERB", 2, "ROOT", "Mood=Ind|VerbForm=Fin", "stoßen"),
        ("auf", "ADP", 4, "case"),
        ("Kritik", "NOUN", 2, "obl"),
        (".", "PUNCT", 2, "punct"),
    ]
    doc = doc_of(vocab, rows, cues=[(4, 5)])
    actors = [LocalActor("Plan", "ORG")]
    mentions = [Mention(0, "Plan", doc[1].idx, doc[1].idx + 4)]
    assert extract_statements(doc, actors, mentions, []) == []


def test_a_passive_cue_without_von_names_nobody(vocab):
    # Die Zahl wird auf 50 Millionen geschätzt . / ... von der WHO geschätzt .
    rows = [
        ("Die", "DET", 1, "det"),
        ("Zahl", "NOUN", 6, "nsubj:pass"),
        ("wird", "AUX", 6, "aux:pass", "Mood=Ind|VerbForm=Fin", "werden"),
        ("auf", "ADP", 5, "case"),
        ("50", "NUM", 5, "nummod"),
        ("Millionen", "NOUN", 6, "obl"),
        ("geschätzt", "VERB", 6, "ROOT", "VerbForm=Part", "schätzen"),
        (".", "PUNCT", 6, "punct"),
    ]
    ctx = context(doc_of(vocab, rows), [])
    assert A._passive_without_agent(ctx, SpeechEvent(cue=[6]))
    rows[5] = ("WHO", "PROPN", 6, "obl:agent")
    ctx = context(doc_of(vocab, rows), [])
    assert not A._passive_without_agent(ctx, SpeechEvent(cue=[6]))


@pytest.mark.parametrize(
    ("child", "konjunktiv"),
    [(("Mitgliedschaft", "NOUN", 1, "obj"), True), (("ich", "PRON", 1, "nsubj"), False)],
)
def test_a_verb_the_tagger_took_for_an_adjective_is_konjunktiv_one(vocab, child, konjunktiv):
    # Jedoch ruhe die Mitgliedschaft .  (tagged: ruhe ADJ ROOT)
    rows = [
        ("Jedoch", "ADV", 1, "advmod"),
        ("ruhe", "ADJ", 1, "ROOT", "Degree=Pos", "ruhen"),
        ("die", "DET", 3, "det"),
        child,
        (".", "PUNCT", 1, "punct"),
    ]
    doc = doc_of(vocab, rows)
    assert A.contents.konjunktiv_one(doc[1]) is konjunktiv

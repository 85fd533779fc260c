"""Speech events from hand-built Docs: cues and roles as a speech component would mark
them, heads and relations as a parser would give them. No trained model involved."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from newsfacts.transforms.nlp.speech import (
    SpeechEvent,
    closest_cue,
    merged_spans,
    message_from_parse,
    span_root,
    speech_events,
)


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("de").vocab


def parsed(vocab, words, heads, deps, spans=(), sent_starts=None):
    doc = Doc(vocab, words=words, heads=heads, deps=deps, sent_starts=sent_starts)
    doc.spans["speech"] = [Span(doc, s, e, label=label) for s, e, label in spans]
    return doc


def test_source_and_message_of_a_dass_clause(vocab):
    # Die Ministerin sagte , dass die Netze erneuert werden müssen .
    words = [
        "Die",
        "Ministerin",
        "sagte",
        ",",
        "dass",
        "die",
        "Netze",
        "erneuert",
        "werden",
        "müssen",
        ".",
    ]
    heads = [1, 2, 2, 7, 7, 6, 7, 2, 7, 7, 2]
    deps = [
        "det",
        "nsubj",
        "ROOT",
        "punct",
        "mark",
        "det",
        "nsubj:pass",
        "ccomp",
        "aux:pass",
        "aux",
        "punct",
    ]
    doc = parsed(vocab, words, heads, deps, [(2, 3, "CUE"), (0, 2, "SOURCE")])
    (event,) = speech_events(doc)
    assert event.cue == [2] and event.source == [0, 1]
    assert [doc[i].text for i in event.message] == [
        "dass",
        "die",
        "Netze",
        "erneuert",
        "werden",
        "müssen",
    ]


def test_a_cue_after_its_clause_reports_that_clause(vocab):
    # Das ist falsch , sagte Müller .
    words = ["Das", "ist", "falsch", ",", "sagte", "Müller", "."]
    heads = [2, 2, 2, 4, 2, 4, 2]
    deps = ["nsubj", "cop", "ROOT", "punct", "parataxis", "nsubj", "punct"]
    doc = parsed(vocab, words, heads, deps, [(4, 5, "CUE"), (5, 6, "SOURCE")])
    (event,) = speech_events(doc)
    assert event.source == [5]
    assert [doc[i].text for i in event.message] == ["Das", "ist", "falsch"]


def test_each_source_goes_to_the_cue_that_governs_it(vocab):
    # Anna sagte , Bernd habe gefordert , mehr zu bauen .
    words = ["Anna", "sagte", ",", "Bernd", "habe", "gefordert", ",", "mehr", "zu", "bauen", "."]
    heads = [1, 1, 5, 5, 5, 1, 9, 9, 9, 5, 1]
    deps = [
        "nsubj",
        "ROOT",
        "punct",
        "nsubj",
        "aux",
        "ccomp",
        "punct",
        "obj",
        "mark",
        "xcomp",
        "punct",
    ]
    spans = [(1, 2, "CUE"), (5, 6, "CUE"), (0, 1, "SOURCE"), (3, 4, "SOURCE")]
    events = speech_events(parsed(vocab, words, heads, deps, spans))
    by_cue = {e.cue_head: e.source for e in events}
    assert by_cue == {1: [0], 5: [3]}


def test_a_particle_joins_its_verb(vocab):
    # Er wies die Kritik zurück .
    words = ["Er", "wies", "die", "Kritik", "zurück", "."]
    heads = [1, 1, 3, 1, 1, 1]
    deps = ["nsubj", "ROOT", "det", "obj", "compound:prt", "punct"]
    doc = parsed(vocab, words, heads, deps, [(1, 2, "CUE"), (4, 5, "PTC"), (0, 1, "SOURCE")])
    (event,) = speech_events(doc)
    assert event.particle == [4] and event.source == [0]
    assert [doc[i].text for i in event.message] == ["die", "Kritik"]


def test_a_role_in_a_sentence_without_cue_is_dropped_and_the_subject_speaks(vocab):
    words = ["Sie", "sagte", "das", ".", "Er", "kam", "."]
    heads = [1, 1, 1, 1, 5, 5, 5]
    deps = ["nsubj", "ROOT", "obj", "punct", "nsubj", "ROOT", "punct"]
    starts = [True, False, False, False, True, False, False]
    doc = parsed(vocab, words, heads, deps, [(1, 2, "CUE"), (4, 5, "SOURCE")], starts)
    (event,) = speech_events(doc)
    assert event.source == [0]  # "Sie", the cue's subject; "Er" is in another sentence


def test_nearest_cue_by_words_when_there_is_no_parse(vocab):
    words = ["A", "sagte", "B", ",", "C", "meinte", "D"]
    doc = Doc(vocab, words=words, sent_starts=[True] + [False] * 6)  # no heads
    cues = [SpeechEvent(cue=[1]), SpeechEvent(cue=[5])]
    assert closest_cue(doc, 4, 5, cues) is cues[1]
    assert closest_cue(doc, 0, 1, cues) is cues[0]


def test_span_root_is_the_token_governed_from_outside(vocab):
    words = ["der", "frühere", "Minister", "sagte"]
    doc = Doc(vocab, words=words, heads=[2, 2, 3, 3], deps=["det", "amod", "nsubj", "ROOT"])
    assert span_root(doc, 0, 3) == 2


def test_no_cue_no_events(vocab):
    doc = parsed(vocab, ["Regen", "."], [0, 0], ["ROOT", "punct"], [(0, 1, "SOURCE")])
    assert speech_events(doc) == []
    assert message_from_parse(doc, SpeechEvent(cue=[0])) == []


def test_single_token_labels_merge_into_spans(vocab):
    # the component labels tokens: "der Sprecher" arrives as two SOURCE tokens
    words = ["der", "Sprecher", "sagte", "das"]
    heads = [1, 2, 2, 2]
    deps = ["det", "nsubj", "ROOT", "obj"]
    doc = parsed(vocab, words, heads, deps, [(0, 1, "SOURCE"), (1, 2, "SOURCE"), (2, 3, "CUE")])
    assert merged_spans(doc.spans["speech"]) == [(0, 2, "SOURCE"), (2, 3, "CUE")]
    (event,) = speech_events(doc)
    assert event.source == [0, 1] and event.message == [3]


def test_the_agent_of_a_passive_cue_speaks(vocab):
    # Das wurde von der Opposition kritisiert
    words = ["Das", "wurde", "von", "der", "Opposition", "kritisiert"]
    heads = [5, 5, 4, 4, 5, 5]
    deps = ["nsubj:pass", "aux:pass", "case", "det", "obl:agent", "ROOT"]
    doc = parsed(vocab, words, heads, deps, [(5, 6, "CUE")])
    (event,) = speech_events(doc)
    assert event.source == [2, 3, 4]  # "von der Opposition", not "Das", which was said


def test_a_coordinated_cue_shares_its_heads_subject(vocab):
    # Wir wollen bauen und meinen damit mehr
    words = ["Wir", "wollen", "bauen", "und", "meinen", "damit", "mehr"]
    heads = [2, 2, 2, 4, 2, 4, 4]
    deps = ["nsubj", "aux", "ROOT", "cc", "conj", "advmod", "obj"]
    doc = parsed(vocab, words, heads, deps, [(4, 5, "CUE")])
    (event,) = speech_events(doc)
    assert event.source == [0]

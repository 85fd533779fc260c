"""Statements: direct quotes, indirect speech in all positions, markers, continuations."""

from __future__ import annotations

from transforms.nlp.actors import extract_actors
from transforms.nlp.statements import extract_statements, quote_spans


def statements(nlp, text):
    doc = nlp(text)
    acts, mentions = extract_actors(doc, [])
    out = extract_statements(doc, acts, mentions, [])
    for s in out:
        assert text[s.start : s.end] == s.text
    return [
        (s.mode, None if s.speaker is None else acts[s.speaker].name, s.text, s.cue) for s in out
    ]


def test_quote_spans_all_styles():
    text = '„Eins zwei.“ und "drei vier" und »fünf« und «sechs sieben»'
    inner = [text[s:e] for s, e in quote_spans(text)]
    assert inner == ["Eins zwei.", "drei vier", "fünf", "sechs sieben"]


def test_direct_quote_with_speaker_after(nlp):
    out = statements(
        nlp, "„Wir brauchen mehr Personal in den Kliniken“, sagte Gesundheitsministerin Anna Berg."
    )
    assert out[0][0] == "direct" and out[0][1] == "Anna Berg"
    assert out[0][2].startswith("Wir brauchen")


def test_indirect_speech_verb_first_and_continuation(nlp):
    text = (
        "Die Ökonomin Petra Wagner sagte, die Inflation werde im Herbst sinken. "
        "Es gebe aber Risiken bei den Energiepreisen."
    )
    out = statements(nlp, text)
    assert out[0][:2] == ("indirect", "Petra Wagner")
    assert "Inflation" in out[0][2]
    assert out[1][1] == "Petra Wagner" and out[1][2].startswith("Es gebe")


def test_pronoun_speaker_resolves_to_last_person(nlp):
    text = (
        "Bürgermeister Jonas Keller stellte den Plan vor. Die Stadt brauche neue Schulen, sagte er."
    )
    out = statements(nlp, text)
    assert out and out[-1][1] == "Jonas Keller"


def test_attribution_markers(nlp):
    out = statements(nlp, "Laut Bundesregierung blieben die Gespräche am Abend ohne Ergebnis.")
    assert out and out[0][1] == "Bundesregierung" and out[0][3].lower() == "laut"
    assert "Gespräche" in out[0][2]
    out = statements(nlp, "Dem Statistischen Bundesamt zufolge stiegen die Preise im Mai deutlich.")
    assert out and out[0][1] == "Statistisches Bundesamt" and out[0][3] == "zufolge"


def test_unnamed_speaker_stays_null(nlp):
    out = statements(nlp, "In der Erklärung hieß es, die Verhandlungen würden fortgesetzt.")
    assert out and out[0][1] is None

"""Statements: direct quotes, indirect speech in all positions, markers, continuations."""

from __future__ import annotations

from newsfacts.transforms.nlp.actors import extract_actors
from newsfacts.transforms.nlp.attribution import extract_statements, quote_spans


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


def test_colon_announces_the_next_sentence(nlp):
    text = "Kassels Kämmerer Paul Roth warnte vor neuen Schulden: Die Stadt könne sich das nicht leisten."
    out = statements(nlp, text)
    # what follows the colon is what he warned of, whether the pipeline cuts the
    # sentence at the colon or not
    said = [o for o in out if o[2].startswith("Die Stadt")]
    assert said and said[0][1] == "Paul Roth"


def test_apposition_subject_is_not_the_content(nlp):
    text = "Bernd Keller, der frühere Bürgermeister von Kassel, nannte das Vorhaben einen Fehler."
    out = statements(nlp, text)
    assert out and out[0][1] == "Bernd Keller" and "Vorhaben" in out[0][2]
    assert "Bürgermeister" not in out[0][2]


def test_role_phrase_after_verb_is_the_current_speaker(nlp):
    text = (
        "Die Ministerin Petra Wagner sagte, der Haushalt stehe. "
        "„Wir werden keine neuen Schulden machen“, betonte die 54-Jährige."
    )
    out = statements(nlp, text)
    assert out[-1][0] == "direct" and out[-1][1] == "Petra Wagner"


def test_unnamed_person_is_a_null_speaker(nlp):
    out = statements(
        nlp, "„Ich warte seit Stunden auf meinen Zug“, sagte eine Pendlerin am Bahnhof."
    )
    assert out and out[0][1] is None


def test_marker_with_epithet_and_own_statements(nlp):
    text = (
        "Die Gewerkschaft Verdi rief zum Streik auf. "
        "Nach eigenen Angaben hat Verdi mehr als 2.000 Mitglieder in Kassel."
    )
    out = statements(nlp, text)
    assert any(o[3].lower().startswith("nach") and o[1] == "Verdi" for o in out)


def test_konjunktiv_one_by_form(nlp):
    text = "Bürgermeisterin Anna Berg sagte, die Stadt spare. Der Neubau bedeute eine große Last."
    out = statements(nlp, text)
    assert len(out) == 2 and out[1][1] == "Anna Berg"


def test_hervorgehen_credits_the_previous_sentence(nlp):
    text = (
        "Die Zahl der Insolvenzen stieg im Mai um zwölf Prozent. "
        "Das geht aus einem Bericht des Statistischen Bundesamts hervor, der in Wiesbaden erschien."
    )
    out = statements(nlp, text)
    assert out and out[0][1] == "Statistisches Bundesamt"
    assert out[0][2].startswith("Die Zahl der Insolvenzen")

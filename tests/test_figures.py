"""Figures: values, ranges, qualifiers, counted nouns; dates and ordinals are not figures."""

from __future__ import annotations

import pytest

from newsfacts.transforms.nlp.figures import extract_figures, parse_number
from newsfacts.transforms.nlp.lemmas import NounLemmatizer


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10.000", 10000),
        ("1,5", 1.5),
        ("600.000", 600000),
        ("zwölf", 12),
        ("Null", 0),
        ("abc", None),
        ("12,5,3", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def figs(nlp, text):
    doc = nlp(text)
    lemmatize = NounLemmatizer.for_pipeline(nlp)
    return [
        (f.value, f.qualifier, f.counted, f.low, f.high)
        for f in extract_figures(doc, [], lemmatize)
    ]


def test_digits_with_separators_and_multipliers(nlp):
    out = figs(nlp, "Der Konzern streicht 12.500 Stellen und investiert 1,5 Millionen Euro.")
    assert (12500.0, "exact", "Stelle", None, None) in out
    assert any(v == 1_500_000 and c == "Euro" for v, _, c, _, _ in out)


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("Mehr als 300 Beschäftigte legten die Arbeit nieder.", 300, "at_least"),
        ("Rund 40 Busse fielen aus.", 40, "approx"),
        ("Bis zu 80 Züge standen still.", 80, "at_most"),
        ("Knapp zwanzig Gemeinden meldeten Schäden.", 20, "approx"),
        ("Mindestens drei Kinder wurden verletzt.", 3, "at_least"),
    ],
)
def test_qualifiers(nlp, text, value, qualifier):
    out = figs(nlp, text)
    assert out and out[0][0] == value and out[0][1] == qualifier


def test_vague_amounts(nlp):
    out = figs(nlp, "Tausende Menschen demonstrierten, Dutzende Polizisten waren im Einsatz.")
    assert out[0][:2] == (1000.0, "vague") and out[0][2] == "Mensch"
    assert out[1][:2] == (12.0, "vague")


def test_ranges(nlp):
    out = figs(nlp, "Es fehlen 10.000 bis 12.000 Wohnungen, zwischen 200 und 300 davon in Kassel.")
    assert out[0][0] == 10000 and out[0][3:] == (10000, 12000)
    assert out[1][3:] == (200, 300)


def test_age_and_percent(nlp):
    out = figs(nlp, "Die 32-jährige Ärztin rechnet mit 3,4 Prozent mehr Patienten.")
    assert out[0][:3] == (32.0, "exact", "Jahr")
    assert out[1][:3] == (3.4, "exact", "Prozent")


def test_not_figures(nlp):
    text = "Am 12. März 2023 um 14.30 Uhr begann die dritte Sitzung, siehe Seite 3; das Video dauert 1:29 min."
    assert figs(nlp, text) == []


def test_offsets_slice_the_text(nlp):
    text = "Laut Polizei kamen rund 5.000 Menschen."
    doc = nlp(text)
    for f in extract_figures(doc, []):
        assert text[f.start : f.end] == f.text


def test_compound_numbers_trailing_dots_and_after_qualifiers(nlp):
    out = figs(
        nlp,
        "Die 1,5-Grad-Grenze gilt. Die Türkei meldete 51.275. Betroffen sind 80 Jahre oder älter.",
    )
    assert out[0][:3] == (1.5, "exact", "Grad")
    assert out[1][0] == 51275
    assert out[2][:2] == (80, "at_least")


def test_identifiers_are_not_figures(nlp):
    assert figs(nlp, "Das Urteil trägt das Aktenzeichen VIII ZR 68/23.") == []


def test_compound_noun_lemma(nlp):
    out = figs(nlp, "Es gab 329.120 Erstanträge und zwei Anschlusszüge fielen aus.")
    assert [o[2] for o in out] == ["Erstantrag", "Anschlusszug"]


# --- dates, times and timestamps are never figures; ranges are ordered by construction ---

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newsfacts.transforms.nlp.figures import ordered_range, temporal_spans  # noqa: E402


@pytest.fixture(scope="module")
def tokenizer():
    import spacy

    return spacy.blank("de")  # rules only: no trained model can turn these red


@pytest.mark.parametrize(
    "stamp",
    [
        "2017-06-02 06:44:00.0",
        "2017-06-02T06:44:00Z",
        "2024-11-05T17:03:12+01:00",
        "02.06.2017",
        "2.6.17",
        "2. 6. 2017",
        "06/02/2017",
        "06:44",
        "06:44:00",
        "2800 bis 2400 vor Christus",
        "44 v. Chr.",
    ],
)
def test_timestamps_are_not_figures(tokenizer, stamp):
    text = f"Stand {stamp} Berlin. Die Feuerwehr meldete 40 Einsätze."
    found = extract_figures(tokenizer(text), [])
    assert [f.text for f in found] == ["40 Einsätze"]


def test_descending_pair_is_not_a_range(tokenizer):
    assert ordered_range(12, 8) is None and ordered_range(8, 12) == (8, 12)
    text = "Das Spiel endete 5-3 vor 100 Zuschauern."
    assert [f.text for f in extract_figures(tokenizer(text), [])] == ["100 Zuschauern"]


def test_a_span_of_years_is_not_a_date(tokenizer):
    # '2017-2019' is no month; it stays out of the temporal spans (years are no figures anyway)
    assert temporal_spans("von 2017-2019 stieg") == []
    assert temporal_spans("im 2017-06 stieg") == [(3, 10)]


NUMBERS = st.one_of(
    st.integers(0, 99_999).map(str),
    st.integers(0, 999).map(lambda n: f"{n}.000"),
    st.tuples(st.integers(0, 999), st.integers(0, 99)).map(lambda t: f"{t[0]},{t[1]}"),
    st.sampled_from(["zwei", "zwölf", "hundert", "Tausende", "Dutzende", "Millionen"]),
)
SEPARATORS = st.sampled_from(["bis", "-", "–", "und", "zwischen", "oder mehr", ":", "/", "."])
WORDS = st.sampled_from(
    ["Menschen", "Euro", "Prozent", "rund", "mehr als", "etwa", "Uhr", "Jahre", "am", "die", "%"]
)
STAMPS = st.sampled_from(["2017-06-02", "06:44:00.0", "2.6.2017", "06/02/17", "v. Chr."])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(NUMBERS, SEPARATORS, WORDS, STAMPS), min_size=1, max_size=14))
@example(["2017-06-02", "06:44:00.0", "Berlin"])
@example(["2800", "bis", "2400", "v. Chr."])
@example(["12", "bis", "8", "Menschen"])
def test_every_range_is_ordered_and_no_figure_touches_a_timestamp(tokenizer, parts):
    text = " ".join(parts)
    doc = tokenizer(text)
    stamps = temporal_spans(text)
    for f in extract_figures(doc, []):
        assert (f.low is None) == (f.high is None)
        if f.low is not None:
            assert f.low <= f.high
            assert f.low <= f.value <= f.high or f.qualifier == "vague"
        assert text[f.start : f.end] == f.text
        assert not any(s < f.end and f.start < e for s, e in stamps), (f.text, stamps)


@pytest.mark.parametrize("text", ["19-jährige Soldatin", "(69, CDU)", "(54)"])
def test_nobody_claims_an_age(text):
    from newsfacts.transforms.nlp.extract import _claimant
    from newsfacts.transforms.types import Figure, Statement

    fig = Figure(19.0, "exact", text, 10, 10 + len(text))
    said = Statement("indirect", "x" * 40, 0, 40, "sagte", speaker=0)
    assert _claimant(fig, [(0, 50)], [said]) is None
    count = Figure(40.0, "exact", "40 Einsätzen", 10, 22)
    assert _claimant(count, [(0, 50)], [said]) == 0


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("Reiner Haseloff (69, CDU) jubelt.", "Jahr"),
        ("Pat Gelsinger (62) kam.", "Jahr"),
        ("Die Halle (300 Plätze) ist voll.", "Platz"),
    ],
)
def test_a_number_in_brackets_after_a_name_is_an_age(nlp, text, counted):
    (fig,) = extract_figures(nlp(text), [], NounLemmatizer())
    assert fig.counted == counted


def _parsed(words, pos, heads, deps):
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("de").vocab, words=words, pos=pos, heads=heads, deps=deps)


def test_a_unit_figure_measures_the_subject_of_its_clause():
    from newsfacts.transforms.nlp.figures import measure_of

    # Die Inflationsrate lag bei 8,7 Prozent
    doc = _parsed(
        ["Die", "Inflationsrate", "lag", "bei", "8,7", "Prozent"],
        ["DET", "NOUN", "VERB", "ADP", "NUM", "NOUN"],
        [1, 2, 2, 5, 5, 2],
        ["det", "nsubj", "ROOT", "case", "nummod", "obl"],
    )
    assert measure_of(doc, 4, 5, "Prozent", NounLemmatizer()) == "Inflationsrate"
    # a count measures what it counts, whatever the clause
    assert measure_of(doc, 4, 5, "Soldat", NounLemmatizer()) == "Soldat"
    # no subject in the clause: unknown
    doc = _parsed(
        ["um", "8,7", "Prozent", "gestiegen"],
        ["ADP", "NUM", "NOUN", "VERB"],
        [2, 2, 3, 3],
        ["case", "nummod", "obl", "ROOT"],
    )
    assert measure_of(doc, 1, 2, "Prozent", NounLemmatizer()) is None


def _flat(words, pos):
    """A Doc with tags and a flat parse: one sentence, every token hung on the first."""
    return _parsed(words, pos, [0] * len(words), ["ROOT"] + ["dep"] * (len(words) - 1))


def test_what_a_number_goes_to_is_not_what_it_counts():
    # Davon gehen 32 an die AfD
    doc = _flat(
        ["Davon", "gehen", "32", "an", "die", "AfD"], ["ADV", "VERB", "NUM", "ADP", "DET", "PROPN"]
    )
    (fig,) = extract_figures(doc, [], NounLemmatizer())
    assert fig.value == 32 and fig.counted is None
    # 10.000 nach Ostrussland gesendete Soldaten: a participle phrase before the noun
    doc = _flat(
        ["10.000", "nach", "Ostrussland", "gesendete", "Soldaten"],
        ["NUM", "ADP", "PROPN", "ADJ", "NOUN"],
    )
    (fig,) = extract_figures(doc, [], NounLemmatizer())
    assert fig.counted is not None and fig.text.endswith("Soldaten")


def test_dutzend_multiplies_and_a_multiplied_number_word_is_a_figure():
    doc = _flat(
        ["mehr", "als", "zwei", "Dutzend", "Verletzte"], ["ADV", "ADP", "NUM", "NOUN", "NOUN"]
    )
    (fig,) = extract_figures(doc, [], NounLemmatizer())
    assert (fig.value, fig.qualifier) == (24, "at_least")
    # 'rund acht Milliarden weniger': no counted noun, still a figure, and one figure only
    doc = _flat(["rund", "acht", "Milliarden", "weniger"], ["ADV", "NUM", "NUM", "ADV"])
    (fig,) = extract_figures(doc, [], NounLemmatizer())
    assert (fig.value, fig.qualifier) == (8e9, "approx")


@pytest.mark.parametrize(("word", "years"), [("sechsjähriger", 6), ("Zwölfjährige", 12)])
def test_an_age_in_words_is_a_figure_in_years(word, years):
    doc = _flat(["ein", word, "Junge"], ["DET", "ADJ", "NOUN"])
    (fig,) = extract_figures(doc, [], NounLemmatizer())
    assert (fig.value, fig.counted) == (years, "Jahr")


def test_an_elliptic_number_counts_what_the_figure_before_it_counted():
    from newsfacts.transforms.nlp.figures import inherit_counted
    from newsfacts.transforms.types import Figure

    # "Der Landtag hat 88 Sitze. Davon gehen 32 an die AfD. ... Im Jahr kamen 5 dazu."
    seats = Figure(88, "exact", "88 Sitze", 17, 25, counted="Sitz", measure="Sitz")
    elliptic = Figure(32, "exact", "32", 38, 40)
    far = Figure(5, "exact", "5", 120, 121)
    age = Figure(69, "exact", "69", 60, 62, counted="Jahr")
    after_age = Figure(3, "exact", "3", 64, 65)
    figures = [seats, elliptic, age, after_age, far]
    inherit_counted(figures, [0, 27, 55, 100])
    assert (elliptic.counted, elliptic.measure) == ("Sitz", "Sitz")
    assert after_age.counted is None  # an age is no count to carry on
    assert far.counted is None  # two sentences on: too far


def test_an_age_in_brackets_is_claimed_by_nobody_even_inside_a_statement():
    from newsfacts.transforms.nlp.extract import _claimant
    from newsfacts.transforms.types import Figure, Statement

    said = Statement("direct", "x" * 40, 0, 40, "hofft", speaker=0)
    age = Figure(69.0, "exact", "69", 10, 12, counted="Jahr")
    assert _claimant(age, [(0, 50)], [said]) is None
    spelled = Figure(6.0, "exact", "sechsjähriger", 10, 23, counted="Jahr")
    assert _claimant(spelled, [(0, 50)], [said]) is None

"""Actors: model entities plus gazetteer forms, roles, and alias clustering per article."""

from __future__ import annotations

from newsfacts.transforms.nlp.actors import extract_actors


def actors(nlp, text):
    doc = nlp(text)
    acts, mentions = extract_actors(doc, [])
    for m in mentions:
        assert text[m.start : m.end] == m.surface
    return acts, mentions


def by_name(acts):
    return {a.name: a for a in acts}


def test_adjectives_and_compounds_name_countries(nlp):
    acts, mentions = actors(
        nlp,
        "Französische Diplomaten trafen den US-Botschafter in Berlin. Die polnischen Behörden schwiegen.",
    )
    names = by_name(acts)
    assert {"Frankreich", "USA", "Berlin", "Polen"} <= names.keys()
    assert any(m.surface == "US" for m in mentions)


def test_genitive_and_official_names_cluster(nlp):
    acts, mentions = actors(
        nlp,
        "Nordkoreas Führung und die Demokratische Volksrepublik Korea sind dasselbe. Nordkorea schweigt.",
    )
    nk = [a for a in acts if a.name == "Nordkorea"]
    assert len(nk) == 1
    assert {m.surface for m in mentions if acts[m.actor].name == "Nordkorea"} >= {
        "Nordkoreas",
        "Nordkorea",
    }


def test_surname_and_genitive_join_full_name(nlp):
    text = (
        "Bundesfinanzminister Christian Lindner legte den Haushalt vor. Lindner sagte, die Lage sei ernst. "
        "Lindners Kritiker widersprachen."
    )
    acts, mentions = actors(nlp, text)
    persons = [a for a in acts if a.type == "PER"]
    assert [p.name for p in persons] == ["Christian Lindner"]
    surfaces = {m.surface for m in mentions if acts[m.actor].type == "PER"}
    assert {"Christian Lindner", "Lindner"} <= surfaces
    assert persons[0].role and "finanzminister" in persons[0].role.lower()


def test_organisations_from_gazetteer(nlp):
    acts, _ = actors(
        nlp, "Die Nato und die EU berieten. Die Europäische Zentralbank hielt die Zinsen."
    )
    names = by_name(acts)
    assert names["Nato"].type == "ORG" and names["EU"].type == "ORG" and names["EZB"].type == "ORG"


def test_acronym_in_parentheses_joins_its_name(nlp):
    text = "Das Statistikamt Eurostat (ESTAT) meldete Zahlen. Die ESTAT-Daten und ESTAT selbst bestätigen das."
    acts, mentions = actors(nlp, text)
    assert [a.name for a in acts] == ["Eurostat"]
    assert {m.surface for m in mentions} == {"Eurostat", "ESTAT"}


def test_place_adjectives_and_regions(nlp):
    acts, _ = actors(
        nlp, "Das Münchner Institut und die bayerische Staatsregierung berieten in Sachsen."
    )
    names = by_name(acts)
    assert {"München", "Bayern", "Sachsen"} <= names.keys()


def test_compound_prefix_of_a_known_name(nlp):
    acts, mentions = actors(nlp, "Die Kreml-Truppen rückten vor, sagte der Ukraine-Experte.")
    assert {"Kreml", "Ukraine"} <= {a.name for a in acts}
    assert {"Kreml", "Ukraine"} <= {m.surface for m in mentions}


def _tagged(words, pos):
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("de").vocab, words=words, pos=pos)


def test_an_organisation_named_fuer_x_goes_on_over_und():
    from newsfacts.transforms.nlp.actors import _with_second_field

    words = ["Das", "Institut", "für", "Makroökonomie", "und", "Konjunkturforschung", "rechnet"]
    doc = _tagged(words, ["DET", "PROPN", "ADP", "PROPN", "CCONJ", "NOUN", "VERB"])
    assert _with_second_field(doc, 1, 4) == 6
    # without 'für' the 'und' joins two actors, not two fields of one name
    doc = _tagged(
        ["Die", "SPD", "und", "Grüne", "sagen"], ["DET", "PROPN", "CCONJ", "NOUN", "VERB"]
    )
    assert _with_second_field(doc, 1, 2) == 2


def test_a_place_noun_before_a_name_is_not_part_of_it():
    from newsfacts.transforms.nlp.actors import _clean_tokens

    doc = _tagged(["im", "Stadtbezirk", "Solomjanskyj"], ["ADP", "NOUN", "PROPN"])
    assert _clean_tokens(doc, 1, 3, "LOC") == (2, 3)


def test_ampel_compounds_name_the_coalition():
    from newsfacts.transforms.nlp.actors import gazetteer_candidates

    found = gazetteer_candidates("Die Ampel-Regierung streitet, die Ampelanlage ist rot.")
    ampel = [(c.surface, c.canonical, c.type) for c in found if c.surface.startswith("Ampel")]
    assert ampel == [("Ampel", "Ampel", "ORG")]


def test_an_institution_after_a_country_name_is_that_countrys():
    import spacy

    from newsfacts.transforms.nlp.actors import Candidate, _resolve_overlaps, gazetteer_candidates

    text = "Israels Armee hat den Tod bestätigt."
    doc = spacy.blank("de")(text)
    model = Candidate(0, len("Israels Armee"), "Israels Armee", "ORG")
    found = _resolve_overlaps(doc, [*gazetteer_candidates(text), model])
    assert [(c.surface, c.canonical, c.type) for c in found] == [
        ("Israels", "Israel", "LOC"),
        ("Armee", "israelische Armee", "ORG"),
    ]

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

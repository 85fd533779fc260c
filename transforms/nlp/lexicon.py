"""Word lists the extraction rules use, as data: `transforms/nlp/rules/*.toml`.

Countries with their German adjective stems, capitals, international organisations,
number words, qualifiers and role nouns. This module
only reads those files (once per process) and gives each list the shape the rules use.
"""

from __future__ import annotations

from newsfacts.transforms.nlp.ruledata import rule_file

_places = rule_file("places")
_orgs = rule_file("organisations")
_numbers = rule_file("numbers")

# name -> (adjective stem or None, extra surface forms incl. official names, compound prefixes)
COUNTRIES: dict[str, tuple[str | None, tuple[str, ...], tuple[str, ...]]] = {
    name: (c.get("adjective"), tuple(c.get("forms", ())), tuple(c.get("prefixes", ())))
    for name, c in _places["countries"].items()
}
NON_ACTOR_ADJECTIVES = set(_places["non_actor_adjectives"])
PLACE_NOUNS = frozenset(_places["place_nouns"])
CITIES = tuple(_places["cities"])
REGIONS = tuple(_places["regions"])
PLACE_ADJECTIVES = dict(_places["place_adjectives"])
REGION_ADJECTIVE_STEMS = dict(_places["region_adjective_stems"])
CAPITAL_OF = dict(_places["capital_of"])

ORGANISATIONS: dict[str, tuple[str, ...]] = {
    name: tuple(forms) for name, forms in _orgs["organisations"].items()
}
ORG_PREFIXES = dict(_orgs["prefixes"])
ORG_EPITHETS = set(_orgs["anaphora"]["epithets"])
GOVERNMENT_NOUNS = set(_orgs["anaphora"]["government_nouns"])


NUMBER_WORDS: dict[str, int] = dict(_numbers["number_words"])
MULTIPLIERS: dict[str, float] = {k: float(v) for k, v in _numbers["multipliers"].items()}
VAGUE_WORDS: dict[str, tuple[float, float, float]] = {
    k: tuple(v) for k, v in _numbers["vague_words"].items()
}
FIXED_LEMMAS = dict(_numbers["fixed_lemmas"])
QUALIFIERS_BEFORE = [(tuple(q["words"]), q["qualifier"]) for q in _numbers["qualifiers_before"]]

ROLE_STEMS = tuple(rule_file("roles")["stems"])
FURNITURE_END_MARKERS = tuple(rule_file("furniture")["end_markers"])
FURNITURE_TEASER_MARKERS = tuple(rule_file("furniture")["teaser_markers"])

"""Noun lemmas that also work for German compounds the lookup table does not list.

"Erstanträge" is not in the lookup table, but "Anträge" -> "Antrag" is, so the
compound's lemma is "Erstantrag". The table comes from the pipeline's lemmatizer.
"""

from __future__ import annotations

from newsfacts.transforms.nlp.lexicon import FIXED_LEMMAS

_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
_PLURAL_SUFFIXES = ("ungen", "heiten", "keiten", "schaften", "ionen", "täten", "nissen")


class NounLemmatizer:
    """Capitalised noun lemmas: the pipeline's lemma, else the lemma of a known tail."""

    def __init__(self, table=None):
        self.table = table
        self._cache: dict[str, str] = {}

    @classmethod
    def for_pipeline(cls, nlp) -> NounLemmatizer:
        table = None
        if "lemmatizer" in nlp.pipe_names:
            lookups = nlp.get_pipe("lemmatizer").lookups
            if lookups.has_table("lemma_lookup"):
                table = lookups.get_table("lemma_lookup")
        return cls(table)

    def _compound(self, word: str) -> str:
        if word in self._cache:
            return self._cache[word]
        lemma = word
        if word in FIXED_LEMMAS:
            lemma = FIXED_LEMMAS[word]
        elif word.endswith("innen") and len(word) > 7:
            lemma = word[:-3]  # feminine plural: "Anhängerinnen" -> "Anhängerin"
        elif word in self.table:
            lemma = self.table[word]
        else:
            # longest known tail first: "Anschlusszüge" -> "Züge" -> "Zug"
            for i in range(3, len(word) - 3):
                tail = word[i].upper() + word[i + 1 :]
                if tail in self.table:
                    tail_lemma = self.table[tail]
                    # only noun lemmas: "Stadtverordnete" keeps its form (adjective tail)
                    if tail_lemma != tail and tail_lemma[:1].isupper():
                        lemma = word[:i] + tail_lemma.lower()
                    break
        self._cache[word] = lemma
        return lemma

    def nominalised_adjective(self, word: str) -> str | None:
        """'Beschäftigten', 'Verletzte', 'Jugendliche': a capitalised adjective or
        participle; its lemma is the masculine singular 'Beschäftigter' (as a dictionary
        lists 'Angestellter'). None for any other word."""
        if self.table is None or not word[:1].isupper():
            return None
        low = word.lower()
        if not low.endswith(_ADJECTIVE_ENDINGS):
            return None
        simple = self._simple_nominalised(word)
        if simple is not None:
            return simple
        # "Stadtverordnete": the tail "Verordnete" is one
        for i in range(3, len(word) - 3):
            tail = self._simple_nominalised(word[i].upper() + word[i + 1 :], False)
            if tail is not None:
                return word[:i] + tail.lower()
        return None

    def _simple_nominalised(self, word: str, lower_case_lookup: bool = True) -> str | None:
        """The '-er' lemma when the table leads from `word` to an adjective it starts
        with ('Verletzte' -> 'verletzt'; 'Beschäftigten' -> 'Beschäftigte' ->
        'beschäftigt'); with `lower_case_lookup`, also through the lower-cased word
        ('jugendliche' -> 'jugendlich'), which a compound's tail does not get: 'Halte'
        in 'Haushalte' is no adjective."""
        forms = [word, self.table.get(word, word)]
        for form in forms:
            adjective = self.table.get(form) if form != word or form in self.table else None
            candidates = (adjective, self.table.get(form.lower()) if lower_case_lookup else None)
            for candidate in candidates:
                if (
                    candidate
                    and candidate[:1].islower()
                    and form.lower().startswith(candidate)
                    and len(form) - len(candidate) <= 2
                ):
                    return candidate[:1].upper() + candidate[1:] + "er"
        return None

    def plural_suffix(self, word: str) -> str | None:
        """'Wohnungen', 'Gesellschaften', 'Universitäten': a plural whose derivational
        suffix says where the singular ends."""
        for suffix in _PLURAL_SUFFIXES:
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                return word[:-2]
        return None

    def __call__(self, token) -> str:
        if token.text in FIXED_LEMMAS:
            return FIXED_LEMMAS[token.text]
        nominalised = self.nominalised_adjective(token.text)
        if nominalised is not None:
            return nominalised
        lemma = token.lemma_ or token.text
        if lemma[:1].islower() and token.text[:1].isupper():
            lemma = token.text  # a capitalised word the table only knows in lower case
        if self.table is not None and lemma == token.text:
            lemma = self._compound(token.text)
        if lemma == token.text and "Plur" in token.morph.get("Number"):
            lemma = self.plural_suffix(token.text) or lemma
        if lemma[:1].islower():
            lemma = lemma[:1].upper() + lemma[1:]
        return lemma

    def word(self, text: str) -> str:
        """Lemma of a bare word (no token), e.g. the noun inside '35-Stunden-Woche'."""
        lemma = self._compound(text) if self.table is not None else text
        return lemma[:1].upper() + lemma[1:] if lemma else lemma

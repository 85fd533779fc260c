"""Noun lemmas that also work for German compounds the lookup table does not list.

"Erstanträge" is not in the lookup table, but "Anträge" -> "Antrag" is, so the
compound's lemma is "Erstantrag". The table comes from the pipeline's lemmatizer.
"""

from __future__ import annotations

from newsfacts.transforms.nlp.lexicon import FIXED_LEMMAS


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
            lemma = word[:-2]  # feminine plural: "Anhängerinnen" -> "Anhängerin"
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

    def __call__(self, token) -> str:
        if token.text in FIXED_LEMMAS:
            return FIXED_LEMMAS[token.text]
        lemma = token.lemma_ or token.text
        if lemma[:1].islower() and token.text[:1].isupper():
            lemma = token.text  # a nominalised adjective ("Alliierte") keeps its written form
        if self.table is not None and lemma == token.text:
            lemma = self._compound(token.text)
        if lemma[:1].islower():
            lemma = lemma[:1].upper() + lemma[1:]
        return lemma

    def word(self, text: str) -> str:
        """Lemma of a bare word (no token), e.g. the noun inside '35-Stunden-Woche'."""
        lemma = self._compound(text) if self.table is not None else text
        return lemma[:1].upper() + lemma[1:] if lemma else lemma

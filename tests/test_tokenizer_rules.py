"""Tokenizer and sentence rules added to whatever pipeline is loaded
(rules/tokenizer.toml, `newsfacts_line_breaks`), on a blank German pipeline."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from newsfacts.transforms.nlp.extract import _add_infixes, line_breaks


def test_a_full_stop_glued_to_a_quotation_is_split_off():
    nlp = spacy.blank("de")
    _add_infixes(nlp)
    words = [t.text for t in nlp('Es gab Schäden."Heute hat die Welt es gesehen", schrieb er.')]
    assert words[:5] == ["Es", "gab", "Schäden", ".", '"']
    assert words[5] == "Heute"


def test_abbreviations_and_plain_quotes_keep_their_tokens():
    nlp = spacy.blank("de")
    before = [t.text for t in nlp('Er sagte: "Wir kommen." Dann z.B. U.S.A.')]
    _add_infixes(nlp)
    assert [t.text for t in nlp('Er sagte: "Wir kommen." Dann z.B. U.S.A.')] == before


def test_a_decimal_that_kept_its_full_stop_ends_the_sentence():
    vocab = spacy.blank("de").vocab
    words = ["Der", "Wert", "lag", "bei", "7,1.", "Nach", "Angaben", "der", "Behörde", "sank", "er"]
    doc = Doc(vocab, words=words, sent_starts=[i == 0 for i in range(len(words))])
    line_breaks(doc)
    assert doc[5].is_sent_start


def test_an_ordinal_does_not_end_the_sentence():
    vocab = spacy.blank("de").vocab
    words = ["Am", "3.", "Oktober", "feiert", "das", "Land"]
    doc = Doc(vocab, words=words, sent_starts=[i == 0 for i in range(len(words))])
    line_breaks(doc)
    assert not doc[2].is_sent_start

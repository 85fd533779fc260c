"""Page furniture: credits, bylines and captions are masked before extraction, article
text is not. Rules only (rules/furniture.toml): no trained model is involved."""

from __future__ import annotations

import pytest

from newsfacts.transforms.nlp.furniture import furniture_spans, is_credit_line, mask_furniture


@pytest.mark.parametrize(
    "line",
    [
        "Foto: dpa/Max Muster",
        "dpa/Max Muster",
        "© dpa/Max Muster",
        "© picture alliance",
        "(c) Agentur 2023",
        "Von Anna Berg, SWR",
        "Von: APA/dpa/Reuters",
        "Von Anna Berg und Max Muster",
    ],
)
def test_credit_lines_and_bylines_are_furniture(line):
    assert is_credit_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Von Berlin aus fuhr die Delegation weiter nach Warschau.",
        "Von den 200 Gästen kamen 30",
        "Das sagte er/sie am Montag in Berlin vor Journalisten und Gästen der Messe.",
        "Die Regierung will sparen.",
    ],
)
def test_article_sentences_are_not_credit_lines(line):
    assert not is_credit_line(line)


def test_a_credit_at_the_end_of_a_caption_is_masked_and_offsets_stay():
    body = (
        "Anna Berg (CDU) hält die Pläne für zu optimistisch. (Archivbild) Foto: Max Muster/dpa\n\n"
        "Berlin - Die Opposition kritisiert den Haushalt."
    )
    spans = furniture_spans(body)
    assert [body[s:e] for s, e in spans] == ["Foto: Max Muster/dpa"]
    masked = mask_furniture(body)
    assert len(masked) == len(body)
    assert "Max Muster" not in masked and "Anna Berg (CDU)" in masked


def test_a_byline_line_is_masked_but_not_the_text_after_it():
    body = "Von: APA/dpa/Reuters\n\nBei Angriffen auf Kiew gab es in der Nacht einen Toten."
    masked = mask_furniture(body)
    assert "Reuters" not in masked
    assert masked.endswith("Bei Angriffen auf Kiew gab es in der Nacht einen Toten.")

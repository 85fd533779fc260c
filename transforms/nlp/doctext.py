"""The text of a Doc, built once: spaCy rebuilds `Doc.text` from every token on each
access, which the extraction rules (actors, figures, statements) all need."""

from __future__ import annotations

_KEY = "newsfacts_text"


def doc_text(doc) -> str:
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text

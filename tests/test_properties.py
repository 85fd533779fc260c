"""Property-based tests: the parsers take any input without raising, and keep their invariants."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsfacts.transforms.nlp.attribution import quote_spans
from newsfacts.transforms.nlp.figures import parse_number
from newsfacts.transforms.staging import (
    StagedFile,
    decode,
    html_to_text,
    parse_date_header,
    parse_source,
    relative_name,
    split_article,
    stage_bytes,
)
from newsfacts.transforms.triage import staged_frame

FEW = settings(max_examples=200, deadline=None)

# text that looks like articles: German letters, digits, punctuation, quotes and markers
ARTICLE_CHARS = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ0123456789")
    + list(" \t\n\r.,;:!?-–()/'\"„“”»«<>&")
    + ["date ", "Date\t", "Quelle:", "Quelle: dpa", "(c) Copyright ", "2024-05", "2024-13"]
    + ["<p>", "</p>", "<br>", "<html>", "&amp;", "\ufeff", "\u00a0", "\x00", "\x85"]
)
article_text = st.lists(ARTICLE_CHARS, max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=200), article_text)


def is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


@FEW
@given(any_text)
def test_date_header_parser_never_raises(line):
    raw, end = parse_date_header(line)
    if raw is None:
        assert end == 0
    else:
        assert 0 < end <= len(line)
        assert line[:end].endswith(raw)
        assert not any(ch.isspace() for ch in raw)


@FEW
@given(st.integers(min_value=1000, max_value=9999), st.integers(min_value=1, max_value=12))
def test_valid_header_gives_the_month(year, month):
    f = split_article(f"date {year}-{month:02d}\nQuelle: dpa\nText.", StagedFile(Path("x"), "x"))
    assert f.published == date(year, month, 1) and f.date_origin == "header"
    assert f.header_month == year * 100 + month


@FEW
@given(any_text)
def test_source_parser_never_raises(rest):
    source, consumed = parse_source(rest)
    assert source is None or isinstance(source, str)
    if consumed is not None:
        assert source and 0 < consumed <= len(rest.strip())


@FEW
@given(st.one_of(st.binary(max_size=300), any_text.map(lambda t: t.encode("utf-8"))))
def test_any_bytes_stage_without_raising(raw):
    staged = stage_bytes(raw, StagedFile(Path("f.txt"), "f.txt"))
    assert staged.size_bytes == len(raw) and len(staged.content_sha256) == 64
    decoded = staged.body is not None
    # exactly one of: binary, undecodable, or decoded text
    assert [staged.is_binary, staged.decode_error is not None, decoded].count(True) == 1
    staged_frame([staged])  # the check frame accepts every staged file
    if decoded:
        text, _, _ = decode(raw)
        if staged.html_stripped:
            text = html_to_text(text)
        assert "\r" not in staged.body and staged.body == staged.body.strip()
        if staged.source is None:
            assert staged.body in text
        else:  # only the source line was cut out of the middle
            assert is_subsequence(staged.body, text)
        assert (staged.title is None) == (staged.body == "")


BODY_CHARS = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzäöüßKÄÖÜ0123456789 \n.,;!?-„“"))


@FEW
@given(
    st.integers(min_value=1900, max_value=2100),
    st.integers(min_value=1, max_value=12),
    st.lists(BODY_CHARS, min_size=1, max_size=80).map("".join),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
# cp1252 bytes that are also valid UTF-8: "ß„" is DF 84, the N'Ko letter U+07C4 in UTF-8
@example(2024, 5, "ß„", "\n", "cp1252")
@example(2024, 5, "Ä„ä„„", "\n", "cp1252")
@example(2024, 5, "Ä„ä„„", "\n", "utf-8")
def test_header_source_body_round_trip(year, month, body, newline, encoding):
    text = f"date {year}-{month:02d}\nQuelle: dpa\n{body}".replace("\n", newline)
    staged = stage_bytes(text.encode(encoding), StagedFile(Path("f.txt"), "f.txt"))
    assert staged.published == date(year, month, 1)
    assert staged.source == "dpa" and staged.source_line == "Quelle: dpa"
    assert staged.body == body.strip()


@FEW
@given(any_text)
def test_quote_spans_lie_inside_the_text_and_do_not_overlap(text):
    spans = quote_spans(text)
    previous_end = 0
    for start, end in spans:
        assert 0 < start < end < len(text)
        assert start >= previous_end
        assert text[start - 1] in '„"»«“'
        assert text[end] in '“”"«»'
        previous_end = end + 1


@FEW
@given(st.integers(min_value=0, max_value=10**15))
def test_formatted_integers_round_trip(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}".replace(",", ".")) == n


@FEW
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=99))
def test_decimal_comma_round_trips(whole, cents):
    assert parse_number(f" {whole},{cents:02d} ") == float(f"{whole}.{cents:02d}")


@FEW
@given(any_text)
def test_number_parser_never_raises(text):
    value = parse_number(text)
    assert value is None or isinstance(value, float)


@FEW
@given(st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\x00" not in b))
def test_any_file_name_becomes_valid_utf8(name):
    inbox = Path("/inbox")
    shown = relative_name(inbox / os.fsdecode(name), inbox)
    shown.encode("utf-8")  # would raise on lone surrogates
    try:
        assert shown == name.decode("utf-8")
    except UnicodeDecodeError:
        assert "\\x" in shown

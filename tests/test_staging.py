"""Staging: decoding, header, source line, body and date recovery; never raises."""

from __future__ import annotations

import codecs
import os
from datetime import date
from pathlib import Path

import pytest

from newsfacts.transforms.staging import StagedFile, decode, parse_source, read_file, stage_bytes
from tests.conftest import write_article


def stage(text: str | bytes) -> StagedFile:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return stage_bytes(raw, StagedFile(path=Path("x.txt"), file_name="x.txt"))


def test_header_on_same_line_as_text():
    f = stage(" date 2024-11 Tausende Menschen demonstrierten in Leipzig.\n\nMehr Text.")
    assert f.published == date(2024, 11, 1)
    assert f.date_origin == "header"
    assert f.body.startswith("Tausende Menschen")


@pytest.mark.parametrize(
    ("line", "source", "body_start"),
    [
        ("Quelle: dpa\nDer Text.", "dpa", "Der Text."),
        ("Quelle: dpaDie Stadt plant viel.", "dpa", "Die Stadt plant"),
        (
            "Quelle: (c) Copyright Thomson Reuters 2024. Click For Restrictions - https://x.example\n\nDer Text.",
            "Reuters",
            "Der Text.",
        ),
        ("Quelle: Süddeutsche Zeitung\nDer Text.", "Süddeutsche Zeitung", "Der Text."),
        ("Quelle: AFP\nDer Text.", "AFP", "Der Text."),
    ],
)
def test_source_line_forms(line, source, body_start):
    f = stage("date 2024-03 " + line)
    assert f.source == source
    assert f.body.startswith(body_start)
    assert "Quelle:" not in f.body


def test_source_line_at_the_end_is_removed_from_body():
    f = stage("date 2024-03\nDer Rat tagte lange.\nQuelle: epd\n")
    assert f.source == "epd"
    assert f.body == "Der Rat tagte lange."


def test_parse_source_empty_is_none():
    assert parse_source("   ") == (None, None)


@pytest.mark.parametrize(
    ("text", "expected", "detail"),
    [
        ("Berlin, 27.10.2024 - Der Text.", date(2024, 10, 27), "27.10.2024"),
        ("Am 21. Oktober 2024 sagte er etwas.", date(2024, 10, 21), "21. Oktober 2024"),
        ("• Oktober 21, 2024\nDer Text.", date(2024, 10, 21), "Oktober 21, 2024"),
    ],
)
def test_date_recovered_from_body_when_header_missing(text, expected, detail):
    f = stage(text)
    assert not f.has_date_header
    assert f.published == expected
    assert f.date_origin == "body"
    assert f.date_detail == detail


def test_invalid_header_month_recovers_from_body():
    f = stage("date 2024-13 Am 3. Mai 2024 tagte der Rat.")
    assert f.has_date_header and f.date_header_raw == "2024-13"
    assert f.published == date(2024, 5, 3) and f.date_origin == "body"


def test_impossible_body_date_is_skipped():
    f = stage("Am 31.02.2024 oder am 01.03.2024 passierte es.")
    assert f.published == date(2024, 3, 1)


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        ("Grüße".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "Grüße".encode(), "utf-8-sig"),
        ("Grüße".encode("cp1252"), "cp1252"),
        (codecs.BOM_UTF16_LE + "Grüße".encode("utf-16-le"), "utf-16"),
    ],
)
def test_decode_encodings(raw, encoding):
    text, enc, err = decode(raw)
    assert (text, enc, err) == ("Grüße", encoding, None)


def test_crlf_normalised():
    assert decode(b"a\r\nb\rc")[0] == "a\nb\nc"


def test_undecodable_and_binary():
    assert decode(b"abc \x81\x8d \xc3\x28")[2].startswith("neither UTF-8")
    assert decode(b"\x89PNG\r\n\x1a\n")[2] == "binary"
    assert decode(b"text\x00more")[2] == "binary"


def test_html_is_stripped_and_flagged():
    f = stage("<html><body><p>date 2024-01 Der Rat tagte.</p><script>x()</script></body></html>")
    assert f.html_stripped
    assert "<p>" not in f.body and "x()" not in f.body


def test_read_file_too_large_hashes_whole_file(tmp_path):
    p = write_article(tmp_path, "big.txt", b"x" * 5000)
    f = read_file(p, tmp_path, max_bytes=1000)
    assert f.size_bytes == 5000 and f.body is None
    import hashlib

    assert f.content_sha256 == hashlib.sha256(b"x" * 5000).hexdigest()


def test_symlink_outside_inbox_is_refused(tmp_path):
    outside = write_article(tmp_path, "secret.txt", "date 2024-01 geheim")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    link = inbox / "link.txt"
    link.symlink_to(outside)
    f = read_file(link, inbox, 10_000)
    assert f.read_error == "outside_inbox" and f.body is None and f.content_sha256 is None


def test_vanished_file(tmp_path):
    f = read_file(tmp_path / "gone.txt", tmp_path, 10_000)
    assert f.read_error in ("vanished", "unreadable")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files regardless of permissions")
def test_unreadable_file(tmp_path):
    p = write_article(tmp_path, "locked.txt", "date 2024-01 Text")
    p.chmod(0)
    assert read_file(p, tmp_path, 10_000).read_error == "unreadable"


def test_cp1252_bytes_that_are_valid_utf8_decode_as_cp1252():
    from newsfacts.transforms.staging import decode

    raw = "ß„".encode("cp1252")
    assert raw.decode("utf-8") == "\u07c4"  # valid UTF-8, an N'Ko letter
    assert decode(raw) == ("ß„", "cp1252", None)
    assert decode("Ä„".encode("cp1252")) == ("Ä„", "cp1252", None)  # not "Ą"


def test_utf8_with_foreign_scripts_stays_utf8():
    from newsfacts.transforms.staging import decode

    for text in ("Łódź und Kyjiw", "Selenskyj (Зеленський) sagte", "Xi Jinping 习近平"):
        assert decode(text.encode("utf-8")) == (text, "utf-8", None)
        assert decode(f"{text} „über“".encode()) == (f"{text} „über“", "utf-8", None)


# --- knowing an unchanged file by its size and modification time ----------------------


def test_a_file_as_it_was_read_counts_as_unchanged(tmp_path):
    from newsfacts.transforms.staging import RACY_NS, known_by_stat, stat_file

    path = tmp_path / "a.txt"
    path.write_text("date 2024-05\nQuelle: dpa\nText.\n", encoding="utf-8")
    now = stat_file(path)
    read_at = now.mtime_ns + RACY_NS + 1
    remembered = {"a.txt": (now.size_bytes, now.mtime_ns, "abc", read_at)}
    known = known_by_stat(path, "a.txt", now, remembered)
    assert known.unread and known.content_sha256 == "abc" and known.body is None


def test_a_file_modified_or_resized_since_it_was_read_is_read_again(tmp_path):
    from newsfacts.transforms.staging import RACY_NS, FileStat, unchanged_since_read

    read_at = 10 * RACY_NS
    assert unchanged_since_read(FileStat(10, RACY_NS), 10, RACY_NS, read_at)
    assert not unchanged_since_read(FileStat(11, RACY_NS), 10, RACY_NS, read_at)
    assert not unchanged_since_read(FileStat(10, RACY_NS + 1), 10, RACY_NS, read_at)
    assert not unchanged_since_read(None, 10, RACY_NS, read_at)


def test_a_file_modified_just_before_it_was_read_is_read_again():
    # written in the same tick of the file system's clock as the read: may have changed
    from newsfacts.transforms.staging import RACY_NS, FileStat, unchanged_since_read

    mtime = 5 * RACY_NS
    assert not unchanged_since_read(FileStat(10, mtime), 10, mtime, mtime + RACY_NS // 2)


def test_links_and_missing_files_have_no_stat_to_trust(tmp_path):
    from newsfacts.transforms.staging import stat_file

    target = tmp_path / "a.txt"
    target.write_text("x", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(target)
    assert stat_file(tmp_path / "link.txt") is None
    assert stat_file(tmp_path / "gone.txt") is None
    assert stat_file(target).size_bytes == 1

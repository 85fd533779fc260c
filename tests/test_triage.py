"""Format checks: the GX suite maps row failures to files and codes; triage decides."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsfacts.expectations.input_format import build_input_format_suite
from newsfacts.expectations.runner import validate_frame
from newsfacts.transforms.staging import StagedFile, stage_bytes
from newsfacts.transforms.triage import CODES, codes_by_row, staged_frame, triage

TODAY = date(2026, 11, 23)


def staged(name: str, raw: bytes) -> StagedFile:
    return stage_bytes(raw, StagedFile(path=Path(name), file_name=name))


CASES = {
    "ok.txt": (b"date 2024-05\nQuelle: dpa\nDer Rat tagte.", []),
    "empty.txt": (b"date 2024-05\nQuelle: dpa\n  \n", ["empty_body"]),
    "bad.txt": (b"Die \x81\x8d\xc3\x28 Stadt", ["undecodable"]),
    "img.png": (b"\x89PNG\r\n\x1a\n\x00\x00", ["binary"]),
    "nodate.txt": (b"Quelle: dpa\nDer Rat tagte am 3.5.2024.", ["missing_date_header"]),
    "month13.txt": (b"date 2024-13\nQuelle: dpa\nDer Rat tagte.", ["invalid_date"]),
    "short.txt": (b"date 2024-1\nQuelle: dpa\nDer Rat tagte.", ["invalid_date"]),
    "future.txt": (b"date 2031-01\nQuelle: dpa\nDer Rat tagte.", ["future_date"]),
    "nosource.txt": (b"date 2024-05\nDer Rat tagte.", ["missing_source_line"]),
    "cp.txt": ("date 2024-05\nQuelle: dpa\nÄrger im Rat.".encode("cp1252"), ["decoded_cp1252"]),
}


@pytest.fixture(scope="module")
def checked():
    files = [staged(name, raw) for name, (raw, _) in CASES.items()]
    suite = build_input_format_suite(1000, TODAY)
    outcomes = validate_frame(staged_frame(files), suite, "test_staged")
    return files, outcomes


def test_suite_has_one_expectation_per_file_code(checked):
    _, outcomes = checked
    codes = {o.code for o in outcomes}
    assert {
        "empty_body",
        "binary",
        "undecodable",
        "too_large",
        "missing_date_header",
        "invalid_date",
        "missing_source_line",
    } <= codes
    assert all(o.severity == CODES[o.code][0] for o in outcomes)


def test_row_failures_map_back_to_files_and_codes(checked):
    files, outcomes = checked
    by_row = codes_by_row(outcomes, files)
    for i, f in enumerate(files):
        assert by_row.get(i, []) == CASES[f.file_name][1], f.file_name


def test_too_large_code(tmp_path):
    from newsfacts.transforms.staging import read_file

    p = tmp_path / "big.txt"
    p.write_bytes(b"date 2024-05\n" + b"x" * 2000)
    files = [read_file(p, tmp_path, 1000)]
    outcomes = validate_frame(
        staged_frame(files), build_input_format_suite(1000, TODAY), "test_big"
    )
    assert codes_by_row(outcomes, files) == {0: ["too_large"]}


def test_triage_errors_quarantine_warnings_load(checked):
    files, outcomes = checked
    result = triage(
        files, codes_by_row(outcomes, files), {}, strict=False, max_file_bytes=1000, today=TODAY
    )
    quarantined = {f.file_name for f, _, _ in result.quarantined}
    assert quarantined == {"empty.txt", "bad.txt", "img.png"}
    assert len(result.to_load) + len(result.duplicates) + len(result.quarantined) == len(files)
    loaded_codes = {(i.file_name, i.code) for i in result.issues}
    assert ("nodate.txt", "missing_date_header") in loaded_codes


def test_strict_quarantines_on_warnings(checked):
    files, outcomes = checked
    result = triage(
        files, codes_by_row(outcomes, files), {}, strict=True, max_file_bytes=1000, today=TODAY
    )
    assert [f.file_name for f in result.to_load] == ["ok.txt"]


def test_duplicates_within_batch_and_against_warehouse():
    a = staged("a.txt", b"date 2024-05\nQuelle: dpa\nGleicher Text.")
    b = staged("b.txt", b"date 2024-05\nQuelle: dpa\nGleicher Text.")
    c = staged("c.txt", b"date 2024-05\nQuelle: dpa\nSchon geladen.")
    loaded = {c.content_sha256: "old/c.txt"}
    result = triage([a, b, c], {}, loaded, strict=False, max_file_bytes=1000, today=TODAY)
    assert [f.file_name for f in result.to_load] == ["a.txt"]
    assert [f.file_name for f in result.duplicates] == ["b.txt", "c.txt"]
    dup = [i for i in result.issues if i.code == "duplicate_content"]
    assert {i.file_name for i in dup} == {"b.txt", "c.txt"}
    assert "a.txt" in dup[0].detail


def test_unchanged_file_is_not_recorded_again():
    a = staged("a.txt", b"date 2024-05\nQuelle: dpa\nText.")
    result = triage(
        [a], {}, {a.content_sha256: "a.txt"}, strict=False, max_file_bytes=1000, today=TODAY
    )
    assert result.duplicates == [a] and result.issues == []

"""What becomes of a batch (transforms.batch): quarantine for failed extraction,
refusals, records the warehouse already holds, file outcomes, run totals. Pure: no
Prefect, no DuckDB, no model."""

from __future__ import annotations

import polars as pl

from newsfacts.transforms.batch import (
    EXTRACTION_FAILED,
    RunSummary,
    RunTotals,
    merged_triage,
    plan_batch,
    quarantine_failed,
)
from newsfacts.transforms.refusals import VerifiedFacts
from newsfacts.transforms.staging import StagedFile
from newsfacts.transforms.triage import WARNING, CheckResult, Triage


def staged(name: str) -> StagedFile:
    f = StagedFile(file_name=name, path=name)
    f.content_sha256 = f"sha-{name}"
    return f


def test_failed_extraction_is_quarantined_with_its_error():
    a, b = staged("a.txt"), staged("b.txt")
    decided = Triage(to_load=[a, b], duplicates=[], quarantined=[], issues=[])
    extracted, failed = quarantine_failed(decided, [("sha-b.txt", "boom")])
    assert extracted == [a] and failed == {"sha-b.txt"}
    assert decided.quarantined == [(b, [EXTRACTION_FAILED], f"{EXTRACTION_FAILED}: boom")]
    assert [i.code for i in decided.issues] == [EXTRACTION_FAILED]


def test_a_plan_refuses_what_the_suites_refused_and_writes_no_record_twice():
    a, b, c, d = (staged(n) for n in ("a.txt", "b.txt", "c.txt", "d.txt"))
    old_issue = CheckResult("c.txt", "sha-c.txt", "no_source", WARNING, "")
    new_issue = CheckResult("a.txt", "sha-a.txt", "decoded_cp1252", WARNING, "")
    decided = Triage(
        to_load=[a, b],
        duplicates=[c],
        quarantined=[(d, ["binary"], "binary: not text")],
        issues=[old_issue, new_issue],
    )
    verified = VerifiedFacts(
        frames={"articles": pl.DataFrame()},
        refused={"sha-b.txt": ["facts_figures.inverted_range: 3 > 1"]},
    )
    plan = plan_batch(
        decided, [a, b], set(), verified,
        known_issues={("c.txt", "sha-c.txt", "no_source")},
        known_quarantined={("d.txt", "sha-d.txt"): ["binary"]},
        extraction="x", run_id="r",
    )  # fmt: skip
    assert (plan.loaded, plan.duplicates, plan.quarantined) == (1, 1, 1)
    assert plan.refused_now == [
        (b, ["facts_figures.inverted_range"], "facts_figures.inverted_range: 3 > 1")
    ]
    assert plan.frames["format_issues"]["code"].to_list() == [
        "decoded_cp1252"
    ]  # not no_source again
    assert plan.frames["quarantine"].height == 0  # the warehouse holds d.txt's record already
    assert plan.frames["refusals"]["file_name"].to_list() == ["b.txt"]
    outcomes = {r["file"]: r["outcome"] for r in plan.file_rows}
    assert outcomes == {
        "a.txt": "loaded",
        "c.txt": "unchanged",
        "d.txt": "quarantined",
        "b.txt": "refused",
    }


def test_merged_triage_keeps_every_file_once():
    a, b, c = staged("a.txt"), staged("b.txt"), staged("c.txt")
    checked = Triage(to_load=[a], duplicates=[b], quarantined=[], issues=[])
    decided = Triage(to_load=[], duplicates=[c], quarantined=[], issues=[])
    merged = merged_triage(checked, decided)
    assert merged.to_load == [a] and merged.duplicates == [b, c]


def test_a_run_with_refusals_completes_with_refusals():
    totals = RunTotals()
    assert totals.status() == "completed"
    totals.refused = 1
    assert totals.status() == "completed_with_refusals"
    skipped = RunSummary.skipped("w.duckdb", "held by pid 7")
    assert (skipped.status, skipped.reason, skipped.run_id) == ("skipped", "held by pid 7", None)


def test_refused_contents_are_skipped_unless_a_retry_is_asked_for():
    from newsfacts.transforms.batch import refusals_to_skip

    assert refusals_to_skip(False, "de_newsfacts-0.7.0+rules.x") == "de_newsfacts-0.7.0+rules.x"
    assert refusals_to_skip(True, "de_newsfacts-0.7.0+rules.x") is None


def test_the_files_a_batch_read_are_remembered_with_their_stat():
    from pathlib import Path

    from newsfacts.transforms.batch import inbox_file_frame
    from newsfacts.transforms.staging import FileStat, StagedFile

    read = StagedFile(path=Path("a.txt"), file_name="a.txt", content_sha256="abc")
    gone = StagedFile(path=Path("b.txt"), file_name="b.txt", read_error="vanished")
    frame = inbox_file_frame([(read, FileStat(12, 34), 56), (gone, FileStat(1, 2), 3)], "run-1")
    assert frame.to_dicts() == [
        {
            "file_name": "a.txt", "size_bytes": 12, "mtime_ns": 34, "content_sha256": "abc",
            "read_at_ns": 56, "run_id": "run-1",
        }
    ]  # fmt: skip

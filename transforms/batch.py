"""What becomes of a batch and of a run: the decisions the ingest flow acts on.

Pure functions over what staging, the format checks, extraction and the fact suites
found. The flow reads files, calls the suites and loads; every quarantine code, every
refusal and every filtering of records against what the warehouse already holds is
decided here, where a test can ask for it without Prefect, DuckDB or a model.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

import polars as pl

from newsfacts.transforms.refusals import VerifiedFacts, refusal_codes, refusal_frame
from newsfacts.transforms.staging import StagedFile
from newsfacts.transforms.tables import VERSIONED, schema
from newsfacts.transforms.triage import (
    ERROR,
    CheckResult,
    Triage,
    issues_frame,
    quarantine_frame,
)

EXTRACTION_FAILED = "extraction_failed"
FILES_LISTED = 1000  # files with findings a run summary lists by name; the rest are counted


def refusals_to_skip(retry_refused: bool, extraction: str) -> str | None:
    """Contents refused under this extraction are not extracted again (None: retry them,
    as `--retry-refused` asks; they are retried anyway when pipeline or rules change)."""
    return None if retry_refused else extraction


def merged_triage(checked: Triage, decided: Triage) -> Triage:
    """The triage of a batch's new or changed files (`checked`) together with what was
    decided for its unchanged ones without a check (`decided`)."""
    return Triage(
        to_load=checked.to_load,
        duplicates=checked.duplicates + decided.duplicates,
        quarantined=checked.quarantined + decided.quarantined,
        issues=checked.issues,
        refused=checked.refused + decided.refused,
    )


def quarantine_failed(
    decided: Triage, failed: list[tuple[str, str]]
) -> tuple[list[StagedFile], set[str]]:
    """Files whose extraction raised are quarantined with `extraction_failed` and the
    error; returns the files that were extracted and the content hashes that were not.
    `failed`: (content hash, error) as extraction reports them."""
    by_id = {f.content_sha256: f for f in decided.to_load}
    failed_ids = set()
    for article_id, error in failed:
        f = by_id[article_id]
        failed_ids.add(article_id)
        decided.quarantined.append((f, [EXTRACTION_FAILED], f"{EXTRACTION_FAILED}: {error}"))
        decided.issues.append(
            CheckResult(f.file_name, f.content_sha256, EXTRACTION_FAILED, ERROR, error)
        )
    return [f for f in decided.to_load if f.content_sha256 not in failed_ids], failed_ids


@dataclass
class BatchPlan:
    """What one batch loads (in one transaction) and how each of its files ends."""

    frames: dict[str, pl.DataFrame]
    loaded: int
    duplicates: int
    quarantined: int
    refused: list[tuple[StagedFile, list[str], str]]  # all of the batch's, earlier ones too
    refused_now: list[tuple[StagedFile, list[str], str]]  # refused by this run's suites
    file_rows: list[dict]


def plan_batch(
    decided: Triage,
    extracted: list[StagedFile],
    failed_ids: set[str],
    verified: VerifiedFacts,
    known_issues: set[tuple],
    known_quarantined: dict[tuple, list[str]],
    extraction: str,
    run_id: str,
) -> BatchPlan:
    """The batch's plan once its facts went through the suites: articles a suite refused
    do not load and are recorded with their reasons; format issues and quarantine
    records the warehouse already holds (`known_*`) are not written twice."""
    by_id = {f.content_sha256: f for f in extracted}
    refused_now = [
        (by_id[article_id], refusal_codes(reasons), "; ".join(reasons))
        for article_id, reasons in verified.refused.items()
    ]
    new_issues = [
        i for i in decided.issues if (i.file_name, i.content_sha256, i.code) not in known_issues
    ]
    new_quarantine = [
        q
        for q in decided.quarantined
        if (q[0].file_name, q[0].content_sha256) not in known_quarantined
    ]
    frames = stamped(
        {
            **verified.frames,
            "format_issues": issues_frame(new_issues, run_id),
            "quarantine": quarantine_frame(new_quarantine, run_id),
            "refusals": refusal_frame(refused_now, extraction, run_id),
        },
        extraction,
    )
    refused = decided.refused + refused_now
    outcome = Triage(
        decided.to_load, decided.duplicates, decided.quarantined, decided.issues, refused
    )
    return BatchPlan(
        frames=frames,
        loaded=len(extracted) - len(refused_now),
        duplicates=len(decided.duplicates),
        quarantined=len(decided.quarantined),
        refused=refused,
        refused_now=refused_now,
        file_rows=file_rows(outcome, failed_ids | set(verified.refused)),
    )


def stamped(frames: dict[str, pl.DataFrame], extraction: str) -> dict[str, pl.DataFrame]:
    """Every row an extraction makes (articles, aliases, mentions, figures, statements)
    records which extraction made it."""
    version = pl.lit(extraction, pl.String).alias("extraction")
    return {
        name: frame.with_columns(version) if name in VERSIONED else frame
        for name, frame in frames.items()
    }


def file_rows(decided: Triage, not_loaded: set[str]) -> list[dict]:
    """One row per file of the batch: its outcome and codes (and reason, if refused)."""
    issues_by_file: dict[str, list[str]] = {}
    for i in decided.issues:
        issues_by_file.setdefault(i.file_name, []).append(i.code)
    rows = [
        {"file": f.file_name, "outcome": "loaded", "codes": issues_by_file.get(f.file_name, [])}
        for f in decided.to_load
        if f.content_sha256 not in not_loaded
    ]
    for f in decided.duplicates:
        codes = issues_by_file.get(f.file_name, [])
        # same name and bytes as a loaded article: simply unchanged since the last run
        outcome = "duplicate" if "duplicate_content" in codes else "unchanged"
        rows.append({"file": f.file_name, "outcome": outcome, "codes": codes})
    for f, codes, _ in decided.quarantined:
        codes = issues_by_file.get(f.file_name, codes)
        rows.append({"file": f.file_name, "outcome": "quarantined", "codes": codes})
    for f, codes, message in decided.refused:
        rows.append({"file": f.file_name, "outcome": "refused", "codes": codes, "reason": message})
    return rows


@dataclass
class RunTotals:
    """What a run counts over its batches. Files with findings (codes, quarantined,
    refused, duplicate) are listed by name up to FILES_LISTED; clean loads and
    unchanged files are only counted, so the list stays bounded."""

    files_seen: int = 0
    loaded: int = 0
    duplicates: int = 0
    quarantined: int = 0
    refused: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    files: list[dict] = field(default_factory=list)
    files_not_listed: int = 0
    files_listed_max: int = FILES_LISTED

    def add(self, plan: BatchPlan, rows_added: dict[str, int]) -> None:
        self.loaded += plan.loaded
        self.duplicates += plan.duplicates
        self.quarantined += plan.quarantined
        self.refused += len(plan.refused)
        for table, n in rows_added.items():
            self.rows[table] = self.rows.get(table, 0) + n
        notable = [
            r for r in plan.file_rows if r["codes"] or r["outcome"] not in ("loaded", "unchanged")
        ]
        room = max(self.files_listed_max - len(self.files), 0)
        self.files.extend(notable[:room])
        self.files_not_listed += len(notable) - len(notable[:room])

    def counts(self) -> dict[str, int]:
        """The counts the `runs` row records."""
        return {
            "files_seen": self.files_seen,
            "loaded": self.loaded,
            "duplicates": self.duplicates,
            "quarantined": self.quarantined,
            "refused": self.refused,
        }

    def status(self) -> str:
        """How a run that went through all its batches ended."""
        return "completed_with_refusals" if self.refused else "completed"


@dataclass(kw_only=True)
class RunSummary(RunTotals):
    """What a run did: its totals, and where and how it ran; as the CLI prints it, the
    Prefect artifacts show it and the flow returns it (as a dict: `as_dict`, JSON for
    Prefect's API)."""

    run_id: str | None
    db: str
    status: str  # completed | completed_with_refusals | failed | cancelled | skipped
    inbox: str = ""
    model: str = ""
    extraction_version: str = ""
    warnings: list[str] = field(default_factory=list)
    data_docs: str | None = None
    snapshot: str | None = None
    pid: int | None = None
    extraction: str | None = None  # where extraction ran ("2 worker processes")
    reason: str | None = None  # why a run was skipped
    # wall-clock seconds per stage of the run (transforms.timing), the command's own
    # (Prefect's temporary API) included when a command ran it
    seconds: dict[str, float] = field(default_factory=dict)

    @classmethod
    def of_run(cls, totals: RunTotals, **run) -> RunSummary:
        """The summary of a run with these totals."""
        counted = {
            f.name: getattr(totals, f.name)
            for f in fields(RunTotals)
            if f.name != "files_listed_max"
        }
        return cls(**counted, **run)

    @classmethod
    def skipped(cls, db: str, reason: str) -> RunSummary:
        """A run that did not start: another run (or a reader) holds the warehouse."""
        return cls(run_id=None, db=db, status="skipped", reason=reason)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> RunSummary:
        return cls(**values)

    def as_dict(self) -> dict[str, Any]:
        values = asdict(self)
        values.pop("files_listed_max")  # how the run bounded its list, not what it did
        return values


def inbox_file_frame(read: list[tuple], run_id: str) -> pl.DataFrame:
    """Rows of `inbox_files` for the files a batch read: (StagedFile, FileStat taken
    before reading, when the read began in ns)."""
    rows = [
        {
            "file_name": f.file_name, "size_bytes": now.size_bytes, "mtime_ns": now.mtime_ns,
            "content_sha256": f.content_sha256, "read_at_ns": read_at, "run_id": run_id,
        }
        for f, now, read_at in read
        if f.content_sha256 is not None and f.read_error is None
    ]  # fmt: skip
    return pl.DataFrame(rows, schema=schema("inbox_files"))

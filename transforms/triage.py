"""Format check codes, their severities, and the staged-file frame they run over.

The checks themselves are Great Expectations expectations (expectations/input_format.py);
this module holds what they mean and the pure parts around them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl

from newsfacts.transforms.staging import StagedFile
from newsfacts.transforms.tables import schema

ERROR = "error"
WARNING = "warning"
INFO = "info"

# code -> (severity, what it means, what the operator can do)
CODES: dict[str, tuple[str, str]] = {
    "empty_body": (ERROR, "no article text after the header and source line"),
    "undecodable": (
        ERROR,
        "bytes are neither UTF-8 (with or without BOM), UTF-16 with BOM nor cp1252",
    ),
    "binary": (ERROR, "binary content (NUL bytes or an image/PDF/archive signature)"),
    "too_large": (ERROR, "file is larger than NEWSFACTS_MAX_FILE_BYTES"),
    "unreadable": (ERROR, "the file could not be read (permissions or not a regular file)"),
    "vanished": (ERROR, "the file disappeared between listing and reading"),
    "outside_inbox": (ERROR, "a symbolic link that points outside the inbox; never followed"),
    "missing_date_header": (WARNING, "first non-empty line has no 'date YYYY-MM' header"),
    "invalid_date": (WARNING, "the date header is not a valid YYYY-MM month"),
    "future_date": (WARNING, "the date header lies after the month of the run"),
    "missing_source_line": (WARNING, "no 'Quelle: ...' line naming the publisher or agency"),
    "decoded_cp1252": (WARNING, "not UTF-8; decoded as cp1252 (Windows-1252)"),
    "decoded_utf16": (WARNING, "UTF-16 with byte order mark; decoded"),
    "html_markup": (WARNING, "HTML instead of plain text; tags were stripped"),
    "extraction_failed": (
        ERROR,
        "the extraction raised an error on this article (a bug: report it)",
    ),
    "duplicate_content": (INFO, "same content as an article already loaded; not loaded again"),
}


def severity(code: str) -> str:
    return CODES[code][0]


@dataclass(frozen=True)
class CheckResult:
    file_name: str
    content_sha256: str | None
    code: str
    severity: str
    detail: str


STAGED_SCHEMA = {
    "row": pl.Int64,
    "file_name": pl.String,
    "content_sha256": pl.String,
    "size_bytes": pl.Int64,
    "read_error": pl.String,
    "is_binary": pl.Boolean,
    "encoding": pl.String,
    "decode_error": pl.String,
    "html_stripped": pl.Boolean,
    "has_date_header": pl.Boolean,
    "date_header_raw": pl.String,
    "header_month": pl.Int64,
    "source": pl.String,
    "body_chars": pl.Int64,
}


def staged_frame(files: list[StagedFile]) -> pl.DataFrame:
    """One row per staged file: the facts the input-format suite checks.

    Columns that do not apply to a file (no text was decoded) are null, which GX's
    column-map expectations skip, so one root cause yields one code.
    """
    rows = []
    for i, f in enumerate(files):
        decoded = f.body is not None
        rows.append(
            {
                "row": i,
                "file_name": f.file_name,
                "content_sha256": f.content_sha256,
                "size_bytes": f.size_bytes,
                "read_error": f.read_error,
                "is_binary": f.is_binary if f.read_error is None else None,
                "encoding": f.encoding if decoded else None,
                "decode_error": f.decode_error,
                "html_stripped": f.html_stripped if decoded else None,
                "has_date_header": f.has_date_header if decoded else None,
                "date_header_raw": f.date_header_raw,
                "header_month": f.header_month,
                "source": f.source if decoded else "",
                "body_chars": len(f.body.strip()) if decoded else None,
            }
        )
    return pl.DataFrame(rows, schema=STAGED_SCHEMA)


def detail_for(code: str, f: StagedFile, max_file_bytes: int, today: date) -> str:
    """A human sentence for one code on one file: what was found, what to do."""
    if code == "too_large":
        return f"{f.size_bytes} bytes > limit {max_file_bytes}; split the file or raise NEWSFACTS_MAX_FILE_BYTES"
    if code in ("unreadable", "vanished", "outside_inbox"):
        return f.read_detail or CODES[code][1]
    if code == "undecodable":
        return f"{f.decode_error}; re-save the file as UTF-8"
    if code == "binary":
        return "binary content; only plain-text articles are ingested"
    if code == "empty_body":
        return "no text after header and source line"
    if code == "missing_date_header":
        origin = (
            f"date recovered from body text '{f.date_detail}'"
            if f.date_origin == "body"
            else "no date found in the body either"
        )
        return f"first line should start with 'date YYYY-MM'; {origin}"
    if code == "invalid_date":
        origin = (
            f"; date recovered from body text '{f.date_detail}'" if f.date_origin == "body" else ""
        )
        return f"header value '{f.date_header_raw}' is not YYYY-MM with month 01-12{origin}"
    if code == "future_date":
        return f"header month {f.date_header_raw} is after {today:%Y-%m}"
    if code == "missing_source_line":
        return "add a line 'Quelle: <publisher or agency>'"
    if code == "decoded_cp1252":
        return "decoded as cp1252; re-save as UTF-8 to be sure of special characters"
    return CODES[code][1]


def current_month(today: date) -> int:
    return today.year * 100 + today.month


@dataclass
class Triage:
    """Where each staged file goes. Every file lands in exactly one of the lists."""

    to_load: list[StagedFile]
    duplicates: list[StagedFile]
    quarantined: list[tuple[StagedFile, list[str], str]]  # file, error codes, message
    issues: list[CheckResult]
    # file, failed fact checks, message: refused earlier under the same extraction
    refused: list[tuple[StagedFile, list[str], str]] = field(default_factory=list)


def split_unchanged(
    files: list[StagedFile],
    loaded: dict[str, str],
    quarantined: dict[tuple, list[str]],
    issues: set[tuple] = frozenset(),
    refused: dict[str, tuple[list[str], str]] | None = None,
) -> tuple[list[StagedFile], Triage]:
    """Files seen before with the same name and bytes skip checks and extraction, and so
    do contents the fact checks refused under the current extraction version.

    Returns the files still to check, and a Triage of the unchanged ones (counted again
    as duplicates, quarantined or refused, but nothing new is recorded for them).
    """
    refused = refused or {}
    fresh: list[StagedFile] = []
    unchanged = Triage([], [], [], [])
    for f in files:
        if f.content_sha256 is not None and (
            loaded.get(f.content_sha256) == f.file_name
            or (f.file_name, f.content_sha256, "duplicate_content") in issues
        ):
            unchanged.duplicates.append(f)  # loaded before, or already recorded as a copy
        elif (f.file_name, f.content_sha256) in quarantined:
            codes = quarantined[(f.file_name, f.content_sha256)]
            unchanged.quarantined.append((f, codes, "unchanged since it was quarantined"))
        elif f.content_sha256 in refused and f.content_sha256 not in loaded:
            codes, message = refused[f.content_sha256]
            unchanged.refused.append((f, codes, message))
        else:
            fresh.append(f)
    return fresh, unchanged


def codes_by_row(outcomes, files: list[StagedFile]) -> dict[int, list[str]]:
    """Map failed expectations back to files: row index -> codes, in suite order."""
    found: dict[int, list[str]] = {}
    for outcome in outcomes:
        if outcome.success:
            continue
        for row in outcome.unexpected_rows:
            code = outcome.code
            if code == "unreadable" and files[row].read_error:
                code = files[row].read_error  # unreadable | vanished | outside_inbox
            found.setdefault(row, []).append(code)
    return found


def triage(
    files: list[StagedFile],
    row_codes: dict[int, list[str]],
    loaded: dict[str, str],
    *,
    strict: bool,
    max_file_bytes: int,
    today: date,
) -> Triage:
    """Decide load / duplicate / quarantine for each file (pure).

    `loaded` maps content hashes already in the warehouse to their file names; it is
    extended with this batch's files so that two copies in one batch load once.
    """
    result = Triage([], [], [], [])
    for i, f in enumerate(files):
        codes = row_codes.get(i, [])
        issues = [
            CheckResult(
                f.file_name,
                f.content_sha256,
                c,
                severity(c),
                detail_for(c, f, max_file_bytes, today),
            )
            for c in codes
        ]
        refusing = [c for c in codes if severity(c) == ERROR or strict]
        if refusing:
            message = "; ".join(f"{i.code}: {i.detail}" for i in issues)
            result.quarantined.append((f, refusing, message))
            result.issues.extend(issues)
            continue
        first_name = loaded.get(f.content_sha256 or "")
        if first_name is not None:
            if first_name != f.file_name:
                result.issues.append(
                    CheckResult(
                        f.file_name,
                        f.content_sha256,
                        "duplicate_content",
                        INFO,
                        f"same content as '{first_name}', which is loaded; not loaded again",
                    )
                )
            result.duplicates.append(f)
            continue
        loaded[f.content_sha256] = f.file_name
        result.issues.extend(issues)
        result.to_load.append(f)
    return result


def issues_frame(issues: list[CheckResult], run_id: str) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "file_name": i.file_name,
                "code": i.code,
                "severity": i.severity,
                "detail": i.detail,
                "run_id": run_id,
                "content_sha256": i.content_sha256,
            }
            for i in issues
        ],
        schema=schema("format_issues"),
    )


def quarantine_frame(quarantined, run_id: str) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "file_name": f.file_name,
                "content_sha256": f.content_sha256,
                "codes": codes,
                "message": message,
                "run_id": run_id,
            }
            for f, codes, message in quarantined
        ],
        schema=schema("quarantine"),
    )

"""The input-format contract as a GX suite over the staged-file frame.

One expectation per format code (transforms.triage.CODES). The frame is built by
transforms.triage.staged_frame: columns that do not apply to a file are null, and
column-map expectations skip nulls, so each root cause gives one code.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from newsfacts.transforms.triage import CODES, current_month


def _meta(code: str) -> dict:
    severity, meaning = CODES[code]
    return {"code": code, "severity": severity, "notes": meaning}


@lru_cache(maxsize=8)
def build_input_format_suite(max_file_bytes: int, today: date):
    """The suite for a size limit and a day; built once per process (suites are immutable here)."""
    import great_expectations as gx
    import great_expectations.expectations as gxe

    from newsfacts.expectations.runner import gx_context, with_severity

    gx_context()  # suites need an active context
    suite = gx.ExpectationSuite(name="input_format")
    expectations = [
        gxe.ExpectColumnValuesToBeNull(column="read_error", meta=_meta("unreadable")),
        gxe.ExpectColumnValuesToBeBetween(
            column="size_bytes", max_value=max_file_bytes, meta=_meta("too_large")
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="is_binary", value_set=[False], meta=_meta("binary")
        ),
        gxe.ExpectColumnValuesToBeNull(column="decode_error", meta=_meta("undecodable")),
        gxe.ExpectColumnValuesToBeBetween(
            column="body_chars", min_value=1, meta=_meta("empty_body")
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="has_date_header", value_set=[True], meta=_meta("missing_date_header")
        ),
        gxe.ExpectColumnValuesToMatchRegex(
            column="date_header_raw", regex=r"^\d{4}-(0[1-9]|1[0-2])$", meta=_meta("invalid_date")
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="header_month", max_value=current_month(today), meta=_meta("future_date")
        ),
        gxe.ExpectColumnValuesToNotBeNull(column="source", meta=_meta("missing_source_line")),
        gxe.ExpectColumnValuesToNotBeInSet(
            column="encoding", value_set=["cp1252"], meta=_meta("decoded_cp1252")
        ),
        gxe.ExpectColumnValuesToNotBeInSet(
            column="encoding", value_set=["utf-16"], meta=_meta("decoded_utf16")
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="html_stripped", value_set=[False], meta=_meta("html_markup")
        ),
    ]
    for expectation in expectations:
        meta = dict(expectation.meta)
        severity = meta.pop("severity")  # into GX's own field
        expectation.meta = meta
        suite.add_expectation(with_severity(expectation, meta["code"], severity))
    return suite

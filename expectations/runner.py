"""What a GX validation says, in our terms: outcomes per expectation, mapped back to the
frame's rows, and the dq_results rows made of them.

GX does not accept polars frames, so frames go in through pandas (expectations.context
runs the checkpoints).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from newsfacts.transforms.tables import schema


@dataclass(frozen=True)
class ExpectationOutcome:
    suite: str
    expectation: str  # expectation type, e.g. expect_column_values_to_be_in_set
    column: str | None
    code: str
    severity: str
    success: bool
    observed_value: str | None
    unexpected_count: int
    unexpected_rows: tuple[int, ...]  # values of the frame's `row` column
    columns: tuple[str, ...] = ()  # every column the expectation reads, in its order


# Our severities and GX's own field (Expectation.severity): an `error` is GX's
# `critical`; warnings and infos are the same word.
GX_SEVERITY = {"error": "critical", "warning": "warning", "info": "info"}
OUR_SEVERITY = {v: k for k, v in GX_SEVERITY.items()}


def with_severity(expectation, code: str, severity: str):
    """`expectation` with its failure code in `meta.code` and its severity in GX's own
    field, which Data Docs show and validation results carry."""
    expectation.meta = {**(expectation.meta or {}), "code": code}
    expectation.severity = GX_SEVERITY[severity]
    return expectation


def severity_of(config) -> str:
    """'error' | 'warning' | 'info' of an expectation configuration in a result."""
    value = getattr(config, "severity", None)
    value = getattr(value, "value", value)
    return OUR_SEVERITY.get(str(value).lower(), (config.meta or {}).get("severity", "error"))


# Columns that name a failing row in results and Data Docs ('file_name' rather than
# 'Index 15'); `row` maps it back to the frame.
ID_COLUMNS = ("row", "file_name")


def gx_context():
    """The in-memory context that suites are built under (GX wants an active one)."""
    from newsfacts.expectations.context import DataQuality

    return DataQuality.in_memory().context


def validate_frame(
    frame: pl.DataFrame, suite, asset_name: str, quality=None, run_name: str | None = None
) -> list[ExpectationOutcome]:
    """Validate `frame` (which must have an integer `row` column) against `suite`, in the
    Data Context `quality` (a DataQuality; default: one in memory)."""
    from newsfacts.expectations.context import DataQuality

    quality = quality or DataQuality.in_memory()
    return quality.validate(frame, suite, asset_name, run_name)


def outcomes_of(suite_name: str, result) -> list[ExpectationOutcome]:
    """One outcome per expectation of a suite's validation result."""
    outcomes = []
    for r in result.results:
        cfg = r.expectation_config
        meta = cfg.meta or {}
        res = r.result or {}
        rows = tuple(
            int(i["row"]) if isinstance(i, dict) else int(i)
            for i in (res.get("unexpected_index_list") or [])
        )
        observed = res.get("observed_value")
        outcomes.append(
            ExpectationOutcome(
                suite=suite_name,
                expectation=cfg.type,
                column=cfg.kwargs.get("column"),
                code=meta.get("code", cfg.type),
                severity=severity_of(cfg),
                success=bool(r.success),
                observed_value=None if observed is None else str(observed),
                unexpected_count=int(res.get("unexpected_count") or 0),
                unexpected_rows=rows,
                columns=_columns_of(cfg.kwargs),
            )
        )
    return outcomes


def _columns_of(kwargs: dict) -> tuple[str, ...]:
    names = [kwargs.get(k) for k in ("column", "column_A", "column_B")]
    return tuple(n for n in [*names, *(kwargs.get("column_list") or [])] if n)


def outcomes_frame(outcomes: list[ExpectationOutcome], run_id: str, batch_no: int) -> pl.DataFrame:
    """dq_results rows: one per expectation and validation."""
    return pl.DataFrame(
        [
            {
                "run_id": run_id,
                "batch_no": batch_no,
                "suite": o.suite,
                "expectation": o.expectation,
                "column_name": o.column,
                "code": o.code,
                "severity": o.severity,
                "success": o.success,
                "observed_value": o.observed_value,
                "unexpected_count": o.unexpected_count,
            }
            for o in outcomes
        ],
        schema=schema("dq_results"),
    )

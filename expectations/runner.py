"""Run a GX suite over a polars frame and map failures back to rows.

GX does not accept polars frames, so the frame goes in through pandas. The
ephemeral context is built once per process: building it costs far more than a
validation.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from functools import lru_cache

import polars as pl


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


@lru_cache(maxsize=1)
def gx_context():
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    for name in ("great_expectations", "great_expectations.data_context.types.base"):
        logging.getLogger(name).setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    # GX draws a progress bar per validation; in a pipeline that is noise.
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


@lru_cache(maxsize=32)
def _batch_definition(asset_name: str):
    context = gx_context()
    try:
        source = context.data_sources.get("newsfacts_frames")
    except (KeyError, ValueError):
        source = context.data_sources.add_pandas("newsfacts_frames")
    asset = source.add_dataframe_asset(name=asset_name)
    return asset.add_batch_definition_whole_dataframe(f"{asset_name}_whole")


def validate_frame(frame: pl.DataFrame, suite, asset_name: str) -> list[ExpectationOutcome]:
    """Validate `frame` (which must have an integer `row` column) against `suite`."""
    pdf = frame.to_pandas()
    pdf.index = frame["row"].to_list() if "row" in frame.columns else range(frame.height)
    batch = _batch_definition(asset_name).get_batch(batch_parameters={"dataframe": pdf})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = batch.validate(suite, result_format={"result_format": "COMPLETE"})
    outcomes = []
    for r in result.results:
        cfg = r.expectation_config
        meta = cfg.meta or {}
        res = r.result or {}
        rows = tuple(int(i) for i in (res.get("unexpected_index_list") or []))
        observed = res.get("observed_value")
        outcomes.append(
            ExpectationOutcome(
                suite=suite.name,
                expectation=cfg.type,
                column=cfg.kwargs.get("column"),
                code=meta.get("code", cfg.type),
                severity=meta.get("severity", "error"),
                success=bool(r.success),
                observed_value=None if observed is None else str(observed),
                unexpected_count=int(res.get("unexpected_count") or 0),
                unexpected_rows=rows,
            )
        )
    return outcomes

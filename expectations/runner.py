"""Run a GX suite over a polars frame and map failures back to rows.

GX does not accept polars frames, so the frame goes in through pandas. The
ephemeral context is built once per process: building it costs far more than a
validation.
"""

from __future__ import annotations

import hashlib
import logging
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
    result_format: dict = {"result_format": "COMPLETE"}
    ids = [c for c in ID_COLUMNS if c in frame.columns]
    if ids:
        result_format["unexpected_index_column_names"] = ids
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = batch.validate(suite, result_format=result_format)
    _remember_for_docs(suite, result)
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
                suite=suite.name,
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


# Validation results of the current process, kept for the Data Docs of the run: every
# failing one up to a cap, and the latest of each suite. Bounded, so a run of 50,000
# articles (250 batches x 5 suites) holds as little as a run of 50.
_FAILED_KEPT_FOR_DOCS = 25
_RESULTS_FOR_DOCS: list[tuple[object, object]] = []  # failing results, in order
_LATEST_FOR_DOCS: dict[str, tuple[object, object]] = {}  # suite name -> latest result


def _remember_for_docs(suite, result) -> None:
    if not result.success and len(_RESULTS_FOR_DOCS) < _FAILED_KEPT_FOR_DOCS:
        _RESULTS_FOR_DOCS.append((suite, result))
    _LATEST_FOR_DOCS[suite.name] = (suite, result)


def _results_for_docs() -> list[tuple[object, object]]:
    kept = list(_RESULTS_FOR_DOCS)
    kept_ids = {id(result) for _, result in kept}
    return kept + [pair for pair in _LATEST_FOR_DOCS.values() if id(pair[1]) not in kept_ids]


def has_results_for_docs() -> bool:
    return bool(_LATEST_FOR_DOCS)


def build_data_docs(site_dir: Path, run_name: str) -> Path:
    """Write the Data Docs site (suites and this run's validation results) to `site_dir`."""
    from datetime import UTC, datetime

    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )

    context = gx_context()
    site_dir = Path(site_dir).resolve()
    site_dir.mkdir(parents=True, exist_ok=True)
    site_name = "newsfacts_" + hashlib.sha256(str(site_dir).encode()).hexdigest()[:8]
    if site_name not in {s["site_name"] for s in context.get_docs_sites_urls()}:
        context.add_data_docs_site(
            site_name=site_name,
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(site_dir),
                },
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
    run_id = RunIdentifier(run_name=run_name, run_time=datetime.now(UTC))
    # the in-memory store of a long-lived process (a served deployment) holds earlier
    # runs' results, maybe of other warehouses: this site shows this run's only
    store = context.validation_results_store
    for old_key in store.list_keys():
        store.remove_key(old_key)
    seen_suites = set()
    kept = _results_for_docs()
    for i, (suite, result) in enumerate(kept):
        if suite.name not in seen_suites:
            context.suites.add_or_update(suite)
            seen_suites.add(suite.name)
        key = ValidationResultIdentifier(
            expectation_suite_identifier=ExpectationSuiteIdentifier(name=suite.name),
            run_id=run_id,
            batch_identifier=f"batch-{i:04d}",
        )
        result.meta["run_id"] = run_id  # the page's "Run Name", not __none__
        context.validation_results_store.set(key, result)
    _RESULTS_FOR_DOCS.clear()
    _LATEST_FOR_DOCS.clear()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        context.build_data_docs(site_names=[site_name])
    from newsfacts.expectations.overview import write_overview

    (site_dir / "index.html").replace(site_dir / "gx_index.html")
    return write_overview(site_dir, run_name, kept)


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
        schema={
            "run_id": pl.String,
            "batch_no": pl.Int32,
            "suite": pl.String,
            "expectation": pl.String,
            "column_name": pl.String,
            "code": pl.String,
            "severity": pl.String,
            "success": pl.Boolean,
            "observed_value": pl.String,
            "unexpected_count": pl.Int64,
        },
    )

"""The warehouse's Great Expectations project: a file-based Data Context beside the
warehouse, suites, validation definitions and one checkpoint per validation stage, the
results of the last runs and the Data Docs built from them.

The project lives in `<warehouse>.gx/` (next to `<warehouse>.lock`: one writer at a
time means one writer of the project too). Its folders are GX's own
(`expectations/`, `validation_definitions/`, `checkpoints/`,
`uncommitted/validations/`), so `gx.get_context(context_root_dir=...)` opens it for
anyone who wants to look with GX itself.

What a run keeps: every failing validation up to `FAILED_KEPT_PER_RUN` and the last
validation of each suite; the other passing ones are dropped when the run finishes, and
runs beyond the history limit are removed with their pages. A run of 50,000 articles
(250 batches x 5 suites) leaves as much behind as a run of 50.
"""

from __future__ import annotations

import copy
import json
import logging
import shutil
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import polars as pl

from newsfacts.expectations.runner import ID_COLUMNS, ExpectationOutcome, outcomes_of

SITE_NAME = "newsfacts"
SOURCE_NAME = "newsfacts_frames"
HISTORY_FILE = Path("uncommitted") / "newsfacts_history.json"
FAILED_KEPT_PER_RUN = 25
UNNAMED_RUN = "ad-hoc"


def project_root(db, inbox) -> Path | None:
    """`<warehouse>.gx` beside the warehouse's writer lock (`<db>.lock` -> `<db>.gx`);
    None where the warehouse has no local lock (a DuckLake on PostgreSQL): its runs
    validate in memory."""
    from newsfacts.warehouse.load import lock_path

    lock = lock_path(db, inbox)
    return None if lock is None else lock.with_name(lock.name.removesuffix(".lock") + ".gx")


def quality_for(settings) -> DataQuality:
    """The Data Context a run under `settings` validates in."""
    root = settings.dq_dir or project_root(settings.db, settings.inbox)
    return DataQuality.at(root) if root is not None else DataQuality.in_memory()


def holding_run(settings, run_name: str) -> DataQuality | None:
    """The project that validated something in run `run_name`, None if nothing was:
    looked up among the projects open in this process, never opening one (which would
    import GX for an unchanged inbox)."""
    root = settings.dq_dir or project_root(settings.db, settings.inbox)
    if root is not None:
        quality = _open_projects.get(Path(root).resolve())
    else:
        quality = _in_memory_quality() if _in_memory_quality.cache_info().currsize else None
    return quality if quality is not None and quality.has_results(run_name) else None


@dataclass
class _Kept:
    """The validations of one run that stay: failures up to a cap, the last of each suite."""

    failed: list[tuple[object, object, object]] = field(default_factory=list)
    latest: dict[str, tuple[object, object, object]] = field(default_factory=dict)
    dropped: list[object] = field(default_factory=list)  # store keys to remove
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    counts: dict[str, list[int]] = field(default_factory=dict)  # suite -> [validations, failed]
    _failed_keys: set[int] = field(default_factory=set)

    def add(self, key, suite, result) -> None:
        previous = self.latest.get(suite.name)
        if previous is not None and id(previous[0]) not in self._failed_keys:
            self.dropped.append(previous[0])
        if not result.success and len(self.failed) < FAILED_KEPT_PER_RUN:
            self.failed.append((key, suite, result))
            self._failed_keys.add(id(key))
        self.latest[suite.name] = (key, suite, result)
        count = self.counts.setdefault(suite.name, [0, 0])
        count[0] += 1
        count[1] += not result.success

    def results(self) -> list[tuple[object, object, object]]:
        keys = {id(k) for k, _, _ in self.failed}
        return self.failed + [t for t in self.latest.values() if id(t[0]) not in keys]


class DataQuality:
    """One GX Data Context: validates frames through checkpoints, keeps a bounded history,
    builds the Data Docs. Made once per project and process (`at`, `in_memory`)."""

    def __init__(self, context, root: Path | None):
        self.context = context
        self.root = root
        self._checkpoints: dict[str, tuple[object, object]] = {}  # suite -> (suite, checkpoint)
        self._runs: dict[str, _Kept] = {}
        self._memory_history: list[dict] = []
        self._source = context.data_sources.add_or_update_pandas(SOURCE_NAME)

    @classmethod
    def at(cls, root: Path) -> DataQuality:
        root = Path(root).resolve()
        known = _open_projects.get(root)
        if known is not None and (root / "great_expectations.yml").exists():
            return known
        import great_expectations as gx

        _quiet_gx()
        root.parent.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            context = gx.get_context(mode="file", context_root_dir=str(root))
        _open_projects[root] = cls(_without_progress_bars(context), root)
        return _open_projects[root]

    @classmethod
    def in_memory(cls) -> DataQuality:
        return _in_memory_quality()

    # -- validating --------------------------------------------------------------------

    def validate(
        self, frame: pl.DataFrame, suite, stage: str, run_name: str | None = None
    ) -> list[ExpectationOutcome]:
        """Validate `frame` (with an integer `row` column) against `suite` through the
        suite's checkpoint; the result is stored under `run_name`."""
        from great_expectations.core.run_identifier import RunIdentifier

        pdf = frame.to_pandas()
        pdf.index = frame["row"].to_list() if "row" in frame.columns else range(frame.height)
        checkpoint = self.checkpoint(suite, stage, [c for c in ID_COLUMNS if c in frame.columns])
        run_name = run_name or UNNAMED_RUN
        kept = self._runs.setdefault(run_name, _Kept())
        run_id = RunIdentifier(run_name=run_name, run_time=kept.started)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            outcome = checkpoint.run(batch_parameters={"dataframe": pdf}, run_id=run_id)
        ((key, result),) = outcome.run_results.items()
        kept.add(key, suite, result)
        store = self.context.validation_results_store
        while kept.dropped:  # the store stays as small as what the run keeps
            store.remove_key(kept.dropped.pop())
        return outcomes_of(suite.name, result)

    def checkpoint(self, suite, stage: str, id_columns: list[str]):
        """The checkpoint of `suite` over the frames of `stage`, registered with its
        suite, asset, batch and validation definitions on first use in this process."""
        known = self._checkpoints.get(suite.name)
        if known is not None and known[0] is suite:
            return known[1]
        import great_expectations as gx

        context = self.context
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                asset = self._source.get_asset(stage)
            except LookupError:
                asset = self._source.add_dataframe_asset(name=stage)
            try:
                batch = asset.get_batch_definition(f"{stage}_whole")
            except KeyError:
                batch = asset.add_batch_definition_whole_dataframe(f"{stage}_whole")
            stored = context.suites.add_or_update(_fresh_copy(suite))
            definition = context.validation_definitions.add_or_update(
                gx.ValidationDefinition(name=suite.name, data=batch, suite=stored)
            )
            result_format: dict = {"result_format": "COMPLETE"}
            if id_columns:
                result_format["unexpected_index_column_names"] = id_columns
            checkpoint = context.checkpoints.add_or_update(
                gx.Checkpoint(
                    name=suite.name,
                    validation_definitions=[definition],
                    result_format=result_format,
                )
            )
        self._checkpoints[suite.name] = (suite, checkpoint)
        return checkpoint

    def has_results(self, run_name: str) -> bool:
        return run_name in self._runs

    # -- finishing a run ---------------------------------------------------------------

    def finish_run(self, run_name: str, site_dir: Path, history_runs: int) -> Path:
        """Drop the run's passing validations beyond the last of each suite, forget runs
        beyond `history_runs`, and rebuild the Data Docs for what this run added."""
        from great_expectations.data_context.types.resource_identifiers import (
            ExpectationSuiteIdentifier,
        )

        from newsfacts.expectations.overview import readable_offline, run_entry, write_overview

        kept = self._runs.pop(run_name, _Kept())
        results = kept.results()
        history = [*self.history(), run_entry(run_name, kept.started, kept.counts)]
        site_dir = Path(site_dir).resolve()
        self._forget_runs(history[:-history_runs], site_dir)
        history = history[-history_runs:]
        self._write_history(history)
        self._use_site(site_dir)
        resources = [k for k, _, _ in results] + [
            ExpectationSuiteIdentifier(name=n) for n in sorted({s.name for _, s, _ in results})
        ]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.context.build_data_docs(site_names=[SITE_NAME], resource_identifiers=resources)
        index = site_dir / "index.html"
        if index.exists():
            index.replace(site_dir / "gx_index.html")
        for page in [
            *(site_dir / "validations").glob(f"*/{run_name}/**/*.html"),
            *(site_dir / "expectations").glob("*.html"),
        ]:
            readable_offline(page)
        return write_overview(site_dir, run_name, [(s, r) for _, s, r in results], history)

    def history(self) -> list[dict]:
        """The runs kept, oldest first: name, time, and per suite validations and failures."""
        if self.root is None:
            return list(self._memory_history)
        path = self.root / HISTORY_FILE
        if not path.exists():
            return []
        return json.loads(path.read_text(encoding="utf-8"))

    def _write_history(self, history: list[dict]) -> None:
        if self.root is None:
            self._memory_history = history
            return
        path = self.root / HISTORY_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(history, indent=1), encoding="utf-8")
        temporary.replace(path)

    def _forget_runs(self, old_runs: list[dict], site_dir: Path) -> None:
        """Remove the stored results and the pages of runs that fell out of the history."""
        names = {entry["run"] for entry in old_runs}
        if not names:
            return
        store = self.context.validation_results_store
        for key in store.list_keys():
            if key.run_id.run_name in names:
                store.remove_key(key)
        for name in names:
            for pages in (site_dir / "validations").glob(f"*/{name}"):
                shutil.rmtree(pages, ignore_errors=True)

    def _use_site(self, site_dir: Path) -> None:
        """The Data Docs site writes to `site_dir` (the setting may change between runs)."""
        config = {
            "class_name": "SiteBuilder",
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(site_dir),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        }
        sites = self.context.variables.data_docs_sites or {}
        if sites.get(SITE_NAME) == config:
            return
        if SITE_NAME in sites:
            self.context.update_data_docs_site(SITE_NAME, config)
        else:
            self.context.add_data_docs_site(SITE_NAME, config)


_open_projects: dict[Path, DataQuality] = {}


@lru_cache(maxsize=1)
def _in_memory_quality() -> DataQuality:
    import great_expectations as gx

    _quiet_gx()
    return DataQuality(_without_progress_bars(gx.get_context(mode="ephemeral")), None)


def _quiet_gx() -> None:
    for name in ("great_expectations", "great_expectations.data_context.types.base"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _without_progress_bars(context):
    # GX draws a progress bar per validation; in a pipeline that is noise.
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def _fresh_copy(suite):
    """A copy of `suite` without the ids another context gave it: the suites are built
    once per process and one process may validate for several warehouses."""
    twin = copy.deepcopy(suite)
    twin.id = None
    for expectation in twin.expectations:
        expectation.id = None
    return twin

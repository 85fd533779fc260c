"""The ingest flow: inbox files in, DuckDB fact tables out.

A thin Prefect shell over the library core: it reads files, calls the suites and loads;
what becomes of each file is decided by `transforms.batch`. Tasks are per batch (never
per article): stage+check, extract, load. Each batch loads in one transaction; a file
lock next to the warehouse lets only one run write at a time. The settings travel as
one `Settings` object, the warehouse as one `Warehouse` resource.
"""

from __future__ import annotations

import os
import time
from collections import deque
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.exceptions import TerminationSignal

from newsfacts.flows.executors import extract, extraction_runner, wait_for
from newsfacts.flows.progress import current_observer
from newsfacts.flows.runs import build_docs, flow_run_id, is_lock_error
from newsfacts.transforms.batch import (
    RunSummary,
    RunTotals,
    inbox_file_frame,
    merged_triage,
    plan_batch,
    quarantine_failed,
    refusals_to_skip,
)
from newsfacts.transforms.errors import BadInput, WarehouseBusy
from newsfacts.transforms.fact_frames import ActorRegistry, article_frame
from newsfacts.transforms.refusals import verify_articles
from newsfacts.transforms.settings import Settings
from newsfacts.transforms.staging import (
    known_by_stat,
    list_inbox,
    read_file,
    relative_name,
    stat_file,
)
from newsfacts.transforms.timing import StageClock, current_clock, timing
from newsfacts.transforms.triage import Triage, codes_by_row, split_unchanged, staged_frame, triage
from newsfacts.warehouse import load as wh
from newsfacts.warehouse.resource import Warehouse

if TYPE_CHECKING:
    import polars as pl


def stage_and_check(
    paths: list[Path],
    settings: Settings,
    warehouse: Warehouse,
    pending: dict[str, str],
    today: date,
    extraction: str,
    run_id: str,
    ahead: Lookahead,
):
    """Read the batch's files; run the input-format suite over new or changed ones; triage.

    A file whose size and modification time are as when a run last read it is not read
    again (unless `settings.rehash`): its content hash is the one read then. What the
    warehouse knows about these files is looked up for this batch only; `pending` holds
    the content hashes (-> file name) of earlier batches of this run that are staged but
    not loaded yet, so a copy in the next batch is still a duplicate. Contents refused
    under `extraction` are not extracted again (unless `settings.retry_refused`). Returns
    the triage, the format suite's outcomes, the warehouse's records, and the
    `inbox_files` rows of the files read. A plain function, not a Prefect task: an
    unchanged batch then costs no call to Prefect's API (a round trip to a server).
    """
    skip_refused = refusals_to_skip(settings.retry_refused, extraction)
    names = [relative_name(Path(p), settings.inbox) for p in paths]
    remembered, known = ahead.records(names)
    files, read = _stage_files(paths, names, remembered, settings)
    if known is None or not all(f.unread for f in files):  # what was read: look it up
        known = _known(warehouse, files, names, skip_refused)
    # triage() adds this batch's files to `loaded`: a copy, so `known` stays the warehouse's
    loaded = {**pending, **known.loaded}
    fresh, decided = split_unchanged(files, loaded, known.quarantined, known.issues, known.refused)
    if any(f.unread for f in fresh):  # known by its stat, yet not done with: read those
        files, more = _stage_files(paths, names, {}, settings, keep=files)
        read += more
        known = _known(warehouse, files, names, skip_refused)
        loaded = {**pending, **known.loaded}
        fresh, decided = split_unchanged(
            files, loaded, known.quarantined, known.issues, known.refused
        )
    seen = inbox_file_frame(read, run_id)
    if not fresh:
        return decided, [], known, seen  # nothing new: not even Great Expectations is imported
    with current_clock().stage("input-format suite (GX, its import included)"):
        from newsfacts.expectations.context import quality_for
        from newsfacts.expectations.input_format import build_input_format_suite

        suite = build_input_format_suite(settings.max_file_bytes, today)
        frame = staged_frame(fresh)
        outcomes = quality_for(settings).validate(frame, suite, "staged_files", run_id)
    checked = triage(
        fresh,
        codes_by_row(outcomes, fresh),
        loaded,
        strict=settings.strict,
        max_file_bytes=settings.max_file_bytes,
        today=today,
    )
    return merged_triage(checked, decided), outcomes, known, seen


class Lookahead:
    """`inbox_files` rows and the warehouse's records of their contents for the files of
    the next few batches, looked up at once: an unchanged inbox costs one connection and
    one scan per `LOOKAHEAD_BATCHES` batches instead of one per batch. Records of other
    batches' files change nothing in a batch's triage (every rule looks its own file up
    by name and hash), and a file that has to be read is looked up again after reading.
    With `settings.rehash` it holds nothing: every file is read."""

    def __init__(self, warehouse: Warehouse, skip_refused: str | None, enabled: bool):
        self.warehouse, self.skip_refused, self.enabled = warehouse, skip_refused, enabled
        self.names: set[str] = set()
        self.remembered: dict[str, tuple] = {}
        self.known = None

    def prime(self, names: list[str]) -> None:
        if not self.enabled:
            return
        with current_clock().stage(LOOKUPS):
            self.remembered, self.known = self.warehouse.remembered_files(names, self.skip_refused)
        self.names = set(names)

    def records(self, names: list[str]):
        """(remembered rows, KnownFiles) for these names, or ({}, None) when not held."""
        if self.known is None or not all(n in self.names for n in names):
            return {}, None
        return self.remembered, self.known


LOOKAHEAD_BATCHES = 10
LOOKUPS = "warehouse lookups"
WAITED = "extraction (what the flow waited for)"
_FACT_TABLES = ("mentions", "figures", "statements", "actors")


def _stage_files(paths, names, remembered: dict, settings: Settings, keep=None):
    """The batch's files, known by their stat (`remembered`) or read and hashed; with
    `keep` (the files of a first pass) only its unread ones are read. Returns the files
    and, for those read, (file, its stat before reading, when the read began)."""
    files, read = [], []
    with current_clock().stage("reading and hashing files"):
        for i, (path, name) in enumerate(zip(paths, names, strict=True)):
            if keep is not None and not keep[i].unread:
                files.append(keep[i])
                continue
            now = stat_file(path)
            by_stat = known_by_stat(path, name, now, remembered)
            if by_stat is not None:
                files.append(by_stat)
                continue
            read_at = time.time_ns()
            staged = read_file(Path(path), settings.inbox, settings.max_file_bytes)
            files.append(staged)
            if now is not None:
                read.append((staged, now, read_at))
    return files, read


def _known(warehouse: Warehouse, files, names: list[str], skip_refused):
    with current_clock().stage(LOOKUPS):
        return warehouse.known_files([f.content_sha256 for f in files], names, skip_refused)


@task(name="verify-facts", cache_policy=NO_CACHE)
def verify_facts(frames: dict, registry: ActorRegistry, settings: Settings, run_id: str):
    """The fact-table suites over the batch, before anything of it loads."""
    with current_clock().stage("fact suites (GX)"):
        from newsfacts.expectations.context import quality_for
        from newsfacts.expectations.fact_suites import validate_facts

        quality = quality_for(settings)
        return validate_facts(frames, registry, set(registry.names), quality, run_id)


@task(
    name="load",
    cache_policy=NO_CACHE,
    retries=5,
    retry_delay_seconds=[1, 2, 5, 10, 20],
    retry_condition_fn=is_lock_error,
)
def load(warehouse: Warehouse, frames: dict) -> dict[str, int]:
    with current_clock().stage("loading batches"):
        return warehouse.load(frames)


def _split(items: list, parts: int) -> list[list]:
    """`items` in up to `parts` runs of (nearly) equal length, in order; none if empty."""
    size = -(-len(items) // max(parts, 1))
    return [items[i : i + size] for i in range(0, len(items), size)] if items else []


def _batches(items: list, size: int):
    for i in range(0, len(items), size):
        yield [Path(p) for p in items[i : i + size]]


@flow(name="newsfacts-ingest", log_prints=False)
def ingest_flow(settings: Settings | None = None, warehouse: Warehouse | None = None) -> dict:
    """Ingest every file in `settings.inbox` into the warehouse. Returns the run summary
    (`RunSummary.as_dict()`: JSON, as Prefect's API keeps it). `settings` default to the
    NEWSFACTS_* environment; a deployment passes some of them as parameters."""
    settings = settings or Settings()
    warehouse = warehouse or Warehouse.from_settings(settings)
    logger = get_run_logger()
    with timing(StageClock()) as clock:
        try:
            summary = run_ingest(settings, logger, warehouse)
        except (WarehouseBusy, wh.WarehouseHeld) as exc:
            # Another run (or a reader of the file) holds the warehouse: skip cleanly, the
            # next scheduled run catches up.
            logger.warning("skipped: %s", exc)
            return RunSummary.skipped(str(settings.db), str(exc)).as_dict()
        with clock.stage("Prefect artifacts"):
            publish_artifacts(summary)
    summary.seconds = clock.rounded()
    return summary.as_dict()


ARTIFACT_MAX_ROWS = 1000


def publish_artifacts(summary: RunSummary) -> None:
    """A table of files and their outcomes, and a markdown summary with counts and Data Docs."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    rows = [
        {
            "file": f["file"],
            "outcome": f["outcome"],
            "codes": ", ".join(f["codes"]),
            "reason": f.get("reason", ""),
        }
        for f in summary.files
    ]
    left = max(len(rows) - ARTIFACT_MAX_ROWS, 0) + summary.files_not_listed
    if left > 0:
        # A big run's table would be a megabyte in the UI; the warehouse has them all.
        rows = rows[:ARTIFACT_MAX_ROWS] + [
            {
                "file": f"... {left} more",
                "outcome": "",
                "codes": "see the warehouse tables",
                "reason": "",
            }
        ]
    create_table_artifact(
        key="newsfacts-files",
        table=rows or [{"file": "-", "outcome": "no findings", "codes": "", "reason": ""}],
        description=f"Files of run {summary.run_id} with findings: format codes, "
        "duplicates, quarantined or refused with their reasons (clean loads are counted "
        "in the summary)",
    )
    added = summary.rows
    docs = summary.data_docs
    create_markdown_artifact(
        key="newsfacts-summary",
        markdown="\n".join(
            [
                f"# newsfacts run `{summary.run_id}`",
                f"- warehouse: `{summary.db}`, model `{summary.model}`, "
                f"status **{summary.status}**",
                f"- files seen {summary.files_seen}: loaded {summary.loaded}, duplicates "
                f"{summary.duplicates}, quarantined {summary.quarantined}, "
                f"refused {summary.refused}",
                f"- rows added: actors {added.get('actors', 0)}, mentions {added.get('mentions', 0)}, "
                f"figures {added.get('figures', 0)}, statements {added.get('statements', 0)}",
                f"- Data Docs: [{docs}](file://{docs})" if docs else "- Data Docs: not built",
            ]
        ),
        description="newsfacts run summary",
    )


@dataclass
class RunState:
    """What a run keeps in memory between batches. Nothing per loaded file: what the
    warehouse holds about a batch's files is looked up per batch (Warehouse.known_files)."""

    run_id: str
    registry: ActorRegistry
    extraction: str = ""  # pipeline and rules version (refusals are recorded under it)
    # content hash -> file name of files staged to load whose batch is not loaded yet
    pending: dict[str, str] = field(default_factory=dict)
    totals: RunTotals = field(default_factory=RunTotals)
    warnings: list = field(default_factory=list)


def _inbox_of(settings: Settings) -> Path:
    inbox = Path(settings.inbox)
    if not inbox.is_dir():
        raise BadInput(
            f"inbox {inbox} is not a folder",
            hint="pass an existing folder of article files (or set NEWSFACTS_INBOX)",
        )
    return inbox


def _open_run(settings: Settings, warehouse: Warehouse, inbox: Path, paths: list[str], logger):
    """This run's state and `runs` row; how many of the inbox's files are new."""
    from newsfacts.transforms.nlp.meta import extraction_version, model_label

    run_id, extraction = flow_run_id(), extraction_version(settings.model)
    actors, crashed, new_files = warehouse.open_run(
        run_id, inbox, model_label(settings.model), _names(paths, inbox), extraction=extraction
    )
    state = RunState(run_id, ActorRegistry.from_rows(*actors), extraction)
    state.totals.files_seen = len(paths)
    if crashed:
        state.warnings.append(
            f"{crashed} earlier run(s) had been killed mid-run; marked 'crashed' in runs"
        )
        logger.warning(state.warnings[-1])
    return state, new_files


def run_ingest(settings: Settings, logger, warehouse: Warehouse) -> RunSummary:
    inbox = _inbox_of(settings)
    today = date.today()
    observer = current_observer()
    lock = warehouse.writer_lock(settings.lock_wait_seconds, inbox, observer.waiting_for_lock)
    clock = current_clock()
    with ExitStack() as held:
        with clock.stage("waiting for the writer lock"):
            held.enter_context(lock)
        with clock.stage("listing the inbox"):
            # strings, not Path objects: 5.4 instead of 16.7 MiB for 50,000 files
            paths = [os.fspath(p) for p in list_inbox(inbox)]
        observer.started(len(paths))
        with clock.stage("opening the run (schema, actors, runs row)"):
            state, new_files = _open_run(settings, warehouse, inbox, paths, logger)
        logger.info("run %s: %d files in %s -> %s", state.run_id, len(paths), inbox, warehouse.db)
        status, extraction = "failed", None
        try:
            extraction = _extract_all(paths, new_files, settings, warehouse, state, today, logger)
            status = state.totals.status()
        except (KeyboardInterrupt, TerminationSignal):
            status = "cancelled"  # the batch being loaded rolled back; the rest is kept
            raise
        finally:
            with clock.stage("finishing the run"):
                warehouse.finish_run(state.run_id, state.totals.counts(), status)
        with clock.stage("analysts' snapshot"):
            snapshot = warehouse.publish_snapshot()
        with clock.stage("Data Docs"):
            docs = build_docs(settings, state.run_id, logger)
    return _summary(settings, warehouse, state, status, extraction, docs, snapshot)


# A worker's start (process, imports, pipeline) costs what extracting ~30 articles does.
MIN_FILES_PER_WORKER = 25


def _extract_all(paths, new_files, settings, warehouse, state, today, logger) -> str:
    """All batches through the runner; returns where extraction ran."""
    # An inbox whose file names are all known (an unchanged rerun, most likely) extracts
    # in this process: starting workers would cost more than it saves; and no more
    # workers than there are batches of new files, or new files to keep them busy beyond
    # their start-up (a batch is then split among them).
    new_batches = -(-new_files // settings.batch_size)
    busy = max(new_batches, -(-new_files // MIN_FILES_PER_WORKER))
    workers = min(settings.workers, busy)
    dask = settings.dask_address if new_files else None
    clock = current_clock()
    # fewer batches of new files than workers: each batch is split among them
    chunks = max(1, workers // max(new_batches, 1))
    with ExitStack() as running:  # on an error or a signal it stops the workers at once
        with clock.stage("starting extraction workers"):
            runner = running.enter_context(extraction_runner(workers, dask, settings.model))
        logger.info("extraction: %s", runner.description)
        run_batches(paths, settings, warehouse, state, today, logger, runner, chunks)
        with clock.stage("stopping extraction workers"):
            running.close()
    return runner.description


def _summary(settings, warehouse, state, status, extraction, docs, snapshot) -> RunSummary:
    from newsfacts.transforms.nlp.meta import model_label

    return RunSummary.of_run(
        state.totals,
        run_id=state.run_id,
        db=str(warehouse.db),
        status=status,
        inbox=str(settings.inbox),
        model=model_label(settings.model),
        extraction_version=state.extraction,
        warnings=state.warnings,
        data_docs=docs,
        snapshot=snapshot,
        pid=os.getpid(),
        extraction=extraction,
    )


@dataclass
class StagedBatch:
    """A batch that is staged and checked, its extraction submitted, not yet loaded."""

    batch_no: int
    paths: list[Path]
    decided: Triage
    format_outcomes: list
    known: wh.KnownFiles  # the warehouse's records of these files before this run
    extraction: list  # futures of extract()'s (facts, failed), one per chunk of the batch
    seen: pl.DataFrame  # inbox_files rows of the files this batch read


def run_batches(paths, settings, warehouse, state, today, logger, runner, chunks=1) -> None:
    """Stage batch k+1 (and submit its extraction) while batch k is being extracted, then
    finish batches strictly in order: actor ids and loads are the same as a serial run."""
    unfinished: deque[StagedBatch] = deque()
    observer = current_observer()
    done = 0

    def finish_oldest() -> None:
        nonlocal done
        staged = unfinished.popleft()
        finish_batch(staged, settings, warehouse, state, logger)
        done += len(staged.paths)
        observer.advanced(done, len(paths))

    skip_refused = refusals_to_skip(settings.retry_refused, state.extraction)
    ahead = Lookahead(warehouse, skip_refused, enabled=not settings.rehash)
    for batch_no, batch in enumerate(_batches(paths, settings.batch_size)):
        if batch_no % LOOKAHEAD_BATCHES == 0:
            start = batch_no * settings.batch_size
            coming = paths[start : start + LOOKAHEAD_BATCHES * settings.batch_size]
            ahead.prime(_names(coming, Path(settings.inbox)))
        decided, format_outcomes, known, seen = stage_and_check(
            batch, settings, warehouse, state.pending, today, state.extraction, state.run_id,
            ahead,
        )  # fmt: skip
        state.pending.update((f.content_sha256, f.file_name) for f in decided.to_load)
        items = [(f.content_sha256, f.body) for f in decided.to_load]
        with current_clock().stage(WAITED):  # all of it when it runs in this process
            future = [
                runner.submit(extract, items=chunk, model=settings.model)
                for chunk in _split(items, chunks)
            ]
        unfinished.append(
            StagedBatch(batch_no, batch, decided, format_outcomes, known, future, seen)
        )
        while len(unfinished) >= runner.in_flight:
            finish_oldest()
    while unfinished:
        finish_oldest()


def finish_batch(
    staged: StagedBatch, settings: Settings, warehouse: Warehouse, state: RunState, logger
) -> None:
    """Verify one batch's facts, plan it (transforms.batch) and load the plan in one
    transaction."""
    from newsfacts.expectations.runner import outcomes_frame

    decided = staged.decided
    facts, failed_items = [], []
    with current_clock().stage(WAITED):
        for future in staged.extraction:  # the batch's chunks, in order
            chunk_facts, chunk_failed = wait_for(future)
            facts += chunk_facts
            failed_items += chunk_failed
    # from here on the warehouse answers for these files (loaded) or they are not loaded
    for f in decided.to_load:
        state.pending.pop(f.content_sha256, None)
    extracted, failed_ids = quarantine_failed(decided, failed_items)

    def check(frames: dict):
        if not any(frames[t].height for t in _FACT_TABLES):
            return [], {}  # nothing to check: no task (a call to Prefect's API), no GX import
        return verify_facts(frames, state.registry, settings, state.run_id)

    verified = verify_articles(facts, article_frame(extracted, state.run_id), state.registry, check)
    plan = plan_batch(
        decided, extracted, failed_ids, verified,
        staged.known.issues, staged.known.quarantined, state.extraction, state.run_id,
    )  # fmt: skip
    for f, _, message in plan.refused_now:
        logger.warning("refused %s: %s", f.file_name, message)
    dq_results = outcomes_frame(
        staged.format_outcomes + verified.outcomes, state.run_id, staged.batch_no
    )
    frames = {**plan.frames, "dq_results": dq_results, "inbox_files": staged.seen}
    # an unchanged batch has nothing to write: no connection, no transaction
    rows = load(warehouse, frames) if any(f.height for f in frames.values()) else {}
    state.registry.commit()
    state.totals.add(plan, rows)
    logger.info(
        "batch %d: %d loaded, %d duplicates, %d quarantined, %d refused",
        staged.batch_no, plan.loaded, plan.duplicates, plan.quarantined, len(plan.refused),
    )  # fmt: skip


def _names(paths: list, inbox: Path) -> list[str]:
    from newsfacts.transforms.staging import relative_name

    return [relative_name(Path(p), inbox) for p in paths]

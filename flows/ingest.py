"""The ingest flow: inbox files in, DuckDB fact tables out.

A thin Prefect shell over the library core. Tasks are per batch (never per article):
stage+check, extract, load. Each batch loads in one transaction; a file lock next to
the warehouse lets only one run write at a time.
"""

from __future__ import annotations

import os
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.exceptions import TerminationSignal
from prefect.utilities.annotations import quote

from newsfacts.flows.executors import extract, extraction_runner, wait_for
from newsfacts.flows.progress import current_observer
from newsfacts.transforms.checks import (
    ERROR,
    CheckResult,
    Triage,
    codes_by_row,
    issues_frame,
    quarantine_frame,
    split_unchanged,
    staged_frame,
    triage,
)
from newsfacts.transforms.errors import BadInput, WarehouseBusy
from newsfacts.transforms.facts import ActorRegistry, article_frame
from newsfacts.transforms.refusals import refusal_codes, refusal_frame, verify_articles
from newsfacts.transforms.settings import Settings
from newsfacts.transforms.staging import list_inbox, read_file
from newsfacts.warehouse import load as wh
from newsfacts.warehouse.lock import writer_lock
from newsfacts.warehouse.snapshot import publish_snapshot


@task(name="stage-and-check", cache_policy=NO_CACHE)
def stage_and_check(
    paths: list[Path],
    settings: Settings,
    pending: dict[str, str],
    today: date,
    extraction: str,
    run_id: str,
):
    """Read the batch's files; run the input-format suite over new or changed ones; triage.

    What the warehouse knows about these files is looked up for this batch only;
    `pending` holds the content hashes (-> file name) of earlier batches of this run that
    are staged but not loaded yet, so a copy in the next batch is still a duplicate.
    Contents refused under `extraction` are not extracted again (unless
    `settings.retry_refused`). Returns the triage, the format suite's outcomes and the
    warehouse's records.
    """
    files = [read_file(p, settings.inbox, settings.max_file_bytes) for p in paths]
    refusals_of = None if settings.retry_refused else extraction
    known = wh.with_retries(lambda: _known_files(settings.db, files, refusals_of))
    # triage() adds this batch's files to `loaded`: a copy, so `known` stays the warehouse's
    loaded = {**pending, **known.loaded}
    fresh, decided = split_unchanged(files, loaded, known.quarantined, known.issues, known.refused)
    if not fresh:
        return decided, [], known  # nothing new: not even Great Expectations is imported
    from newsfacts.expectations.context import quality_for
    from newsfacts.expectations.input_format import build_input_format_suite

    suite = build_input_format_suite(settings.max_file_bytes, today)
    outcomes = quality_for(settings).validate(staged_frame(fresh), suite, "staged_files", run_id)
    checked = triage(
        fresh,
        codes_by_row(outcomes, fresh),
        loaded,
        strict=settings.strict,
        max_file_bytes=settings.max_file_bytes,
        today=today,
    )
    checked.duplicates += decided.duplicates
    checked.quarantined += decided.quarantined
    checked.refused += decided.refused
    return checked, outcomes, known


def _known_files(db_path, files, extraction: str | None) -> wh.KnownFiles:
    with wh.connect(db_path, read_only=True) as con:
        return wh.known_files(
            con,
            [f.content_sha256 for f in files],
            [f.file_name for f in files],
            extraction,
        )


@task(name="verify-facts", cache_policy=NO_CACHE)
def verify_facts(frames: dict, registry: ActorRegistry, settings: Settings, run_id: str):
    """The fact-table suites over the batch, before anything of it loads."""
    if not any(frames[t].height for t in ("mentions", "figures", "statements", "actors")):
        return [], {}  # nothing to check: Great Expectations is not even imported
    from newsfacts.expectations.context import quality_for
    from newsfacts.expectations.facts import validate_facts

    return validate_facts(frames, registry, set(registry.names), quality_for(settings), run_id)


def _is_lock_error(task, task_run, state) -> bool:
    try:
        state.result()
    except Exception as exc:  # noqa: BLE001
        return wh.is_write_conflict(exc)
    return False


@task(
    name="load",
    cache_policy=NO_CACHE,
    retries=5,
    retry_delay_seconds=[1, 2, 5, 10, 20],
    retry_condition_fn=_is_lock_error,
)
def load(db_path: Path, frames: dict) -> dict[str, int]:
    with wh.connect(db_path) as con:
        return wh.load_batch(con, frames)


def _batches(items: list, size: int):
    for i in range(0, len(items), size):
        yield [Path(p) for p in items[i : i + size]]


@flow(name="newsfacts-ingest", log_prints=False)
def ingest_flow(
    inbox: str | None = None,
    db: str | None = None,
    strict: bool | None = None,
    batch_size: int | None = None,
    model: str | None = None,
    data_docs_dir: str | None = None,
    lock_wait_seconds: float = 600.0,
    workers: int | None = None,
    dask_address: str | None = None,
    retry_refused: bool | None = None,
) -> dict:
    """Ingest every file in `inbox` into the warehouse `db`. Returns the run summary."""
    overrides = {
        k: v
        for k, v in dict(
            inbox=inbox,
            db=db,
            strict=strict,
            batch_size=batch_size,
            model=model,
            data_docs_dir=data_docs_dir,
            workers=workers,
            dask_address=dask_address,
            retry_refused=retry_refused,
        ).items()
        if v is not None
    }
    settings = Settings(**overrides)
    logger = get_run_logger()
    try:
        summary = run_ingest(settings, logger, lock_wait_seconds=lock_wait_seconds)
    except (WarehouseBusy, wh.WarehouseHeld) as exc:
        # Another run (or a reader of the file) holds the warehouse: skip cleanly, the next
        # scheduled run catches up.
        logger.warning("skipped: %s", exc)
        return {"status": "skipped", "reason": str(exc), "db": str(settings.db)}
    publish_artifacts(summary)
    return summary


ARTIFACT_MAX_ROWS = 1000


def publish_artifacts(summary: dict) -> None:
    """A table of files and their outcomes, and a markdown summary with counts and Data Docs."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    rows = [
        {
            "file": f["file"],
            "outcome": f["outcome"],
            "codes": ", ".join(f["codes"]),
            "reason": f.get("reason", ""),
        }
        for f in summary["files"]
    ]
    left = max(len(rows) - ARTIFACT_MAX_ROWS, 0) + summary.get("files_not_listed", 0)
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
        description=f"Files of run {summary['run_id']} with findings: format codes, "
        "duplicates, quarantined or refused with their reasons (clean loads are counted "
        "in the summary)",
    )
    added = summary["rows"]
    docs = summary.get("data_docs")
    create_markdown_artifact(
        key="newsfacts-summary",
        markdown="\n".join(
            [
                f"# newsfacts run `{summary['run_id']}`",
                f"- warehouse: `{summary['db']}`, model `{summary['model']}`, "
                f"status **{summary['status']}**",
                f"- files seen {summary['files_seen']}: loaded {summary['loaded']}, duplicates "
                f"{summary['duplicates']}, quarantined {summary['quarantined']}, "
                f"refused {summary['refused']}",
                f"- rows added: actors {added.get('actors', 0)}, mentions {added.get('mentions', 0)}, "
                f"figures {added.get('figures', 0)}, statements {added.get('statements', 0)}",
                f"- Data Docs: [{docs}](file://{docs})" if docs else "- Data Docs: not built",
            ]
        ),
        description="newsfacts run summary",
    )


def _run_id() -> str:
    try:
        from prefect.runtime import flow_run

        if flow_run.id:
            return str(flow_run.id)
    except Exception:  # noqa: BLE001 - outside a flow run
        pass
    return str(uuid.uuid4())


FILES_LISTED = 1000


@dataclass
class RunState:
    """What a run keeps in memory between batches. Nothing per loaded file: what the
    warehouse holds about a batch's files is looked up per batch (wh.known_files)."""

    run_id: str
    registry: ActorRegistry
    extraction: str = ""  # pipeline and rules version (refusals are recorded under it)
    # content hash -> file name of files staged to load whose batch is not loaded yet
    pending: dict[str, str] = field(default_factory=dict)
    stats: dict = field(
        default_factory=lambda: {
            "files_seen": 0,
            "loaded": 0,
            "duplicates": 0,
            "quarantined": 0,
            "refused": 0,
        }
    )
    rows: dict = field(default_factory=dict)
    # Files with findings (codes, quarantined, refused, duplicate), up to FILES_LISTED;
    # clean loads and unchanged files are only counted: the list stays bounded.
    files: list = field(default_factory=list)
    files_not_listed: int = 0
    warnings: list = field(default_factory=list)

    def note_files(self, rows: list[dict]) -> None:
        notable = [r for r in rows if r["codes"] or r["outcome"] not in ("loaded", "unchanged")]
        room = max(FILES_LISTED - len(self.files), 0)
        self.files.extend(notable[:room])
        self.files_not_listed += len(notable) - len(notable[:room])


def _open_run(
    db_path, lake: bool, inbox: Path, model_name: str, paths: list[str]
) -> tuple[RunState, int, int]:
    """Schema, the actors known so far, this run's `runs` row, and how many of the
    inbox's files the warehouse has never seen (their names live only for this call)."""
    with wh.connect(db_path) as con:
        wh.ensure_schema(con, lake=lake)
        state = RunState(run_id=_run_id(), registry=ActorRegistry.from_rows(*wh.actor_rows(con)))
        new_files = wh.count_unknown_names(con, _names(paths, inbox))
        # we hold the lock: no other run (over this inbox, for a lake) is alive
        crashed = wh.mark_crashed_runs(con, str(inbox) if lake else None)
        wh.start_run(con, state.run_id, str(inbox), model_name)
    return state, crashed, new_files


def _finish_run(db_path, state: RunState, status: str) -> None:
    with wh.connect(db_path) as con:
        wh.finish_run(con, state.run_id, state.stats, status)


def run_ingest(settings: Settings, logger, *, lock_wait_seconds: float) -> dict:
    from newsfacts.transforms.nlp.meta import extraction_version, model_label

    inbox = Path(settings.inbox)
    db_path = settings.db
    lake = wh.is_lake(db_path)
    if not inbox.is_dir():
        raise BadInput(
            f"inbox {inbox} is not a folder",
            hint="pass an existing folder of article files (or set NEWSFACTS_INBOX)",
        )
    today = date.today()
    model_name = model_label(settings.model)
    observer = current_observer()
    with writer_lock(db_path, lock_wait_seconds, inbox, on_wait=observer.waiting_for_lock):
        # strings, not Path objects: 5.4 instead of 16.7 MiB for 50,000 files
        paths = [os.fspath(p) for p in list_inbox(inbox)]
        observer.started(len(paths))
        state, crashed, new_files = wh.with_retries(
            lambda: _open_run(db_path, lake, inbox, model_name, paths)
        )
        state.extraction = extraction_version(settings.model)
        if crashed:
            state.warnings.append(
                f"{crashed} earlier run(s) had been killed mid-run; marked 'crashed' in runs"
            )
            logger.warning(state.warnings[-1])
        state.stats["files_seen"] = len(paths)
        logger.info("run %s: %d files in %s -> %s", state.run_id, len(paths), inbox, db_path)
        status = "failed"
        extraction = None
        try:
            # An inbox whose file names are all known (an unchanged rerun, most likely)
            # extracts in this process: starting workers would cost more than it saves.
            # no more workers than batches of new files: 100 new files need one worker
            new_batches = -(-new_files // settings.batch_size)
            workers = min(settings.workers, new_batches)
            dask = settings.dask_address if new_files else None
            with extraction_runner(workers, dask, settings.model) as runner:
                logger.info("extraction: %s", runner.description)
                extraction = runner.description
                run_batches(paths, settings, state, today, logger, runner)
            status = "completed" if not state.stats["refused"] else "completed_with_refusals"
        except (KeyboardInterrupt, TerminationSignal):
            status = "cancelled"  # the batch being loaded rolled back; the rest is kept
            raise
        finally:
            wh.with_retries(lambda: _finish_run(db_path, state, status))
        snapshot = None if lake else str(publish_snapshot(db_path))
        docs = _build_docs(settings, state.run_id, logger)
    return {
        "run_id": state.run_id,
        "db": str(db_path),
        "inbox": str(inbox),
        "model": model_name,
        "extraction_version": state.extraction,
        "status": status,
        **state.stats,
        "rows": state.rows,
        "files": state.files,
        "files_not_listed": state.files_not_listed,
        "warnings": state.warnings,
        "data_docs": docs,
        "snapshot": snapshot,
        "pid": os.getpid(),
        "extraction": extraction,
    }


@dataclass
class StagedBatch:
    """A batch that is staged and checked, its extraction submitted, not yet loaded."""

    batch_no: int
    paths: list[Path]
    decided: Triage
    format_outcomes: list
    known: wh.KnownFiles  # the warehouse's records of these files before this run
    extraction: object | None  # a future of extract()'s (facts, failed)


def run_batches(paths, settings, state, today, logger, runner) -> None:
    """Stage batch k+1 (and submit its extraction) while batch k is being extracted, then
    finish batches strictly in order: actor ids and loads are the same as a serial run."""
    unfinished: deque[StagedBatch] = deque()
    observer = current_observer()
    done = 0

    def finish_oldest() -> None:
        nonlocal done
        staged = unfinished.popleft()
        finish_batch(staged, settings, state, logger)
        done += len(staged.paths)
        observer.advanced(done, len(paths))

    for batch_no, batch in enumerate(_batches(paths, settings.batch_size)):
        # quote(): Prefect would otherwise walk the collection for upstream futures
        decided, format_outcomes, known = stage_and_check(
            batch, settings, quote(state.pending), today, state.extraction, state.run_id
        )
        state.pending.update((f.content_sha256, f.file_name) for f in decided.to_load)
        items = [(f.content_sha256, f.body) for f in decided.to_load]
        future = runner.submit(extract, items=items, model=settings.model) if items else None
        unfinished.append(StagedBatch(batch_no, batch, decided, format_outcomes, known, future))
        while len(unfinished) >= runner.in_flight:
            finish_oldest()
    while unfinished:
        finish_oldest()


def finish_batch(staged: StagedBatch, settings: Settings, state: RunState, logger) -> None:
    """Resolve actors, verify and load one batch in one transaction. Articles whose facts
    fail an error-level check are refused with their reasons; the others load."""
    from newsfacts.expectations.runner import outcomes_frame

    decided = staged.decided
    facts, failed_items = wait_for(staged.extraction) if staged.extraction else ([], [])
    by_id = {f.content_sha256: f for f in decided.to_load}
    failed = [(by_id[article_id], error) for article_id, error in failed_items]
    failed_ids = {f.content_sha256 for f, _ in failed}
    # from here on the warehouse answers for these files (loaded) or they are not loaded
    for f in decided.to_load:
        state.pending.pop(f.content_sha256, None)
    for f, error in failed:
        decided.quarantined.append((f, ["extraction_failed"], f"extraction_failed: {error}"))
        decided.issues.append(
            CheckResult(f.file_name, f.content_sha256, "extraction_failed", ERROR, error)
        )
    extracted = [f for f in decided.to_load if f.content_sha256 not in failed_ids]
    verified = verify_articles(
        facts,
        article_frame(extracted, state.run_id),
        state.registry,
        lambda frames: verify_facts(frames, state.registry, settings, state.run_id),
    )
    refused_now = [
        (by_id[article_id], refusal_codes(reasons), "; ".join(reasons))
        for article_id, reasons in verified.refused.items()
    ]
    for f, _, message in refused_now:
        logger.warning("refused %s: %s", f.file_name, message)
    new_issues = [
        i
        for i in decided.issues
        if (i.file_name, i.content_sha256, i.code) not in staged.known.issues
    ]
    new_quarantine = [
        q
        for q in decided.quarantined
        if (q[0].file_name, q[0].content_sha256) not in staged.known.quarantined
    ]
    frames = {
        **verified.frames,
        "format_issues": issues_frame(new_issues, state.run_id),
        "quarantine": quarantine_frame(new_quarantine, state.run_id),
        "refusals": refusal_frame(refused_now, state.extraction, state.run_id),
        "dq_results": outcomes_frame(
            staged.format_outcomes + verified.outcomes, state.run_id, staged.batch_no
        ),
    }
    _add_counts(state.rows, load(settings.db, frames))
    state.registry.commit()
    decided.refused += refused_now
    loaded = len(extracted) - len(refused_now)
    state.stats["loaded"] += loaded
    state.stats["duplicates"] += len(decided.duplicates)
    state.stats["quarantined"] += len(decided.quarantined)
    state.stats["refused"] += len(decided.refused)
    state.note_files(_file_rows(decided, failed_ids | set(verified.refused)))
    logger.info(
        "batch %d: %d loaded, %d duplicates, %d quarantined, %d refused",
        staged.batch_no,
        loaded,
        len(decided.duplicates),
        len(decided.quarantined),
        len(decided.refused),
    )


def _names(paths: list, inbox: Path) -> list[str]:
    from newsfacts.transforms.staging import relative_name

    return [relative_name(Path(p), inbox) for p in paths]


def _add_counts(total: dict, counts: dict) -> None:
    for table, n in counts.items():
        total[table] = total.get(table, 0) + n


def _build_docs(settings: Settings, run_id: str, logger) -> str | None:
    """Rebuild the Data Docs site for this run's validations; a failure here never fails
    the run. A run that validated nothing (an unchanged inbox) leaves the site as it was.
    """
    from newsfacts.expectations.context import holding_run

    index = Path(settings.data_docs_dir).resolve() / "index.html"
    quality = holding_run(settings, run_id)
    if quality is None:
        return str(index) if index.exists() else None
    try:
        return str(quality.finish_run(run_id, settings.data_docs_dir, settings.dq_history_runs))
    except Exception as exc:  # noqa: BLE001 - docs are a report, not data
        logger.warning("Data Docs were not rebuilt: %s", exc)
        return None


def _file_rows(decided: Triage, not_loaded: set[str]) -> list[dict]:
    issues_by_file: dict[str, list[str]] = {}
    for i in decided.issues:
        issues_by_file.setdefault(i.file_name, []).append(i.code)
    rows = []
    for f in decided.to_load:
        if f.content_sha256 not in not_loaded:
            rows.append(
                {
                    "file": f.file_name,
                    "outcome": "loaded",
                    "codes": issues_by_file.get(f.file_name, []),
                }
            )
    for f in decided.duplicates:
        codes = issues_by_file.get(f.file_name, [])
        # same name and bytes as a loaded article: simply unchanged since the last run
        outcome = "duplicate" if "duplicate_content" in codes else "unchanged"
        rows.append({"file": f.file_name, "outcome": outcome, "codes": codes})
    for f, codes, _ in decided.quarantined:
        rows.append(
            {
                "file": f.file_name,
                "outcome": "quarantined",
                "codes": issues_by_file.get(f.file_name, codes),
            }
        )
    for f, codes, message in decided.refused:
        rows.append({"file": f.file_name, "outcome": "refused", "codes": codes, "reason": message})
    return rows

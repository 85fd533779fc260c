"""The reprocess flow: stored articles through today's extraction again.

A thin Prefect shell like the ingest flow: it reads stored bodies, extracts, runs the
fact suites and writes; which articles are replaced, kept or refused is decided by
`transforms.reprocess`. Each batch replaces its articles' facts in one transaction, so
a run killed at any point leaves each article entirely old or entirely new, and a rerun
with `only_older` finishes what is left.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.exceptions import TerminationSignal

from newsfacts.flows.executors import extract, extraction_runner, wait_for
from newsfacts.flows.ingest import verify_facts
from newsfacts.flows.progress import current_observer
from newsfacts.flows.runs import build_docs, flow_run_id, is_lock_error
from newsfacts.transforms.errors import BadInput, WarehouseBusy
from newsfacts.transforms.fact_frames import ActorRegistry
from newsfacts.transforms.refusals import verify_articles
from newsfacts.transforms.reprocess import ReprocessSummary, ReprocessTotals, plan_reprocess
from newsfacts.transforms.settings import Settings
from newsfacts.warehouse import load as wh
from newsfacts.warehouse.resource import Warehouse


@dataclass
class ReprocessOptions:
    only_older: bool = False  # only articles whose facts another extraction made
    articles: str | None = None  # an SQL condition over `articles`
    dry_run: bool = False  # report what would change, write nothing


@task(
    name="replace",
    cache_policy=NO_CACHE,
    retries=5,
    retry_delay_seconds=[1, 2, 5, 10, 20],
    retry_condition_fn=is_lock_error,
)
def replace(warehouse: Warehouse, frames: dict, replaced: list[str], extraction: str):
    return warehouse.replace(frames, replaced, extraction)


@flow(name="newsfacts-reprocess", log_prints=False)
def reprocess_flow(
    settings: Settings | None = None,
    options: ReprocessOptions | None = None,
    warehouse: Warehouse | None = None,
) -> dict:
    """Extract the warehouse's stored articles again and replace their facts. Returns
    the summary (`ReprocessSummary.as_dict()`)."""
    settings = settings or Settings()
    options = options or ReprocessOptions()
    warehouse = warehouse or Warehouse.from_settings(settings)
    logger = get_run_logger()
    try:
        if options.dry_run:
            return run_reprocess(settings, options, warehouse, logger).as_dict()
        with warehouse.writer_lock(settings.lock_wait_seconds, settings.inbox):
            return run_reprocess(settings, options, warehouse, logger).as_dict()
    except (WarehouseBusy, wh.WarehouseHeld) as exc:
        logger.warning("skipped: %s", exc)
        return ReprocessSummary(
            run_id=None, db=str(warehouse.db), status="skipped", extraction="", reason=str(exc)
        ).as_dict()


def _candidates(options, warehouse, extraction) -> list[str]:
    import duckdb

    try:
        return warehouse.reprocess_candidates(extraction, options.only_older, options.articles)
    except duckdb.Error as exc:
        raise BadInput(
            f"--articles {options.articles!r} is no condition over articles: {exc}",
            hint="write an SQL condition on the articles table, e.g. \"published >= '2024-01-01'\"",
        ) from None


def run_reprocess(settings, options, warehouse, logger) -> ReprocessSummary:
    from newsfacts.transforms.nlp.meta import extraction_version, model_label

    extraction = extraction_version(settings.model)
    ids = _candidates(options, warehouse, extraction)
    before = warehouse.table_counts()
    totals = ReprocessTotals(selected=len(ids))
    run_id, status = None, "failed"
    if not options.dry_run:
        run_id = flow_run_id()
        actors, _, _ = warehouse.open_run(
            run_id, settings.inbox, model_label(settings.model), [], "reprocess", extraction
        )
    else:
        with warehouse.connect(read_only=True) as con:
            actors = wh.actor_rows(con)
    registry = ActorRegistry.from_rows(*actors)
    logger.info("reprocess %s: %d articles with %s", run_id or "(dry run)", len(ids), extraction)
    try:
        _batches(ids, settings, options, warehouse, registry, extraction, run_id, totals)
        status = "completed" if not totals.kept else "completed_with_refusals"
    except (KeyboardInterrupt, TerminationSignal):
        status = "cancelled"  # the batch being replaced rolled back; the rest is kept
        raise
    finally:
        if run_id is not None:
            warehouse.finish_run(run_id, totals.counts(), status)
    after = None if options.dry_run else warehouse.table_counts()
    if run_id is not None:
        warehouse.publish_snapshot()
        build_docs(settings, run_id, logger)
    return ReprocessSummary.of(
        totals, before, after, run_id=run_id, db=str(warehouse.db), status=status,
        extraction=extraction, dry_run=options.dry_run,
    )  # fmt: skip


def _verify(frames, registry, settings, run_id: str | None):
    """The fact suites; a dry run (no run id) validates in memory and keeps no results."""
    if run_id is not None:
        return verify_facts(frames, registry, settings, run_id)
    if not any(frames[t].height for t in ("mentions", "figures", "statements", "actors")):
        return [], {}
    from newsfacts.expectations.context import DataQuality
    from newsfacts.expectations.fact_suites import validate_facts

    return validate_facts(frames, registry, set(registry.names), DataQuality.in_memory(), "dry-run")


@dataclass
class _Read:
    """A batch read from the warehouse, its extraction submitted."""

    batch_no: int
    articles: object  # polars frame of the stored rows
    old_counts: dict
    old_statements: dict
    future: object


def _batches(ids, settings, options, warehouse, registry, extraction, run_id, totals) -> None:
    """Read batch k+1 and submit its extraction while batch k is extracted; replace the
    batches strictly in order, each in one transaction."""
    observer = current_observer()
    observer.started(len(ids))
    unfinished: deque[_Read] = deque()

    def finish_oldest() -> None:
        job = (settings, options, warehouse, registry, extraction, run_id, totals)
        _finish(unfinished.popleft(), *job)
        observer.advanced(totals.reprocessed + len(totals.kept), len(ids))

    with extraction_runner(settings.workers, settings.dask_address, settings.model) as runner:
        for batch_no, start in enumerate(range(0, len(ids), settings.batch_size)):
            batch = ids[start : start + settings.batch_size]
            articles, old_counts, old_statements = warehouse.stored_batch(batch)
            items = list(zip(articles["article_id"], articles["body"], strict=True))
            future = runner.submit(extract, items=items, model=settings.model)
            unfinished.append(_Read(batch_no, articles, old_counts, old_statements, future))
            while len(unfinished) >= runner.in_flight:
                finish_oldest()
        while unfinished:
            finish_oldest()


def _finish(read: _Read, settings, options, warehouse, registry, extraction, run_id, totals):
    """Check one batch's new facts, plan it, and replace (unless a dry run)."""
    from newsfacts.expectations.runner import outcomes_frame

    facts, failed = wait_for(read.future)
    verified = verify_articles(
        facts, read.articles, registry, lambda frames: _verify(frames, registry, settings, run_id)
    )
    plan = plan_reprocess(
        read.articles, verified, failed, read.old_counts, read.old_statements, extraction,
        run_id or "dry-run",
    )  # fmt: skip
    if not options.dry_run:
        dq = outcomes_frame(verified.outcomes, run_id, read.batch_no)
        replace(warehouse, {**plan.frames, "dq_results": dq}, plan.replaced, extraction)
    registry.commit()
    totals.add(plan)

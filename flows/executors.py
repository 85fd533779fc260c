"""Where extraction batches run: in the flow's process, in a local process pool, or on Dask.

Extraction (the spaCy pipeline plus the rules) is the only heavy stage, and it is pure:
bodies in, `ArticleFacts` out. So it is the stage that goes to other processes or
machines, while staging, checks, actor resolution and loading stay in the flow's process,
in batch order, which keeps a run's results identical whatever runs the extraction.

This module is what a worker imports: it stays light (no polars, DuckDB or Great
Expectations), so a worker holds little beside the pipeline.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE


@task(name="extract", cache_policy=NO_CACHE)
def extract(items: list[tuple[str, str]], model: str):
    """Facts for each (article id, body); an article whose extraction fails is returned
    among the failures with its error, so the flow quarantines it instead of losing it.

    Runs wherever the extraction runner puts it; the pipeline loads once per process.
    """
    from newsfacts.transforms.nlp.extract import extract_batch, load_pipeline

    nlp = load_pipeline(model)
    try:
        return extract_batch(nlp, items), []
    except Exception:  # find the culprit(s); keep the rest
        facts, failed = [], []
        for item in items:
            try:
                facts.extend(extract_batch(nlp, [item]))
            except Exception as exc:  # noqa: BLE001 - recorded per file by the caller
                failed.append((item[0], f"{type(exc).__name__}: {exc}"))
        return facts, failed


@task(name="prepare-worker", cache_policy=NO_CACHE)
def prepare_worker(model: str) -> int:
    """Load the pipeline where this runs, before the first batch arrives."""
    from newsfacts.transforms.nlp.extract import load_pipeline

    load_pipeline(model)
    return os.getpid()


def _worker_setup(model: str | None = None) -> None:
    """Process-pool initializer: the pipeline loads while the flow stages its first batch."""
    if model:
        from newsfacts.transforms.nlp.extract import load_pipeline

        load_pipeline(model)


@dataclass
class InlineFuture:
    """A finished result that looks like a Prefect future (workers=0)."""

    value: Any

    def result(self) -> Any:
        return self.value


class ExtractionRunner:
    """Submits extraction tasks; `in_flight` is how many batches to keep submitted."""

    def __init__(self, task_runner, in_flight: int, description: str):
        self.task_runner = task_runner
        self.in_flight = in_flight
        self.description = description

    def submit(self, task_, **parameters):
        if self.task_runner is None:
            return InlineFuture(task_(**parameters))
        return self.task_runner.submit(task_, parameters=parameters)


@contextmanager
def _api_shared_with_workers() -> Iterator[None]:
    """Point worker processes at this run's Prefect API.

    Without a Prefect server, a flow runs against a temporary API that Prefect starts on
    loopback; a worker process would start one of its own (another ~200 MB process, and
    its task runs recorded apart from the flow's). Workers inherit the environment, so
    the temporary API's URL goes there while the runner lives.
    """
    from prefect.settings import get_current_settings

    if get_current_settings().api.url or "PREFECT_API_URL" in os.environ:
        yield
        return
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        url = str(client.api_url).rstrip("/")
    os.environ["PREFECT_API_URL"] = url
    try:
        yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)


@contextmanager
def _one_blas_thread_per_worker() -> Iterator[None]:
    """Workers inherit the environment when they start: one BLAS/OpenMP thread each, so
    N workers use N cores and do not fight over them."""
    names = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
    saved = {name: os.environ.get(name) for name in names}
    for name in names:
        os.environ.setdefault(name, "1")
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def extraction_runner(
    workers: int, dask_address: str | None = None, model: str | None = None
) -> Iterator[ExtractionRunner]:
    """The task runner for extraction batches, started and shut down around a run.

    workers=0 and no Dask: extract in this process, one batch at a time.
    workers>=1: a pool of that many processes (Prefect's ProcessPoolTaskRunner), each
    loading the pipeline as it starts; one more batch than workers is kept submitted, so
    no worker waits while this process stages, verifies and loads.
    dask_address='local': a Dask LocalCluster of `workers` single-threaded processes;
    any other address: a running Dask scheduler (prefect-dask's DaskTaskRunner).
    """
    if not dask_address and workers == 0:
        yield ExtractionRunner(None, in_flight=1, description="in the flow's process")
        return
    n = max(workers, 1)
    with _api_shared_with_workers(), _one_blas_thread_per_worker():
        if dask_address:
            runner, description = _dask_runner(dask_address, n)
        else:
            from prefect.task_runners import ProcessPoolTaskRunner

            runner = ProcessPoolTaskRunner(
                max_workers=n, initializer=_worker_setup, initargs=(model,) if model else ()
            )
            description = f"{n} worker process{'es' if n > 1 else ''}"
        with runner:
            extraction = ExtractionRunner(runner, in_flight=n + 1, description=description)
            # start every worker (and its pipeline) now, not when its first batch comes
            warm = (
                [extraction.submit(prepare_worker, model=model) for _ in range(n)] if model else []
            )
            yield extraction
            for future in warm:
                future.result()


def _dask_runner(address: str, n: int):
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError(
            "Dask needs the optional packages: pip install 'newsfacts[dask]'"
        ) from exc
    if address == "local":
        cluster = {"n_workers": n, "threads_per_worker": 1, "processes": True}
        runner = DaskTaskRunner(cluster_kwargs=cluster | {"dashboard_address": None})
        return runner, f"Dask LocalCluster, {n} worker{'s' if n > 1 else ''}"
    return DaskTaskRunner(address=address), f"Dask scheduler {address}"

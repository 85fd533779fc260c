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
import signal
import threading
import time
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
    """Process-pool initializer: the pipeline loads while the flow stages its first batch.

    Ctrl-C in a terminal reaches every process of its group: workers ignore it and let
    the flow stop them. A worker whose flow process is gone (SIGKILLed) exits by itself.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_when_orphaned()
    if model:
        from newsfacts.transforms.nlp.extract import load_pipeline

        load_pipeline(model)


def exit_when_orphaned(poll_seconds: float = 0.5) -> None:
    """End this process soon after its parent dies, however the parent died.

    A daemon thread watches the parent's pid: when the parent is gone, the kernel hands
    this process to another parent and getppid() changes.
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll_seconds)
        os._exit(1)

    threading.Thread(target=watch, name="newsfacts-orphan-watch", daemon=True).start()


def _kill_workers(task_runner) -> None:
    """Stop the pool's processes now, instead of waiting for their current batch."""
    executor = getattr(task_runner, "_executor", None)
    for process in list(getattr(executor, "_processes", {}).values()):
        process.kill()


def wait_for(future, poll_seconds: float = 0.5) -> Any:
    """future.result(), woken every `poll_seconds`.

    A signal can be delivered to any thread of the process, and a main thread blocked
    in a lock without a timeout never runs its handler: a plain `result()` would make
    Ctrl-C and SIGTERM wait for the batch. A timed wait lets them land within a poll.
    """
    while True:
        try:
            return future.result(timeout=poll_seconds)
        except TimeoutError as exc:
            # Prefect's futures raise TimeoutError from the pool's own timeout error
            if not isinstance(exc.__cause__, TimeoutError):
                raise  # the task itself raised TimeoutError


@dataclass
class InlineFuture:
    """A finished result that looks like a Prefect future (workers=0)."""

    value: Any

    def result(self, timeout: float | None = None) -> Any:
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
            try:
                yield extraction
            except BaseException:
                # interrupted or failed: shutting the pool down would wait for the batches
                # the workers are extracting; nothing of them is needed any more
                _kill_workers(runner)
                raise
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

"""Where extraction batches run: in the flow's process, in a local process pool, or on Dask.

Extraction (the spaCy pipeline plus the rules) is the only heavy stage, and it is pure:
bodies in, `ArticleFacts` out. So it is the stage that goes to other processes or
machines, while staging, checks, actor resolution and loading stay in the flow's process,
in batch order, which keeps a run's results identical whatever runs the extraction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


@dataclass
class InlineFuture:
    """A finished result that looks like a Prefect future (workers=0)."""

    value: Any

    def result(self) -> Any:
        return self.value


class ExtractionRunner:
    """Submits extraction tasks; `in_flight` is how many batches to keep queued."""

    def __init__(self, task_runner, in_flight: int, description: str):
        self.task_runner = task_runner
        self.in_flight = in_flight
        self.description = description

    def submit(self, task, **parameters):
        if self.task_runner is None:
            return InlineFuture(task(**parameters))
        return self.task_runner.submit(task, parameters=parameters)


def _worker_setup() -> None:
    # One BLAS thread per worker process: the workers are the parallelism.
    import os

    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


@contextmanager
def extraction_runner(workers: int, dask_address: str | None = None) -> Iterator[ExtractionRunner]:
    """The task runner for extraction batches, started and shut down around a run.

    workers=0 and no Dask: extract in this process, one batch at a time.
    workers>=1: a pool of that many processes (Prefect's ProcessPoolTaskRunner); one more
    batch than workers is kept queued so no worker waits while this process stages and loads.
    dask_address='local': a Dask LocalCluster of `workers` single-threaded processes;
    any other address: a running Dask scheduler (prefect-dask's DaskTaskRunner).
    """
    if dask_address:
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise RuntimeError(
                "Dask needs the optional packages: pip install 'newsfacts[dask]'"
            ) from exc
        n = max(workers, 1)
        if dask_address == "local":
            runner = DaskTaskRunner(
                cluster_kwargs={
                    "n_workers": n,
                    "threads_per_worker": 1,
                    "processes": True,
                    "dashboard_address": None,
                }
            )
            description = f"Dask LocalCluster, {n} workers"
        else:
            runner = DaskTaskRunner(address=dask_address)
            description = f"Dask scheduler {dask_address}"
        with runner:
            yield ExtractionRunner(runner, in_flight=n + 1, description=description)
        return
    if workers == 0:
        yield ExtractionRunner(None, in_flight=1, description="in the flow's process")
        return
    from prefect.task_runners import ProcessPoolTaskRunner

    with ProcessPoolTaskRunner(max_workers=workers, initializer=_worker_setup) as runner:
        yield ExtractionRunner(
            runner, in_flight=workers + 1, description=f"{workers} worker process(es)"
        )

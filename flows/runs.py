"""What the ingest and the reprocess flow share about a run: its id, the retry rule of
a load, and the Data Docs at its end."""

from __future__ import annotations

import uuid
from pathlib import Path

from newsfacts.transforms.settings import Settings
from newsfacts.warehouse import load as wh


def is_lock_error(task, task_run, state) -> bool:
    try:
        state.result()
    except Exception as exc:  # noqa: BLE001
        return wh.is_write_conflict(exc)
    return False


def flow_run_id() -> str:
    try:
        from prefect.runtime import flow_run

        if flow_run.id:
            return str(flow_run.id)
    except Exception:  # noqa: BLE001 - outside a flow run
        pass
    return str(uuid.uuid4())


def build_docs(settings: Settings, run_id: str, logger) -> str | None:
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

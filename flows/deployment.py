"""Steps that `prefect deploy` runs from prefect.yaml.

The deployment's runs start in a working directory that the pull step sets; it must be
known when the deployment is made, not left to a variable the worker may not have.
"""

from __future__ import annotations

import os
from pathlib import Path

ENTRYPOINT_FILE = Path("flows") / "ingest.py"


def project_directory(directory: str | None = None) -> dict[str, str]:
    """Build step: the folder the deployment's runs work in, as an absolute path.

    `directory` or NEWSFACTS_HOME when given: the checkout's path on the worker's
    machine, which need not exist where the deploy runs, so it only has to be absolute.
    Otherwise the folder `prefect deploy` runs in, which must be a newsfacts checkout.
    Either way a wrong value fails the deploy, not every run after it.
    """
    chosen = directory or os.environ.get("NEWSFACTS_HOME")
    if chosen:
        if not Path(chosen).is_absolute():
            raise ValueError(
                f"NEWSFACTS_HOME={chosen!r} must be an absolute path: the checkout's folder "
                "on the worker's machine"
            )
        return {"directory": chosen}
    here = Path.cwd().resolve()
    if not (here / ENTRYPOINT_FILE).is_file():
        raise ValueError(
            f"{here} is not a newsfacts checkout (no {ENTRYPOINT_FILE}): run `prefect deploy` "
            "in the checkout, or set NEWSFACTS_HOME to the checkout's path on the worker"
        )
    return {"directory": str(here)}

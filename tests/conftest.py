"""Shared fixtures: settings pointing at temporary paths, the NLP pipeline, Prefect."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "data" / "samples"

os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# Extract in the flow's own process unless a test asks for workers: a worker pool costs a
# few seconds of start-up per run, which dozens of small test runs need not pay.
os.environ.setdefault("NEWSFACTS_WORKERS", "0")


def shared_or_skip(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (../shared is only beside the checkout in CI)")
    return path


@pytest.fixture(scope="session", autouse=True)
def _no_writes_into_the_checkout(tmp_path_factory):
    """Default warehouse and Data Docs paths point into a temporary folder."""
    base = tmp_path_factory.mktemp("defaults")
    os.environ["NEWSFACTS_DB"] = str(base / "default.duckdb")
    os.environ["NEWSFACTS_DATA_DOCS_DIR"] = str(base / "data_docs")
    yield


@pytest.fixture(scope="session")
def prefect_home(tmp_path_factory) -> Path:
    """A HOME whose Prefect database exists already. A fresh HOME's first temporary API
    spends some 20 s on two cores creating it; the tests of signals and crashes copy this
    one instead (`home_for`). The quickstart test alone starts from an empty HOME."""
    import subprocess
    import sys

    home = tmp_path_factory.mktemp("prefect-home")
    start_and_stop = (
        "from newsfacts.flows.prefect_api import TemporaryApi, startup_seconds\n"
        "api = TemporaryApi()\napi.start(startup_seconds())\napi.stop()\n"
    )
    subprocess.run(
        [sys.executable, "-c", start_and_stop], check=True, timeout=600,
        env={"PATH": "/usr/bin:/bin", "HOME": str(home), "PREFECT_LOGGING_LEVEL": "ERROR"},
    )  # fmt: skip
    return home


def home_for(tmp_path: Path, template: Path | None, name: str = "home") -> Path:
    """A HOME for one command of a test: a copy of `template` (see prefect_home), or empty."""
    import shutil

    home = tmp_path / name
    if template is None:
        home.mkdir(exist_ok=True)
    else:
        shutil.copytree(template, home, dirs_exist_ok=True)
    return home


@pytest.fixture(scope="session")
def model_path() -> str:
    """The shipped pipeline (or NEWSFACTS_MODEL); tests need it as users do."""
    from newsfacts.transforms.settings import Settings

    model = Settings().model
    if "/" in model and not (Path(model) / "config.cfg").exists():
        pytest.fail(f"spaCy pipeline missing at {model}")
    return model


@pytest.fixture(scope="session")
def nlp(model_path):
    from newsfacts.transforms.nlp.extract import load_pipeline

    return load_pipeline(model_path)


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect API for the whole session instead of one per flow call."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def settings(tmp_path, model_path):
    from newsfacts.transforms.settings import Settings

    return Settings(
        inbox=tmp_path / "inbox",
        db=tmp_path / "warehouse" / "test.duckdb",
        model=model_path,
        batch_size=4,
        data_docs_dir=tmp_path / "docs",
    )


def write_article(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def chromium_dom(page: Path, profile_dir: Path, query: str = "") -> str:
    """The DOM of a local page (with `query`, e.g. '?outlet=dpa') after headless Chromium
    ran its scripts; skips without Chromium."""
    import shutil
    import subprocess

    browser = (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )
    if browser is None:
        pytest.skip("Chromium not installed (apt-get install chromium); CI installs it")
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        f"--user-data-dir={profile_dir}", "--virtual-time-budget=5000", "--dump-dom",
    ]  # fmt: skip
    done = subprocess.run(
        [browser, *flags, Path(page).resolve().as_uri() + query],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return done.stdout


def ingest_with(settings, **overrides) -> dict:
    """One ingest flow run on a test's settings: its inbox, warehouse, model and Data Docs."""
    from newsfacts.flows import ingest

    return ingest.ingest_flow(settings.overridden(**overrides))


# Columns that differ between two runs of the same data by design.
# (when a file was modified and read belongs to the checkout and the run, not the results)
_RUN_COLUMNS = {"run_id", "checked_at", "mtime_ns", "read_at_ns"}


def warehouse_contents(db, leave_out: set[str] = frozenset()) -> dict[str, list[tuple]]:
    """Every fact and bookkeeping table but `runs`, rows sorted, run-specific columns left
    out: equal for two warehouses that hold the same results."""
    from newsfacts.warehouse.load import LOAD_ORDER, connect

    out = {}
    with connect(db, read_only=True) as con:
        for table in LOAD_ORDER:
            cols = [
                r[0]
                for r in con.execute(f'SELECT * FROM "{table}" LIMIT 0').description
                if r[0] not in _RUN_COLUMNS | leave_out
            ]
            select = ", ".join(f'"{c}"' for c in cols)
            rows = con.execute(f'SELECT {select} FROM "{table}"').fetchall()
            out[table] = sorted(rows, key=repr)
    return out

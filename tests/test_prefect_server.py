"""A real Prefect server on loopback: deploy prefect.yaml, trigger through the API, let a
process worker run it, check the warehouse; and check that the scheduler itself creates
scheduled runs. Every process started here is stopped here."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest

from tests.conftest import REPO

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, model_path):
    home = tmp_path_factory.mktemp("prefect_home")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")} | {
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2",
        "PREFECT_LOGGING_LEVEL": "INFO",
        "NEWSFACTS_MODEL": model_path,
    }
    env.pop("NEWSFACTS_HOME", None)  # deploying from the checkout needs no variable
    log = open(home / "server.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    api = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    "prefect server did not start:\n" + (home / "server.log").read_text()[-3000:]
                )
            time.sleep(0.5)
        env["PREFECT_API_URL"] = api

        def prefect(*args, timeout=180):
            done = subprocess.run(
                [str(BIN / "prefect"), *args],
                env=env,
                cwd=REPO,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
            assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
            return done.stdout

        prefect("work-pool", "create", "newsfacts-pool", "--type", "process")
        prefect("--no-prompt", "deploy", "--name", "newsfacts-ingest")
        yield api, env, prefect, home
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def deployment_id(api: str) -> str:
    r = httpx.get(f"{api}/deployments/name/newsfacts-ingest/newsfacts-ingest", timeout=10)
    r.raise_for_status()
    return r.json()["id"]


def api_post(url: str, **kwargs) -> httpx.Response:
    for attempt in range(5):
        response = httpx.post(url, timeout=30, **kwargs)
        if response.status_code != 503:  # the SQLite-backed server answers 503 while busy
            break
        time.sleep(2 * (attempt + 1))
    response.raise_for_status()
    return response


def auto_scheduled_runs(api: str, dep: str) -> list[dict]:
    body = {
        "flow_runs": {"deployment_id": {"any_": [dep]}, "state": {"type": {"any_": ["SCHEDULED"]}}}
    }
    runs = api_post(f"{api}/flow_runs/filter", json=body).json()
    return [r for r in runs if r.get("auto_scheduled")]


def test_the_deployment_works_in_the_folder_it_was_made_from(server):
    api, *_ = server
    r = httpx.get(f"{api}/deployments/name/newsfacts-ingest/newsfacts-ingest", timeout=10)
    steps = r.json()["pull_steps"]
    assert steps == [
        {"prefect.deployments.steps.set_working_directory": {"directory": str(REPO.resolve())}}
    ]


def test_scheduler_creates_scheduled_runs(server):
    api, *_ = server
    dep = deployment_id(api)
    deadline = time.monotonic() + 90
    runs = []
    while time.monotonic() < deadline:
        runs = auto_scheduled_runs(api, dep)
        if runs:
            break
        time.sleep(1)
    assert runs, "the server's scheduler created no runs for the cron schedule"
    starts = sorted(r["expected_start_time"] for r in runs)
    minutes = {s[14:16] for s in starts}
    assert minutes <= {"00", "15", "30", "45"}, starts


def test_triggered_run_loads_the_inbox(server, tmp_path):
    api, env, prefect, home = server
    inbox = tmp_path / "inbox"
    shutil.copytree(REPO / "data" / "samples", inbox)
    db = tmp_path / "w.duckdb"
    body = {
        "parameters": {
            "settings": {
                "inbox": str(inbox),
                "db": str(db),
                "data_docs_dir": str(tmp_path / "docs"),
            }
        }
    }
    dep = deployment_id(api)
    # Pausing deletes the cron schedule's pending runs: when a quarter hour falls inside
    # this test, the worker would otherwise take the due scheduled run first, and it
    # holds the deployment's one concurrency slot (and writes into the checkout's var/).
    api_post(f"{api}/deployments/{dep}/pause_deployment")
    # a scheduler pass that read the deployment before the pause may still insert runs
    time.sleep(3)  # > one scheduler loop (2 s in this fixture)
    for scheduled in auto_scheduled_runs(api, dep):
        httpx.delete(f"{api}/flow_runs/{scheduled['id']}", timeout=10).raise_for_status()
    try:
        run = api_post(f"{api}/deployments/{dep}/create_flow_run", json=body)
        run_id = run.json()["id"]
        prefect("worker", "start", "--pool", "newsfacts-pool", "--run-once", timeout=300)
    finally:
        api_post(f"{api}/deployments/{dep}/resume_deployment")
    state = httpx.get(f"{api}/flow_runs/{run_id}", timeout=10).json()["state"]
    assert state["type"] == "COMPLETED", state
    con = duckdb.connect(str(db), read_only=True)
    loaded = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    run_row = con.execute("SELECT run_id, status FROM runs").fetchall()
    con.close()
    assert loaded >= 10
    assert run_row == [(run_id, "completed")]
    artifacts = httpx.post(
        f"{api}/artifacts/filter",
        json={"artifacts": {"flow_run_id": {"any_": [run_id]}}},
        timeout=10,
    ).json()
    assert {a["key"] for a in artifacts} >= {"newsfacts-files", "newsfacts-summary"}

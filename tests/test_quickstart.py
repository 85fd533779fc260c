"""The README's first command, as a new user runs it: a fresh HOME, no Prefect or
newsfacts variables, any folder. It must load the bundled samples on its first try."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import duckdb

from tests.conftest import REPO, SAMPLES
from tests.test_interrupts import clean_env

BIN = Path(sys.executable).parent


def readme_first_command() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return readme.split("```")[1].removeprefix("bash").strip()


def test_the_first_command_installs_then_runs_newsfacts():
    command = readme_first_command()
    assert re.search(r"pip install .*&& newsfacts run$", command), command


def test_the_first_commands_newsfacts_run_loads_the_samples_on_an_empty_home(tmp_path):
    # the install part is what CI does itself; the `newsfacts run` part runs as written
    run_part = readme_first_command().rsplit("&&", 1)[1].strip()
    env = clean_env(tmp_path)
    env.pop("NEWSFACTS_DATA_DOCS_DIR")  # not even that: the defaults, under ./var
    env["PATH"] = f"{BIN}:/usr/bin:/bin"
    done = subprocess.run(
        run_part, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    warehouse = tmp_path / "var" / "newsfacts.duckdb"
    con = duckdb.connect(str(warehouse), read_only=True)
    names = {r[0] for r in con.execute("SELECT file_name FROM articles").fetchall()}
    con.close()
    top_level = {p.name for p in SAMPLES.glob("*.txt")}
    assert top_level <= names
    assert f"loaded {len(names)}" in done.stdout
    assert (tmp_path / "var" / "data_docs" / "index.html").exists()

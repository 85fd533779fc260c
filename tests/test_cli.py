"""The CLI: every command and option is explained, and the README covers every command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsfacts.flows.cli import build_parser, main
from tests.conftest import REPO

NEWSFACTS = str(Path(sys.executable).parent / "newsfacts")


def subcommands():
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return action.choices


def test_every_option_has_help():
    for name, sub in subcommands().items():
        for action in sub._actions:
            if action.dest != "help":
                assert action.help and len(action.help) > 10, f"{name} {action.dest}"


def test_readme_documents_every_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in subcommands():
        assert f"newsfacts {name}" in readme, name


def test_readme_starts_with_the_two_quickstart_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```")
    first, second = blocks[1], blocks[3]
    assert "newsfacts run" in first and "pip install" in first
    assert "pytest" in second and "pip install" in second


def test_model_info(capsys, model_path):
    assert main(["model-info"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert {"path", "name", "version", "labels", "components"} <= info.keys()
    assert {"PER", "ORG", "LOC"} <= set(info["labels"])


def test_query_missing_warehouse_says_what_to_do(tmp_path, capsys):
    assert main(["query", "SELECT 1", "--db", str(tmp_path / "none.duckdb")]) == 4
    assert "newsfacts run" in capsys.readouterr().err


def test_run_on_missing_inbox_is_one_line_and_a_next_step(tmp_path, capsys):
    code = main(
        ["run", str(tmp_path / "nope"), "--db", str(tmp_path / "w.duckdb"), "--no-progress"]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 2 and "not a folder" in err[0] and err[1].startswith("next: ")
    assert not (tmp_path / "w.duckdb").exists()  # refused before anything started


def test_missing_pipeline_is_a_missing_resource(tmp_path, capsys):
    (tmp_path / "inbox").mkdir()
    code = main(["run", str(tmp_path / "inbox"), "--model", str(tmp_path / "no-model")])
    assert code == 4
    assert "no spaCy pipeline" in capsys.readouterr().err


def test_bad_sql_is_bad_input_and_verbose_shows_the_traceback(tmp_path, capsys):
    import duckdb

    duckdb.connect(str(tmp_path / "w.duckdb")).close()
    assert main(["query", "SELEC 1", "--db", str(tmp_path / "w.duckdb")]) == 2
    quiet = capsys.readouterr().err
    assert quiet.startswith("error: ") and "Traceback" not in quiet
    assert main(["query", "SELEC 1", "--db", str(tmp_path / "w.duckdb"), "--verbose"]) == 2
    assert "Traceback" in capsys.readouterr().err


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("newsfacts ") and "de_newsfacts-" in out and "rules " in out


def test_readme_documents_the_exit_codes():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Exit codes") :]
    for code in ("0", "1", "2", "3", "4", "130", "143"):
        assert f"| {code} |" in section, code


def test_lock_wait_says_who_holds_the_warehouse(settings, capsys, prefect_harness):
    from newsfacts.warehouse.lock import writer_lock

    settings.inbox.mkdir(parents=True)
    with writer_lock(settings.db, wait_seconds=0, command="newsfacts test"):
        code = main(
            ["run", str(settings.inbox), "--db", str(settings.db), "--lock-wait", "1",
             "--model", settings.model, "--no-progress"]
        )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 3
    assert f"pid {os.getpid()}" in err and "newsfacts test" in err
    assert "waiting up to 1 s" in err


def _without_prefect_variables() -> dict:
    return {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}


def test_serve_without_a_server_refuses(tmp_path):
    env = _without_prefect_variables() | {"HOME": str(tmp_path)}
    done = subprocess.run(
        [NEWSFACTS, "serve"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 4, done.stderr
    assert "prefect server start" in done.stderr and "PREFECT_API_URL" in done.stderr
    closed = env | {"PREFECT_API_URL": "http://127.0.0.1:9/api"}
    done = subprocess.run(
        [NEWSFACTS, "serve"], env=closed, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 4 and "no Prefect server answers" in done.stderr


@pytest.mark.parametrize(
    "command", ["run", "serve", "evaluate", "query", "report", "export", "model-info"]
)
def test_help_exits_zero(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert "usage" in capsys.readouterr().out


def test_progress_bar_has_a_total_from_the_start():
    from newsfacts.flows.cli import ProgressBar

    with ProgressBar(enabled=False) as bar:
        bar.started(24)
        assert bar.bar.tasks[0].total == 24 and bar.bar.tasks[0].completed == 0
        bar.advanced(8, 24)
        assert bar.bar.tasks[0].completed == 8


def test_evaluate_refuses_a_corpus_folder_without_the_gold_articles(tmp_path, capsys):
    gold, corpus = tmp_path / "gold", tmp_path / "news"
    (corpus / "corpus").mkdir(parents=True)
    gold.mkdir()
    (corpus / "corpus" / "a.txt").write_text("date 2024-01\nQuelle: dpa\nText.\n", encoding="utf-8")
    (gold / "a.txt.json").write_text('{"actors": [], "figures": [], "statements": []}')
    assert main(["evaluate", "--corpus", str(corpus), "--gold", str(gold)]) == 2
    err = capsys.readouterr().err
    assert "none of the 1 gold articles" in err and "--corpus" in err

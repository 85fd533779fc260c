"""The CLI: every command and option is explained, and the README covers every command."""

from __future__ import annotations

import json

import pytest
from newsfacts.flows.cli import build_parser, main

from tests.conftest import REPO


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
    assert main(["query", "SELECT 1", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "newsfacts run" in capsys.readouterr().err


def test_run_on_missing_inbox_is_a_clear_error(tmp_path, capsys, prefect_harness):
    code = main(
        ["run", str(tmp_path / "nope"), "--db", str(tmp_path / "w.duckdb"), "--no-progress"]
    )
    assert code == 2
    assert "not a folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command", ["run", "serve", "evaluate", "query", "report", "export", "model-info"]
)
def test_help_exits_zero(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert "usage" in capsys.readouterr().out

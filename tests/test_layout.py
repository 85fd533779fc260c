"""The shape of the code that a reviewer would otherwise check by reading: small
functions in the shell and the core, and no import running back up (transforms know
nothing of Prefect, the warehouse or the flows)."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import REPO

MAX_FUNCTION_LINES = 60
FOLDERS = ("flows", "warehouse", "transforms")


def _modules(*folders: str):
    for folder in folders:
        for path in sorted((REPO / folder).rglob("*.py")):
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_no_function_of_the_shell_or_the_core_is_longer_than_a_screen():
    long = [
        f"{path.relative_to(REPO)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1})"
        for path, tree in _modules(*FOLDERS)
        if "nlp" not in path.parts  # the attribution rules have their own rule (issue 18)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, long


def _imports(tree) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("transforms", ("prefect", "newsfacts.flows", "newsfacts.warehouse", "duckdb")),
        ("warehouse", ("prefect", "newsfacts.flows")),
        ("expectations", ("prefect", "newsfacts.flows")),
    ],
)
def test_no_import_runs_back_up(folder, forbidden):
    wrong = [
        f"{path.relative_to(REPO)}: {name}"
        for path, tree in _modules(folder)
        for name in _imports(tree)
        if name.startswith(forbidden)
    ]
    assert not wrong, wrong

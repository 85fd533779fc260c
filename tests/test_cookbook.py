"""docs/cookbook.md cannot rot: every query runs against the samples' warehouse."""

from __future__ import annotations

import duckdb
import pytest

from newsfacts.flows.ingest import ingest_flow
from newsfacts.transforms.settings import Settings
from tests.conftest import REPO, SAMPLES

COOKBOOK = REPO / "docs" / "cookbook.md"
# an SQL block may say it can legitimately be empty with this comment
MAY_BE_EMPTY = "-- may be empty"


def recipes() -> list[tuple[str, str]]:
    """(heading, sql) for every ```sql block, named by the `### ` heading above it."""
    found: list[tuple[str, str]] = []
    heading, sql = None, None
    for line in COOKBOOK.read_text(encoding="utf-8").splitlines():
        if sql is not None:
            if line.startswith("```"):
                assert heading, "every query needs a ### heading above it"
                found.append((heading, "\n".join(sql)))
                heading, sql = None, None
            else:
                sql.append(line)
        elif line.startswith("### "):
            heading = line.removeprefix("### ").strip()
        elif line.strip() == "```sql":
            sql = []
    return found


RECIPES = recipes()


def test_cookbook_has_ten_questions_and_is_linked():
    assert len(RECIPES) >= 10
    assert len({h for h, _ in RECIPES}) == len(RECIPES)
    assert "docs/cookbook.md" in (REPO / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def samples_con(tmp_path_factory, prefect_harness, model_path):
    base = tmp_path_factory.mktemp("cookbook")
    db = base / "samples.duckdb"
    ingest_flow(
        Settings(inbox=str(SAMPLES), db=str(db), model=model_path, data_docs_dir=str(base / "docs"))
    )
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


@pytest.mark.slow
@pytest.mark.parametrize(("heading", "sql"), RECIPES, ids=[h for h, _ in RECIPES])
def test_recipe_runs_and_answers(samples_con, heading, sql):
    rows = samples_con.execute(sql).fetchall()
    if MAY_BE_EMPTY not in sql:
        assert rows, f"{heading}: no rows on the samples"

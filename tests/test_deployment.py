"""prefect.yaml's build step: the deployment's working directory is known at deploy time."""

from __future__ import annotations

import pytest

from newsfacts.flows.deployment import project_directory
from tests.conftest import REPO


def test_deploying_from_the_checkout_needs_no_variable(monkeypatch):
    monkeypatch.delenv("NEWSFACTS_HOME", raising=False)
    monkeypatch.chdir(REPO)
    assert project_directory() == {"directory": str(REPO.resolve())}


def test_deploying_from_elsewhere_fails_at_deploy_time_saying_what_to_set(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSFACTS_HOME", raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match="NEWSFACTS_HOME"):
        project_directory()


def test_newsfacts_home_names_the_checkout_on_the_worker(monkeypatch):
    monkeypatch.setenv("NEWSFACTS_HOME", "/srv/newsfacts")  # need not exist here
    assert project_directory() == {"directory": "/srv/newsfacts"}
    monkeypatch.setenv("NEWSFACTS_HOME", "relative/path")
    with pytest.raises(ValueError, match="absolute"):
        project_directory()


def test_prefect_yaml_deploys_reprocess_unscheduled_with_parameters_the_flow_takes():
    import inspect

    import yaml

    from newsfacts.flows.reprocess import ReprocessOptions, reprocess_flow

    project = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    (dep,) = [d for d in project["deployments"] if d["name"] == "newsfacts-reprocess"]
    assert dep["entrypoint"] == "flows/reprocess.py:reprocess_flow"
    assert not dep.get("schedules")
    assert set(dep["parameters"]) <= set(inspect.signature(reprocess_flow.fn).parameters)
    ReprocessOptions(**dep["parameters"]["options"])  # fields the options know

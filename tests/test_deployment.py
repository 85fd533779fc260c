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

"""Dependencies: ranges in pyproject.toml (what the code needs), the tested set pinned in
constraints.txt, and every install command of README and CI using that set."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO


def _declared() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = [r for group in project["optional-dependencies"].values() for r in group]
    return [
        Requirement(r) for r in [*project["dependencies"], *extras] if not r.startswith("newsfacts")
    ]


def _pinned() -> dict[str, str]:
    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    return pins


def test_no_dependency_is_pinned_to_one_version_in_pyproject():
    for req in _declared():
        assert not any(spec.operator == "==" for spec in req.specifier), req


def test_constraints_pin_every_dependency_inside_its_range():
    pins = _pinned()
    for req in _declared():
        version = pins.get(canonicalize_name(req.name))
        assert version is not None, f"{req.name} is not pinned in constraints.txt"
        assert req.specifier.contains(version, prereleases=True), (req, version)


def test_readme_and_ci_install_with_the_constraints():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    wheel = (REPO / ".ci" / "wheel-check").read_text(encoding="utf-8")
    installs = re.findall(r"pip install [^`\n]*", readme + "\n" + ci + "\n" + wheel)
    installs = [i for i in installs if "--upgrade pip" not in i]
    assert len(installs) >= 4
    for command in installs:
        assert "-c constraints.txt" in command, command

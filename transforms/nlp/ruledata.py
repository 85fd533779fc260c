"""Rule data files (`transforms/nlp/rules/*.toml`), read once per process."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources


@cache
def rule_file(name: str) -> dict:
    """The parsed TOML file `rules/<name>.toml`, shipped as package data."""
    text = resources.files("newsfacts.transforms.nlp").joinpath("rules", f"{name}.toml")
    return tomllib.loads(text.read_text(encoding="utf-8"))


@cache
def compiled_patterns(name: str, table: str) -> re.Pattern:
    """One alternation of the `patterns` list of `[table]` in `rules/<name>.toml`."""
    patterns = rule_file(name)[table]["patterns"]
    return re.compile("|".join(f"(?:{p})" for p in patterns))

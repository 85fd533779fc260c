"""What a pipeline is called, read without loading it (or importing spaCy)."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

_RULES_DIR = Path(__file__).resolve().parent


def model_label(model: str) -> str:
    """'de_newsfacts-0.5.0': read from meta.json where possible, so that a run with
    nothing new to extract never loads the pipeline."""
    meta_file = Path(model) / "meta.json"
    if meta_file.is_file():
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    else:
        from newsfacts.transforms.nlp.extract import load_pipeline

        meta = load_pipeline(model).meta
    return f"{package_name(meta)}-{meta.get('version', '?')}"


def package_name(meta: dict) -> str:
    """spaCy's package name, lang_name: 'de_newsfacts' (also when meta's name has it)."""
    lang, name = meta.get("lang", "de"), meta.get("name", "pipeline")
    return name if name.startswith(f"{lang}_") else f"{lang}_{name}"


@lru_cache(maxsize=1)
def rules_version() -> str:
    """A hash of the extraction rules: the code and the data files under transforms/nlp/
    (the trained pipeline is versioned by its own meta.json). Changes whenever a rule
    or a word list changes, so refused articles are retried and facts can be redone."""
    digest = hashlib.sha256()
    code = [p for p in _RULES_DIR.rglob("*.py") if "__pycache__" not in p.parts]
    files = [*code, *_RULES_DIR.glob("rules/*")]
    for path in sorted(files, key=lambda p: p.relative_to(_RULES_DIR).as_posix()):
        digest.update(path.relative_to(_RULES_DIR).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def extraction_version(model: str) -> str:
    """'de_newsfacts-0.6.0+rules.3f2a...': the pipeline and the rules that make facts."""
    return f"{model_label(model)}+rules.{rules_version()}"

"""What a pipeline is called, read without loading it (or importing spaCy)."""

from __future__ import annotations

import json
from pathlib import Path


def model_label(model: str) -> str:
    """'de_newsfacts-0.5.0': read from meta.json where possible, so that a run with
    nothing new to extract never loads the pipeline."""
    meta_file = Path(model) / "meta.json"
    if meta_file.is_file():
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    else:
        from newsfacts.transforms.nlp.extract import load_pipeline

        meta = load_pipeline(model).meta
    return f"{meta.get('lang', 'de')}_{meta.get('name', 'pipeline')}-{meta.get('version', '?')}"

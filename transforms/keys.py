"""Matching keys for names, shared by extraction (in worker processes) and actor resolution.

Kept apart from `transforms.fact_frames` so that extraction workers need not import polars.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)
def actor_key(text: str) -> str:
    """Case-, accent- and hyphen-insensitive key: 'Yoon Suk-yeol' == 'yoon suk yeol'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[-‐–_.'’]", " ", text.casefold())
    return " ".join(text.split())

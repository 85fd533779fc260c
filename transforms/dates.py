"""Find a publication date in article text when the header gives none."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "januar": 1, "jänner": 1, "january": 1,
    "februar": 2, "february": 2,
    "märz": 3, "maerz": 3, "march": 3,
    "april": 4,
    "mai": 5, "may": 5,
    "juni": 6, "june": 6,
    "juli": 7, "july": 7,
    "august": 8,
    "september": 9,
    "oktober": 10, "october": 10,
    "november": 11,
    "dezember": 12, "december": 12,
}  # fmt: skip
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))

# Each pattern yields day, month, year groups (month as a number or a name).
_PATTERNS = [
    (
        "numeric",
        re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})(?!\d)"),
    ),
    (
        "day_month_year",
        re.compile(
            rf"(?<!\d)(?P<d>\d{{1,2}})\.\s*(?P<m>{_MONTH_ALT})\s+(?P<y>(?:19|20)\d{{2}})(?!\d)",
            re.I,
        ),
    ),
    (
        "month_day_year",
        re.compile(
            rf"\b(?P<m>{_MONTH_ALT})\s+(?P<d>\d{{1,2}}),\s*(?P<y>(?:19|20)\d{{2}})(?!\d)", re.I
        ),
    ),
]


def find_body_date(text: str) -> tuple[date, str] | None:
    """The first valid calendar date written in `text`, with the text it came from."""
    best: tuple[int, date, str] | None = None
    for _, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            month_raw = m["m"]
            month = int(month_raw) if month_raw.isdigit() else MONTHS[month_raw.lower()]
            try:
                found = date(int(m["y"]), month, int(m["d"]))
            except ValueError:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), found, m.group(0))
            break
    if best is None:
        return None
    return best[1], best[2]

"""Refusal per article: when a fact suite finds an error, only the articles whose rows
fail are held back; the rest of their batch loads.

Pure functions over the fact frames and the suites' outcomes; the suites themselves
(Great Expectations) come in as a callable, so this module imports neither GX nor
Prefect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl

from newsfacts.transforms.fact_frames import ActorRegistry, fact_frames
from newsfacts.transforms.tables import schema
from newsfacts.transforms.types import ArticleFacts

ERROR = "error"
# columns that show a reader which fact failed, first one present wins
_SHOWN_COLUMNS = ("text", "surface", "name")
_DETAILS_PER_REASON = 3


@dataclass
class VerifiedFacts:
    """A batch's fact frames after the suites, without the articles they refused."""

    frames: dict[str, pl.DataFrame]
    outcomes: list = field(default_factory=list)  # of every validation, failed ones too
    refused: dict[str, list[str]] = field(default_factory=dict)  # article id -> reasons


def _detail(outcome, row: dict) -> str:
    shown = next((row[c] for c in _SHOWN_COLUMNS if row.get(c) is not None), None)
    values = ", ".join(f"{c}={row.get(c)!r}" for c in outcome.columns if c in row)
    return (f"{shown!r} " if shown is not None else "") + f"({values})"


def _failing_rows(outcome, checked: pl.DataFrame) -> pl.DataFrame:
    """The rows an outcome blames; an aggregate (a mean over the batch) blames them all."""
    if outcome.unexpected_rows:
        return checked.filter(pl.col("row").is_in(list(outcome.unexpected_rows)))
    return checked


def _details_by_article(
    outcome, rows: pl.DataFrame, mentions: pl.DataFrame, batch_articles: list[str]
) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    unblamed: list[str] = []
    if "article_id" in rows.columns:
        in_batch = set(batch_articles)
        for row in rows.iter_rows(named=True):
            target = (
                found.setdefault(row["article_id"], [])
                if row["article_id"] in in_batch
                else unblamed
            )
            target.append(_detail(outcome, row))
    else:
        # actors: the articles whose mentions point at the failing actors
        details = [_detail(outcome, row) for row in rows.iter_rows(named=True)]
        ids = mentions.filter(pl.col("actor_id").is_in(rows["actor_id"].to_list()))["article_id"]
        found = {a: details for a in ids.unique().to_list()}
        unblamed = [] if found else details
    if unblamed:
        # a failure no article of the batch can be blamed for holds back the whole batch
        for article_id in batch_articles:
            found.setdefault(article_id, []).extend(unblamed)
    return found


def failing_articles(
    outcomes, checked: dict[str, pl.DataFrame], frames: dict[str, pl.DataFrame]
) -> dict[str, list[str]]:
    """Article id -> reasons ("facts_figures.inverted_range: '06-02' (...)") for every
    error-level expectation that failed, naming the offending values."""
    batch_articles = frames["articles"]["article_id"].to_list()
    reasons: dict[str, list[str]] = {}
    for outcome in outcomes:
        if outcome.success or outcome.severity != ERROR:
            continue
        rows = _failing_rows(outcome, checked[outcome.suite])
        found = _details_by_article(outcome, rows, frames["mentions"], batch_articles)
        for article_id, details in found.items():
            shown = "; ".join(details[:_DETAILS_PER_REASON])
            more = len(details) - _DETAILS_PER_REASON
            reason = f"{outcome.suite}.{outcome.code}: {shown}" + (
                f" and {more} more" if more > 0 else ""
            )
            reasons.setdefault(article_id, []).append(reason)
    return reasons


def verify_articles(
    facts: list[ArticleFacts],
    articles: pl.DataFrame,
    registry: ActorRegistry,
    verify: Callable[[dict[str, pl.DataFrame]], tuple[list, dict[str, pl.DataFrame]]],
) -> VerifiedFacts:
    """Shape the batch's facts, run the suites, and hold back the articles that fail.

    After each round with failures the registry forgets what the round registered and
    the facts are shaped again without the refused articles, so no actor or alias
    only they brought in loads. Ends when a round passes (at most one round per article).
    """
    result = VerifiedFacts(frames={})
    while True:
        kept = [f for f in facts if f.article_id not in result.refused]
        frames = {
            "articles": articles.filter(~pl.col("article_id").is_in(list(result.refused))),
            **fact_frames(kept, registry),
        }
        outcomes, checked = verify(frames)
        result.outcomes.extend(outcomes)
        failing = failing_articles(outcomes, checked, frames)
        if not failing:
            result.frames = frames
            return result
        registry.rollback()
        result.refused.update(failing)  # only articles of `kept`: each round refuses one more


def refusal_codes(reasons: list[str]) -> list[str]:
    """['facts_figures.inverted_range', ...] from the reasons, in order, once each."""
    return list(dict.fromkeys(r.split(":", 1)[0] for r in reasons))


REFUSAL_SCHEMA = schema("refusals")


def refusal_frame(refused: list[tuple], extraction: str, run_id: str) -> pl.DataFrame:
    """`refusals` rows for (StagedFile, codes, message) triples."""
    return pl.DataFrame(
        [
            {
                "file_name": f.file_name,
                "content_sha256": f.content_sha256,
                "extraction": extraction,
                "codes": codes,
                "message": message,
                "run_id": run_id,
            }
            for f, codes, message in refused
        ],
        schema=REFUSAL_SCHEMA,
    )

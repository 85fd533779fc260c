"""Refusal per article, on hand-built facts and a stand-in for the suites (no GX, no model)."""

from __future__ import annotations

import polars as pl

from newsfacts.expectations.runner import ExpectationOutcome
from newsfacts.transforms.fact_frames import ActorRegistry
from newsfacts.transforms.refusals import failing_articles, refusal_codes, verify_articles
from newsfacts.transforms.types import ArticleFacts, Figure, LocalActor, Mention


def facts(article_id: str, actor: str, low: float, high: float) -> ArticleFacts:
    return ArticleFacts(
        article_id,
        actors=[LocalActor(actor, "PER")],
        mentions=[Mention(0, actor, 0, len(actor))],
        figures=[Figure(low, "exact", "06-02", 10, 15, low=low, high=high)],
    )


def articles(*ids: str) -> pl.DataFrame:
    return pl.DataFrame({"article_id": list(ids), "body": ["x" * 40] * len(ids)})


def inverted_ranges(frames):
    """Stands in for the figures suite: an error for every figure with low > high."""
    checked = frames["figures"].with_row_index("row")
    bad = checked.filter(pl.col("low") > pl.col("high"))["row"].to_list()
    outcome = ExpectationOutcome(
        suite="facts_figures",
        expectation="expect_column_pair_values_a_to_be_greater_than_b",
        column=None,
        code="inverted_range",
        severity="error",
        success=not bad,
        observed_value=None,
        unexpected_count=len(bad),
        unexpected_rows=tuple(bad),
        columns=("high", "low"),
    )
    return [outcome], {"facts_figures": checked}


def test_only_the_failing_article_is_refused_and_its_actors_are_forgotten():
    registry = ActorRegistry()
    batch = [
        facts("a", "Anna Berg", 1, 2),
        facts("b", "Bernd Roth", 6, 2),
        facts("c", "Anna Berg", 3, 4),
    ]
    result = verify_articles(batch, articles("a", "b", "c"), registry, inverted_ranges)
    assert list(result.refused) == ["b"]
    assert result.refused["b"] == ["facts_figures.inverted_range: '06-02' (high=2.0, low=6.0)"]
    frames = result.frames
    assert frames["articles"]["article_id"].to_list() == ["a", "c"]
    assert set(frames["figures"]["article_id"]) == {"a", "c"}
    assert frames["actors"]["name"].to_list() == ["Anna Berg"]  # Bernd Roth came only with b
    assert [o.success for o in result.outcomes] == [False, True]  # both rounds are kept


def test_a_passing_batch_is_shaped_once():
    calls = []

    def verify(frames):
        calls.append(frames["figures"].height)
        return inverted_ranges(frames)

    result = verify_articles(
        [facts("a", "Anna Berg", 1, 2)], articles("a"), ActorRegistry(), verify
    )
    assert result.refused == {} and calls == [1]


def test_a_failure_no_article_can_be_blamed_for_refuses_the_batch():
    def orphan_rows(frames):
        checked = (
            frames["figures"]
            .with_row_index("row")
            .with_columns(pl.lit("not-in-batch").alias("article_id"))
        )
        outcome = ExpectationOutcome(
            "facts_figures", "expect_column_values_to_be_in_set", "article_known",
            "orphan_article", "error", False, None, 1, (0,), ("article_known",),
        )  # fmt: skip
        return [outcome], {"facts_figures": checked}

    result = verify_articles(
        [facts("a", "Anna Berg", 1, 2)], articles("a"), ActorRegistry(), orphan_rows
    )
    assert list(result.refused) == ["a"]
    assert result.frames["articles"].height == 0


def test_warnings_refuse_nothing_and_reasons_name_each_check_once():
    warning = ExpectationOutcome(
        "facts_figures", "expect_column_mean_to_be_between", "has_counted",
        "few_counted_nouns", "warning", False, "0.1", 0, (), ("has_counted",),
    )  # fmt: skip
    frames = {
        "articles": articles("a"),
        "mentions": pl.DataFrame({"article_id": [], "actor_id": []}),
    }
    assert failing_articles([warning], {"facts_figures": pl.DataFrame()}, frames) == {}
    reasons = [
        "facts_figures.inverted_range: x",
        "facts_mentions.orphan_actor: y",
        "facts_figures.inverted_range: z",
    ]
    assert refusal_codes(reasons) == ["facts_figures.inverted_range", "facts_mentions.orphan_actor"]

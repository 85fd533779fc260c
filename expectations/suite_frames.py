"""Frames the fact-table suites check: facts joined with what they must agree with.

Pure polars: derived columns (the body's slice at each offset, whether an actor id is
known) so that Great Expectations can express every rule as a column expectation.
"""

from __future__ import annotations

import polars as pl


def _with_body(facts: pl.DataFrame, articles: pl.DataFrame, text_col: str) -> pl.DataFrame:
    bodies = articles.select(
        "article_id",
        "file_name",  # names failing rows in results and Data Docs
        pl.col("body"),
        pl.col("body").str.len_chars().alias("body_len"),
    )
    joined = facts.with_row_index("row").join(bodies, on="article_id", how="left")
    return joined.with_columns(
        pl.col("body").is_not_null().alias("article_known"),
        pl.when(
            (pl.col("start") >= 0)
            & (pl.col("end") <= pl.col("body_len"))
            & (pl.col("end") >= pl.col("start"))
        )
        .then(pl.col("body").str.slice(pl.col("start"), pl.col("end") - pl.col("start")))
        .otherwise(None)
        .alias("body_slice"),
        pl.col("body_len").fill_null(-1),
    ).drop("body")


def mention_frame(
    mentions: pl.DataFrame, articles: pl.DataFrame, known_actor_ids: set[str]
) -> pl.DataFrame:
    frame = _with_body(mentions, articles, "surface")
    return frame.with_columns(pl.col("actor_id").is_in(list(known_actor_ids)).alias("actor_known"))


def figure_frame(
    figures: pl.DataFrame, articles: pl.DataFrame, known_actor_ids: set[str]
) -> pl.DataFrame:
    frame = _with_body(figures, articles, "text")
    return frame.with_columns(
        pl.col("counted").is_not_null().cast(pl.Float64).alias("has_counted"),
        (
            pl.col("claimed_by_actor_id").is_null()
            | pl.col("claimed_by_actor_id").is_in(list(known_actor_ids))
        ).alias("claimant_known"),
        pl.col("low").fill_null(pl.col("value")).alias("low_or_value"),
        pl.col("high").fill_null(pl.col("value")).alias("high_or_value"),
    )


def statement_frame(
    statements: pl.DataFrame, articles: pl.DataFrame, known_actor_ids: set[str]
) -> pl.DataFrame:
    frame = _with_body(statements, articles, "text")
    return frame.with_columns(
        pl.col("speaker_actor_id").is_not_null().cast(pl.Float64).alias("has_speaker"),
        (
            pl.col("speaker_actor_id").is_null()
            | pl.col("speaker_actor_id").is_in(list(known_actor_ids))
        ).alias("speaker_known"),
        pl.col("text").str.len_chars().alias("text_chars"),
    )


def actor_frame(
    new_actors: pl.DataFrame, canonical_ids: dict[tuple[str, str], str]
) -> pl.DataFrame:
    """New canonical actors, with whether another actor already has the same type and key.

    `canonical_ids` maps (type, name key) to the id of the first actor registered under it.
    """
    from newsfacts.transforms.keys import actor_key

    keys = [actor_key(n) for n in new_actors["name"].to_list()]
    clash = [
        canonical_ids.get((t, k), i) != i
        for i, t, k in zip(
            new_actors["actor_id"].to_list(), new_actors["type"].to_list(), keys, strict=True
        )
    ]
    return new_actors.with_row_index("row").with_columns(
        pl.Series("name_key", keys, dtype=pl.String),
        pl.Series("duplicates_existing", clash, dtype=pl.Boolean),
    )

"""Great Expectations suites over the fact frames of a batch, before it loads.

Frames come from expectations.suite_frames (facts joined with their article bodies and the known
actor ids). Every expectation carries a severity (GX's own field): an `error` (GX:
`critical`) failure refuses the
articles whose rows fail (the rest of the batch loads), a `warning` is recorded in
`dq_results` and everything loads. Thresholds live in expectations/thresholds.toml.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from newsfacts.expectations.runner import gx_context, with_severity
from newsfacts.transforms import tables

THRESHOLDS_FILE = Path(__file__).with_name("thresholds.toml")
QUALIFIERS = list(tables.QUALIFIERS)
MODES = list(tables.MODES)
FORMS = list(tables.FORMS)
ACTOR_TYPES = list(tables.ACTOR_TYPES)


@lru_cache(maxsize=4)
def thresholds(path: Path = THRESHOLDS_FILE) -> dict:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def _m(code: str, severity: str = "error") -> dict:
    """What a rule's failure means: its code and severity (moved into GX's own severity
    field by `_in_gx_terms`)."""
    return {"code": code, "severity": severity}


def _in_gx_terms(suite):
    """Each expectation's severity from its meta into GX's own field."""
    for expectation in suite.expectations:
        meta = dict(expectation.meta or {})
        with_severity(expectation, meta.pop("code"), meta.pop("severity", "error"))
    return suite


def _offset_rules(gxe, text_column: str) -> list:
    """Offsets inside the article body, and the body's slice equal to the text."""
    return [
        gxe.ExpectColumnValuesToBeInSet(
            column="article_known", value_set=[True], meta=_m("orphan_article")
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="start", min_value=0, meta=_m("offset_out_of_body")
        ),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="end", column_B="start", or_equal=False, meta=_m("offset_out_of_body")
        ),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="body_len", column_B="end", or_equal=True, meta=_m("offset_out_of_body")
        ),
        gxe.ExpectColumnPairValuesToBeEqual(
            column_A="body_slice",
            column_B=text_column,
            ignore_row_if="either_value_is_missing",
            meta=_m("slice_differs_from_text"),
        ),
        gxe.ExpectColumnValuesToNotBeNull(column="body_slice", meta=_m("offset_out_of_body")),
    ]


@lru_cache(maxsize=1)
def fact_suites() -> dict:
    """Suite name -> ExpectationSuite, built once per process."""
    import great_expectations as gx
    import great_expectations.expectations as gxe

    gx_context()
    t = thresholds()
    suites = {}

    suites["mentions"] = gx.ExpectationSuite(
        name="facts_mentions",
        expectations=[
            *_offset_rules(gxe, "surface"),
            gxe.ExpectColumnValuesToBeInSet(
                column="actor_known", value_set=[True], meta=_m("orphan_actor")
            ),
            gxe.ExpectColumnValuesToNotBeNull(column="actor_id", meta=_m("orphan_actor")),
            gxe.ExpectColumnValueLengthsToBeBetween(
                column="surface",
                min_value=1,
                max_value=t["mentions"]["max_surface_chars"],
                meta=_m("implausible_surface"),
            ),
        ],
    )
    suites["figures"] = gx.ExpectationSuite(
        name="facts_figures",
        expectations=[
            *_offset_rules(gxe, "text"),
            gxe.ExpectColumnValuesToNotBeNull(column="value", meta=_m("missing_value")),
            gxe.ExpectColumnValuesToBeBetween(
                column="value",
                min_value=0,
                max_value=t["figures"]["max_value"],
                meta=_m("implausible_value"),
            ),
            gxe.ExpectColumnValuesToBeInSet(
                column="qualifier", value_set=QUALIFIERS, meta=_m("unknown_qualifier")
            ),
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="high_or_value",
                column_B="low_or_value",
                or_equal=True,
                meta=_m("inverted_range"),
            ),
            gxe.ExpectColumnValuesToBeInSet(
                column="claimant_known", value_set=[True], meta=_m("orphan_actor")
            ),
            gxe.ExpectColumnMeanToBeBetween(
                column="has_counted",
                min_value=t["figures"]["min_share_with_counted"],
                meta=_m("few_counted_nouns", t["figures"]["share_severity"]),
            ),
        ],
    )
    suites["statements"] = gx.ExpectationSuite(
        name="facts_statements",
        expectations=[
            *_offset_rules(gxe, "text"),
            gxe.ExpectColumnValuesToBeInSet(
                column="mode", value_set=MODES, meta=_m("unknown_mode")
            ),
            gxe.ExpectColumnValuesToBeInSet(
                column="form", value_set=FORMS, meta=_m("unknown_mode")
            ),
            gxe.ExpectColumnValuesToBeInSet(
                column="speaker_known", value_set=[True], meta=_m("orphan_actor")
            ),
            gxe.ExpectColumnValuesToBeBetween(
                column="text_chars",
                min_value=1,
                max_value=t["statements"]["max_text_chars"],
                meta=_m("implausible_text"),
            ),
            gxe.ExpectColumnMeanToBeBetween(
                column="has_speaker",
                min_value=t["statements"]["min_share_with_speaker"],
                meta=_m("few_speakers", t["statements"]["share_severity"]),
            ),
        ],
    )
    suites["actors"] = gx.ExpectationSuite(
        name="facts_actors",
        expectations=[
            gxe.ExpectColumnValuesToBeInSet(
                column="type", value_set=ACTOR_TYPES, meta=_m("unknown_actor_type")
            ),
            gxe.ExpectColumnValuesToBeUnique(column="actor_id", meta=_m("duplicate_actor")),
            gxe.ExpectCompoundColumnsToBeUnique(
                column_list=["type", "name_key"], meta=_m("duplicate_actor")
            ),
            gxe.ExpectColumnValuesToBeInSet(
                column="duplicates_existing", value_set=[False], meta=_m("duplicate_actor")
            ),
            gxe.ExpectColumnValueLengthsToBeBetween(
                column="name", min_value=1, max_value=200, meta=_m("implausible_name")
            ),
        ],
    )
    return {name: _in_gx_terms(suite) for name, suite in suites.items()}


def validate_facts(
    frames: dict, registry, known_actor_ids: set[str], quality=None, run_name: str | None = None
):
    """Run every fact suite over a batch's frames.

    Returns the ExpectationOutcomes of all suites and the frames they checked (suite
    name -> frame with a `row` column into the fact frame), so that failing rows can be
    traced back to their articles.
    """
    from newsfacts.expectations import suite_frames as dq
    from newsfacts.expectations.runner import validate_frame

    articles = frames["articles"]
    checks = {
        "facts_mentions": dq.mention_frame(frames["mentions"], articles, known_actor_ids),
        "facts_figures": dq.figure_frame(frames["figures"], articles, known_actor_ids),
        "facts_statements": dq.statement_frame(frames["statements"], articles, known_actor_ids),
        "facts_actors": dq.actor_frame(frames["actors"], registry.canonical_ids),
    }
    suites = fact_suites()
    outcomes = []
    for name, frame in checks.items():
        if frame.height == 0:
            continue  # nothing to check (GX would report means of empty columns as failures)
        suite = suites[name.removeprefix("facts_")]
        outcomes.extend(validate_frame(frame, suite, name, quality, run_name))
    return outcomes, checks

"""Reprocessing: what becomes of a batch of stored articles extracted again.

Pure, like transforms.batch for a run: from the stored rows, the new facts after the
suites and what the warehouse held for these articles, it decides which articles get
their facts replaced, which keep theirs (refused by a suite, or extraction failed) and
what changed, so that `--dry-run` and a real run report the same.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

import polars as pl

from newsfacts.transforms.batch import stamped
from newsfacts.transforms.refusals import VerifiedFacts, refusal_codes, refusal_frame

FACT_TABLES = ("mentions", "figures", "statements")


class StoredArticle(NamedTuple):
    """What a refusal record needs of an article that is loaded already."""

    file_name: str
    content_sha256: str


@dataclass
class ReprocessPlan:
    frames: dict[str, pl.DataFrame]  # what loads: new facts, actors, aliases, refusals
    replaced: list[str]  # articles whose facts are replaced, in one transaction
    kept: list[tuple[str, str]]  # (file name, why) of articles that keep their facts
    removed: dict[str, int]  # old rows that go, per table
    added: dict[str, int]  # new rows that come, per table
    statements_changed: int  # replaced articles whose statements are not the same


def statement_keys(statements: pl.DataFrame) -> dict[str, list[tuple]]:
    """Each article's statements as comparable tuples, as warehouse.load reads them."""
    out: dict[str, list[tuple]] = {}
    cols = ["start", "end", "mode", "text", "speaker_actor_id"]
    for row in statements.sort(["article_id", *cols], nulls_last=False).iter_rows(named=True):
        out.setdefault(row["article_id"], []).append(tuple(row[c] for c in cols))
    return out


def plan_reprocess(
    articles: pl.DataFrame,
    verified: VerifiedFacts,
    failed: list[tuple[str, str]],
    old_counts: dict[str, dict[str, int]],
    old_statements: dict[str, list[tuple]],
    extraction: str,
    run_id: str,
) -> ReprocessPlan:
    """The plan for one batch. `failed`: (article id, error) of extraction failures;
    `old_counts`: rows per table and article before; `old_statements`: per article."""
    names = dict(zip(articles["article_id"], articles["file_name"], strict=True))
    refused = [
        (StoredArticle(names[a], a), refusal_codes(reasons), "; ".join(reasons))
        for a, reasons in verified.refused.items()
    ]
    kept_ids = {a for a, _ in failed} | set(verified.refused)
    replaced = [a for a in articles["article_id"] if a not in kept_ids]
    facts = {t: f for t, f in verified.frames.items() if t != "articles"}
    frames = stamped(facts, extraction) | {"refusals": refusal_frame(refused, extraction, run_id)}
    new_statements = statement_keys(facts["statements"])
    return ReprocessPlan(
        frames=frames,
        replaced=replaced,
        kept=[(names[a], f"extraction failed: {e}") for a, e in failed]
        + [(f.file_name, message) for f, _, message in refused],
        removed={t: sum(old_counts[t].get(a, 0) for a in replaced) for t in FACT_TABLES},
        added={t: frames[t].height for t in FACT_TABLES},
        statements_changed=sum(
            old_statements.get(a, []) != new_statements.get(a, []) for a in replaced
        ),
    )


@dataclass
class ReprocessTotals:
    selected: int = 0
    reprocessed: int = 0
    kept: list[tuple[str, str]] = field(default_factory=list)
    removed: dict[str, int] = field(default_factory=dict)
    added: dict[str, int] = field(default_factory=dict)
    statements_changed: int = 0

    def add(self, plan: ReprocessPlan) -> None:
        self.reprocessed += len(plan.replaced)
        self.kept += plan.kept
        self.statements_changed += plan.statements_changed
        for table in FACT_TABLES:
            self.removed[table] = self.removed.get(table, 0) + plan.removed[table]
            self.added[table] = self.added.get(table, 0) + plan.added[table]

    def counts(self) -> dict[str, int]:
        """What the `runs` row records: articles selected, reprocessed, kept."""
        return {
            "files_seen": self.selected,
            "loaded": self.reprocessed,
            "duplicates": 0,
            "quarantined": 0,
            "refused": len(self.kept),
        }


@dataclass(kw_only=True)
class ReprocessSummary:
    """What a reprocess did (or, with `dry_run`, would do)."""

    run_id: str | None
    db: str
    status: str
    extraction: str
    dry_run: bool = False
    selected: int = 0
    reprocessed: int = 0
    statements_changed: int = 0
    kept: list[tuple[str, str]] = field(default_factory=list)
    tables: dict[str, dict[str, int]] = field(default_factory=dict)  # table -> before, after
    reason: str | None = None

    @classmethod
    def of(
        cls,
        totals: ReprocessTotals,
        before: dict[str, int],
        after: dict[str, int] | None = None,
        **run,
    ) -> ReprocessSummary:
        """`after`: the tables' rows once written; a dry run estimates them."""
        estimated = {
            t: n - totals.removed.get(t, 0) + totals.added.get(t, 0) for t, n in before.items()
        }
        tables = {
            t: {"before": before[t], "after": (after or estimated)[t]}
            for t in ("actors", "actor_aliases", *FACT_TABLES)
            if t in before
        }
        return cls(
            selected=totals.selected,
            reprocessed=totals.reprocessed,
            statements_changed=totals.statements_changed,
            kept=totals.kept,
            tables=tables,
            **run,
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

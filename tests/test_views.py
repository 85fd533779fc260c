"""Analyst views: figure_conflicts, actor_network, source_coverage on a hand-built warehouse."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from newsfacts.warehouse import load as wh

# (article_id, source, published, body)
ARTICLES = [
    (
        "a1",
        "dpa",
        date(2024, 3, 1),
        "Die Polizei in Berlin zählte 5.000 Demonstranten. "
        "Müller sagte, es seien mehr gewesen. Müller war zuvor in Hamburg, Hamburg bleibt ruhig.",
    ),
    (
        "a2",
        "AFP",
        date(2024, 3, 20),
        "In Berlin demonstrierten laut Schmidt rund 20.000 Demonstranten. Die Polizei schwieg.",
    ),
    ("a3", "AFP", date(2024, 3, 20), "In Hamburg kamen 800 Demonstranten zusammen."),
    ("a4", "dpa", date(2024, 4, 2), "In Berlin kamen 9.000 Demonstranten zusammen."),
    ("a5", "AFP", date(2024, 3, 5), "In Berlin waren mehr als 4.000 Demonstranten."),
    ("a6", None, None, "Ohne Datum: in Berlin 1 Demonstrant."),
]
ACTORS = [
    ("polizei", "Polizei", "ORG"),
    ("berlin", "Berlin", "LOC"),
    ("hamburg", "Hamburg", "LOC"),
    ("mueller", "Müller", "PER"),
    ("schmidt", "Schmidt", "PER"),
]
# (article_id, actor_id, surface, occurrence of surface in the body)
MENTIONS = [
    ("a1", "polizei", "Polizei", 0),
    ("a1", "berlin", "Berlin", 0),
    ("a1", "mueller", "Müller", 0),
    ("a1", "mueller", "Müller", 1),
    ("a1", "hamburg", "Hamburg", 0),
    ("a1", "hamburg", "Hamburg", 1),
    ("a2", "berlin", "Berlin", 0),
    ("a2", "schmidt", "Schmidt", 0),
    ("a2", "polizei", "Polizei", 0),
    ("a3", "hamburg", "Hamburg", 0),
    ("a4", "berlin", "Berlin", 0),
    ("a5", "berlin", "Berlin", 0),
    ("a6", "berlin", "Berlin", 0),
]
# (article_id, text, value, low, high, qualifier, counted, claimed_by)
FIGURES = [
    ("a1", "5.000 Demonstranten", 5000, None, None, "exact", "Demonstrant", "polizei"),
    ("a2", "rund 20.000 Demonstranten", 20000, None, None, "approx", "Demonstrant", "schmidt"),
    ("a3", "800 Demonstranten", 800, None, None, "exact", "Demonstrant", None),
    ("a4", "9.000 Demonstranten", 9000, None, None, "exact", "Demonstrant", None),
    ("a5", "mehr als 4.000 Demonstranten", 4000, None, None, "at_least", "Demonstrant", None),
    ("a6", "1 Demonstrant", 1, None, None, "exact", "Demonstrant", None),
]
# (article_id, speaker, text, mode, cue)
STATEMENTS = [
    ("a1", "mueller", "es seien mehr gewesen", "indirect", "sagte"),
    ("a2", "schmidt", "rund 20.000 Demonstranten", "indirect", "laut"),
    ("a2", None, "Die Polizei schwieg", "indirect", None),
]


def _offset(body: str, surface: str, occurrence: int) -> int:
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(surface, start + 1)
    return start


def build_small_warehouse(db: Path) -> Path:
    """A warehouse with known facts: one conflict (Berlin, March), one non-conflict."""
    bodies = {a[0]: a[3] for a in ARTICLES}
    with wh.connect(db) as con:
        wh.ensure_schema(con)
        con.execute(
            "INSERT INTO runs VALUES ('r1', TIMESTAMP '2024-05-01 10:00', "
            "TIMESTAMP '2024-05-01 10:01', 'inbox', 7, 6, 0, 1, 0, 'test', 'completed', 'ingest', 'test')"
        )
        for article_id, source, published, body in ARTICLES:
            con.execute(
                "INSERT INTO articles VALUES (?, ?, ?, 'header', ?, ?, ?, 'r1', 'utf-8', 100, 'test')",
                [article_id, f"{article_id}.txt", published, source, body.split(".")[0], body],
            )
        con.executemany("INSERT INTO actors VALUES (?, ?, ?)", ACTORS)
        for article_id, actor_id, surface, n in MENTIONS:
            start = _offset(bodies[article_id], surface, n)
            con.execute(
                "INSERT INTO mentions VALUES (?, ?, ?, NULL, ?, ?, 'test')",
                [article_id, actor_id, surface, start, start + len(surface)],
            )
        for article_id, text, value, low, high, qualifier, counted, claimed in FIGURES:
            start = _offset(bodies[article_id], text, 0)
            con.execute(
                "INSERT INTO figures (article_id, value, low, high, qualifier, counted,"
                ' claimed_by_actor_id, text, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                [article_id, value, low, high, qualifier, counted, claimed, text, start,
                 start + len(text)],
            )  # fmt: skip
        for article_id, speaker, text, mode, cue in STATEMENTS:
            start = _offset(bodies[article_id], text, 0)
            con.execute(
                "INSERT INTO statements (article_id, speaker_actor_id, mode, text, cue, start,"
                ' "end") VALUES (?, ?, ?, ?, ?, ?, ?)',
                [article_id, speaker, mode, text, cue, start, start + len(text)],
            )
        con.execute(
            "INSERT INTO quarantine VALUES ('bad.png', 'x', ['binary'], 'binary file', 'r1')"
        )
        con.execute(
            "INSERT INTO format_issues VALUES ('bad.png', 'binary', 'error', 'PNG', 'r1', 'x')"
        )
    return db


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    db = build_small_warehouse(tmp_path_factory.mktemp("views") / "w.duckdb")
    c = duckdb.connect(str(db), read_only=True)
    yield c
    c.close()


def rows(con, sql: str) -> list[dict]:
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def test_every_view_file_creates_its_view_with_documented_columns(con):
    names = {
        r[0]
        for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
    }
    for name, sql in wh.view_files():
        assert name in names, name
        assert f"CREATE OR REPLACE VIEW {name} AS" in sql
        header = "\n".join(line for line in sql.splitlines() if line.startswith("--"))
        for column in (d[0] for d in con.execute(f"SELECT * FROM {name} LIMIT 0").description):
            assert column in header, f"{name}.{column} undocumented"


def test_conflict_is_found_with_its_spread(con):
    figures = rows(con, "SELECT * FROM figure_conflicts ORDER BY value")
    # one row per figure taking part, the conflict's figures repeated on each
    assert [(f["article_id"], f["value"], f["claimant"]) for f in figures] == [
        ("a1", 5000, "Polizei"),
        ("a2", 20000, "Schmidt"),
    ]
    assert len({f["conflict_id"] for f in figures}) == 1
    assert all(f["sentence"] and f["text"] in f["sentence"] for f in figures)
    c = figures[0]
    assert c["month"] == date(2024, 3, 1)
    assert (c["counted"], c["subject"], c["subject_type"]) == ("Demonstrant", "Berlin", "LOC")
    # the 'mehr als 4.000' figure agrees with both, so only the two disagreeing ones count
    assert c["figures"] == 2 and c["articles"] == 2
    assert (c["min_value"], c["max_value"], c["spread"]) == (5000, 20000, 15000)
    assert c["spread_ratio"] == pytest.approx(4.0)
    assert c["claimants"] == ["Polizei", "Schmidt"]
    assert c["outlets"] == ["AFP", "dpa"]
    assert c["article_ids"] == ["a1", "a2"]
    assert c["claims"][0].startswith("5.000 Demonstranten = 5000")


def test_subject_prefers_the_sentence_and_skips_the_claimant(con):
    # a1 mentions Hamburg twice (later sentence) and Berlin once (the figure's sentence):
    # the subject is Berlin, not Hamburg and not the claimant Polizei. Hamburg (a3) and
    # April (a4) and undated (a6) figures never join the Berlin March group.
    c = rows(con, "SELECT DISTINCT conflict_id, claims FROM figure_conflicts")[0]
    assert not any("800" in x or "9.000" in x or "1 Demonstrant" in x for x in c["claims"])


def test_agreeing_or_same_voice_figures_are_no_conflict(tmp_path):
    db = build_small_warehouse(tmp_path / "w.duckdb")
    with wh.connect(db) as c:
        # same claimant and outlet: one voice correcting itself is no conflict
        c.execute("UPDATE figures SET claimed_by_actor_id = 'polizei' WHERE article_id = 'a2'")
        c.execute("UPDATE articles SET source = 'dpa' WHERE article_id = 'a2'")
        assert c.execute("SELECT count(*) FROM figure_conflicts").fetchone()[0] == 0
        # a range that overlaps is agreement
        c.execute(
            "UPDATE figures SET claimed_by_actor_id = 'schmidt', qualifier = 'exact', "
            "low = 4000, high = 25000 WHERE article_id = 'a2'"
        )
        assert c.execute("SELECT count(*) FROM figure_conflicts").fetchone()[0] == 0


def test_actor_network_lists_each_pair_once(con):
    pairs = rows(con, "SELECT * FROM actor_network")
    keys = [(p["actor_a_id"], p["actor_b_id"]) for p in pairs]
    assert all(a < b for a, b in keys)
    assert len(set(keys)) == len(keys)
    by_names = {frozenset((p["actor_a"], p["actor_b"])): p for p in pairs}
    berlin_polizei = by_names[frozenset(("Berlin", "Polizei"))]
    assert berlin_polizei["shared_articles"] == 2  # a1, a2
    assert berlin_polizei["sources"] == ["AFP", "dpa"]
    assert berlin_polizei["first_published"] == date(2024, 3, 1)
    assert berlin_polizei["last_published"] == date(2024, 3, 20)
    assert by_names[frozenset(("Berlin", "Hamburg"))]["shared_articles"] == 1  # a1 only
    assert frozenset(("Hamburg", "Schmidt")) not in by_names
    # a1 has 4 actors (6 pairs), a2 has 3 (3 pairs; Berlin-Polizei shared with a1)
    assert len(pairs) == 6 + 3 - 1


def test_source_coverage_counts_per_outlet_and_month(con):
    cov = {(r["source"], r["month"]): r for r in rows(con, "SELECT * FROM source_coverage")}
    afp = cov[("AFP", date(2024, 3, 1))]
    assert (afp["articles"], afp["figures"], afp["statements"]) == (3, 3, 2)
    assert (afp["actors"], afp["persons"], afp["organisations"], afp["places"]) == (4, 1, 1, 2)
    assert afp["mentions"] == 5
    dpa_march = cov[("dpa", date(2024, 3, 1))]
    assert (dpa_march["articles"], dpa_march["actors"], dpa_march["statements"]) == (1, 4, 1)
    assert cov[("dpa", date(2024, 4, 1))]["articles"] == 1
    undated = cov[(None, None)]
    assert (undated["articles"], undated["figures"], undated["actors"]) == (1, 1, 1)
    total = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert sum(r["articles"] for r in cov.values()) == total


def _interval(value, low, high, qualifier):
    if low is not None and high is not None:
        return min(low, high), max(low, high)
    if qualifier == "approx":
        return value * 0.9, value * 1.1
    if qualifier == "at_least":
        return value, float("inf")
    if qualifier == "at_most":
        return float("-inf"), value
    return value, value


@pytest.mark.parametrize("seed", range(20))
def test_conflicting_figures_match_a_pairwise_check(tmp_path, seed):
    # The view decides from each group's extreme bounds per voice instead of comparing
    # every pair; on random figures it must pick exactly the figures a pairwise check does.
    import random

    rng = random.Random(seed)
    claimants = [None, "per-a"]  # few voices: same-voice pairs must be told apart
    figures = []
    with wh.connect(tmp_path / "w.duckdb") as c:
        wh.ensure_schema(c)
        c.execute("INSERT INTO actors VALUES ('loc-berlin', 'Berlin', 'LOC'), "
                  "('per-a', 'Anna Arndt', 'PER'), ('per-b', 'Bernd Bauer', 'PER')")  # fmt: skip
        for i in range(rng.randint(2, 40)):
            text = f"F{i} Leute"
            body = f"In Berlin waren {text} da."
            source = rng.choice(["dpa", None])
            c.execute(
                "INSERT INTO articles VALUES (?, ?, DATE '2024-03-01', 'header', ?, 't', ?, "
                "'r', 'utf-8', 1, 'test')",
                [f"a{i}", f"a{i}.txt", source, body],
            )
            c.execute("INSERT INTO mentions VALUES (?, 'loc-berlin', 'Berlin', NULL, 3, 9, 'test')",
                      [f"a{i}"])  # fmt: skip
            value = float(rng.choice([10, 20, 50, 100, 110, 200]))
            qualifier = rng.choice(["exact", "approx", "at_least", "at_most", "vague"])
            low = high = None
            if qualifier == "vague" or rng.random() < 0.2:
                low, high = value, value * rng.choice([1, 2, 5])
            claimed = rng.choice(claimants)
            start = body.index(text)
            c.execute(
                "INSERT INTO figures (article_id, value, low, high, qualifier, counted,"
                ' claimed_by_actor_id, text, start, "end")'
                " VALUES (?, ?, ?, ?, ?, 'Leute', ?, ?, ?, ?)",
                [f"a{i}", value, low, high, qualifier, claimed, text, start, start + len(text)],
            )
            figures.append((text, (claimed, source), _interval(value, low, high, qualifier)))
        found = c.execute(
            "SELECT conflict_id, text, figures, claims FROM figure_conflicts"
        ).fetchall()
    expected = {
        x_text
        for x_text, x_voice, (x_lo, x_hi) in figures
        for _, y_voice, (y_lo, y_hi) in figures
        if x_voice != y_voice and (x_lo > y_hi or y_lo > x_hi)
    }
    got = {text for _, text, _, _ in found}
    assert len({conflict for conflict, _, _, _ in found}) == (1 if expected else 0)
    assert got == expected
    for _, _, n, claims in found:  # a large group's list is bounded: its ends and a count
        assert len(claims) == (n if n <= 20 else 21)
        assert (f"... {n - 20} more ..." in claims) == (n > 20)

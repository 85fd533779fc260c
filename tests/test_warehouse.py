"""Warehouse: schema, transactional batch loads, read-only queries."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from newsfacts.transforms.fact_frames import (
    ARTICLE_SCHEMA,
    MENTION_SCHEMA,
    ActorRegistry,
    actor_id_for,
    actor_key,
)
from newsfacts.warehouse import load as wh
from newsfacts.warehouse.query import run_query


@pytest.fixture
def con(tmp_path):
    with wh.connect(tmp_path / "w.duckdb") as c:
        wh.ensure_schema(c)
        yield c


def article(article_id="h1", body="Der Rat tagte.") -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "article_id": article_id,
                "file_name": f"{article_id}.txt",
                "published": None,
                "date_origin": None,
                "source": "dpa",
                "title": body,
                "body": body,
                "run_id": "r",
                "encoding": "utf-8",
                "size_bytes": 10,
            }
        ],
        schema=ARTICLE_SCHEMA,
    )


def test_schema_is_idempotent(con):
    wh.ensure_schema(con)
    tables = {
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    assert {
        "articles",
        "actors",
        "mentions",
        "figures",
        "statements",
        "quarantine",
        "format_issues",
        "runs",
    } <= tables


def test_batch_loads_and_counts(con):
    counts = wh.load_batch(con, {"articles": article()})
    assert counts == {"articles": 1}
    assert con.execute("SELECT article_id, file_name FROM articles").fetchall() == [
        ("h1", "h1.txt")
    ]
    # same article again: ignored, not doubled
    assert wh.load_batch(con, {"articles": article()}) == {"articles": 0}


def test_known_files_looks_up_one_batch(con):
    wh.load_batch(con, {"articles": pl.concat([article("h1"), article("h2")])})
    con.execute(
        "INSERT INTO quarantine VALUES ('bad.txt', 'h9', ['binary'], 'binary file', 'r'), "
        "('gone.txt', NULL, ['vanished'], 'vanished', 'r')"
    )
    con.execute("INSERT INTO format_issues VALUES ('h2.txt', 'late', 'warning', 'x', 'r', 'h2')")
    con.execute(
        "INSERT INTO refusals VALUES ('h3.txt', 'h3', 'pipe-1', ['facts_figures.x'], 'm', 'r'), "
        "('h3.txt', 'h3', 'pipe-0', ['facts_figures.y'], 'old', 'r')"
    )
    loaded, quarantined, issues, refused = wh.known_files(
        con, ["h2", "h3", None], ["h2.txt", "h3.txt", "gone.txt"], "pipe-1"
    )
    assert loaded == {"h2": "h2.txt"}  # h1 is in the warehouse but not in this batch
    assert quarantined == {("gone.txt", None): ["vanished"]}
    assert issues == {("h2.txt", "h2", "late")}
    assert refused == {"h3": (["facts_figures.x"], "m")}  # only under this extraction
    assert wh.known_files(con, ["h3"], ["h3.txt"], "pipe-2").refused == {}
    assert wh.known_files(con, [], []) == ({}, {}, set(), {})
    assert wh.known_files(con, [None], ["gone.txt"]).quarantined == {
        ("gone.txt", None): ["vanished"]
    }
    assert wh.count_unknown_names(con, ["h1.txt", "bad.txt", "h3.txt", "new.txt", "other.txt"]) == 2
    assert wh.count_unknown_names(con, []) == 0


def test_keys_stay_unique_without_primary_keys(con):
    # the same key twice in one batch and again in the next: one row each
    twice = pl.concat([article("h1"), article("h1"), article("h2")])
    assert wh.load_batch(con, {"articles": twice}) == {"articles": 2}
    assert wh.load_batch(con, {"articles": twice}) == {"articles": 0}
    aliases = pl.DataFrame({"actor_id": ["a", "a", "a"], "alias": ["X", "X", "Y"]})
    assert wh.load_batch(con, {"actor_aliases": aliases}) == {"actor_aliases": 2}
    keyed = con.execute(
        "SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
    ).fetchall()[0][0]
    assert keyed == 0


def test_warehouse_with_primary_keys_is_rebuilt_without_them(tmp_path):
    # a warehouse made before 0.5 declared PRIMARY KEYs, whose index DuckDB rewrites at
    # every checkpoint; opening it drops them and keeps rows, CHECKs and views working
    db = tmp_path / "old.duckdb"
    with wh.connect(db) as c:
        c.execute(
            "CREATE TABLE articles (article_id VARCHAR PRIMARY KEY, file_name VARCHAR NOT NULL,"
            " published DATE, date_origin VARCHAR, source VARCHAR, title VARCHAR,"
            " body VARCHAR NOT NULL, run_id VARCHAR NOT NULL, encoding VARCHAR,"
            " size_bytes BIGINT)"
        )
        c.execute(
            "CREATE TABLE actors (actor_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL,"
            " type VARCHAR NOT NULL CHECK (type IN ('PER', 'ORG', 'LOC')))"
        )
        c.execute("INSERT INTO actors VALUES ('per-1', 'Ana Lima', 'PER')")
        wh.load_batch(c, {"articles": article("h1").drop("extraction")})  # (made before 0.2)
    with wh.connect(db) as c:
        wh.ensure_schema(c)
        assert c.execute(
            "SELECT table_name, constraint_type FROM duckdb_constraints() "
            "WHERE constraint_type IN ('PRIMARY KEY', 'CHECK')"
        ).fetchall() == [("actors", "CHECK")]
        assert c.execute("SELECT article_id, file_name FROM articles").fetchall() == [
            ("h1", "h1.txt")
        ]
        assert c.execute("SELECT actor_id, name FROM actors").fetchall() == [("per-1", "Ana Lima")]
        with pytest.raises(duckdb.ConstraintException):
            c.execute("INSERT INTO actors VALUES ('x', 'X', 'NOPE')")
        assert wh.load_batch(c, {"articles": article("h2")}) == {"articles": 1}
        assert c.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 2
        c.execute("SELECT * FROM actor_statements LIMIT 1").fetchall()  # views bind


def test_writes_use_small_row_groups_across_connections(tmp_path):
    # the row group size is an ATTACH option the file does not keep: every write
    # connection must set it, or each close checkpoints one ever larger row group
    db = tmp_path / "rg.duckdb"
    for batch, n in (("a", 3000), ("b", 2000)):
        aliases = pl.DataFrame({"actor_id": [f"{batch}{i}" for i in range(n)], "alias": ["X"] * n})
        with wh.connect(db) as c:
            wh.ensure_schema(c)
            wh.load_batch(c, {"actor_aliases": aliases})
    with duckdb.connect(str(db), read_only=True) as plain:  # as an analyst opens it
        groups, rows = plain.execute(
            "SELECT count(DISTINCT row_group_id), (SELECT count(*) FROM actor_aliases) "
            "FROM pragma_storage_info('actor_aliases')"
        ).fetchall()[0]
    assert rows == 5000
    assert groups == -(-5000 // wh.WRITE_ROW_GROUP_SIZE) > 1


def test_failed_batch_rolls_back_everything(con):
    bad_mentions = pl.DataFrame(
        [
            {
                "article_id": "h2",
                "actor_id": None,
                "surface": "x",
                "role": None,
                "start": 0,
                "end": 1,
            }
        ],
        schema=MENTION_SCHEMA,
    )  # actor_id NOT NULL violated
    with pytest.raises(duckdb.Error):
        wh.load_batch(con, {"articles": article("h2"), "mentions": bad_mentions})
    assert con.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 0


def test_query_is_read_only(tmp_path, con):
    wh.load_batch(con, {"articles": article()})
    con.close()
    db = tmp_path / "w.duckdb"
    assert "h1.txt" in run_query(db, "SELECT file_name FROM articles")
    with pytest.raises(duckdb.Error):
        run_query(db, "DELETE FROM articles")
    assert "1" in run_query(db, "SELECT count(*) FROM articles", fmt="csv")


def test_query_formats(tmp_path, con):
    wh.load_batch(con, {"articles": article()})
    con.close()
    db = tmp_path / "w.duckdb"
    import json

    rows = json.loads(run_query(db, "SELECT article_id, published FROM articles", fmt="json"))
    assert rows == [{"article_id": "h1", "published": None}]
    assert run_query(db, "SELECT article_id FROM articles", fmt="csv").splitlines() == [
        "article_id",
        "h1",
    ]


def test_actor_registry_reuses_canonical_actors_across_articles():
    reg = ActorRegistry()
    a = reg.resolve("Yoon Suk Yeol", "PER", ["Yoon Suk Yeol"])
    b = reg.resolve("Yoon Suk-yeol", "PER", ["Yoon Suk-yeol"])
    c = reg.resolve("Yoon", "PER", ["Yoon"])
    assert a == b == c
    actors, aliases = reg.drain_new()
    assert actors.height == 1
    assert set(aliases["alias"]) == {"Yoon Suk Yeol", "Yoon Suk-yeol", "Yoon"}
    # a later run seeded from the warehouse finds the same id
    reg2 = ActorRegistry.from_rows([(a, "Yoon Suk Yeol", "PER")], [(a, "Yoon")])
    assert reg2.resolve("Yoon Suk Yeol", "PER", []) == a
    assert reg2.drain_new()[0].height == 0


def test_actor_ids_are_stable_and_type_specific():
    assert actor_id_for("LOC", "Köln") == actor_id_for("LOC", "köln")
    assert actor_id_for("LOC", "Köln") != actor_id_for("ORG", "Köln")
    assert actor_key("Yoon Suk-yeol") == actor_key("yoon suk yeol")


def test_views_answer_who_said_what_and_figure_timelines(con):
    from newsfacts.transforms.fact_frames import FIGURE_SCHEMA, STATEMENT_SCHEMA

    wh.load_batch(
        con,
        {
            "articles": article(),
            "actors": pl.DataFrame([{"actor_id": "a1", "name": "Anna Berg", "type": "PER"}]),
            "statements": pl.DataFrame(
                [
                    {
                        "article_id": "h1",
                        "speaker_actor_id": "a1",
                        "mode": "indirect",
                        "text": "Der Rat",
                        "cue": "sagte",
                        "start": 0,
                        "end": 7,
                    }
                ],
                schema=STATEMENT_SCHEMA,
            ),
            "figures": pl.DataFrame(
                [
                    {
                        "article_id": "h1",
                        "value": 3.0,
                        "low": None,
                        "high": None,
                        "qualifier": "exact",
                        "counted": "Rat",
                        "claimed_by_actor_id": "a1",
                        "text": "Der Rat",
                        "start": 0,
                        "end": 7,
                    }
                ],
                schema=FIGURE_SCHEMA,
            ),
        },
    )
    assert con.execute("SELECT speaker, cue, source FROM actor_statements").fetchall() == [
        ("Anna Berg", "sagte", "dpa")
    ]
    assert con.execute("SELECT claimed_by, counted, value FROM figure_timeline").fetchall() == [
        ("Anna Berg", "Rat", 3.0)
    ]


def test_spelling_variants_resolve_to_one_person():
    reg = ActorRegistry()
    a = reg.resolve("Wolodymyr Selenskyj", "PER", ["Wolodymyr Selenskyj"])
    assert reg.resolve("Selenski", "PER", ["Selenski"]) == a
    assert reg.resolve("Wolodymyr Selenski", "PER", []) == a
    # same surname, different first name: another person
    assert reg.resolve("Olena Selenska", "PER", []) != a


def test_columns_added_to_the_schema_reach_an_old_warehouse(tmp_path):
    # a warehouse made before statements had source_text/source_start/source_end
    db = tmp_path / "old.duckdb"
    with wh.connect(db) as c:
        c.execute(
            "CREATE TABLE statements (article_id VARCHAR NOT NULL, speaker_actor_id VARCHAR,"
            " mode VARCHAR NOT NULL, text VARCHAR NOT NULL, cue VARCHAR,"
            ' start INTEGER NOT NULL, "end" INTEGER NOT NULL)'
        )
        c.execute(
            "INSERT INTO statements VALUES ('h1', NULL, 'indirect', 'Es regnet', 'sagte', 0, 9)"
        )
    with wh.connect(db) as c:
        wh.ensure_schema(c)
        declared = [
            name for name, _ in wh.declared_columns(wh.sql_text("schema.sql"))["statements"]
        ]
        present = [
            r[0]
            for r in c.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'statements' ORDER BY ordinal_position"
            ).fetchall()
        ]
        assert present == declared and "source_text" in present
        assert c.execute("SELECT text, source_text FROM statements").fetchall() == [
            ("Es regnet", None)
        ]
        wh.ensure_schema(c)  # a second open changes nothing
        assert c.execute("SELECT count(*) FROM statements").fetchall() == [(1,)]


def test_a_lakes_data_path_comes_from_the_settings(tmp_path, monkeypatch):
    # NEWSFACTS_LAKE_DATA_PATH is read by Settings, and only there; the Warehouse
    # resource carries it to every connection
    from newsfacts.transforms.settings import Settings
    from newsfacts.warehouse.resource import Warehouse

    files = tmp_path / "parquet-elsewhere"
    monkeypatch.setenv("NEWSFACTS_LAKE_DATA_PATH", str(files) + "/")
    settings = Settings(db=f"ducklake:sqlite:{tmp_path / 'catalog.sqlite'}")
    warehouse = Warehouse.from_settings(settings)
    assert warehouse.data_path == str(files) + "/" and warehouse.is_lake
    with warehouse.connect() as con:
        wh.ensure_schema(con, lake=True)
        # enough rows that the lake writes a Parquet file rather than inline them
        con.execute(
            "INSERT INTO actors SELECT 'a' || i, 'Anna Berg ' || i, 'PER' FROM range(5000) t(i)"
        )
    assert list(files.rglob("*.parquet"))
    with warehouse.connect(read_only=True) as con:
        assert con.execute("SELECT count(*) FROM actors").fetchone() == (5000,)


def test_an_older_warehouses_facts_get_the_version_their_run_recorded(tmp_path):
    db = tmp_path / "old.duckdb"
    with wh.connect(db) as c:
        c.execute(
            "CREATE TABLE runs (run_id VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP,"
            " inbox VARCHAR, files_seen INTEGER, loaded INTEGER, duplicates INTEGER,"
            " quarantined INTEGER, refused INTEGER, model VARCHAR, status VARCHAR)"
        )
        c.execute(
            "INSERT INTO runs (run_id, started_at, model) VALUES ('r', now(), 'de_newsfacts-0.6.0')"
        )
        c.execute(
            "CREATE TABLE articles (article_id VARCHAR, file_name VARCHAR, published DATE,"
            " date_origin VARCHAR, source VARCHAR, title VARCHAR, body VARCHAR, run_id VARCHAR,"
            " encoding VARCHAR, size_bytes BIGINT)"
        )
        wh.load_batch(c, {"articles": article("h1").drop("extraction")})
        c.execute("CREATE TABLE mentions (article_id VARCHAR, actor_id VARCHAR, surface VARCHAR,"
                  ' role VARCHAR, start INTEGER, "end" INTEGER)')  # fmt: skip
        c.execute("INSERT INTO mentions VALUES ('h1', 'org-rat', 'Rat', NULL, 4, 7)")
        c.execute("CREATE TABLE actor_aliases (actor_id VARCHAR, alias VARCHAR)")
        c.execute("INSERT INTO actor_aliases VALUES ('org-rat', 'Rat')")
    with wh.connect(db) as c:
        wh.ensure_schema(c)
        versions = c.execute(
            "SELECT (SELECT extraction FROM articles), (SELECT extraction FROM mentions),"
            " (SELECT extraction FROM actor_aliases)"
        ).fetchone()
        assert versions == ("de_newsfacts-0.6.0",) * 3
        by_version = c.execute(
            "SELECT extraction, articles, mentions FROM extraction_versions"
        ).fetchall()
        assert by_version == [("de_newsfacts-0.6.0", 1, 1)]

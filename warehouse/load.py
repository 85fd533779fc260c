"""DuckDB warehouse: schema, reads the pipeline needs, and batch loads.

Each batch loads in one transaction, straight from Arrow (polars -> Arrow -> DuckDB
scan without copies), or not at all.

A warehouse is a DuckDB file (the default) or a DuckLake: `ducklake:sqlite:PATH`,
`ducklake:postgres:CONNINFO` or `ducklake:PATH.ducklake` names the catalog, and the
Parquet data files go to NEWSFACTS_LAKE_DATA_PATH (default: `<catalog>.files/` beside a
catalog file). Same tables and views either way.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import duckdb
import polars as pl

from newsfacts.warehouse.comments import apply_comments

# Insert order inside a batch; actors before the facts that point at them.
LOAD_ORDER = (
    "articles",
    "actors",
    "actor_aliases",
    "mentions",
    "figures",
    "statements",
    "format_issues",
    "quarantine",
    "refusals",
    "dq_results",
    "inbox_files",
)
# Rows that replace the rows of the same key: a file read again is remembered as read now.
_REPLACED = {"inbox_files": "file_name"}
# Rows that may already exist are skipped by key, so a rerun adds nothing. An anti-join
# rather than INSERT OR IGNORE: no table declares a primary key (see schema.sql).
_KEYS = {
    "articles": ("article_id",),
    "actors": ("actor_id",),
    "actor_aliases": ("actor_id", "alias"),
    "refusals": ("content_sha256", "extraction"),
}
LAKE_PREFIX = "ducklake:"
LAKE_ALIAS = "lake"


def sql_text(name: str) -> str:
    return resources.files("newsfacts.warehouse").joinpath("sql", name).read_text(encoding="utf-8")


def view_files() -> list[tuple[str, str]]:
    folder = resources.files("newsfacts.warehouse").joinpath("sql", "views")
    if not folder.is_dir():
        return []
    return sorted(
        (p.name.removesuffix(".sql"), p.read_text(encoding="utf-8"))
        for p in folder.iterdir()
        if p.name.endswith(".sql")
    )


def is_lake(db: Path | str) -> bool:
    return str(db).startswith(LAKE_PREFIX)


def lake_catalog_file(db: Path | str) -> Path | None:
    """The catalog's local file (SQLite or DuckDB catalogs), None for PostgreSQL."""
    rest = str(db)[len(LAKE_PREFIX) :]
    if rest.startswith("postgres:"):
        return None
    return Path(rest.removeprefix("sqlite:"))


def warehouse_exists(db: Path | str) -> bool:
    if not is_lake(db):
        return Path(db).exists()
    catalog = lake_catalog_file(db)
    return catalog is None or catalog.exists()


def warehouse_folder(db: Path | str) -> Path:
    """Where files that belong with the warehouse (the report) go by default."""
    if not is_lake(db):
        return Path(db).parent
    catalog = lake_catalog_file(db)
    return catalog.parent if catalog is not None else Path(".")


def lake_data_path(db: Path | str, explicit: str | None = None) -> str:
    """Where a DuckLake keeps its Parquet files: `explicit` (Settings.lake_data_path,
    NEWSFACTS_LAKE_DATA_PATH) or `<catalog>.files/` beside a catalog file."""
    if explicit:
        return explicit
    catalog = lake_catalog_file(db)
    if catalog is None:
        raise ValueError(
            "a DuckLake with a PostgreSQL catalog needs NEWSFACTS_LAKE_DATA_PATH "
            "(a folder or s3://bucket/prefix/ for its Parquet files)"
        )
    return str(catalog.resolve()) + ".files/"


def lock_path(db: Path | str, inbox: Path | str) -> Path | None:
    """The file lock that lets one run at a time write.

    A DuckDB file takes one writer: its lock is `<db>.lock`. A DuckLake takes many
    writers; only runs over the same inbox exclude each other (they would load the same
    files). A PostgreSQL catalog has no local file to lock beside: no lock.
    """
    if not is_lake(db):
        path = Path(db)
        return path.with_name(path.name + ".lock")
    catalog = lake_catalog_file(db)
    if catalog is None:
        return None
    inbox_key = hashlib.sha256(str(Path(inbox).resolve()).encode()).hexdigest()[:12]
    return catalog.with_name(f"{catalog.name}.{inbox_key}.lock")


def _load_extension(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Load a DuckDB extension from its PyPI wheel (duckdb-extension-NAME): `INSTALL`
    would download it, which firewalled machines cannot."""
    spec = importlib.util.find_spec(f"duckdb_extension_{name}")
    if spec is None or spec.origin is None:
        raise RuntimeError(
            f"the DuckDB extension {name!r} is missing: pip install 'newsfacts[ducklake]'"
        )
    version = duckdb.__version__
    found = sorted(Path(spec.origin).parent.glob(f"extensions/v{version}/{name}.duckdb_extension"))
    if not found:
        raise RuntimeError(f"duckdb-extension-{name} has no build for DuckDB {version}")
    con.execute(f"LOAD '{found[0]}'")


def _attach_lake(con: duckdb.DuckDBPyConnection, db: str, read_only: bool, data_path: str) -> None:
    _load_extension(con, "ducklake")
    rest = db[len(LAKE_PREFIX) :]
    if rest.startswith("sqlite:"):
        _load_extension(con, "sqlite_scanner")
    elif rest.startswith("postgres:"):
        _load_extension(con, "postgres_scanner")
    if data_path.startswith(_REMOTE_PREFIXES):
        _load_extension(con, "httpfs")
        _s3_secret_from_environment(con)
    catalog = lake_catalog_file(db)
    if catalog is not None and not read_only:
        catalog.parent.mkdir(parents=True, exist_ok=True)
    options = ["READ_ONLY"] if read_only else [f"DATA_PATH {_literal(data_path)}"]
    con.execute(f"ATTACH {_literal(db)} AS {LAKE_ALIAS} ({', '.join(options)})")
    con.execute(f"USE {LAKE_ALIAS}")


_REMOTE_PREFIXES = ("s3://", "s3a://", "gcs://", "gs://", "r2://", "http://", "https://")


def _s3_secret_from_environment(con: duckdb.DuckDBPyConnection) -> None:
    """An S3 secret from the usual AWS_* variables, when they are set."""
    key, secret = os.environ.get("AWS_ACCESS_KEY_ID"), os.environ.get("AWS_SECRET_ACCESS_KEY")
    if not (key and secret):
        return
    params = [f"KEY_ID {_literal(key)}", f"SECRET {_literal(secret)}"]
    if os.environ.get("AWS_REGION"):
        params.append(f"REGION {_literal(os.environ['AWS_REGION'])}")
    endpoint = os.environ.get("AWS_ENDPOINT_URL")
    if endpoint:  # MinIO and other S3-compatible stores
        host = endpoint.split("://", 1)[-1].rstrip("/")
        params += [f"ENDPOINT {_literal(host)}", "URL_STYLE 'path'"]
        params.append(f"USE_SSL {'false' if endpoint.startswith('http://') else 'true'}")
    con.execute(f"CREATE OR REPLACE SECRET newsfacts_s3 (TYPE s3, {', '.join(params)})")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@contextmanager
def connect(
    db_path: Path | str,
    read_only: bool = False,
    config: dict | None = None,
    data_path: str | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived connection: the file is free for other processes once it closes.
    `data_path`: a DuckLake's Parquet folder when not the default (Settings)."""
    if is_lake(db_path):
        con = duckdb.connect()
        try:
            lake_files = lake_data_path(db_path, data_path)
            _attach_lake(con, str(db_path), read_only, lake_files)
            if (config or {}).get("enable_external_access") is False:
                # the lake's own Parquet files stay readable, nothing else
                data = lake_files.rstrip("/") + "/"
                con.execute(f"SET allowed_directories = [{_literal(data)}]")
            for key, value in (config or {}).items():
                con.execute(f"SET {key} = {value!r}")  # after ATTACH, which reads files
        except BaseException:
            con.close()
            raise
    elif read_only:
        con = duckdb.connect(str(db_path), read_only=True, config=config or {})
    else:
        con = _connect_for_writing(Path(db_path), config or {})
    try:
        yield con
    finally:
        con.close()


# Rows per row group that writes create. With DuckDB's default (122,880) each batch's
# close-time checkpoint recompresses the unfinished row group of the big text tables:
# loading 250 batches into 50,000 articles, most closes peaked at ~277 MiB and the worst
# at 857; at 2,048 rows (one vector, the smallest) the worst was 292, for a file ~15 %
# larger and views ~12 % slower (python benchmarks/bench_load_memory.py).
WRITE_ROW_GROUP_SIZE = 2048


def _connect_for_writing(path: Path, config: dict) -> duckdb.DuckDBPyConnection:
    """The file ATTACHed with the row group size above: it is an ATTACH option that
    a plain connect cannot set and the file does not keep."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # an in-memory instance would spill to ./.tmp; keep DuckDB's file default instead
    con = duckdb.connect(config={"temp_directory": f"{path}.tmp", **config})
    try:
        alias = "warehouse"
        con.execute(
            f"ATTACH {_literal(str(path))} AS {alias} (ROW_GROUP_SIZE {WRITE_ROW_GROUP_SIZE})"
        )
        con.execute(f"USE {alias}")
    except duckdb.IOException as exc:
        con.close()
        held = WarehouseHeld.from_lock_error(exc, path)
        if held is None:
            raise
        raise held from None
    except BaseException:
        con.close()
        raise
    return con


class WarehouseHeld(duckdb.IOException):
    """The warehouse file is open in another process (a notebook, the DuckDB CLI), which
    keeps every writer out; says which process and what to open instead."""

    _HOLDER_RE = re.compile(r"held in (.+?) \(PID (\d+)\)")

    @classmethod
    def from_lock_error(cls, exc: Exception, path: Path) -> WarehouseHeld | None:
        match = cls._HOLDER_RE.search(str(exc))
        if "lock" not in str(exc).lower() or match is None:
            return None
        program, pid = match.group(1), int(match.group(2))
        from newsfacts.warehouse.snapshot import snapshot_path

        return cls(
            f"{path} is held (file lock) by process {pid} ({_command_of(pid) or program}); "
            f"a run cannot write while any other process has it open, even read-only. "
            f"Close that connection; analysts open the snapshot {snapshot_path(path)} instead"
        )


def _command_of(pid: int) -> str | None:
    """The command line of process `pid`, where the system tells it (Linux /proc)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return " ".join(part.decode(errors="replace") for part in raw.split(b"\0") if part)[:200]


_CHECK = re.compile(r"[ \t]*CHECK[ \t]*\((?:[^()]|\([^()]*\))*\)")
_CREATE_TABLE = re.compile(r"CREATE TABLE IF NOT EXISTS (\w+) \(.*?\n\);", re.S)


def lake_schema(sql: str) -> str:
    """schema.sql for DuckLake, which has no CHECK constraints (types are kept by the
    fact suites)."""
    return _CHECK.sub("", sql)


def _drop_primary_keys(con: duckdb.DuckDBPyConnection, schema: str) -> None:
    """Rebuild tables of warehouses made before 0.5 without their PRIMARY KEYs.

    DuckDB rewrites a key's whole index at each checkpoint (every batch closes its
    connection), which cost ~280 MB per checkpoint at 50,000 articles. Rows, views and
    CHECK constraints stay.
    """
    keyed = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_constraints() "
            "WHERE constraint_type = 'PRIMARY KEY' AND database_name = current_database() "
            "AND schema_name = 'main'"
        ).fetchall()
    }
    if not keyed:
        return
    ddl = {m.group(1): m.group(0) for m in _CREATE_TABLE.finditer(schema)}
    with transaction(con):
        for table in sorted(keyed & set(ddl)):
            temp = f"{table}__rebuilt"
            con.execute(ddl[table].replace(f"EXISTS {table} (", f"EXISTS {temp} (", 1))
            con.execute(f'INSERT INTO "{temp}" BY NAME SELECT * FROM "{table}"')
            con.execute(f'DROP TABLE "{table}"')
            con.execute(f'ALTER TABLE "{temp}" RENAME TO "{table}"')


_COLUMN = re.compile(r'^\s+("?\w+"?)\s+([A-Z]+(?:\[\])?)', re.M)


def declared_columns(schema: str) -> dict[str, list[tuple[str, str]]]:
    """table -> [(column, type)] as schema.sql declares them."""
    return {
        m.group(1): [(c.strip('"'), t) for c, t in _COLUMN.findall(m.group(0).split("(", 1)[1])]
        for m in _CREATE_TABLE.finditer(schema)
    }


def _add_missing_columns(con: duckdb.DuckDBPyConnection, schema: str) -> None:
    """Columns that schema.sql gained since a warehouse was made are added (NULL in old
    rows: 'statements.source_text' before 0.8), so an old warehouse loads new facts."""
    present: dict[str, set[str]] = {}
    for table, column in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_catalog = current_database() AND table_schema = 'main'"
    ).fetchall():
        present.setdefault(table, set()).add(column)
    for table, columns in declared_columns(schema).items():
        for column, type_ in columns:
            if table in present and column not in present[table]:
                con.execute(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {type_}')


_VERSIONED_FACTS = ("mentions", "figures", "statements")


def _mark_unversioned(con: duckdb.DuckDBPyConnection) -> None:
    """A warehouse of a release before versioned facts: each article and its facts get
    the version its run recorded (the pipeline, `runs.model`), aliases the version of
    the first run. Nothing to do (one cheap count) once every row has one."""
    missing = con.execute("SELECT count(*) FROM articles WHERE extraction IS NULL").fetchone()[0]
    if not missing:
        return
    con.execute("UPDATE runs SET kind = 'ingest' WHERE kind IS NULL")
    con.execute(
        "UPDATE articles SET extraction = coalesce(r.extraction, r.model, 'unknown') "
        "FROM runs r WHERE r.run_id = articles.run_id AND articles.extraction IS NULL"
    )
    con.execute("UPDATE articles SET extraction = 'unknown' WHERE extraction IS NULL")
    for table in _VERSIONED_FACTS:
        con.execute(
            f'UPDATE "{table}" SET extraction = a.extraction FROM articles a '
            f'WHERE a.article_id = "{table}".article_id AND "{table}".extraction IS NULL'
        )
    first = con.execute(
        "SELECT coalesce(extraction, model) FROM runs ORDER BY started_at LIMIT 1"
    ).fetchone()
    con.execute(
        "UPDATE actor_aliases SET extraction = ? WHERE extraction IS NULL",
        [first[0] if first and first[0] else "unknown"],
    )


def ensure_schema(con: duckdb.DuckDBPyConnection, lake: bool = False) -> None:
    """Create missing tables and (re)create the views.

    On a DuckLake every DDL statement is a catalog write that concurrent writers conflict
    on, so a lake that has every table and view is left as it is.
    """
    views = view_files()
    if lake:
        present = {
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_catalog = current_database() AND table_schema = 'main'"
            ).fetchall()
        }
        if present >= set(LOAD_ORDER) | {"runs"} | {name for name, _ in views}:
            _add_missing_columns(con, sql_text("schema.sql"))
            _mark_unversioned(con)
            return
    schema = sql_text("schema.sql")
    con.execute(lake_schema(schema) if lake else schema)
    if not lake:
        _drop_primary_keys(con, schema)
    _add_missing_columns(con, schema)
    _mark_unversioned(con)
    for _, view_sql in views:
        con.execute(view_sql)
    if not lake:  # (DuckLake keeps no comments)
        apply_comments(con, schema, views)


def is_write_conflict(exc: BaseException) -> bool:
    """A lock or write conflict that goes away on retry (busy SQLite catalog, DuckLake
    commit conflict, DuckDB file held by another process)."""
    text = str(exc).lower()
    return any(w in text for w in ("lock", "conflict", "busy"))


def with_retries(fn, attempts: int = 8, first_delay: float = 0.2):
    """fn(), retried with backoff on write conflicts only; any other error is raised."""
    import random
    import time

    for attempt in range(attempts):
        try:
            return fn()
        except (duckdb.TransactionException, duckdb.IOException) as exc:
            if attempt == attempts - 1 or not is_write_conflict(exc):
                raise
            time.sleep(first_delay * 2**attempt * (0.5 + random.random()))
    raise AssertionError("unreachable")


class KnownFiles(NamedTuple):
    """What the warehouse holds about one batch's files."""

    loaded: dict[str, str]  # content hash -> file name, of loaded articles
    quarantined: dict[tuple[str, str | None], list[str]]  # (name, hash) -> codes
    issues: set[tuple[str, str | None, str]]  # (name, hash, code) of format issues
    # content hash -> (codes, message) of files refused under the current extraction
    refused: dict[str, tuple[list[str], str]] | None = None


def known_files(
    con: duckdb.DuckDBPyConnection, hashes: list, names: list[str], extraction: str | None = None
) -> KnownFiles:
    """Looked up per batch, so that a run's memory does not grow with the warehouse:
    loaded articles with these content hashes, quarantine records and format issues of
    these file names, and refusals of these contents by the extraction `extraction`."""
    hashes = [h for h in hashes if h is not None]  # unreadable files have no hash
    if not names:
        return KnownFiles({}, {}, set(), {})
    loaded, refused = {}, {}
    if hashes:  # an empty list parameter has no type DuckDB could infer
        loaded = dict(
            con.execute(
                "SELECT article_id, file_name FROM articles WHERE article_id IN (SELECT unnest(?))",
                [hashes],
            ).fetchall()
        )
        if extraction is not None:
            refused = {
                sha: (list(codes), message)
                for sha, codes, message in con.execute(
                    "SELECT content_sha256, codes, message FROM refusals "
                    "WHERE content_sha256 IN (SELECT unnest(?)) AND extraction = ?",
                    [hashes, extraction],
                ).fetchall()
            }
    quarantined = {
        (name, sha): list(codes)
        for name, sha, codes in con.execute(
            "SELECT file_name, content_sha256, codes FROM quarantine "
            "WHERE file_name IN (SELECT unnest(?))",
            [names],
        ).fetchall()
    }
    issues = set(
        con.execute(
            "SELECT file_name, content_sha256, code FROM format_issues "
            "WHERE file_name IN (SELECT unnest(?))",
            [names],
        ).fetchall()
    )
    return KnownFiles(loaded, quarantined, issues, refused)


def remembered_files(con: duckdb.DuckDBPyConnection, names: list[str]) -> dict[str, tuple]:
    """file name -> (size, modification time, content hash, read at) as a run last read
    these files (`inbox_files`)."""
    if not names:
        return {}
    return {
        name: rest
        for name, *rest in con.execute(
            "SELECT file_name, size_bytes, mtime_ns, content_sha256, read_at_ns "
            "FROM inbox_files WHERE file_name IN (SELECT unnest(?))",
            [names],
        ).fetchall()
    }


def count_unknown_names(con: duckdb.DuckDBPyConnection, names: list[str]) -> int:
    """How many of these file names the warehouse has no record of (new files)."""
    if not names:
        return 0
    return con.execute(
        "SELECT count(*) FROM (SELECT unnest(?) AS name) n WHERE NOT EXISTS "
        "(SELECT 1 FROM articles a WHERE a.file_name = n.name) AND NOT EXISTS "
        "(SELECT 1 FROM quarantine q WHERE q.file_name = n.name) AND NOT EXISTS "
        "(SELECT 1 FROM refusals r WHERE r.file_name = n.name) AND NOT EXISTS "
        "(SELECT 1 FROM format_issues i WHERE i.file_name = n.name)",
        [names],
    ).fetchall()[0][0]


def actor_rows(con: duckdb.DuckDBPyConnection):
    return (
        con.execute("SELECT actor_id, name, type FROM actors").fetchall(),
        con.execute("SELECT actor_id, alias FROM actor_aliases").fetchall(),
    )


def load_batch(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]) -> dict[str, int]:
    """Insert every frame in one transaction; returns rows inserted per table."""
    counts: dict[str, int] = {}
    with transaction(con):
        for table in LOAD_ORDER:
            frame = frames.get(table)
            if frame is None or frame.height == 0:
                continue
            con.register("_batch_frame", frame.to_arrow())
            try:
                if table in _REPLACED:
                    key = _REPLACED[table]
                    con.execute(
                        f'DELETE FROM "{table}" WHERE "{key}" IN (SELECT "{key}" FROM _batch_frame)'
                    )
                counts[table] = _insert(con, table)
            finally:
                con.unregister("_batch_frame")
    return counts


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN ... COMMIT, or ROLLBACK and re-raise."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        # a failed COMMIT (a DuckLake write conflict) has rolled back already
        with contextlib.suppress(duckdb.TransactionException):
            con.execute("ROLLBACK")
        raise


def _insert(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """Insert `_batch_frame` into `table`; keyed tables skip keys already present."""
    select = "SELECT * FROM _batch_frame"
    keys = _KEYS.get(table)
    if keys:
        cols = ", ".join(f'"{k}"' for k in keys)
        match = " AND ".join(f't."{k}" = f."{k}"' for k in keys)
        select = (
            f'SELECT * FROM _batch_frame f WHERE NOT EXISTS (SELECT 1 FROM "{table}" t '
            f"WHERE {match}) QUALIFY row_number() OVER (PARTITION BY {cols}) = 1"
        )
    rows = con.execute(f'INSERT INTO "{table}" BY NAME {select}').fetchall()
    return int(rows[0][0]) if rows else 0


def mark_crashed_runs(con, inbox: str | None = None) -> int:
    """Runs still 'running' when a new run holds the lock were killed: say so.

    `inbox`: only runs over that inbox (a DuckLake's lock is per inbox, so runs over other
    inboxes may be alive).
    """
    # no RETURNING: DuckLake does not support it on UPDATE
    where = "status = 'running'" + (" AND inbox = ?" if inbox is not None else "")
    params = [inbox] if inbox is not None else []
    n = con.execute(f"SELECT count(*) FROM runs WHERE {where}", params).fetchall()[0][0]
    if n:
        con.execute(f"UPDATE runs SET status = 'crashed' WHERE {where}", params)
    return int(n)


def start_run(
    con, run_id: str, inbox: str, model: str, kind: str = "ingest", extraction: str | None = None
) -> None:
    con.execute(
        "INSERT INTO runs (run_id, started_at, inbox, model, status, kind, extraction) "
        "VALUES (?, now()::TIMESTAMP, ?, ?, 'running', ?, ?)",
        [run_id, inbox, model, kind, extraction],
    )


def finish_run(con, run_id: str, stats: dict[str, int], status: str = "completed") -> None:
    con.execute(
        "UPDATE runs SET finished_at = now()::TIMESTAMP, files_seen = ?, loaded = ?, "
        "duplicates = ?, quarantined = ?, refused = ?, status = ? WHERE run_id = ?",
        [
            stats["files_seen"],
            stats["loaded"],
            stats["duplicates"],
            stats["quarantined"],
            stats.get("refused", 0),
            status,
            run_id,
        ],
    )


# --- reprocessing: an article's facts replaced by those of another extraction ---------

REPLACED = ("mentions", "figures", "statements")  # an article's own facts


def reprocess_candidates(
    con: duckdb.DuckDBPyConnection, extraction: str, only_older: bool, where: str | None
) -> list[str]:
    """Ids of the articles to extract again, in a stable order: all of them, or those
    whose facts are not of `extraction` (`only_older`), narrowed by `where` (an SQL
    condition over `articles`, as the operator writes it: "published >= '2024-01-01'")."""
    conditions = ["extraction IS DISTINCT FROM ?"] if only_older else []
    conditions += [f"({where})"] if where else []
    sql = "SELECT article_id FROM articles" + (
        " WHERE " + " AND ".join(conditions) if conditions else ""
    )
    rows = con.execute(sql + " ORDER BY article_id", [extraction] if only_older else [])
    return [r[0] for r in rows.fetchall()]


def stored_articles(con: duckdb.DuckDBPyConnection, ids: list[str]) -> pl.DataFrame:
    """The `articles` rows of these ids (bodies included), as the fact suites read them."""
    return con.execute("SELECT * FROM articles WHERE list_contains(?, article_id)", [ids]).pl()


def fact_counts(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, dict[str, int]]:
    """Rows of each replaced table per article, for these articles."""
    out: dict[str, dict[str, int]] = {}
    for table in REPLACED:
        rows = con.execute(
            f'SELECT article_id, count(*) FROM "{table}" WHERE list_contains(?, article_id) '
            "GROUP BY article_id",
            [ids],
        ).fetchall()
        out[table] = dict(rows)
    return out


def statement_keys(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, list[tuple]]:
    """Each article's statements as comparable tuples (what, where, who)."""
    rows = con.execute(
        'SELECT article_id, start, "end", mode, text, speaker_actor_id FROM statements '
        "WHERE list_contains(?, article_id) ORDER BY ALL",
        [ids],
    ).fetchall()
    out: dict[str, list[tuple]] = {i: [] for i in ids}
    for article_id, *rest in rows:
        out[article_id].append(tuple(rest))
    return out


def replace_batch(
    con: duckdb.DuckDBPyConnection,
    frames: dict[str, pl.DataFrame],
    replaced: list[str],
    extraction: str,
) -> dict[str, int]:
    """In one transaction: the facts of the `replaced` articles go, the new ones (and
    any new actors, aliases, refusals, results) come, and the articles record the
    extraction that made their facts now. An article never has both or neither."""
    counts: dict[str, int] = {}
    with transaction(con):
        for table in REPLACED:
            con.execute(f'DELETE FROM "{table}" WHERE list_contains(?, article_id)', [replaced])
        con.execute(
            "UPDATE articles SET extraction = ? WHERE list_contains(?, article_id)",
            [extraction, replaced],
        )
        for table in LOAD_ORDER:
            frame = frames.get(table)
            if table == "articles" or frame is None or frame.height == 0:
                continue
            con.register("_batch_frame", frame.to_arrow())
            try:
                counts[table] = _insert(con, table)
            finally:
                con.unregister("_batch_frame")
    return counts


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in LOAD_ORDER}

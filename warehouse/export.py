"""Export every table and view of the warehouse as Parquet, over a read-only connection."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from newsfacts.warehouse.load import connect


@dataclass(frozen=True)
class Exported:
    name: str
    kind: str  # table | view
    rows: int
    path: Path


def relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(name, 'table' | 'view') of the warehouse's main schema, tables first, by name."""
    rows = con.execute(
        """
        SELECT table_name, CASE table_type WHEN 'VIEW' THEN 'view' ELSE 'table' END AS kind
        FROM information_schema.tables
        WHERE table_schema = 'main' AND table_catalog = current_database()
        ORDER BY kind, table_name
        """
    ).fetchall()
    return [(name, kind) for name, kind in rows]


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def export_parquet(
    db_path: Path | str, out_dir: Path | str, data_path: str | None = None
) -> list[Exported]:
    """Write <out_dir>/<name>.parquet for every table and view; the warehouse is not written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Exported] = []
    with connect(db_path, read_only=True, data_path=data_path) as con:
        for name, kind in relations(con):
            target = out / f"{name}.parquet"
            con.execute(
                f"COPY (SELECT * FROM {_quote_ident(name)}) "
                f"TO {_quote_literal(str(target))} (FORMAT parquet)"
            )
            rows = con.execute(
                f"SELECT count(*) FROM read_parquet({_quote_literal(str(target))})"
            ).fetchone()[0]
            written.append(Exported(name, kind, rows, target))
    return written

"""DuckDB comments on every table, view and column, read from the SQL files' own docs, so
that notebooks, the DuckDB CLI and BI tools show what `warehouse/sql` says
(`duckdb_columns().comment`, `COMMENT ON`).

Where the docs live:
- tables (schema.sql): a line '-- name: what a row is' right above each CREATE TABLE,
  and a '-- ...' comment at the end of each column's line;
- views (views/*.sql): the first line '-- name: what it answers' (continued on the
  lines after it), and a '-- Columns:' section with one line per column
  ('--   name  TYPE  what it holds', several names may share a line, more indented
  lines continue the one before).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TABLE_RE = re.compile(r"^-- (\w+): (.+)\nCREATE TABLE IF NOT EXISTS \1 \((.*?)\n\);", re.M | re.S)
_TABLE_COLUMN_RE = re.compile(r'^\s+"?(\w+)"?\s+[A-Z][^\n]*?--\s*(.+?)\s*$', re.M)
_VIEW_COLUMN_RE = re.compile(r"^--\s{3}(\w+(?:, \w+)*)(?:\s+[A-Z]+(?:\[\])?\s+|\s{2,})(.+?)\s*$")
_CONTINUED_RE = re.compile(r"^--\s{4,}(\S.*?)\s*$")


@dataclass
class Docs:
    comment: str
    columns: dict[str, str] = field(default_factory=dict)


def table_docs(schema_sql: str) -> dict[str, Docs]:
    """Each table of schema.sql with its comment and its columns' comments."""
    return {
        m.group(1): Docs(
            m.group(2).strip(), {c: text for c, text in _TABLE_COLUMN_RE.findall(m.group(3))}
        )
        for m in _TABLE_RE.finditer(schema_sql)
    }


def view_docs(name: str, view_sql: str) -> Docs:
    """A view file's comment and its columns' comments."""
    lines = view_sql.splitlines()
    head = lines[0].removeprefix("--").strip().removeprefix(f"{name}:").strip()
    summary = [head]
    for line in lines[1:]:
        text = line.removeprefix("--").strip()
        if not line.startswith("--") or not text or text.endswith(":"):
            break
        summary.append(text)
    docs = Docs(" ".join(summary))
    in_columns, last = False, []
    for line in lines:
        if not line.startswith("--"):
            break
        if line.strip() == "-- Columns:":
            in_columns = True
            continue
        if not in_columns:
            continue
        column = _VIEW_COLUMN_RE.match(line)
        continued = _CONTINUED_RE.match(line)
        if continued and last:
            for c in last:
                docs.columns[c] += " " + continued.group(1)
        elif column:
            last = column.group(1).split(", ")
            for c in last:
                docs.columns[c] = column.group(2)
    return docs


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def comment_statements(con, docs: dict[str, tuple[str, Docs]]) -> list[str]:
    """COMMENT ON statements for what differs from the database's comments now.
    `docs`: name -> ('TABLE' or 'VIEW', Docs)."""
    now_objects = dict(
        con.execute(
            "SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = 'main' "
            "UNION ALL SELECT view_name, comment FROM duckdb_views() "
            "WHERE schema_name = 'main' AND NOT internal"
        ).fetchall()
    )
    now_columns = {
        (t, c): comment
        for t, c, comment in con.execute(
            "SELECT table_name, column_name, comment FROM duckdb_columns() "
            "WHERE schema_name = 'main' AND NOT internal"
        ).fetchall()
    }
    out = []
    for name, (kind, doc) in docs.items():
        if name not in now_objects:
            continue
        if now_objects[name] != doc.comment:
            out.append(f'COMMENT ON {kind} "{name}" IS {_quote(doc.comment)}')
        for column, text in doc.columns.items():
            if (name, column) in now_columns and now_columns[(name, column)] != text:
                out.append(f'COMMENT ON COLUMN "{name}"."{column}" IS {_quote(text)}')
    return out


def apply_comments(con, schema_sql: str, views: list[tuple[str, str]]) -> None:
    """Bring the database's comments in line with the SQL files' docs."""
    docs: dict[str, tuple[str, Docs]] = {n: ("TABLE", d) for n, d in table_docs(schema_sql).items()}
    docs |= {name: ("VIEW", view_docs(name, sql)) for name, sql in views}
    for statement in comment_statements(con, docs):
        con.execute(statement)

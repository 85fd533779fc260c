"""Read-only queries for analysts: the connection cannot write."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

from newsfacts.warehouse.load import connect


def run_query(
    db: Path, sql: str, fmt: str = "table", max_rows: int = 1000, data_path: str | None = None
) -> str:
    # read_only protects the warehouse file; external access off also keeps a query from
    # reading or writing other files (COPY ... TO, read_csv('/etc/...'), EXPORT DATABASE)
    config = {"enable_external_access": False}
    with connect(db, read_only=True, config=config, data_path=data_path) as con:
        cur = con.execute(sql)
        columns = [d[0] for d in cur.description] if cur.description else []
        rows = cur.fetchall() if columns else []
    return format_rows(columns, rows, fmt, max_rows)


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def format_rows(columns: list[str], rows: list[tuple], fmt: str, max_rows: int = 1000) -> str:
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns)
        writer.writerows([[_cell(v) for v in r] for r in rows])
        return buf.getvalue().rstrip("\n")
    if fmt == "json":

        def conv(v):
            return v.isoformat() if isinstance(v, date | datetime) else v

        return json.dumps(
            [{c: conv(v) for c, v in zip(columns, r, strict=True)} for r in rows],
            ensure_ascii=False,
            default=str,
            indent=2,
        )
    shown = rows[:max_rows]
    cells = [[_cell(v).replace("\n", " ") for v in r] for r in shown]
    widths = [
        min(60, max([len(c)] + [len(row[i]) for row in cells])) for i, c in enumerate(columns)
    ]

    def line(values):
        return " | ".join(v[:w].ljust(w) for v, w in zip(values, widths, strict=True))

    out = [line(columns), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(
        f"({len(rows)} row{'s' if len(rows) != 1 else ''}{', ' + str(max_rows) + ' shown' if len(rows) > max_rows else ''})"
    )
    return "\n".join(out)

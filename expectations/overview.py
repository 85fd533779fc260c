"""The Data Docs' front page as static HTML: every suite of the run with each expectation,
its severity, a pass/fail status and the files that failed it by name, with links to
GX's own pages. GX's index builds its table with scripts from CDNs and shows nothing
offline; this page needs nothing but itself. GX's index stays beside it as
`gx_index.html`."""

from __future__ import annotations

import html
from pathlib import Path

MAX_FILES_SHOWN = 20

CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin-bottom: 1.5rem; }
th, td { border: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.status-passed { color: #1a7f37; font-weight: 600; }
td.status-failed { color: #b42318; font-weight: 600; }
"""


def failing_files(expectation_result) -> list[str]:
    """File names of the rows that failed, as results name them (`file_name` id column)."""
    rows = (expectation_result.result or {}).get("unexpected_index_list") or []
    names = [r.get("file_name") for r in rows if isinstance(r, dict) and r.get("file_name")]
    return sorted(set(names))


def suite_rows(result) -> list[dict]:
    """One row per expectation of a validation result."""
    from newsfacts.expectations.runner import severity_of

    out = []
    for r in result.results:
        cfg = r.expectation_config
        out.append(
            {
                "expectation": cfg.type,
                "column": cfg.kwargs.get("column") or "",
                "code": (cfg.meta or {}).get("code", ""),
                "severity": severity_of(cfg),
                "status": "passed" if r.success else "failed",
                "unexpected": int((r.result or {}).get("unexpected_count") or 0),
                "files": failing_files(r),
            }
        )
    return out


def _section(suite: str, rows: list[dict], link: str | None) -> str:
    failed = sum(r["status"] == "failed" for r in rows)
    head = (
        f'<h2 id="{html.escape(suite)}">{html.escape(suite)}: '
        f"{len(rows) - failed} passed, {failed} failed</h2>"
    )
    if link:
        head += f'<p><a href="{html.escape(link)}">GX validation page</a></p>'
    cells = []
    for r in rows:
        files = r["files"][:MAX_FILES_SHOWN]
        more = len(r["files"]) - len(files)
        shown = "<br>".join(html.escape(f) for f in files) + (
            f"<br>... {more} more" if more > 0 else ""
        )
        cells.append(
            "<tr>"
            f'<td class="status-{r["status"]}">{r["status"]}</td>'
            f"<td>{html.escape(r['code'])}</td><td>{html.escape(r['severity'])}</td>"
            f"<td>{html.escape(r['expectation'])}</td><td>{html.escape(r['column'])}</td>"
            f"<td>{r['unexpected']}</td><td>{shown}</td></tr>"
        )
    table = (
        "<table><thead><tr><th>status</th><th>code</th><th>severity</th><th>expectation</th>"
        "<th>column</th><th>failing rows</th><th>failing files</th></tr></thead>"
        f"<tbody>{''.join(cells)}</tbody></table>"
    )
    return head + table


def write_overview(site_dir: Path, run_name: str, results: list[tuple[object, object]]) -> Path:
    """index.html of the site: the run's suites, failing results first per suite merged
    with the latest one (each expectation failed when any kept result failed it)."""
    merged: dict[str, dict[tuple, dict]] = {}
    for suite, result in results:
        rows = merged.setdefault(suite.name, {})
        for row in suite_rows(result):
            key = (row["expectation"], row["column"], row["code"])
            known = rows.get(key)
            if known is None:
                rows[key] = row
            elif row["status"] == "failed":
                known["status"] = "failed"
                known["unexpected"] += row["unexpected"]
                known["files"] = sorted(set(known["files"]) | set(row["files"]))
    sections = []
    for suite in sorted(merged):
        pages = sorted((site_dir / "validations" / suite).glob("**/*.html"))
        link = pages[-1].relative_to(site_dir).as_posix() if pages else None
        sections.append(_section(suite, list(merged[suite].values()), link))
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>newsfacts data quality: {html.escape(run_name)}</title><style>{CSS}</style></head>"
        f"<body><h1>Data quality of run {html.escape(run_name)}</h1>"
        '<p>Great Expectations suites of this run; <a href="gx_index.html">the GX index</a> '
        "(needs internet for its scripts).</p>"
        + ("".join(sections) or "<p>No validations in this run.</p>")
        + "</body></html>"
    )
    index = site_dir / "index.html"
    index.write_text(page, encoding="utf-8")
    return index

"""The Data Docs' front page as static HTML: every suite of the run with each expectation,
its severity, a pass/fail status and the files that failed it by name, with links to
GX's own pages. GX's index builds its table with scripts from CDNs and shows nothing
offline; this page needs nothing but itself. GX's index stays beside it as
`gx_index.html`."""

from __future__ import annotations

import html
import re
from pathlib import Path

MAX_FILES_SHOWN = 20

CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin-bottom: 1.5rem; }
th, td { border: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.status-passed, span.status-passed { color: #1a7f37; font-weight: 600; }
td.status-failed, span.status-failed { color: #b42318; font-weight: 600; }
"""


# GX's pages draw each expectation's status as an icon from a CDN font: offline the cell
# is empty. The status goes in beside the icon as words, and the tables get borders.
OFFLINE_MARK = "<!-- newsfacts: readable offline -->"
OFFLINE_CSS = (
    "<style>table { border-collapse: collapse; } td, th { border: 1px solid #ddd; "
    "padding: .2rem .4rem; vertical-align: top; } .newsfacts-status-failed { color: #b42318; "
    "font-weight: 600; } .newsfacts-status-passed { color: #1a7f37; font-weight: 600; }</style>"
)
_STATUS_ICON = re.compile(r'(<i class="fas fa-(times|check-circle) text-(?:danger|success)" ></i>)')


def readable_offline(page: Path) -> None:
    """Status words beside GX's status icons and a little inline CSS, once per page."""
    text = page.read_text(encoding="utf-8")
    if OFFLINE_MARK in text:
        return
    text = _STATUS_ICON.sub(
        lambda m: (
            m.group(1)
            + (
                '<span class="newsfacts-status-failed">failed</span>'
                if m.group(2) == "times"
                else '<span class="newsfacts-status-passed">passed</span>'
            )
        ),
        text,
    )
    text = text.replace("</head>", f"{OFFLINE_MARK}{OFFLINE_CSS}</head>", 1)
    page.write_text(text, encoding="utf-8")


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


def run_entry(run_name: str, started, counts: dict[str, list[int]]) -> dict:
    """A run of the kept history: its name, start and per suite validations and failures."""
    return {
        "run": run_name,
        "time": started.isoformat(timespec="seconds"),
        "suites": {
            name: {"validations": n, "failed": k} for name, (n, k) in sorted(counts.items())
        },
    }


def _history_section(site_dir: Path, history: list[dict]) -> str:
    """The kept runs, newest first, each suite's status with a link to its GX page."""
    if not history:
        return ""
    rows = []
    for entry in reversed(history):
        cells = []
        for suite, c in entry["suites"].items():
            status = "failed" if c["failed"] else "passed"
            pages = sorted((site_dir / "validations" / suite / entry["run"]).glob("**/*.html"))
            label = f"{html.escape(suite)}: {c['validations'] - c['failed']}/{c['validations']}"
            if pages:
                href = html.escape(pages[-1].relative_to(site_dir).as_posix())
                label = f'<a href="{href}">{label}</a>'
            cells.append(f'<span class="status-{status}">{status}</span> {label}')
        rows.append(
            f"<tr><td>{html.escape(entry['run'])}</td><td>{html.escape(entry['time'])}</td>"
            f"<td>{'<br>'.join(cells) or 'no validations'}</td></tr>"
        )
    return (
        f'<h2 id="history">Last {len(history)} runs</h2>'
        "<table><thead><tr><th>run</th><th>started (UTC)</th>"
        "<th>suites: validations passed / run</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def write_overview(
    site_dir: Path,
    run_name: str,
    results: list[tuple[object, object]],
    history: list[dict] | None = None,
) -> Path:
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
        pages = sorted((site_dir / "validations" / suite / run_name).glob("**/*.html"))
        link = pages[-1].relative_to(site_dir).as_posix() if pages else None
        sections.append(_section(suite, list(merged[suite].values()), link))
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>newsfacts data quality: {html.escape(run_name)}</title><style>{CSS}</style></head>"
        f"<body><h1>Data quality of run {html.escape(run_name)}</h1>"
        "<p>Great Expectations suites of this run, then the last runs kept; "
        '<a href="gx_index.html">the GX index</a> (needs internet for its scripts).</p>'
        + ("".join(sections) or "<p>No validations in this run.</p>")
        + _history_section(site_dir, history or [])
        + "</body></html>"
    )
    index = site_dir / "index.html"
    index.write_text(page, encoding="utf-8")
    return index

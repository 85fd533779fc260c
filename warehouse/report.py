"""One self-contained HTML page for analysts: figure timelines, top actors and speakers,
conflicting figures and outlet coverage, with plotly charts.

plotly.js is embedded inline, so the page opens offline (no CDN). Everything here reads
through a read-only DuckDB connection; `build_report` is a pure function of the
warehouse's content (plus the generation time shown in the header).
"""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from newsfacts.warehouse.load import connect, view_files

TOP_COUNTED = 6  # counted nouns with a timeline
TOP_SERIES = 8  # claim series with a timeline
MAX_DQ_ROWS = 200
TOP_ACTORS = 15
TOP_SPEAKERS = 15
MAX_CONFLICTS = 50
UNATTRIBUTED = "(unattributed)"
_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "x", "star", "hexagon")


def ensure_views(con: duckdb.DuckDBPyConnection) -> None:
    """Views a warehouse from an older release lacks become temporary views here, so the
    report works on a read-only connection before the next run has added them."""
    existing = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'VIEW'"
        ).fetchall()
    }
    columns = {r[0] for r in con.execute("DESCRIBE figures").fetchall()}
    if "measure" not in columns:  # figures of a release before 0.8: series by counted noun
        con.execute(
            "CREATE OR REPLACE TEMP VIEW figures AS "
            "SELECT *, NULL::VARCHAR AS measure FROM main.figures"
        )
        existing -= {"claim_series", "figure_conflicts"}
    for name, sql in view_files():
        if name not in existing:
            con.execute(
                re.sub(r"CREATE\s+OR\s+REPLACE\s+VIEW", "CREATE OR REPLACE TEMP VIEW", sql, count=1)
            )


def _rows(con, sql: str, params: list | None = None) -> list[dict]:
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def _plot_div(fig: go.Figure, div_id: str) -> str:
    fig.update_layout(
        template="plotly_white", margin={"l": 60, "r": 20, "t": 50, "b": 50}, height=420
    )
    return fig.to_html(
        full_html=False, include_plotlyjs=False, div_id=div_id, config={"responsive": True}
    )


def _table(rows: list[dict], columns: list[str], empty: str) -> str:
    if not rows:
        return f'<p class="empty">{html.escape(empty)}</p>'

    def cell(v) -> str:
        if v is None:
            return ""
        if isinstance(v, list):
            return "<br>".join(html.escape(str(x)) for x in v)
        if isinstance(v, float):
            return html.escape(f"{v:,.6g}")
        return html.escape(str(v))

    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{cell(r.get(c))}</td>" for c in columns) + "</tr>" for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def summary(con) -> dict:
    counts = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("articles", "actors", "figures", "statements", "quarantine")
    }
    first, last = con.execute("SELECT min(published), max(published) FROM articles").fetchone()
    counts["first_published"], counts["last_published"] = first, last
    counts["last_run"] = con.execute(
        "SELECT max(coalesce(finished_at, started_at)) FROM runs"
    ).fetchone()[0]
    return counts


def top_counted(con, limit: int = TOP_COUNTED) -> list[str]:
    """Counted nouns with the most figures (ties by name)."""
    return [
        r[0]
        for r in con.execute(
            """
            SELECT counted FROM figure_timeline
            WHERE counted IS NOT NULL AND published IS NOT NULL
            GROUP BY counted ORDER BY count(*) DESC, counted LIMIT ?
            """,
            [limit],
        ).fetchall()
    ]


def _time_axes(points: list[dict]) -> dict:
    """Layout of a timeline: dates on x (widened around a single month so that ticks stay
    readable), a log scale on y when values span three orders of magnitude."""
    values = [r["value"] for r in points]
    log = bool(values) and min(values) > 0 and max(values) / min(values) >= 1000
    dates = sorted({r["published"] for r in points})
    xaxis: dict = {"type": "date", "tickformat": "%b %Y", "title": "article date"}
    if dates and (dates[-1] - dates[0]).days < 60:
        xaxis["range"] = [
            (dates[0] - timedelta(days=45)).isoformat(),
            (dates[-1] + timedelta(days=45)).isoformat(),
        ]
    return {"xaxis": xaxis, "yaxis_type": "log" if log else "linear", "legend_title": "claimed by"}


def figure_timeline_plot(con, counted: str, div_id: str) -> str:
    """Values of one counted noun over time, one trace (colour and marker) per claimant."""
    rows = _rows(
        con,
        """
        SELECT published, value, qualifier, text, source, title,
               coalesce(claimed_by, ?) AS claimant
        FROM figure_timeline
        WHERE counted = ? AND published IS NOT NULL
        ORDER BY published, value
        """,
        [UNATTRIBUTED, counted],
    )
    fig = go.Figure()
    claimants = sorted({r["claimant"] for r in rows}, key=lambda c: (c == UNATTRIBUTED, c))
    for i, claimant in enumerate(claimants):
        mine = [r for r in rows if r["claimant"] == claimant]
        fig.add_trace(
            go.Scatter(
                x=[r["published"].isoformat() for r in mine],
                y=[r["value"] for r in mine],
                mode="markers",
                name=claimant,
                marker={"size": 11, "symbol": _SYMBOLS[i % len(_SYMBOLS)], "opacity": 0.85},
                text=[
                    f"{r['text']} ({r['qualifier']})<br>{r['source'] or '(no source)'}: "
                    f"{r['title'] or ''}"[:200]
                    for r in mine
                ],
                hovertemplate="%{x}<br>%{y:,.6g}<br>%{text}<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(
        title=f"{counted}: {len(rows)} figures by {len(claimants)} claimants",
        yaxis_title=f"value ({counted})",
        **_time_axes(rows),
    )
    return _plot_div(fig, div_id)


def top_series(con, limit: int = TOP_SERIES) -> list[dict]:
    """Series with two or more voices (claimants or outlets) and dated figures, the
    largest first (ties by measure and subject)."""
    return _rows(
        con,
        """
        SELECT series_id, any_value(measure) AS measure, any_value(unit) AS unit,
               any_value(subject) AS subject, count(*) AS figures,
               count(DISTINCT coalesce(claimed_by, ?)) AS claimants
        FROM claim_series
        WHERE series_voices >= 2 AND published IS NOT NULL
        GROUP BY series_id
        ORDER BY figures DESC, measure, subject NULLS LAST, series_id
        LIMIT ?
        """,
        [UNATTRIBUTED, limit],
    )


def series_label(series: dict) -> str:
    """'Soldat about Nordkorea', 'Inflationsrate in Prozent about Deutschland'."""
    unit = "" if series["unit"] == "Anzahl" else f" in {series['unit']}"
    about = f" about {series['subject']}" if series["subject"] else ""
    return f"{series['measure']}{unit}{about}"


def series_points(con, series_id: str) -> list[dict]:
    return _rows(
        con,
        """
        SELECT published, value, qualifier, text, sentence, source, title, file_name,
               coalesce(claimed_by, ?) AS claimant
        FROM claim_series
        WHERE series_id = ? AND published IS NOT NULL
        ORDER BY published, value, text
        """,
        [UNATTRIBUTED, series_id],
    )


def series_plot(series: dict, points: list[dict], div_id: str) -> str:
    """One series over time: a trace (colour and marker) per claimant; each point carries
    the id of its row in the table below, which a click scrolls to."""
    fig = go.Figure()
    claimants = sorted({r["claimant"] for r in points}, key=lambda c: (c == UNATTRIBUTED, c))
    for i, claimant in enumerate(claimants):
        mine = [(k, r) for k, r in enumerate(points) if r["claimant"] == claimant]
        fig.add_trace(
            go.Scatter(
                x=[r["published"].isoformat() for _, r in mine],
                y=[r["value"] for _, r in mine],
                mode="markers",
                name=claimant,
                marker={"size": 12, "symbol": _SYMBOLS[i % len(_SYMBOLS)], "opacity": 0.85},
                customdata=[f"{div_id}-p{k}" for k, _ in mine],
                text=[
                    f"{r['text']} ({r['qualifier']})<br>{r['source'] or '(no source)'}: "
                    f"{r['file_name']}"[:200]
                    for _, r in mine
                ],
                hovertemplate="%{x}<br>%{y:,.6g}<br>%{text}<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(
        title=f"{series_label(series)}: {len(points)} figures by {len(claimants)} claimants",
        yaxis_title="value" if series["unit"] == "Anzahl" else f"value ({series['unit']})",
        **_time_axes(points),
    )
    return _plot_div(fig, div_id)


def series_table(points: list[dict], div_id: str) -> str:
    """The series' figures with where each comes from; row ids are the plot's links."""
    head = "".join(
        f"<th>{c}</th>"
        for c in ("date", "outlet", "claimed by", "value", "as written", "article", "sentence")
    )
    rows = []
    for k, r in enumerate(points):
        cells = [
            r["published"].isoformat(),
            r["source"] or "(no source)",
            r["claimant"],
            f"{r['value']:,.6g}",
            f"{r['text']} ({r['qualifier']})",
            f"{r['file_name']}: {r['title'] or ''}",
            r["sentence"] or "",
        ]
        tds = "".join(f"<td>{html.escape(str(c))}</td>" for c in cells)
        data = (
            f'data-date="{r["published"].isoformat()}" '
            f'data-outlet="{html.escape(r["source"] or "(no source)")}" '
            f'data-claimant="{html.escape(r["claimant"])}"'
        )
        rows.append(f'<tr id="{div_id}-p{k}" class="point" {data}>{tds}</tr>')
    return (
        f'<table class="series" data-plot="{div_id}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def series_filters(all_points: list[dict]) -> str:
    """The filter bar over the series: a date range, an outlet and a claimant (also from
    the page's address: report.html?from=2024-10-01&outlet=dpa&claimant=Polizei)."""

    def options(values) -> str:
        return '<option value="">all</option>' + "".join(
            f'<option value="{html.escape(v)}">{html.escape(v)}</option>' for v in sorted(values)
        )

    outlets = {p["source"] or "(no source)" for p in all_points}
    claimants = {p["claimant"] for p in all_points}
    return (
        '<form class="filters" id="series-filters" onsubmit="return false">'
        '<label>from <input type="date" name="from"></label> '
        '<label>to <input type="date" name="to"></label> '
        f'<label>outlet <select name="outlet">{options(outlets)}</select></label> '
        f'<label>claimant <select name="claimant">{options(claimants)}</select></label>'
        "</form>"
    )


# The filter bar hides the rows it excludes and redraws each series chart with the
# points whose rows are shown.
FILTERS_JS = """
(function () {
  var form = document.getElementById('series-filters');
  if (!form) { return; }
  function shown(row) { return row.style.display !== 'none'; }
  function apply() {
    var f = {from: form.elements.from.value, to: form.elements.to.value,
             outlet: form.elements.outlet.value, claimant: form.elements.claimant.value};
    document.querySelectorAll('tr.point').forEach(function (r) {
      var d = r.dataset;
      var ok = (!f.from || d.date >= f.from) && (!f.to || d.date <= f.to)
        && (!f.outlet || d.outlet === f.outlet) && (!f.claimant || d.claimant === f.claimant);
      r.style.display = ok ? '' : 'none';
    });
    document.querySelectorAll('.plotly-graph-div').forEach(function (div) {
      if (!div.data || !window.Plotly) { return; }
      if (!div._all) { div._all = JSON.parse(JSON.stringify(div.data)); }
      var traces = div._all.map(function (t) {
        if (!t.customdata) { return t; }
        var keep = t.customdata.map(function (id) {
          var row = document.getElementById(id); return !row || shown(row);
        });
        function pick(a) { return a ? a.filter(function (_, i) { return keep[i]; }) : a; }
        return Object.assign({}, t, {x: pick(t.x), y: pick(t.y), text: pick(t.text),
                                     customdata: pick(t.customdata)});
      });
      Plotly.react(div, traces, div.layout);
    });
  }
  var params = new URLSearchParams(location.search);
  ['from', 'to', 'outlet', 'claimant'].forEach(function (k) {
    if (params.get(k)) { form.elements[k].value = params.get(k); }
  });
  form.addEventListener('change', apply);
  apply();
})();
"""

# a click on a point of a series chart shows its row (article, outlet, date, sentence)
POINT_LINKS_JS = """
document.querySelectorAll('.plotly-graph-div').forEach(function (div) {
  if (!div.on) { return; }
  div.on('plotly_click', function (event) {
    var id = event.points[0].customdata;
    if (!id) { return; }
    document.querySelectorAll('tr.point.picked').forEach(function (r) { r.classList.remove('picked'); });
    var row = document.getElementById(id);
    if (row) { row.classList.add('picked'); row.scrollIntoView({block: 'center'}); location.hash = id; }
  });
});
"""


def data_quality(con) -> dict[str, list[dict]]:
    """Quarantined and refused files with their reasons, and the last runs."""
    return {
        "quarantine": _rows(
            con,
            "SELECT file_name, codes, message FROM quarantine ORDER BY file_name LIMIT ?",
            [MAX_DQ_ROWS],
        ),
        "refusals": _rows(
            con,
            "SELECT file_name, codes, message FROM refusals ORDER BY file_name LIMIT ?",
            [MAX_DQ_ROWS],
        ),
        "runs": _rows(
            con,
            "SELECT started_at, status, files_seen, loaded, duplicates, quarantined, refused "
            "FROM runs ORDER BY started_at DESC LIMIT 10",
        ),
    }


def top_actors(con, limit: int = TOP_ACTORS) -> list[dict]:
    return _rows(
        con,
        """
        SELECT t.name, t.type, count(DISTINCT m.article_id) AS articles, count(*) AS mentions
        FROM mentions AS m JOIN actors AS t USING (actor_id)
        GROUP BY t.actor_id, t.name, t.type
        ORDER BY articles DESC, mentions DESC, t.name
        LIMIT ?
        """,
        [limit],
    )


def top_speakers(con, limit: int = TOP_SPEAKERS) -> list[dict]:
    return _rows(
        con,
        """
        SELECT speaker AS name, speaker_type AS type,
               count(*) FILTER (WHERE mode = 'direct') AS direct,
               count(*) FILTER (WHERE mode = 'indirect') AS indirect,
               count(*) AS statements,
               count(DISTINCT article_id) AS articles
        FROM actor_statements
        WHERE speaker IS NOT NULL
        GROUP BY speaker, speaker_type
        ORDER BY statements DESC, name
        LIMIT ?
        """,
        [limit],
    )


def _bar(rows: list[dict], stacks: list[tuple[str, str]], title: str, div_id: str) -> str:
    fig = go.Figure()
    names = [f"{r['name']} ({r['type']})" for r in rows][::-1]
    for column, label in stacks:
        fig.add_trace(
            go.Bar(y=names, x=[r[column] for r in rows][::-1], orientation="h", name=label)
        )
    fig.update_layout(title=title, barmode="stack", height=max(320, 28 * len(rows) + 120))
    div = _plot_div(fig, div_id)
    return div


def conflicts(con, limit: int = MAX_CONFLICTS) -> list[dict]:
    return _rows(
        con,
        """
        SELECT DISTINCT conflict_id, month, measure, unit, subject, figures, articles,
               min_value, max_value, spread, spread_ratio, claimants, outlets, claims
        FROM figure_conflicts
        ORDER BY month DESC, spread_ratio DESC NULLS LAST, measure, conflict_id
        LIMIT ?
        """,
        [limit],
    )


def coverage(con) -> list[dict]:
    return _rows(
        con,
        """
        SELECT coalesce(source, '(no source)') AS source, month, articles, actors,
               figures, statements
        FROM source_coverage
        ORDER BY month NULLS LAST, source
        """,
    )


CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1200px;
       color: #222; padding: 0 1rem; }
h1 { margin-bottom: .2rem; } h2 { border-bottom: 1px solid #ddd; padding-bottom: .2rem;
     margin-top: 2.5rem; }
.meta { color: #666; } .empty { color: #888; font-style: italic; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { border: 1px solid #ddd; padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { background: #f4f4f4; } tr:nth-child(even) td { background: #fafafa; }
tr.picked td { background: #fff3c4; }
form.filters { display: flex; gap: 1rem; flex-wrap: wrap; margin: .5rem 0 1rem; }
ul.stats { list-style: none; padding: 0; display: flex; gap: 1.5rem; flex-wrap: wrap; }
ul.stats li b { font-size: 1.3rem; display: block; }
"""


STATS = (
    ("articles", "articles"),
    ("actors", "actors"),
    ("figures", "figures"),
    ("statements", "statements"),
    ("quarantine", "quarantined files"),
)
CONFLICT_COLUMNS = [
    "month", "measure", "unit", "subject", "figures", "articles", "min_value", "max_value",
    "spread", "spread_ratio", "claimants", "outlets", "claims",
]  # fmt: skip
RUN_COLUMNS = [
    "started_at",
    "status",
    "files_seen",
    "loaded",
    "duplicates",
    "quarantined",
    "refused",
]


def _template():
    """templates/report.html.j2: the page and its prose; the charts and tables come in
    as HTML the functions above render."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("newsfacts.warehouse", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
    )
    return env.get_template("report.html.j2")


def _series_blocks(con: duckdb.DuckDBPyConnection) -> tuple[list[dict], str | None]:
    """One block (label, chart, table) per claim series shown, and the filters over them."""
    series = top_series(con)
    points = [series_points(con, one["series_id"]) for one in series]
    blocks = [
        {
            "label": series_label(one),
            "plot": series_plot(one, mine, f"series-{i}"),
            "table": series_table(mine, f"series-{i}"),
        }
        for i, (one, mine) in enumerate(zip(series, points, strict=True))
    ]
    filters = series_filters([p for some in points for p in some]) if series else None
    return blocks, filters


def _bars(con: duckdb.DuckDBPyConnection) -> tuple[str | None, str | None]:
    actors, speakers = top_actors(con), top_speakers(con)
    actor_bar = (
        _bar(actors, [("articles", "articles")], "Actors by articles mentioning them", "actors")
        if actors
        else None
    )
    speaker_bar = (
        _bar(
            speakers,
            [("direct", "direct quotes"), ("indirect", "indirect speech")],
            "Speakers by statements",
            "speakers",
        )
        if speakers
        else None
    )
    return actor_bar, speaker_bar


def build_report(
    con: duckdb.DuckDBPyConnection,
    data_docs: Path | str | None = None,
    generated_at: datetime | None = None,
) -> str:
    """The whole page as one HTML string (plotly.js inline, no external requests)."""
    ensure_views(con)
    series, filters = _series_blocks(con)
    actor_bar, speaker_bar = _bars(con)
    dq = data_quality(con)
    return _template().render(
        css=CSS,
        plotly_js=get_plotlyjs(),
        generated=(generated_at or datetime.now()).strftime("%Y-%m-%d %H:%M"),
        s=summary(con),
        stats=STATS,
        data_docs_uri=Path(data_docs).resolve().as_uri() if data_docs is not None else None,
        series=series,
        series_filters=filters,
        timelines=[
            figure_timeline_plot(con, noun, f"timeline-{i}")
            for i, noun in enumerate(top_counted(con))
        ],
        actors=actor_bar,
        speakers=speaker_bar,
        conflicts=_table(conflicts(con), CONFLICT_COLUMNS, "No conflicting figures."),
        quarantine=_table(
            dq["quarantine"], ["file_name", "codes", "message"], "No quarantined files."
        ),
        refusals=_table(dq["refusals"], ["file_name", "codes", "message"], "No refused files."),
        runs=_table(dq["runs"], RUN_COLUMNS, "No runs yet."),
        coverage=_table(
            coverage(con),
            ["source", "month", "articles", "actors", "figures", "statements"],
            "No articles yet.",
        ),
        scripts=POINT_LINKS_JS + FILTERS_JS,
    )


def write_report(
    db_path: Path | str,
    out: Path | str,
    data_docs: Path | str | None = None,
    data_path: str | None = None,
) -> Path:
    """Render the report from the warehouse (opened read-only) into `out`."""
    with connect(db_path, read_only=True, data_path=data_path) as con:
        page = build_report(con, data_docs=data_docs)
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target

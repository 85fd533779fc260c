"""`newsfacts report`: one self-contained HTML page with plotly charts, offline."""

from __future__ import annotations

import re

import duckdb
import pytest

from newsfacts.flows.cli import main
from newsfacts.warehouse import load as wh
from newsfacts.warehouse.report import build_report, write_report
from tests.conftest import chromium_dom
from tests.test_views import build_small_warehouse


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_small_warehouse(tmp_path_factory.mktemp("report") / "w.duckdb")


@pytest.fixture(scope="module")
def page(db, tmp_path_factory):
    return write_report(db, tmp_path_factory.mktemp("out") / "report.html")


def test_report_is_self_contained(page):
    text = page.read_text(encoding="utf-8")
    # no external script or stylesheet: plotly.js is inline
    assert not re.search(r"<script[^>]+src=", text)
    assert not re.search(r"<link[^>]+href=", text)
    assert "Plotly.newPlot" in text and len(text) > 1_000_000
    for section in (
        "series",
        "timelines",
        "actors",
        "speakers",
        "conflicts",
        "data-quality",
        "coverage",
    ):
        assert f'id="{section}"' in text
    # the conflicts table shows the disagreeing claimants
    assert "Demonstrant" in text and "Schmidt" in text and "Polizei" in text


def test_report_works_on_empty_and_older_warehouses(tmp_path):
    empty = tmp_path / "empty.duckdb"
    with wh.connect(empty) as c:
        wh.ensure_schema(c)
        c.execute("DROP VIEW figure_conflicts")  # as a warehouse from before the view
    con = duckdb.connect(str(empty), read_only=True)
    try:
        text = build_report(con)
    finally:
        con.close()
    assert "No conflicting figures." in text and "No actors yet." in text


def test_cli_report_writes_page_and_names_data_docs(db, tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.html").write_text("<html></html>", encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["report", "--db", str(db), "--out", str(out), "--data-docs", str(docs)]) == 0
    printed = capsys.readouterr().out
    assert out.exists() and str(out.resolve()) in printed
    assert str(docs.resolve() / "index.html") in printed
    assert (docs / "index.html").resolve().as_uri() in out.read_text(encoding="utf-8")


def test_cli_report_without_warehouse_says_what_to_do(tmp_path, capsys):
    assert main(["report", "--db", str(tmp_path / "none.duckdb")]) == 4
    assert "newsfacts run" in capsys.readouterr().err


def test_report_renders_plots_in_chromium(page, tmp_path):
    dom = chromium_dom(page, tmp_path / "chrome")
    graph_divs = dom.count('class="plotly-graph-div')
    # timeline (Demonstrant) + top actors + top speakers
    assert graph_divs >= 3
    # plotly.js ran: it marks each graph div and draws SVG into it
    assert dom.count("js-plotly-plot") >= graph_divs
    assert dom.count('class="main-svg"') >= graph_divs
    assert "Demonstrant: 5 figures" in dom  # the chart title, drawn as SVG text


def test_series_charts_link_each_point_to_its_article(page, tmp_path):
    dom = chromium_dom(page, tmp_path / "chrome-series")
    # a chart per series with two or more voices, its table rows named by the points
    assert 'id="series-0"' in dom and 'class="series"' in dom
    rows = re.findall(r'<tr id="(series-0-p\d+)" class="point"', dom)
    assert len(rows) >= 2
    # plotly drew one point per row, each carrying its row id (customdata)
    start, end = dom.index('id="series-0"'), dom.index('data-plot="series-0"')
    assert dom[start:end].count('class="point plotly-customdata"') == len(rows)
    text = page.read_text(encoding="utf-8")
    for row in rows:
        assert f'"{row}"' in text  # in the chart's data
    assert "plotly_click" in text


def test_the_data_quality_section_lists_quarantined_files_and_runs(db, tmp_path):
    with wh.connect(db) as c:
        c.execute(
            "INSERT INTO quarantine VALUES ('bad/empty.txt', NULL, ['empty_body'], "
            "'the file has no text after its header', 'r1')"
        )
    try:
        con = duckdb.connect(str(db), read_only=True)
        text = build_report(con)
        con.close()
    finally:
        with wh.connect(db) as c:
            c.execute("DELETE FROM quarantine WHERE file_name = 'bad/empty.txt'")
    section = text[text.index('id="data-quality"') : text.index('id="coverage"')]
    assert "bad/empty.txt" in section and "empty_body" in section
    assert "No refused files." in section


def test_filters_hide_other_outlets_rows_and_points(page, tmp_path):
    everything = chromium_dom(page, tmp_path / "chrome-all")
    dpa_only = chromium_dom(page, tmp_path / "chrome-dpa", query="?outlet=dpa")

    def visible(dom: str) -> tuple[list[str], int]:
        rows = re.findall(r'<tr id="series-0-p\d+" class="point"([^>]*)>', dom)
        start, end = dom.index('id="series-0"'), dom.index('data-plot="series-0"')
        drawn = dom[start:end].count('class="point plotly-customdata"')
        return [a for a in rows if "display: none" not in a], drawn

    all_rows, all_drawn = visible(everything)
    dpa_rows, dpa_drawn = visible(dpa_only)
    assert all_drawn == len(all_rows) > len(dpa_rows) == dpa_drawn > 0
    assert all('data-outlet="dpa"' in a for a in dpa_rows)

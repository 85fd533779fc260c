"""`newsfacts` command line: a thin layer over the flows and the library."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from newsfacts.transforms.settings import SAMPLES_DIR, Settings
from newsfacts.warehouse.load import LOAD_ORDER, warehouse_exists, warehouse_folder

EPILOG = "Settings also come from NEWSFACTS_* environment variables (e.g. NEWSFACTS_DB, NEWSFACTS_MODEL)."


def _quiet_prefect() -> None:
    # Ephemeral Prefect prints server start-up chatter; keep the console for results.
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


def _summary_lines(summary: dict) -> list[str]:
    lines = [
        f"run {summary['run_id']}  model {summary['model']}",
        f"inbox {summary['inbox']} -> warehouse {summary['db']}"
        + (f"  (extraction: {summary['extraction']})" if summary.get("extraction") else ""),
        f"files seen {summary['files_seen']}: loaded {summary['loaded']}, "
        f"duplicates {summary['duplicates']}, quarantined {summary['quarantined']}"
        + (f", refused {summary['refused']}" if summary.get("refused") else ""),
    ]
    rows = summary.get("rows", {})
    shown = [t for t in LOAD_ORDER if t not in ("actor_aliases", "dq_results")]
    lines.append("rows added: " + ", ".join(f"{t} {rows.get(t, 0)}" for t in shown))
    flagged = summary.get("files", [])  # files with findings only
    for f in flagged[:30]:
        lines.append(f"  {f['outcome']:<11} {f['file']}  {', '.join(f['codes'])}")
    more = max(len(flagged) - 30, 0) + summary.get("files_not_listed", 0)
    if more > 0:
        lines.append(f"  ... and {more} more (see the format_issues and quarantine tables)")
    if summary["quarantined"]:
        lines.append(
            "Quarantined files stay in the inbox; see why with:\n"
            f'  newsfacts query "SELECT file_name, codes, message FROM quarantine" --db {summary["db"]}'
        )
    lines.append(f'Next: newsfacts query "SELECT * FROM articles LIMIT 5" --db {summary["db"]}')
    return lines


def cmd_run(args) -> int:
    _quiet_prefect()
    from newsfacts.flows import ingest
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    overrides = {
        "inbox": args.inbox,
        "db": args.db,
        "strict": args.strict or None,
        "batch_size": args.batch_size,
        "model": args.model,
        "workers": args.workers,
        "dask_address": args.dask,
    }
    settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    with Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        disable=args.no_progress or not sys.stderr.isatty(),
        console=None,
        transient=True,
    ) as bar:
        task_id = bar.add_task("files", total=None)
        hook = lambda done, total: bar.update(task_id, completed=done, total=total)  # noqa: E731
        ingest.PROGRESS_HOOKS.append(hook)
        try:
            summary = ingest.ingest_flow(
                inbox=str(settings.inbox),
                db=str(settings.db),
                strict=settings.strict,
                batch_size=settings.batch_size,
                model=settings.model,
                lock_wait_seconds=args.lock_wait,
                workers=settings.workers,
                dask_address=settings.dask_address,
            )
        except FileNotFoundError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        finally:
            ingest.PROGRESS_HOOKS.remove(hook)
    if summary.get("status") == "skipped":
        print(f"skipped: {summary['reason']}", file=sys.stderr)
        return 3
    if args.json:
        print(json.dumps(summary, indent=2, default=str))
    else:
        print("\n".join(_summary_lines(summary)))
    return 0


def cmd_serve(args) -> int:
    """Serve the ingest flow with a cron schedule from this process (flow.serve)."""
    from newsfacts.flows.ingest import ingest_flow
    from prefect.schedules import Cron

    params = {
        "inbox": args.inbox,
        "db": args.db,
        "strict": args.strict or None,
        "workers": args.workers,
        "dask_address": args.dask,
    }
    print(
        f"Serving newsfacts-ingest every '{args.cron}' ({args.timezone}); Ctrl+C stops. "
        "Runs report to PREFECT_API_URL (start one with `prefect server start`)."
    )
    ingest_flow.serve(
        name=args.name,
        schedule=Cron(args.cron, timezone=args.timezone),
        parameters={k: v for k, v in params.items() if v is not None},
        limit=1,
    )
    return 0


def cmd_evaluate(args) -> int:
    _quiet_prefect()
    import duckdb
    from newsfacts.flows import ingest
    from newsfacts.transforms.evaluate import load_gold, predictions_from_warehouse, score_corpus

    golds = load_gold(Path(args.gold))
    if not golds:
        print(f"error: no gold *.json files in {args.gold}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="newsfacts-eval-") as tmp:
        db = Path(tmp) / "eval.duckdb"
        ingest.ingest_flow(
            inbox=str(args.corpus),
            db=str(db),
            model=args.model,
            data_docs_dir=str(Path(tmp) / "docs"),
        )
        con = duckdb.connect(str(db), read_only=True)
        try:
            preds = predictions_from_warehouse(con)
        finally:
            con.close()
    result = score_corpus(preds, golds)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{result['articles']} articles scored against {args.gold}")
    print(f"{'kind':<12}{'precision':>10}{'recall':>10}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}")
    for kind in ("actors", "figures", "statements"):
        s = result[kind]
        print(
            f"{kind:<12}{s['precision']:>10.3f}{s['recall']:>10.3f}{s['f1']:>8.3f}{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}"
        )
    fa = result["figure_attributes"]
    print(
        f"figure attributes over {fa['matched']} matched figures: counted {fa['counted']:.3f}, "
        f"qualifier {fa['qualifier']:.3f}, claimed_by {fa['claimed_by']:.3f}"
    )
    if args.per_article:
        for name, r in result["per_article"].items():
            print(f"  {name}: " + ", ".join(f"{k} F1 {v['f1']:.2f}" for k, v in r.items()))
    return 0


def _warehouse_found(db: str) -> bool:
    """False, after saying what to do, when there is no warehouse at `db` yet."""
    if warehouse_exists(db):
        return True
    print(f"error: no warehouse at {db}; run `newsfacts run` first or pass --db", file=sys.stderr)
    return False


def cmd_query(args) -> int:
    from newsfacts.warehouse.query import run_query

    db = args.db or str(Settings().db)
    if not _warehouse_found(db):
        return 2
    try:
        print(run_query(db, args.sql, fmt=args.format, max_rows=args.max_rows))
    except Exception as exc:  # noqa: BLE001 - report SQL errors as messages
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_report(args) -> int:
    """Write the analyst report (HTML with plots) and say where the Data Docs are."""
    from newsfacts.warehouse.report import write_report

    overrides = {"db": args.db, "data_docs_dir": args.data_docs}
    settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    db = str(settings.db)
    index = Path(settings.data_docs_dir).resolve() / "index.html"
    if not _warehouse_found(db):
        return 2
    out = Path(args.out) if args.out else warehouse_folder(db) / "report.html"
    try:
        written = write_report(db, out, data_docs=index if index.exists() else None)
    except Exception as exc:  # noqa: BLE001 - e.g. the warehouse is locked by a writer
        print(f"error: could not build the report from {db}: {exc}", file=sys.stderr)
        return 1
    page = written.resolve()
    print(f"Report (figures, actors, speakers, conflicts): {page}")
    print(f"Open it in a browser: file://{page}")
    if index.exists():
        print(f"Data Docs (Great Expectations suites and validation results): {index}")
        print(f"Open it in a browser: file://{index}")
    else:
        print(
            f"No Data Docs at {index.parent} yet: they are rebuilt after every `newsfacts run`.",
            file=sys.stderr,
        )
    return 0


def cmd_export(args) -> int:
    """Write every table and view as Parquet (read-only connection)."""
    from newsfacts.warehouse.export import export_parquet

    db = args.db or str(Settings().db)
    if not _warehouse_found(db):
        return 2
    try:
        written = export_parquet(db, Path(args.parquet))
    except Exception as exc:  # noqa: BLE001 - report DuckDB errors as messages
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for e in written:
        print(f"{e.kind:<5} {e.name:<20} {e.rows:>8} rows -> {e.path}")
    print(f"{len(written)} Parquet files in {Path(args.parquet).resolve()}")
    return 0


def cmd_model_info(args) -> int:
    from newsfacts.transforms.nlp.extract import model_info

    print(json.dumps(model_info(args.model or Settings().model), indent=2, ensure_ascii=False))
    return 0


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        default=None,
        help="warehouse: a DuckDB file, or a DuckLake catalog as ducklake:sqlite:PATH, "
        "ducklake:postgres:CONNINFO or ducklake:PATH.ducklake (its Parquet files go to "
        "NEWSFACTS_LAKE_DATA_PATH, default <catalog>.files/) "
        "(default: NEWSFACTS_DB or var/newsfacts.duckdb)",
    )


def _add_workers(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="extraction processes beside the flow's own, one batch each at a time; 0 extracts "
        "in the flow's process (default 1, or NEWSFACTS_WORKERS). About one per CPU core.",
    )
    parser.add_argument(
        "--dask",
        metavar="ADDRESS",
        default=None,
        help="run extraction batches on Dask through Prefect's DaskTaskRunner: 'local' starts a "
        "LocalCluster of --workers processes, tcp://HOST:8786 uses a running scheduler "
        "(needs pip install 'newsfacts[dask]')",
    )


def _add_model(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        default=None,
        help="spaCy pipeline path or installed package (default: NEWSFACTS_MODEL or the shipped "
        "de_newsfacts)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsfacts",
        description="Extract actors, figures and statements from German news articles into DuckDB.",
        epilog=EPILOG,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser(
        "run", help="ingest an inbox folder into the warehouse (one flow run)", epilog=EPILOG
    )
    run.add_argument(
        "inbox",
        nargs="?",
        default=None,
        help=f"folder of article files (default: the bundled samples, {SAMPLES_DIR})",
    )
    _add_db(run)
    run.add_argument(
        "--strict",
        action="store_true",
        help="quarantine files on any format issue, warnings included",
    )
    run.add_argument(
        "--batch-size",
        type=int,
        default=None,
        help="files per batch and per transaction (default 200)",
    )
    _add_model(run)
    run.add_argument(
        "--lock-wait",
        type=float,
        default=600.0,
        help="seconds to wait for another run writing the same warehouse before skipping (default 600)",
    )
    _add_workers(run)
    run.add_argument(
        "--json",
        action="store_true",
        help="print the run summary as JSON (counts, rows added per table, files with findings)",
    )
    run.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    run.set_defaults(func=cmd_run)

    sv = sub.add_parser(
        "serve",
        help="run the ingest flow on a cron schedule from this process (Prefect flow.serve)",
        epilog=EPILOG,
    )
    sv.add_argument(
        "inbox",
        nargs="?",
        default=None,
        help="folder of article files (default: NEWSFACTS_INBOX or the samples)",
    )
    _add_db(sv)
    sv.add_argument("--strict", action="store_true", help="quarantine files on any format issue")
    _add_workers(sv)
    sv.add_argument(
        "--cron", default="*/15 * * * *", help="cron schedule (default every 15 minutes)"
    )
    sv.add_argument(
        "--timezone",
        default="Europe/Berlin",
        help="time zone of the schedule (default Europe/Berlin)",
    )
    sv.add_argument(
        "--name", default="newsfacts-serve", help="deployment name shown in the Prefect UI"
    )
    sv.set_defaults(func=cmd_serve)

    ev = sub.add_parser(
        "evaluate",
        help="score extraction against gold annotations (precision, recall, F1)",
        epilog=EPILOG,
    )
    ev.add_argument("--corpus", required=True, help="folder of article files")
    ev.add_argument(
        "--gold", required=True, help="folder of gold JSON files named <article file>.json"
    )
    _add_model(ev)
    ev.add_argument(
        "--json", action="store_true", help="print all scores, per article too, as JSON"
    )
    ev.add_argument("--per-article", action="store_true", help="also print F1 per article")
    ev.set_defaults(func=cmd_evaluate)

    q = sub.add_parser(
        "query", help="run read-only SQL against the warehouse and print the result", epilog=EPILOG
    )
    q.add_argument("sql", help='SQL to run, e.g. "SELECT * FROM figures LIMIT 10"')
    _add_db(q)
    q.add_argument(
        "--format",
        choices=["table", "csv", "json"],
        default="table",
        help="output format (default table)",
    )
    q.add_argument(
        "--max-rows",
        type=int,
        default=1000,
        help="rows to print at most in table format (default 1000)",
    )
    q.set_defaults(func=cmd_query)

    rp = sub.add_parser(
        "report",
        help="write the analyst report (one offline HTML page with plots) and print where "
        "the data-quality report (Great Expectations Data Docs) is",
        epilog=EPILOG,
    )
    _add_db(rp)
    rp.add_argument(
        "--out",
        default=None,
        help="HTML file to write (default: report.html beside the warehouse, var/report.html)",
    )
    rp.add_argument(
        "--data-docs",
        default=None,
        help="Data Docs folder (default: NEWSFACTS_DATA_DOCS_DIR or var/data_docs)",
    )
    rp.set_defaults(func=cmd_report)

    ex = sub.add_parser(
        "export",
        help="write every warehouse table and view as a Parquet file (read-only)",
        epilog=EPILOG,
    )
    ex.add_argument(
        "--parquet",
        required=True,
        metavar="DIR",
        help="folder for the Parquet files, one <table or view>.parquet each (created)",
    )
    _add_db(ex)
    ex.set_defaults(func=cmd_export)

    mi = sub.add_parser(
        "model-info",
        help="print the spaCy pipeline's path, name, version, labels and components as JSON",
        epilog=EPILOG,
    )
    _add_model(mi)
    mi.set_defaults(func=cmd_model_info)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

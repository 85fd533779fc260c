"""`newsfacts` command line: a thin layer over the flows and the library.

Each command is a pair: `add_<command>(subparsers)` declares its options right beside
`cmd_<command>(args)`, its body. `main` turns what can go wrong into one line on stderr
and a documented exit code (a traceback only with --verbose).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from newsfacts.transforms.batch import RunSummary
from newsfacts.transforms.errors import (
    EXIT_BUG,
    EXIT_SIGINT,
    BadInput,
    MissingResource,
    NewsfactsError,
    WarehouseBusy,
)
from newsfacts.transforms.settings import SAMPLES_DIR, Settings
from newsfacts.transforms.timing import StageClock

EPILOG = (
    "Settings also come from NEWSFACTS_* environment variables (e.g. NEWSFACTS_DB, "
    "NEWSFACTS_MODEL). Exit codes: 0 done, 1 unexpected error (a bug), 2 bad input, "
    "3 warehouse busy (lock wait over), 4 missing resource (pipeline, warehouse, Prefect "
    "server), 130 interrupted (Ctrl-C), 143 terminated (SIGTERM)."
)


# --- shared pieces -------------------------------------------------------------------


def settings_from(args: argparse.Namespace, **flags: str) -> Settings:
    """Settings from the environment, overridden by the flags that were given.

    `flags` maps a Settings field to the name of its argparse attribute; flags left at
    None (or a store_true flag not given) keep the environment's value."""
    given = {field: getattr(args, attr, None) for field, attr in flags.items()}
    return Settings().overridden(**{k: v for k, v in given.items() if v is not False})


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


def _add_lock_wait(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lock-wait",
        type=float,
        default=None,
        help="seconds to wait for another run writing the same warehouse before giving up "
        "with exit code 3 (default: NEWSFACTS_LOCK_WAIT_SECONDS or 600)",
    )


def _add_model(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        default=None,
        help="spaCy pipeline path or installed package (default: NEWSFACTS_MODEL or the shipped "
        "de_newsfacts)",
    )


def require_inbox(inbox: Path) -> None:
    if not Path(inbox).is_dir():
        raise BadInput(
            f"inbox {inbox} is not a folder",
            hint="pass an existing folder of article files (or set NEWSFACTS_INBOX)",
        )


def require_model(model: str) -> None:
    """The spaCy pipeline must be there before Prefect or a worker starts."""
    import importlib.util

    path = Path(model)
    if path.exists() or "/" in model:
        if (path / "config.cfg").is_file():
            return
        where = f"no spaCy pipeline at {path}"
    elif importlib.util.find_spec(model) is not None:
        return
    else:
        where = f"no installed spaCy pipeline package named {model!r}"
    raise MissingResource(
        where,
        hint="pass --model or set NEWSFACTS_MODEL to a pipeline folder or package; "
        "`newsfacts model-info` shows the shipped one",
    )


def require_warehouse(db: str) -> None:
    from newsfacts.warehouse.load import warehouse_exists

    if not warehouse_exists(db):
        raise MissingResource(
            f"no warehouse at {db}", hint="run `newsfacts run` first or pass --db"
        )


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def local_prefect() -> Iterator[str]:
    """The Prefect API for a command that runs flows (see flows.prefect_api)."""
    from newsfacts.flows.prefect_api import prefect_api

    def slow() -> None:
        _say(
            "starting Prefect's temporary API (its first start on a machine sets up a "
            "database, which can take a minute) ..."
        )

    with prefect_api(on_slow_start=slow) as url:
        yield url


# --- run ---------------------------------------------------------------------------


class ProgressBar:
    """The run's observer in a terminal: a bar with a total, and a line when it waits."""

    def __init__(self, enabled: bool):
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.bar = Progress(
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            disable=not enabled,
            transient=True,
        )
        self.task_id = None

    def __enter__(self):
        self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc)

    def waiting_for_lock(self, holder: str, wait_seconds: float) -> None:
        _say(
            f"waiting for the warehouse: {holder} is writing it; waiting up to "
            f"{wait_seconds:.0f} s (--lock-wait)"
        )

    def started(self, total_files: int) -> None:
        self.task_id = self.bar.add_task("files", total=total_files)

    def advanced(self, done: int, total: int) -> None:
        if self.task_id is not None:
            self.bar.update(self.task_id, completed=done, total=total)


def summary_lines(summary: RunSummary) -> list[str]:
    from newsfacts.warehouse.load import LOAD_ORDER

    lines = [
        f"run {summary.run_id}  model {summary.model}",
        f"inbox {summary.inbox} -> warehouse {summary.db}"
        + (f"  (extraction: {summary.extraction})" if summary.extraction else ""),
        f"files seen {summary.files_seen}: loaded {summary.loaded}, "
        f"duplicates {summary.duplicates}, quarantined {summary.quarantined}"
        + (f", refused {summary.refused}" if summary.refused else ""),
    ]
    shown = [t for t in LOAD_ORDER if t not in ("actor_aliases", "dq_results")]
    lines.append("rows added: " + ", ".join(f"{t} {summary.rows.get(t, 0)}" for t in shown))
    flagged = summary.files  # files with findings only
    for f in flagged[:30]:
        detail = f.get("reason") or ", ".join(f["codes"])
        lines.append(f"  {f['outcome']:<11} {f['file']}  {detail[:300]}")
    more = max(len(flagged) - 30, 0) + summary.files_not_listed
    if more > 0:
        lines.append(
            f"  ... and {more} more (see the format_issues, quarantine and refusals tables)"
        )
    lines += [f"note: {w}" for w in summary.warnings]
    return lines + _next_steps(summary)


def _next_steps(summary: RunSummary) -> list[str]:
    db = summary.db
    lines = []
    if summary.quarantined:
        lines.append(
            "Quarantined files stay in the inbox; see why with:\n"
            f'  newsfacts query "SELECT file_name, codes, message FROM quarantine" --db {db}'
        )
    if summary.refused:
        lines.append(
            "Refused files (their facts failed a data-quality check) are not extracted again "
            "until the pipeline or its rules change, or with --retry-refused; see why with:\n"
            f'  newsfacts query "SELECT file_name, codes, message FROM refusals" --db {db}'
        )
    lines.append(f'Next: newsfacts query "SELECT * FROM articles LIMIT 5" --db {db}')
    if summary.snapshot:
        lines.append(
            f"Notebooks and BI tools: open the snapshot {summary.snapshot} read-only "
            "(it is replaced after every run; reconnect to see new data)"
        )
    return lines


RUN_FLAGS = dict(
    inbox="inbox",
    db="db",
    strict="strict",
    batch_size="batch_size",
    model="model",
    workers="workers",
    dask_address="dask",
    retry_refused="retry_refused",
    rehash="rehash",
    lock_wait_seconds="lock_wait",
)


# the command's own stages beside the flow's (RunSummary.seconds)
PREFECT_START = "Prefect API: start of the temporary one, or a check of the server"
PREFECT_STOP = "Prefect API: stop of the temporary one"
FLOW_RUN = "the flow run in all (its stages and Prefect's calls around them)"


def cmd_run(args) -> int:
    settings = settings_from(args, **RUN_FLAGS)
    require_inbox(settings.inbox)
    require_model(settings.model)
    show_bar = not args.no_progress and sys.stderr.isatty()
    clock, api = StageClock(), ExitStack()
    with clock.stage(PREFECT_START):
        api.enter_context(local_prefect())
    from newsfacts.flows import ingest
    from newsfacts.flows.progress import observing

    try:
        with ProgressBar(show_bar) as bar, observing(bar), clock.stage(FLOW_RUN):
            summary = RunSummary.from_dict(ingest.ingest_flow(settings))
    finally:
        with clock.stage(PREFECT_STOP):
            api.close()
    summary.seconds.update(clock.rounded())
    if summary.status == "skipped":
        raise WarehouseBusy(summary.reason, hint="the next run picks these files up")
    if args.json:
        print(json.dumps(summary.as_dict(), indent=2, default=str))
    else:
        print("\n".join(summary_lines(summary)))
    return 0


def add_run(sub) -> None:
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
    _add_lock_wait(run)
    _add_workers(run)
    run.add_argument(
        "--rehash",
        action="store_true",
        help="read and hash every file; by default a file whose size and modification time "
        "are as when a run last read it counts as unchanged without being read",
    )
    run.add_argument(
        "--retry-refused",
        action="store_true",
        help="extract again files whose facts an earlier run refused under the same pipeline "
        "and rules (they are retried anyway when either changes)",
    )
    run.add_argument(
        "--json",
        action="store_true",
        help="print the run summary as JSON (counts, rows added per table, files with findings)",
    )
    run.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    run.set_defaults(func=cmd_run, uses_prefect=True)


# --- reprocess -----------------------------------------------------------------------

REPROCESS_FLAGS = dict(
    db="db", batch_size="batch_size", model="model", workers="workers",
    lock_wait_seconds="lock_wait",
)  # fmt: skip


def reprocess_lines(summary: dict) -> list[str]:
    what = "would reprocess" if summary["dry_run"] else "reprocessed"
    lines = [
        f"{what} {summary['reprocessed']} of {summary['selected']} articles with "
        f"{summary['extraction']} (warehouse {summary['db']})",
        f"articles whose statements changed: {summary['statements_changed']}",
        "rows per table (before -> after): "
        + ", ".join(f"{t} {v['before']} -> {v['after']}" for t, v in summary["tables"].items()),
    ]
    for name, why in summary["kept"][:30]:
        lines.append(f"  kept its facts: {name}  {why[:300]}")
    if not summary["dry_run"] and summary["selected"]:
        lines.append(
            "Facts per extraction version: "
            f'newsfacts query "SELECT * FROM extraction_versions" --db {summary["db"]}'
        )
    return lines


def cmd_reprocess(args) -> int:
    from newsfacts.flows.progress import observing
    from newsfacts.flows.reprocess import ReprocessOptions, reprocess_flow

    settings = settings_from(args, **REPROCESS_FLAGS)
    require_warehouse(str(settings.db))
    require_model(settings.model)
    options = ReprocessOptions(args.only_older, args.articles, args.dry_run)
    show_bar = not args.no_progress and sys.stderr.isatty()
    with local_prefect(), ProgressBar(show_bar) as bar, observing(bar):
        summary = reprocess_flow(settings, options)
    if summary["status"] == "skipped":
        raise WarehouseBusy(summary["reason"], hint="reprocess again when that run has ended")
    if args.json:
        print(json.dumps(summary, indent=2, default=str))
    else:
        print("\n".join(reprocess_lines(summary)))
    return 0


def add_reprocess(sub) -> None:
    rp = sub.add_parser(
        "reprocess",
        help="extract the warehouse's stored articles again with this pipeline and rules, "
        "replacing their facts (no inbox needed)",
        epilog=EPILOG,
    )
    _add_db(rp)
    _add_model(rp)
    rp.add_argument(
        "--batch-size", type=int, default=None,
        help="articles per batch and per transaction (default: NEWSFACTS_BATCH_SIZE or 200)",
    )  # fmt: skip
    rp.add_argument(
        "--only-older",
        action="store_true",
        help="only articles whose facts another pipeline or rules version made (what a "
        "killed reprocess left, or what the last release did not reach)",
    )
    rp.add_argument(
        "--articles",
        metavar="SQL-FILTER",
        default=None,
        help="only the articles this SQL condition on the articles table selects, e.g. "
        "\"published >= '2024-01-01' AND source = 'dpa'\"",
    )
    rp.add_argument(
        "--dry-run",
        action="store_true",
        help="extract and check, then report what would change per table without writing",
    )
    _add_workers(rp)
    _add_lock_wait(rp)
    rp.add_argument("--json", action="store_true", help="print the summary as JSON")
    rp.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    rp.set_defaults(func=cmd_reprocess, uses_prefect=True)


# --- serve -------------------------------------------------------------------------


def cmd_serve(args) -> int:
    """Serve the ingest flow with a cron schedule from this process (flow.serve)."""
    from newsfacts.flows.prefect_api import require_server

    url = require_server()
    from prefect.schedules import Cron

    from newsfacts.flows.ingest import ingest_flow

    given = {
        "inbox": args.inbox,
        "db": args.db,
        "strict": args.strict or None,
        "workers": args.workers,
        "dask_address": args.dask,
    }
    # the flow's `settings` parameter: what was given here; the rest comes from the
    # environment of the process that runs the flow
    settings = {k: v for k, v in given.items() if v is not None}
    _say(f"Serving newsfacts-ingest every '{args.cron}' ({args.timezone}) at {url}; Ctrl+C stops.")
    ingest_flow.serve(
        name=args.name,
        schedule=Cron(args.cron, timezone=args.timezone),
        parameters={"settings": settings} if settings else {},
        limit=1,
    )
    return 0


def add_serve(sub) -> None:
    sv = sub.add_parser(
        "serve",
        help="run the ingest flow on a cron schedule from this process (Prefect flow.serve); "
        "needs a Prefect server (PREFECT_API_URL)",
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
    sv.set_defaults(func=cmd_serve, uses_prefect=True)


# --- evaluate ----------------------------------------------------------------------


def _print_scores(result: dict, gold: str, per_article: bool) -> None:
    print(f"{result['articles']} articles scored against {gold}")
    print(f"{'kind':<12}{'precision':>10}{'recall':>10}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}")
    for kind in ("actors", "figures", "statements"):
        s = result[kind]
        print(
            f"{kind:<12}{s['precision']:>10.3f}{s['recall']:>10.3f}{s['f1']:>8.3f}"
            f"{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}"
        )
    fa = result["figure_attributes"]
    print(
        f"figure attributes over {fa['matched']} matched figures: counted {fa['counted']:.3f}, "
        f"qualifier {fa['qualifier']:.3f}, claimed_by {fa['claimed_by']:.3f}"
    )
    if per_article:
        for name, r in result["per_article"].items():
            print(f"  {name}: " + ", ".join(f"{k} F1 {v['f1']:.2f}" for k, v in r.items()))


def _run_into_temporary_warehouse(corpus: Path, model: str, tmp: Path, read):
    """Ingest `corpus` into a warehouse under `tmp` and return read(read-only connection)."""
    import duckdb

    from newsfacts.flows import ingest

    db = tmp / "eval.duckdb"
    ingest.ingest_flow(
        Settings().overridden(inbox=corpus, db=db, model=model, data_docs_dir=tmp / "docs")
    )
    con = duckdb.connect(str(db), read_only=True)
    try:
        return read(con)
    finally:
        con.close()


def cmd_evaluate(args) -> int:
    from newsfacts.transforms.evaluate import load_gold, predictions_from_warehouse, score_corpus

    model = args.model or Settings().model
    if args.wikinews:
        return _evaluate_wikinews(args, model)
    if not (args.corpus and args.gold):
        raise BadInput(
            "pass --corpus and --gold, or --wikinews FILE", hint="newsfacts evaluate --help"
        )
    require_inbox(Path(args.corpus))
    golds = load_gold(Path(args.gold))
    if not golds:
        raise BadInput(f"no gold *.json files in {args.gold}", hint="pass --gold FOLDER")
    missing = [name for name in golds if not (Path(args.corpus) / name).is_file()]
    if len(missing) == len(golds):
        # every score would be 0: the corpus folder is not the one the gold describes
        raise BadInput(
            f"none of the {len(golds)} gold articles is in {args.corpus} "
            f"(the first would be {Path(args.corpus) / missing[0]})",
            hint="pass the folder that holds the article files as --corpus",
        )
    require_model(model)
    with tempfile.TemporaryDirectory(prefix="newsfacts-eval-") as tmp, local_prefect():
        preds = _run_into_temporary_warehouse(
            Path(args.corpus), model, Path(tmp), predictions_from_warehouse
        )
    result = score_corpus(preds, golds)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        _print_scores(result, args.gold, args.per_article)
    return 0


def _evaluate_wikinews(args, model: str) -> int:
    import gzip

    from newsfacts.transforms.evaluate import (
        score_wikinews,
        spans_from_warehouse,
        wikinews_article_file,
    )

    path = Path(args.wikinews)
    if not path.is_file():
        raise BadInput(f"{path} is not a file", hint="pass a wikinews_quotes *.jsonl.gz file")
    require_model(model)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh][: args.limit or None]
    with tempfile.TemporaryDirectory(prefix="newsfacts-eval-") as tmp, local_prefect():
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        for row in rows:
            name, text, _ = wikinews_article_file(row)
            (inbox / name).write_text(text, encoding="utf-8")
        preds = _run_into_temporary_warehouse(inbox, model, Path(tmp), spans_from_warehouse)
    result = score_wikinews(preds, rows)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    q, qs = result["quotes"], result["quote_and_speaker"]
    print(f"{result['articles']} articles, {q['tp'] + q['fn']} quotations ({path.name})")
    print(f"quotations           P {q['precision']:.3f}  R {q['recall']:.3f}  F1 {q['f1']:.3f}")
    print(
        f"speaker right on matched quotations: {result['speaker_accuracy']:.3f} "
        "(the words naming the speaker, or its actor, at the gold speaker)"
    )
    print(
        f"  by the actor alone {result['speaker_accuracy_actor']:.3f}; "
        f"{result['speaker_accuracy_pronoun_antecedent']:.3f} crediting a pronoun to a recent mention"
    )
    print(f"quotation + speaker  P {qs['precision']:.3f}  R {qs['recall']:.3f}  F1 {qs['f1']:.3f}")
    qa = result["quote_and_actor"]
    print(f"  by the actor alone  P {qa['precision']:.3f}  R {qa['recall']:.3f}  F1 {qa['f1']:.3f}")
    for kind, v in result["by_type"].items():
        share = v["speaker_right"] / v["found"] if v["found"] else 0.0
        print(
            f"  {kind:<22} {v['gold']:>4} quotations, found {v['recall']:.3f}, speaker right {share:.3f}"
        )
    return 0


def add_evaluate(sub) -> None:
    ev = sub.add_parser(
        "evaluate",
        help="score extraction against gold annotations (precision, recall, F1)",
        epilog=EPILOG,
    )
    ev.add_argument("--corpus", help="folder of article files")
    ev.add_argument("--gold", help="folder of gold JSON files named <article file>.json")
    ev.add_argument(
        "--wikinews",
        metavar="FILE",
        help="instead of --corpus/--gold: a German Wikinews quotation file (jsonl or jsonl.gz "
        "of the Petersen-Frey & Biemann 2024 dataset); scores quotation detection and speaker "
        "attribution, in all and per quotation type",
    )
    ev.add_argument(
        "--limit", type=int, default=0, help="with --wikinews: score only the first N articles"
    )
    _add_model(ev)
    ev.add_argument(
        "--json", action="store_true", help="print all scores, per article too, as JSON"
    )
    ev.add_argument("--per-article", action="store_true", help="also print F1 per article")
    ev.set_defaults(func=cmd_evaluate, uses_prefect=True)


# --- query, report, export -----------------------------------------------------------


def duckdb_error(exc: Exception, db: str) -> NewsfactsError:
    """A DuckDB error as what the user can do about it."""

    if _is_lock_error(exc):
        return WarehouseBusy(
            f"{db} is open for writing by another process",
            hint="a run is loading a batch; retry in a moment",
        )
    return BadInput(str(exc).splitlines()[0])


def cmd_query(args) -> int:
    import duckdb

    from newsfacts.warehouse.query import run_query
    from newsfacts.warehouse.snapshot import snapshot_path

    settings = settings_from(args, db="db")
    db = str(settings.db)
    require_warehouse(db)
    lake_files = settings.lake_data_path
    try:
        print(run_query(db, args.sql, args.format, args.max_rows, data_path=lake_files))
    except duckdb.Error as exc:
        snapshot = snapshot_path(db)
        if not (_is_lock_error(exc) and snapshot.exists()):
            raise duckdb_error(exc, db) from None
        # a run is writing: answer from the snapshot the last run published
        print(
            f"note: {db} is being written; answered from the snapshot {snapshot}", file=sys.stderr
        )
        try:
            print(run_query(snapshot, args.sql, fmt=args.format, max_rows=args.max_rows))
        except duckdb.Error as again:
            raise duckdb_error(again, str(snapshot)) from None
    return 0


def _is_lock_error(exc: Exception) -> bool:
    import duckdb

    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def add_query(sub) -> None:
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


def cmd_report(args) -> int:
    """Write the analyst report (HTML with plots) and say where the Data Docs are."""
    import duckdb

    from newsfacts.warehouse.load import warehouse_folder
    from newsfacts.warehouse.report import write_report

    settings = settings_from(args, db="db", data_docs_dir="data_docs")
    db = str(settings.db)
    index = Path(settings.data_docs_dir).resolve() / "index.html"
    require_warehouse(db)
    out = Path(args.out) if args.out else warehouse_folder(db) / "report.html"
    try:
        docs = index if index.exists() else None
        written = write_report(db, out, data_docs=docs, data_path=settings.lake_data_path)
    except duckdb.Error as exc:
        raise duckdb_error(exc, db) from None
    page = written.resolve()
    print(f"Report (figures, actors, speakers, conflicts): {page}")
    print(f"Open it in a browser: file://{page}")
    if index.exists():
        print(f"Data Docs (Great Expectations suites and validation results): {index}")
        print(f"Open it in a browser: file://{index}")
    else:
        _say(f"No Data Docs at {index.parent} yet: they are rebuilt after every `newsfacts run`.")
    return 0


def add_report(sub) -> None:
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


def cmd_export(args) -> int:
    """Write every table and view as Parquet (read-only connection)."""
    import duckdb

    from newsfacts.warehouse.export import export_parquet

    settings = settings_from(args, db="db")
    db = str(settings.db)
    require_warehouse(db)
    try:
        written = export_parquet(db, Path(args.parquet), data_path=settings.lake_data_path)
    except duckdb.Error as exc:
        raise duckdb_error(exc, db) from None
    for e in written:
        print(f"{e.kind:<5} {e.name:<20} {e.rows:>8} rows -> {e.path}")
    print(f"{len(written)} Parquet files in {Path(args.parquet).resolve()}")
    return 0


def add_export(sub) -> None:
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


# --- model-info --------------------------------------------------------------------


def cmd_model_info(args) -> int:
    from newsfacts.transforms.nlp.extract import model_info
    from newsfacts.transforms.nlp.meta import extraction_version

    model = args.model or Settings().model
    require_model(model)
    info = model_info(model)
    info["extraction_version"] = extraction_version(model)
    print(json.dumps(info, indent=2, ensure_ascii=False))
    return 0


def add_model_info(sub) -> None:
    mi = sub.add_parser(
        "model-info",
        help="print the spaCy pipeline's path, name, version, labels and components as JSON",
        epilog=EPILOG,
    )
    _add_model(mi)
    mi.set_defaults(func=cmd_model_info)


# --- the program -------------------------------------------------------------------


def version_text() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from newsfacts.transforms.nlp.meta import model_label, rules_version

    try:
        package = version("newsfacts")
    except PackageNotFoundError:  # running from a checkout that is not installed
        package = "(not installed)"
    try:
        pipeline = model_label(Settings().model)
    except Exception:  # noqa: BLE001 - --version must answer even without a pipeline
        pipeline = "no pipeline found"
    return f"newsfacts {package} (pipeline {pipeline}, rules {rules_version()})"


class _VersionAction(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None):
        print(version_text())
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsfacts",
        description="Extract actors, figures and statements from German news articles into DuckDB.",
        epilog=EPILOG,
    )
    parser.add_argument(
        "--version", action=_VersionAction, nargs=0, help="print the version and exit"
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--verbose",
        action="store_true",
        help="show Prefect's log and the full traceback of an error",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    original = sub.add_parser

    def add_parser(name, **kwargs):  # every command takes --verbose
        return original(name, parents=[common], **kwargs)

    sub.add_parser = add_parser
    for add in (
        add_run,
        add_reprocess,
        add_serve,
        add_evaluate,
        add_query,
        add_report,
        add_export,
        add_model_info,
    ):
        add(sub)
    return parser


@contextmanager
def prefect_console(verbose: bool, uses_prefect: bool) -> Iterator[None]:
    """Prefect's console log only with --verbose: otherwise errors reach the user as one
    line from `main`, not as Prefect's traceback dump (the API still gets the logs)."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if verbose or not uses_prefect:
        yield
        return
    import logging

    from prefect.logging.configuration import setup_logging

    setup_logging()
    consoles = [
        h for h in logging.getLogger().handlers if type(h).__name__ == "PrefectConsoleHandler"
    ]
    levels = [h.level for h in consoles]
    for handler in consoles:
        handler.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for handler, level in zip(consoles, levels, strict=True):
            handler.setLevel(level)


def _terminate_as_exception(signum, frame) -> None:
    from prefect.exceptions import TerminationSignal

    raise TerminationSignal(signum)


def run_command(args: argparse.Namespace) -> int:
    """Run one parsed command; every way it can end becomes an exit code."""
    verbose = getattr(args, "verbose", False)
    # SIGINT stops a command even when a shell started it with SIGINT ignored (a
    # background job of a script), as the documented exit code 130 promises
    previous = {
        signal.SIGTERM: signal.signal(signal.SIGTERM, _terminate_as_exception),
        signal.SIGINT: signal.signal(signal.SIGINT, signal.default_int_handler),
    }
    try:
        with prefect_console(verbose, getattr(args, "uses_prefect", False)):
            return args.func(args)
    except NewsfactsError as exc:
        if verbose:
            import traceback

            traceback.print_exc()
        _say(f"error: {exc}" + (f"\nnext: {exc.hint}" if exc.hint else ""))
        return exc.exit_code
    except KeyboardInterrupt:
        _say(_stopped_message("Ctrl-C (SIGINT)"))
        return EXIT_SIGINT
    except BaseException as exc:
        from prefect.exceptions import TerminationSignal

        if isinstance(exc, TerminationSignal):
            _say(_stopped_message(signal.Signals(exc.signal).name))
            return 128 + exc.signal
        if isinstance(exc, SystemExit):
            raise
        if verbose:
            import traceback

            traceback.print_exc()
        _say(
            f"error: unexpected {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}\n"
            "next: rerun with --verbose for the traceback, and please report it"
        )
        return EXIT_BUG
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _stopped_message(how: str) -> str:
    return (
        f"stopped by {how}. What had loaded stays; the batch in progress was rolled back "
        "and the run is marked 'cancelled'. Run the same command again to continue."
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run_command(args)


def console_main() -> None:
    """The `newsfacts` command: main(), then exit without tearing the interpreter down.

    Python's own finalization of what a run imported (Prefect, Great Expectations, spaCy,
    polars) takes two to three seconds after the work is done; the exit handlers still
    run (logging, temporary files, Prefect's queues), output is flushed, then the
    process ends with main()'s code. An error that escapes main() exits the usual way."""
    import atexit

    try:
        code = main()
    except SystemExit as exc:  # --help, argparse's usage errors: as Python exits
        code = exc.code
        if code is not None and not isinstance(code, int):
            print(code, file=sys.stderr)
            code = 1
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


if __name__ == "__main__":
    sys.exit(main())

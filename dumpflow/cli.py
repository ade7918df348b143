"""The `dumpflow` command.

Prefect is imported only inside the commands that run a flow, so `query` and
`status` answer instantly and work on a machine where the server is down.

Exit codes, the same for every command: 0 ok, 1 failed (the work was tried
and did not succeed), 2 usage (a bad argument or setting, a missing file,
warehouse or dump: nothing was written), 130 interrupted (Ctrl-C or SIGTERM;
what was committed stays, run the command again to continue).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from dumpflow import __version__, config, output, warehouse
from dumpflow.results import FORMATS

if TYPE_CHECKING:
    from prefect import Flow

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

# Prefect's console log handler, for `dumpflow ingest`, unless the user set it:
# the run's log lines still reach the Prefect server (its UI shows them); the
# terminal gets the progress bar and the summary, plus Prefect's errors.
PREFECT_CONSOLE_LEVEL = "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"

# A waiting reader gets the file after the ingest's current step (a few seconds
# per 4 MiB batch, longer while DuckDB checkpoints a large warehouse).
READER_WAIT = 30.0


def _add_warehouse(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--warehouse",
        metavar="FILE",
        default=None,
        help=f"DuckDB file (default: $DUMPFLOW_WAREHOUSE or {config.DEFAULT_WAREHOUSE})",
    )


def _runner_usage_error(args: argparse.Namespace) -> str | None:
    """Why the runner options do not fit together, or None; checked before anything is opened."""
    if args.runner != "dask" and (args.workers is not None or args.dask_address is not None):
        return "--workers and --dask-address need --runner dask"
    if args.workers is not None and args.dask_address is not None:
        return "--workers sizes the local cluster; the cluster at --dask-address has its own workers"
    if args.workers is not None and args.workers < 1:
        return f"--workers must be at least 1, not {args.workers}"
    if args.dask_address is not None:
        from flows.runners import address_problem

        return address_problem(args.dask_address)
    return None


def _bound_ingest(args: argparse.Namespace) -> Flow:
    """The ingest flow bound to the runner the options ask for (they were checked by _runner_usage_error)."""
    from flows.ingest import ingest
    from flows.runners import with_runner

    return with_runner(ingest, args.runner, workers=args.workers, address=args.dask_address)


def _reachable(args: argparse.Namespace) -> bool:
    """False (and why, on stderr) when --dask-address names a cluster that cannot take work."""
    if args.dask_address is None:
        return True
    from flows.runners import RunnerUnavailable, probe

    try:
        probe(args.dask_address)
    except RunnerUnavailable as exc:
        print(f"dumpflow: {exc}", file=sys.stderr)
        return False
    return True


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def cmd_ingest(args: argparse.Namespace) -> int:
    """Ingest; a path that does not exist is a usage error, and nothing to ingest is not an error.

    Both are decided before the warehouse is opened, so neither leaves a file,
    a run row or a rejected row behind.
    """
    from dumpflow import interrupt, progress, read, terminal
    from dumpflow.summary import JSON_VERSION, summary_json, summary_lines, timeline

    config.apply_prefect_defaults()  # before anything imports Prefect
    if (why := _runner_usage_error(args)) is not None:
        print(f"dumpflow: {why}", file=sys.stderr)
        return EXIT_USAGE
    db = config.warehouse_path(args.warehouse)
    paths = args.paths or [config.DEFAULT_RAW]
    if missing := [str(p) for p in paths if not p.exists()]:
        print(f"dumpflow: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    if not read.any_files(paths):
        print(f"dumpflow: no dump files under {', '.join(map(str, paths))}; nothing to do", file=sys.stderr)
        if args.json:
            _print_json({"version": JSON_VERSION, "warehouse": str(db), "run_id": None, "status": "no_files"})
        return EXIT_OK
    os.environ.setdefault(PREFECT_CONSOLE_LEVEL, "ERROR")
    if not _reachable(args):
        return EXIT_FAILED
    from dumpflow.runtime import paused_gc

    with paused_gc():  # Prefect and the engine import ~140k objects the collector would walk again and again
        ingest = _bound_ingest(args)

    try:
        with interrupt.graceful(), terminal.progress_display(args.quiet) as bar, progress.reporting(bar):
            called = time.time()
            summary = ingest(
                paths=[str(p) for p in paths],
                warehouse_file=str(db),
                max_file_bytes=args.max_bytes,
            )
            returned = time.time()
    except warehouse.WarehouseBusy as exc:
        print(f"dumpflow: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BaseException as exc:  # the flow failed: its state in Prefect has the traceback
        if interrupt.requested() or interrupt.is_interruption(exc):
            print("dumpflow: interrupted; run it again to continue", file=sys.stderr)
            return EXIT_INTERRUPTED
        if not isinstance(exc, Exception):
            raise
        print(f"dumpflow: ingest failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        _print_json({**summary_json(summary, str(db)), "timeline": timeline(called, summary, returned)})
    else:
        print(f"warehouse: {db}")
        for line in summary_lines(summary):
            print(line)
    if summary.status == "interrupted":
        print(
            f"dumpflow: interrupted; {summary.batches_loaded} of {summary.batches} batches loaded, "
            "run it again to continue",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve `ingest/nightly` on the server in PREFECT_API_URL until interrupted.

    Never an ephemeral server: it would vanish with this process, and with it
    the schedule and the run history.
    """
    config.apply_prefect_defaults()
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    from flows import deploy

    api_url = PREFECT_API_URL.value()
    if not api_url:
        print(
            "dumpflow: PREFECT_API_URL is not set; start `prefect server start` and export "
            "PREFECT_API_URL=http://127.0.0.1:4200/api (schedules need a running server)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    paths = args.paths or [config.DEFAULT_RAW]
    if missing := [str(p) for p in paths if not p.exists()]:
        print(f"dumpflow: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    cron = args.cron or deploy.DEFAULT_CRON
    timezone = args.timezone or deploy.DEFAULT_TIMEZONE
    try:
        deploy.schedule(cron, timezone)
    except ValueError as exc:
        print(f"dumpflow: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with get_client(sync_client=True) as client:
        if (error := client.api_healthcheck()) is not None:
            print(f"dumpflow: no Prefect server answers at {api_url}: {error}", file=sys.stderr)
            return EXIT_FAILED
    deploy.serve_nightly(
        paths,
        config.warehouse_path(args.warehouse),
        cron=cron,
        timezone=timezone,
        retries=deploy.RETRIES if args.retries is None else args.retries,
        retry_delay_seconds=deploy.RETRY_DELAY_SECONDS if args.retry_delay is None else args.retry_delay,
    )
    return EXIT_OK


def _existing_warehouse(args: argparse.Namespace) -> Path | None:
    """The warehouse a reading or maintenance command works on; None (and why, on stderr) when there is none."""
    db = config.warehouse_path(args.warehouse)
    if not db.exists():
        print(f"dumpflow: no warehouse at {db}; run `dumpflow ingest` first", file=sys.stderr)
        return None
    return db


def _say_upgraded(db: Path, applied: list[int], quiet: bool = False) -> None:
    if applied and not quiet:
        print(f"dumpflow: upgraded {db} with migrations {', '.join(map(str, applied))}", file=sys.stderr)


class Exit(Exception):
    """End the command with this exit code (the reason is already on stderr)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _open_read_only(args: argparse.Namespace, locked: bool = False) -> duckdb.DuckDBPyConnection:
    """A read-only connection, or Exit: 2 when there is no warehouse, 1 when it cannot be opened (busy, damaged).

    `locked` is DuckDB's own lock-down (no files, URLs or extensions) for commands that only read tables.
    The connection that answers is the one that looks for pending migrations: `warehouse.upgrade` opens
    the file with its own 30 s wait, so calling it first made a busy warehouse ignore --wait.
    """
    db = _existing_warehouse(args)
    if db is None:
        raise Exit(EXIT_USAGE)
    try:
        con = warehouse.connect(db, read_only=True, wait_seconds=args.wait, locked=locked)
        try:
            pending = warehouse.pending_versions(con)
        except BaseException:
            con.close()
            raise
        if not pending:
            return con
        con.close()  # an older file: brought up to date (briefly writing), then opened again to read
        _say_upgraded(db, warehouse.upgrade(db), getattr(args, "quiet", False))
        return warehouse.connect(db, read_only=True, wait_seconds=args.wait, locked=locked)
    except warehouse.WarehouseBusy as exc:
        print(f"dumpflow: {exc}; try again when it finishes", file=sys.stderr)
        raise Exit(EXIT_FAILED) from None
    except duckdb.Error as exc:
        print(f"dumpflow: cannot open {db}: {exc}", file=sys.stderr)
        raise Exit(EXIT_FAILED) from None


def cmd_query(args: argparse.Namespace) -> int:
    """Run SQL on a locked read-only connection and hand the result to DuckDB's renderer or writers."""
    from dumpflow import results
    from dumpflow.sqlguard import refusal

    if args.format in results.NEEDS_FILE and args.out is None:
        print(f"dumpflow: --format {args.format} writes a file: add --out FILE", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "table" and args.out is not None:
        print("dumpflow: the table is for the terminal; with --out choose csv, json or parquet", file=sys.stderr)
        return EXIT_USAGE
    con = _open_read_only(args, locked=True)
    try:
        if (why := refusal(con, args.sql)) is not None:
            print(f"dumpflow: refused: {why}", file=sys.stderr)
            return EXIT_USAGE
        rel = con.sql(args.sql, params=args.param or None)
        if rel is None:  # the last statement returns no rows
            return EXIT_OK
        if args.format == "table":
            results.show(rel, max_width=args.max_width, max_rows=args.max_rows)
        elif args.out is not None:
            results.write_file(rel, args.format, args.out)
            print(f"wrote {args.out} ({args.format})", file=sys.stderr)
        else:
            results.write_stdout(rel, args.format)
    except duckdb.Error as exc:
        # The whole text: DuckDB's hints ("Did you mean", candidate columns, the caret under LINE 1) are the help.
        print(f"dumpflow: SQL error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        raise  # the reader of stdout left (`| head`): main() ends quietly
    except OSError as exc:  # --out names a place that cannot be written
        print(f"dumpflow: cannot write {args.out}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        con.close()
    return EXIT_OK


STATUS_TABLES = ("dumps", "sightings", "articles", "article_topics", "merges", "dropped_lines", "runs")
RUN_COLUMNS = (
    "run_id, started_at, finished_at, status, n_files, n_loaded, n_already_loaded, n_rejected, n_entries, "
    "n_new_articles, n_repeats, error"
)
SHOWN_RUN_COLUMNS = (
    "run_id",
    "started_at",
    "status",
    "n_files",
    "n_loaded",
    "n_already_loaded",
    "n_rejected",
    "n_entries",
    "n_new_articles",
)


def cmd_status(args: argparse.Namespace) -> int:
    from dumpflow.summary import JSON_VERSION

    con = _open_read_only(args)
    db = config.warehouse_path(args.warehouse)
    try:
        version = warehouse.schema_version(con)
        counts = {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in STATUS_TABLES}
        cursor = con.execute(f"SELECT {RUN_COLUMNS} FROM runs ORDER BY started_at DESC LIMIT ?", [args.runs])
        names = [d[0] for d in cursor.description]
        runs = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        rejected = con.execute(
            "SELECT source_name, source_path, reason FROM dumps WHERE status = 'rejected' "
            "ORDER BY ingested_at DESC, source_name LIMIT 20"
        ).fetchall()
    finally:
        con.close()
    if args.json:
        _print_json(
            {
                "version": JSON_VERSION,
                "warehouse": str(db),
                "schema_version": version,
                "tables": counts,
                "runs": [{k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in run.items()} for run in runs],
                "rejected": [{"source_name": n, "source_path": p, "reason": r} for n, p, r in rejected],
            }
        )
        return EXIT_OK
    print(f"warehouse: {db} (schema version {version})")
    output.table(sys.stdout, ["table", "rows"], list(counts.items()))
    print()
    output.table(sys.stdout, list(SHOWN_RUN_COLUMNS), [[run[c] for c in SHOWN_RUN_COLUMNS] for run in runs])
    if rejected:
        print()
        output.table(sys.stdout, ["rejected file", "reason"], [(n, r) for n, _, r in rejected])
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from dumpflow import export, terminal

    con = _open_read_only(args)
    try:
        with terminal.progress_display(args.quiet) as bar:
            result = export.export(con, args.directory, fmt=args.format, overwrite=args.overwrite, progress=bar)
    except export.ExportError as exc:
        print(f"dumpflow: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (duckdb.Error, OSError) as exc:
        print(f"dumpflow: export failed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        con.close()
    print(f"exported to {result.directory} ({args.format})")
    output.table(sys.stdout, ["table", "rows"], list(result.rows.items()))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from dumpflow import report

    con = _open_read_only(args, locked=True)  # it only reads tables; the page is written by Python
    try:
        page = report.build(con)
    except duckdb.Error as exc:
        print(f"dumpflow: report failed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        con.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(page, encoding="utf-8")
    print(f"report: {args.out}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Exit 0 with one OK line when every invariant holds, 1 with one line per broken one."""
    from dumpflow import check

    con = _open_read_only(args, locked=True)  # it only reads tables
    try:
        failures = check.run_checks(con)
        ok_line = None if failures else check.summary_line(con)
    finally:
        con.close()
    if ok_line:
        print(ok_line)
        return EXIT_OK
    print(f"FAILED: {len(failures)} invariant(s) broken in {config.warehouse_path(args.warehouse)}")
    for failure in failures:
        print(f"  {failure.line()}")
    return EXIT_FAILED


def cmd_retag(args: argparse.Namespace) -> int:
    """Tag every stored article again with the current taxonomy (after editing schemas/topics.toml)."""
    from dumpflow import terminal, topics

    db = _existing_warehouse(args)
    if db is None:
        return EXIT_USAGE
    try:
        taxonomy = topics.load_taxonomy()
    except (OSError, topics.TaxonomyError) as exc:
        print(f"dumpflow: cannot read the taxonomy: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        # The ingest's lock: an ingest writing tags meanwhile would undo part of the work.
        with warehouse.writer_lock(db, config.lock_timeout_seconds()), warehouse.session(db) as con:
            # An older warehouse is brought up to date on the same open.
            _say_upgraded(db, warehouse.migrate(con), args.quiet)
            with terminal.progress_display(args.quiet) as bar:
                result = warehouse.retag_topics(con, lambda bodies: topics.tag_many(bodies, taxonomy), progress=bar)
    except warehouse.WarehouseBusy as exc:
        print(f"dumpflow: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except duckdb.Error as exc:
        print(f"dumpflow: retag failed, the old tags are kept: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(
        f"articles: {result.n_articles}  re-tagged: {result.n_changed}  "
        f"tags before: {result.n_tags_before}  after: {result.n_tags_after}"
    )
    return EXIT_OK


def cmd_forget(args: argparse.Namespace) -> int:
    """Remove one dump (by id, id prefix, name, path, or the file itself) and what only it contributed."""
    from dumpflow import read

    db = _existing_warehouse(args)
    if db is None:
        return EXIT_USAGE
    file = Path(args.dump)
    try:
        # The ingest's lock: an ingest loading meanwhile could match against what is being removed.
        with warehouse.writer_lock(db, config.lock_timeout_seconds()), warehouse.session(db) as con:
            _say_upgraded(db, warehouse.migrate(con))
            found = warehouse.matching_dumps(con, args.dump)
            if not found and file.is_file():
                found = warehouse.matching_dumps(con, read.sha256_file(file))
            if len(found) != 1:
                what = "no dump" if not found else f"{len(found)} dumps"
                print(f"dumpflow: {what} in {db} match {args.dump!r}; give a dump id or file", file=sys.stderr)
                return EXIT_USAGE
            result = warehouse.forget_dump(con, found[0][0])
    except warehouse.WarehouseBusy as exc:
        print(f"dumpflow: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except duckdb.Error as exc:
        print(f"dumpflow: forget failed, nothing was removed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if result is None:  # removed by someone else between the lookup and the delete: not possible under the lock
        return EXIT_USAGE
    print(
        f"forgot {result.source_name} ({result.dump_id[:16]}, {result.status}): {result.n_sightings} sightings, "
        f"{result.n_merges} merges, {result.n_dropped_lines} dropped lines, "
        f"{result.n_articles_removed} articles removed, {result.n_articles_kept} kept (sighted elsewhere)"
    )
    if result.n_articles_kept_with_its_text:
        print(
            f"note: {result.n_articles_kept_with_its_text} kept articles keep the text and index versions "
            "this dump gave them (see docs/cli.md: forget)"
        )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dumpflow", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"dumpflow {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="ingest dump files or folders (default: raw/) through the Prefect flow")
    p.add_argument("paths", nargs="*", type=Path, help="dump files or folders")
    _add_warehouse(p)
    p.add_argument(
        "--max-bytes",
        type=_size,
        default=None,
        metavar="SIZE",
        help="reject files larger than this, e.g. 64MB (default: $DUMPFLOW_MAX_BYTES or 64MiB)",
    )
    _add_quiet(p)
    p.add_argument("--json", action="store_true", help="print the summary as JSON (keys in docs/cli.md)")
    p.add_argument(
        "--runner",
        choices=("thread", "dask"),
        default="thread",
        help="where CPU stages run: this process (default) or dask.distributed workers",
    )
    p.add_argument(
        "--workers", type=int, default=None, help="dask: worker processes of the local cluster (default: CPU count)"
    )
    p.add_argument(
        "--dask-address",
        default=None,
        metavar="URL",
        help="dask: scheduler of an existing cluster, tcp://HOST:PORT (its workers need dumpflow importable)",
    )
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("serve", help="serve the nightly deployment ingest/nightly on the server in PREFECT_API_URL")
    p.add_argument("paths", nargs="*", type=Path, help="dump files or folders (default: raw/)")
    _add_warehouse(p)
    p.add_argument("--cron", help="when runs start, a cron expression (default: '0 2 * * *', 02:00 daily)")
    p.add_argument("--timezone", help="IANA time zone the cron expression is in (default: UTC)")
    p.add_argument("--retries", type=int, help="whole-run retries after a failure (default: 2)")
    p.add_argument("--retry-delay", type=float, metavar="SECONDS", help="wait before a retry (default: 600)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("query", help="run SQL on a locked read-only connection (no files, no network, no SET)")
    p.add_argument("sql")
    _add_warehouse(p)
    p.add_argument(
        "--param",
        action="append",
        metavar="VALUE",
        help="a value bound to the next ? (or $1, $2, ...) in the SQL, never spliced into it; repeatable",
    )
    p.add_argument("--format", choices=FORMATS, default="table", help="table (default), csv, json, parquet")
    p.add_argument("--out", type=Path, metavar="FILE", help="write the result to FILE (needed for parquet)")
    p.add_argument(
        "--max-width",
        type=int,
        default=None,
        help="widest the table gets, in characters; DuckDB cuts or wraps cells to fit (default: terminal width)",
    )
    p.add_argument(
        "--max-rows",
        type=int,
        default=40,
        help="rows the table shows, half from the start and half from the end (default: 40; csv/json give all)",
    )
    p.add_argument("--wait", type=float, default=READER_WAIT, help="seconds to wait while an ingest holds the file")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("status", help="recent runs and table counts")
    _add_warehouse(p)
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--wait", type=float, default=READER_WAIT)
    p.add_argument("--json", action="store_true", help="print counts, runs and rejected files as JSON")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("export", help="write the content tables to DIR as Parquet (articles partitioned by day) or CSV")
    p.add_argument("directory", metavar="DIR", type=Path)
    p.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    p.add_argument("--overwrite", action="store_true", help="replace DIR even if it is not empty")
    _add_warehouse(p)
    _add_quiet(p)
    p.add_argument("--wait", type=float, default=READER_WAIT)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("report", help="write a self-contained HTML report with charts (opens offline)")
    p.add_argument("--out", type=Path, default=config.DEFAULT_WAREHOUSE.parent / "report.html", metavar="FILE")
    _add_warehouse(p)
    p.add_argument("--wait", type=float, default=READER_WAIT)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("retag", help="tag every stored article again with the current taxonomy (schemas/topics.toml)")
    _add_warehouse(p)
    _add_quiet(p)
    p.set_defaults(func=cmd_retag)

    p = sub.add_parser("forget", help="remove one dump and what only it contributed, in one transaction")
    p.add_argument("dump", metavar="DUMP_ID|FILE", help="a dump id (or a unique prefix of 8+ characters) or the file")
    _add_warehouse(p)
    p.set_defaults(func=cmd_forget)

    p = sub.add_parser("check", help="verify the warehouse's invariants (exit 1 and a list when one is broken)")
    _add_warehouse(p)
    p.add_argument("--wait", type=float, default=READER_WAIT)
    p.set_defaults(func=cmd_check)
    return parser


def _size(text: str) -> int:
    try:
        return config.parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_quiet(p: argparse.ArgumentParser) -> None:
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no notes on stderr")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        config.settings()  # every DUMPFLOW_* variable checked before any work starts
    except config.SettingError as exc:
        print(f"dumpflow: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except Exit as done:
        return done.code
    except KeyboardInterrupt:  # Ctrl-C in a command other than ingest: its own transaction or staging is undone
        print("dumpflow: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `dumpflow query ... | head` closed the pipe: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())

"""The `ingest` flow: raw/ -> read + clean -> dedup -> language/topics -> warehouse.

Tasks wrap engine steps over batches of dumps (never one task per entry).
Batches run in file order, each matched against what the previous one loaded,
so a run is the same as ingesting the files one by one. Only the I/O tasks
retry; the text steps are pure and would fail the same way again.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from prefect import State, Task, flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.exceptions import TerminationSignal
from prefect.runtime import flow_run

from dumpflow import clean, config, dedup, enrich, interrupt, progress, read, warehouse
from dumpflow.runtime import paused_gc, thawed_gc
from dumpflow.summary import Tally, summary_markdown
from flows import runners
from schemas.records import (
    AnnotatedDump,
    Annotation,
    CleanDump,
    DumpFile,
    LoadResult,
    MatchedDump,
    Rejection,
    RunnerInfo,
    RunSummary,
)

# No task result is ever reused, so no cache key: Prefect's default one would
# hash every input record of every batch for nothing.
IO_RETRIES = 2
IO_RETRY_DELAYS = [1, 5]


def retry_unless_stopping(task: Task, task_run: object, state: State) -> bool:
    """Retry an I/O task's failure, except one that is a stop someone asked for.

    Ctrl-C during a DuckDB query comes back as `duckdb.InterruptException`, an
    ordinary exception, and Prefect retried it: the ingest carried on.
    """
    return not interrupt.requested() and not interrupt.is_interruption(state.data)


IO_RETRY = {"retries": IO_RETRIES, "retry_delay_seconds": IO_RETRY_DELAYS, "retry_condition_fn": retry_unless_stopping}


@task(**IO_RETRY, cache_policy=NO_CACHE)
def find_dumps(
    paths: Sequence[str], writer: warehouse.Writer
) -> tuple[list[DumpFile], list[DumpFile], list[Rejection]]:
    """New dumps, dumps already loaded, and files that could not even be read."""
    new, duplicates, rejected = read.identify_all(read.discover(paths))
    with writer.connection() as con:
        loaded = warehouse.loaded_dump_ids(con, [d.dump_id for d in new])
    already = [d for d in new if d.dump_id in loaded] + duplicates
    return [d for d in new if d.dump_id not in loaded], already, rejected


T = TypeVar("T")
R = TypeVar("R")


class Batch(Generic[T]):
    """A list of records that Prefect passes between tasks without looking inside.

    Prefect walks every argument and return value of a task looking for
    futures; on a batch of 12,000 pydantic records that walk alone took 1.4 s
    per hop here, more than the work. A plain slotted box is not walked.
    """

    __slots__ = ("items",)

    def __init__(self, items: Sequence[T]) -> None:
        self.items: list[T] = list(items)


@task(**IO_RETRY, cache_policy=NO_CACHE)
def prepare_batch(dumps: Batch[DumpFile], limit: int, base: str) -> Batch[CleanDump | Rejection]:
    """Read and clean a slice of dumps in one task run.

    One task, not two: on Dask the parsed entries never travel back to the flow
    only to be sent out again to be cleaned (a 4 MiB batch crossed as ~15 MB of
    pickled records each way), and Prefect tracks one task run per batch fewer.
    Retrying after an I/O failure redoes the cleaning too, which is pure.
    """
    with paused_gc():
        return Batch([_prepare(dump, limit, base) for dump in dumps.items])


def _prepare(dump: DumpFile, limit: int, base: str) -> CleanDump | Rejection:
    parsed = read.read_dump(dump, limit, base)
    return parsed if isinstance(parsed, Rejection) else clean.clean_or_reject(parsed)


@task(**IO_RETRY, cache_policy=NO_CACHE)
def match_batch(cleaned: Batch[CleanDump], writer: warehouse.Writer) -> Batch[MatchedDump]:
    with writer.connection() as con, paused_gc():
        return Batch(dedup.match_dumps(cleaned.items, warehouse.WarehouseSource(con)))


@task(cache_policy=NO_CACHE)
def annotate_batch(texts: Batch[str]) -> Batch[Annotation]:
    """Language and topics of a slice of a batch's distinct texts.

    Only texts go out and only the small results come back: the matched
    dumps stay in the flow's process, which assembles them (`annotate`).
    """
    with paused_gc():
        return Batch(enrich.analyse(texts.items))


@task(**IO_RETRY, cache_policy=NO_CACHE)
def load_batch(
    annotated: Batch[AnnotatedDump], rejections: Batch[Rejection], writer: warehouse.Writer, run_id: str
) -> list[LoadResult]:
    with writer.connection() as con, paused_gc():
        warehouse.record_rejections(con, rejections.items, run_id)
        return warehouse.load_dumps(con, annotated.items, run_id)


def named(stage: Task[..., T], number: int) -> Task[..., T]:
    """The stage with a run name that says which batch it worked on (`load-batch-3` in the Prefect UI)."""
    return stage.with_options(task_run_name=f"{stage.name.removesuffix('_batch')}-batch-{number}")


def fan_out(stage: Task[..., Batch[R]], items: Sequence[T], runner: RunnerInfo, *args: object) -> list[R]:
    """Run a batch stage over `runner.ways` consecutive slices at once, results in input order.

    With the default runner there is one slice, run here (threads would only
    contend for the GIL). With Dask every slice is submitted, even a single
    one, so the stage runs on the cluster the run was bound to.
    """
    if runner.kind == "thread" and runner.ways <= 1:
        return stage(Batch(items), *args).items
    size = max(1, -(-len(items) // runner.ways))
    futures = [stage.submit(Batch(items[i : i + size]), *args) for i in range(0, len(items), size)]
    return [item for future in futures for item in future.result().items]


def annotate(matched: Sequence[MatchedDump], number: int, runner: RunnerInfo) -> list[AnnotatedDump]:
    """The batch's dumps annotated: distinct texts analysed by the runner, assembled here."""
    texts = enrich.distinct_texts(matched)
    notes = fan_out(named(annotate_batch, number), texts, runner)
    with paused_gc():
        return enrich.assemble(matched, texts, notes)


class Stopwatch:
    """Seconds spent per stage, for the run summary (where does the time go?)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def time(self, stage: str, fn: Callable[..., R], *args: object) -> R:
        start = time.perf_counter()
        try:
            return fn(*args)
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start


def only(items: Sequence[object], kind: type[T]) -> list[T]:
    return [item for item in items if isinstance(item, kind)]


def batches(dumps: Sequence[DumpFile], max_bytes: int) -> list[list[DumpFile]]:
    """Consecutive groups of dumps of about max_bytes of input each (at least one dump)."""
    groups: list[list[DumpFile]] = []
    size = 0
    for dump in dumps:
        if not groups or size + dump.size_bytes > max_bytes:
            groups.append([])
            size = 0
        groups[-1].append(dump)
        size += dump.size_bytes
    return groups


@flow(name="ingest", log_prints=False)
def ingest(
    paths: list[str] | None = None,
    warehouse_file: str | None = None,
    max_file_bytes: int | None = None,
    batch_bytes: int | None = None,
    parallelism: int | None = None,
) -> RunSummary:
    """Ingest new dumps under `paths` into the warehouse; see the module docstring.

    `parallelism` is how many slices the CPU stages (read + clean, language and
    topics) are split into per batch; by default 1 with the default runner and
    the cluster's worker threads with Dask (flows/runners.py binds the runner).
    Repeat detection and loading stay sequential, so the warehouse is the same
    whatever the runner.
    """
    logger = get_run_logger()
    interrupt.rearm()  # a CLI run stops between batches on Ctrl-C/SIGTERM (dumpflow/interrupt.py)
    report = progress.current()
    started, began = time.perf_counter(), time.time()
    runner = runners.connect(parallelism)  # before the warehouse is touched: a bad address changes nothing
    paths = paths or [str(config.DEFAULT_RAW)]
    db = config.warehouse_path(warehouse_file)
    run_id = str(flow_run.id or f"local-{time.time_ns()}")
    limit = config.max_bytes(max_file_bytes)
    base = os.getcwd()  # where relative paths are read from, also on a Dask worker
    tally = Tally()
    watch = Stopwatch()
    status = "completed"
    with thawed_gc(), warehouse.writer_lock(db, config.lock_timeout_seconds()):
        warehouse.ensure(db)
        writer = warehouse.Writer(db, config.hold_seconds())
        with writer.connection() as con:
            warehouse.start_run(con, run_id)
        try:
            new, already, unreadable = find_dumps(paths, writer)
            tally.seen(len(new) + len(already) + len(unreadable), len(already))
            tally.reject(unreadable)
            if unreadable:  # recorded in dumps under a synthetic id (read.unreadable_id)
                load_batch(Batch([]), Batch(unreadable), writer, run_id)
            logger.info("%d files: %d new, %d already loaded", tally.files_seen, len(new), len(already))
            groups = batches(new, config.batch_bytes(batch_bytes))
            tally.batches = len(groups)
            report.start("ingest", len(new), "files")
            for n, group in enumerate(groups, 1):
                if interrupt.requested():
                    status = "interrupted"
                    logger.warning("stop requested: %d of %d batches loaded", n - 1, len(groups))
                    break
                cleaned = watch.time("prepare", fan_out, named(prepare_batch, n), group, runner, limit, base)
                rejected = only(cleaned, Rejection)
                matched = watch.time("dedup", named(match_batch, n), Batch(only(cleaned, CleanDump)), writer).items
                annotated = watch.time("annotate", annotate, matched, n, runner)
                results = watch.time("load", named(load_batch, n), Batch(annotated), Batch(rejected), writer, run_id)
                tally.load(results, rejected, sum(len(d.dropped) for d in matched))
                tally.batches_loaded = n
                report.advance(len(group), sum(r.n_entries for r in results))
                for rej in rejected:
                    logger.warning("rejected %s: %s", rej.source_name, rej.reason)
            with writer.connection() as con:
                # Many loads leave many sorted runs of match_keys: one again, for the next small ingest's lookups.
                watch.time("load", warehouse.compact_key_runs, con)
                warehouse.finish_run(con, run_id, status, tally.counts())
            # Closing the last connection checkpoints the file: work of this run, so it is timed with it.
            watch.time("checkpoint", writer.close)
            summary = tally.summary(run_id, time.perf_counter() - started, watch.seconds, runner, status, began)
        except BaseException as exc:
            # A second Ctrl-C, or a signal before the run took the signals over, is an interruption too.
            stopped = interrupt.is_interruption(exc) or isinstance(exc, TerminationSignal)
            with writer.connection() as con:
                warehouse.finish_run(
                    con,
                    run_id,
                    "interrupted" if stopped else "failed",
                    tally.counts(),
                    error=f"{type(exc).__name__}: {exc}",
                )
            raise
        finally:
            writer.close()
    logger.info(
        "loaded %d new dumps: %d entries, %d new articles, %d repeats merged, %d rejected",
        summary.files_new,
        summary.entries,
        summary.new_articles,
        summary.repeats_merged,
        summary.files_rejected,
    )
    create_markdown_artifact(key="ingest-summary", markdown=summary_markdown(summary), description="dumpflow ingest")
    return summary

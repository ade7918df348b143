"""The `ingest` flow: raw/ -> read -> clean -> dedup -> language/topics -> warehouse.

Tasks wrap engine steps over batches of dumps (never one task per entry).
Batches run in file order, each matched against what the previous one loaded,
so a run is the same as ingesting the files one by one. Only the I/O tasks
retry; the text steps are pure and would fail the same way again.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run

from dumpflow import clean, config, dedup, enrich, read, warehouse
from dumpflow.summary import Tally, summary_markdown
from schemas.records import (
    AnnotatedDump,
    CleanDump,
    DumpFile,
    LoadResult,
    MatchedDump,
    ParsedDump,
    Rejection,
    RunSummary,
)

IO_RETRIES = 2
IO_RETRY_DELAYS = [1, 5]


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS)
def find_dumps(paths: Sequence[str], warehouse_file: str) -> tuple[list[DumpFile], list[DumpFile], list[Rejection]]:
    """New dumps, dumps already loaded, and files that could not even be read."""
    new: list[DumpFile] = []
    rejected: list[Rejection] = []
    seen_ids: set[str] = set()
    duplicates: list[DumpFile] = []
    for path in read.discover(paths):
        found = read.identify(path)
        if isinstance(found, Rejection):
            rejected.append(found)
        elif found.dump_id in seen_ids:
            duplicates.append(found)  # same bytes under another name in this run
        else:
            seen_ids.add(found.dump_id)
            new.append(found)
    with warehouse.session(Path(warehouse_file)) as con:
        loaded = warehouse.loaded_dump_ids(con, [d.dump_id for d in new])
    already = [d for d in new if d.dump_id in loaded] + duplicates
    return [d for d in new if d.dump_id not in loaded], already, rejected


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS)
def read_batch(dumps: Sequence[DumpFile], limit: int) -> list[ParsedDump | Rejection]:
    return [read.read_dump(dump, limit) for dump in dumps]


@task
def clean_batch(parsed: Sequence[ParsedDump]) -> list[CleanDump]:
    return [clean.clean_dump(p) for p in parsed]


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS)
def match_batch(cleaned: Sequence[CleanDump], warehouse_file: str) -> list[MatchedDump]:
    with warehouse.session(Path(warehouse_file)) as con:
        return dedup.match_dumps(cleaned, warehouse.WarehouseSource(con))


@task
def annotate_batch(matched: Sequence[MatchedDump]) -> list[AnnotatedDump]:
    return enrich.annotate(matched)


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS)
def load_batch(
    annotated: Sequence[AnnotatedDump], rejections: Sequence[Rejection], warehouse_file: str, run_id: str
) -> list[LoadResult]:
    with warehouse.session(Path(warehouse_file)) as con:
        warehouse.record_rejections(con, rejections, run_id)
        return warehouse.load_dumps(con, annotated, run_id)


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
) -> RunSummary:
    logger = get_run_logger()
    started = time.perf_counter()
    paths = paths or [str(config.DEFAULT_RAW)]
    db = config.warehouse_path(warehouse_file)
    run_id = str(flow_run.id or f"local-{time.time_ns()}")
    limit = config.max_bytes(max_file_bytes)
    tally = Tally()
    with warehouse.writer_lock(db, config.lock_timeout_seconds()):
        warehouse.ensure(db)
        with warehouse.session(db) as con:
            warehouse.start_run(con, run_id)
        try:
            new, already, unreadable = find_dumps(paths, str(db))
            tally.seen(len(new) + len(already) + len(unreadable), len(already))
            tally.reject(unreadable)
            if unreadable:  # recorded in dumps under a synthetic id (read.unreadable_id)
                load_batch([], unreadable, str(db), run_id)
            logger.info("%d files: %d new, %d already loaded", tally.files_seen, len(new), len(already))
            for group in batches(new, config.batch_bytes(batch_bytes)):
                parsed = read_batch(group, limit)
                rejected = [p for p in parsed if isinstance(p, Rejection)]
                cleaned = clean_batch([p for p in parsed if isinstance(p, ParsedDump)])
                for dump in cleaned:
                    if (reason := clean.empty_reason(dump)) is not None:
                        rejected.append(
                            Rejection(
                                source_path=dump.dump.path,
                                source_name=dump.dump.source_name,
                                dump_id=dump.dump.dump_id,
                                reason=reason,
                                size_bytes=dump.dump.size_bytes,
                            )
                        )
                cleaned = [d for d in cleaned if d.entries]
                matched = match_batch(cleaned, str(db))
                annotated = annotate_batch(matched)
                results = load_batch(annotated, rejected, str(db), run_id)
                tally.load(results, rejected, sum(len(d.dropped) for d in cleaned))
                for rej in rejected:
                    logger.warning("rejected %s: %s", rej.source_name, rej.reason)
            summary = tally.summary(run_id, time.perf_counter() - started)
        except BaseException as exc:
            with warehouse.session(db) as con:
                warehouse.finish_run(con, run_id, "failed", tally.counts(), error=f"{type(exc).__name__}: {exc}")
            raise
        with warehouse.session(db) as con:
            warehouse.finish_run(con, run_id, "completed", tally.counts())
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

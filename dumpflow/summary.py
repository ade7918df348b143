"""Counting a run as it goes, and saying what it did in words a user reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from schemas.records import LoadResult, Rejection, RunnerInfo, RunSummary


@dataclass
class Tally:
    files_seen: int = 0
    files_new: int = 0
    files_already_loaded: int = 0
    entries: int = 0
    new_articles: int = 0
    repeats_merged: int = 0
    dropped_lines: int = 0
    batches: int = 0
    batches_loaded: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    def seen(self, n_files: int, n_already: int) -> None:
        self.files_seen += n_files
        self.files_already_loaded += n_already

    def reject(self, rejections: Sequence[Rejection]) -> None:
        self.rejections.extend(rejections)

    def load(self, results: Sequence[LoadResult], rejections: Sequence[Rejection], dropped: int) -> None:
        self.reject(rejections)
        for r in results:
            if r.status == "already_loaded":
                self.files_already_loaded += 1
                continue
            self.files_new += 1
            self.entries += r.n_entries
            self.new_articles += r.n_new_articles
            self.repeats_merged += r.n_repeats
        self.dropped_lines += dropped

    def counts(self) -> dict[str, int]:
        return {
            "files_seen": self.files_seen,
            "files_new": self.files_new,
            "files_already_loaded": self.files_already_loaded,
            "files_rejected": len(self.rejections),
            "entries": self.entries,
            "new_articles": self.new_articles,
            "repeats_merged": self.repeats_merged,
        }

    def summary(
        self,
        run_id: str,
        seconds: float,
        stage_seconds: dict[str, float] | None = None,
        runner: RunnerInfo | None = None,
        status: str = "completed",
        began: float = 0.0,
    ) -> RunSummary:
        return RunSummary(
            run_id=run_id,
            status=status,
            batches=self.batches,
            batches_loaded=self.batches_loaded,
            files_seen=self.files_seen,
            files_new=self.files_new,
            files_already_loaded=self.files_already_loaded,
            files_rejected=len(self.rejections),
            entries=self.entries,
            new_articles=self.new_articles,
            repeats_merged=self.repeats_merged,
            dropped_lines=self.dropped_lines,
            seconds=round(seconds, 3),
            rejections=list(self.rejections),
            stage_seconds={k: round(v, 3) for k, v in (stage_seconds or {}).items()},
            runner=runner or RunnerInfo(),
            began=began,
        )


def runner_line(r: RunnerInfo) -> str:
    """`thread`, or the Dask cluster as its scheduler described itself: `dask (2 workers, tcp://...)`."""
    if r.kind == "thread":
        return "thread" if r.ways == 1 else f"thread ({r.ways} slices per batch)"
    workers = f"{r.workers} worker{'s' if r.workers != 1 else ''}"
    threads = "" if r.threads == r.workers else f", {r.threads} threads"
    return f"dask ({workers}{threads}, {r.address}; {r.ways} slice{'s' if r.ways != 1 else ''} per batch)"


def summary_lines(s: RunSummary) -> list[str]:
    lines = [
        f"files seen: {s.files_seen}  new: {s.files_new}  already loaded: {s.files_already_loaded}  "
        f"rejected: {s.files_rejected}",
        f"entries: {s.entries}  new articles: {s.new_articles}  repeats merged: {s.repeats_merged}  "
        f"boilerplate lines dropped: {s.dropped_lines}",
        f"seconds: {s.seconds:.2f}"
        + (f"  ({', '.join(f'{k} {v:.2f}' for k, v in s.stage_seconds.items())})" if s.stage_seconds else ""),
    ]
    lines.append(f"runner: {runner_line(s.runner)}")
    lines += [f"rejected {r.source_name}: {r.reason}" for r in s.rejections]
    return lines


def summary_markdown(s: RunSummary) -> str:
    rows = [
        ("status", s.status),
        ("files seen", s.files_seen),
        ("new files loaded", s.files_new),
        ("already loaded", s.files_already_loaded),
        ("rejected", s.files_rejected),
        ("entries", s.entries),
        ("new articles", s.new_articles),
        ("repeats merged", s.repeats_merged),
        ("boilerplate lines dropped", s.dropped_lines),
        ("batches loaded", f"{s.batches_loaded} of {s.batches}"),
        ("seconds", f"{s.seconds:.2f}"),
        ("runner", runner_line(s.runner)),
    ]
    out = ["# dumpflow ingest", "", "| | |", "|---|---:|"] + [f"| {k} | {v} |" for k, v in rows]
    if s.rejections:
        out += ["", "## Rejected files", "", "| file | reason |", "|---|---|"]
        out += [f"| {r.source_name} | {r.reason.replace('|', '/')} |" for r in s.rejections]
    return "\n".join(out) + "\n"


# Bump when a key is renamed or removed (adding keys does not change it).
JSON_VERSION = 1


def summary_json(s: RunSummary, warehouse: str) -> dict[str, object]:
    """The ingest summary for `dumpflow ingest --json`: stable keys, documented in docs/cli.md."""
    return {
        "version": JSON_VERSION,
        "warehouse": warehouse,
        "run_id": s.run_id,
        "status": s.status,
        "files_seen": s.files_seen,
        "files_new": s.files_new,
        "files_already_loaded": s.files_already_loaded,
        "files_rejected": s.files_rejected,
        "entries": s.entries,
        "new_articles": s.new_articles,
        "repeats_merged": s.repeats_merged,
        "dropped_lines": s.dropped_lines,
        "batches": s.batches,
        "batches_loaded": s.batches_loaded,
        "seconds": s.seconds,
        "stage_seconds": dict(s.stage_seconds),
        "runner": s.runner.model_dump(),
        "rejections": [
            {"source_name": r.source_name, "source_path": r.source_path, "reason": r.reason} for r in s.rejections
        ],
    }


def timeline(called: float, summary: RunSummary, returned: float) -> dict[str, float]:
    """Clock readings (time.time()) around the flow, so a benchmark can tell Prefect's share from the run's.

    `flow_called` to `flow_began` is Prefect starting the flow run; the next
    `flow_seconds` are the flow's own code (stages, task runs, the closing
    checkpoint); from their end to `flow_returned`, Prefect finishing it. What
    comes before `flow_called` is the process starting and importing.
    """
    return {
        "flow_called": called,
        "flow_began": summary.began,
        "flow_seconds": summary.seconds,
        "flow_returned": returned,
    }

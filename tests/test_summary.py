"""How a run's summary says where it ran (dumpflow/summary.py), from the runner record alone."""

from __future__ import annotations

import pytest

from dumpflow.summary import Tally, runner_line, summary_lines, summary_markdown
from schemas.records import RunnerInfo


@pytest.mark.parametrize(
    ("runner", "line"),
    [
        (RunnerInfo(), "thread"),
        (RunnerInfo(kind="thread", ways=3), "thread (3 slices per batch)"),
        (
            RunnerInfo(kind="dask", workers=1, threads=1, address="tcp://127.0.0.1:8786", ways=1),
            "dask (1 worker, tcp://127.0.0.1:8786; 1 slice per batch)",
        ),
        (
            RunnerInfo(kind="dask", workers=2, threads=8, address="tls://sched:8786", ways=8),
            "dask (2 workers, 8 threads, tls://sched:8786; 8 slices per batch)",
        ),
    ],
)
def test_runner_line_names_what_the_cluster_reported(runner: RunnerInfo, line: str) -> None:
    assert runner_line(runner) == line


def test_summary_and_artifact_say_the_runner() -> None:
    runner = RunnerInfo(kind="dask", workers=2, threads=2, address="tcp://10.0.0.5:8786", ways=2)
    summary = Tally().summary("run-1", 1.5, {"read": 1.0}, runner)
    assert "runner: dask (2 workers, tcp://10.0.0.5:8786; 2 slices per batch)" in summary_lines(summary)
    assert "| runner | dask (2 workers, tcp://10.0.0.5:8786; 2 slices per batch) |" in summary_markdown(summary)
    assert "runner: thread" in summary_lines(Tally().summary("run-2", 0.1))

"""The ingest flow end to end: real Prefect runs, real DuckDB files, real files on disk."""

from __future__ import annotations

import codecs
import shutil
from itertools import accumulate
from pathlib import Path

import duckdb
import pytest

from dumpflow import progress
from flows.ingest import ingest
from tests.builders import scalar, snapshot, transmission, write
from tests.conftest import SEEDS
from tests.invariants import assert_consistent

pytestmark = pytest.mark.usefixtures("prefect_server")

TRADITIONAL = (
    "自監督學習屬於無監督學習,其核心是自動為數據打標籤,通過讓網絡按照既定的規則對數據打出正確的標籤來更好地進行特徵表示,"
    "從而應用於各種下游任務。對比學習是其中最成功的一類方法..."
)
ENGLISH = (
    "Self-supervised learning learns representations from unlabeled data by solving pretext tasks; contrastive "
    "methods such as MoCo and SimCLR made it competitive with supervised pretraining on ImageNet..."
)


def run(paths: list[Path], db: Path, **kwargs):
    """One real ingest, then the warehouse invariants (`dumpflow check`) must hold."""
    summary = ingest(paths=[str(p) for p in paths], warehouse_file=str(db), **kwargs)
    assert_consistent(db)
    return summary


def test_second_ingest_adds_nothing(seeds_dir: Path, warehouse_file: Path) -> None:
    run([seeds_dir], warehouse_file)
    before = snapshot(warehouse_file)
    again = run([seeds_dir], warehouse_file)
    assert (again.files_seen, again.files_new, again.files_already_loaded, again.entries) == (5, 0, 5, 0)
    assert snapshot(warehouse_file) == before
    assert scalar(warehouse_file, "select count(*) from runs where status = 'completed'") == 2


def test_bad_files_are_rejected_with_reasons_and_the_run_goes_on(seeds_dir: Path, warehouse_file: Path) -> None:
    (seeds_dir / "empty.txt").write_bytes(b"")
    (seeds_dir / "scan.txt").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    (seeds_dir / "only-chrome.txt").write_text(transmission(), encoding="utf-8")
    (seeds_dir / "notes.docx").write_bytes(b"PK\x03\x04whatever")
    before = {p.name: p.read_bytes() for p in seeds_dir.iterdir()}
    summary = run([seeds_dir], warehouse_file)
    assert summary.status == "completed"
    assert (summary.files_new, summary.files_rejected, summary.new_articles) == (5, 4, 45)
    reasons = dict(
        (name, reason)
        for name, reason in __import__("duckdb")
        .connect(str(warehouse_file), read_only=True)
        .execute("select source_name, reason from dumps where status = 'rejected'")
        .fetchall()
    )
    assert reasons["empty.txt"] == "empty file"
    assert reasons["scan.txt"].startswith("binary file")
    assert reasons["only-chrome.txt"].startswith("no article entries")
    assert reasons["notes.docx"].startswith("unsupported file type")
    assert {p.name: p.read_bytes() for p in seeds_dir.iterdir()} == before  # raw files untouched
    # Re-running records nothing new and keeps one row per rejected file.
    run([seeds_dir], warehouse_file)
    assert scalar(warehouse_file, "select count(*) from dumps where status = 'rejected'") == 4


def test_order_of_runs_does_not_change_the_catalogue(seeds_dir: Path, tmp_path: Path) -> None:
    together = tmp_path / "together.duckdb"
    one_by_one = tmp_path / "one_by_one.duckdb"
    run([seeds_dir], together)
    for seed in sorted(seeds_dir.iterdir(), reverse=True):
        run([seed], one_by_one)
    a, b = snapshot(together), snapshot(one_by_one)
    # Which sighting came first differs with the order (new vs exact, and so a
    # dump's count of new articles); the catalogue itself must not.
    for table in ("articles", "article_topics", "dropped_lines", "match_keys"):
        assert a[table] == b[table], table
    assert [r[:7] + r[9:] for r in a["dumps"]] == [r[:7] + r[9:] for r in b["dumps"]]
    strip = [(d, p, art, raw) for d, p, art, raw, *_ in a["sightings"]]
    assert strip == [(d, p, art, raw) for d, p, art, raw, *_ in b["sightings"]]


def test_unseen_encodings_line_endings_and_cuts(seeds_dir: Path, tmp_path: Path, warehouse_file: Path) -> None:
    run([seeds_dir], warehouse_file)
    seed0 = SEEDS[0].read_text(encoding="utf-8")
    seed3 = SEEDS[3].read_text(encoding="utf-8")
    new = tmp_path / "new"
    write(new / "gb.txt", seed0, encoding="gb18030", newline="\r\n")
    (new / "bom.txt").write_bytes(codecs.BOM_UTF8 + seed3.replace("\n", "\r").encode("utf-8"))
    excerpts = [line for line in seed0.splitlines() if len(line) > 40]
    recut = [e.rstrip(".…")[: 60 + 7 * i] + "..." for i, e in enumerate(excerpts)]
    write(new / "recut.txt", transmission(*recut, pagination="‹ 1 2 3 ›"))
    write(new / "other-langs.txt", transmission(TRADITIONAL, ENGLISH, pagination="1 2 3 下一页"))
    summary = run([new], warehouse_file)
    assert summary.files_rejected == 0
    assert (summary.entries, summary.new_articles) == (12 + 10 + 12 + 2, 2)
    kinds = dict(
        __import__("duckdb")
        .connect(str(warehouse_file), read_only=True)
        .execute(
            "select d.source_name, list(distinct s.kind order by s.kind) from sightings s join dumps d using (dump_id) "
            "group by 1"
        )
        .fetchall()
    )
    assert kinds["gb.txt"] == ["exact"]
    assert kinds["bom.txt"] == ["exact"]
    assert kinds["recut.txt"] == ["truncation"]
    assert scalar(warehouse_file, "select count(*) from articles") == 47
    langs = scalar(warehouse_file, "select list(lang order by lang) from articles where lang <> 'zh-cn'")
    assert langs == ["en", "zh-tw"]
    assert scalar(warehouse_file, "select encoding from dumps where source_name = 'gb.txt'") == "gb18030"


def test_same_bytes_under_two_names_load_once(seeds_dir: Path, warehouse_file: Path) -> None:
    shutil.copy(SEEDS[0], seeds_dir / "zzz-copy.txt")
    summary = run([seeds_dir], warehouse_file)
    assert (summary.files_seen, summary.files_new, summary.files_already_loaded) == (6, 5, 1)
    assert scalar(warehouse_file, "select count(*) from sightings") == 58


def test_run_publishes_a_summary_artifact(seeds_dir: Path, warehouse_file: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    summary = run([seeds_dir], warehouse_file)
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["ingest-summary"]))
        )
    mine = [a for a in artifacts if str(a.flow_run_id) == summary.run_id]
    assert len(mine) == 1
    assert "| new articles | 45 |" in mine[0].data
    assert scalar(warehouse_file, "select status from runs where run_id = ?", [summary.run_id]) == "completed"


class Recorder:
    """A progress listener that remembers what it heard, and whether the warehouse was free to open then."""

    def __init__(self, db: Path | None = None) -> None:
        self.db = db
        self.started: list[tuple[str, int, str]] = []
        self.steps: list[tuple[int, int]] = []
        self.free: list[bool] = []

    def start(self, label: str, total: int, unit: str) -> None:
        self.started.append((label, total, unit))

    def advance(self, done: int, entries: int = 0) -> None:
        self.steps.append((done, entries))
        if self.db is not None:
            try:  # in this process too, a second open fails while the ingest's writer holds the file
                duckdb.connect(str(self.db), read_only=True).close()
                self.free.append(True)
            except duckdb.Error:
                self.free.append(False)


def test_progress_rises_batch_by_batch_to_the_totals(
    seeds_dir: Path, warehouse_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DUMPFLOW_BATCH_BYTES=12KB splits the five ~10 KB seeds into batches (the 4 MiB default would make one)."""
    monkeypatch.setenv("DUMPFLOW_BATCH_BYTES", "12KB")
    heard = Recorder()
    with progress.reporting(heard):
        summary = run([seeds_dir], warehouse_file)
    assert heard.started == [("ingest", 5, "files")]
    files = list(accumulate(done for done, _ in heard.steps))
    entries = list(accumulate(n for _, n in heard.steps))
    assert files == sorted(set(files)) and entries == sorted(set(entries))  # strictly rising
    assert (files[-1], entries[-1]) == (5, summary.entries) == (5, 58)
    assert len(heard.steps) == summary.batches == summary.batches_loaded >= 3


def test_batch_task_runs_are_named_by_batch(seeds_dir: Path, warehouse_file: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    summary = run([seeds_dir], warehouse_file, batch_bytes=20_000)
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[summary.run_id])))
    names = {r.name for r in runs}
    for stage in ("prepare", "match", "annotate", "load"):
        assert {f"{stage}-batch-{n}" for n in range(1, summary.batches + 1)} <= names, names
    assert summary.batches == 3


def test_hold_seconds_is_how_long_the_writer_keeps_the_file(
    seeds_dir: Path, warehouse_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a tiny DUMPFLOW_HOLD_SECONDS the writer lets go after every step; with the default (120 s) it keeps it."""
    monkeypatch.setenv("DUMPFLOW_BATCH_BYTES", "12KB")
    held = Recorder(warehouse_file)
    with progress.reporting(held):
        run([seeds_dir], warehouse_file)
    monkeypatch.setenv("DUMPFLOW_HOLD_SECONDS", "0.001")
    released = Recorder(warehouse_file.with_name("released.duckdb"))
    with progress.reporting(released):
        run([seeds_dir], released.db)
    assert held.free and not any(held.free)
    assert released.free and all(released.free)


def test_max_bytes_setting_rejects_larger_files(
    seeds_dir: Path, warehouse_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DUMPFLOW_MAX_BYTES", "9KB")  # the seeds are 8.1 to 10.9 KB
    summary = run([seeds_dir], warehouse_file)
    sizes = [p.stat().st_size for p in seeds_dir.iterdir()]
    assert summary.files_rejected == sum(size > 9000 for size in sizes) == 3
    assert all(r.reason.startswith("too large") for r in summary.rejections)


def test_io_tasks_retry_errors_but_never_an_interrupted_query() -> None:
    """Ctrl-C inside a DuckDB query surfaces as duckdb.InterruptException, an ordinary Exception: no retry."""
    from prefect import flow, task

    from flows.ingest import IO_RETRIES, IO_RETRY

    calls: list[str] = []

    def attempts(error: Exception) -> int:
        calls.clear()

        @task(**{**IO_RETRY, "retry_delay_seconds": 0})
        def step() -> None:
            calls.append(type(error).__name__)
            raise error

        @flow
        def one_step() -> None:
            step()

        with pytest.raises(type(error)):
            one_step()
        return len(calls)

    assert attempts(duckdb.IOException("disk went away")) == 1 + IO_RETRIES
    assert attempts(duckdb.InterruptException("INTERRUPT Error: Interrupted!")) == 1

"""The ingest flow end to end: real Prefect runs, real DuckDB files, real files on disk."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest

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

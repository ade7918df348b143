"""benchmarks/load_bench.py: the harness that compares two checkouts' warehouses, on real DuckDB files."""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks import load_bench
from dumpflow import dedup, enrich, warehouse
from tests.builders import cleaned, transmission

A = "SigLIP 概述 CLIP自提出以来在zero-shot分类、跨模态搜索、多模态对齐等多个领域得到广泛应用。得益于其令人惊叹的能力..."
B = "BLIP 论文名称 :BLIP: Bootstrapping Language-Image Pre-training for Unified Vision-Language Understanding..."


def _ingest(db: Path, run_id: str, entries: list[str]) -> None:
    warehouse.ensure(db)
    with warehouse.session(db) as con:
        warehouse.start_run(con, run_id)
        matched = dedup.match_dumps([cleaned("a.txt", transmission(*entries))], warehouse.WarehouseSource(con))
        warehouse.load_dumps(con, enrich.annotate(matched), run_id)
        warehouse.finish_run(con, run_id, "completed", {})


def test_warehouses_loaded_at_other_times_by_other_runs_compare_equal(tmp_path: Path) -> None:
    """Clock readings and run ids differ between two loads of the same dumps; the data does not."""
    first, second, other = tmp_path / "first.duckdb", tmp_path / "second.duckdb", tmp_path / "other.duckdb"
    _ingest(first, "run-zzz", [A, B])
    time.sleep(0.01)
    _ingest(second, "run-aaa", [A, B])
    _ingest(other, "run-aaa", [A])
    rows = load_bench.table_rows(first)
    assert rows["articles"] and rows["runs"]
    assert load_bench.differences(rows, load_bench.table_rows(second)) == []
    found = load_bench.differences(rows, load_bench.table_rows(other))
    assert any(line.startswith("articles:") for line in found) and any(line.startswith("sightings:") for line in found)

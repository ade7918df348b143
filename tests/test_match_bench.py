"""benchmarks/match_bench.py: the match stage alone against a real warehouse, on a small generated corpus."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from benchmarks import corpus, match_bench, scoring


def test_match_bench_prints_phases_and_scores_and_writes_every_assignment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus.write_corpus(tmp_path / "c", 300, 5, 0.3, corpus.DEFAULT_SEED_DIR)
    out = tmp_path / "assigned.csv"
    assert match_bench.main([str(tmp_path / "c"), "--repeat", "2", "--assignments", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "(300 entries" in printed
    for phase in ("sketch", "lookup", "verify", "merge"):
        assert phase in printed
    assert printed.count("\n   ") >= 2  # one row per run
    truth = scoring.read_labels(tmp_path / "c" / "truth.csv", "article")
    with out.open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert {(r["source_name"], int(r["position"])) for r in rows} == set(truth)
    f1 = float(printed.split("F1 ")[1].split()[0])
    assert f1 > 0.9  # repeats found on the real warehouse path, not every entry its own article


def test_match_bench_refuses_a_directory_without_dumps(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        match_bench.main([str(tmp_path)])

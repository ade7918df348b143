"""Shared fixtures: one Prefect test server per session, real warehouse files in tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so a red CI is a real
# failure that reproduces, never a dice roll (a random draw once found an
# example that a test's own precondition got wrong). To look for new
# counterexamples: HYPOTHESIS_PROFILE=explore make test.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
SEEDS = sorted(RAW.glob("*.txt"))


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """One real (temporary) Prefect server for every flow test in the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture
def seeds_dir(tmp_path: Path) -> Path:
    """A private copy of the five seed dumps (tests must never touch raw/)."""
    target = tmp_path / "raw"
    target.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, target / seed.name)
    return target


@pytest.fixture
def warehouse_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "warehouse" / "test.duckdb"
    monkeypatch.setenv("DUMPFLOW_WAREHOUSE", str(path))
    return path


@pytest.fixture(scope="session")
def trap_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1200 entries of the benchmark's trap corpus (seed 7): series intros, shared section words, short
    excerpts, edits, inserted lines. Made once per session: the kernel and candidate tests all decide on it."""
    corpus = tmp_path_factory.mktemp("trap") / "c"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(corpus), "--entries", "1200", "--seed", "7"],
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
    )
    return corpus

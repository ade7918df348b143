"""The README's example queries, run against the sample data: they must print what the README shows.

A user copies these commands first; an example that drifted from the code is
a broken promise, so the README is checked like any other output.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from dumpflow.cli import main
from flows.ingest import ingest
from tests.conftest import ROOT, SEEDS

PROMPT = "    $ .venv/bin/dumpflow query "
# Outputs that depend on the day the sample was ingested are checked for shape only.
DATED = re.compile(r"\d{4}-\d{2}-\d{2}")


def examples() -> list[tuple[list[str], str]]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    out = []
    for i, line in enumerate(lines):
        if not line.startswith(PROMPT):
            continue
        expected = []
        for follow in lines[i + 1 :]:
            if not follow.startswith("    ") or follow.startswith(PROMPT):
                break
            expected.append(follow[4:])
        out.append((shlex.split(line[len("    $ .venv/bin/dumpflow ") :]), "\n".join(expected).rstrip() + "\n"))
    return out


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory, prefect_server: None) -> Path:
    db = tmp_path_factory.mktemp("readme") / "dumpflow.duckdb"
    ingest(paths=[str(p) for p in SEEDS], warehouse_file=str(db))
    return db


def test_readme_has_query_examples() -> None:
    assert len(examples()) >= 6


@pytest.mark.parametrize(("argv", "expected"), examples(), ids=lambda v: v[1][:40] if isinstance(v, list) else None)
def test_readme_query_prints_what_the_readme_shows(
    argv: list[str], expected: str, sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--warehouse", str(sample_db)]) == 0
    printed = capsys.readouterr().out
    if DATED.search(expected):
        assert DATED.sub("DATE", printed).count("DATE") == DATED.sub("DATE", expected).count("DATE")
        printed, expected = DATED.sub("DATE", printed), DATED.sub("DATE", expected)
    assert printed == expected

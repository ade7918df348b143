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
    # A trailing blank line (DuckDB's table ends with one) cannot be shown in an indented block.
    printed = capsys.readouterr().out.rstrip("\n") + "\n"
    if DATED.search(expected):
        assert DATED.sub("DATE", printed).count("DATE") == DATED.sub("DATE", expected).count("DATE")
        printed, expected = DATED.sub("DATE", printed), DATED.sub("DATE", expected)
    assert printed == expected


def reference_block() -> list[str]:
    """The usage lines of the README's command reference (the code block under '## Command reference')."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Command reference", 1)[1]
    block = section.split("```", 2)[1]
    return [line.strip() for line in block.splitlines() if line.strip().startswith("dumpflow ")]


def test_every_command_and_option_is_documented_in_the_readme() -> None:
    """A command or option added to the parser without a line in the README fails here."""
    import argparse

    from dumpflow.cli import build_parser

    parser = build_parser()
    lines = reference_block()
    by_command = {line.split()[1]: line for line in lines}
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    undocumented = []
    for name, sub in commands.items():
        line = by_command.get(name)
        if line is None:
            undocumented.append(f"dumpflow {name}")
            continue
        for action in sub._actions:
            if action.option_strings and "--help" not in action.option_strings:
                option = max(action.option_strings, key=len)
                if option not in line:
                    undocumented.append(f"dumpflow {name} {option}")
    for action in parser._actions:
        if not action.option_strings or "--help" in action.option_strings:
            continue
        usage = f"dumpflow {max(action.option_strings, key=len)}"
        if usage not in lines:
            undocumented.append(usage)
    assert undocumented == []
    # and each command is explained in a bullet below the block
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [name for name in commands if f"- `{name}` —" not in readme] == []

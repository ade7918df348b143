"""Data flows one way through dumpflow/: read -> clean -> dedup -> language/topics -> warehouse.

A step that imports a later one ties the earlier step to the later one's
code (html once imported clean for its line rules, the warehouse imported
dedup for its hashes), so "where does step X happen?" no longer has one
answer and a change downstream can break reading. The rules below are read
off the imports themselves (ast), including imports inside functions and
under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "dumpflow"

# The steps in pipeline order; a module of a step may import its own step and earlier ones only.
READ = ("dumpflow.read", "dumpflow.html", "dumpflow.charset")
CLEAN = ("dumpflow.clean",)
DEDUP = ("dumpflow.dedup",)
ENRICH = ("dumpflow.language", "dumpflow.topics", "dumpflow.termmatch", "dumpflow.enrich")
WAREHOUSE = ("dumpflow.warehouse",)
# What runs the pipeline or reads the warehouse for a user: above every step.
FRONT = (
    "dumpflow.cli",
    "dumpflow.check",
    "dumpflow.report",
    "dumpflow.export",
    "dumpflow.results",
    "dumpflow.sqlguard",
    "dumpflow.summary",
)
ORCHESTRATION = ("prefect", "flows")

# (modules the rule applies to, modules they must not import, why)
RULES: list[tuple[tuple[str, ...], tuple[str, ...], str]] = [
    (READ, CLEAN + DEDUP + ENRICH + WAREHOUSE + FRONT, "reading comes first"),
    (CLEAN, DEDUP + ENRICH + WAREHOUSE + FRONT, "cleaning comes before repeat detection"),
    (DEDUP, ENRICH + WAREHOUSE + FRONT, "repeat detection sees stored articles only through CandidateSource"),
    (ENRICH, WAREHOUSE + FRONT, "language and topics come before loading"),
    (WAREHOUSE, READ + CLEAN + DEDUP + ENRICH + FRONT, "the warehouse stores what the steps made; it runs none"),
    (("dumpflow.lines",), READ + CLEAN + DEDUP + ENRICH + WAREHOUSE + FRONT, "shared by read and clean"),
    (("dumpflow.signals",), READ + CLEAN + DEDUP + ENRICH + WAREHOUSE + FRONT, "shared by dedup and the warehouse"),
    (READ + CLEAN + DEDUP + ENRICH, ("duckdb",), "only the warehouse and the front end talk to DuckDB"),
]
# The engine never imports Prefect or the flows, except the CLI, which is the entry point that starts them.
ENGINE_EXCEPT_CLI = ("dumpflow",)
RULES.append((ENGINE_EXCEPT_CLI, ORCHESTRATION, "dumpflow/ is the Prefect-free engine"))
EXEMPT = {("dumpflow.cli", ORCHESTRATION)}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(module: str, source: str, is_package: bool = False) -> set[str]:
    """Every module `source` imports, fully qualified (`from dumpflow import x` counts as dumpflow.x)."""
    package = module if is_package else module.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            out.add(base)
            out.update(f"{base}.{alias.name}" for alias in node.names)
    return out


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def violations(module: str, source: str, is_package: bool = False) -> list[str]:
    found = []
    names = imported(module, source, is_package)
    for applies_to, forbidden, why in RULES:
        if not within(module, applies_to) or (module, forbidden) in EXEMPT:
            continue
        found.extend(f"{module} imports {name} ({why})" for name in sorted(names) if within(name, forbidden))
    return found


def engine_modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", engine_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_imports_a_later_step(path: Path) -> None:
    assert violations(module_name(path), path.read_text(encoding="utf-8"), path.name == "__init__.py") == []


def test_every_step_module_is_under_a_rule() -> None:
    """A new step module must be placed in the table, or its imports go unchecked."""
    steps = READ + CLEAN + DEDUP + ENRICH + WAREHOUSE + ("dumpflow.lines", "dumpflow.signals")
    for name in steps:
        top = PACKAGE.parent / Path(*name.split("."))
        assert top.with_suffix(".py").exists() or (top / "__init__.py").exists(), name


@pytest.mark.parametrize(
    ("module", "source"),
    [
        # The two backward imports this layout removed.
        ("dumpflow.warehouse", "from dumpflow.dedup import Known, batch_signals, url_signal"),
        ("dumpflow.html", "from dumpflow.clean import classify"),
        ("dumpflow.warehouse.load", "from dumpflow import dedup"),
        ("dumpflow.html.article", "from .. import clean"),
        ("dumpflow.dedup", "def f():\n    from dumpflow.warehouse import WarehouseSource"),
        ("dumpflow.clean", "import duckdb"),
        ("dumpflow.topics", "from prefect import task"),
        ("dumpflow.report", "import flows.ingest"),
    ],
)
def test_a_backward_import_is_caught(module: str, source: str) -> None:
    assert violations(module, source, is_package=module in ("dumpflow.warehouse", "dumpflow.html")) != []


def test_the_cli_may_start_flows_but_not_skip_its_other_rules() -> None:
    assert violations("dumpflow.cli", "from flows.ingest import ingest\nfrom prefect import Flow") == []
    assert violations("dumpflow.read", "from dumpflow import cli") != []

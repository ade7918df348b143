"""Private copies of the committed schema-0001 warehouse, for tests that need seeded data without Prefect.

The fixture is never opened in place: a test that upgraded it would change
the file every other test (and the next run) relies on.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from dumpflow import warehouse

V1_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "warehouse_v1.duckdb"
CONTENT_TABLES = ("runs", "dumps", "articles", "sightings", "merges", "article_topics", "dropped_lines", "match_keys")


def v1_copy(directory: Path) -> Path:
    """A schema-0001 warehouse holding the five seed dumps (45 articles from 58 sightings)."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / "v1.duckdb"
    shutil.copy(V1_FIXTURE, target)
    return target


def upgraded_copy(directory: Path) -> Path:
    """The same data brought to the latest schema through the normal upgrade path."""
    path = v1_copy(directory)
    warehouse.upgrade(path)
    return path


def table_columns(path: Path) -> dict[str, list[str]]:
    """The content tables' columns, in table order: what an older schema had is what a comparison can use."""
    with warehouse.session(path, read_only=True) as con:
        return {table: [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()] for table in CONTENT_TABLES}


def table_rows(path: Path, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every content table, sorted, so two snapshots compare as values.

    Pass the columns of the earlier snapshot so that a later migration adding
    a column (0002 may) does not count as a change to the old rows.
    """
    columns = columns or table_columns(path)
    with warehouse.session(path, read_only=True) as con:
        return {
            table: sorted(con.execute(f"SELECT {', '.join(columns[table])} FROM {table}").fetchall(), key=repr)
            for table in CONTENT_TABLES
        }

"""Contracts: record models, warehouse migrations and the topic taxonomy."""

from pathlib import Path

SCHEMAS_DIR = Path(__file__).resolve().parent
SQL_DIR = SCHEMAS_DIR / "sql"
TOPICS_FILE = SCHEMAS_DIR / "topics.toml"

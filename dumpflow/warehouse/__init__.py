"""The warehouse: the only package that talks to DuckDB.

Keeping every SQL statement and connection here means one place decides how
the file is locked, shared and migrated, and the steps before it (read,
clean, dedup, language, topics) stay plain Python that tests can run without
a database. Data flows one way: those steps never import this package, and
this package imports none of them (tests/test_layers.py holds both).

One module per job:
- connection.py: opening the file, waiting for its lock, the ingest's `Writer`
  that hands the file over to readers, `writer_lock`, Arrow registration;
- migrations.py: numbered SQL migrations, their ledger, Python backfills,
  `ensure` (create) and `upgrade` (an older file, in place);
- runs.py: the `runs` ledger of ingests;
- keyruns.py: match_keys also kept as sorted runs beside the file, for small
  lookups by binary search;
- lookup.py: reads the pipeline needs: loaded dumps, and the repeat-detection
  index (`WarehouseSource`);
- load.py: whole dumps in one transaction, bulk-inserted through Arrow, and
  rejected files;
- rekey.py: moving a stored article's rows to the id repeat detection settled
  on (an address it gained, a post it proved to be), inside that load;
- retag.py: re-tagging every article after the taxonomy changed;
- forget.py: removing one dump and what only it contributed.

Callers use `from dumpflow import warehouse` and the names below.
"""

from dumpflow.warehouse.connection import (
    LOCKED_CONFIG,
    LOCKED_MESSAGES,
    WarehouseBusy,
    Writer,
    ask_writer_to_yield,
    connect,
    id_table,
    registered,
    session,
    utcnow,
    wanted_file,
    writer_lock,
)
from dumpflow.warehouse.forget import ForgetResult, forget_dump, matching_dumps
from dumpflow.warehouse.keyruns import compact as compact_key_runs
from dumpflow.warehouse.keyruns import disagreements as key_run_disagreements
from dumpflow.warehouse.load import load_dumps, record_rejections
from dumpflow.warehouse.lookup import WarehouseSource, loaded_dump_ids
from dumpflow.warehouse.migrations import (
    BACKFILLS,
    ensure,
    migrate,
    migrations,
    pending_versions,
    schema_version,
    upgrade,
)
from dumpflow.warehouse.retag import RETAG_CHUNK, retag_topics
from dumpflow.warehouse.runs import finish_run, start_run
from schemas import SQL_DIR

__all__ = [
    "BACKFILLS",
    "LOCKED_CONFIG",
    "LOCKED_MESSAGES",
    "RETAG_CHUNK",
    "SQL_DIR",
    "ForgetResult",
    "WarehouseBusy",
    "WarehouseSource",
    "Writer",
    "ask_writer_to_yield",
    "compact_key_runs",
    "connect",
    "ensure",
    "finish_run",
    "forget_dump",
    "id_table",
    "key_run_disagreements",
    "load_dumps",
    "loaded_dump_ids",
    "matching_dumps",
    "migrate",
    "migrations",
    "pending_versions",
    "record_rejections",
    "registered",
    "retag_topics",
    "schema_version",
    "session",
    "start_run",
    "upgrade",
    "utcnow",
    "wanted_file",
    "writer_lock",
]

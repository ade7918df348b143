"""Sorted runs of match_keys beside the warehouse file, so a small lookup costs a binary search, not a scan.

Why not in DuckDB: it skips data only by whole row groups (122,880 rows), so a
lookup of a few hundred random hashes touches nearly every row group however
the table is ordered, and reading a LIST column reads every list of a row
group; an ART index on match_keys(hash) made bulk inserts ~9x slower and each
checkpoint rewrite it (docs/incremental-ingest.md has the numbers).

So every write to match_keys also writes a "run": its rows sorted by hash,
as two numpy files in `<warehouse>.keys/`, listed in `match_key_runs` in the
same transaction (schemas/sql/0007_match_key_runs.sql). A run file whose row
never committed is never read. Re-keys and forgets change rows already in
runs; they are recorded in `match_key_moves` and applied when reading, in
order (`seq`). The runs answer a lookup only when they hold exactly
match_keys (sum of n_rows = count(*), every file there, of the length
listed); otherwise `lookup` returns None and the caller scans match_keys as
before. `compact` rewrites them as one run from the table itself, which is
also how they are built for a warehouse that had none.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# More runs or moves than this and the end of an ingest rewrites them as one run (`compact`).
MAX_RUNS = 8
VERSION = 7  # the migration that made match_key_runs and match_key_moves
MAX_MOVES = 50_000
MAX_MERGE_ROWS = 1_000_000  # small runs merged in memory up to this many rows; past it, a rebuild
_STREAM_ROWS = 1 << 20  # rows per batch when a whole run is written from the table


def keys_dir(con: duckdb.DuckDBPyConnection) -> Path | None:
    """Where the runs of this connection's database live (None for an in-memory one)."""
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()[0]
    path = row[0] if row else None
    if not path or path == ":memory:":
        return None
    return Path(path).with_name(Path(path).name + ".keys")


def _has_tables(con: duckdb.DuckDBPyConnection) -> bool:
    """False before migration 0007 (its backfill builds the first run then).

    Asked of the migration ledger, not the catalog: duckdb_tables() took
    70-100 ms on a connection's first call, a third of a small lookup.
    """
    return bool(con.execute(f"SELECT count(*) FROM schema_migrations WHERE version = {VERSION}").fetchall()[0][0])


def _next_seq(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute(
        "SELECT coalesce(max(seq), 0) + 1 FROM "
        "(SELECT seq FROM match_key_runs UNION ALL SELECT seq FROM match_key_moves)"
    ).fetchall()[0]
    return int(row[0]) if row else 1


def _complete(con: duckdb.DuckDBPyConnection, unlisted: int = 0) -> bool:
    """Do the listed runs hold as many rows as match_keys, but for `unlisted` just inserted? (Metadata reads.)"""
    row = con.execute(
        "SELECT (SELECT coalesce(sum(n_rows), 0) FROM match_key_runs), (SELECT count(*) FROM match_keys)"
    ).fetchall()[0]
    return bool(row and row[0] + unlisted == row[1])


def _paths(directory: Path, run_id: str) -> tuple[Path, Path]:
    return directory / f"{run_id}.hash.npy", directory / f"{run_id}.ids.npy"


def _id_bytes(ids: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Article ids as a fixed-width bytes array (ids are short ASCII hex; any UTF-8 works)."""
    if isinstance(ids, pa.ChunkedArray):
        ids = ids.combine_chunks()
    binary = ids.cast(pa.binary())
    lengths = pc.binary_length(binary).to_numpy(zero_copy_only=False)
    width = int(lengths.max()) if len(lengths) else 1
    if len(binary) and binary.null_count == 0 and bool((lengths == width).all()):
        offsets = np.frombuffer(binary.buffers()[1], dtype=np.int32)[binary.offset : binary.offset + len(binary) + 1]
        data = np.frombuffer(binary.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
        return data.view(f"S{width}").copy()
    return np.array(binary.to_pylist(), dtype=f"S{max(width, 1)}")


def _write_npy(path: Path, array: np.ndarray) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as handle:
        np.save(handle, array, allow_pickle=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def add_run(con: duckdb.DuckDBPyConnection, hashes: np.ndarray, ids: pa.Array | pa.ChunkedArray) -> None:
    """List the rows just inserted into match_keys as a new run (inside the caller's transaction).

    When the runs are already incomplete (or the directory cannot be
    written) nothing is written: lookups scan the table until `compact`.
    """
    n = len(hashes)
    if not n or not _has_tables(con) or (directory := keys_dir(con)) is None or not _complete(con, unlisted=n):
        return
    order = np.argsort(hashes, kind="stable")
    # Not written (read-only directory, full disk): the runs stay incomplete and lookups scan.
    _write_run(con, directory, np.ascontiguousarray(hashes[order], dtype=np.uint64), _id_bytes(ids)[order])


def _write_run(con: duckdb.DuckDBPyConnection, directory: Path, hashes: np.ndarray, ids: np.ndarray) -> int | None:
    """Write one run (rows already sorted by hash) and list it: its seq, or None if its files could not be written."""
    seq = _next_seq(con)
    digest = hashlib.sha256(hashes.tobytes() + ids.tobytes()).hexdigest()[:16]
    run_id = f"{seq:09d}-{digest}"
    try:
        directory.mkdir(exist_ok=True)
        hash_path, ids_path = _paths(directory, run_id)
        _write_npy(hash_path, hashes)
        _write_npy(ids_path, ids)
    except OSError:
        return None
    con.execute("INSERT INTO match_key_runs VALUES (?, ?, ?)", [seq, run_id, len(hashes)])
    return seq


def record_moves(con: duckdb.DuckDBPyConnection, moves: Sequence[tuple[str, str | None]]) -> None:
    """Rows of match_keys moved from old_id to article_id (None: deleted), for runs written before now."""
    if not moves or not _has_tables(con):
        return
    seq = _next_seq(con)
    table = pa.table(
        {
            "seq": pa.array([seq] * len(moves), type=pa.int64()),
            "old_id": pa.array([old for old, _ in moves], type=pa.string()),
            "article_id": pa.array([new for _, new in moves], type=pa.string()),
        }
    )
    con.register("_key_moves", table)
    try:
        con.execute("INSERT INTO match_key_moves SELECT seq, old_id, article_id FROM _key_moves")
    finally:
        con.unregister("_key_moves")


def record_deleted(con: duckdb.DuckDBPyConnection, n_rows: int) -> None:
    """match_keys lost n_rows rows (their moves say which): keeps sum(n_rows) = count(*)."""
    if n_rows and _has_tables(con):
        con.execute("INSERT INTO match_key_runs VALUES (?, NULL, ?)", [_next_seq(con), -n_rows])


def lookup(con: duckdb.DuckDBPyConnection, hashes: Sequence[int]) -> set[tuple[int, str]] | None:
    """Distinct (hash, article_id) rows of match_keys with these hashes, from the runs; None if they cannot say."""
    if not _has_tables(con) or (directory := keys_dir(con)) is None:
        return None
    n_keys, listed, n_moves, runs = con.execute(
        "SELECT (SELECT count(*) FROM match_keys), (SELECT coalesce(sum(n_rows), 0) FROM match_key_runs), "
        "(SELECT count(*) FROM match_key_moves), "
        "(SELECT list([seq::VARCHAR, run_id, n_rows::VARCHAR] ORDER BY seq) "
        "FROM match_key_runs WHERE run_id IS NOT NULL)"
    ).fetchall()[0]
    if n_keys != listed:
        return None
    # Not np.unique: its first call imports a numpy submodule (~20 ms of a ~50 ms lookup).
    wanted = np.array(sorted(set(hashes)), dtype=np.uint64)
    hits: list[tuple[int, str, int]] = []
    for seq, run_id, n_rows in runs or ():
        hash_path, ids_path = _paths(directory, run_id)
        try:
            stored = np.load(hash_path, mmap_mode="r", allow_pickle=False)
            ids = np.load(ids_path, mmap_mode="r", allow_pickle=False)
        except (OSError, ValueError):
            return None  # a file gone or cut short: scan instead
        if len(stored) != int(n_rows) or len(ids) != int(n_rows) or stored.dtype != np.uint64:
            return None
        left = np.searchsorted(stored, wanted, side="left")
        right = np.searchsorted(stored, wanted, side="right")
        for i in np.flatnonzero(right > left):
            h = int(wanted[i])
            # One read of the slice, not one memmap access per id (0.12 ms each on a cold file).
            hits.extend((h, raw.decode("utf-8"), int(seq)) for raw in np.asarray(ids[left[i] : right[i]]).tolist())
    if not n_moves:
        return {(h, article_id) for h, article_id, _ in hits}
    return _moved(con, hits) if hits else set()


def _moved(con: duckdb.DuckDBPyConnection, hits: list[tuple[int, str, int]]) -> set[tuple[int, str]]:
    """Apply the recorded moves to hits from runs: each move to rows of runs older than it, in order."""
    ids = sorted({article_id for _, article_id, _ in hits})
    table = pa.table({"value": pa.array(ids, type=pa.string())})
    con.register("_hit_ids", table)
    try:
        # Follow chains: a move's target may itself move later; take every move of any id reached.
        rows = con.execute(
            "WITH RECURSIVE reach(id) AS (SELECT value FROM _hit_ids UNION SELECT m.article_id "
            "FROM match_key_moves m JOIN reach r ON m.old_id = r.id WHERE m.article_id IS NOT NULL) "
            "SELECT seq, old_id, article_id FROM match_key_moves WHERE old_id IN (SELECT id FROM reach) ORDER BY seq"
        ).fetchall()
    finally:
        con.unregister("_hit_ids")
    moves = _by_old_id(rows)
    out: set[tuple[int, str]] = set()
    for h, article_id, seq in hits:
        current = _resolve(moves, article_id, seq)
        if current is not None:
            out.add((h, current))
    return out


Moves = dict[str, list[tuple[int, str | None]]]


def _by_old_id(rows: Sequence[tuple[int, str, str | None]]) -> Moves:
    moves: Moves = {}
    for seq, old, new in sorted(rows, key=lambda r: r[0]):
        moves.setdefault(old, []).append((seq, new))
    return moves


def _resolve(moves: Moves, article_id: str, seq: int) -> str | None:
    """Where a row of `article_id` in a run written at `seq` is now (None: deleted): the later moves, in order."""
    current: str | None = article_id
    at = seq
    while current is not None:
        later = next(((s, new) for s, new in moves.get(current, ()) if s > at), None)
        if later is None:
            break
        at, current = later
    return current


def _files_present(con: duckdb.DuckDBPyConnection) -> bool:
    directory = keys_dir(con)
    if directory is None:
        return False
    for (run_id,) in con.execute("SELECT run_id FROM match_key_runs WHERE run_id IS NOT NULL").fetchall():
        if not all(p.is_file() for p in _paths(directory, run_id)):
            return False
    return True


def compact(con: duckdb.DuckDBPyConnection) -> str | None:
    """Keep the runs few, at a cost proportional to what was added: returns what it did, if anything.

    More than MAX_RUNS runs: all but the largest are merged into one (their
    moves applied), which costs what they hold, not the warehouse. The
    whole set is rewritten from match_keys ("rebuild") only when the runs are
    incomplete, the moves too many, or the small runs no longer small (more
    than half the largest). Statements are ordered so that a crash between
    them leaves the runs incomplete (lookups scan), never wrong.
    """
    if not _has_tables(con) or (directory := keys_dir(con)) is None:
        return None
    runs = con.execute(
        "SELECT seq, run_id, n_rows FROM match_key_runs WHERE run_id IS NOT NULL ORDER BY seq"
    ).fetchall()
    n_moves = con.execute("SELECT count(*) FROM match_key_moves").fetchall()[0][0]
    if not _complete(con) or not _files_present(con) or n_moves > MAX_MOVES:
        rebuild(con)
        return "rebuild"
    if len(runs) <= MAX_RUNS:
        return None
    largest = max(runs, key=lambda r: (r[2], -r[0]))
    small = [r for r in runs if r is not largest]
    if 2 * sum(r[2] for r in small) > largest[2] or sum(r[2] for r in small) > MAX_MERGE_ROWS:
        rebuild(con)
        return "rebuild"
    _merge(con, directory, small)
    return "merge"


def _merge(con: duckdb.DuckDBPyConnection, directory: Path, runs: Sequence[tuple[int, str, int]]) -> None:
    """One run from these runs' files, each row moved as the moves since its run say (deleted rows dropped).

    The new run is newer than every move, so none applies to it again. Rows
    dropped here were counted by a forget's negative row: a positive row of
    as many keeps sum(n_rows) equal to count(*).
    """
    moves = _by_old_id(con.execute("SELECT seq, old_id, article_id FROM match_key_moves").fetchall())
    hashes: list[np.ndarray] = []
    ids: list[np.ndarray] = []
    for seq, run_id, _ in runs:
        hash_path, ids_path = _paths(directory, run_id)
        stored = np.load(hash_path, allow_pickle=False)
        raw = np.load(ids_path, allow_pickle=False)
        if moves:
            now = [_resolve(moves, b.decode("utf-8"), seq) for b in raw.tolist()]
            keep = np.array([i is not None for i in now], dtype=bool)
            stored = stored[keep]
            raw = _id_bytes(pa.array([i for i in now if i is not None], type=pa.string()))
        hashes.append(stored)
        ids.append(raw)
    width = max((a.dtype.itemsize for a in ids), default=1)
    merged = np.concatenate(hashes)
    merged_ids = np.concatenate([a.astype(f"S{width}") for a in ids])
    order = np.argsort(merged, kind="stable")
    seq = _write_run(con, directory, np.ascontiguousarray(merged[order]), merged_ids[order])
    if seq is None:
        return  # nothing changed: the small runs stay as they were
    dropped = sum(r[2] for r in runs) - len(merged)
    if dropped:
        con.execute("INSERT INTO match_key_runs VALUES (?, NULL, ?)", [seq, dropped])
    con.register("_merged", pa.table({"seq": pa.array([r[0] for r in runs], type=pa.int64())}))
    try:
        con.execute("DELETE FROM match_key_runs WHERE run_id IS NOT NULL AND seq IN (SELECT seq FROM _merged)")
    finally:
        con.unregister("_merged")
    for _, run_id, _ in runs:
        for path in _paths(directory, run_id):
            path.unlink(missing_ok=True)


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """One run holding all of match_keys, sorted by hash; the old runs and moves go."""
    directory = keys_dir(con)  # the tables exist: called by compact, or by migration 0007 before its ledger row
    if directory is None:
        return
    row = con.execute("SELECT count(*), coalesce(max(strlen(article_id)), 1) FROM match_keys").fetchall()[0]
    n, width = (int(row[0]), int(row[1])) if row else (0, 1)
    seq = _next_seq(con)
    try:
        run_id = None
        if n:  # an empty warehouse gets no directory (a new one is made under a staging name: migrations.ensure)
            directory.mkdir(exist_ok=True)
            run_id = _write_sorted(con, directory, seq, n, width)
    except OSError:
        # Nothing listed while match_keys has rows: the runs are incomplete and lookups scan.
        con.execute("DELETE FROM match_key_runs")
        con.execute("DELETE FROM match_key_moves")
        return
    # The new run first, then the old rows: in between, the runs count twice the rows (incomplete, not wrong).
    con.execute("INSERT INTO match_key_runs VALUES (?, ?, ?)", [seq, run_id, n])
    con.execute("DELETE FROM match_key_runs WHERE seq < ?", [seq])
    con.execute("DELETE FROM match_key_moves WHERE seq < ?", [seq])
    keep = {r[0] for r in con.execute("SELECT run_id FROM match_key_runs WHERE run_id IS NOT NULL").fetchall()}
    for path in directory.iterdir() if directory.is_dir() else ():
        if path.name.split(".", 1)[0] not in keep:
            path.unlink(missing_ok=True)


def _write_sorted(con: duckdb.DuckDBPyConnection, directory: Path, seq: int, n: int, width: int) -> str:
    """Stream match_keys ordered by hash into the two files (no whole copy of the table in memory)."""
    # DuckDB draws its progress bar on stdout after 2 s: into `dumpflow ingest --json`'s output, at 1M articles.
    shown = con.execute("SELECT current_setting('enable_progress_bar')").fetchall()[0][0]
    con.execute("SET enable_progress_bar = false")
    try:
        return _stream_sorted(con, directory, seq, n, width)
    finally:
        con.execute(f"SET enable_progress_bar = {'true' if shown else 'false'}")


def _stream_sorted(con: duckdb.DuckDBPyConnection, directory: Path, seq: int, n: int, width: int) -> str:
    digest = hashlib.sha256()
    tmp_hash, tmp_ids = directory / f"{seq:09d}.hash.npy.tmp", directory / f"{seq:09d}.ids.npy.tmp"
    # The files are opened before the sort: a directory that cannot be written fails before the work.
    with tmp_hash.open("wb") as fh, tmp_ids.open("wb") as fi:
        np.lib.format.write_array_header_1_0(fh, {"descr": "<u8", "fortran_order": False, "shape": (n,)})
        np.lib.format.write_array_header_1_0(fi, {"descr": f"|S{width}", "fortran_order": False, "shape": (n,)})
        written = 0
        query = "SELECT hash, article_id FROM match_keys ORDER BY hash, article_id"
        reader = con.sql(query).to_arrow_reader(_STREAM_ROWS)
        try:
            for batch in reader:
                hashes = batch.column(0).to_numpy(zero_copy_only=False).astype("<u8", copy=False)
                ids = _id_bytes(batch.column(1)).astype(f"S{width}")
                fh.write(hashes.tobytes())
                fi.write(ids.tobytes())
                digest.update(hashes.tobytes())
                digest.update(ids.tobytes())
                written += len(hashes)
        finally:
            reader.close()  # a write that failed half-way must not leave the connection a result to finish
        if written != n:
            raise OSError(f"match_keys changed while its run was written ({written} rows, expected {n})")
        for handle in (fh, fi):
            handle.flush()
            os.fsync(handle.fileno())
    run_id = f"{seq:09d}-{digest.hexdigest()[:16]}"
    hash_path, ids_path = _paths(directory, run_id)
    os.replace(tmp_hash, hash_path)
    os.replace(tmp_ids, ids_path)
    return run_id


def disagreements(con: duckdb.DuckDBPyConnection, sample: int = 5000) -> list[str]:
    """Hashes whose rows the runs give differently from match_keys (`dumpflow check`); [] when incomplete.

    Incomplete runs are a normal state (lookups scan), not a fault. At most
    `sample` hashes are compared, from both ends of the hash order, so the
    check stays bounded on a large warehouse and is whole on a small one.
    """
    if not _has_tables(con) or keys_dir(con) is None:
        return []
    half = max(sample // 2, 1)
    rows = con.execute(
        f"WITH h AS (SELECT DISTINCT hash FROM match_keys), picked AS ((SELECT hash FROM h ORDER BY hash LIMIT {half}) "
        f"UNION (SELECT hash FROM h ORDER BY hash DESC LIMIT {half})) "
        "SELECT DISTINCT m.hash, m.article_id FROM match_keys m SEMI JOIN picked p ON m.hash = p.hash"
    ).fetchall()
    hashes = sorted({h for h, _ in rows})
    found = lookup(con, hashes)
    if found is None:
        return []
    stored = set(rows)
    return [str(h) for h in sorted({h for h, _ in stored ^ found})]

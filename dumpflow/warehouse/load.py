"""Loading dumps: whole dumps in one transaction, bulk-inserted through Arrow.

The largest job of the package, and the one tuned for speed (executemany is
~100x slower here than an Arrow insert): every column is built in one pass.
Rejected files are recorded here too, since a load replaces their rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import chain
from operator import attrgetter

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dumpflow import minhash
from dumpflow.signals import batch_signals, url_signal
from dumpflow.warehouse import keyruns
from dumpflow.warehouse.connection import id_table, registered, utcnow
from dumpflow.warehouse.lookup import loaded_dump_ids
from dumpflow.warehouse.rekey import move_articles
from schemas.records import AnnotatedDump, Article, ArticleState, LoadResult, Rejection, TopicTag


def record_rejections(con: duckdb.DuckDBPyConnection, rejections: Sequence[Rejection], run_id: str) -> None:
    """Record rejected files; a file loaded earlier is never downgraded to rejected."""
    now = utcnow()
    _forget_unreadable(con, [rej.source_path for rej in rejections if not rej.reason.startswith("unreadable")])
    for rej in rejections:
        if rej.dump_id is None:
            continue  # no identity to record; the run summary lists it
        con.execute(
            "INSERT INTO dumps (dump_id, source_name, source_path, format, status, reason, n_entries, "
            "size_bytes, ingested_at, run_id) VALUES (?, ?, ?, NULL, 'rejected', ?, 0, ?, ?, ?) "
            "ON CONFLICT (dump_id) DO UPDATE SET reason = excluded.reason, source_name = excluded.source_name, "
            "source_path = excluded.source_path, ingested_at = excluded.ingested_at, run_id = excluded.run_id "
            "WHERE dumps.status = 'rejected'",
            [rej.dump_id, rej.source_name, rej.source_path, rej.reason, rej.size_bytes, now, run_id],
        )


def _forget_unreadable(con: duckdb.DuckDBPyConnection, paths: Sequence[str]) -> None:
    """Drop the 'unreadable' rows of files that could be read this time (read.unreadable_id)."""
    if paths:
        with registered(con, "_paths", id_table(paths)):
            con.execute(
                "DELETE FROM dumps WHERE status = 'rejected' AND starts_with(dump_id, 'unreadable:') "
                "AND source_path IN (SELECT value FROM _paths)"
            )


_SIGHTING_FIELDS = ("position", "line_no", "article_id", "raw_text", "kind", "similarity", "url", "published")


def _columns(records: Sequence[object], fields: Sequence[str]) -> list[tuple]:
    """The records' fields as columns, in one C-level pass.

    attrgetter + zip(*) instead of one list comprehension per field: each
    comprehension walks 100k records again (~0.7 us per record here, most of
    it fetching the scattered objects), and a load builds some thirty columns.
    """
    if len(fields) < 2:  # attrgetter of one name gives bare values, not 1-tuples
        return [tuple(map(attrgetter(*fields), records))]
    if not records:
        return [() for _ in fields]
    return list(zip(*map(attrgetter(*fields), records), strict=True))


def _dates(values: Sequence[str | None]) -> pa.Array:
    """YYYY-MM-DD strings (records.IsoDate, already checked) as a DATE column, parsed by Arrow in one pass."""
    return pa.array(values, type=pa.string()).cast(pa.date32())


def _repeated(values: pa.Array, counts: Sequence[int]) -> pa.Array:
    """values[i] repeated counts[i] times (a dump's id on each of its rows)."""
    return values.take(pa.array(np.repeat(np.arange(len(values)), counts), type=pa.int64()))


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, pa.Array] | pa.Table) -> None:
    data = columns if isinstance(columns, pa.Table) else pa.table(columns)
    if data.num_rows == 0:
        return
    names = ", ".join(data.column_names)
    with registered(con, "_batch", data):
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _batch")


def load_dumps(con: duckdb.DuckDBPyConnection, dumps: Sequence[AnnotatedDump], run_id: str) -> list[LoadResult]:
    """Load whole dumps in one transaction; dumps already loaded are skipped.

    Callers pass dumps in the order repeat detection saw them. If the group
    fails, it is retried one dump per transaction, so one bad dump cannot keep
    the others out and none is ever half-loaded.
    """
    try:
        return _load_group(con, dumps, run_id)
    except duckdb.InterruptException:
        raise  # Ctrl-C during the load: stop, do not retry dump by dump
    except duckdb.Error:
        if len(dumps) == 1:
            raise
    return [result for dump in dumps for result in _load_group(con, [dump], run_id)]


def _load_group(con: duckdb.DuckDBPyConnection, dumps: Sequence[AnnotatedDump], run_id: str) -> list[LoadResult]:
    now = utcnow()
    con.execute("BEGIN TRANSACTION")
    try:
        already = loaded_dump_ids(con, [d.dump.dump_id for d in dumps])
        results: list[LoadResult] = []
        fresh = [d for d in dumps if d.dump.dump_id not in already]
        for d in dumps:
            if d.dump.dump_id in already:
                results.append(
                    LoadResult(
                        dump_id=d.dump.dump_id,
                        source_name=d.dump.source_name,
                        status="already_loaded",
                        n_entries=0,
                        n_new_articles=0,
                        n_repeats=0,
                    )
                )
        _write(con, fresh, run_id, now, results)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return results


def _write(
    con: duckdb.DuckDBPyConnection,
    dumps: Sequence[AnnotatedDump],
    run_id: str,
    now: dt.datetime,
    results: list[LoadResult],
) -> None:
    """Every row of these dumps, one bulk insert per table.

    Each table's columns are built in one C-level pass over its records
    (`_columns`), and what is derived from them (a dump's counts, an article's
    first dump, the merges) from those columns, in numpy or Arrow: no Python
    loop over sightings, versions or hashes. On the 100k benchmark the per-row
    loops this replaced were most of the load's Python time.
    """
    if not dumps:
        return
    dump_ids = pa.array([d.dump.dump_id for d in dumps], type=pa.string())
    paths = [d.dump.path for d in dumps]
    per_dump = np.fromiter((len(d.sightings) for d in dumps), dtype=np.int64, count=len(dumps))
    sightings = list(chain.from_iterable(d.sightings for d in dumps))
    position, line_no, article_id, raw_text, kind, similarity, url, published = _columns(sightings, _SIGHTING_FIELDS)
    kinds = pa.array(kind, type=pa.string())
    sight: dict[str, pa.Array] = {
        "dump_id": _repeated(dump_ids, per_dump),
        "position": pa.array(position, type=pa.int32()),
        "article_id": pa.array(article_id, type=pa.string()),
        "raw_text": pa.array(raw_text, type=pa.string()),
        "line_no": pa.array(line_no, type=pa.int32()),
        "kind": kinds,
        "similarity": pa.array(similarity, type=pa.float64()),
        "url": pa.array(url, type=pa.string()),
        "published": _dates(published),
    }
    lines = list(chain.from_iterable(d.dropped for d in dumps))
    dropped_line_no, dropped_text, dropped_reason = _columns(lines, ("line_no", "raw_text", "reason"))
    dropped = {
        "dump_id": _repeated(dump_ids, [len(d.dropped) for d in dumps]),
        "line_no": pa.array(dropped_line_no, type=pa.int32()),
        "raw_text": pa.array(dropped_text, type=pa.string()),
        "reason": pa.array(dropped_reason, type=pa.string()),
    }
    is_new = pc.equal(kinds, "new").to_numpy(zero_copy_only=False)
    which = np.repeat(np.arange(len(dumps)), per_dump)  # each sighting's dump, by index
    n_new = np.bincount(which[is_new], minlength=len(dumps))
    # article -> the dump of its `new` sighting (the first, should there be several): a dict built
    # from the pairs in reverse keeps each key's first value.
    new_at = np.flatnonzero(is_new)[::-1]
    ids = [d.dump.dump_id for d in dumps]
    first_dump = dict(
        zip(map(article_id.__getitem__, new_at.tolist()), map(ids.__getitem__, which[new_at].tolist()), strict=True)
    )
    # The article's state after the last dump of the group that changed it; every state carries
    # the versions first seen in its dump (new_keys).
    arts = list(chain.from_iterable(d.articles for d in dumps))
    art_dump = list(chain.from_iterable([d] * len(d.articles) for d in dumps))
    states = list(map(_STATE, arts))
    latest = dict(zip(map(_ARTICLE_ID, states), zip(art_dump, arts, strict=True), strict=True))
    n_new_list = n_new.tolist()
    for d, n in zip(dumps, n_new_list, strict=True):
        results.append(
            LoadResult(
                dump_id=d.dump.dump_id,
                source_name=d.dump.source_name,
                status="loaded",
                n_entries=len(d.sightings),
                n_new_articles=n,
                n_repeats=len(d.sightings) - n,
            )
        )
    dump_rows = {
        "dump_id": dump_ids,
        "source_name": pa.array([d.dump.source_name for d in dumps], type=pa.string()),
        "source_path": pa.array(paths, type=pa.string()),
        "format": pa.array([d.format for d in dumps], type=pa.string()),
        "status": pa.array(["loaded"] * len(dumps), type=pa.string()),
        "reason": pa.nulls(len(dumps), type=pa.string()),
        "n_entries": pa.array(per_dump, type=pa.int64()),
        "n_new_articles": pa.array(n_new_list, type=pa.int64()),
        "n_repeats": pa.array(per_dump - n_new, type=pa.int64()),
        "n_dropped": pa.array([len(d.dropped) for d in dumps], type=pa.int64()),
        "encoding": pa.array([d.encoding for d in dumps], type=pa.string()),
        "partial_tail": pa.array([d.partial_tail for d in dumps], type=pa.bool_()),
        "size_bytes": pa.array([d.dump.size_bytes for d in dumps], type=pa.int64()),
        "ingested_at": pa.array([now] * len(dumps), type=pa.timestamp("us")),
        "run_id": pa.array([run_id] * len(dumps), type=pa.string()),
    }
    with registered(con, "_ids", id_table(dump_ids)):
        con.execute("DELETE FROM dumps WHERE status = 'rejected' AND dump_id IN (SELECT value FROM _ids)")
    _forget_unreadable(con, paths)
    rekeys = [r for d in dumps for r in d.rekeys]
    move_articles(con, rekeys)
    _insert(con, "dumps", dump_rows)
    _insert(con, "sightings", sight)
    repeat = pa.array(np.flatnonzero(~is_new), type=pa.int64())
    merges = {k: sight[k].take(repeat) for k in ("article_id", "dump_id", "position", "kind", "similarity")}
    _insert(con, "merges", merges)
    _insert(con, "dropped_lines", dropped)
    _insert_versions(con, states)
    _upsert_articles(con, latest, first_dump, now, frozenset(r.article_id for r in rekeys))


_STATE = attrgetter("state")
_ARTICLE_ID = attrgetter("article_id")


def _offsets(counts: Sequence[int]) -> np.ndarray:
    """Where each row of a flattened list column starts, and where the last one ends (len(counts) + 1 values)."""
    offsets = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return offsets


def _insert_versions(con: duckdb.DuckDBPyConnection, states: Sequence[ArticleState]) -> None:
    """Index every new version: its signals for lookups, its sketch for re-banding later.

    Only new versions are hashed (by repeat detection, which hands its hashes
    over on the state; here only when a state comes without them); what is
    stored is never recomputed, which keeps an incremental run proportional
    to the new dump. The hashes and sketches are flattened into numpy arrays
    in one pass each, with offsets, not row by row.
    """
    index_addresses(con, [(state.url_key, state.article_id) for state in states if state.url_key_is_new])
    versioned = [state for state in states if state.new_keys]
    if not versioned:
        return
    new_keys, given_sigs, given_sketches = _columns(versioned, ("new_keys", "new_key_signals", "new_key_sketches"))
    if all(given_sigs) and all(given_sketches):
        sigs: list[list[int]] = list(chain.from_iterable(given_sigs))
        sketches: list[list[int]] = list(chain.from_iterable(given_sketches))
    else:
        sigs, sketches = [], []
        for keys, state_sigs, state_sketches in zip(new_keys, given_sigs, given_sketches, strict=True):
            if state_sigs and state_sketches:
                sigs.extend(state_sigs)
                sketches.extend(state_sketches)
            else:
                sketch = minhash.sketches(keys)
                sigs.extend(batch_signals(keys, sketch))
                sketches.extend(sketch.tolist())
    keys = list(chain.from_iterable(new_keys))
    owner_ids = _repeated(pa.array(list(map(_ARTICLE_ID, versioned)), type=pa.string()), list(map(len, new_keys)))
    n_sigs = list(map(len, sigs))
    sig_at = _offsets(n_sigs)
    hashes = np.fromiter(chain.from_iterable(sigs), dtype=np.uint64, count=int(sig_at[-1]))
    hash_owners = _repeated(owner_ids, n_sigs)
    _insert(con, "match_keys", {"hash": pa.array(hashes, type=pa.uint64()), "article_id": hash_owners})
    keyruns.add_run(con, hashes, hash_owners)
    bin_at = _offsets(list(map(len, sketches)))
    bins = np.fromiter(chain.from_iterable(sketches), dtype=np.uint32, count=int(bin_at[-1]))
    _insert(
        con,
        "signatures",
        {
            "article_id": owner_ids,
            "key_hash": pa.array(hashes[sig_at[:-1]], type=pa.uint64()),  # the exact signal comes first
            "n_key": pa.array(list(map(len, keys)), type=pa.int32()),
            "sketch": pa.ListArray.from_arrays(pa.array(bin_at.astype(np.int32)), pa.array(bins, type=pa.uint32())),
        },
    )


def index_addresses(con: duckdb.DuckDBPyConnection, owners: Sequence[tuple[str | None, str]]) -> None:
    """match_keys rows for canonical addresses given to articles (signals.url_signal), once per article."""
    pairs = [(url_signal(key), article_id) for key, article_id in owners if key is not None]
    if pairs:
        hashes = np.array([h for h, _ in pairs], dtype=np.uint64)
        ids = pa.array([a for _, a in pairs], type=pa.string())
        _insert(con, "match_keys", {"hash": pa.array(hashes, type=pa.uint64()), "article_id": ids})
        keyruns.add_run(con, hashes, ids)


def _stored(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> set[str]:
    if not article_ids:
        return set()
    with registered(con, "_ids", id_table(article_ids)):
        rows = con.execute("SELECT article_id FROM articles WHERE article_id IN (SELECT value FROM _ids)").fetchall()
    return {row[0] for row in rows}


def _upsert_articles(
    con: duckdb.DuckDBPyConnection,
    latest: dict[str, tuple[AnnotatedDump, Article]],
    first_dump: dict[str, str],
    now: dt.datetime,
    targets: frozenset[str] = frozenset(),
) -> None:
    ids = sorted(latest)
    rows = [latest[article_id] for article_id in ids]
    last_dump = [d.dump.dump_id for d, _ in rows]
    states, languages, topics = _columns([art for _, art in rows], ("state", "language", "topics"))
    title, body, is_truncated, url, key, url_keys, published = _columns(
        states, ("title", "body", "is_truncated", "url", "key", "url_key", "published")
    )
    lang, confidence, method = _columns(languages, ("lang", "confidence", "method"))
    n = len(ids)
    article_ids = pa.array(ids, type=pa.string())
    arrays = {
        "article_id": article_ids,
        "title": pa.array(title, type=pa.string()),
        "body": pa.array(body, type=pa.string()),
        "lang": pa.array(lang, type=pa.string()),
        "lang_confidence": pa.array(confidence, type=pa.float64()),
        "lang_method": pa.array(method, type=pa.string()),
        "is_truncated": pa.array(is_truncated, type=pa.bool_()),
        "n_chars": pa.array(list(map(len, body)), type=pa.int64()),
        "url": pa.array(url, type=pa.string()),
        "first_seen": pa.array([now] * n, type=pa.timestamp("us")),
        "last_seen": pa.array([now] * n, type=pa.timestamp("us")),
        "first_dump_id": pa.array(list(map(first_dump.get, ids, last_dump)), type=pa.string()),
        "last_dump_id": pa.array(last_dump, type=pa.string()),
        "match_key": pa.array(key, type=pa.string()),
        "published": _dates(published),
        "url_key": pa.array(url_keys, type=pa.string()),
    }
    # An article with a `new` sighting in this group is not stored yet (repeat
    # detection gave it an id no stored article has): a plain insert. The rest
    # are stored already and are replaced (`_replace_known`); so is one a stored
    # article was just moved to (rekey.py): its row is there.
    moved_to = _stored(con, [article_id for article_id in ids if article_id in first_dump and article_id in targets])
    fresh = pa.array([article_id in first_dump and article_id not in moved_to for article_id in ids], type=pa.bool_())
    table = pa.table(arrays)
    known = table.filter(pc.invert(fresh))
    _insert(con, "articles", table.filter(fresh))
    _replace_known(con, known)
    replace_topics(con, article_ids, topics, stored=known.column("article_id").combine_chunks())


def _replace_known(con: duckdb.DuckDBPyConnection, known: pa.Table) -> None:
    """Stored articles re-sighted: their rows deleted and inserted again, keeping when and where they were first seen.

    Not an UPDATE: DuckDB stores an updated text column by rewriting, at the
    next checkpoint, the whole column of every row group (122,880 rows) that
    had one row changed, and a re-sighting changes `body` and `match_key`
    (long texts, the bulk of the file). A 12-entry dump with 9 repeats thus
    recompressed ~2 s of text per touched row group, more the larger the
    warehouse; a delete only marks rows, and the new rows are appended.
    """
    if not known.num_rows:
        return
    names = [name for name in known.column_names if name not in _FIRST_SIGHTING]
    with registered(con, "_known", known):
        first = con.sql(
            "SELECT article_id, first_seen, first_dump_id FROM articles "
            "WHERE article_id IN (SELECT article_id FROM _known)"
        ).to_arrow_table()
        con.execute("DELETE FROM articles WHERE article_id IN (SELECT article_id FROM _known)")
        with registered(con, "_first", first):
            con.execute(
                f"INSERT INTO articles ({', '.join(names)}, first_seen, first_dump_id) "
                f"SELECT {', '.join('k.' + name for name in names)}, f.first_seen, f.first_dump_id "
                "FROM _known k JOIN _first f USING (article_id) ORDER BY k.article_id"
            )


# What a re-sighting never changes: when and in which dump the article was first seen.
_FIRST_SIGHTING = ("first_seen", "first_dump_id")


def replace_topics(
    con: duckdb.DuckDBPyConnection,
    article_ids: pa.Array,
    topics: Sequence[Sequence[TopicTag]],
    stored: pa.Array | None = None,
) -> None:
    """The topics of these articles, replaced by `topics` (one list per article, in the same order).

    `stored`: the ids among them that can have topics already (default: all).
    A load passes its re-sighted articles only: a new article has no topics
    to delete, and deleting by every id of a batch (more than
    PUSHED_JOIN_ROWS) made DuckDB hash-join the whole article_topics table,
    once per batch, a scan that grows with the warehouse.
    """
    stored = article_ids if stored is None else stored
    if len(stored):
        with registered(con, "_changed", id_table(stored)):
            con.execute("DELETE FROM article_topics WHERE article_id IN (SELECT value FROM _changed)")
    tags = list(chain.from_iterable(topics))
    topic, score, evidence = _columns(tags, ("topic", "score", "evidence"))
    _insert(
        con,
        "article_topics",
        {
            "article_id": _repeated(article_ids, list(map(len, topics))),
            "topic": pa.array(topic, type=pa.string()),
            "score": pa.array(score, type=pa.float64()),
            "evidence": pa.array(evidence, type=pa.list_(pa.string())),
        },
    )

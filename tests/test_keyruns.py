"""Sorted runs of match_keys (dumpflow/warehouse/keyruns.py): small lookups answered from them, as the table would.

Real DuckDB files and real run files beside them. The reference every test
compares with is match_keys itself, read with plain SQL.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pytest

from dumpflow import dedup, enrich, warehouse
from dumpflow.warehouse import keyruns, lookup
from schemas.records import CleanDump
from tests.builders import cleaned, transmission
from tests.invariants import assert_consistent
from tests.test_url_identity import CUT_EXCERPT, PAGE, POST, entry, html
from tests.warehouse_copies import v1_copy

TEXTS = [
    "Ocean temperatures rose again this spring, the survey said, with the warmest readings near the coast.",
    "The city council approved the new bridge after a long debate about its cost and the traffic it would bring.",
    "A small museum reopened its doors with an exhibition of maps drawn by sailors two centuries ago.",
    "Researchers described a beetle that survives the desert by drinking fog collected on its back.",
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    warehouse.ensure(path)
    return path


def ingest(db: Path, *dumps: CleanDump, run_id: str = "run") -> None:
    with warehouse.session(db) as con:
        matched = dedup.match_dumps(list(dumps), warehouse.WarehouseSource(con))
        warehouse.load_dumps(con, enrich.annotate(matched), run_id)


def text_dump(name: str, *entries: str) -> CleanDump:
    return cleaned(name, transmission(*entries))


def table_rows(con: duckdb.DuckDBPyConnection) -> set[tuple[int, str]]:
    return set(con.execute("SELECT DISTINCT hash, article_id FROM match_keys").fetchall())


def runs(con: duckdb.DuckDBPyConnection) -> list[tuple[int, str | None, int]]:
    return con.execute("SELECT seq, run_id, n_rows FROM match_key_runs ORDER BY seq").fetchall()


def assert_runs_answer(db: Path) -> set[tuple[int, str]]:
    """The runs give exactly match_keys' rows for every stored hash, and nothing for others."""
    with warehouse.session(db, read_only=True) as con:
        expected = table_rows(con)
        hashes = [*sorted({h for h, _ in expected}), 1, 2, 2**64 - 1]
        found = keyruns.lookup(con, hashes)
    assert found is not None, "the runs should be complete"
    assert found == expected
    return expected


def both_paths(db: Path, hashes: list[int], monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    """WarehouseSource.lookup through the runs, then through the table scan (runs switched off)."""
    with warehouse.session(db, read_only=True) as con:
        source = warehouse.WarehouseSource(con)
        from_runs = sorted(source.lookup(hashes, dedup.MAX_POSTING), key=repr)
        monkeypatch.setattr(lookup, "RUN_LOOKUP_MAX", -1)
        from_table = sorted(source.lookup(hashes, dedup.MAX_POSTING), key=repr)
        monkeypatch.undo()
    return from_runs, from_table


def test_upgrade_builds_the_runs_of_an_old_warehouse(tmp_path: Path) -> None:
    path = v1_copy(tmp_path)
    assert keyruns.VERSION in warehouse.upgrade(path)
    with warehouse.session(path, read_only=True) as con:
        [(_, run_id, n_rows)] = runs(con)
        assert n_rows == con.execute("SELECT count(*) FROM match_keys").fetchall()[0][0] > 0
    directory = path.with_name(path.name + ".keys")
    assert sorted(p.name for p in directory.iterdir()) == [f"{run_id}.hash.npy", f"{run_id}.ids.npy"]
    stored = np.load(directory / f"{run_id}.hash.npy")
    assert bool((np.diff(stored.astype(np.float64)) >= 0).all())  # sorted by hash
    assert_runs_answer(path)
    assert_consistent(path)


def test_each_load_adds_a_run_and_small_lookups_equal_the_table_scan(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i, text in enumerate(TEXTS):
        ingest(db, text_dump(f"d{i}.txt", text, TEXTS[0] + " Updated."), run_id=f"r{i}")
        expected = assert_runs_answer(db)
    with warehouse.session(db, read_only=True) as con:
        assert len([r for r in runs(con) if r[1]]) == len(TEXTS)
    hashes = [*sorted({h for h, _ in expected})[:200], 12345]
    from_runs, from_table = both_paths(db, hashes, monkeypatch)
    assert from_runs == from_table and from_runs
    assert_consistent(db)


def test_the_lookup_reads_the_runs_not_the_table(db: Path) -> None:
    """Change one id in a run file only: a small lookup then reports it (the scan would not)."""
    ingest(db, text_dump("a.txt", TEXTS[0]))
    with warehouse.session(db, read_only=True) as con:
        [(_, run_id, _)] = [r for r in runs(con) if r[1]]
        h, article_id = sorted(table_rows(con))[0]
    ids_path = db.with_name(db.name + ".keys") / f"{run_id}.ids.npy"
    ids = np.load(ids_path)
    ids[ids == article_id.encode()] = b"f" * len(article_id)
    np.save(ids_path, ids)
    with warehouse.session(db, read_only=True) as con:
        found = warehouse.WarehouseSource(con).lookup([h])
    assert found == [(h, "f" * len(article_id))]


def test_a_missing_run_file_falls_back_to_the_scan_and_compaction_rebuilds_it(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(db, text_dump("a.txt", TEXTS[0], TEXTS[1]))
    directory = db.with_name(db.name + ".keys")
    for path in directory.glob("*.ids.npy"):
        path.unlink()
    with warehouse.session(db, read_only=True) as con:
        expected = table_rows(con)
        hashes = sorted({h for h, _ in expected})
        assert keyruns.lookup(con, hashes) is None
    from_runs, from_table = both_paths(db, hashes, monkeypatch)
    assert from_runs == from_table  # both were the scan: still right
    with warehouse.session(db) as con:
        assert warehouse.compact_key_runs(con) == "rebuild"
        assert warehouse.compact_key_runs(con) is None  # nothing left to do
    assert_runs_answer(db)


def test_a_rolled_back_load_leaves_files_that_are_never_read(db: Path) -> None:
    ingest(db, text_dump("a.txt", TEXTS[0]))
    with warehouse.session(db) as con:
        con.execute("BEGIN TRANSACTION")
        con.execute("INSERT INTO match_keys VALUES (7, 'ffffffffffffffff')")
        keyruns.add_run(
            con, np.array([7], dtype=np.uint64), duckdb.sql("SELECT 'ffffffffffffffff'").to_arrow_table()[0]
        )
        con.execute("ROLLBACK")
    assert len(list(db.with_name(db.name + ".keys").glob("*.hash.npy"))) == 2  # the orphan is there
    assert (7, "ffffffffffffffff") not in assert_runs_answer(db)


def test_re_keyed_articles_are_found_under_their_new_id(db: Path) -> None:
    """A text article that gains its address moves (rekey.py): its rows in older runs follow, when read."""
    ingest(db, text_dump("feed.txt", CUT_EXCERPT), run_id="r1")
    ingest(db, html("listing.html", entry(0, POST, CUT_EXCERPT)), run_id="r2")
    with warehouse.session(db, read_only=True) as con:
        moves = con.execute("SELECT old_id, article_id FROM match_key_moves").fetchall()
        assert moves and all(new == dedup.url_article_id("blog.example.org/2024/03/05/siglip") for _, new in moves)
    expected = assert_runs_answer(db)
    assert {a for _, a in expected} == {moves[0][1]}
    ingest(db, html("post.html", *PAGE), run_id="r3")
    assert_runs_answer(db)
    with warehouse.session(db) as con:
        keyruns.rebuild(con)
        assert con.execute("SELECT count(*) FROM match_key_moves").fetchall() == [(0,)]
    assert_runs_answer(db)
    assert_consistent(db)


def test_forgotten_articles_are_gone_and_come_back_when_loaded_again(db: Path) -> None:
    ingest(db, text_dump("a.txt", TEXTS[0]), run_id="r1")
    ingest(db, text_dump("b.txt", TEXTS[1], TEXTS[2]), run_id="r2")
    full = assert_runs_answer(db)
    with warehouse.session(db) as con:
        dump_id = con.execute("SELECT dump_id FROM dumps WHERE source_name = 'b.txt'").fetchall()[0][0]
        assert warehouse.forget_dump(con, dump_id) is not None
    after = assert_runs_answer(db)
    assert after < full
    # Same text, same ids: rows written after the forget must not be dropped by it.
    ingest(db, text_dump("b.txt", TEXTS[1], TEXTS[2]), run_id="r3")
    assert assert_runs_answer(db) == full
    assert_consistent(db)


def test_many_runs_of_similar_size_are_rebuilt_as_one_and_old_files_removed(db: Path) -> None:
    for i in range(keyruns.MAX_RUNS + 1):
        ingest(db, text_dump(f"d{i}.txt", f"{TEXTS[i % len(TEXTS)]} Edition {i}, with its own closing line."))
    expected = assert_runs_answer(db)
    with warehouse.session(db) as con:
        assert warehouse.compact_key_runs(con) == "rebuild"
        assert warehouse.compact_key_runs(con) is None  # nothing left to do
        [(_, run_id, _)] = runs(con)
    files = sorted(p.name for p in db.with_name(db.name + ".keys").iterdir())
    assert files == [f"{run_id}.hash.npy", f"{run_id}.ids.npy"]
    assert assert_runs_answer(db) == expected
    assert_consistent(db)


def test_small_runs_after_a_large_one_are_merged_with_their_moves_applied(db: Path) -> None:
    """What a stream of small ingests costs: the small runs merge, the large one is left alone."""
    many = [f"Report number {i}: {TEXTS[i % len(TEXTS)]} It closes with line {i * 7}." for i in range(60)]
    ingest(db, text_dump("big.txt", *many), run_id="big")
    ingest(db, text_dump("feed.txt", CUT_EXCERPT), run_id="r1")
    ingest(db, html("listing.html", entry(0, POST, CUT_EXCERPT)), run_id="r2")  # re-keys feed.txt's article
    for i in range(keyruns.MAX_RUNS):
        ingest(db, text_dump(f"s{i}.txt", f"A short item {i} about {TEXTS[i % len(TEXTS)][:40]}."), run_id=f"s{i}")
    with warehouse.session(db) as con:
        dump_id = con.execute("SELECT dump_id FROM dumps WHERE source_name = 's0.txt'").fetchall()[0][0]
        assert warehouse.forget_dump(con, dump_id) is not None
    expected = assert_runs_answer(db)
    with warehouse.session(db, read_only=True) as con:
        before = [r for r in runs(con) if r[1]]
    with warehouse.session(db) as con:
        assert warehouse.compact_key_runs(con) == "merge"
        after = [r for r in runs(con) if r[1]]
    assert len(after) == 2 and before[0] in after  # the large run is untouched
    assert assert_runs_answer(db) == expected
    assert_consistent(db)


def test_check_reports_runs_that_disagree_with_the_table(db: Path) -> None:
    ingest(db, text_dump("a.txt", TEXTS[0]))
    with warehouse.session(db) as con:
        con.execute(
            "UPDATE match_keys SET article_id = 'ffffffffffffffff' WHERE hash = (SELECT min(hash) FROM match_keys)"
        )
    with pytest.raises(AssertionError, match="sorted key runs agree with match_keys"):
        assert_consistent(db)


def test_a_new_warehouse_leaves_no_directory_until_it_has_keys(tmp_path: Path) -> None:
    """It is created under a staging name (migrations.ensure): nothing may be left under that name."""
    path = tmp_path / "w.duckdb"
    warehouse.ensure(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb"]
    ingest(path, text_dump("a.txt", TEXTS[0]))
    assert (tmp_path / "w.duckdb.keys").is_dir()
    assert_runs_answer(path)


@pytest.mark.usefixtures("prefect_server")
def test_an_ingest_of_many_batches_ends_with_one_run(tmp_path: Path) -> None:
    """The flow compacts at its end: a bulk ingest leaves one run for the next small ingest to search."""
    from flows.ingest import ingest as ingest_flow

    dumps = tmp_path / "dumps"
    dumps.mkdir()
    for i in range(keyruns.MAX_RUNS + 2):
        text = f"Bulletin {i}. {TEXTS[i % len(TEXTS)]} Filed under number {i * 13}."
        (dumps / f"{i:03d}.txt").write_text(transmission(text))
    db = tmp_path / "w.duckdb"
    summary = ingest_flow(paths=[str(dumps)], warehouse_file=str(db), batch_bytes=1)
    assert summary.batches == keyruns.MAX_RUNS + 2
    with warehouse.session(db, read_only=True) as con:
        assert len([r for r in runs(con) if r[1]]) == 1
    assert_runs_answer(db)
    assert_consistent(db)


def test_runs_that_cannot_be_written_leave_loads_and_lookups_right(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file where the directory should be (or a full disk): loads go on, lookups scan, a later rebuild heals."""
    keys = db.with_name(db.name + ".keys")
    keys.write_text("not a directory")
    ingest(db, text_dump("a.txt", TEXTS[0], TEXTS[1]))
    with warehouse.session(db, read_only=True) as con:
        hashes = sorted({h for h, _ in table_rows(con)})
        assert keyruns.lookup(con, hashes) is None
    with warehouse.session(db) as con:
        assert warehouse.compact_key_runs(con) == "rebuild"  # tried, could not write: still incomplete
        assert keyruns.lookup(con, hashes) is None
    from_runs, from_table = both_paths(db, hashes, monkeypatch)
    assert from_runs == from_table and from_runs
    keys.unlink()
    with warehouse.session(db) as con:
        assert warehouse.compact_key_runs(con) == "rebuild"
    assert_runs_answer(db)
    assert_consistent(db)

"""The load's columns (dumpflow/warehouse/load.py) against answers worked out another way, on real DuckDB files.

The load builds each table's columns in bulk (numpy/Arrow) from the batch's
records; these tests check what it derives that way (a dump's counts, an
article's first and last dump, the version index) against an independent
oracle: the same dumps loaded one per transaction, and the hashes recomputed
from each stored key.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dumpflow import dedup, enrich, minhash, signals, warehouse
from schemas.records import AnnotatedDump, ArticleState
from tests.builders import cleaned, scalar, transmission

A = "SigLIP 概述 CLIP自提出以来在zero-shot分类、跨模态搜索、多模态对齐等多个领域得到广泛应用。得益于其令人惊叹的能力..."
B = "BLIP 论文名称 :BLIP: Bootstrapping Language-Image Pre-training for Unified Vision-Language Understanding..."
C = "一个新的条目讲的是检索增强生成在企业知识库中的落地方式与常见的评测指标以及它们各自的局限" * 2 + "..."
D = "Mamba 状态空间模型用选择性扫描替代注意力机制, 在长序列上线性扩展, 本文梳理其结构与训练细节以及实验结果..."

# a.txt: A and B new; b.txt: A again and C new; c.txt: a longer B cut, C again and D new.
DUMPS = [
    ("a.txt", [A, B]),
    ("b.txt", [A, C]),
    ("c.txt", [B.removesuffix("...") + " 以及更多的内容...", C, D]),
]


def _annotated(con: object, names: list[tuple[str, list[str]]]) -> list[AnnotatedDump]:
    dumps = [cleaned(name, transmission(*entries)) for name, entries in names]
    return enrich.annotate(dedup.match_dumps(dumps, warehouse.WarehouseSource(con)))


def _rows(db: Path) -> dict[str, list[tuple]]:
    """What a load decides from its columns: per-dump counts, per-article first/last dump, sighting kinds."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "dumps": con.execute(
                "SELECT source_name, n_entries, n_new_articles, n_repeats, n_dropped FROM dumps ORDER BY ALL"
            ).fetchall(),
            "articles": con.execute(
                "SELECT a.article_id, f.source_name, l.source_name, a.body FROM articles a "
                "JOIN dumps f ON f.dump_id = a.first_dump_id JOIN dumps l ON l.dump_id = a.last_dump_id ORDER BY ALL"
            ).fetchall(),
            "sightings": con.execute(
                "SELECT d.source_name, s.position, s.article_id, s.kind FROM sightings s JOIN dumps d USING (dump_id) "
                "ORDER BY ALL"
            ).fetchall(),
            "merges": con.execute(
                "SELECT d.source_name, m.position, m.article_id, m.kind FROM merges m JOIN dumps d USING (dump_id) "
                "ORDER BY ALL"
            ).fetchall(),
            "dropped_lines": con.execute("SELECT count(*) FROM dropped_lines").fetchall(),
            "match_keys": con.execute("SELECT * FROM match_keys ORDER BY ALL").fetchall(),
            "signatures": con.execute("SELECT * FROM signatures ORDER BY ALL").fetchall(),
            "article_topics": con.execute("SELECT * FROM article_topics ORDER BY ALL").fetchall(),
        }
    finally:
        con.close()


def test_a_group_of_dumps_loads_as_the_dumps_one_by_one(tmp_path: Path) -> None:
    """One transaction of three dumps gives the counts and first/last dumps that three transactions give."""
    group, single = tmp_path / "group.duckdb", tmp_path / "single.duckdb"
    for path in (group, single):
        warehouse.ensure(path)
    with warehouse.session(group) as con:
        results = warehouse.load_dumps(con, _annotated(con, DUMPS), "run-1")
    with warehouse.session(single) as con:
        for dump in DUMPS:
            warehouse.load_dumps(con, _annotated(con, [dump]), "run-1")
    assert [(r.source_name, r.n_entries, r.n_new_articles, r.n_repeats) for r in results] == [
        ("a.txt", 2, 2, 0),
        ("b.txt", 2, 1, 1),
        ("c.txt", 3, 1, 2),
    ]
    got = _rows(group)
    assert got == _rows(single)
    firsts = {(first, last) for _, first, last, _ in got["articles"]}
    # A: first in a.txt, last changed by b.txt; B: a.txt, then its longer cut in c.txt; C: b.txt to c.txt; D: c.txt.
    assert firsts == {("a.txt", "b.txt"), ("a.txt", "c.txt"), ("b.txt", "c.txt"), ("c.txt", "c.txt")}
    # Every repeat, and only repeats, is a merge, at its own dump and position.
    assert [(name, pos, kind) for name, pos, _, kind in got["merges"]] == [
        ("b.txt", 0, "exact"),
        ("c.txt", 0, "truncation"),
        ("c.txt", 1, "exact"),
    ]
    assert set(got["merges"]) == {row for row in got["sightings"] if row[3] != "new"}


def test_the_version_index_holds_each_keys_own_hashes(tmp_path: Path) -> None:
    """Every stored version's signals, exact signal, length and sketch, recomputed from the key alone."""
    db = tmp_path / "w.duckdb"
    warehouse.ensure(db)
    with warehouse.session(db) as con:
        warehouse.load_dumps(con, _annotated(con, [("a.txt", [A, B, D])]), "run-1")
        keys = dict(con.execute("SELECT article_id, match_key FROM articles").fetchall())
        stored = {
            article_id: (key_hash, n_key, list(sketch))
            for article_id, key_hash, n_key, sketch in con.execute("SELECT * FROM signatures").fetchall()
        }
        index: dict[str, set[int]] = {}
        for hash_, article_id in con.execute("SELECT hash, article_id FROM match_keys").fetchall():
            index.setdefault(article_id, set()).add(hash_)
    assert len(keys) == 3 and stored.keys() == keys.keys() == index.keys()
    for article_id, key in keys.items():
        assert stored[article_id] == (signals.exact_signal(key), len(key), minhash.sketches([key])[0].tolist())
        assert index[article_id] == set(signals.signals(key))
    assert scalar(db, "SELECT count(*) FROM match_keys") == sum(len(set(signals.signals(k))) for k in keys.values())


@pytest.mark.parametrize("stripped", ["every other state", "every state"])
def test_states_with_and_without_their_hashes_index_the_same(tmp_path: Path, stripped: str) -> None:
    """A group mixing states that carry repeat detection's hashes and states that do not is indexed alike."""
    dumps = [("a.txt", [A, B]), ("b.txt", [A.removesuffix("...") + "更多的内容...", C, D])]
    paths = {name: tmp_path / f"{name}.duckdb" for name in ("given", "mixed")}
    for name, path in paths.items():
        warehouse.ensure(path)
        with warehouse.session(path) as con:
            annotated = _annotated(con, dumps)
            if name == "mixed":
                annotated = _strip(annotated, 2 if stripped == "every other state" else 1)
            warehouse.load_dumps(con, annotated, "run-1")
    given, mixed = (_rows(path) for path in paths.values())
    assert given["signatures"] and mixed == given


def _strip(dumps: list[AnnotatedDump], every: int) -> list[AnnotatedDump]:
    """The dumps with the hashes taken off every `every`-th article state (counted across the dumps)."""
    n = 0
    out = []
    for dump in dumps:
        articles = []
        for art in dump.articles:
            if n % every == 0:
                bare = art.state.model_dump(exclude={"new_key_signals", "new_key_sketches"})
                art = art.model_copy(update={"state": ArticleState.model_validate(bare)})
            articles.append(art)
            n += 1
        out.append(dump.model_copy(update={"articles": articles}))
    assert any(not a.state.new_key_signals for d in out for a in d.articles)
    return out


def test_topics_are_deleted_only_for_the_ids_said_to_be_stored(tmp_path: Path) -> None:
    """A load deletes the stored topics of its re-sighted articles only; new articles have none to delete."""
    import pyarrow as pa

    from dumpflow.warehouse.load import replace_topics
    from schemas.records import TopicTag

    db = tmp_path / "w.duckdb"
    warehouse.ensure(db)
    llm, rag = TopicTag(topic="llm", score=1.0, evidence=["LLM"]), TopicTag(topic="rag", score=2.0, evidence=["RAG"])
    with warehouse.session(db) as con:
        replace_topics(con, pa.array(["x", "y"]), [[llm], [llm]])
        # y is said to be new: its stored row stays, and inserting the same (article, topic) again is refused.
        with pytest.raises(duckdb.ConstraintException):
            replace_topics(con, pa.array(["x", "y"]), [[rag], [llm]], stored=pa.array(["x"]))
        replace_topics(con, pa.array(["x", "z"]), [[rag], [rag]], stored=pa.array(["x"]))
        assert con.execute("SELECT article_id, topic FROM article_topics ORDER BY ALL").fetchall() == [
            ("x", "rag"),
            ("y", "llm"),
            ("z", "rag"),
        ]
        replace_topics(con, pa.array(["y", "z"]), [[rag], []])  # by default every id's topics are replaced
        assert con.execute("SELECT article_id, topic FROM article_topics ORDER BY ALL").fetchall() == [
            ("x", "rag"),
            ("y", "rag"),
        ]

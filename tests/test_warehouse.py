"""dumpflow/warehouse/ on real DuckDB files: migrations, atomic loads, idempotence."""

from __future__ import annotations

import json
import random
from pathlib import Path

import duckdb
import pytest

from dumpflow import dedup, enrich, signals, warehouse
from schemas.records import ArticleState
from tests.builders import cleaned, scalar, snapshot, transmission

A = "SigLIP 概述 CLIP自提出以来在zero-shot分类、跨模态搜索、多模态对齐等多个领域得到广泛应用。得益于其令人惊叹的能力..."
B = "BLIP 论文名称 :BLIP: Bootstrapping Language-Image Pre-training for Unified Vision-Language Understanding..."


def load(db: Path, *dumps: tuple[str, list[str]]) -> list:
    with warehouse.session(db) as con:
        matched = dedup.match_dumps([cleaned(n, transmission(*e)) for n, e in dumps], warehouse.WarehouseSource(con))
        return warehouse.load_dumps(con, enrich.annotate(matched), "run-1")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    warehouse.ensure(path)
    return path


def test_migrations_apply_once_and_record_the_version(db: Path) -> None:
    with warehouse.session(db) as con:
        assert warehouse.migrate(con) == []
        assert warehouse.schema_version(con) == max(v for v, _, _ in warehouse.migrations())


def test_a_new_warehouse_appears_only_with_its_whole_schema(tmp_path: Path) -> None:
    """A crash while creating it left a staging file behind: it is discarded, never used as the warehouse."""
    path = tmp_path / "w.duckdb"
    staging = tmp_path / "w.duckdb.creating"
    staging.write_bytes(b"half-written by a killed ingest")
    warehouse.ensure(path)
    assert not staging.exists()
    with warehouse.session(path, read_only=True) as con:
        assert warehouse.pending_versions(con) == []
        assert warehouse.schema_version(con) == max(v for v, _, _ in warehouse.migrations())


def test_loading_a_dump_twice_adds_nothing(db: Path) -> None:
    first = load(db, ("a.txt", [A, B]))
    assert [r.status for r in first] == ["loaded"]
    before = snapshot(db)
    again = load(db, ("a.txt", [A, B]))
    assert [r.status for r in again] == ["already_loaded"]
    assert snapshot(db) == before


def test_a_failing_group_loads_the_good_dumps_one_by_one(db: Path) -> None:
    with warehouse.session(db) as con:
        con.execute(
            "INSERT INTO dumps (dump_id, source_name, source_path, status, ingested_at) "
            "VALUES ('x', 'x', 'x', 'loaded', now())"
        )
        # A sighting already sits at (dump of b.txt, 0): that dump cannot load, a.txt still must.
        matched = dedup.match_dumps(
            [cleaned("a.txt", transmission(A)), cleaned("b.txt", transmission(B))], warehouse.WarehouseSource(con)
        )
        con.execute(
            "INSERT INTO sightings (dump_id, position, article_id, raw_text, line_no, kind, similarity) "
            "VALUES (?, 0, 'zzz', 'raw', 0, 'new', 1.0)",
            [matched[1].dump.dump_id],
        )
        with pytest.raises(duckdb.ConstraintException):
            warehouse.load_dumps(con, enrich.annotate(matched), "run-1")
    assert scalar(db, "select list(source_name order by source_name) from dumps where status='loaded'") == [
        "a.txt",
        "x",
    ]
    # b.txt left no partial rows behind: no article, no dropped lines, no dump row.
    assert scalar(db, "select count(*) from articles") == 1
    assert scalar(db, "select count(*) from dropped_lines") == 4


def test_rejected_then_fixed_file_is_loaded(db: Path) -> None:
    from schemas.records import Rejection

    loaded = load(db, ("a.txt", [A]))
    dump_id = loaded[0].dump_id
    with warehouse.session(db) as con:
        con.execute(
            "DELETE FROM sightings; DELETE FROM dumps; DELETE FROM articles; DELETE FROM match_keys; "
            "DELETE FROM dropped_lines; DELETE FROM article_topics"
        )
        warehouse.record_rejections(
            con, [Rejection(source_path="a.txt", source_name="a.txt", dump_id=dump_id, reason="too large")], "r0"
        )
    assert scalar(db, "select status from dumps") == "rejected"
    load(db, ("a.txt", [A]))
    assert scalar(db, "select list(status) from dumps") == ["loaded"]


def test_a_loaded_dump_is_never_downgraded_to_rejected(db: Path) -> None:
    from schemas.records import Rejection

    dump_id = load(db, ("a.txt", [A]))[0].dump_id
    with warehouse.session(db) as con:
        warehouse.record_rejections(
            con, [Rejection(source_path="a.txt", source_name="a.txt", dump_id=dump_id, reason="x")], "r2"
        )
    assert scalar(db, "select status from dumps") == "loaded"


def test_candidates_come_from_the_warehouse_index(db: Path) -> None:
    load(db, ("a.txt", [A]))
    with warehouse.session(db) as con:
        source = warehouse.WarehouseSource(con)
        hits = source.lookup(signals.signals(cleaned("b.txt", transmission(A)).entries[0].key))
        assert {a for _, a in hits} == {scalar_id(con)}
        assert source.states([scalar_id(con)])[0].body == A.removesuffix("...")


def scalar_id(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute("select article_id from articles").fetchone()[0]


def test_second_writer_gives_up_with_a_clear_message(db: Path) -> None:
    with (
        warehouse.writer_lock(db, timeout=5),
        pytest.raises(warehouse.WarehouseBusy, match="another ingest"),
        warehouse.writer_lock(db, timeout=0.5),
    ):
        pass


def test_incremental_run_matches_against_stored_signals_only(db: Path) -> None:
    load(db, ("a.txt", [A, B]))
    keys_before = scalar(db, "select count(*) from match_keys")
    sigs_before = scalar(db, "select count(*) from signatures")
    # An exact repeat adds a sighting but no version: nothing new to hash or store.
    load(db, ("b.txt", [A]))
    assert scalar(db, "select count(*) from match_keys") == keys_before
    assert scalar(db, "select count(*) from signatures") == sigs_before
    # An edited copy in a later run is found through the warehouse's index.
    edited = A.replace("广泛应用", "广泛使用")
    results = load(db, ("c.txt", [edited]))
    assert results[0].n_repeats == 1
    assert scalar(db, "select list(kind) from merges m join dumps d using (dump_id) where source_name = 'c.txt'") == [
        "near"
    ]
    assert scalar(db, "select count(*) from signatures") == sigs_before + 1
    assert scalar(db, "select count(distinct article_id) from sightings") == 2


def test_a_resighted_article_is_stored_again_not_rewritten_in_place(db: Path) -> None:
    """A longer version replaces the stored row; the row group it sat in keeps its stored text.

    DuckDB stores an UPDATEd text column by rewriting that column of the whole
    row group (122,880 rows) at the next checkpoint: at 1M articles seconds
    per 12-entry dump. The loader deletes and appends instead, so the blocks
    holding the other articles' bodies and keys are left as they were.
    """
    load(db, ("a.txt", [A, B]))
    with warehouse.session(db) as con:  # fill the first row group, as a large warehouse has it
        con.execute(
            "INSERT INTO articles SELECT 'filler' || i, NULL, repeat('正文' || i, 20), 'zh', 1.0, 'script', false, "
            "0, NULL, now(), now(), 'x', 'x', repeat('正文' || i, 20), NULL, NULL FROM range(130000) t(i)"
        )
        first = con.execute("SELECT article_id, first_seen, first_dump_id FROM articles ORDER BY ALL").fetchall()
    stored = (
        "SELECT column_name, segment_id, block_id, block_offset FROM pragma_storage_info('articles') "
        "WHERE row_group_id = 0 AND column_name IN ('body', 'match_key') AND segment_type <> 'VALIDITY' ORDER BY ALL"
    )
    before = scalar(db, f"SELECT list(s) FROM ({stored}) s")
    longer = A.removesuffix("...") + "，后面还有更长的正文，这次抓到的是全文。"
    assert load(db, ("b.txt", [longer]))[0].n_repeats == 1
    assert scalar(db, f"SELECT list(s) FROM ({stored}) s") == before
    with warehouse.session(db) as con:
        assert (
            con.execute("SELECT article_id, first_seen, first_dump_id FROM articles ORDER BY ALL").fetchall() == first
        )
        assert con.execute(
            "SELECT count(*) FROM articles a JOIN dumps d ON d.dump_id = a.last_dump_id "
            "WHERE source_name = 'b.txt' AND body = ?",
            [longer],
        ).fetchall() == [(1,)]


def _scanned(profile: dict, table: str) -> int:
    """Rows the scan of `table` read, from DuckDB's JSON profile of a query."""
    todo, total = list(profile["operator"]), 0
    while todo:
        node = todo.pop()
        if node.get("type") == "TABLE_SCAN" and node.get("extra_info", {}).get("Table", "").endswith(f".{table}"):
            total += node["rows_scanned"]
        todo += node.get("children", [])
    return total


def test_looking_up_a_few_articles_reads_only_their_rows(db: Path) -> None:
    """A lookup of a few dozen ids reads those rows, not the whole table (at 1M articles: 0.015 s, not 0.13-1.1 s).

    Repeat detection and the loader hand DuckDB their ids as a registered
    table; joined the plain way, DuckDB scanned every stored article for them.
    """
    with warehouse.session(db) as con:
        con.execute(
            "INSERT INTO articles SELECT 'a' || i, NULL, 'body ' || i, 'zh', 1.0, 'script', false, 0, NULL, "
            "now(), now(), 'x', 'x', 'key' || i, NULL, NULL FROM range(50000) t(i)"
        )
    con = warehouse.connect(db, read_only=True)
    try:
        cursor = con.cursor()  # as WarehouseSource queries: on a cursor, with the ids registered
        cursor.execute("SET enable_profiling = 'no_output'")
        wanted = [f"a{i}" for i in range(0, 50000, 500)]
        with warehouse.registered(cursor, "_ids", warehouse.id_table(wanted)):
            rows = cursor.sql(
                "SELECT article_id, body FROM articles WHERE article_id IN (SELECT value FROM _ids)"
            ).fetchall()
            profile = json.loads(cursor.get_profiling_information(format="json"))
        assert sorted(rows) == sorted((a, f"body {a[1:]}") for a in wanted)
        assert _scanned(profile, "articles") == len(wanted)
    finally:
        con.close()


SERIES = "【视觉Transformer系列】本系列文章从零开始梳理视觉Transformer的发展脉络,每篇介绍一个代表性模型,并给出关键代码与实验细节的解读。"
TOPICS = [
    "ViT把图像切成补丁后线性映射加上位置编码送入编码器",
    "Swin在局部窗口内计算自注意力并用移位窗口交换信息",
    "DeiT用蒸馏令牌让小数据集也能训练出好模型",
    "MAE遮住大部分补丁再重建像素学到通用表征",
    "BEiT把图像补丁离散成视觉词再做掩码预测",
    "PVT用金字塔结构为检测和分割提供多尺度特征",
    "CvT把卷积引入令牌嵌入和注意力投影",
    "CaiT加深网络时用层缩放稳定训练",
    "T2T把相邻令牌递归地聚合以建模局部结构",
    "LeViT为推理速度重新设计了注意力和下采样",
    "ConViT用门控位置自注意力模拟卷积的归纳偏置",
    "CrossViT用两条分支处理不同大小的补丁",
    "TNT在补丁内部再做一层注意力",
    "Twins交替使用局部和全局注意力",
    "CoaT用共尺度机制融合不同分辨率",
    "XCiT在通道维度上计算交叉协方差注意力",
    "MobileViT把Transformer当作卷积用在移动端",
    "EfficientFormer按延迟驱动的方式裁剪结构",
    "DaViT交替使用空间和通道两种注意力",
    "MaxViT把块注意力和网格注意力组合起来",
]


def test_common_signals_saturate_the_same_way_whatever_the_batches(tmp_path: Path) -> None:
    """More than MAX_POSTING articles share the series intro's windows: those
    signals stop proposing candidates, identically in one batch or many."""
    alphabet = "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只主没公从知全点长现手高已"
    tails = ["".join(random.Random(i).choice(alphabet) for _ in range(60)) for i in range(len(TOPICS))]
    texts = [SERIES + t + tail + "..." for t, tail in zip(TOPICS, tails, strict=True)]
    recut = texts[-1][: len(SERIES) + 40] + "..."
    one, many = tmp_path / "one.duckdb", tmp_path / "many.duckdb"
    warehouse.ensure(one)
    warehouse.ensure(many)
    load(one, *[(f"{i:02d}.txt", [t]) for i, t in enumerate(texts)], ("zz.txt", [recut]))
    for i, t in enumerate(texts):
        load(many, (f"{i:02d}.txt", [t]))
    load(many, ("zz.txt", [recut]))
    assert snapshot(one) == snapshot(many)
    assert scalar(one, "select count(*) from articles") == len(TOPICS)
    assert scalar(one, "select kind from sightings s join dumps d using (dump_id) where source_name = 'zz.txt'") == (
        "truncation"
    )


def test_a_waiting_reader_gets_the_file_between_an_ingests_steps(db: Path) -> None:
    """The writer keeps one connection across steps but hands it over when asked."""
    import subprocess
    import sys
    import time

    writer = warehouse.Writer(db, hold_seconds=1_000)  # no periodic release: only the reader's request
    with writer.connection() as con:
        con.execute("INSERT INTO runs (run_id, started_at, status) VALUES ('r', now(), 'running')")
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from dumpflow import warehouse; "
            "con = warehouse.connect(Path(sys.argv[1]), read_only=True, wait_seconds=60); "
            "print(con.execute('select count(*) from runs').fetchall()[0][0])",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    steps = 0
    deadline = time.monotonic() + 60
    while reader.poll() is None and time.monotonic() < deadline:
        with writer.connection() as con:  # a step: the connection stays open unless a reader asked
            con.execute("SELECT 1").fetchall()
            time.sleep(0.05)
        steps += 1
    got_in_while_writing = reader.poll() is not None
    writer.close()
    out, _ = reader.communicate(timeout=60)
    assert got_in_while_writing, "the reader only got the file when the writer finished"
    assert reader.returncode == 0
    assert out.strip() == "1"  # it saw the committed row
    assert steps >= 1
    assert warehouse.wanted_file(db).exists()


def test_a_writer_keeps_its_connection_when_nobody_asks(db: Path) -> None:
    writer = warehouse.Writer(db, hold_seconds=1_000)
    with writer.connection() as first:
        pass
    with writer.connection() as second:
        assert second is first
    writer.close()
    with writer.connection() as third:
        assert third is not first
    writer.close()


def test_a_state_without_its_signals_is_indexed_as_if_it_had_them(tmp_path: Path) -> None:
    """Repeat detection hands its hashes over; a caller that does not gets the same index, hashed by the loader."""
    dumps = [cleaned("a.txt", transmission(A, B)), cleaned("b.txt", transmission(A[:70] + "...", "一个新的条目" * 9))]
    paths = [tmp_path / "given.duckdb", tmp_path / "bare.duckdb"]
    for path in paths:
        warehouse.ensure(path)
        with warehouse.session(path) as con:
            for dump in dumps:
                annotated = enrich.annotate(dedup.match_dumps([dump], warehouse.WarehouseSource(con)))
                if path.name == "bare.duckdb":
                    annotated = [
                        a.model_copy(
                            update={
                                "articles": [
                                    art.model_copy(
                                        update={
                                            "state": ArticleState.model_validate(
                                                art.state.model_dump(exclude={"new_key_signals", "new_key_sketches"})
                                            )
                                        }
                                    )
                                    for art in a.articles
                                ]
                            }
                        )
                        for a in annotated
                    ]
                    assert all(not art.state.new_key_signals for a in annotated for art in a.articles)
                warehouse.load_dumps(con, annotated, "run-1")
    given, bare = (snapshot(path) for path in paths)
    assert given["match_keys"]
    assert bare == given
    sketches = []
    for path in paths:
        with warehouse.session(path, read_only=True) as con:
            sketches.append(con.execute("SELECT * FROM signatures ORDER BY ALL").fetchall())
    assert sketches[0] and sketches[1] == sketches[0]

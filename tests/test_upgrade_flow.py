"""An ingest into a warehouse left by the previous schema: upgrade first, then load, with nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from dumpflow import warehouse
from tests.warehouse_copies import table_columns, table_rows, v1_copy

NEW_ARTICLE = (
    "分词器综述 本文比较 BPE、WordPiece 与 Unigram 三种子词切分方法在多语言语料上的表现,"
    "并讨论词表大小对下游任务的影响以及训练速度与压缩率之间的取舍。"
)


MOVED_BY_A_REPEAT = ("last_seen", "last_dump_id")


@pytest.mark.usefixtures("prefect_server")
def test_ingesting_a_new_dump_upgrades_the_old_warehouse_and_keeps_its_rows(tmp_path: Path, seeds_dir: Path) -> None:
    from flows.ingest import ingest

    path = v1_copy(tmp_path / "wh")
    columns = table_columns(path)
    before = table_rows(path, columns)
    # A new dump: one seed's lines again (repeats) plus one article nobody has seen.
    seed = sorted(seeds_dir.glob("*.txt"))[-1]
    new_dump = tmp_path / "incoming" / "005_new.txt"
    new_dump.parent.mkdir()
    new_dump.write_text(seed.read_text(encoding="utf-8").rstrip("\n") + "\n" + NEW_ARTICLE + "\n", encoding="utf-8")

    summary = ingest(paths=[str(new_dump)], warehouse_file=str(path))

    assert summary.files_new == 1 and summary.new_articles == 1
    after = table_rows(path, columns)
    with warehouse.session(path, read_only=True) as con:
        resighted = {
            row[0]
            for row in con.execute(
                "SELECT DISTINCT s.article_id FROM sightings s JOIN dumps d USING (dump_id) WHERE d.source_name = ?",
                ["005_new.txt"],
            ).fetchall()
        }
    for table, rows in before.items():
        if table == "articles":
            continue
        missing = [row for row in rows if row not in after[table]]
        if table == "article_topics":
            # An ingest tags the articles its dumps sight with the taxonomy of today, which may
            # differ from the one that wrote the old warehouse; every other article keeps its tags.
            missing = [row for row in missing if row[0] not in resighted]
        assert missing == [], table
    # A repeat moves an article's last_seen and last_dump_id on; nothing else changes.
    keep = [i for i, name in enumerate(columns["articles"]) if name not in MOVED_BY_A_REPEAT]
    old_articles = {row[0]: [row[i] for i in keep] for row in before["articles"]}
    for row in after["articles"]:
        if row[0] in old_articles:
            assert [row[i] for i in keep] == old_articles[row[0]], row[0]
    with warehouse.session(path, read_only=True) as con:
        assert warehouse.pending_versions(con) == []
        assert warehouse.schema_version(con) == max(v for v, _, _ in warehouse.migrations())
        assert con.execute("SELECT count(*) FROM article_overview").fetchall() == [(46,)]
        newest = con.execute(
            "SELECT snippet, n_sightings FROM article_overview WHERE article_id NOT IN (SELECT unnest(?::VARCHAR[]))",
            [list(old_articles)],
        ).fetchall()
        assert len(newest) == 1 and newest[0][0].startswith("分词器综述") and newest[0][1] == 1
        quality = con.execute(
            "SELECT entries, new_articles, repeats FROM dump_quality WHERE source_name = ?", ["005_new.txt"]
        ).fetchall()
        assert quality == [(summary.entries, 1, summary.entries - 1)]

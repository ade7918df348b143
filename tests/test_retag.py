"""`dumpflow retag`: after the taxonomy changes, every stored article carries tags from the new one only."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from dumpflow import cli, dedup, enrich, topics, warehouse
from schemas import TOPICS_FILE
from schemas.records import TopicTag
from tests.builders import cleaned, snapshot
from tests.conftest import SEEDS


def edited_taxonomy() -> topics.Taxonomy:
    """The shipped taxonomy with one name term dropped and one new topic: some seed articles must change."""
    data = tomllib.loads(TOPICS_FILE.read_text(encoding="utf-8"))
    del data["topics"]["multimodal"]["terms"]["CLIP"]
    data["topics"]["papers"] = {"label": "Papers", "terms": {"论文": 4}}
    return topics.parse_taxonomy(data)


def load_seeds(path: Path, taxonomy: topics.Taxonomy) -> None:
    warehouse.ensure(path)
    with warehouse.session(path) as con:
        for seed in SEEDS:
            dump = cleaned(seed.name, seed.read_text(encoding="utf-8"))
            matched = dedup.match_dumps([dump], warehouse.WarehouseSource(con))
            warehouse.load_dumps(con, enrich.annotate(matched, taxonomy), "run-1")


def tag_with(taxonomy: topics.Taxonomy) -> Callable[[list[str]], list[list[TopicTag]]]:
    return lambda bodies: topics.tag_many(bodies, taxonomy)


def topic_rows(path: Path) -> list[tuple]:
    with warehouse.session(path, read_only=True) as con:
        rows = con.execute("SELECT article_id, topic, score, evidence FROM article_topics ORDER BY ALL").fetchall()
    return [(article_id, topic, score, tuple(evidence)) for article_id, topic, score, evidence in rows]


def test_retag_gives_the_tags_a_fresh_load_with_the_new_taxonomy_gives(tmp_path: Path) -> None:
    old, new = topics.load_taxonomy(), edited_taxonomy()
    retagged, fresh = tmp_path / "retagged.duckdb", tmp_path / "fresh.duckdb"
    load_seeds(retagged, old)
    load_seeds(fresh, new)
    before = topic_rows(retagged)
    assert before != topic_rows(fresh)  # the edit matters on the seeds

    with warehouse.session(retagged) as con:
        result = warehouse.retag_topics(con, tag_with(new), chunk=7)  # several chunks over 45 articles

    assert topic_rows(retagged) == topic_rows(fresh)
    assert result.n_articles == 45
    changed = {row[0] for row in set(before) ^ set(topic_rows(fresh))}
    assert result.n_changed == len(changed) > 0
    assert (result.n_tags_before, result.n_tags_after) == (len(before), len(topic_rows(fresh)))
    assert any(row[1] == "papers" for row in topic_rows(retagged))
    # Everything but the tags is as it was.
    assert {k: v for k, v in snapshot(retagged).items() if k != "article_topics"} == {
        k: v for k, v in snapshot(fresh).items() if k != "article_topics"
    }


def test_retag_with_the_same_taxonomy_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    load_seeds(path, topics.load_taxonomy())
    before = snapshot(path)
    with warehouse.session(path) as con:
        result = warehouse.retag_topics(con, tag_with(topics.load_taxonomy()), chunk=10)
    assert (result.n_articles, result.n_changed) == (45, 0)
    assert result.n_tags_before == result.n_tags_after > 0
    assert snapshot(path) == before


def test_a_retag_that_fails_midway_keeps_every_old_tag(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    load_seeds(path, topics.load_taxonomy())
    before = topic_rows(path)
    new = edited_taxonomy()
    calls = 0

    def flaky(bodies: list[str]) -> list[list[TopicTag]]:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise RuntimeError("tagger died")
        return topics.tag_many(bodies, new)

    with warehouse.session(path) as con, pytest.raises(RuntimeError, match="tagger died"):
        warehouse.retag_topics(con, flaky, chunk=10)
    assert calls == 3  # two chunks were rewritten before it died
    assert topic_rows(path) == before


def test_the_command_retags_and_says_how_many_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.duckdb"
    load_seeds(path, edited_taxonomy())  # as if the taxonomy file was edited back since
    assert cli.main(["retag", "--warehouse", str(path)]) == cli.EXIT_OK
    first = capsys.readouterr().out
    assert "articles: 45" in first and "re-tagged: 0" not in first
    assert cli.main(["retag", "--warehouse", str(path)]) == cli.EXIT_OK
    assert "re-tagged: 0" in capsys.readouterr().out

    fresh = tmp_path / "fresh.duckdb"
    load_seeds(fresh, topics.load_taxonomy())
    assert topic_rows(path) == topic_rows(fresh)

    assert cli.main(["retag", "--warehouse", str(tmp_path / "none.duckdb")]) == cli.EXIT_USAGE
    assert "no warehouse" in capsys.readouterr().err
    assert not (tmp_path / "none.duckdb").exists()


def test_retag_waits_for_a_running_ingest_then_gives_up_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.duckdb"
    load_seeds(path, edited_taxonomy())
    before = topic_rows(path)
    monkeypatch.setenv("DUMPFLOW_LOCK_TIMEOUT", "0.5")
    with warehouse.writer_lock(path, timeout=1):  # what an ingest holds while it runs
        assert cli.main(["retag", "--warehouse", str(path)]) == cli.EXIT_FAILED
    assert "another ingest is writing" in capsys.readouterr().err
    assert topic_rows(path) == before


def test_retag_reports_progress_chunk_by_chunk(tmp_path: Path) -> None:
    from tests.builders import ProgressLog

    path = tmp_path / "w.duckdb"
    load_seeds(path, topics.load_taxonomy())
    heard = ProgressLog()
    with warehouse.session(path) as con:
        warehouse.retag_topics(con, tag_with(edited_taxonomy()), chunk=10, progress=heard)
    assert heard.started == [("retag", 45, "articles")]
    done = [n for n, _ in heard.steps]
    assert sum(done) == 45 and max(done) <= 10 and len(done) >= 5  # Arrow decides the exact chunk sizes

"""The 0003 analysis views, checked against the base tables on the seeded warehouse."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from dumpflow import warehouse
from schemas.records import Rejection
from tests.warehouse_copies import upgraded_copy


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with warehouse.session(upgraded_copy(tmp_path), read_only=True) as connection:
        yield connection


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def test_article_overview_has_one_row_per_article_with_sorted_topics(con: duckdb.DuckDBPyConnection) -> None:
    overview = rows(con, "SELECT article_id, topics, n_sightings, n_dumps, snippet FROM article_overview")
    assert len(overview) == 45
    assert sum(r[2] for r in overview) == 58
    for article_id, topics, n_sightings, n_dumps, snippet in overview:
        assert topics == sorted(topics)
        expected = rows(con, "SELECT list(topic) FROM article_topics WHERE article_id = ?", [article_id])[0][0]
        assert sorted(expected or []) == topics
        assert 1 <= n_dumps <= n_sightings
        assert len(snippet) <= 81


def test_topic_counts_agree_with_article_topics(con: duckdb.DuckDBPyConnection) -> None:
    counts = rows(con, "SELECT topic, articles FROM topic_counts")
    assert counts == rows(con, "SELECT topic, count(*) AS n FROM article_topics GROUP BY topic ORDER BY n DESC, topic")
    assert counts[0] == ("self-supervised", 6)


def test_topic_trend_counts_each_article_on_the_day_it_was_first_seen(con: duckdb.DuckDBPyConnection) -> None:
    trend = rows(con, "SELECT dump_date, topic, new_articles FROM topic_trend")
    days = {r[0] for r in trend}
    assert days == {r[0] for r in rows(con, "SELECT DISTINCT first_seen::DATE FROM articles")}
    assert sum(r[2] for r in trend) == rows(con, "SELECT count(*) FROM article_topics")[0][0]


def test_dump_quality_matches_the_dump_counters(con: duckdb.DuckDBPyConnection) -> None:
    quality = rows(
        con,
        "SELECT source_name, status, entries, new_articles, repeats, dropped_lines, format, encoding FROM dump_quality",
    )
    counters = rows(
        con,
        "SELECT source_name, status, n_entries, n_new_articles, n_repeats, n_dropped, format, encoding FROM dumps "
        "ORDER BY ingested_at, source_name, dump_id",
    )
    assert quality == counters
    assert [r[3] for r in quality] == [12, 9, 8, 7, 9]
    assert sum(r[4] for r in quality) == 13


def test_repeat_groups_list_every_article_seen_more_than_once(con: duckdb.DuckDBPyConnection) -> None:
    groups = rows(con, "SELECT article_id, n_sightings, n_variants, source_names, merge_kinds FROM repeat_groups")
    repeated = rows(con, "SELECT article_id, count(*) FROM sightings GROUP BY 1 HAVING count(*) > 1 ORDER BY 1")
    assert sorted((g[0], g[1]) for g in groups) == repeated
    for _, n_sightings, n_variants, source_names, merge_kinds in groups:
        assert 1 <= n_variants <= n_sightings
        assert source_names == sorted(set(source_names))
        assert merge_kinds == ["exact"]  # the seeds repeat articles verbatim
    assert [g[1] for g in groups] == sorted((g[1] for g in groups), reverse=True)


def test_dump_quality_shows_a_rejected_dump_with_its_reason(tmp_path: Path) -> None:
    path = upgraded_copy(tmp_path)
    with warehouse.session(path) as con:
        warehouse.record_rejections(
            con,
            [Rejection(source_path="raw/bad.txt", source_name="bad.txt", dump_id="f" * 64, reason="not UTF-8 text")],
            "run-test",
        )
        quality = rows(
            con,
            "SELECT status, reason, entries, new_articles, repeats, dropped_lines, format FROM dump_quality "
            "WHERE source_name = ?",
            ["bad.txt"],
        )
    assert quality == [("rejected", "not UTF-8 text", 0, 0, 0, 0, None)]


def test_article_overview_shows_the_publication_date_after_the_title(tmp_path: Path) -> None:
    """0005: the date 0004 stored on articles is in the overview, next to the title; undated articles show NULL."""
    path = upgraded_copy(tmp_path)
    with warehouse.session(path) as con:
        first = rows(con, "SELECT min(article_id) FROM articles")[0][0]
        con.execute("UPDATE articles SET published = DATE '2024-03-05' WHERE article_id = ?", [first])
        columns = [row[0] for row in con.execute("DESCRIBE article_overview").fetchall()]
        assert columns[:4] == ["article_id", "title", "published", "snippet"]
        shown = rows(con, "SELECT article_id, published FROM article_overview ORDER BY article_id")
        assert shown == rows(con, "SELECT article_id, published FROM articles ORDER BY article_id")
    assert [r for r in shown if r[1] is not None] == [(first, date(2024, 3, 5))]

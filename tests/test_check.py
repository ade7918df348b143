"""dumpflow/check.py and `dumpflow check`: OK on a sound warehouse, a named failure on each corruption."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from dumpflow.check import CHECKS, expected_views
from dumpflow.cli import main
from tests.warehouse_copies import upgraded_copy


@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return upgraded_copy(tmp_path_factory.mktemp("check"))


def corrupted(sound: Path, tmp_path: Path, *statements: str) -> Path:
    copy = tmp_path / "corrupt.duckdb"
    shutil.copy(sound, copy)
    con = duckdb.connect(str(copy))
    try:
        for sql in statements:
            con.execute(sql)
    finally:
        con.close()
    return copy


def test_sound_warehouse_passes_with_one_line(sound: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--warehouse", str(sound)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"OK: {len(CHECKS) + 3} checks passed (5 dumps, 45 articles, 58 sightings)")
    assert out.count("\n") == 1


def test_views_are_read_from_the_migrations() -> None:
    assert expected_views() == ["article_overview", "dump_quality", "repeat_groups", "topic_counts", "topic_trend"]


ONE_ARTICLE = "(SELECT min(article_id) FROM articles)"
TWO_ARTICLES = "SELECT article_id FROM articles ORDER BY article_id LIMIT 2"
A_REPEAT = "(SELECT min(dump_id || '#' || position) FROM sightings WHERE kind <> 'new')"


@pytest.mark.parametrize(
    ("statements", "broken"),
    [
        (
            ["DELETE FROM articles WHERE article_id = (SELECT min(article_id) FROM sightings WHERE kind <> 'new')"],
            {"sightings point to articles", "no orphan topics", "no orphan match keys"},
        ),
        (
            ["UPDATE dumps SET n_entries = n_entries + 1 WHERE dump_id = (SELECT min(dump_id) FROM dumps)"],
            {"per-dump counts match sightings and dropped lines"},
        ),
        (
            ["DELETE FROM sightings WHERE kind = 'new' AND position = 0"],
            {"per-dump counts match sightings and dropped lines"},
        ),
        (
            [f"DELETE FROM merges WHERE dump_id || '#' || position = {A_REPEAT}"],
            {"every repeat sighting has its merge"},
        ),
        (
            [
                "INSERT INTO merges SELECT article_id, dump_id, position, 'exact', 1.0 FROM sightings "
                "WHERE kind = 'new' LIMIT 1"
            ],
            {"every merge is a repeat sighting of the same article"},
        ),
        (
            [f"UPDATE articles SET n_chars = n_chars + 1 WHERE article_id = {ONE_ARTICLE}"],
            {"n_chars is the body's length"},
        ),
        (
            [f"UPDATE articles SET match_key = (SELECT max(match_key) FROM articles) WHERE article_id = {ONE_ARTICLE}"],
            {"no two articles share a comparison key"},
        ),
        (
            ["UPDATE dumps SET status = 'rejected', reason = NULL WHERE dump_id = (SELECT min(dump_id) FROM dumps)"],
            {"rejected dumps have a reason and no entries", "sightings and dropped lines belong to loaded dumps"},
        ),
        (["INSERT INTO article_topics VALUES ('nope', 'x', 1.0, ['y'])"], {"no orphan topics"}),
        (["DROP VIEW repeat_groups"], {"views exist"}),
        (
            ["INSERT INTO articles SELECT * REPLACE ('orphan' AS article_id, 'zz' AS match_key) FROM articles LIMIT 1"],
            {"every article has a sighting", "every article is indexed for repeat detection"},
        ),
        (
            [f"UPDATE articles SET url_key = 'x.example/p' WHERE article_id IN ({TWO_ARTICLES})"],
            {"no two articles share a canonical address"},
        ),
        (
            [f"UPDATE articles SET body = '', n_chars = 0 WHERE article_id = {ONE_ARTICLE}"],
            {"title-only articles have a canonical address and no key"},
        ),
        (
            [f"UPDATE articles SET published = DATE '2024-01-01' WHERE article_id = {ONE_ARTICLE}"],
            {"an article's publication date is its sightings' earliest"},
        ),
    ],
    ids=[
        "article-deleted",
        "count-off",
        "sighting-deleted",
        "merge-deleted",
        "merge-for-new",
        "n-chars",
        "duplicate-key",
        "rejected-without-reason",
        "orphan-topic",
        "view-dropped",
        "orphan-article",
        "shared-address",
        "title-only-without-address",
        "date-not-earliest",
    ],
)
def test_each_corruption_is_reported(
    sound: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], statements: list[str], broken: set[str]
) -> None:
    copy = corrupted(sound, tmp_path, *statements)
    assert main(["check", "--warehouse", str(copy)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("FAILED:")
    reported = {line.strip().split(":")[0] for line in out.splitlines()[1:]}
    assert broken <= reported, out


def test_one_text_at_two_addresses_is_two_sound_articles(sound: Path, tmp_path: Path) -> None:
    """Template excerpts of two posts share a text but not an address: not a duplicate."""
    copy = corrupted(
        sound,
        tmp_path,
        f"UPDATE articles SET url_key = 'x.example/p/' || article_id WHERE article_id IN ({TWO_ARTICLES})",
        f"UPDATE articles SET match_key = 'same' WHERE article_id IN ({TWO_ARTICLES})",
    )
    assert main(["check", "--warehouse", str(copy)]) == 0


def test_check_never_writes(sound: Path, tmp_path: Path) -> None:
    copy = corrupted(sound, tmp_path, f"DELETE FROM articles WHERE article_id = {ONE_ARTICLE}")
    before = copy.read_bytes()
    assert main(["check", "--warehouse", str(copy)]) == 1
    assert copy.read_bytes() == before

"""HTML dumps through the real ingest flow on a real DuckDB file."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from dumpflow.check import run_checks
from flows.ingest import ingest

FIXTURES = Path(__file__).parent / "fixtures" / "html"
SEED_ARTICLES = 45
SEED_SIGHTINGS = 58
# Listing and article fixtures whose articles appear in no seed dump.
HTML_FIXTURES = {
    "semantic_articles.html": 3,
    "div_cards.html": 3,
    "li_cards.html": 3,
    "table_layout.html": 3,
    "malformed.html": 3,
    "gb18030_listing.html": 2,
    "big5_listing.html": 2,
    "article_page.html": 1,
}
SHARED_EXCERPT = (
    "Every retrained tokenizer changes a few merges, and those small changes ripple through embeddings, "
    "caches and evaluation numbers in ways that are easy to miss."
)


def _rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.mark.parametrize("text_name", ["a_feed.txt", "z_feed.txt"], ids=["text-first", "html-first"])
def test_article_in_text_and_html_dumps_is_one_article_with_html_title(
    prefect_server: None, tmp_path: Path, warehouse_file: Path, text_name: str
) -> None:
    landing = tmp_path / "landing"
    landing.mkdir()
    shutil.copy(FIXTURES / "semantic_articles.html", landing / "m_listing.html")
    (landing / text_name).write_text(
        "LATEST UPDATES\n"
        f"{SHARED_EXCERPT}\n"
        "A completely different article about compiler bootstrapping, long enough to be an entry.\n",
        encoding="utf-8",
    )
    summary = ingest(paths=[str(landing)], warehouse_file=str(warehouse_file))
    assert summary.files_rejected == 0
    shared = _rows(
        warehouse_file,
        "SELECT DISTINCT s.article_id, a.title, a.url FROM sightings s JOIN articles a USING (article_id) "
        "WHERE s.raw_text = ?",
        [SHARED_EXCERPT],
    )
    assert [(title, url) for _, title, url in shared] == [
        ("Why tokenizers drift between releases", "https://labnotes.example.org/blog/tokenizer-drift/")
    ]
    assert _rows(warehouse_file, "SELECT count(*) FROM sightings WHERE article_id = ?", [shared[0][0]]) == [(2,)]
    assert _rows(warehouse_file, "SELECT count(*) FROM articles") == [(4,)]
    assert dict(_rows(warehouse_file, "SELECT source_name, format FROM dumps")) == {
        text_name: "text",
        "m_listing.html": "html",
    }


def test_seeds_still_give_45_articles_beside_html_dumps(
    prefect_server: None, seeds_dir: Path, warehouse_file: Path
) -> None:
    for name in [*HTML_FIXTURES, "no_articles.html"]:
        shutil.copy(FIXTURES / name, seeds_dir / name)
    summary = ingest(paths=[str(seeds_dir)], warehouse_file=str(warehouse_file))

    seed_rows = _rows(
        warehouse_file,
        "SELECT count(*), count(DISTINCT s.article_id) FROM sightings s JOIN dumps d USING (dump_id) "
        "WHERE d.format = 'text'",
    )
    assert seed_rows == [(SEED_SIGHTINGS, SEED_ARTICLES)]
    html_counts = dict(
        _rows(
            warehouse_file,
            "SELECT d.source_name, count(*) FROM sightings s JOIN dumps d USING (dump_id) "
            "WHERE d.format = 'html' GROUP BY 1",
        )
    )
    assert html_counts == HTML_FIXTURES
    n_html = sum(HTML_FIXTURES.values())
    assert _rows(warehouse_file, "SELECT count(*) FROM articles") == [(SEED_ARTICLES + n_html,)]
    assert _rows(warehouse_file, "SELECT count(*) FROM articles WHERE title IS NOT NULL") == [(n_html,)]
    rejected = _rows(warehouse_file, "SELECT source_name, reason FROM dumps WHERE status = 'rejected'")
    assert [name for name, _ in rejected] == ["no_articles.html"]
    assert rejected[0][1].startswith("no recognizable articles in HTML page")
    assert summary.files_rejected == 1


# Issue 13: a card and the post page it links to are one article by address.
POST_KEY = "quiet.example.net/posts/cache-aware-batching"


def _assert_card_and_page_are_one_article(db: Path) -> None:
    articles = _rows(
        db,
        "SELECT title, left(body, 40), published::VARCHAR, url_key FROM articles WHERE url_key = ?",
        [POST_KEY],
    )
    assert articles == [
        (
            "Cache-aware batching for inference servers",
            "Serving a language model is mostly a mem",
            "2024-06-01",
            POST_KEY,
        )
    ]
    seen = _rows(
        db,
        "SELECT d.source_name, s.url, s.published::VARCHAR FROM sightings s JOIN dumps d USING (dump_id) "
        "JOIN articles a USING (article_id) WHERE a.url_key = ? ORDER BY d.source_name",
        [POST_KEY],
    )
    assert seen == [
        ("listing.html", "https://quiet.example.net/posts/cache-aware-batching/?utm_source=home", "2024-06-02"),
        ("post.html", "http://QUIET.example.net/posts/cache-aware-batching/index.html", "2024-06-01"),
    ]
    # The card's excerpt is the theme's summary, not a cut of the page: only the address joins them.
    assert _rows(db, "SELECT kind FROM merges") == [("url",)]
    assert _rows(db, "SELECT count(*), count(published), count(DISTINCT url_key) FROM articles") == [(3, 3, 3)]
    with duckdb.connect(str(db), read_only=True) as con:
        assert run_checks(con) == []


@pytest.mark.parametrize("runs", ["one-run", "listing-then-page", "page-then-listing"])
def test_listing_card_and_post_page_are_one_article_with_dates(
    prefect_server: None, tmp_path: Path, warehouse_file: Path, runs: str
) -> None:
    landing = tmp_path / "landing"
    landing.mkdir()
    listing = shutil.copy(FIXTURES / "identity_listing.html", landing / "listing.html")
    post = shutil.copy(FIXTURES / "identity_post.html", landing / "post.html")
    if runs == "one-run":
        ingest(paths=[str(landing)], warehouse_file=str(warehouse_file))
    else:
        first, second = (listing, post) if runs == "listing-then-page" else (post, listing)
        ingest(paths=[str(first)], warehouse_file=str(warehouse_file))
        ingest(paths=[str(second)], warehouse_file=str(warehouse_file))
    _assert_card_and_page_are_one_article(warehouse_file)

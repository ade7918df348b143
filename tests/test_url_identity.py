"""Issue 13: a post is one article by its canonical address, dates are kept, title-only entries wait for a body.

Inputs are records (RawEntry in a ParsedDump), as the HTML reader hands them
over, so these tests do not depend on how pages are recognized. The later
tests load into real DuckDB files through WarehouseSource, run after run.
"""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

import duckdb
import pytest

from dumpflow import dedup, enrich, signals, topics, warehouse
from dumpflow.clean import clean_dump
from schemas.records import CleanDump, MatchedDump, ParsedDump, RawEntry
from tests.builders import cleaned, dump_file, snapshot, transmission
from tests.invariants import assert_consistent
from tests.warehouse_copies import v1_copy

SITE = "https://blog.example.org"
POST = f"{SITE}/2024/03/05/siglip/"
PAGE_BODY = (
    "SigLIP 概述 CLIP自提出以来在zero-shot分类、跨模态搜索、多模态对齐等多个领域得到广泛应用。得益于其令人惊叹的能力,"
    "激起了研究者广泛的关注和优化。目前对CLIP的优化主要可以分为两大类:其一是如何降低CLIP的训练成本;其二是如何提升CLIP的"
    "performance。对于第一类优化任务的常见思路有3种。本文介绍的SigLIP属于第一类:它把softmax对比损失换成逐对的sigmoid损失。"
)
# A theme's own summary, not a cut of the page: its text alone does not match the page.
CUSTOM_EXCERPT = (
    "这篇笔记整理了谷歌提出的 SigLIP 模型:用 sigmoid 损失代替 softmax,批量再大也不需要全局归一化,训练更省显存。"
)
CUT_EXCERPT = PAGE_BODY[:80] + "..."
TITLE = "SigLIP:用 Sigmoid 损失做多模态预训练"
# Template excerpts: two different posts whose card shows the same boilerplate text.
TEMPLATE = (
    "本文首发于个人公众号,转载请注明出处。欢迎关注,获取更多深度学习、计算机视觉与自然语言处理方面的原创文章与论文解读。"
)


def entry(i: int, url: str | None, text: str = "", title: str | None = TITLE, published: str | None = None) -> RawEntry:
    return RawEntry(line_no=i, raw_text=text, title=title, url=url, published=published)


def html(name: str, *entries: RawEntry) -> CleanDump:
    """An HTML dump as the reader hands it over; its id hashes its entries, as a file's would its bytes."""
    data = repr([e.model_dump() for e in entries]).encode("utf-8") + name.encode("utf-8")
    dump = dump_file(name, data)
    return clean_dump(ParsedDump(dump=dump, format="html", encoding="utf-8", entries=list(entries)))


def match(*dumps: CleanDump) -> list[MatchedDump]:
    return dedup.match_dumps(list(dumps), dedup.EmptySource())


def sightings(matched: list[MatchedDump]) -> list[tuple[str, str]]:
    return [(s.article_id, s.kind) for d in matched for s in d.sightings]


def final_states(matched: list[MatchedDump]) -> dict[str, tuple]:
    """Every article as the last dump left it (what the warehouse would hold), without the per-dump fields."""
    out = {}
    for d in matched:
        for a in d.articles:
            out[a.article_id] = (a.body, a.key, a.is_truncated, a.title, a.url, a.url_key, a.published)
    return out


# --- clean ---------------------------------------------------------------------


def test_title_only_entry_is_kept_with_an_empty_body() -> None:
    dump = html("archive.html", entry(0, POST), entry(1, f"{SITE}/2024/03/01/vit/", title="ViT 论文精读"))
    assert dump.dropped == []
    assert [(e.body, e.key, e.is_truncated, e.url_key) for e in dump.entries] == [
        ("", "", False, "blog.example.org/2024/03/05/siglip"),
        ("", "", False, "blog.example.org/2024/03/01/vit"),
    ]


def test_title_only_entry_without_an_address_that_identifies_a_post_is_dropped_with_a_reason() -> None:
    dump = html(
        "archive.html",
        entry(0, "/2024/03/05/siglip/"),  # relative, page saved without its base
        entry(1, SITE + "/"),  # the home page
        entry(2, POST, title="  "),  # no title either
        entry(3, POST, text=CUT_EXCERPT),
    )
    assert [(d.line_no, d.reason) for d in dump.dropped] == [
        (0, "title_only_no_url"),
        (1, "title_only_no_url"),
        (2, "blank"),
    ]
    assert [e.line_no for e in dump.entries] == [3]


def test_dates_are_kept_and_a_day_no_calendar_has_is_dropped() -> None:
    dump = html(
        "listing.html",
        entry(0, POST, CUT_EXCERPT, published="2024-03-05"),
        entry(1, f"{SITE}/p/2", TEMPLATE, published="2024-02-31"),
    )
    assert [e.published for e in dump.entries] == ["2024-03-05", None]


# --- repeat detection ------------------------------------------------------------


def test_card_and_the_post_page_it_links_to_are_one_article_by_address() -> None:
    out = match(
        html("listing.html", entry(0, POST, CUSTOM_EXCERPT, title="SigLIP")),
        html("post.html", entry(0, "http://Blog.Example.org/2024/03/05/siglip/index.html?utm_source=rss", PAGE_BODY)),
    )
    post_id = dedup.url_article_id("blog.example.org/2024/03/05/siglip")
    assert sightings(out) == [(post_id, "new"), (post_id, "url")]
    [(body, _, _, title, url, url_key, _)] = final_states(out).values()
    assert body == PAGE_BODY
    assert url_key == "blog.example.org/2024/03/05/siglip"
    # Title and url follow the fullest body: the post page's own.
    assert (title, url) == (TITLE, "http://Blog.Example.org/2024/03/05/siglip/index.html?utm_source=rss")


def test_a_card_that_is_a_cut_of_the_page_is_recorded_as_a_truncation() -> None:
    out = match(
        html("post.html", entry(0, POST, PAGE_BODY)), html("listing.html", entry(0, POST + "#more", CUT_EXCERPT))
    )
    assert [kind for _, kind in sightings(out)] == ["new", "truncation"]


def test_same_post_listed_on_two_pages_is_one_article() -> None:
    out = match(
        html("page1.html", entry(0, POST, CUT_EXCERPT, published="2024-03-05")),
        html("tag-clip.html", entry(3, "https://blog.example.org/2024/03/05/siglip", CUT_EXCERPT)),
    )
    assert [kind for _, kind in sightings(out)] == ["new", "exact"]
    assert len(final_states(out)) == 1


def test_archive_lines_that_differ_only_in_the_title_stay_apart() -> None:
    out = match(
        html(
            "archive.html",
            entry(0, f"{SITE}/2024/03/05/notes-1/", title="读书笔记 (一)"),
            entry(1, f"{SITE}/2024/03/06/notes-2/", title="读书笔记 (二)"),
            entry(2, f"{SITE}/2024/03/07/notes-3/", title="读书笔记 (三)"),
        )
    )
    assert [kind for _, kind in sightings(out)] == ["new", "new", "new"]
    assert len(final_states(out)) == 3


def test_template_excerpts_of_different_posts_are_not_merged_by_text() -> None:
    out = match(
        html("listing.html", entry(0, f"{SITE}/p/1", TEMPLATE, title="第一篇"), entry(1, f"{SITE}/p/2", TEMPLATE)),
        html("page2.html", entry(0, f"{SITE}/p/3", TEMPLATE, title="第三篇")),
    )
    assert [kind for _, kind in sightings(out)] == ["new", "new", "new"]
    assert sorted(state[5] for state in final_states(out).values()) == [
        "blog.example.org/p/1",
        "blog.example.org/p/2",
        "blog.example.org/p/3",
    ]


def test_an_entry_without_an_address_still_joins_an_article_that_has_one() -> None:
    """Text dumps carry no urls: they match by text, as before, and may join a post known by its address."""
    out = dedup.match_dumps(
        [html("listing.html", entry(0, POST, CUT_EXCERPT)), cleaned("feed.txt", transmission(CUT_EXCERPT))],
        dedup.EmptySource(),
    )
    assert [kind for _, kind in sightings(out)] == ["new", "exact"]
    assert len({article_id for article_id, _ in sightings(out)}) == 1


def test_title_only_entry_is_filled_in_by_a_later_excerpt_with_the_same_address() -> None:
    out = match(
        html("archive.html", entry(0, POST, published="2024-03-05")),
        html("listing.html", entry(4, "https://blog.example.org/2024/03/05/siglip/#more", CUT_EXCERPT)),
    )
    assert [kind for _, kind in sightings(out)] == ["new", "url"]
    assert out[0].articles[0].body == "" and out[0].articles[0].new_keys == []
    [(body, key, truncated, title, _, _, published)] = final_states(out).values()
    assert (body, truncated, title, published) == (PAGE_BODY[:80].rstrip(), True, TITLE, "2024-03-05")
    assert out[1].articles[0].new_keys == [key]


def test_publication_date_is_the_earliest_any_sighting_showed() -> None:
    out = match(
        html("page1.html", entry(0, POST, CUT_EXCERPT, published="2024-03-09")),
        html("archive.html", entry(0, POST, published="2024-03-05")),
        html("post.html", entry(0, POST, PAGE_BODY)),
    )
    assert [s.published for d in out for s in d.sightings] == ["2024-03-09", "2024-03-05", None]
    assert [s.url for d in out for s in d.sightings] == [POST, POST, POST]
    [state] = final_states(out).values()
    assert state[-1] == "2024-03-05"


LISTING = (entry(0, POST, CUSTOM_EXCERPT, title="SigLIP", published="2024-03-09"), entry(1, f"{SITE}/p/2", TEMPLATE))
ARCHIVE = (
    entry(0, "http://blog.example.org/2024/03/05/siglip", published="2024-03-05"),
    entry(1, f"{SITE}/p/9", title="九"),
)
# Another title-only list naming /p/9 otherwise: with no body to prefer, the title must not depend on order either.
CATEGORY = (entry(0, f"{SITE}/p/9/", title="第九篇"),)
PAGE = (entry(0, POST + "?utm_medium=feed", PAGE_BODY),)


def all_dumps() -> list[CleanDump]:
    return [
        html("listing.html", *LISTING),
        html("archive.html", *ARCHIVE),
        html("category.html", *CATEGORY),
        html("post.html", *PAGE),
    ]


@pytest.mark.parametrize("order", list(itertools.permutations(range(4))), ids=lambda o: "".join(map(str, o)))
def test_the_articles_do_not_depend_on_the_order_of_the_dumps(order: tuple[int, ...]) -> None:
    dumps = all_dumps()
    reference = final_states(match(*dumps))
    assert final_states(match(*(dumps[i] for i in order))) == reference
    assert len(reference) == 3
    assert reference[dedup.url_article_id("blog.example.org/p/9")][3] == "第九篇"


# Issue 14: a text dump (no addresses) of the same posts. Its cut of the page verifies against the page
# but not against the card's own summary, and its copy of that summary differs in one mark of punctuation.
FEED = (
    CUT_EXCERPT,
    CUSTOM_EXCERPT.replace(",", "，", 1),
    "深度学习编译器把计算图翻译成高效的内核代码,本文比较了三种主流方案在推理延迟和内存占用上的差异,并给出选型建议。",
)


@pytest.mark.parametrize("order", list(itertools.permutations(range(5))), ids=lambda o: "".join(map(str, o)))
def test_a_text_dump_beside_the_pages_does_not_make_the_articles_depend_on_order(order: tuple[int, ...]) -> None:
    dumps = [*all_dumps(), cleaned("feed.txt", transmission(*FEED))]
    reference = final_states(match(*dumps))
    got = match(*(dumps[i] for i in order))
    assert final_states(got) == reference
    # Every sighting of the post, the text line included, is under the id of its address.
    post_id = dedup.url_article_id("blog.example.org/2024/03/05/siglip")
    assert reference[post_id][0] == PAGE_BODY
    fed = {s.raw_text: s.article_id for d in got if d.format == "text" for s in d.sightings}
    assert (fed[CUT_EXCERPT], fed[FEED[1]]) == (post_id, post_id)
    assert len(reference) == 4  # siglip, /p/2, /p/9 and the text-only article


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))), ids=lambda o: "".join(map(str, o)))
def test_a_version_is_indexed_once_whichever_order_united_its_articles(order: tuple[int, ...]) -> None:
    """The text line and a second card both show FEED[2]; the first card shows another summary."""
    dumps = [
        cleaned("feed.txt", transmission(FEED[2])),
        html("l1.html", entry(0, POST, CUSTOM_EXCERPT)),
        html("l2.html", entry(0, POST, FEED[2])),
    ]
    indexed: dict[str, list[str]] = {}
    for d in match(*(dumps[i] for i in order)):
        for a in d.articles:
            indexed.setdefault(a.article_id, []).extend(a.new_keys)
    [(article_id, keys)] = indexed.items()
    assert article_id == dedup.url_article_id("blog.example.org/2024/03/05/siglip")
    assert sorted(keys) == sorted({e.key for d in dumps for e in d.entries})


def test_an_article_that_gains_its_address_is_re_keyed_and_every_earlier_sighting_follows() -> None:
    out = dedup.match_dumps(
        [cleaned("feed.txt", transmission(CUT_EXCERPT)), html("post.html", *PAGE)], dedup.EmptySource()
    )
    post_id = dedup.url_article_id("blog.example.org/2024/03/05/siglip")
    assert sightings(out) == [(post_id, "new"), (post_id, "truncation")]
    assert [a.article_id for d in out for a in d.articles] == [post_id, post_id]
    assert [d.rekeys for d in out] == [[], []]  # nothing stored to move: both dumps load in this batch


def test_articles_united_after_an_address_is_found_are_verified_by_the_batch_scorer(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Two address-less copies, each edited elsewhere (too far apart to be one article), and the post page.

    The page joins one copy, then `Index.settle` verifies the other against
    it: with the batch's `NearScorer` (compiled once the process has scored
    enough pairs), never the bare Python `near_score`.
    """
    text = "".join(chr(0x4E00 + (i * 37) % 2000) for i in range(120))
    first = text[:10] + "".join(chr(0x5E00 + i) for i in range(12)) + text[22:]
    second = text[:90] + "".join(chr(0x6E00 + i) for i in range(12)) + text[102:]

    def outside_the_scorer(shorter: str, longer: str, threshold: float) -> float | None:
        raise AssertionError("a pair verified without the batch's scorer")

    monkeypatch.setattr(dedup, "near_score", outside_the_scorer)
    out = match(cleaned("feed.txt", transmission(first, second)), html("post.html", entry(0, f"{SITE}/p/1", text)))
    post_id = dedup.url_article_id("blog.example.org/p/1")
    assert sightings(out) == [(post_id, "new"), (post_id, "new"), (post_id, "near")]


# --- the warehouse -----------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    warehouse.ensure(path)
    return path


def ingest(db: Path, *dumps: CleanDump, run_id: str = "run") -> list[MatchedDump]:
    """One run: match against what the warehouse holds, annotate, load."""
    with warehouse.session(db) as con:
        matched = dedup.match_dumps(list(dumps), warehouse.WarehouseSource(con))
        warehouse.load_dumps(con, enrich.annotate(matched), run_id)
    return matched


def rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_card_in_one_run_and_its_post_page_in_the_next_are_one_article(db: Path) -> None:
    ingest(db, html("listing.html", *LISTING), run_id="r1")
    ingest(db, html("post.html", *PAGE), run_id="r2")
    article = rows(
        db,
        "SELECT article_id, body, n_chars, title, url_key, published::VARCHAR FROM articles WHERE url_key = ?",
        ["blog.example.org/2024/03/05/siglip"],
    )
    assert article == [
        (
            dedup.url_article_id("blog.example.org/2024/03/05/siglip"),
            PAGE_BODY,
            len(PAGE_BODY),
            TITLE,
            "blog.example.org/2024/03/05/siglip",
            "2024-03-09",
        )
    ]
    seen = rows(
        db,
        "SELECT d.source_name, s.kind, s.url, s.published::VARCHAR FROM sightings s JOIN dumps d USING (dump_id) "
        "WHERE s.article_id = ? ORDER BY d.source_name",
        [article[0][0]],
    )
    assert seen == [("listing.html", "new", POST, "2024-03-09"), ("post.html", "url", POST + "?utm_medium=feed", None)]
    assert rows(db, "SELECT kind, similarity FROM merges") == [("url", 1.0)]
    assert rows(db, "SELECT count(*) FROM articles") == [(2,)]
    assert_consistent(db)


def test_title_only_article_is_stored_then_filled_by_an_excerpt_in_a_later_run(db: Path) -> None:
    ingest(db, html("archive.html", *ARCHIVE), run_id="r1")
    url_key = "blog.example.org/2024/03/05/siglip"
    before = rows(
        db,
        "SELECT body, n_chars, match_key, title, lang, published::VARCHAR FROM articles WHERE url_key = ?",
        [url_key],
    )
    assert before == [("", 0, "", TITLE, "zh-cn", "2024-03-05")]
    # Language and topics come from the title while there is no body.
    assert rows(
        db, "SELECT t.topic FROM article_topics t JOIN articles a USING (article_id) WHERE a.url_key = ?", [url_key]
    ) == [("multimodal",)]
    # No text to index: the two title-only articles are found by their addresses alone.
    assert rows(db, "SELECT hash, article_id FROM match_keys ORDER BY article_id") == sorted(
        [(signals.url_signal(key), dedup.url_article_id(key)) for key in (url_key, "blog.example.org/p/9")],
        key=lambda row: row[1],
    )
    assert_consistent(db)

    ingest(db, html("listing.html", *LISTING), run_id="r2")
    after = rows(db, "SELECT body, n_chars, published::VARCHAR FROM articles WHERE url_key = ?", [url_key])
    assert after == [(CUSTOM_EXCERPT, len(CUSTOM_EXCERPT), "2024-03-05")]
    assert rows(db, "SELECT count(*) FROM articles") == [(3,)]  # siglip, /p/9 (title only), /p/2
    assert_consistent(db)


def test_retag_reads_a_title_only_article_from_its_title_as_the_ingest_did(db: Path) -> None:
    ingest(db, html("archive.html", *ARCHIVE))
    taxonomy = topics.load_taxonomy()
    with warehouse.session(db) as con:
        result = warehouse.retag_topics(con, lambda bodies: topics.tag_many(bodies, taxonomy))
    assert (result.n_articles, result.n_changed, result.n_tags_after) == (2, 0, 1)


ORDERS = [(0, 1, 2, 3), (3, 2, 1, 0), (2, 0, 3, 1), (1, 3, 0, 2)]


def test_runs_in_any_order_give_the_same_catalogue(tmp_path: Path) -> None:
    snapshots = []
    for n, positions in enumerate(ORDERS):
        dumps = all_dumps()
        order = [dumps[i] for i in positions]
        path = tmp_path / f"{n}.duckdb"
        warehouse.ensure(path)
        for i, dump in enumerate(order):
            ingest(path, dump, run_id=f"r{i}")
        assert_consistent(path)
        snapshots.append(snapshot(path))
    for table in ("articles", "article_topics", "match_keys"):
        assert all(s[table] == snapshots[0][table] for s in snapshots), table
    strip = [[(d, p, a, raw, n, url, pub) for d, p, a, raw, n, _, _, url, pub in s["sightings"]] for s in snapshots]
    assert all(s == strip[0] for s in strip)


def test_upgrade_gives_stored_urls_their_key_and_the_first_seen_keeps_a_shared_one(tmp_path: Path) -> None:
    """Articles an older ingest loaded from HTML get their address on upgrade, and are then found by it."""
    path = v1_copy(tmp_path)
    with warehouse.session(path) as con:
        first = con.execute("SELECT article_id FROM articles ORDER BY first_seen, article_id LIMIT 3").fetchall()
        ids = [row[0] for row in first]
        urls = [POST, "http://BLOG.example.org/2024/03/05/siglip?utm_source=x", f"{SITE}/p/2"]
        for article_id, url in zip(ids, urls, strict=True):
            con.execute("UPDATE articles SET url = ? WHERE article_id = ?", [url, article_id])
    warehouse.upgrade(path)
    # 0006: an article with an address is keyed by it, with every row that names it (issue 14).
    siglip, p2 = (dedup.url_article_id(key) for key in ("blog.example.org/2024/03/05/siglip", "blog.example.org/p/2"))
    assert sorted(rows(path, "SELECT article_id, url_key FROM articles WHERE url IS NOT NULL")) == sorted(
        [
            (siglip, "blog.example.org/2024/03/05/siglip"),
            (ids[1], None),  # the same post as ids[0], loaded apart before 0004: the first keeps the address
            (p2, "blog.example.org/p/2"),
        ]
    )
    # Their sightings moved with them: none is left under an old id.
    assert rows(path, "SELECT count(*) FROM sightings WHERE article_id IN (?, ?)", [ids[0], ids[2]]) == [(0,)]
    assert rows(path, "SELECT count(*) FROM sightings WHERE article_id IN (?, ?)", [siglip, p2]) == [(2,)]
    assert_consistent(path)
    matched = ingest(path, html("archive.html", entry(0, f"{SITE}/p/2/index.html", title="第二篇")))
    assert [(s.article_id, s.kind) for s in matched[0].sightings] == [(p2, "url")]
    assert_consistent(path)


def test_an_address_is_indexed_once_when_an_article_first_gets_it(db: Path) -> None:
    """A text-dump article that a card later joins gets the card's address, indexed then and only then."""
    ingest(db, cleaned("feed.txt", transmission(CUT_EXCERPT)), run_id="r1")
    assert rows(db, "SELECT count(*) FROM articles WHERE url_key IS NOT NULL") == [(0,)]
    ingest(db, html("listing.html", entry(0, POST, CUT_EXCERPT)), run_id="r2")
    ingest(db, html("post.html", *PAGE), run_id="r3")
    [(article_id, url_key)] = rows(db, "SELECT article_id, url_key FROM articles")
    assert url_key == "blog.example.org/2024/03/05/siglip"
    assert rows(db, "SELECT count(*) FROM match_keys WHERE hash = ?", [signals.url_signal(url_key)]) == [(1,)]
    assert rows(db, "SELECT kind FROM sightings ORDER BY kind") == [("exact",), ("new",), ("truncation",)]
    with warehouse.session(db, read_only=True) as con:
        found = warehouse.WarehouseSource(con).lookup(
            [signals.url_signal(url_key), signals.url_signal("blog.example.org/x")]
        )
    assert found == [(signals.url_signal(url_key), article_id)]
    assert_consistent(db)


def test_dump_identity_helper_is_stable() -> None:
    """The helper above names a dump by its content, so the same records always make the same dump."""
    a, b = html("x.html", *PAGE), html("x.html", *PAGE)
    assert (
        a.dump.dump_id
        == b.dump.dump_id
        == hashlib.sha256(repr([e.model_dump() for e in PAGE]).encode("utf-8") + b"x.html").hexdigest()
    )

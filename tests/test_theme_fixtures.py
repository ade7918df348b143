"""Shape checks for the theme fixtures of issue 13 (tests/fixtures/html/themes).

Why: the listing detector is tuned and judged against these pages, so a fixture whose ground truth
is malformed, points at text the page does not contain, or drifted from its labeller would silently
skew every score. These checks are structural and fast; they never run dumpflow's detector.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from benchmarks.themes.label import ROOT, Page, apply_overrides, label, parse_date
from benchmarks.themes.pages import PAGES

KEYS = {"theme", "page_kind", "lang", "source", "entries", "furniture"}
ENTRY_KEYS = {"title", "url", "date", "excerpt_start", "excerpt_end"}
KINDS = {"listing", "titles", "article", "reject"}
HTML_PAGES = sorted(ROOT.glob("*/*/*.html"))


def _key(html: Path) -> str:
    return html.relative_to(ROOT).with_suffix("").as_posix()


def _squash(text: str) -> str:
    """All whitespace removed: the labels join inline text as written, the page text may break it anywhere."""
    return re.sub(r"\s+", "", text)


def _page_text(html: Path) -> str:
    soup = BeautifulSoup(html.read_bytes(), "lxml")
    for junk in soup.select("script, style"):
        junk.decompose()
    return _squash(soup.get_text())


def test_fixture_set_is_large_enough() -> None:
    dev = {p.parent.name for p in HTML_PAGES if p.parts[-3] == "dev"}
    held_out = {p.parent.name for p in HTML_PAGES if p.parts[-3] != "dev"}
    assert len(dev) >= 12, dev
    assert not dev & held_out, "a held-out theme must not also be a dev theme"
    kinds = {json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["page_kind"] for p in HTML_PAGES}
    assert kinds == KINDS


# Each held-out set judges the detector after every set before it was tuned on, so its themes must be new to all
# of them: (set, minimum themes, minimum pages, minimum pages per kind).
HOLDOUT_SETS = (
    ("holdout2", 7, 16, {"article": 3, "reject": 2}),
    ("holdout3", 7, 16, {"listing": 3, "titles": 3, "article": 3, "reject": 2}),
    ("holdout4", 6, 14, {"listing": 3, "titles": 3, "article": 2, "reject": 2}),
    ("holdout5", 6, 14, {"listing": 3, "titles": 3, "article": 2, "reject": 2}),
    ("holdout6", 7, 18, {"listing": 3, "titles": 3, "article": 2, "reject": 2}),
    ("holdout7", 7, 18, {"listing": 3, "titles": 3, "article": 3, "reject": 2}),
    ("holdout8", 7, 18, {"listing": 3, "titles": 3, "article": 3, "reject": 2}),
)
SET_ORDER = ("dev", "holdout", *(name for name, *_ in HOLDOUT_SETS))


@pytest.mark.parametrize(("name", "min_themes", "min_pages", "min_kinds"), HOLDOUT_SETS, ids=SET_ORDER[2:])
def test_holdout_set_is_fresh_and_large_enough(
    name: str, min_themes: int, min_pages: int, min_kinds: dict[str, int]
) -> None:
    pages = [p for p in HTML_PAGES if p.parts[-3] == name]
    themes = {p.parent.name for p in pages}
    earlier = SET_ORDER[: SET_ORDER.index(name)]
    older = {p.parent.name for p in HTML_PAGES if p.parts[-3] in earlier}
    assert len(themes) >= min_themes, themes
    assert not themes & older, f"{name} reuses themes {themes & older}"
    docs = [json.loads(p.with_suffix(".json").read_text(encoding="utf-8")) for p in pages]
    assert len(docs) >= min_pages
    assert sum(d["lang"] == "zh" for d in docs) * 2 >= len(docs), f"at least half of {name} is Chinese"
    kinds = [d["page_kind"] for d in docs]
    assert set(kinds) == KINDS
    assert all(kinds.count(kind) >= least for kind, least in min_kinds.items()), (kinds, min_kinds)


def test_labeller_reads_a_date_from_the_preceding_sibling(tmp_path: Path) -> None:
    """Pelican archives put each date in a <dt> before the <dd> holding the title; the entry itself has no date."""
    html = tmp_path / "archives.html"
    html.write_text(
        "<dl><dt>2014-03-02</dt><dd><a href='/a/'>A</a></dd><dt>2013-11-03</dt><dd><a href='/b/'>B</a></dd></dl>",
        encoding="utf-8",
    )
    page = Page(theme="t", kind="titles", lang="en", source="s", entry="dl > dd", title="a", date_before="dt")
    assert [e["date"] for e in label(html, page)["entries"]] == ["2014-03-02", "2013-11-03"]


def test_labeller_reads_a_date_from_the_enclosing_element(tmp_path: Path) -> None:
    """Redefine archives put one date-is="MM-DD" on an <li> holding every post of that day; each post takes it."""
    html = tmp_path / "archives.html"
    html.write_text(
        "<section><span class='year'>2024</span><ul><li class='day' date-is='02-07'><a href='/a'><span>A</span></a>"
        "<a href='/b'><span>B</span></a></li><li class='day' date-is='01-05'><a href='/c'><span>C</span></a></li>"
        "</ul></section>",
        encoding="utf-8",
    )
    page = Page(
        theme="t",
        kind="titles",
        lang="zh",
        source="s",
        entry="li.day > a",
        title="span",
        date_ancestor="li.day",
        date_attr="date-is",
        year_from="span.year",
    )
    assert [e["date"] for e in label(html, page)["entries"]] == ["2024-02-07", "2024-02-07", "2024-01-05"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020-May 4", "2020-05-04"),
        ("2019-Nov 6", "2019-11-06"),
        ("2019-Foo 30", None),
        ("May 4", None),
    ],
)
def test_labeller_reads_a_month_day_under_a_year_heading(raw: str, expected: str | None) -> None:
    """Hello Friend NG prints 'May 4' under a '2020' heading; year_from joins them as '2020-May 4'."""
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("十月 01, 2021", "2021-10-01"),
        ("七月 20, 2021", "2021-07-20"),
        ("十二月 5 2019", "2019-12-05"),
        ("3月 19, 2017", "2017-03-19"),
    ],
)
def test_labeller_reads_chinese_month_names(raw: str, expected: str) -> None:
    """Diaspora prints '十月 01, 2021', Material '3月 19, 2017'; unread, their cards would be labelled with no date."""
    assert parse_date(raw) == expected


def test_every_page_has_a_labeller_entry_and_sources_line() -> None:
    assert {_key(p) for p in HTML_PAGES} == set(PAGES), "pages.py and the fixture files disagree"
    sources = (ROOT / "SOURCES.md").read_text(encoding="utf-8")
    for html in HTML_PAGES:
        assert f"`{_key(html)}`" in sources, f"SOURCES.md does not describe {_key(html)}"


@pytest.mark.parametrize("html", HTML_PAGES, ids=_key)
def test_ground_truth_shape(html: Path) -> None:
    doc = json.loads(html.with_suffix(".json").read_text(encoding="utf-8"))
    assert set(doc) == KEYS
    assert doc["theme"] == html.parent.name
    assert doc["page_kind"] in KINDS
    assert doc["lang"] in {"zh", "en"}
    assert isinstance(doc["source"], str) and doc["source"].strip()
    assert isinstance(doc["furniture"], list) and doc["furniture"]
    assert all(isinstance(f, str) and f.strip() for f in doc["furniture"])
    entries = doc["entries"]
    assert isinstance(entries, list)
    kind = doc["page_kind"]
    if kind == "reject":
        assert entries == []
    else:
        assert entries, f"{kind} page without entries"
    if kind == "article":
        assert len(entries) == 1
    for entry in entries:
        assert set(entry) == ENTRY_KEYS
        assert isinstance(entry["title"], str) and entry["title"].strip()
        assert isinstance(entry["url"], str) and entry["url"].strip()
        if entry["date"] is not None:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["date"])
            date.fromisoformat(entry["date"])
        start, end = entry["excerpt_start"], entry["excerpt_end"]
        assert (start is None) == (end is None), "excerpt_start and excerpt_end are null together"
        if kind == "titles":
            assert start is None and end is None
        for piece in (start, end):
            if piece is not None:
                assert piece.strip()
                leaked = [f for f in doc["furniture"] if f in piece]
                assert not leaked, f"furniture {leaked} inside an excerpt of {entry['title']}"
    if kind in ("listing", "article"):
        assert any(e["excerpt_start"] for e in entries), "a listing needs at least one excerpt"


@pytest.mark.parametrize("html", HTML_PAGES, ids=_key)
def test_ground_truth_points_at_the_page(html: Path) -> None:
    doc = json.loads(html.with_suffix(".json").read_text(encoding="utf-8"))
    text = _page_text(html)
    for entry in doc["entries"]:
        assert _squash(entry["title"]) in text, entry["title"]
        for piece in (entry["excerpt_start"], entry["excerpt_end"]):
            if piece:
                assert _squash(piece) in text, piece
    # Furniture lists are shared by a theme's pages: each string must occur on some page of that theme.
    theme_text = "".join(_page_text(page) for page in html.parent.glob("*.html"))
    for furniture in doc["furniture"]:
        assert _squash(furniture) in theme_text, f"furniture {furniture!r} occurs on no page of {doc['theme']}"


@pytest.mark.parametrize("html", HTML_PAGES, ids=_key)
def test_ground_truth_matches_its_labeller(html: Path) -> None:
    """The stored JSON is what label.py (selectors plus the recorded hand fixes) produces: nothing edited unrecorded."""
    key = _key(html)
    stored = json.loads(html.with_suffix(".json").read_text(encoding="utf-8"))
    assert apply_overrides(key, label(html, PAGES[key])) == stored


def test_page_sizes_stay_small() -> None:
    for html in HTML_PAGES:
        assert html.stat().st_size < 150_000, html

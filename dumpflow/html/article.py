"""Article pages: the main text, paragraph by paragraph, via trafilatura.

We measured a beautifulsoup4 extractor against trafilatura on 181 real
article pages (benchmarks/article_extraction.py, README: HTML dumps):
trafilatura's tree heuristics and fallbacks keep navigation, share bars,
related posts and comments out far better than anything we could tune in the
time, so the article path uses it and listing pages stay on beautifulsoup4.
Comments are excluded; precision is favoured because a body polluted with
chrome hurts repeat detection more than a missed closing paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from bs4 import BeautifulSoup, Tag

from dumpflow.html.blocks import text_blocks
from dumpflow.html.chrome import is_chrome, notice_box, notice_line, small_box
from dumpflow.html.meta import find_date
from dumpflow.lines import classify, dated_name, is_short_name
from dumpflow.normalize import match_key

# Lines of the extracted text that are chrome trafilatura let through.
_CHROME_REASONS = frozenset({"metadata", "read_more", "pagination"})
# A leftover of a meta line has at least this many letters, and at least half (1/SHRINK) of the line's.
_MIN_FRAGMENT_LETTERS = 8
_MAX_FRAGMENT_SHRINK = 2
# Notice lines with no box around them are dropped among the text's last paragraphs only, where themes print them.
_NOTICE_TAIL = 4
# A post's meta box (date, category, tags) is at most this long; longer boxes hold text.
_MAX_META_BOX_CHARS = 240
_META_BOX_TAGS = frozenset(["p", "div", "footer", "section", "ul", "ol", "dl", "header"])


@dataclass(frozen=True)
class MainText:
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def main_text(html: str, title: str | None) -> MainText:
    """The article's paragraphs, without the title line and chrome lines ([] when none found)."""
    extracted = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=False,
    )
    lines = [line.strip() for line in (extracted or "").split("\n")]
    paragraphs = [line for line in lines if line and classify(line) not in _CHROME_REASONS]
    if paragraphs and title and paragraphs[0] == title.strip():
        paragraphs = paragraphs[1:]
    return MainText(paragraphs=paragraphs)


def without_meta_fragments(text: MainText, soup: BeautifulSoup) -> MainText:
    """The main text without paragraphs that are what is left of a meta line the page shows.

    The extractor sometimes drops part of a byline (the date between two empty
    spans) and keeps the rest as a paragraph ("Jane Doe (jdoe) news]"), which
    then reads as text. Such a paragraph's letters all appear, in order, in one
    metadata line or byline of the page; a paragraph of the post does not fit
    inside a short meta line.
    """
    root = soup.body or soup
    meta = [
        match_key(block.text)
        for block in text_blocks(root, skip=is_chrome)
        if classify(block.text) == "metadata" or dated_name(block.text) is not None
    ]
    if not meta:
        return text
    kept = [paragraph for paragraph in text.paragraphs if not any(_fragment(match_key(paragraph), m) for m in meta)]
    return MainText(paragraphs=kept)


def without_notice_boxes(text: MainText, soup: BeautifulSoup) -> MainText:
    """The main text without the lines of the post's copyright or licence box ("Post link: ...", "许可协议 ...").

    The extractor keeps the box as the post's last paragraphs; a paragraph
    whose letters all lie in one such box is the notice, not the post. Where
    no box holds them, a notice line among the last paragraphs ("Link: ...",
    "License: CC BY 4.0") is dropped too: themes print it after the post.
    """
    boxes = [key for box in soup.find_all(notice_box) if (key := match_key(box.get_text(" ")))]
    tail = len(text.paragraphs) - _NOTICE_TAIL

    def notice(i: int, paragraph: str) -> bool:
        key = match_key(paragraph)
        if len(key) >= _MIN_FRAGMENT_LETTERS and any(key in box for box in boxes):
            return True
        return i >= tail and notice_line(paragraph.lstrip("-*• "))

    return MainText(paragraphs=[p for i, p in enumerate(text.paragraphs) if not notice(i, p)])


def without_meta_boxes(text: MainText, soup: BeautifulSoup) -> MainText:
    """The main text without the lines of the post's meta box: its date beside bare category and tag names.

    Themes print the post's date with its category and tags in one box
    (`<p><time>2008-09-20</time> <span>ESSAY</span><br><span>Emotion</span></p>`)
    whatever they name it. The date line is a meta line, but the names on
    lines of their own read as one-word paragraphs and the extractor keeps
    them. A box that shows a date and otherwise only short names is
    metadata whole; a paragraph that is one of its names is not the post's.
    """
    boxes = [match_key(box.get_text(" ")) for box in soup.find_all(_meta_box)]
    if not boxes:
        return text
    kept = [
        paragraph
        for paragraph in text.paragraphs
        if not (is_short_name(paragraph) and (key := match_key(paragraph)) and any(key in box for box in boxes))
    ]
    return MainText(paragraphs=kept)


def _meta_box(tag: Tag) -> bool:
    """A small box holding a date (a `<time>` or a dated meta line) and, beside it, nothing but short names."""
    if tag.name not in _META_BOX_TAGS or not small_box(tag, _MAX_META_BOX_CHARS):
        return False
    lines = [block.text for block in text_blocks(tag)]
    dated = tag.find("time") is not None or any(classify(line) == "metadata" and find_date(line) for line in lines)
    rest = [line for line in lines if classify(line) != "metadata" and dated_name(line) is None]
    return dated and len(lines) > len(rest) and bool(rest) and all(map(is_short_name, rest))


def _fragment(part: str, line: str) -> bool:
    """Whether `part` is `line` with some of its letters dropped (a subsequence), and not a trivial one."""
    if len(part) < _MIN_FRAGMENT_LETTERS or len(part) >= len(line) or _MAX_FRAGMENT_SHRINK * len(part) < len(line):
        return False
    letters = iter(line)
    return all(ch in letters for ch in part)

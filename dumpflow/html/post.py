"""Single post pages whose text is too short for the length rule.

A real post can be two sentences (a link post, a photo caption, a status).
Length alone cannot tell it from a 404 or a login wall, but its markup can:
one `<article>` (or one `<h1>`) and a publication date, which error and
landing pages do not carry. The text is then read from that element itself,
because trafilatura's precision setting drops very short main texts.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from dumpflow.html.blocks import text_blocks
from dumpflow.html.chrome import is_chrome, notice_box, notice_line
from dumpflow.html.listing import Card, host, is_post_link, read_card
from dumpflow.html.meta import absolute, find_date, page_date, title_heading
from dumpflow.lines import classify, dated_name
from dumpflow.normalize import match_key

# Fewer letters than this is a stray line (a 404 message), not a post. A page whose
# metadata declares a publication time is a post whatever its length (a one-sentence post).
MIN_POST_CHARS = 20
MIN_DECLARED_POST_CHARS = 1
_CHROME_LINES = frozenset({"blank", "metadata", "read_more", "pagination"})
# What separates a post's name from the site's in a browser title ("Post | Site", "Post - Site", "Post · Site").
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·•_]\s+")
# How far above its title line a post's box may be (title box, card, column).
_TITLE_BOX_LEVELS = 4


def _outside_chrome(tag: Tag) -> bool:
    return not any(is_chrome(parent) for parent in tag.parents if isinstance(parent, Tag))


def _post_root(soup: BeautifulSoup) -> Tag | None:
    """The one element holding the post: the only <article>, else the parent of the post's <h1>."""
    articles = [a for a in soup.find_all("article") if _outside_chrome(a) and not is_chrome(a)]
    if len(articles) == 1:
        return articles[0]
    if articles:
        return None
    headings = [h for h in soup.find_all("h1") if _outside_chrome(h)]
    heading = headings[0] if len(headings) == 1 else title_heading(soup) if headings else None
    if heading is not None and isinstance(heading.parent, Tag):
        return heading.parent
    line = title_line(soup)
    return _dated_box(line) if line is not None else None


def title_line(soup: BeautifulSoup) -> Tag | None:
    """On a page with no <h1>, the element showing the post's name as the browser title gives it.

    Some themes show a post's title in a styled paragraph or span, not a
    heading; the browser title still names the post first ("Post | Site").
    The line must show that name alone, outside links and page chrome.
    """
    if soup.find("h1") is not None or not isinstance(title_tag := soup.find("title"), Tag):
        return None
    name = " ".join(_TITLE_SEPARATOR.split(title_tag.get_text(" ", strip=True))[0].split())
    if not name or soup.body is None:
        return None
    for string in soup.body.find_all(string=True):
        line = string.parent
        if " ".join(string.split()) != name or not isinstance(line, Tag) or line.name in ("a", "title"):
            continue
        if line.find_parent("a") is None and _outside_chrome(line) and not is_chrome(line):
            return line
    return None


def _dated_box(line: Tag) -> Tag | None:
    """The nearest box around the title line that also shows a dated metadata line or byline: the post."""
    for level, box in enumerate(line.parents):
        if level >= _TITLE_BOX_LEVELS or box.name in ("body", "html"):
            return None
        if any(_dated_line(block.text) for block in text_blocks(box, skip=is_chrome)):
            return box
    return None


def _dated_line(text: str) -> str | None:
    """The date of a metadata line or a byline ("Daryl 2月 16, 2018"), else None."""
    return find_date(text) if classify(text) == "metadata" or dated_name(text) is not None else None


def single_post(soup: BeautifulSoup) -> bool:
    """Whether the page is marked up as one dated post."""
    return _post_root(soup) is not None and post_date(soup) is not None


def post_date(soup: BeautifulSoup) -> str | None:
    """The page's publication date: its metadata or first <time>, else a dated meta line by the post or its title."""
    if date := page_date(soup):
        return date
    # The post's element, then the title's own box (themes put title and meta line in a page header).
    heading = title_heading(soup)
    for root in (_post_root(soup), heading.parent if heading is not None else None):
        if not isinstance(root, Tag):
            continue
        for block in text_blocks(root, skip=is_chrome):
            if date := _dated_line(block.text):
                return date
    return None


def short_post_text(soup: BeautifulSoup, title: str | None, min_chars: int = MIN_POST_CHARS) -> str | None:
    """The post's own lines (no title, metadata, read-more or tag links), when there are `min_chars` letters of them.

    A line made only of links that lead to no post (a tag or category badge, a
    javascript: control) is furniture; a link post's one line, which leads
    elsewhere, is its text.
    """
    root = _post_root(soup)
    if root is None:
        return None
    headings = {title.strip()} if title else set()
    lines = [
        block.text
        for block in text_blocks(root, skip=lambda tag: is_chrome(tag) or notice_box(tag))
        if block.text not in headings
        and not block.heading
        and classify(block.text) not in _CHROME_LINES
        and dated_name(block.text) is None
        and not notice_line(block.text)
        and not (block.linked and not is_post_link(block.href))
    ]
    text = "\n\n".join(lines)
    return text if text and len(match_key(text)) >= min_chars else None


def linked_post_card(soup: BeautifulSoup, base: str | None) -> Card | None:
    """The page's one post read as a card, when its title links to a post on this site.

    An index page whose feed holds a single post shows that post whole, so it
    reads as an article page; but the post's title there is a link to the
    post, and the page's own title is the site's name. The card then names the
    post. A post page that links its title to itself gives the same answer; a
    link post whose title leads to another site is left to the page's metadata.
    """
    root = _post_root(soup)
    card = read_card(root, base) if root is not None else None
    if card is None or not card.linked_title or not card.url or not is_post_link(card.url, base):
        return None
    target = host(absolute(base, card.url) or "")
    if not target:
        return card  # a relative link stays on the site
    return card if target in _own_hosts(soup, base) else None


def _own_hosts(soup: BeautifulSoup, base: str | None) -> set[str]:
    """The page's site: its base address's host, else the hosts its home links name (`<a href="https://site/">`)."""
    if base:
        return {host(base)}
    hosts: set[str] = set()
    for link in soup.find_all("a", href=True):
        href = link["href"]
        try:
            parts = urlsplit(href.strip()) if isinstance(href, str) else None
        except ValueError:
            continue
        if parts is not None and parts.scheme in ("http", "https") and not parts.path.strip("/") and not parts.query:
            hosts.add(host(href))
    return hosts

"""HTML dumps: a saved page -> its article entries (listing cards or one article).

How a page is told apart (README: HTML dumps):
1. Page chrome (nav, header/footer, sidebars, comments, share bars) is set aside.
2. Listing: a group of at least two sibling cards, each a title leading to a
   link plus excerpt text, and the cards carry at least as much text as the
   rest of the page. One entry per card, in page order.
3. Article: otherwise, the page's main text when it has at least
   MIN_ARTICLE_CHARS letters. One entry.
4. Otherwise the file is rejected with the reason: loading chrome as articles
   would put noise into the catalogue, and a rejection tells the user why.

`clean_dump` does not classify lines of HTML dumps, so only article text may
leave this module.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from bs4 import BeautifulSoup

from dumpflow.clean import classify
from dumpflow.html.article import main_text
from dumpflow.html.blocks import parse_soup, text_blocks
from dumpflow.html.encoding import DecodeError, decode_html
from dumpflow.html.listing import Card, find_cards, is_chrome
from dumpflow.html.meta import base_url, page_date, page_title, page_url
from dumpflow.normalize import match_key
from schemas.records import DumpFile, ParsedDump, RawEntry, Rejection

PageMode = Literal["auto", "listing", "article"]
# A page whose main text is shorter than this is not an article page (a 404,
# a login wall, a category page without excerpts): about three sentences.
MIN_ARTICLE_CHARS = 120


def _outside_letters(soup: BeautifulSoup, cards: list[Card]) -> int:
    """Letters of content text outside the cards and outside page chrome."""
    inside = {id(card.element) for card in cards}
    root = soup.body or soup
    blocks = text_blocks(root, skip=lambda tag: id(tag) in inside or is_chrome(tag))
    return sum(len(match_key(b.text)) for b in blocks if classify(b.text) is None)


def _listing_entries(cards: list[Card]) -> list[RawEntry]:
    return [
        RawEntry(line_no=i, raw_text=card.body, title=card.title, url=card.url, published=card.published)
        for i, card in enumerate(cards)
    ]


def parse_html(
    dump: DumpFile, data: bytes, reject: Callable[[str], Rejection], mode: PageMode = "auto"
) -> ParsedDump | Rejection:
    """Entries of one HTML page; `mode` forces listing or article reading (the benchmark reads articles)."""
    try:
        decoded = decode_html(data)
    except DecodeError as exc:
        return reject(f"undecodable HTML: {exc}")
    soup = parse_soup(decoded.text)
    base = base_url(soup)
    entries: list[RawEntry] = []
    if mode != "article":
        cards = find_cards(soup, base)
        card_letters = sum(len(match_key(card.body)) for card in cards)
        if cards and (mode == "listing" or card_letters >= _outside_letters(soup, cards)):
            entries = _listing_entries(cards)
    if not entries and mode != "listing":
        title = page_title(soup)
        text = main_text(decoded.text, title)
        if len(match_key(text.text)) >= MIN_ARTICLE_CHARS:
            entries = [
                RawEntry(line_no=0, raw_text=text.text, title=title, url=page_url(soup), published=page_date(soup))
            ]
    if not entries:
        return reject(
            "no recognizable articles in HTML page: no repeated cards with a link and excerpt text, "
            f"and no main text of at least {MIN_ARTICLE_CHARS} letters"
        )
    return ParsedDump(
        dump=dump, format="html", encoding=decoded.encoding, entries=entries, partial_tail=decoded.partial_tail
    )


__all__ = ["MIN_ARTICLE_CHARS", "PageMode", "parse_html"]

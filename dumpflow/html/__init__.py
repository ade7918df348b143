"""HTML dumps: a saved page -> its article entries (listing cards or one article).

How a page is told apart (README: HTML dumps):
1. Page chrome (nav, header/footer, sidebars, comments, share bars) is set aside.
2. Listing: a group of at least two alike sibling cards, each a title leading
   to a link plus excerpt text (dumpflow.html.listing), carrying at least as
   much text as the rest of the page, and holding the page's main text between
   them rather than beside it or in a single card. One entry per card, in
   page order.
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

from dumpflow.html.article import MainText, main_text
from dumpflow.html.blocks import parse_soup, text_blocks
from dumpflow.html.encoding import DecodeError, decode_html
from dumpflow.html.listing import Card, find_cards, is_chrome
from dumpflow.html.meta import base_url, page_date, page_title, page_url
from dumpflow.lines import classify
from dumpflow.normalize import match_key
from schemas.records import DumpFile, ParsedDump, RawEntry, Rejection

PageMode = Literal["auto", "listing", "article"]
# A page whose main text is shorter than this is not an article page (a 404,
# a login wall, a category page without excerpts): about three sentences.
MIN_ARTICLE_CHARS = 120
# Share of the main text's letter 8-grams the cards must hold between them,
# and the most any single card may hold (more: that card is the article).
MIN_FEED_COVERAGE = 0.5
MAX_ONE_CARD_COVERAGE = 0.8
_GRAM = 8


def _outside_letters(soup: BeautifulSoup, cards: list[Card]) -> int:
    """Letters of content text outside the cards and outside page chrome."""
    inside = {id(card.element) for card in cards}
    root = soup.body or soup
    blocks = text_blocks(root, skip=lambda tag: id(tag) in inside or is_chrome(tag))
    return sum(len(match_key(b.text)) for b in blocks if classify(b.text) is None)


def _grams(text: str) -> set[str]:
    key = match_key(text)
    return {key[i : i + _GRAM] for i in range(max(1, len(key) - _GRAM + 1))} if key else set()


def _is_listing(soup: BeautifulSoup, cards: list[Card], text: MainText) -> bool:
    """Whether the cards are the page's content rather than boxes beside an article.

    The cards must carry at least as much text as the rest of the page, and the
    main text (what the article extractor would keep) must be spread over the
    cards: on a listing it is the feed itself, on an article page it is one
    long text that either lies outside the cards or fills a single one of them.
    """
    card_letters = sum(len(match_key(card.body)) for card in cards)
    if card_letters < _outside_letters(soup, cards):
        return False
    main = _grams(text.text)
    if not main:
        return True
    per_card = [main & _grams(f"{card.title} {card.body}") for card in cards]
    if len(set().union(*per_card)) < MIN_FEED_COVERAGE * len(main):
        return False
    largest = max(range(len(cards)), key=lambda i: len(per_card[i]))
    others = sum(len(match_key(card.body)) for i, card in enumerate(cards) if i != largest)
    # The extractor kept one card: that card is the article when it outweighs the rest together.
    return len(per_card[largest]) <= MAX_ONE_CARD_COVERAGE * len(main) or len(main) < others


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
    title = page_title(soup)
    text = main_text(decoded.text, title) if mode != "listing" else MainText(paragraphs=[])
    if mode != "article":
        cards = find_cards(soup, base)
        if cards and (mode == "listing" or _is_listing(soup, cards, text)):
            entries = _listing_entries(cards)
    if not entries and mode != "listing" and len(match_key(text.text)) >= MIN_ARTICLE_CHARS:
        entries = [RawEntry(line_no=0, raw_text=text.text, title=title, url=page_url(soup), published=page_date(soup))]
    if not entries:
        return reject(
            "no recognizable articles in HTML page: no repeated cards with a link and excerpt text, "
            f"and no main text of at least {MIN_ARTICLE_CHARS} letters"
        )
    return ParsedDump(
        dump=dump, format="html", encoding=decoded.encoding, entries=entries, partial_tail=decoded.partial_tail
    )


__all__ = ["MIN_ARTICLE_CHARS", "PageMode", "parse_html"]

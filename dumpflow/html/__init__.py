"""HTML dumps: a saved page -> its article entries (listing cards, title-only cards, or one article).

How a page is told apart (README: HTML dumps):
1. Page chrome (nav, header/footer, sidebars, comments, share bars) is set aside.
2. A page that declares itself one post (article:published_time) is an
   article page, however short its text; og:type=article alone (some themes
   write it on every page) yields to a clear listing of linked post titles.
3. Listing: a group of at least two alike sibling cards, each a title leading
   to a link plus excerpt text (dumpflow.html.listing), carrying at least as
   much text as the rest of the page, and holding the page's main text between
   them rather than beside it or in a single card. One entry per card, in
   page order.
4. Title-only listing (archive, category, tag page): a group of cards with a
   title and link but no excerpt, carrying more text than the rest of the
   page. One entry per card with raw_text "" (title, URL and date only). A
   category or tag holding one post shows a single dated title link and,
   beside it, nothing but headings: that card is the entry.
5. Cards that are neither clearly the page's content nor clearly beside an
   article make the page ambiguous: it is rejected, because loading it as one
   article would glue the excerpts together under the site's name.
6. Article: otherwise, the page's main text when it has at least
   MIN_ARTICLE_CHARS letters, or a shorter text under a single post's markup
   (one <article> or one <h1>, and a date). One entry.
7. Otherwise the file is rejected with the reason: loading chrome as articles
   would put noise into the catalogue, and a rejection tells the user why.

`clean_dump` does not classify lines of HTML dumps, so only article text may
leave this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Literal

from bs4 import BeautifulSoup, Tag

from dumpflow.html.article import (
    MainText,
    main_text,
    without_meta_boxes,
    without_meta_fragments,
    without_notice_boxes,
)
from dumpflow.html.blocks import Block, parse_soup, text_blocks
from dumpflow.html.chrome import is_chrome
from dumpflow.html.confidence import article_doubt, declared_post, error_page
from dumpflow.html.encoding import DecodeError, decode_html
from dumpflow.html.listing import (
    Card,
    find_cards,
    find_lone_card,
    find_lone_title_card,
    find_more_titles,
    find_title_cards,
    one_feed,
    one_folder,
)
from dumpflow.html.meta import base_url, find_date, page_title, page_url
from dumpflow.html.post import (
    MIN_DECLARED_POST_CHARS,
    MIN_POST_CHARS,
    linked_post_card,
    post_date,
    short_post_text,
    single_post,
    title_line,
)
from dumpflow.html.repeats import without_repeated_lines
from dumpflow.html.standing import standing_page
from dumpflow.lines import MIN_CONTENT_CHARS, classify
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
# An undeclared page whose main text is less than this share of text outside link labels is a tag cloud.
MAX_UNLINKED_SHARE = 0.2
# A listing of whole posts shows at least this many, each titled by a link to itself.
MIN_WHOLE_POSTS = 3
_GRAM = 8
_WIDE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Undated title-only cards are a post list only when there are this many,
# with this many letters per title on average (tags and menus are shorter).
MIN_TITLE_CARDS = 3
MIN_TITLE_LETTERS = 8
# Lines that are never a page's own text.
_FURNITURE_LINES = frozenset({"blank", "metadata", "read_more", "pagination"})


def _outside_letters(soup: BeautifulSoup, cards: list[Card]) -> int:
    """Letters of content text outside the cards and outside page chrome."""
    inside = {id(element) for card in cards for element in card.elements}
    root = soup.body or soup
    blocks = text_blocks(root, skip=lambda tag: id(tag) in inside or is_chrome(tag))
    return sum(len(match_key(b.text)) for b in blocks if classify(b.text) is None)


def _grams(text: str) -> set[str]:
    key = match_key(text)
    return {key[i : i + _GRAM] for i in range(max(1, len(key) - _GRAM + 1))} if key else set()


Verdict = Literal["none", "listing", "beside", "article", "unsure"]


def _listing_verdict(soup: BeautifulSoup, cards: list[Card], text: MainText) -> Verdict:
    """Whether the cards are the page's content, boxes beside an article, or neither clearly.

    On a listing the cards carry at least as much text as the rest of the page,
    and the main text (what the article extractor would keep) is spread over
    them. On an article page it is one long text that lies outside the cards
    ("beside") or fills a single card ("article"). Anything else is unsure.
    """
    card_letters = sum(len(match_key(f"{card.title} {card.body}")) for card in cards)
    heavy = card_letters >= _outside_letters(soup, cards)
    main = _grams(text.text)
    if not main:
        return "listing" if heavy else "unsure"
    per_card = [main & _grams(f"{card.title} {card.body}") for card in cards]
    covered = len(set().union(*per_card)) >= MIN_FEED_COVERAGE * len(main)
    if not covered:
        # The main text lies outside the cards, even where the page wraps it in a
        # chrome-looking element (an ASP.NET <form>): weigh the cards against it too.
        heavy = heavy and card_letters >= len(match_key(text.text))
        return "beside" if not heavy else "unsure"
    largest = max(range(len(cards)), key=lambda i: len(per_card[i]))
    others = sum(len(match_key(card.body)) for i, card in enumerate(cards) if i != largest)
    # The extractor kept one card: that card is the article when it outweighs the rest together,
    # unless every card's title links to its post, as on a listing of whole posts (Lanyon, Hyde)
    # or of a few posts in one repeated card element (the extractor kept the longest excerpt).
    dominant = len(per_card[largest]) > MAX_ONE_CARD_COVERAGE * len(main) and len(main) >= others
    if dominant and not (_whole_posts(cards) or one_feed(cards)):
        return "article"
    return "listing" if heavy else "unsure"


def _whole_posts(cards: list[Card]) -> bool:
    """Several cards with text, every one titled by a link to its post: a listing of whole posts."""
    with_text = sum(1 for card in cards if len(match_key(card.body)) >= MIN_CONTENT_CHARS)
    return with_text >= MIN_WHOLE_POSTS and all(card.linked_title for card in cards)


def _listing_entries(cards: list[Card]) -> list[RawEntry]:
    return [
        RawEntry(line_no=i, raw_text=card.body, title=card.title, url=card.url, published=card.published)
        for i, card in enumerate(cards)
    ]


def _title_listing(soup: BeautifulSoup, cards: list[Card], text: MainText) -> bool:
    """Whether title-only cards are the page's content rather than link lists beside it.

    Post titles are dated, or long and several: a tag list, a share bar or a
    menu is neither. Their titles must outweigh the rest of the page's text,
    and the main text, when there is an article's worth of it, must be the
    titles themselves (an article with a list of links is still an article).
    """
    dated = sum(1 for card in cards if card.published)
    letters = [title_letters(card.title) for card in cards]
    # Undated titles need another sign of posts: long titles, or addresses in one post folder ("/posts/<id>"):
    # short post names ("JAVA", "web安全") are common, but a menu's or a tag cloud's links lead to many folders.
    named = sum(letters) >= MIN_TITLE_LETTERS * len(cards) or one_folder(cards)
    if 2 * dated < len(cards) and (len(cards) < MIN_TITLE_CARDS or not named):
        return False
    if dated == len(cards) >= MIN_TITLE_CARDS and sum(letters) and not _post_beside(soup, cards):
        return True  # a home page's "about" blurb above the list of dated posts
    if sum(letters) == 0 or sum(letters) < _outside_letters(soup, cards):
        return False
    main = _grams(text.text)
    if len(match_key(text.text)) < MIN_ARTICLE_CHARS:
        return True
    shown = (" ".join(element.get_text(" ") for element in card.elements) for card in cards)
    covered = main & set().union(*(_grams(card_text) for card_text in shown))
    return len(covered) >= MIN_FEED_COVERAGE * len(main)


def title_letters(title: str) -> int:
    """A title's letters, each Han, kana or Hangul character counted twice: it carries a word's worth.

    "随笔杂谈" (4 characters) names a post as well as "Essay notes" (10 letters)
    does; counted once each, short Chinese titles read as a menu's labels.
    """
    key = match_key(title)
    return len(key) + sum(1 for ch in key if _WIDE_SCRIPT.match(ch))


def _post_beside(soup: BeautifulSoup, cards: list[Card]) -> bool:
    """Whether the text beside the cards reads as one post: a content <h1> or a date of its own.

    A post names itself in an <h1> and is dated; a home page's introduction
    ("Welcome, I am ...") above its list of posts is neither, and its <h1>, if
    any, is the site's name in the page header.
    """
    inside = {id(element) for card in cards for element in card.elements}

    def outside(tag: Tag) -> bool:
        return not any(id(parent) in inside or is_chrome(parent) for parent in (tag, *tag.parents))

    if any(h1.get_text(strip=True) and outside(h1) for h1 in soup.find_all("h1")):
        return True
    if any(outside(time_tag) for time_tag in soup.find_all("time")):
        return True
    root = soup.body or soup
    blocks = text_blocks(root, skip=lambda tag: id(tag) in inside or is_chrome(tag))
    return any(classify(block.text) == "metadata" and find_date(block.text) for block in blocks)


def _link_text_only(soup: BeautifulSoup, text: str) -> bool:
    """Whether the text is (almost) all link labels: a tag cloud or a link list, not an article."""
    key = match_key(text)
    if not key:
        return False
    rest = key
    for label in sorted({match_key(a.get_text(" ")) for a in soup.find_all("a")}, key=len, reverse=True):
        if len(label) >= 2:
            rest = rest.replace(label, "")
    return len(rest) < MAX_UNLINKED_SHARE * len(key)


def _article(
    soup: BeautifulSoup, text: MainText, title: str | None, declared: str | None, base: str | None
) -> list[RawEntry]:
    """The page as one article, when its text is long enough or its markup is one post's.

    A page that does not declare itself a post and whose text is one post
    titled by a link (an index holding a single whole post) is named by that
    card: its title, link and date, not the site's name.
    """
    text = without_meta_boxes(without_notice_boxes(without_meta_fragments(text, soup), soup), soup)
    body = text.text if len(match_key(text.text)) >= MIN_ARTICLE_CHARS else None
    if body is not None and not declared and _link_text_only(soup, body):
        return []
    if (line := title_line(soup)) is not None and single_post(soup):
        title = line.get_text(" ", strip=True)  # the post's name, not the browser title's "Post | Site"
    if body is None and (declared or single_post(soup)):
        least = MIN_DECLARED_POST_CHARS if declared == "published" else MIN_POST_CHARS
        body = short_post_text(soup, title, least) or (text.text if len(match_key(text.text)) >= least else None)
    if body is None:
        return []
    url, published = page_url(soup), post_date(soup)
    card = linked_post_card(soup, base) if not declared else None
    if card is not None and _holds_text(card, body):
        title, url, published = card.title, card.url, card.published or published
    return [RawEntry(line_no=0, raw_text=body, title=title, url=url, published=published)]


def _holds_text(card: Card, body: str) -> bool:
    """Whether the card holds most of the article's text (it is the post, not a box beside it)."""
    main = _grams(body)
    return bool(main) and len(main & _grams(f"{card.title} {card.body}")) >= MIN_FEED_COVERAGE * len(main)


def _read_listing(soup: BeautifulSoup, base: str | None, text: MainText, declared: bool) -> tuple[list[RawEntry], bool]:
    """The page's cards as entries, and whether the page is ambiguous (cards, but no clear verdict).

    A page whose og:type says "article" (some themes write it on every page)
    is a listing only when its cards clearly are one: several, each titled by
    a link to its post. Otherwise it stays the article it declares.
    """
    cards = find_cards(soup, base)
    verdict = _listing_verdict(soup, cards, text) if cards else "none"
    if verdict == "listing":
        if not declared or _whole_posts(cards):
            more = [replace(card, body="") for card in find_more_titles(soup, base, cards)]
            return _listing_entries(without_repeated_lines(cards) + more), False
        return [], False
    if declared:
        return [], False
    if verdict in ("none", "beside"):
        titles = find_title_cards(soup, base)
        if titles and _title_listing(soup, titles, text):
            return _listing_entries([replace(card, body="") for card in titles]), False
    # A page with an article's worth of main text is no list of one (and the search reads every element).
    if verdict == "none" and len(match_key(text.text)) < MIN_ARTICLE_CHARS:
        lone = find_lone_title_card(soup, base)
        if lone is not None and _only_headings_beside(soup, lone):
            return _listing_entries([lone]), False
        card = find_lone_card(soup, base)
        if card is not None and _only_headings_beside(soup, card):
            return _listing_entries([card]), False
    return [], verdict == "unsure"


def _declared_title_listing(soup: BeautifulSoup, base: str | None) -> list[RawEntry]:
    """The title-only cards of a page that declares a publication time but shows no post: an archive.

    Some themes write every page's metadata from one template, so an archive
    or a tag page says `article:published_time` too. A post shows its own text,
    named by a content `<h1>` or dated beside its related-post links; an archive
    shows nothing but dated post titles. Only that unmistakable case is read
    as a listing: at least MIN_TITLE_CARDS cards, every one dated, outweighing
    the rest of the page, with no post beside them.
    """
    cards = find_title_cards(soup, base)
    if len(cards) < MIN_TITLE_CARDS or not all(card.published for card in cards):
        return []
    letters = sum(len(match_key(card.title)) for card in cards)
    if _post_beside(soup, cards) or letters < _outside_letters(soup, cards):
        return []
    return _listing_entries([replace(card, body="") for card in cards])


def _only_headings_beside(soup: BeautifulSoup, card: Card) -> bool:
    """Whether the page shows nothing beside the card but headings and meta lines (a category's name and count).

    A post, however short, has a line of its own text; a 404 page has its message.
    A section's title need not be a heading element (`<span class="title">Posts</span>`):
    a heading-shaped line (short, no sentence, no closing stop) above the card counts as one.
    """
    inside = {id(element) for element in card.elements}
    root = soup.body or soup
    blocks = text_blocks(root, skip=lambda tag: id(tag) in inside or is_chrome(tag))
    above = match_key(" ".join(card.elements[0].find_all_previous(string=True)))

    def titles_section(block: Block) -> bool:
        ends_sentence = block.text.rstrip().endswith((".", "。", "!", "！", "?", "？", "…"))
        return classify(block.text) == "heading" and not ends_sentence and match_key(block.text) in above

    return all(block.heading or classify(block.text) in _FURNITURE_LINES or titles_section(block) for block in blocks)


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
    title = page_title(soup)
    text = main_text(decoded.text, title) if mode != "listing" else MainText(paragraphs=[])
    declared = declared_post(soup)
    if mode == "auto" and declared != "published" and (error := error_page(soup)) is not None:
        return reject(
            f"no recognizable articles in HTML page: an error page ({error!r}), not a post or a listing, "
            "even where it lists recent posts"
        )
    entries: list[RawEntry] = []
    ambiguous = False
    if mode == "listing":
        entries = _listing_entries(find_cards(soup, base) or find_title_cards(soup, base))
    elif mode == "auto" and declared != "published":
        entries, ambiguous = _read_listing(soup, base, text, declared is not None)
    elif mode == "auto":
        entries = _declared_title_listing(soup, base)
    if not entries and ambiguous:
        return reject(
            "ambiguous HTML page: it repeats post cards, but they are neither clearly the page's content "
            "nor clearly beside one article; not loaded rather than glued into one article"
        )
    if not entries and mode == "auto" and declared != "published" and (label := standing_page(soup)) is not None:
        return reject(
            f"a standing page of the site, not a post: its title is the menu's current item ({label!r}), "
            "as on an About or Contact page"
        )
    if not entries and mode != "listing":
        entries = _article(soup, text, title, declared, base)
        if mode == "auto" and entries and (doubt := article_doubt(soup, entries[0], declared)) is not None:
            return reject(doubt)
    if not entries:
        return reject(
            "no recognizable articles in HTML page: no repeated cards with a link and excerpt text, "
            f"no list of dated post titles, and no main text of at least {MIN_ARTICLE_CHARS} letters "
            "beyond link labels (nor a short post marked up as one dated <article>)"
        )
    return ParsedDump(
        dump=dump, format="html", encoding=decoded.encoding, entries=entries, partial_tail=decoded.partial_tail
    )


__all__ = ["MIN_ARTICLE_CHARS", "PageMode", "parse_html"]

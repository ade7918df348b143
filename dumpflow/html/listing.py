"""Listing pages: the repeated article cards, found by structure.

Every site names its cards differently (`<article>`, `li.news-item`,
`div.xw-card`, table rows), but every listing repeats the same shape: sibling
elements that each hold a title leading to a link and a block of excerpt
text. We look for that shape among the children of every element and keep
the group of siblings carrying the most excerpt text. Class names are only
used for the conventional words of page chrome (nav, sidebar, comments...),
never to recognise a card.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from dumpflow.html.blocks import Block, text_blocks
from dumpflow.html.meta import absolute, find_date
from dumpflow.lines import classify
from dumpflow.normalize import match_key

# Elements that can be one card. A <p> never is: sibling paragraphs with
# inline links are running text.
CARD_TAGS = frozenset(["article", "li", "div", "section", "tr", "dd", "dl", "a"])
MIN_CARDS = 2
# The longest excerpt of a feed is at most this many times the second longest.
MAX_CARD_RATIO = 3
# Containers whose tag says they are chrome, and class/id words that mean the
# same on nearly every site (WAI-ARIA roles and CMS themes share them).
CHROME_TAGS = frozenset(["nav", "aside", "form", "menu", "header", "footer"])
CHROME_WORDS = frozenset(
    [
        "nav",
        "navbar",
        "navigation",
        "menu",
        "sidebar",
        "side-bar",
        "breadcrumb",
        "breadcrumbs",
        "pagination",
        "pager",
        "paging",
        "comment",
        "comments",
        "share",
        "sharing",
        "social",
        "related",
        "recommend",
        "recommended",
        "widget",
        "widgets",
        "advert",
        "ads",
        "ad",
        "banner",
        "cookie",
        "cookies",
        "popup",
        "modal",
        "login",
        "signup",
        "subscribe",
        "newsletter",
        "footer",
        "topbar",
        "toolbar",
    ]
)
CHROME_ROLES = frozenset(["navigation", "banner", "contentinfo", "complementary", "search"])
# Inline elements that hold a card's chrome inside its text ("阅读全文", "阅读 123").
_INLINE = frozenset(
    ["a", "span", "small", "em", "i", "b", "strong", "time", "font", "label", "sup", "sub", "cite", "abbr"]
)
_INLINE_REASONS = frozenset({"read_more", "metadata"})
_MAX_INLINE_CHROME = 60


@dataclass(frozen=True)
class Card:
    title: str
    url: str | None
    published: str | None
    body: str
    element: Tag


def is_chrome(tag: Tag) -> bool:
    """Navigation, sidebars, comments, share bars: never a listing, never an article."""
    if tag.name in CHROME_TAGS:
        return True
    if tag.get("role") in CHROME_ROLES:
        return True
    words: list[str] = []
    for attr in ("id", "class"):
        value = tag.get(attr)
        values = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        for item in values:
            words.extend(w.lower() for w in re.split(r"[-_\s]+", item) if w)
    return any(word in CHROME_WORDS for word in words)


def _inline_chrome(tag: Tag) -> bool:
    if tag.name not in _INLINE:
        return False
    text = tag.get_text(" ", strip=True)
    if not text or len(text) > _MAX_INLINE_CHROME:
        return False
    reason = classify(text)
    return reason in _INLINE_REASONS or (tag.name == "a" and reason == "pagination")


def _letters(text: str) -> int:
    return len(match_key(text))


def _published(element: Tag, blocks: list[Block]) -> str | None:
    for time_tag in element.find_all("time"):
        value = time_tag.get("datetime")
        date = find_date(value if isinstance(value, str) else time_tag.get_text(" ", strip=True))
        if date:
            return date
    for tag in element.find_all(_INLINE):
        if _inline_chrome(tag) and (date := find_date(tag.get_text(" ", strip=True))):
            return date
    for block in blocks:
        if classify(block.text) is not None and (date := find_date(block.text)):
            return date
    return None


def read_card(element: Tag, base: str | None) -> Card | None:
    """The card this element is, or None when it lacks a title link or excerpt text."""
    if element.name not in CARD_TAGS or (element.find("a", href=True) is None and element.name != "a"):
        return None
    blocks = text_blocks(element)
    headings = [b for b in blocks if b.heading]
    if len(headings) > 1:
        return None  # several cards (a row of them) or an article's sections
    title = (
        headings[0]
        if headings
        else next(
            (b for b in blocks if b.href and classify(b.text) not in ("read_more", "pagination", "metadata")), None
        )
    )
    if title is None:
        return None
    href = title.href or (element.get("href") if element.name == "a" else None) or _first_href(element)
    if not isinstance(href, str):
        return None
    content = text_blocks(element, skip=_inline_chrome)
    body = [b.text for b in content if b.text != title.text and not b.heading and classify(b.text) is None]
    if not body:
        return None
    return Card(
        title=title.text,
        url=absolute(base, href),
        published=_published(element, blocks),
        body="\n\n".join(body),
        element=element,
    )


def _first_href(element: Tag) -> str | None:
    for link in element.find_all("a", href=True):
        href = link["href"]
        if isinstance(href, str) and href.strip() and not href.startswith(("#", "javascript:")):
            return href.strip()
    return None


def _containers(soup: BeautifulSoup) -> Iterator[Tag]:
    """Elements outside page chrome with at least MIN_CARDS children of one tag."""
    stack = [soup.body or soup]
    while stack:
        tag = stack.pop()
        children = [c for c in tag.children if isinstance(c, Tag) and not is_chrome(c)]
        counts: dict[str, int] = defaultdict(int)
        for child in children:
            counts[child.name] += 1
        if any(counts[name] >= MIN_CARDS for name in CARD_TAGS):
            yield tag
        stack.extend(reversed(children))


def find_cards(soup: BeautifulSoup, base: str | None) -> list[Card]:
    """The sibling group carrying the most excerpt text, in page order ([] when none repeats)."""
    best: list[Card] = []
    best_score = 0
    for container in _containers(soup):
        groups: dict[str, list[Card]] = defaultdict(list)
        for child in container.children:
            if isinstance(child, Tag) and child.name in CARD_TAGS and not is_chrome(child):
                card = read_card(child, base)
                if card is not None:
                    groups[child.name].append(card)
        for cards in groups.values():
            if len(cards) < MIN_CARDS or len({c.url for c in cards}) < MIN_CARDS or not _alike(cards):
                continue
            score = sum(_letters(c.body) for c in cards)
            if score > best_score:
                best, best_score = cards, score
    return _with_lookalikes(soup, best, base)


def _alike(cards: list[Card]) -> bool:
    """Whether no card dwarfs the others, as excerpts of one feed never do.

    On article pages the article's own container and a sibling box ("More on
    this story", "Subscribe") both have a heading, a link and text; the
    article then carries many times the text of anything beside it.
    """
    sizes = sorted((_letters(card.body) for card in cards), reverse=True)
    return sizes[0] <= MAX_CARD_RATIO * sizes[1]


def _signature(tag: Tag) -> tuple[str, tuple[str, ...]]:
    classes = tag.get("class")
    return tag.name, tuple(sorted(classes)) if isinstance(classes, list) else ()


def _with_lookalikes(soup: BeautifulSoup, cards: list[Card], base: str | None) -> list[Card]:
    """The group plus same-tag, same-class cards elsewhere on the page, in page order.

    A stray `</div>` in a malformed page closes the list early, and the
    browser (and lxml) puts the remaining cards outside it; some templates also
    split one feed into several containers. Cards that look exactly like the
    group's are the same feed.
    """
    signatures = {_signature(card.element) for card in cards}
    if len(signatures) != 1 or not next(iter(signatures))[1]:
        return cards
    name, classes = next(iter(signatures))
    known = {id(card.element): card for card in cards}
    merged: list[Card] = []
    for element in soup.find_all(name, class_=classes[0]):
        if _signature(element) != (name, classes) or any(is_chrome(parent) for parent in element.parents):
            continue
        card = known.get(id(element)) or read_card(element, base)
        if card is not None:
            merged.append(card)
    return merged

"""A page region as the text blocks a reader sees, in document order.

Listing detection and boilerplate rules reason about blocks (a heading, a
paragraph, a link on its own line), not about tags: sites nest the same
visual block in any markup. The walk is iterative because malformed pages
(unclosed tags) can nest thousands of levels deep.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

# Elements that end the current line of text in a browser.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
# Never text a reader sees as content.
INVISIBLE_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "head",
        "title",
        "meta",
        "link",
        "base",
        "audio",
        "video",
        "source",
        "track",
        "map",
    ]
)
_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w")
# The link stack's entry for a link that leads nowhere ("javascript:void(0)", "#", no href: a
# "Share" control): still link text, so a line of such controls is not taken for excerpt text.
_DEAD_LINK = ""


def parse_soup(text: str) -> BeautifulSoup:
    """lxml's recovering parser: unclosed tags and stray end tags give a usable tree."""
    soup = BeautifulSoup(text, "lxml")
    _unnest_posts(soup)
    return soup


# Unclosed <article>s nest each post in the one before it; a chain this deep is that, not threaded replies.
_MIN_NESTED_CHAIN = 3
_PAGE_END = ["footer", "nav"]


def _unnest_posts(soup: BeautifulSoup) -> None:
    """Put back side by side the `<article>`s a template left unclosed (each then holds the next one).

    A page whose cards never close their `<div>` makes the parser nest every
    later card inside the one before it: a chain A > B > C of one signature,
    each holding exactly the rest of the chain. Each is moved out to follow
    the one that held it, as the page shows them. Sibling `<article>`s inside a
    post (its comments) are no chain and stay.
    """
    for outer in soup.find_all("article"):
        chain = [outer, *(a for a in outer.find_all("article") if _same_kind(a, outer))]
        depths = [sum(1 for inner in a.find_all("article") if _same_kind(inner, outer)) for a in chain]
        if len(chain) < _MIN_NESTED_CHAIN or depths != list(range(len(chain) - 1, -1, -1)):
            continue
        for held, holder in zip(chain[1:], chain, strict=False):
            holder.insert_after(held.extract())
        _page_end_out(chain)
        return


def _page_end_out(chain: list[Tag]) -> None:
    """Move the page's own footer and nav out of the last unclosed post, which swallowed the rest of the page.

    They are the `<footer>`/`<nav>` kinds the last post holds and no other
    post of the chain does (a card's own footer, with its date or tags, is in every card).
    """
    last = chain[-1]
    others = {(tag.name, tuple(tag.get("class") or [])) for post in chain[:-1] for tag in post.find_all(_PAGE_END)}
    anchor = last
    for tag in last.find_all(_PAGE_END):
        if (tag.name, tuple(tag.get("class") or [])) not in others and tag.find_parent(_PAGE_END) is None:
            anchor.insert_after(tag.extract())
            anchor = tag


def _same_kind(a: Tag, b: Tag) -> bool:
    return sorted(a.get("class") or []) == sorted(b.get("class") or [])


@dataclass(frozen=True)
class Block:
    """One visual line of text: `href` is the link it leads to (a heading's link, or the link it consists of)."""

    text: str
    heading: bool = False
    href: str | None = None
    # Every character of the line is link text (a tag list, a category link, a title link).
    linked: bool = False


def _href(tag: Tag) -> str | None:
    href = tag.get("href")
    if not isinstance(href, str):
        return None
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    return href


# The conventional class names (WordPress, Bootstrap, Tailwind) for text only screen readers announce.
_SCREEN_READER_ONLY = frozenset(["screen-reader-text", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader"])
_READER_ONLY_PAIRS = frozenset({("reader", "text"), ("screen", "reader"), ("sr", "only"), ("visually", "hidden")})
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def is_hidden(tag: Tag) -> bool:
    """Not shown to a reader: `hidden`, an inline display:none (a template's placeholder card), or
    the screen-reader-only text of accessible themes ("Post author", "Categories")."""
    style = tag.get("style")
    if tag.has_attr("hidden") or (isinstance(style, str) and _DISPLAY_NONE.search(style) is not None):
        return True
    classes = tag.get("class")
    return isinstance(classes, list) and any(_reader_only(name) for name in classes)


def _reader_only(name: str) -> bool:
    """A class naming screen-reader-only text, in any theme's spelling ("seo-reader-text", "sr_only").

    Themes prefix or reorder the conventional names, so the words decide: a
    reader's text, screen-reader, sr-only or visually-hidden.
    """
    if name.lower() in _SCREEN_READER_ONLY:
        return True
    words = [word for word in re.split(r"[-_\s]+", name.lower()) if word]
    pairs = set(pairwise(words))
    return bool(pairs & _READER_ONLY_PAIRS)


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        # Per part, the link it is text of: a URL, _DEAD_LINK, or None outside any link.
        self.part_links: list[str | None] = []
        self.links: list[str] = []
        self.heading = 0
        self.heading_href: str | None = None

    def text(self, value: str) -> None:
        if value.strip():
            self.parts.append(value)
            self.part_links.append(self.links[-1] if self.links else None)
        elif self.parts:
            self.parts.append(" ")
            self.part_links.append(self.links[-1] if self.links else None)

    def flush(self) -> None:
        text = _WS.sub(" ", "".join(self.parts)).strip()
        if text:
            # Separators ("|", "·") between links do not make a line of links running text.
            linked = {link for link, part in zip(self.part_links, self.parts, strict=True) if _WORD.search(part)}
            only = next(iter(linked)) or None if len(linked) == 1 else None
            # A heading inside the card's link ("<a><h2>Title</h2></a>") leads to that link.
            href = (self.heading_href or only) if self.heading else only
            self.blocks.append(
                Block(text=text, heading=self.heading > 0, href=href, linked=bool(linked) and None not in linked)
            )
        self.parts, self.part_links = [], []

    def at_line_start(self) -> bool:
        return not any(part.strip() for part in self.parts)


def text_blocks(root: Tag, skip: Callable[[Tag], bool] | None = None) -> list[Block]:
    """The blocks under `root`; elements for which `skip` is true are left out with their subtree.

    A link that opens a line is a block of its own (`<li><a>Title</a> excerpt</li>`
    reads as a title line and an excerpt even without a block tag between them).
    """
    walker = _Walker()
    stack: list[tuple[str, object]] = [("enter", root)]
    while stack:
        action, node = stack.pop()
        if action == "split":
            continue
        if action == "exit":
            tag = node
            assert isinstance(tag, Tag)
            if tag.name == "a":
                walker.links.pop()
                if stack and stack[-1][0] == "split":
                    stack.pop()
                    walker.flush()
            if tag.name in HEADING_TAGS:
                walker.flush()
                walker.heading -= 1
                if not walker.heading:
                    walker.heading_href = None
            elif tag.name in BLOCK_TAGS:
                walker.flush()
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):
                walker.text(str(node))
            continue
        if (
            not isinstance(node, Tag)
            or node.name in INVISIBLE_TAGS
            or (node is not root and is_hidden(node))
            or (skip is not None and node is not root and skip(node))
        ):
            continue
        if node.name == "br":
            walker.flush()
            continue
        if node.name in BLOCK_TAGS:
            walker.flush()
        if node.name in HEADING_TAGS:
            walker.heading += 1
        href = _href(node) if node.name == "a" else None
        if href is not None:
            if walker.heading and walker.heading_href is None:
                walker.heading_href = href
            # Not inside a paragraph: there a leading link is running text ("<p><a>BERT</a> is ...").
            starts_line = walker.at_line_start() and not walker.heading and node.parent is not None
            starts_line = starts_line and node.parent.name != "p"
            if starts_line:
                walker.flush()
                stack.append(("split", node))
            walker.links.append(href)
        elif node.name == "a":
            walker.links.append(_DEAD_LINK)
        stack.append(("exit", node))
        stack.extend(("enter", child) for child in reversed(node.contents))
    walker.flush()
    return walker.blocks

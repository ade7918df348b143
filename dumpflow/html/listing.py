"""Listing pages: the repeated article cards, found by structure.

Every site names its cards differently (`<article>`, `li.news-item`,
`div.xw-card`, table rows), but every listing repeats the same shape: sibling
elements that each hold a title leading to a link, then the excerpt text (or,
on an archive, category or tag page, nothing but a date). We look for that
shape among the children of every element and keep the group of siblings
carrying the most excerpt text; title-only groups are kept apart, for pages
that have no excerpts at all. Some themes put no element around a card: the
title heading and its excerpt paragraphs are siblings in one container, so a
run of siblings from one title to the next is read as a card too. Class names
are only used for the conventional words of page chrome (nav, sidebar,
comments...), never to recognise a card.

Inside a card, everything after the title is excerpt except metadata lines,
"read more" links and lines made only of links to elsewhere (tags,
categories): themes print those around the excerpt, and they are furniture.
A heading after the title is excerpt text, unless it shares the title's link
(a subtitle).
"""

from __future__ import annotations

import copy
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from dumpflow.html.blocks import HEADING_TAGS, INVISIBLE_TAGS, Block, is_hidden, text_blocks
from dumpflow.html.card_dates import card_date, day_shown, yearless_date
from dumpflow.html.chrome import inline_chrome, is_chrome, widget_heading
from dumpflow.html.meta import absolute, find_date
from dumpflow.lines import classify, dated_name, leading_date_removed
from dumpflow.normalize import match_key

# Elements that can be one card. A <p> never is: sibling paragraphs with
# inline links are running text.
CARD_TAGS = frozenset(["article", "li", "div", "section", "tr", "dt", "dd", "dl", "a"])
MIN_CARDS = 2
# Class-less dated cards are one feed from this many on (or as <article>s).
MIN_FEED_CARDS = 3
# How far above a feed's container its lookalike containers are looked for (a box per year, a box per month).
LOOKALIKE_LEVELS = 3
# Lists whose items are cards: a feed split into one list per year is several of them.
_LIST_TAGS = frozenset(["ul", "ol"])
# The longest excerpt of a feed is at most this many times the second longest.
MAX_CARD_RATIO = 3
# Lines of a card that are its furniture, never its excerpt.
_CHROME_LINES = frozenset({"blank", "metadata", "read_more", "pagination"})
# A heading that reads like these is no title; one that reads like paging ("First", "Next") may be.
_NOT_TITLES = frozenset({"blank", "metadata", "read_more"})
# Links to a taxonomy, paging or author page: never a post's title.
# An archive by date (/archives/, /archives/2020/09/) is one; /archives/123/ is a post (a numbered post address).
_TAXONOMY = re.compile(
    r"/(?:tags?|categor(?:y|ies)|page|author|authors|search|series|topics?|labels?)(?:/|$|\?|\.html)"
    r"|/archives?(?:/(?:19|20)\d{2}(?:/\d{1,2}){0,2})?(?:/|\.html)?(?:$|[?#]|index\.html|page/)"
    r"|[?&](?:tags?|cat|category|categories|label|author|page|s|q)=",
    re.IGNORECASE,
)
# The site's home page in any spelling: "/", "/.", "./", "/index.html".
_HOME_PATH = re.compile(r"^[/.]*(?:index\.(?:html?|php))?$", re.IGNORECASE)
# A truncation marker on a line of its own ("<p>...</p>" after the excerpt).
_MARKER_ONLY = re.compile(r"^(?:\.{2,}|…+|\[(?:\.{3}|…)\]|。{3,})$")
# A label in its own element before the title ("原 进制转换": original, repost, translation).
_TITLE_LABEL = re.compile(r"^(?:原创|转载|翻译|原|转|译)\s+")
# Separators themes put between a date and a title ("29 Aug 2021 - Title", "06-18 | Title").
_TITLE_SEPARATORS = " -–—|·•:：»›"
# The label some themes put before the excerpt ("摘要: ...").
_SUMMARY_LABEL = re.compile(r"^(?:摘要|概要|summary|excerpt|abstract)\s*[:：]\s*", re.IGNORECASE)
# A class naming one post rather than the card's kind: an id (post-123) or its taxonomy (category-x, tag-y).
_OWN_CLASS = re.compile(r"\d|^(?:category|categories|tag|tags|format|status|author|type)-", re.IGNORECASE)
# A line that is all links elsewhere (a tag list, a category) is furniture up to this many letters.
_MAX_FURNITURE_LINK_LETTERS = 80
# A line of icons and numbers up to this long is a view, like or comment counter.
_MAX_COUNTER_CHARS = 16
# How far above its link a lone card's box may be (`<li><span><a>` is two levels).
LONE_CARD_LEVELS = 3


@dataclass(frozen=True)
class Card:
    """One post on a listing: `body` is "" on a title-only listing; `parts` are the siblings of an unwrapped card."""

    title: str
    url: str | None
    published: str | None
    body: str
    element: Tag
    parts: tuple[Tag, ...] = ()
    # The title itself leads to the post (a linked heading or title link), as on listings;
    # an article's own unlinked <h1> does not.
    linked_title: bool = False

    @property
    def elements(self) -> tuple[Tag, ...]:
        return self.parts or (self.element,)


def _letters(text: str) -> int:
    return len(match_key(text))


def is_post_link(href: str | None, base: str | None = None) -> bool:
    """Not a taxonomy or paging link, and not the site's or this page's own address (a "pinned" label)."""
    if href is None or _TAXONOMY.search(href):
        return False
    target = absolute(base, href) or href
    parts = urlsplit(target)
    home = _HOME_PATH.match(parts.path) is not None and not parts.query
    return not home and (base is None or target.rstrip("/") != base.rstrip("/"))


def _title_index(blocks: list[Block], base: str | None, links: dict[str, int]) -> int | None:
    """The title line: a heading leading to a link, else the first heading or title link.

    Among title links, one the card links to again (its "read more", its cover
    image) wins over one it links to once (a "pinned" label, a day's link).
    """
    for i, block in enumerate(blocks):
        if block.heading and is_post_link(block.href, base) and classify(block.text) not in _NOT_TITLES:
            return i
    for i, block in enumerate(blocks):
        if block.heading and is_post_link(block.href, base) and _dated_title(block.text):
            return i
    candidates: list[int] = []
    for i, block in enumerate(blocks):
        reason = classify(block.text)
        if block.heading and block.href is None and reason not in _NOT_TITLES:
            return candidates[0] if candidates else i
        if block.linked and is_post_link(block.href, base) and reason not in _CHROME_LINES:
            candidates.append(i)
    repeated = [i for i in candidates if links.get(blocks[i].href or "", 0) > 1]
    return (repeated or candidates or [None])[0]


def _dated_title(text: str) -> bool:
    """A title named after its day ("2022-09-24周赛", "2021-01-01 Review"): a date, then words that are no metadata.

    Such a line reads as a date line, but a heading that links to a post and
    goes on past its date with a name is that post's title (weekly reports,
    diaries, contest write-ups); a date line's remainder is a count or a label.
    """
    rest = leading_date_removed(text).strip(_TITLE_SEPARATORS)
    return bool(rest) and rest != text.strip() and classify(rest) not in _NOT_TITLES


def _counter(text: str) -> bool:
    """A short line with no letter in any script, only numbers and icons ("👁 103", "💬 3", "♥ 12"): a counter."""
    return len(text) <= _MAX_COUNTER_CHARS and any(ch.isdigit() for ch in text) and not any(ch.isalpha() for ch in text)


def _post_link_lines(blocks: list[Block], base: str | None) -> int:
    """How many different posts the box's link-only lines lead to."""
    return len({block.href for block in blocks if block.linked and is_post_link(block.href, base)})


def _link_counts(element: Tag) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for link in element.find_all("a", href=True):
        href = link["href"]
        if isinstance(href, str):
            counts[href.strip()] += 1
    return counts


def _link_title(element: Tag, base: str | None) -> tuple[str, str] | None:
    """The first link to a post with text, for cards whose title shares a line with its date."""
    for link in element.find_all("a", href=True):
        href = link["href"]
        text = link.get_text(" ", strip=True)
        usable = isinstance(href, str) and href.strip() and not href.strip().startswith(("#", "javascript:"))
        if not (usable and text and is_post_link(href, base)):
            continue
        # A title named after its day ("2023-05-07 Weekly notes") when the row shows its date elsewhere.
        named_by_day = _dated_title(text) and _date_outside(element, link)
        if classify(text) == "metadata" and not named_by_day:
            text = _undated_label(link)  # "<a><time>06-18</time><span>Title</span></a>"
        if text and (named_by_day or classify(text) not in _CHROME_LINES):
            return " ".join(text.split()), href.strip()
    return None


def _date_outside(element: Tag, link: Tag) -> bool:
    """Whether the card shows a date of its own outside the link: the link's leading date is then its title's."""
    if link.find(_date_element) is not None:
        return False
    inside = {id(node) for node in link.descendants}
    return any(
        id(node) not in inside and not leading_date_removed(node.strip())
        for node in element.find_all(string=True)
        if node.strip() and node.parent is not None and node.parent.name not in INVISIBLE_TAGS
    )


def _dated_title_date(element: Tag, title: Block, url: str | None, anchor: Tag | None) -> str | None:
    """A dated title's card date, read without the title link: the date the title is named after is not it."""
    bare = copy.copy(element)
    for link in bare.find_all("a", href=True):
        href = link["href"]
        if isinstance(href, str) and href.strip() == title.href:
            link.decompose()
    return card_date(bare, url, anchor or element)


def _link_beside_meta(element: Tag, title: Block) -> str:
    """A title heading's link label, when all else the heading shows is metadata (`<h2><span>date</span> <a>T</a>`).

    Some themes put the date inside the title heading, beside its link; the
    heading's line is then date and title, but the title is the link's. A
    heading whose other words are no metadata ("Part 2: <a>...</a>") keeps them.
    """
    for link in element.find_all("a", href=True):
        href = link["href"]
        if not isinstance(href, str) or href.strip() != title.href:
            continue
        label = " ".join(link.get_text(" ", strip=True).split())
        beside = title.text.replace(label, " ", 1).strip() if label and label in title.text else ""
        if beside and (classify(beside) == "metadata" or not leading_date_removed(beside)):
            return label
        return title.text
    return title.text


def _dated_link_label(element: Tag, href: str) -> str | None:
    """The title link's text without the date element it holds (`<a><time>06-18</time> Title</a>`), if it holds one."""
    for link in element.find_all("a", href=True):
        target = link["href"]
        if isinstance(target, str) and target.strip() == href and link.find(_date_element) is not None:
            return _undated_label(link) or None
    return None


def _date_element(tag: Tag) -> bool:
    """A `<time>`, or an element showing nothing but a date or a metadata line ("06-18", "2021-06-18 · 3 min")."""
    if tag.name == "time":
        return True
    shown = tag.get_text(" ", strip=True)
    if tag.name == "a" or not shown:
        return False
    return classify(shown) == "metadata" or not leading_date_removed(shown) or day_shown(shown) is not None


def _undated_label(link: Tag) -> str:
    """A title link's text without the date it holds (a `<time>` or a date-only element, or a leading date).

    Archives often make the whole row one link, date and title together; the
    row then reads as a metadata line, but what is left beside the date is the title.
    """

    text = " ".join(block.text for block in text_blocks(link, skip=_date_element))
    return _title_text(leading_date_removed(text))


def _own_link_labels(element: Tag, title: Block, base: str | None) -> tuple[str, ...]:
    """Labels of the card's short links back to its own post other than the title: its read-more links.

    Every theme spells "read more" its own way ("Readmore", "Read More »",
    "继续阅读 →", "➦", an icon and "阅读全文"), but every one is a short
    link to the post the title already leads to. A label long enough to be a
    sentence (an excerpt wrapped in the post's link) is not one.
    """
    if title.href is None:
        return ()
    target = absolute(base, title.href)
    labels: set[str] = set()
    for link in element.find_all("a", href=True):
        href = link["href"]
        # Its shown label: a "Continue" link may carry the post's title in screen-reader-only text.
        label = " ".join(" ".join(block.text for block in text_blocks(link)).split())
        if not isinstance(href, str) or not label or label == title.text or absolute(base, href.strip()) != target:
            continue
        if classify(label) is not None:
            labels.add(label)
    return tuple(sorted(labels, key=len, reverse=True))


def _without_read_more(text: str, labels: tuple[str, ...]) -> str:
    """The line without a read-more label ending it ("... 这次用React来实现。 阅读全文")."""
    for label in labels:
        if text.endswith(label):
            return text[: -len(label)].rstrip()
    return text


def _body(rest: list[Block], title: Block, read_more: tuple[str, ...] = ()) -> list[str]:
    """The excerpt lines after the title: no subtitle, metadata, read-more or link-only furniture."""
    lines: list[str] = []
    for block in rest:
        if block.heading and block.href is not None and block.href == title.href and not lines:
            continue  # a subtitle inside the title's link
        if read_more and (stripped := _without_read_more(block.text, read_more)) != block.text:
            if not stripped:
                continue
            block = Block(text=stripped, heading=block.heading, href=None, linked=False)
        if _MARKER_ONLY.match(block.text):
            if lines:
                lines[-1] = f"{lines[-1]}{block.text}"
            continue
        if classify(block.text) in _CHROME_LINES or (block.text == title.text and block.linked):
            continue
        if yearless_date(block.text) or _counter(block.text):
            continue  # "01 Mar": the row's date, shown without its year; "👁 103": a counter
        if (shown := dated_name(block.text)) is not None and find_date(shown):
            continue  # the card's byline: its author and date
        furniture = block.linked and (block.href is None or block.href != title.href)
        if furniture and _letters(block.text) <= _MAX_FURNITURE_LINK_LETTERS:
            continue
        lines.append(block.text if lines else _SUMMARY_LABEL.sub("", block.text))
    return [line for line in lines if line]


def read_card(element: Tag, base: str | None, parts: tuple[Tag, ...] = ()) -> Card | None:
    """The card this element is, or None when it has no title leading to a link or holds several."""
    if element.name in HEADING_TAGS:
        return _heading_card(element, base)
    if element.name not in CARD_TAGS or (element.find("a", href=True) is None and element.name != "a"):
        return None
    if is_hidden(element):
        return None
    blocks = text_blocks(element, skip=inline_chrome)
    if len({b.href for b in blocks if b.heading and is_post_link(b.href, base)}) > 1:
        return None  # several cards (a row of them) or an article's linked sections
    index = _title_index(blocks, base, _link_counts(element))
    if index is not None and blocks[index].href is None and _post_link_lines(blocks, base) >= MIN_CARDS:
        return None  # a section's heading ("2021") over its list of posts: a box of cards, not one card
    if index is None:
        found = _link_title(element, base)
        if found is None:
            return None
        text, href = found
        title = Block(text=text, heading=False, href=href, linked=True)
        at = next((i for i, b in enumerate(blocks) if text in b.text), len(blocks))
        rest = blocks[at + 1 :]
        # A link inside a line of running text is no title: only a title-only card
        # ("11-10 <a>Title</a>" on an archive) is read this way.
        beside = blocks[at].text.replace(text, " ").strip() if at < len(blocks) else ""
        if _body(rest, title) or (beside and classify(beside) is None):
            return None
    else:
        title = blocks[index]
        rest = blocks[index + 1 :]
        if (marked := _marked_body(element)) is not None and title.text not in marked.get_text(" "):
            rest = text_blocks(marked, skip=inline_chrome)
        own = element.get("href") if element.name == "a" else None
        href = title.href or (own if isinstance(own, str) else None) or _first_href(element, base)
        if not isinstance(href, str):
            return None
    dated = title.linked and any(ch.isdigit() or ch == "月" for ch in title.text)  # a date shows a digit or 月
    if dated and (label := _dated_link_label(element, href)) and label in title.text:
        title = replace(title, text=label)  # the title line held the date too
    elif title.heading and title.href is not None and not title.linked:
        title = replace(title, text=_link_beside_meta(element, title))
    url = absolute(base, href)
    published = card_date(element, url, parts[0] if parts else None)
    if title.href is not None and _dated_title(title.text):
        published = _dated_title_date(element, title, url, parts[0] if parts else None) or published
    return Card(
        title=_title_text(title.text),
        url=url,
        published=published,
        body="\n\n".join(_body(rest, title, _own_link_labels(element, title, base))),
        element=element,
        parts=parts,
        linked_title=title.href is not None,
    )


def _title_text(line: str) -> str:
    """The title without a label before it ("原 ...") or the separator left by a date set aside ("- Title")."""
    text = _TITLE_LABEL.sub("", line) or line
    return text.strip(_TITLE_SEPARATORS) or text


def _heading_card(heading: Tag, base: str | None) -> Card | None:
    """A heading that is one link to a post: a title-only card (a list of bare `<h2><a>` titles)."""
    if is_hidden(heading):
        return None
    blocks = text_blocks(heading, skip=inline_chrome)
    if len(blocks) != 1 or not is_post_link(blocks[0].href, base):
        return None
    if classify(blocks[0].text) in _NOT_TITLES and not _dated_title(blocks[0].text):
        return None
    return Card(
        title=blocks[0].text,
        url=absolute(base, blocks[0].href),
        published=None,
        body="",
        element=heading,
        linked_title=True,
    )


def _marked_body(element: Tag) -> Tag | None:
    """The one element the card marks as the post's body: schema.org `itemprop=articleBody`, microformats `e-content`.

    Themes that print notes around the body ("Update 1: ...", a signature)
    keep them outside this element; its markup says where the post ends.
    """
    found = element.find_all(_is_marked_body, limit=2)
    return found[0] if len(found) == 1 else None


def _is_marked_body(tag: Tag) -> bool:
    prop = tag.get("itemprop")
    classes = tag.get("class")
    props = prop.split() if isinstance(prop, str) else []
    return "articleBody" in props or (isinstance(classes, list) and "e-content" in classes)


def _first_href(element: Tag, base: str | None) -> str | None:
    for link in element.find_all("a", href=True):
        href = link["href"]
        usable = isinstance(href, str) and href.strip() and not href.startswith(("#", "javascript:"))
        if usable and is_post_link(href.strip(), base):
            return href.strip()
    return None


def _containers(soup: BeautifulSoup) -> Iterator[tuple[Tag, list[Tag]]]:
    """Elements outside page chrome with at least MIN_CARDS children of one tag, with those children."""
    stack = [soup.body or soup]
    while stack:
        tag = stack.pop()
        children = [c for c in tag.children if isinstance(c, Tag) and not is_chrome(c)]
        counts: dict[str, int] = defaultdict(int)
        for child in children:
            counts[child.name] += 1
        if any(count >= MIN_CARDS for count in counts.values()):
            yield tag, children
        stack.extend(reversed(children))


def _signature(tag: Tag) -> tuple[str, tuple[str, ...]]:
    """Tag and classes, without the classes that name one post (`post-123`, `category-news`, `tag-nlp`)."""
    return tag.name, tuple(sorted(name for name in _classes(tag) if not _OWN_CLASS.search(name)))


def _classes(tag: Tag) -> list[str]:
    classes = tag.get("class")
    return classes if isinstance(classes, list) else []


def _shared_signature(cards: list[Card]) -> tuple[str, tuple[str, ...]] | None:
    """The tag and the classes every card element carries (None: different tags).

    Cards often carry per-post classes (one for the post's category, one per
    tag: `category-news`, `tag-getting-started`), so one feed's cards rarely
    have equal class lists; the classes they share are the feed's.
    """
    names = {card.element.name for card in cards}
    if len(names) != 1:
        return None
    shared = set.intersection(*(set(_signature(card.element)[1]) for card in cards))
    return next(iter(names)), tuple(sorted(shared))


def one_feed(cards: list[Card]) -> bool:
    """Cards of one element kind (tag and shared classes), every one titled by a link to its post.

    An article page's own box sits beside boxes of other kinds (related
    posts, a subscribe form); a listing of two or three posts repeats one
    card, whatever lengths its excerpts happen to have. Class-less cards
    (a plain `<article>` per post) count when each is dated too.
    """
    shared = _shared_signature(cards)
    if shared is None or cards[0].parts or not all(card.linked_title for card in cards):
        return False
    # Without shared classes, other signs of a feed must agree: every card dated, and either
    # the element that means "a post" (<article>) or three cards or more.
    dated = all(card.published for card in cards)
    return bool(shared[1]) or (dated and (shared[0] == "article" or len(cards) >= MIN_FEED_CARDS))


def _starts_card(tag: Tag, base: str | None) -> bool:
    """A sibling that opens an unwrapped card: a heading with a post link, or a block that is only a title line.

    Its other lines may only be metadata (a date above the title). A paragraph
    that is one link is not a title line: articles put "Read also: <a>...</a>"
    lines between their paragraphs.
    """
    if tag.name not in HEADING_TAGS and tag.name not in CARD_TAGS:
        return False
    lines = [b for b in text_blocks(tag) if classify(b.text) != "metadata"]
    if len(lines) != 1 or not is_post_link(lines[0].href, base) or classify(lines[0].text) in _CHROME_LINES:
        return False
    return tag.name in HEADING_TAGS or lines[0].linked or lines[0].heading


def _boxed_heading(tag: Tag) -> bool:
    """A box around a linked heading (`<div><h2><a>Title</a></h2></div>`), not a bare heading or title link."""
    return tag.name not in HEADING_TAGS and any(block.heading for block in text_blocks(tag))


def _loose_paragraphs(run: tuple[Tag, ...]) -> bool:
    """Paragraphs with text directly in the run: running text, as between an article's embedded story boxes.

    A card that wraps its title in a box wraps the excerpt too (a header box
    and a body box); a news article drops "related story" boxes,
    each a linked heading in a div, between its own loose paragraphs.
    """
    return any(part.name == "p" and part.get_text(strip=True) for part in run[1:])


def _runs(children: list[Tag], base: str | None) -> list[Card]:
    """Cards made of sibling runs, each from a title sibling to the next (themes with no card element)."""
    starts = [i for i, child in enumerate(children) if _starts_card(child, base)]
    by_signature: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
    for i in starts:
        by_signature[_signature(children[i])].append(i)
    best: list[Card] = []
    for indexes in by_signature.values():
        if len(indexes) < MIN_CARDS or all(b == a + 1 for a, b in itertools.pairwise(indexes)):
            continue  # adjacent title siblings are a title list, read as ordinary cards
        boxed = _boxed_heading(children[indexes[0]])
        indexes = _with_dates_above(children, indexes)
        cards: list[Card] = []
        for start, end in itertools.pairwise([*indexes, len(children)]):
            run = tuple(children[start:end])
            if boxed and _loose_paragraphs(run):
                continue
            wrapper = Tag(name="div")
            for part in run:
                wrapper.append(copy.copy(part))
            card = read_card(wrapper, base, parts=run)
            if card is not None:
                cards.append(card)
        if len(cards) > len(best):
            best = cards
    return best


def _with_dates_above(children: list[Tag], starts: list[int]) -> list[int]:
    """The run starts moved back to the date box just above each title, when every title has one.

    A theme that shows the date above the title (`<div>3 March 2020</div><div><a>Title</a></div>`)
    would otherwise end each run with the next post's date.
    """
    above = [i - 1 for i in starts]
    if all(i >= 0 and i not in starts and _date_element(children[i]) for i in above):
        return above
    return starts


def _groups(soup: BeautifulSoup, base: str | None) -> Iterator[list[Card]]:
    """Every group of alike sibling cards on the page, wrapped or not."""
    for _container, children in _containers(soup):
        groups: dict[str, list[Card]] = defaultdict(list)
        for child in children:
            if child.name in CARD_TAGS or child.name in HEADING_TAGS:
                card = read_card(child, base)
                if card is not None:
                    groups[child.name].append(card)
        yield from map(_dated_by_siblings, groups.values())
        yield _runs(children, base)
        yield from _split_lists(children, base)


def _dated_by_siblings(cards: list[Card]) -> list[Card]:
    """The group with each undated card given the date shown in the sibling beside it.

    A definition list (`<dt>2014-03-02</dt><dd><a>Title</a></dd>`) or a row of
    alternating date and title boxes puts no element around a card: its date
    is the element just before it, holding nothing but a date, or above the
    rows before it when one date heads several posts of a day. The side is the
    one every undated card has a date on (before, else after), so a list of
    title-then-date pairs does not give each card its predecessor's date.
    """
    undated = [card for card in cards if card.published is None and not card.parts]
    if not undated:
        return cards
    rows = {id(card.element) for card in cards}
    for side in ("find_previous_sibling", "find_next_sibling"):
        dates: dict[int, str] = {}
        for card in undated:
            tag = getattr(card.element, side)()
            while side == "find_previous_sibling" and tag is not None and id(tag) in rows:
                tag = tag.find_previous_sibling()  # a date box heading several rows (`<dt>date</dt><dd>..<dd>..`)
            if tag is None or tag.name == card.element.name or not _date_element(tag):
                break
            if (date := card_date(tag, card.url)) is None:
                break
            dates[id(card)] = date
        else:
            return [replace(card, published=dates.get(id(card), card.published)) for card in cards]
    return cards


def _split_lists(children: list[Tag], base: str | None) -> Iterator[list[Card]]:
    """The items of sibling lists that split one feed, each list under its own heading ("2021", "2020").

    An archive by year may put each year's posts in a class-less list of their
    own, and a year with one post gives a list of one item: such a list
    repeats no card, but the lists repeat. Their items, all of one tag, read
    together as one group.
    """
    lists: dict[tuple[tuple[str, tuple[str, ...]], ...], list[Tag]] = defaultdict(list)
    for child in children:
        if child.name in _LIST_TAGS:
            lists[(_signature(child),)].append(child)
        elif child.name in CARD_TAGS and len(inner := child.find_all(_LIST_TAGS, recursive=False)) == 1:
            # A box per year, each holding its heading and its list (`<section><h2>2021</h2><ul>...`).
            lists[(_signature(child), _signature(inner[0]))].append(inner[0])
    for boxes in lists.values():
        if len(boxes) < MIN_CARDS:
            continue
        items = [item for box in boxes for item in box.children if isinstance(item, Tag) and item.name in CARD_TAGS]
        if len({item.name for item in items}) == 1:
            cards = [read_card(item, base) for item in items]
            yield [card for card in cards if card is not None]


def _distinct(cards: list[Card], base: str | None) -> bool:
    """At least two cards leading to different posts, most of them on the page's own site (when it says which).

    A blog lists its own posts; sections of an article that each open with a
    link to elsewhere (an Instagram account, a product) are not a listing.
    """
    if len(cards) < MIN_CARDS or len({c.url for c in cards}) < MIN_CARDS:
        return False
    if not base:
        return True
    site = host(base)
    local = sum(1 for card in cards if card.url and host(absolute(base, card.url) or "") == site)
    return 2 * local >= len(cards)


def _repeats_a_post(cards: list[Card]) -> bool:
    """Cards leading to one address and hardly any other: page regions (a drawer and a sidebar both
    opening with the same menu link, beside the content column), not a feed. A feed may show a pinned
    post twice, but it lists several others beside it."""
    urls = [card.url for card in cards if card.url]
    return len(set(urls)) < len(urls) and len(set(urls)) <= MIN_CARDS


def host(url: str) -> str:
    try:
        return urlsplit(url).netloc.lower().removeprefix("www.")
    except ValueError:
        return ""


def find_cards(soup: BeautifulSoup, base: str | None) -> list[Card]:
    """The sibling group carrying the most excerpt text, in page order ([] when none repeats)."""
    best: list[Card] = []
    best_key = (0, 0)
    for cards in _groups(soup, base):
        if not _distinct(cards, base) or not _alike(cards) or _repeats_a_post(cards):
            continue
        key = (sum(_letters(c.body) for c in cards), len(cards))
        if key[0] > 0 and key > best_key:
            best, best_key = cards, key
    return _with_lead_card(_with_lookalikes(soup, best, base), base)


def _with_lead_card(cards: list[Card], base: str | None) -> list[Card]:
    """The feed with the featured card shown just before it, in a box of its own, first.

    Many themes show the newest or pinned post bigger, in an element of
    another kind (a "hero" box) right before the feed's list or its first
    card, so it repeats nothing and no group holds it. It is still a card: a
    box opening with a title link to a post that the feed does not list, then
    an excerpt. Only the one box right before the feed is read.
    """
    if not cards or cards[0].parts:
        return cards
    first = cards[0].element
    listed = {card.url for card in cards}
    for anchor in (first, first.parent):
        box = anchor.find_previous_sibling() if isinstance(anchor, Tag) else None
        while box is not None and not _shows_text(box):
            box = box.find_previous_sibling()  # a cover image or an empty decorative box between them
        if box is None or box.name not in CARD_TAGS or is_chrome(box):
            continue
        lead = read_card(box, base)
        if lead is None or not lead.body or not lead.linked_title or lead.url in listed:
            continue
        if all(card.published for card in cards) and not lead.published:
            continue  # a feed that dates every post dates its featured one too
        shapes = {_url_shape(card.url) for card in cards}
        if len(shapes) == 1 and _url_shape(lead.url) in shapes and _opens_with_title(lead):
            return [lead, *cards] if _distinct([lead, *cards], base) else cards
    return cards


def _shows_text(tag: Tag) -> bool:
    return any(block.text for block in text_blocks(tag))


def one_folder(cards: list[Card]) -> bool:
    """Every card leads to a different address in one post folder ("/posts/<id>", "/2024/03/<slug>/").

    A blog files its posts in one place; a menu or a list of friends' sites links to many.
    """
    shapes = {_url_shape(card.url) for card in cards}
    return len(shapes) == 1 and () not in shapes and len({card.url for card in cards}) == len(cards)


def _url_shape(url: str | None) -> tuple[str, ...]:
    """A post address's folders, numbers as "#" ("/2024/03/slug/" -> ("#", "#")): one feed's posts share it.

    An "about this blog" box links to /about/, not to a post of the feed's /posts/ or dated folders.
    """
    try:
        path = urlsplit(url or "").path
    except ValueError:
        return ()
    folders = [part for part in path.split("/") if part][:-1]
    return tuple("#" if part.isdigit() else part.lower() for part in folders)


def find_title_cards(soup: BeautifulSoup, base: str | None) -> list[Card]:
    """The largest group of title-only cards leading to posts (an archive, category or tag page)."""
    best: list[Card] = []
    best_key = (0, 0)
    for group in _groups(soup, base):
        if not _distinct(group, base) or any(c.body for c in group):
            continue
        # Archives split by year put each year's entries in a box of their own: the feed is all of them.
        cards = _with_lookalikes(soup, group, base)
        key = (sum(1 for c in cards if c.published), len(cards))
        if key > best_key:
            best, best_key = cards, key
    return best


def find_lone_title_card(soup: BeautifulSoup, base: str | None) -> Card | None:
    """The one dated title-only card on the page: a category or tag page that lists a single post.

    A list of one repeats nothing, so the sibling search cannot see it. The
    card is found from its link: the nearest box around a post link (within
    LONE_CARD_LEVELS) that reads as a dated title link with no excerpt, outside
    chrome. Starting from links keeps the search linear on deeply nested
    pages. None when there is no such card, or several (those are a title
    listing's business).
    """
    return _lone_card(soup, base, lambda card: bool(card.linked_title and card.published and not card.body))


def find_lone_card(soup: BeautifulSoup, base: str | None) -> Card | None:
    """The one dated excerpt card on the page: a listing (index, tag page) that holds a single post.

    A card is known by its structure, not by repetition: a title that is a
    link to a post and opens the card, a date, and excerpt text. It is found
    from its link, as a lone title card is: the nearest box around a post link
    (within LONE_CARD_LEVELS) that reads so, outside chrome. None when there
    is none, or cards of several posts.
    """
    return _lone_card(
        soup, base, lambda card: bool(card.linked_title and card.published and card.body and _opens_with_title(card))
    )


def _lone_card(soup: BeautifulSoup, base: str | None, reads_as: Callable[[Card], bool]) -> Card | None:
    """The one shown card of a post that `reads_as` accepts, found from the post links; None if none or several."""
    found: Card | None = None
    for link in soup.find_all("a", href=True):
        href = link["href"]
        if not isinstance(href, str) or not is_post_link(href.strip(), base):
            continue
        card = _nearest_card(link, base, reads_as)
        if card is None or (found is not None and card.url == found.url):
            continue
        if not _shown_content(card.element):
            continue
        if found is not None:
            return None
        found = card
    return found


def _shown_content(element: Tag) -> bool:
    """Outside chrome and not hidden; a page hidden whole until its CSS loads (`<html style="display:none">`) shows."""
    boxes = (element, *(parent for parent in element.parents if parent.name not in ("html", "[document]")))
    return not any(is_chrome(box) or is_hidden(box) for box in boxes)


def _nearest_card(link: Tag, base: str | None, reads_as: Callable[[Card], bool]) -> Card | None:
    """The closest box around the link (the link itself included) whose card `reads_as` accepts."""
    for level, box in enumerate((link, *link.parents)):
        if level > LONE_CARD_LEVELS:
            return None
        if box.name not in CARD_TAGS:
            continue
        card = read_card(box, base)
        if card is not None and reads_as(card):
            return card
    return None


def _opens_with_title(card: Card) -> bool:
    """Whether the card's first line, past its date line, is its title, as on every card.

    A box around a whole post page (menu, share bar, then the post) also
    holds a dated link with text after it, but the link is a menu item or a
    share button somewhere inside, not the line the box opens with.
    """
    for block in text_blocks(card.element, skip=inline_chrome):
        if classify(block.text) == "metadata" or dated_name(block.text) is not None:
            continue
        return block.linked and _title_text(block.text) == card.title
    return False


def _in_lookalike_containers(cards: list[Card], base: str | None) -> list[Card]:
    """Class-less cards (`<li>`, `<article>`) of a feed split into one container per year, all of them.

    The containers then carry the feed's name (`ul.list-unstyled`, `div.article-list`), and they sit
    side by side in one region (the container's parent, or its grandparent when each year has a box).
    """
    container = cards[0].element.parent
    if container is None or any(card.element.parent is not container for card in cards):
        return cards
    name, classes = _signature(container)
    region = _lookalike_region(container)
    if not classes or region is None:
        return cards
    known = {id(card.element): card for card in cards}
    title_only = not any(card.body for card in cards)
    tag = cards[0].element.name
    merged: list[Card] = []
    for box in region.find_all(name, class_=classes[0]):
        if _signature(box) != (name, classes) or any(map(is_chrome, (box, *box.parents))):
            continue
        for element in box.find_all(tag, recursive=False):
            card = known.get(id(element)) or read_card(element, base)
            if card is not None and (not title_only or not card.body):
                merged.append(card)
    return merged if all(id(card.element) in {id(m.element) for m in merged} for card in cards) else cards


def _lookalike_region(container: Tag) -> Tag | None:
    """Where the feed's other containers sit: the container's grandparent, or the ancestor above it (up to
    LOOKALIKE_LEVELS) holding the most containers like it, as in an archive with a box per year and, in it,
    a box per month around each month's list."""
    region = container.parent.parent if container.parent is not None else None
    signature = _signature(container)

    def lookalikes(node: Tag) -> int:
        return sum(1 for box in node.find_all(signature[0]) if _signature(box) == signature)

    best, most = region, lookalikes(region) if region is not None else 0
    node = region
    for _ in range(LOOKALIKE_LEVELS):
        node = node.parent if node is not None else None
        if node is None or node.name in ("body", "html"):
            break
        if (count := lookalikes(node)) > most:
            best, most = node, count
    return best


def find_more_titles(soup: BeautifulSoup, base: str | None, cards: list[Card]) -> list[Card]:
    """Title-only cards that continue an excerpt listing: a "More" list of older posts just below it.

    Some pages show the newest posts with excerpts and the next few as bare
    title links, in a box beside the listing's own (a "More" list below it).
    Such a list is in the listing's region (under the parent of the listing's
    container), comes after it and names other posts; a list elsewhere (a
    widget, a footer) or repeating the listing's posts is not a continuation.
    """
    if not cards:
        return []
    first = cards[0].elements[0]
    region = first.parent.parent if first.parent is not None else None
    if region is None:
        return []
    listed = {card.url for card in cards}
    hosts = {host(absolute(base, card.url) or "") for card in cards}
    last = cards[-1].elements[-1]
    after = {id(element) for element in last.find_all_next()}
    best: list[Card] = []
    for group in _groups(soup, base):
        if not _distinct(group, base) or any(card.body or card.url in listed or card.parts for card in group):
            continue
        if len({_signature(card.element) for card in group}) > 1:
            continue  # one list repeats one element; a profile box's "friends" and "about me" links do not
        if any(host(absolute(base, card.url) or "") not in hosts for card in group):
            continue
        if widget_heading(group[0].elements[0]) is not None:
            continue  # "Popular", "Recent", "热门文章": a widget beside the feed, not more of it
        elements = [element for card in group for element in card.elements]
        if all(id(element) in after and region in element.parents for element in elements) and len(group) > len(best):
            best = group
    return best


def _alike(cards: list[Card]) -> bool:
    """Whether no card dwarfs the others, as excerpts of one feed rarely do.

    On article pages the article's own container and a sibling box ("More on
    this story", "Subscribe") both have a heading, a link and text; the
    article then carries many times the text of anything beside it. Themes
    that show whole posts on their index vary as much, but repeat one card
    element (same tag and classes) three times or more.
    """
    sizes = sorted((_letters(card.body) for card in cards), reverse=True)
    if sizes[0] <= MAX_CARD_RATIO * sizes[1]:
        return True
    shared = _shared_signature(cards)
    return len(cards) >= 3 and shared is not None and bool(shared[1]) and not cards[0].parts


def _with_lookalikes(soup: BeautifulSoup, cards: list[Card], base: str | None) -> list[Card]:
    """The group plus same-tag, same-class cards elsewhere on the page, in page order.

    A stray `</div>` in a malformed page closes the list early, and the
    browser (and lxml) puts the remaining cards outside it; some templates also
    split one feed into several containers. Cards that look exactly like the
    group's are the same feed.
    """
    if not cards or cards[0].parts:
        return cards
    shared = _shared_signature(cards)
    if shared is None:
        return cards
    if not shared[1]:
        return _in_lookalike_containers(cards, base)
    name, classes = shared
    known = {id(card.element): card for card in cards}
    title_only = not any(card.body for card in cards)
    merged: list[Card] = []
    for element in soup.find_all(name, class_=classes[0]):
        if not set(classes) <= set(_classes(element)) or any(map(is_chrome, (element, *element.parents))):
            continue
        card = known.get(id(element)) or read_card(element, base)
        if card is not None and (not title_only or not card.body):
            merged.append(card)
    return merged

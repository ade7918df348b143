"""Page chrome: navigation, sidebars, comments, share bars, and chrome inside a line of text.

Class names are used only for the conventional words of page chrome (nav,
sidebar, comments...) that nearly every site and CMS theme shares, never to
recognise a card or an article.
"""

from __future__ import annotations

import re

from bs4 import Tag

from dumpflow.html.blocks import BLOCK_TAGS, INVISIBLE_TAGS, text_blocks
from dumpflow.lines import classify, dated_name

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
# Words naming the notice box under a post (copyright, licence): boilerplate, though inside the post.
NOTICE_WORDS = frozenset(["copyright", "license", "licence"])
# A notice line opens with one of these labels and a colon ("Post link:", "本文作者：").
_NOTICE_LABEL = re.compile(
    r"^(?:post|article|original|permanent|this\s+post'?s?|perma)?\s*(?:link|url|permalink|address)\s*[:：]"
    r"|^(?:post\s+|article\s+)?(?:author|license|licence|licensed\s+under|copyright(?:\s+notice)?)\s*[:：]"
    r"|^(?:本文|文章|原文|永久|本文章)?(?:链接|地址|作者|出处)\s*[:：]|^(?:版权声明|许可协议|版权所有|著作权归|转载声明)",
    re.IGNORECASE,
)
_NOTICE_SENTENCE = re.compile(r"转载请注明|请注明出处|please\s+(?:credit|cite)\s+the\s+source", re.IGNORECASE)
_LICENCE = re.compile(r"\bCC\s*[- ]?(?:BY|0)\b|creative\s+commons|知识共享|署名-|许可协议|版权声明", re.IGNORECASE)
# Copyright lines: part of a notice box beside licence lines, but alone a credit ("© Reuters") a story may keep.
_COPYRIGHT = re.compile(r"©|\bcopyright\b|all\s+rights\s+reserved|版权所有", re.IGNORECASE)
_LABELLED_LINE = re.compile(r"^[^\s:：]{1,20}(?:\s[^\s:：]{1,20}){0,2}\s*[:：]\s*\S")
_MAX_NOTICE_LINE_CHARS = 200
# A notice or meta box is a few lines: more nodes than this and it is something else.
SMALL_BOX_NODES = 80
# Words that name a list of posts as a widget rather than the page's feed.
_WIDGET = re.compile(
    r"\b(?:popular|trending|hot|recent|latest|newest|related|random|top|most\s+(?:read|viewed|commented)|featured"
    r"|you\s+may\s+(?:also\s+)?like|see\s+also)\b|热门|最新|最近|推荐|相关|随机|排行|猜你喜欢|精选|热文|最热",
    re.IGNORECASE,
)
_MAX_WIDGET_HEADING_CHARS = 40
# How far above a list its heading may sit (`<h3>` beside the `<ul>`, or beside the box around it).
_WIDGET_HEADING_LEVELS = 3
_MAX_NOTICE_BOX_CHARS = 600
_NOTICE_BOX_TAGS = frozenset(["div", "section", "ul", "ol", "p", "blockquote", "footer", "dl", "table"])
_PAGE_HEADER_NAMES = frozenset(["header", "site-header", "masthead", "page-top"])
_NEVER_CHROME = frozenset(["html", "body", "main"])
CHROME_ROLES = frozenset(["navigation", "banner", "contentinfo", "complementary", "search"])
# Inline elements that hold a card's chrome inside its text ("阅读全文", "阅读 123").
INLINE = frozenset(
    ["a", "span", "small", "em", "i", "b", "strong", "time", "font", "label", "sup", "sub", "cite", "abbr"]
)
_INLINE_REASONS = frozenset({"read_more", "metadata"})
_MAX_INLINE_CHROME = 60
# Hidden text included: the longest inline element worth reading for its visible text.
_MAX_INLINE_SOURCE = 300


def is_chrome(tag: Tag) -> bool:
    """Navigation, sidebars, comments, share bars: never a listing, never an article."""
    if tag.name in _NEVER_CHROME:
        return False  # <body class="no-navbar">: page-wide classes describe the layout
    if tag.name in CHROME_TAGS:
        return True
    if tag.get("role") in CHROME_ROLES:
        return True
    return _chrome_words(tag) and not _holds_content(tag)


def _holds_content(tag: Tag) -> bool:
    """A wrapper named after its layout ("container sidebar-position-left") that holds the page's content.

    Such a wrapper holds the page's posts and, beside them, its other chrome
    (a sidebar or header with its links). A widget of recent posts holds
    posts too, but no such links beside them: its <article>s are its items.
    Only asked of elements whose names sound like chrome, so the subtree search stays rare.
    """
    if tag.find("main") is not None or tag.find(attrs={"role": "main"}) is not None:
        return True
    if _holds_its_namesake(tag):
        return True
    articles = len(tag.find_all("article", limit=2))
    if articles == 0:
        return False
    if articles == 2 and any(
        inner.find_parent("article") is None and len(inner.find_all("a", href=True, limit=2)) == 2
        for inner in tag.find_all(_chrome_candidate)
    ):
        return True
    return _only_column(tag)


def _holds_its_namesake(tag: Tag) -> bool:
    """A layout box named after the sidebar it holds (`<div class="sidebar-right"><aside id="sidebar">`).

    The sidebar itself is a child (chrome by its tag or role, named with the
    same word), so the box is the row around it; a child beside it that is
    not chrome and holds more text than the sidebar is the page's content.
    """
    own = set(_words(tag)) & CHROME_WORDS
    children = [child for child in tag.find_all(True, recursive=False) if child.name not in INVISIBLE_TAGS]
    sidebars = [
        child
        for child in children
        if (child.name in CHROME_TAGS or child.get("role") in CHROME_ROLES) and own & set(_words(child))
    ]
    if not sidebars:
        return False
    chrome_letters = max(len(child.get_text(" ", strip=True)) for child in sidebars)
    return any(not _chrome_named(child) and len(child.get_text(" ", strip=True)) > chrome_letters for child in children)


def _only_column(tag: Tag) -> bool:
    """Whether the page shows no text outside this element but in its header, nav, footer and asides.

    A page's content cannot be chrome: a layout column that holds every post
    is the page's content whatever it is named (a class that reads like a
    menu or a side column included). A recent-posts widget always sits beside something else: the
    post, the archive, a tag cloud (even one in a widget of its own), a 404
    message. Only chrome by tag or role is set aside here; a widget named as
    one still counts as text beside this element.
    """
    root = next((parent for parent in tag.parents if parent.name == "body"), None)
    if root is None:
        return False
    beside = text_blocks(
        root, skip=lambda other: other is tag or other.name in CHROME_TAGS or other.get("role") in CHROME_ROLES
    )
    return not beside


def _chrome_named(tag: Tag) -> bool:
    """Chrome by its tag, role or name alone, without the content test (which would recurse)."""
    return tag.name in CHROME_TAGS or tag.get("role") in CHROME_ROLES or _chrome_words(tag)


def _chrome_words(tag: Tag) -> bool:
    if _page_header(tag):
        return True
    return any(word in CHROME_WORDS for word in _words(tag))


def widget_heading(group_first: Tag) -> str | None:
    """The heading that names a list as a widget ("Popular posts", "Recent", "热门文章", "相关推荐"), else None.

    A list of bare post titles below a feed may continue it (a "More" list of
    older posts) or be a widget beside it (the most read, the newest, related
    posts), which lists posts the feed may show too. The widget says so in
    the heading right above its list, in any markup.
    """
    node: Tag | None = group_first
    for _ in range(_WIDGET_HEADING_LEVELS):
        if node is None:
            return None
        heading = node.find_previous_sibling(True)
        while heading is not None and not heading.get_text(strip=True):
            heading = heading.find_previous_sibling(True)
        if heading is not None:
            text = " ".join(heading.get_text(" ", strip=True).split())
            return text if len(text) <= _MAX_WIDGET_HEADING_CHARS and _WIDGET.search(text) else None
        node = node.parent if isinstance(node.parent, Tag) else None
    return None


def notice_box(tag: Tag) -> bool:
    """A post's copyright or licence notice box: author, link and licence lines.

    Themes print it under every post; it is the site's boilerplate, not the post's text.
    Named (`post-copyright`, `license-box`) or not: a small box of two or more lines,
    every one a notice line ("Link: ...", "License: CC BY-NC-SA 4.0", "转载请注明出处"),
    one of them naming a licence or copyright, is one whatever its class says.
    """
    if tag.name in _NEVER_CHROME or tag.name == "article":
        return False
    if any(word in NOTICE_WORDS for word in _words(tag)):
        return True
    if tag.name not in _NOTICE_BOX_TAGS or not small_box(tag, _MAX_NOTICE_BOX_CHARS):
        return False
    lines = [" ".join(block.text.split()) for block in text_blocks(tag)]
    if len(lines) < 2 or any(len(line) > _MAX_NOTICE_LINE_CHARS for line in lines):
        return False
    # Beside a licence line, any "label: value" line is the notice's (its labels may be in any language).
    return any(_LICENCE.search(line) for line in lines) and all(
        notice_line(line) or _COPYRIGHT.search(line) or _LABELLED_LINE.match(line) for line in lines
    )


def small_box(tag: Tag, max_chars: int) -> bool:
    """Whether the element holds at most `max_chars` characters in at most SMALL_BOX_NODES nodes.

    Asked of every element of a page; it stops early, so a deeply nested page
    (each `<div>` holding all the others) costs a bounded walk per element,
    not its whole subtree.
    """
    chars, seen = 0, 0
    stack = list(reversed(tag.contents))  # not `.descendants`: bs4 finds the subtree's end first, a full walk
    while stack:
        node = stack.pop()
        seen += 1
        if seen > SMALL_BOX_NODES:
            return False
        if isinstance(node, Tag):
            stack.extend(reversed(node.contents))
        elif isinstance(node, str):
            chars += len(node.strip())
            if chars > max_chars:
                return False
    return True


def notice_line(text: str) -> bool:
    """A line of a post's licence notice: a labelled permalink, author or licence line, or a reuse request.

    Read by its words, not its class: "Post link: https://...", "本文链接：...",
    "License: CC BY-NC-SA 4.0", "许可协议: 署名-非商业性使用", "转载请注明出处". A short
    line naming a Creative Commons licence is one too. A bare "© Reuters" is
    not: news pages credit photos and agencies that way inside the story.
    """
    line = " ".join(text.split())
    if not line or len(line) > _MAX_NOTICE_LINE_CHARS:
        return False
    return bool(_NOTICE_LABEL.match(line) or _NOTICE_SENTENCE.search(line) or _LICENCE.search(line))


def _words(tag: Tag) -> list[str]:
    """The words of an element's id and classes ("sidebar-right" -> sidebar, right)."""
    words: list[str] = []
    for attr in ("id", "class"):
        value = tag.get(attr)
        values = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        for item in values:
            words.extend(w.lower() for w in re.split(r"[-_\s]+", item) if w)
    return words


def _page_header(tag: Tag) -> bool:
    """The page's header box by its conventional name (`div#header`, `div.site-header`, `#masthead`).

    "header" alone is no chrome word: a card's or a post's own header (`entry-header`,
    `post-header`) holds its title. Only the names of the one header of the whole page count.
    """
    names = [tag.get("id")] + (tag.get("class") or [])
    return any(isinstance(name, str) and name.lower() in _PAGE_HEADER_NAMES for name in names)


def _chrome_candidate(tag: Tag) -> bool:
    return tag.name not in _NEVER_CHROME and tag.name != "article" and _chrome_named(tag)


def inline_chrome(tag: Tag) -> bool:
    """A "阅读全文" link or a "2024-03-05" span inside a line of excerpt text.

    Judged by its visible text: a "Continue reading" link may carry the
    post's title in screen-reader-only text. A metadata span on a line that is
    all metadata ("Mar 5, 2024 · Research") is left for the line rule, which
    drops the whole line; removing it alone would leave the rest ("Research")
    looking like excerpt text.
    """
    if tag.name not in INLINE:
        return False
    if len(tag.get_text(" ", strip=True)) > _MAX_INLINE_SOURCE:
        return False
    text = " ".join(block.text for block in text_blocks(tag))
    if not text or len(text) > _MAX_INLINE_CHROME:
        return False
    reason = classify(text)
    if reason == "metadata":
        line = next((p for p in tag.parents if p.name in BLOCK_TAGS), None)
        shown = line.get_text(" ", strip=True) if line is not None else ""
        # A byline ("Daryl 3月 19, 2017") is all metadata too: the card drops it whole, name and all.
        return line is None or (classify(shown) != "metadata" and dated_name(shown) is None)
    return reason in _INLINE_REASONS or (tag.name == "a" and reason == "pagination")

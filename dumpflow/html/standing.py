"""Standing pages of a site (About, Contact, Projects): where its menu leads, not posts.

A blog's menu links its standing pages and marks the one being shown as
current. Such a page may be long and may even be marked up like a post (an
`<h1>`, a date line), but it is no article of the blog: its title is the
label of the menu's current item ("About" -> "About", "ABOUT" -> "About
me", "关于" -> "关于我"). A post is reached from listings, and the menu item
current on a post page (a "Blog" or category link) does not name it. Only
`active`/`current` state words are read from classes, as WAI-ARIA's
`aria-current` says the same; no theme's own class names.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from dumpflow.html.chrome import is_chrome
from dumpflow.html.meta import title_heading

# Class words and attributes themes use to mark the menu item of the page being shown.
_CURRENT_WORDS = frozenset(["active", "current", "current-menu-item", "current_page_item", "selected", "is-active"])
# A standing page's title is its menu label, perhaps with a short word after it ("About me", "关于我").
MAX_STANDING_TITLE_WORDS = 3
_MAX_EXTRA_LETTERS = 3
_MAX_EXTRA_CJK = 1


def _current(link: Tag) -> bool:
    """Whether the menu marks this link (or its list item) as the page being shown."""
    for tag in (link, link.parent):
        if not isinstance(tag, Tag):
            continue
        if tag.get("aria-current") not in (None, "false"):
            return True
        classes = tag.get("class")
        if isinstance(classes, list) and _CURRENT_WORDS & {name.lower() for name in classes}:
            return True
    return False


def _in_chrome(tag: Tag) -> bool:
    return any(is_chrome(box) for box in (tag, *tag.parents) if isinstance(box, Tag))


def _names(title: str, label: str) -> bool:
    """The title is the label, perhaps with one short word after it ("about me", "关于我" after "关于").

    A post whose title merely opens with the current item's label ("Blog
    migration" under a current "Blog", "博客转移" under "博客") goes on with more.
    """
    if not label or not title.startswith(label):
        return False
    rest = title[len(label) :]
    if not rest.strip():
        return True
    if label[-1].isascii():
        return rest[0] == " " and len(rest.split()) == 1 and len(rest.strip()) <= _MAX_EXTRA_LETTERS
    return len(rest.strip()) <= _MAX_EXTRA_CJK


def standing_page(soup: BeautifulSoup) -> str | None:
    """The current menu item's label when the page's title is that label (a standing page), else None."""
    heading = title_heading(soup)
    if heading is None or _in_chrome(heading):
        return None
    title = " ".join(heading.get_text(" ", strip=True).split()).casefold()
    if not title or len(title.split()) > MAX_STANDING_TITLE_WORDS:
        return None
    for link in soup.find_all("a", href=True):
        label = " ".join(link.get_text(" ", strip=True).split())
        if _current(link) and _in_chrome(link) and _names(title, label.casefold()):
            return label
    return None

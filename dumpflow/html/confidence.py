"""The safety net: whether a page read as one article is confidently one post, else why not.

The rules that find listings are tuned on the themes we have seen, and every
round showed they do not transfer to the next set of themes. A page they miss
falls through to the article path, which would load it as one article: a
listing's excerpts glued together under the site's name, or an About page.
That junk costs the catalogue more than a wrongly rejected page, which costs
one dump (the rejection says why, and the page can be re-read with a forced
mode). So an article that the page itself does not vouch for is rejected when:

- its address (canonical, og:url) is the site's home or an archive, tag,
  category or paging listing: such a page lists posts, it is none;
- its title is the site's name (og:site_name, or the name the browser title
  adds after a separator, "Post | Site"), or a listing's page label ("Page 2",
  "第 2 页"): a post is named after itself. (The label of the header's link
  home is not used: on 2 of the 181 benchmark news pages the extractor titles
  a real article with the site's logo text, and those would be lost);
- it is undated and short: no date on the page (neither the post's nor any
  dated meta line outside the chrome) and fewer than
  MIN_UNDATED_LETTERS letters of text. Posts are dated; About, Contact and
  project pages are not, and are short. Undated real articles in the
  181-page extraction benchmark have 488+ letters.

An error page ("404", "Page not found", "页面不存在" as its browser title or
heading) is no page of posts even when it lists recent ones beside its
message: it is rejected before any listing is read.

A page that declares `article:published_time` vouches for itself and is never
doubted here; an index holding one whole post was already renamed after that
post (its title and address) before this check.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from dumpflow.html.blocks import text_blocks
from dumpflow.html.chrome import is_chrome
from dumpflow.html.listing import is_post_link
from dumpflow.html.meta import declares_article, find_date, meta_content, page_url, site_name
from dumpflow.lines import classify
from dumpflow.normalize import match_key
from schemas.records import RawEntry

# Fewer letters than this, and no date anywhere on the page: not confidently a post.
MIN_UNDATED_LETTERS = 400
_MAX_DATED_LINE_CHARS = 60
# A heading or browser title that is only an error: "404", "Error 404 - Not Found", "页面不存在", "找不到页面".
_ERROR = re.compile(
    r"^(?:error\s*)?(?:404|410)(?:\s*[-:|!.]?\s*(?:error|(?:page\s+)?not\s+found|页面不存在|页面未找到|找不到页面))?[!.！。]?$"
    r"|^(?:page\s+|file\s+)?not\s+found[!.]?$|^(?:oops|whoops)[!.,]?\s+(?:page\s+)?not\s+found|^page\s+missing"
    r"|^(?:404\s*)?(?:页面不存在|页面未找到|找不到页面|页面找不到|页面走丢了|您访问的页面不存在|你访问的页面不存在|文章不存在)",
    re.IGNORECASE,
)
# What separates the post's name from the site's in a browser title ("Post | Site", "Post - Site").
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·•_]\s+")


def error_page(soup: BeautifulSoup) -> str | None:
    """The error heading or browser title of a 404 page ("404", "Page not found", "页面不存在"), else None.

    Only a heading or title that is the error alone counts: a post titled
    "Fixing 404 pages" names an error, it is not one.
    """
    title_tag = soup.find("title")
    shown = [title_tag.get_text(" ", strip=True)] if isinstance(title_tag, Tag) else []
    shown = [part for text in shown for part in _TITLE_SEPARATOR.split(text)[:1]]
    shown += [h.get_text(" ", strip=True) for h in soup.find_all(["h1", "h2"]) if not is_chrome(h)]
    return next((text for text in shown if _ERROR.match(" ".join(text.split()))), None)


def site_names(soup: BeautifulSoup) -> set[str]:
    """The site's name as the page's metadata and browser title give it, as match keys."""
    names = {match_key(name) for name in (site_name(soup),) if name}
    title_tag = soup.find("title")
    if isinstance(title_tag, Tag):
        parts = _TITLE_SEPARATOR.split(title_tag.get_text(" ", strip=True))
        if len(parts) > 1:
            names.add(match_key(parts[-1]))
    return {name for name in names if name}


def article_doubt(soup: BeautifulSoup, entry: RawEntry, declared: str | None) -> str | None:
    """Why the page's one article is not confidently a post (a rejection reason), or None when it is."""
    if declared == "published":
        return None
    address = page_url(soup)
    renamed = entry.url is not None and entry.url != address  # an index holding one whole post, named after it
    if not renamed and address is not None and not is_post_link(address, None):
        return (
            f"not confidently a post: the page's own address ({address}) is the site's home or a listing "
            "(archive, tag, category, paging), so its text is a listing the detector could not read, not one article"
        )
    title = match_key(entry.title or "")
    if entry.title and "pagination" in (classify(entry.title), classify("".join(entry.title.split()))):
        return f"not confidently a post: its title is a listing's page label ({entry.title!r})"
    if title and title in site_names(soup):
        return (
            f"not confidently a post: its title is the site's name ({entry.title!r}), as on an index page, "
            "not a post's own name"
        )
    letters = len(match_key(entry.raw_text))
    if entry.published is None and letters < MIN_UNDATED_LETTERS and not _shows_a_date(soup):
        return (
            f"not confidently a post: no date on the page and only {letters} letters of text "
            f"(under {MIN_UNDATED_LETTERS}), as on an About, Contact or project page"
        )
    return None


def _shows_a_date(soup: BeautifulSoup) -> bool:
    """Whether the page shows a dated line outside its chrome, even one not read as the post's date.

    A short line with a full date and no sentence, whatever its label's language ("Veröffentlicht 2021-04-02").
    """
    root = soup.body or soup
    return any(
        len(block.text) <= _MAX_DATED_LINE_CHARS
        and classify(block.text) in ("metadata", "heading")
        and find_date(block.text)
        for block in text_blocks(root, skip=is_chrome)
    )


def declared_post(soup: BeautifulSoup) -> str | None:
    """`declares_article`, with og:type=article discounted where the page's own metadata says it is no post.

    Some themes (Pelican Elegant, Jekyll Pixyll) write og:type=article on every
    page. The same metadata still names the page: an address that is the
    site's home or an archive, tag or category listing, or an og:title that is
    just the site's name, is an index, whatever its type says.
    """
    declared = declares_article(soup)
    if declared != "og":
        return declared
    url = page_url(soup)
    named = site_name(soup)
    title = meta_content(soup, "og:title")
    if (url is not None and not is_post_link(url, None)) or (named and title and match_key(title) == match_key(named)):
        return None
    return declared

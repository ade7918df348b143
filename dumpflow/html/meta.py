"""What a page says about itself and its links: base URL, title, dates.

Scrapers save pages without their address, so relative links can only be
made absolute from what the page declares (`<base>`, canonical, og:url).
Dates are shown in a dozen formats; we store ISO dates when we can read one.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YMD = re.compile(r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_MDY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})\b", re.IGNORECASE)


# Chinese numerals: "二〇二〇年九月六日" writes each year digit, and months and days as tens ("二十一").
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
CN_YEAR = r"[〇零一二三四五六七八九]{4}"
CN_NUMBER = r"[一二三四五六七八九十]{1,3}"
_CN_YMD = re.compile(rf"({CN_YEAR})\s*年\s*({CN_NUMBER})\s*月\s*({CN_NUMBER})\s*日")
# A Chinese month in the English order "Mar 19, 2017" (moment.js zh-cn "MMM D, YYYY"): "3月 19, 2017", "十月 01, 2021".
_CN_MDY = re.compile(rf"(?<!\d)(\d{{1,2}}|{CN_NUMBER})\s*月\s*(\d{{1,2}})(?:\s*[,，]\s*|\s+)(\d{{4}})(?!\d)")


def cn_number(text: str) -> int | None:
    """A Chinese numeral as an int: digit by digit for years ("二〇二〇"), with 十 for tens ("二十一")."""
    if "十" not in text:
        digits = [_CN_DIGITS.get(c) for c in text]
        return int("".join(str(d) for d in digits)) if digits and None not in digits else None
    tens, _, ones = text.partition("十")
    high = _CN_DIGITS.get(tens, -1) if tens else 1
    low = _CN_DIGITS.get(ones, -1) if ones else 0
    return 10 * high + low if high >= 0 and low >= 0 else None


def _iso(year: int, month: int, day: int) -> str | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:  # 2024-02-30, month 13
        return None


def iso_date(year: int | None, month: int | None, day: int | None) -> str | None:
    """YYYY-MM-DD when all three parts are there and form a plausible date."""
    return _iso(year, month, day) if year is not None and month is not None and day is not None else None


def find_date(text: str) -> str | None:
    """The first readable calendar date in a text, as YYYY-MM-DD."""
    found: list[tuple[int, str]] = []
    if (m := _YMD.search(text)) and (iso := _iso(int(m[1]), int(m[2]), int(m[3]))):
        found.append((m.start(), iso))
    if (m := _MDY.search(text)) and (iso := _iso(int(m[3]), MONTHS[m[1].lower()], int(m[2]))):
        found.append((m.start(), iso))
    if (m := _DMY.search(text)) and (iso := _iso(int(m[3]), MONTHS[m[2].lower()], int(m[1]))):
        found.append((m.start(), iso))
    if (m := _CN_YMD.search(text)) and (iso := iso_date(cn_number(m[1]), cn_number(m[2]), cn_number(m[3]))):
        found.append((m.start(), iso))
    if (m := _CN_MDY.search(text)) and (iso := iso_date(int(m[3]), _month_number(m[1]), int(m[2]))):
        found.append((m.start(), iso))
    return min(found)[1] if found else None


def _month_number(text: str) -> int | None:
    return int(text) if text.isdigit() else cn_number(text)


def _attr(tag: Tag | None, name: str) -> str | None:
    value = tag.get(name) if tag is not None else None
    return (value.strip() or None) if isinstance(value, str) else None


# What a browser title puts between a post's name and the site's ("Post | Site", "Post - Site", "Post · Site").
_SITE_SEPARATOR = re.compile(r"\s+[|\-–—·•_]\s+\S")


def meta_content(soup: BeautifulSoup, *names: str) -> str | None:
    """The first named <meta> with content, by property or by name: themes write both spellings."""
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if value := _attr(tag if isinstance(tag, Tag) else None, "content"):
            return value
    return None


def _absolute_http(url: str | None) -> str | None:
    # urlsplit raises on a malformed address ("http://[::1"): a page's broken
    # metadata is no reason to lose its articles, so it counts as no address.
    try:
        return url if url and urlsplit(url).scheme in ("http", "https") else None
    except ValueError:
        return None


def base_url(soup: BeautifulSoup) -> str | None:
    """The address relative links resolve against, when the page gives one."""
    base = soup.find("base", href=True)
    canonical = soup.find("link", rel="canonical", href=True)
    for candidate in (
        _attr(base if isinstance(base, Tag) else None, "href"),
        _attr(canonical if isinstance(canonical, Tag) else None, "href"),
        meta_content(soup, "og:url"),
    ):
        if url := _absolute_http(candidate):
            return url
    return None


def page_url(soup: BeautifulSoup) -> str | None:
    """The page's own address (canonical, og:url); `<base>` names a directory, not the page."""
    canonical = soup.find("link", rel="canonical", href=True)
    for candidate in (_attr(canonical if isinstance(canonical, Tag) else None, "href"), meta_content(soup, "og:url")):
        if url := _absolute_http(candidate):
            return url
    return None


def absolute(base: str | None, href: str | None) -> str | None:
    if href is None:
        return None
    if not base:
        return href
    try:
        return urljoin(base, href)
    except ValueError:  # a malformed link ("http://[x") is kept as written rather than failing the page
        return href


def title_heading(soup: BeautifulSoup) -> Tag | None:
    """The post's <h1>: the one whose text the <title> repeats, else the first.

    Blog themes often put the site name in an <h1> of the page header, before
    the post's own <h1>; the browser title names the post ("Post - Site").
    """
    headings = [h for h in soup.find_all("h1") if isinstance(h, Tag) and h.get_text(" ", strip=True)]
    title_tag = soup.find("title")
    shown = title_tag.get_text(" ", strip=True) if isinstance(title_tag, Tag) else ""
    named = [h for h in headings if " ".join(h.get_text(" ", strip=True).split()) in shown]
    # The site's name is in the title too, but its heading links home.
    named.sort(key=lambda h: (_links_home(h), -len(h.get_text(" ", strip=True))))
    return named[0] if named else headings[0] if headings else None


def _links_home(heading: Tag) -> bool:
    """Whether the heading links to the site's home, by a link inside it or around it (`<a href="/"><h1>`)."""
    link = heading.find("a", href=True) or heading.find_parent("a", href=True)
    href = link.get("href") if isinstance(link, Tag) else None
    if not isinstance(href, str):
        return False
    try:
        path = urlsplit(href.strip()).path
    except ValueError:
        return False
    return path.strip("/").count("/") == 0 and "." not in path[-6:]


def page_title(soup: BeautifulSoup) -> str | None:
    """The article's title: og:title, else the post's <h1>, else <title>."""
    h1 = title_heading(soup)
    if title := meta_content(soup, "og:title", "twitter:title"):
        return _without_site_name(title, h1)
    if h1 is not None and (text := h1.get_text(" ", strip=True)):
        return text
    title_tag = soup.find("title")
    if isinstance(title_tag, Tag) and (text := title_tag.get_text(" ", strip=True)):
        return text
    return None


def _without_site_name(title: str, heading: Tag | None) -> str:
    """The post's name when the meta title adds the site's to it ("Post | Site") and the post's <h1> shows it alone.

    Some themes fill og:title from the browser title, site name included; the
    heading on the page is the post's own name.
    """
    shown = " ".join(heading.get_text(" ", strip=True).split()) if heading is not None else ""
    if not shown or not title.startswith(shown) or title == shown:
        return title
    return shown if _SITE_SEPARATOR.match(title[len(shown) :]) else title


def page_date(soup: BeautifulSoup) -> str | None:
    """The article's publication date from its metadata or first <time>.

    A `<time>` is read for the date it shows (the writer's local date) before
    its `datetime`, which themes often write in UTC, a day off for anyone east
    of Greenwich ("2022-10-01T16:00Z" shown as 2022-10-02): cards are read the
    same way. A shown date without its year ("Mar 5") falls back to `datetime`.
    """
    if value := meta_content(soup, "article:published_time", "datePublished", "pubdate", "date"):
        return find_date(value)
    time_tag = soup.find("time")
    if isinstance(time_tag, Tag):
        return find_date(time_tag.get_text(" ", strip=True)) or find_date(_attr(time_tag, "datetime") or "")
    return None


def site_name(soup: BeautifulSoup) -> str | None:
    """The site's name as its metadata gives it (og:site_name, application-name)."""
    name = meta_content(soup, "og:site_name") or meta_content(soup, "application-name")
    return " ".join(name.split()) if name and name.strip() else None


def declares_article(soup: BeautifulSoup) -> str | None:
    """How the page's metadata says it is one post: "published" (article:published_time), "og"
    (og:type=article only), or None.

    Hexo, Hugo, Jekyll (jekyll-seo-tag) and WordPress SEO plugins write these
    on post pages only; index, archive and tag pages say og:type=website. A
    publication time is the stronger sign: a few themes hard-code og:type.
    """
    if meta_content(soup, "article:published_time") is not None:
        return "published"
    kind = meta_content(soup, "og:type")
    return "og" if kind is not None and kind.strip().lower() == "article" else None

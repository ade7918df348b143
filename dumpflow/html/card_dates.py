"""The publication date a listing card shows.

`<time>` first (the date it shows, else its `datetime`), then metadata spans
and lines in any format dumpflow.html.meta.find_date reads. Archives often
show only the month and day ("05-03", "05 Mar", "9 月 6 日", "九月六日"):
the year then comes from the post's URL when it is dated (/2020/09/06/) in
the same month, else from the nearest year heading above ("2024",
"2024年", "二〇二三"), else the date is unknown rather than guessed.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from bs4 import NavigableString, Tag
from bs4.element import PreformattedString

from dumpflow.html.blocks import INVISIBLE_TAGS, text_blocks
from dumpflow.html.chrome import INLINE, inline_chrome
from dumpflow.html.meta import CN_NUMBER, CN_YEAR, MONTHS, cn_number, find_date, iso_date
from dumpflow.lines import classify

# "05-03", "5月3日", "九月六日": a date without its year, and a year heading ("2024", "2024年", "二〇二三").
_MONTH_DAY = re.compile(r"(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?")
_CN_MONTH_DAY = re.compile(rf"({CN_NUMBER})\s*月\s*({CN_NUMBER})\s*日")
_YEAR = re.compile(rf"^((?:19|20)\d{{2}}|{CN_YEAR})\s*年?$")
_YEAR_LOOKBACK = 400
_MONTH_NAME = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY_MONTH_NAME = re.compile(rf"(?<!\d)(\d{{1,2}})\s+{_MONTH_NAME}(?!\s*,?\s*\d{{4}})", re.IGNORECASE)
_MONTH_NAME_DAY = re.compile(rf"\b{_MONTH_NAME}\s+(\d{{1,2}})(?!\d)(?!\s*,?\s*\d{{4}})", re.IGNORECASE)
# A dated post address: /2020/09/06/slug or /2020/09/slug (Hexo, Jekyll, WordPress permalinks).
_URL_FULL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)")
# A day of the month shown alone: "07日", "07日19:28:44", "7 号", or a day and a time ("07 19:28").
_DAY_ONLY = re.compile(r"(\d{1,2})\s*[日号]\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?|(\d{1,2})\s+\d{1,2}:\d{2}(?::\d{2})?")
_MAX_DAY = 31
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})(?:/|$)")
# Date parts are short strings; a title is not searched for a month name.
_MAX_DATE_PART = 12
# A date shown in parts: day, month, year (and perhaps a weekday).
_MIN_DATE_PARTS = 2
_MAX_DATE_PARTS = 4
# A date attribute is a date, not a JSON blob or a sentence.
_MAX_ATTRIBUTE_DATE = 40
_PAGE_LEVEL = frozenset(["html", "body", "main"])


def card_date(element: Tag, url: str | None = None, anchor: Tag | None = None) -> str | None:
    """The card's date; `anchor` is where the card sits in the page when `element` is a detached copy."""
    for time_tag in element.find_all("time"):
        # The date shown wins over the machine-readable one: `datetime` is often UTC, a day off the local date.
        shown = time_tag.get_text(" ", strip=True)
        value = time_tag.get("datetime")
        machine = find_date(value) if isinstance(value, str) else None
        if date := find_date(shown):
            return date
        if machine and (month_day := _month_day([shown])):
            return iso_date(int(machine[:4]), *month_day) or machine
        if machine:
            return machine
    for tag in element.find_all(INLINE):
        if inline_chrome(tag) and (date := find_date(tag.get_text(" ", strip=True))):
            # A metadata line above it is the card's date: an excerpt may open with a dated
            # note ("<strong>Jun 16, 2016 update:</strong> ...") below the card's date line.
            return _line_date_before(element, tag) or date
    for block in text_blocks(element):
        if classify(block.text) is not None and (date := find_date(block.text)):
            return date
    if date := _split_date(element):
        return date
    month_day = _month_day(list(element.stripped_strings))
    if month_day is None:
        return _url_day_date(list(element.stripped_strings), url) or _attribute_date(anchor or element, url)
    year = _url_year(url, month_day[0]) or _year_above(anchor or element)
    return iso_date(year, *month_day)


def day_shown(text: str) -> int | None:
    """The day of the month a row shows alone, perhaps with a time ("07日19:28:44", "7日", "07 19:28"), else None."""
    m = _DAY_ONLY.fullmatch(" ".join(text.split()))
    if m is None:
        return None
    day = int(m[1] or m[2])
    return day if 1 <= day <= _MAX_DAY else None


def _url_day_date(strings: list[str], url: str | None) -> str | None:
    """The dated post address's date, when the card shows that day alone (a month box above gives the rest)."""
    path = _url_path(url)
    m = _URL_FULL_DATE.search(path) if path is not None else None
    if m is None:
        return None
    for text in strings:
        if len(text) <= _MAX_DATE_PART * 2 and day_shown(text) == int(m[3]):
            return iso_date(int(m[1]), int(m[2]), int(m[3]))
    return None


def _attribute_date(element: Tag, url: str | None) -> str | None:
    """A date the card or its row holds in a date-named attribute (`<li date-is="08-02">`, `data-date=...`).

    Some themes show a row's date only through CSS (`content: attr(date-is)`),
    so the text holds none; the attribute is what the reader sees. Only the
    card's own element and the row around it are asked, and a yearless value
    takes its year the way a shown one does.
    """
    for node in (element, element.parent):
        if not isinstance(node, Tag) or node.name in _PAGE_LEVEL:
            continue
        for name, value in node.attrs.items():
            if "date" not in name.lower() or not isinstance(value, str) or len(value) > _MAX_ATTRIBUTE_DATE:
                continue
            if date := find_date(value):
                return date
            if month_day := _month_day([value.strip()]):
                year = _url_year(url, month_day[0]) or _year_above(element)
                if date := iso_date(year, *month_day):
                    return date
    return None


def _split_date(element: Tag) -> str | None:
    """A full date shown in parts, one element each (`<span>05</span><span>Mar</span><span>2024</span>`).

    Themes style such parts as a calendar leaf; with no space between the
    elements the line reads "05Mar2024", so the parts are read apart.
    """
    for box in element.find_all(True):
        parts = list(box.stripped_strings)
        if not _MIN_DATE_PARTS <= len(parts) <= _MAX_DATE_PARTS or any(len(part) > _MAX_DATE_PART for part in parts):
            continue
        shown = " ".join(parts)
        if classify(shown) == "metadata" and (date := find_date(shown)):
            return date
    return None


def _line_date_before(element: Tag, stop: Tag) -> str | None:
    """The date of a metadata line shown in a block of its own before `stop` ("<div>Jun 12, 2016</div>")."""
    for node in element.descendants:
        if node is stop:
            return None
        if not isinstance(node, NavigableString) or isinstance(node, PreformattedString):
            continue
        parent = node.parent
        if parent is None or parent.name in INLINE or parent.name in INVISIBLE_TAGS:
            continue
        shown = " ".join(node.split())
        if shown and (date := find_date(shown)) and classify(shown) == "metadata":
            return date
    return None


def yearless_date(text: str) -> bool:
    """Whether the line is only a month and day ("01 Mar", "Mar 5", "9月6日", "九月六日"): an archive row's date."""
    shown = " ".join(text.split())
    if len(shown) > _MAX_DATE_PART:
        return False
    return bool(
        _MONTH_DAY.fullmatch(shown)
        or _CN_MONTH_DAY.fullmatch(shown)
        or _DAY_MONTH_NAME.fullmatch(shown)
        or _MONTH_NAME_DAY.fullmatch(shown)
    )


def _month_day(strings: list[str]) -> tuple[int, int] | None:
    """A month and day shown without a year, from the card's short strings."""
    for text in strings:
        if m := _MONTH_DAY.fullmatch(text):
            return int(m[1]), int(m[2])
        if (m := _CN_MONTH_DAY.fullmatch(text)) and (month := cn_number(m[1])) and (day := cn_number(m[2])):
            return month, day
    # "05 Mar", "Mar 5": a day and a month name, often in two spans.
    shown = " ".join(text for text in strings if len(text) <= _MAX_DATE_PART)
    if m := _DAY_MONTH_NAME.search(shown):
        return MONTHS[m[2].lower()], int(m[1])
    if m := _MONTH_NAME_DAY.search(shown):
        return MONTHS[m[1].lower()], int(m[2])
    return None


def _url_year(url: str | None, month: int) -> int | None:
    """The year of a dated post address, when its month is the month shown."""
    path = _url_path(url)
    m = _URL_DATE.search(path) if path is not None else None
    return int(m[1]) if m and int(m[2]) == month else None


def _url_path(url: str | None) -> str | None:
    """A card's address's path, unquoted (dated addresses hold the date there); None without one or when the
    address does not parse (a malformed host raises in urlsplit)."""
    if not url:
        return None
    try:
        return unquote(urlsplit(url).path)
    except ValueError:
        return None


def _year_above(element: Tag) -> int | None:
    """The nearest year heading above the card ("2024", "2024年", "二〇二三")."""
    for steps, node in enumerate(element.previous_elements):
        if steps > _YEAR_LOOKBACK:
            break
        if isinstance(node, NavigableString) and (year := _YEAR.match(node.strip())):
            return int(year[1]) if year[1].isdigit() else cn_number(year[1])
    return None

"""The publication date a listing card shows.

`<time datetime>` first, then metadata spans and lines in any format
dumpflow.html.meta.find_date reads; archives that group posts under a year
heading show only "05-03" or "05 Mar" on each card, and take the year from
the nearest year above.
"""

from __future__ import annotations

import re

from bs4 import NavigableString, Tag

from dumpflow.html.blocks import text_blocks
from dumpflow.html.chrome import INLINE, inline_chrome
from dumpflow.html.meta import MONTHS, find_date
from dumpflow.lines import classify

# "05-03", "5月3日": a date without its year, and a year heading ("2024", "2024年").
_MONTH_DAY = re.compile(r"(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?")
_YEAR = re.compile(r"^((?:19|20)\d{2})\s*年?$")
_YEAR_LOOKBACK = 400
_MONTH_NAME = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY_MONTH_NAME = re.compile(rf"(?<!\d)(\d{{1,2}})\s+{_MONTH_NAME}(?!\s*,?\s*\d{{4}})", re.IGNORECASE)
_MONTH_NAME_DAY = re.compile(rf"\b{_MONTH_NAME}\s+(\d{{1,2}})(?!\d)(?!\s*,?\s*\d{{4}})", re.IGNORECASE)
# Date parts are short strings; a title is not searched for a month name.
_MAX_DATE_PART = 12


def card_date(element: Tag) -> str | None:
    for time_tag in element.find_all("time"):
        # The date shown wins over the machine-readable one: `datetime` is often UTC, a day off the local date.
        value = time_tag.get("datetime")
        date = find_date(time_tag.get_text(" ", strip=True)) or (find_date(value) if isinstance(value, str) else None)
        if date:
            return date
    for tag in element.find_all(INLINE):
        if inline_chrome(tag) and (date := find_date(tag.get_text(" ", strip=True))):
            return date
    for block in text_blocks(element):
        if classify(block.text) is not None and (date := find_date(block.text)):
            return date
    return _month_day_under_year(element)


def _month_day_under_year(element: Tag) -> str | None:
    """A "05-03" date on an archive grouped under year headings ("2024"): the year is the nearest one above."""
    strings = list(element.stripped_strings)
    month_day = next(((m[1], m[2]) for text in strings if (m := _MONTH_DAY.fullmatch(text))), None)
    if month_day is None:
        # "05 Mar", "Mar 5": a day and a month name, often in two spans.
        shown = " ".join(text for text in strings if len(text) <= _MAX_DATE_PART)
        if m := _DAY_MONTH_NAME.search(shown):
            month_day = (str(MONTHS[m[2].lower()]), m[1])
        elif m := _MONTH_NAME_DAY.search(shown):
            month_day = (str(MONTHS[m[1].lower()]), m[2])
    if month_day is None:
        return None
    for steps, node in enumerate(element.previous_elements):
        if steps > _YEAR_LOOKBACK:
            break
        if isinstance(node, NavigableString) and (year := _YEAR.match(node.strip())):
            return find_date(f"{year[1]}-{month_day[0]}-{month_day[1]}")
    return None

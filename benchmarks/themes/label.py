"""Ground-truth labeller for the theme fixtures (issue 13).

Why this exists: the listing detector must be judged against labels that do NOT come from the
detector itself. Every label here comes from a hand-written CSS selector for that one theme (the
selectors a person reads off the page source), so a detector bug cannot leak into its own answer
key. Run it after adding a page, then read the JSON against the page and fix by hand where the
selectors are not enough (the hand fixes live in ``OVERRIDES`` so a re-run reproduces them).

    python benchmarks/themes/label.py            # (re)writes every <page>.json next to its .html
    python benchmarks/themes/label.py --check    # exits 1 if a stored JSON differs from a fresh label
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "html" / "themes"

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
TRAILING_MARKERS = re.compile(
    r"(\s*(\.\.\.|…|&hellip;|\[\.\.\.\]|\[…\]|»|&raquo;|Read more|阅读全文|继续阅读|阅读更多|more)\s*)+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Page:
    """How to read one fixture page: which elements are entries and where title/date/excerpt sit."""

    theme: str
    kind: str  # listing | titles | article | reject
    lang: str
    source: str
    entry: str = ""  # CSS selector of one entry (card, archive line, or the single post)
    title: str = ""  # CSS selector inside the entry for the title element
    title_drop: tuple[str, ...] = ()  # CSS selectors inside the title removed before reading it (type badges)
    link: str | None = None  # CSS selector inside the entry for the <a href>; None = the title's own/inner <a>
    date: str | None = None  # CSS selector inside the entry for the date element
    date_attr: str | None = None  # read the date from this attribute instead of the text
    excerpt: str | None = None  # CSS selector inside the entry for the excerpt/body
    drop: tuple[str, ...] = ()  # CSS selectors removed from the excerpt before reading its text
    text_strip: tuple[str, ...] = ()  # regexes removed from the excerpt text (labels inside the same element, e.g. 摘要:)
    year_from: str | None = None  # CSS selector of the year heading before the entry, for "MM-DD" dates
    sibling_excerpt: bool = False  # excerpt = following <p>/<div> siblings of the entry up to the next entry
    furniture: tuple[str, ...] = ()
    url_override: tuple[str, ...] = field(default=())  # used when the page itself gives no link (article pages)


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def parse_date(raw: str) -> str | None:
    """Reads the few date spellings the themes print: ISO, 2019/08/08, 'May 14, 2023', '14 May 2023', 2020年1月2日."""
    raw = collapse(raw)
    m = re.search(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", raw)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    m = re.search(r"([A-Za-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})", raw)
    if m and m[1].lower() in MONTHS:
        return date(int(m[3]), MONTHS[m[1].lower()], int(m[2])).isoformat()
    m = re.search(r"(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})", raw)
    if m and m[2].lower() in MONTHS:
        return date(int(m[3]), MONTHS[m[2].lower()], int(m[1])).isoformat()
    return None


def base_url(soup: BeautifulSoup) -> str | None:
    for sel, attr in (('link[rel="canonical"]', "href"), ('meta[property="og:url"]', "content"), ("base", "href")):
        node = soup.select_one(sel)
        if node and node.get(attr, "").startswith("http"):
            return node[attr]
    return None


def excerpt_bounds(text: str) -> tuple[str | None, str | None]:
    text = TRAILING_MARKERS.sub("", collapse(text)).strip()
    if not text:
        return None, None
    return text[:40].strip(), text[-30:].strip()


def sibling_text(entry: Tag, entry_selector_matches: list[Tag]) -> str:
    parts: list[str] = []
    for sib in entry.find_next_siblings():
        if sib in entry_selector_matches or sib.name in ("h1", "h2", "h3", "hr", "nav", "footer"):
            break
        if sib.name in ("p", "div", "section", "blockquote", "ul", "ol"):
            parts.append(sib.get_text(" "))
    return " ".join(parts)


def label(html_path: Path, page: Page) -> dict:
    soup = BeautifulSoup(html_path.read_bytes(), "lxml")
    base = base_url(soup)
    entries = []
    if page.kind != "reject":
        matches = soup.select(page.entry)
        for i, node in enumerate(matches):
            title_node = node.select_one(page.title) if page.title else node
            if title_node is None:
                raise ValueError(f"{html_path}: entry {i} has no title ({page.title})")
            title_text = title_node.get_text(" ")
            if page.title_drop:
                title_copy = BeautifulSoup(str(title_node), "lxml")
                for sel in page.title_drop:
                    for junk in title_copy.select(sel):
                        junk.decompose()
                title_text = title_copy.get_text(" ")
            if page.link is not None:
                link_node = node.select_one(page.link)
            elif title_node.name == "a":
                link_node = title_node
            else:
                link_node = title_node.find("a") or title_node.find_parent("a")
            href = link_node.get("href") if link_node is not None else None
            if page.url_override:
                url = page.url_override[i]
            elif href is None:
                raise ValueError(f"{html_path}: entry {i} has no link")
            else:
                url = urljoin(base, href) if base else href
            when = None
            if page.date:
                dnode = node.select_one(page.date)
                if dnode is not None:
                    raw = dnode.get(page.date_attr, "") if page.date_attr else dnode.get_text(" ")
                    if page.year_from:
                        heads = soup.select(page.year_from)
                        year = node.find_previous(lambda t: t in heads)
                        raw = f"{collapse(year.get_text())}-{collapse(raw)}" if year is not None else raw
                    when = parse_date(raw)
            start = end = None
            if page.kind in ("listing", "article"):
                if page.sibling_excerpt:
                    text = sibling_text(node, matches)
                else:
                    ex = node.select_one(page.excerpt) if page.excerpt else None
                    text = ""
                    if ex is not None:
                        ex = BeautifulSoup(str(ex), "lxml")
                        for sel in page.drop:
                            for junk in ex.select(sel):
                                junk.decompose()
                        for junk in ex.select("script, style"):
                            junk.decompose()
                        text = ex.get_text(" ")
                for pattern in page.text_strip:
                    text = re.sub(pattern, "", collapse(text))
                start, end = excerpt_bounds(text)
                body = collapse(text)
                leaked = [f for f in page.furniture if f in body]
                if leaked:
                    raise ValueError(f"{html_path}: entry {i} body holds furniture {leaked}; fix the furniture list")
            entries.append(
                {
                    "title": collapse(title_text),
                    "url": url,
                    "date": when,
                    "excerpt_start": start,
                    "excerpt_end": end,
                }
            )
    return {
        "theme": page.theme,
        "page_kind": page.kind,
        "lang": page.lang,
        "source": page.source,
        "entries": entries,
        "furniture": list(page.furniture),
    }


def apply_overrides(key: str, doc: dict) -> dict:
    for index, patch in OVERRIDES.get(key, {}).items():
        doc["entries"][index].update(patch)
    return doc


def main() -> int:
    from benchmarks.themes.pages import PAGES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the stored JSON instead of writing")
    args = parser.parse_args()
    bad = 0
    for key, page in sorted(PAGES.items()):
        html = ROOT / f"{key}.html"
        doc = apply_overrides(key, label(html, page))
        out = html.with_suffix(".json")
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        if args.check:
            if not out.exists() or out.read_text(encoding="utf-8") != text:
                print(f"differs: {out}")
                bad += 1
        else:
            out.write_text(text, encoding="utf-8")
            print(f"{key}: {doc['page_kind']} {len(doc['entries'])} entries")
    return 1 if bad else 0


# Hand fixes after reading each JSON against its page: {"set/theme/page": {entry_index: {field: value}}}.
OVERRIDES: dict[str, dict[int, dict]] = {}


if __name__ == "__main__":
    sys.exit(main())

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

import soupsieve
from bs4 import BeautifulSoup, NavigableString, Tag

ROOT = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "html" / "themes"

MONTHS = {
    m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])
}
# Diaspora prints "十月 01, 2021" and Material "3月 19, 2017": the English "Mon DD, YYYY" order with a Chinese month.
ZH_MONTHS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
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
    date_before: str | None = None  # the date is the nearest preceding sibling matching this (<dt> before its <dd>)
    date_ancestor: str | None = None  # the date sits on the nearest enclosing element matching this (Redefine's <li>)
    excerpt: str | None = None  # CSS selector inside the entry for the excerpt/body
    drop: tuple[str, ...] = ()  # CSS selectors removed from the excerpt before reading its text
    text_strip: tuple[str, ...] = ()  # regexes removed from the excerpt text (labels inside it, e.g. 摘要:)
    year_from: str | None = None  # CSS selector of the year heading before the entry, for "MM-DD" dates
    excerpt_sibling: str | None = None  # excerpt = first following sibling of the entry matching this selector
    furniture: tuple[str, ...] = ()
    url_override: tuple[str, ...] = field(default=())  # used when the page itself gives no link (article pages)


BLOCKS = frozenset(
    {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "table", "blockquote"}
    | {"pre", "figure", "figcaption", "section", "article", "header", "footer", "hr", "dl", "dt", "dd"}
)


def visible_text(node: Tag) -> str:
    """Text as a reader sees it: inline pieces joined as written, block boundaries turned into line breaks.

    get_text(" ") would put a space inside "<code>gem install</code>, you", which no detector reproduces.
    """
    parts: list[str] = []
    for piece in node.descendants:
        if isinstance(piece, Tag):
            if piece.name in BLOCKS:
                parts.append("\n")
        elif (
            type(piece) is NavigableString and piece.parent is not None and piece.parent.name not in ("script", "style")
        ):
            parts.append(str(piece))
    return "".join(parts)


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def parse_date(raw: str) -> str | None:
    """Reads the few date spellings the themes print: ISO, 2019/08/08, 'May 14, 2023', '14 May 2023', 2020年1月2日,
    '十月 01, 2021', '3月 19, 2017', and 'May 4' under a year heading ('2020-May 4').

    Spaces around the separators are allowed: Landscape archives print "1月 18" under a year heading.
    """
    raw = collapse(raw)
    m = re.search(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", raw)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    m = re.search(r"([A-Za-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})", raw)
    if m and m[1].lower() in MONTHS:
        return date(int(m[3]), MONTHS[m[1].lower()], int(m[2])).isoformat()
    m = re.search(r"(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})", raw)
    if m and m[2].lower() in MONTHS:
        return date(int(m[3]), MONTHS[m[2].lower()], int(m[1])).isoformat()
    # Hello Friend NG archives print "May 4" under a year heading, which year_from turns into "2020-May 4".
    m = re.search(r"(\d{4})-([A-Za-z]{3})[a-z]*\.? (\d{1,2})\b", raw)
    if m and m[2].lower() in MONTHS:
        return date(int(m[1]), MONTHS[m[2].lower()], int(m[3])).isoformat()
    m = re.search(r"(十[一二]?|[一二三四五六七八九]|\d{1,2})月 (\d{1,2}),? (\d{4})", raw)
    if m:
        month = int(m[1]) if m[1].isdigit() else ZH_MONTHS.index(m[1]) + 1
        return date(int(m[3]), month, int(m[2])).isoformat()
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


def next_sibling_matching(entry: Tag, selector: str) -> Tag | None:
    for sib in entry.find_next_siblings():
        if soupsieve.match(selector, sib):
            return sib
    return None


def read_title(node: Tag, page: Page, where: str) -> tuple[Tag, str]:
    title_node = node.select_one(page.title) if page.title else node
    if title_node is None:
        raise ValueError(f"{where}: no title ({page.title})")
    if not page.title_drop:
        return title_node, visible_text(title_node)
    copy = BeautifulSoup(str(title_node), "lxml")
    for sel in page.title_drop:
        for junk in copy.select(sel):
            junk.decompose()
    return title_node, visible_text(copy)


def read_url(node: Tag, title_node: Tag, page: Page, base: str | None, index: int, where: str) -> str:
    if page.url_override:
        return page.url_override[index]
    if page.link is not None:
        link_node = node.select_one(page.link)
    elif title_node.name == "a":
        link_node = title_node
    else:
        link_node = title_node.find("a") or title_node.find_parent("a")
    href = link_node.get("href") if link_node is not None else None
    if href is None:
        raise ValueError(f"{where}: no link")
    return urljoin(base, href) if base else href


def read_date(soup: BeautifulSoup, node: Tag, page: Page) -> str | None:
    if page.date_before:
        # Pelican archives print <dt>date</dt><dd>title</dd>: the date is outside the entry, just before it.
        dnode = next((sib for sib in node.find_previous_siblings() if soupsieve.match(page.date_before, sib)), None)
    elif page.date_ancestor:
        # Redefine archives put one date-is="MM-DD" on an <li> that holds every post of that day.
        ancestors = (up for up in node.parents if isinstance(up, Tag) and soupsieve.match(page.date_ancestor, up))
        dnode = next(ancestors, None)
    else:
        dnode = node.select_one(page.date) if page.date else None
    if dnode is None:
        return None
    raw = dnode.get(page.date_attr, "") if page.date_attr else dnode.get_text(" ")
    if page.year_from:
        head_ids = {id(h) for h in soup.select(page.year_from)}
        year = dnode.find_previous(lambda t: id(t) in head_ids)
        if year is not None:
            raw = f"{collapse(year.get_text())}-{collapse(raw)}"
    return parse_date(raw)


def read_body(node: Tag, page: Page) -> str:
    if page.excerpt_sibling:
        found = next_sibling_matching(node, page.excerpt_sibling)
    else:
        found = node.select_one(page.excerpt) if page.excerpt else None
    if found is None:
        return ""
    copy = BeautifulSoup(str(found), "lxml")
    for sel in (*page.drop, "script", "style"):
        for junk in copy.select(sel):
            junk.decompose()
    text = collapse(visible_text(copy))
    for pattern in page.text_strip:
        text = re.sub(pattern, "", text)
    return text


def label(html_path: Path, page: Page) -> dict:
    """Reads one page with its theme's selectors into the ground-truth document (see THEME_FIXTURES contract)."""
    soup = BeautifulSoup(html_path.read_bytes(), "lxml")
    base = base_url(soup)
    entries = []
    for i, node in enumerate(soup.select(page.entry) if page.kind != "reject" else []):
        where = f"{html_path}: entry {i}"
        title_node, title = read_title(node, page, where)
        start = end = None
        if page.kind in ("listing", "article"):
            body = read_body(node, page)
            leaked = [f for f in page.furniture if f in body]
            if leaked:
                raise ValueError(f"{where} body holds furniture {leaked}; fix the furniture list")
            start, end = excerpt_bounds(body)
        entries.append(
            {
                "title": collapse(title),
                "url": read_url(node, title_node, page, base, i, where),
                "date": read_date(soup, node, page),
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


SOURCES_HEADER = """# Theme fixtures: where every page came from

Generated by `python benchmarks/themes/label.py` from `benchmarks/themes/pages.py`; edit the `source` there.

Each page is either **real output** (a generated site committed to a public repository, or a saved copy of a
live page, found through the public code index; quoted as `owner/repo@commit:path`, or as the index's file id
when the index gave no repository) or **rendered by hand** from the theme's real template and real posts (named
in the line). Trimming never restructures a page: inline CSS/JS, analytics, long SVG paths, widgets and some
entries are dropped, and blank template lines collapsed; nesting, classes, meta lines, read-more links, sidebars,
headers, footers and pagination are kept as rendered.

`dev/` themes are for development and tests. The first held-out themes (Cactus, Icarus, Ananke, MemE, Hyde,
Lanyon, Twenty Twenty) were measured once and then moved into `dev/`; any other group is held out, never tuned on.
`holdout2/` is the second held-out set, built after `holdout/` had been used for
tuning and kept for the final measurement only. `holdout3/` is the third, built after `dev/` and `holdout2/`
had both been used for tuning; its labels come only from per-theme selectors and the detector was never run
on its pages while it was built. `holdout4/` is the fourth, built the same way while `holdout3/` was being
used for tuning, from theme families none of the other sets holds (Hugo Stack and Tranquilpeak, Hexo
Kratos:Rebirth and Arknights, Pelican, Zola, Octopress). `holdout5/` is the fifth, built the same way while
`holdout4/` was about to be measured once and then tuned on, from themes no other set holds (Hexo Yun, Anatole
and Sakura, Pelican Flex, Hugo Lithium, Diary and Coder). `holdout6/` is the sixth, built the same way after every
earlier set had been used for tuning, from themes no other set holds (Hexo Redefine, Reimu and ShokaX, Hugo Jane,
Terminal and Hello Friend NG, Jekyll Mediumish). `holdout7/` is the seventh, built the same way after holdout6 too had
been used for tuning, from themes no other set holds (Hexo Particle, Stellar and Obsidian, Hugo Zozo, Jekyll Pixyll and
Feeling Responsive, Pelican Elegant). `holdout8/` is the eighth, built the same way after holdout7 too had been used
for tuning, from themes no other set holds (Hexo Nexmoe, Indigo, Pure and Jacman, Hugo Cupper and Future Imperfect,
Jekyll H2O).
"""


def render_sources(pages: dict[str, Page]) -> str:
    lines = [SOURCES_HEADER]
    groups = sorted({key.split("/")[0] for key in pages}, key=lambda group: (group != "dev", group))
    for group in groups:
        lines.append(f"\n## {group}\n")
        themes = sorted({key.split("/")[1] for key in pages if key.startswith(group + "/")})
        for theme in themes:
            lines.append(f"\n### {theme}\n")
            for key, page in sorted(pages.items()):
                if key.startswith(f"{group}/{theme}/"):
                    lines.append(f"- `{key}` ({page.kind}, {page.lang}): {page.source}")
    return "\n".join(lines) + "\n"


def main() -> int:
    from benchmarks.themes.pages import PAGES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the stored JSON instead of writing")
    args = parser.parse_args()
    sources = render_sources(PAGES)
    sources_path = ROOT / "SOURCES.md"
    if args.check and sources_path.read_text(encoding="utf-8") != sources:
        print(f"differs: {sources_path}")
        return 1
    if not args.check:
        sources_path.write_text(sources, encoding="utf-8")
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
OVERRIDES: dict[str, dict[int, dict]] = {
    # Diary lists the Friends page as a card dated 0001-01-01, Hugo's zero date: no publication date is shown.
    "holdout5/hugo-diary/page-3": {2: {"date": None}},
    # Sakura's archive splits each date over the year h3 ('2021年'), the month heading ('03月') and the link ('07日').
    "holdout5/hexo-sakura/archives": {
        0: {"date": "2021-03-07"},
        1: {"date": "2021-03-07"},
        2: {"date": "2021-03-07"},
        3: {"date": "2021-03-04"},
        4: {"date": "2021-03-02"},
        5: {"date": "2021-02-28"},
        6: {"date": "2021-02-19"},
        7: {"date": "2021-02-03"},
        8: {"date": "2020-12-20"},
        9: {"date": "2020-12-16"},
        10: {"date": "2020-12-01"},
        11: {"date": "2020-11-25"},
        12: {"date": "2020-11-23"},
    },
}


if __name__ == "__main__":
    sys.exit(main())

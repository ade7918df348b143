"""Listing detection on saved theme pages against their ground truth.

Usage: python benchmarks/listing_bench.py FIXTURE_DIR [FIXTURE_DIR...] [--per-page]

Every `*.html` under the given directories (searched recursively) is read
with `dumpflow.html.parse_html` in auto mode and compared with the `*.json`
beside it (layout and keys: tests/fixtures/html/themes, README there). A
returned entry matches a truth entry by URL, else by normalised title; each
truth entry is matched at most once. Prints one table per page kind
(listing, titles, article, reject) and a total:

- card recall / precision: matched truth entries / truth entries, matched
  entries / returned entries, summed over pages;
- title / URL / date accuracy: over matched pairs (dates only where the
  truth shows one);
- wrongly rejected: pages with entries in the truth that were rejected;
  wrongly loaded: `reject` pages that gave entries;
- furniture leaked: entry bodies holding any of the page's furniture strings;
- junk articles: pages that are not article pages but came back as one entry
  matching no post (the whole page loaded as one article named after the site).

Accuracy, not speed: the numbers are deterministic, so they can be compared
between commits.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from dumpflow import html
from schemas.records import DumpFile, ParsedDump, RawEntry, Rejection

KINDS = ("listing", "titles", "article", "reject")
_WS = re.compile(r"\s+")


def norm_title(title: str | None) -> str:
    return _WS.sub(" ", title or "").strip().casefold()


def norm_url(url: str | None) -> str:
    """Scheme and host case, the fragment and a trailing slash or index.html do not make another page."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    path = re.sub(r"/index\.html?$", "/", parts.path).rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


@dataclass
class Tally:
    pages: int = 0
    truth: int = 0
    found: int = 0
    matched: int = 0
    titles_ok: int = 0
    urls_ok: int = 0
    dated: int = 0
    dates_ok: int = 0
    wrongly_rejected: int = 0
    wrongly_loaded: int = 0
    leaked: int = 0
    junk: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in (
            "pages",
            "truth",
            "found",
            "matched",
            "titles_ok",
            "urls_ok",
            "dated",
            "dates_ok",
            "wrongly_rejected",
            "wrongly_loaded",
            "leaked",
            "junk",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def recall(self) -> float:
        return self.matched / self.truth if self.truth else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "  -  "


def parse_page(path: Path) -> ParsedDump | Rejection:
    data = path.read_bytes()
    dump = DumpFile(
        path=str(path), source_name=path.name, dump_id=hashlib.sha256(data).hexdigest(), size_bytes=len(data)
    )

    def reject(reason: str) -> Rejection:
        return Rejection(source_path=dump.path, source_name=dump.source_name, dump_id=dump.dump_id, reason=reason)

    return html.parse_html(dump, data, reject)


def _match(entries: list[RawEntry], truth: list[dict[str, object]]) -> list[tuple[RawEntry, dict[str, object]]]:
    """Pairs of (returned, truth) entries: by URL first, then by title among the rest."""
    free = list(range(len(truth)))
    pairs: list[tuple[RawEntry, dict[str, object]]] = []
    unmatched: list[RawEntry] = []
    for entry in entries:
        key = norm_url(entry.url)
        hit = next((i for i in free if key and norm_url(str(truth[i]["url"] or "")) == key), None)
        if hit is None:
            unmatched.append(entry)
            continue
        free.remove(hit)
        pairs.append((entry, truth[hit]))
    for entry in unmatched:
        key = norm_title(entry.title)
        hit = next((i for i in free if key and norm_title(str(truth[i]["title"])) == key), None)
        if hit is not None:
            free.remove(hit)
            pairs.append((entry, truth[hit]))
    return pairs


def score_page(path: Path, truth: dict[str, object]) -> Tally:
    result = parse_page(path)
    expected: list[dict[str, object]] = list(truth["entries"])  # type: ignore[arg-type]
    kind = str(truth["page_kind"])
    tally = Tally(pages=1, truth=len(expected))
    if isinstance(result, Rejection):
        if expected:
            tally.wrongly_rejected = 1
            tally.notes.append(f"rejected: {result.reason[:90]}")
        return tally
    entries = result.entries
    tally.found = len(entries)
    if kind == "reject":
        tally.wrongly_loaded = 1
    pairs = _match(entries, expected)
    tally.matched = len(pairs)
    for entry, want in pairs:
        tally.titles_ok += norm_title(entry.title) == norm_title(str(want["title"]))
        tally.urls_ok += norm_url(entry.url) == norm_url(str(want["url"] or ""))
        if want.get("date"):
            tally.dated += 1
            tally.dates_ok += entry.published == want["date"]
    furniture = [str(item) for item in truth.get("furniture", []) or [] if str(item).strip()]  # type: ignore[union-attr]
    for entry in entries:
        leaked = [item for item in furniture if item in entry.raw_text]
        if leaked:
            tally.leaked += 1
            tally.notes.append(f"furniture {leaked[:3]} in {entry.title!r}")
    if kind != "article" and len(entries) == 1 and not pairs:
        tally.junk = 1
    return tally


def cases(dirs: list[Path]) -> list[tuple[Path, dict[str, object]]]:
    found: list[tuple[Path, dict[str, object]]] = []
    for directory in dirs:
        for page in sorted(directory.rglob("*.html")):
            truth_path = page.with_suffix(".json")
            if truth_path.is_file():
                found.append((page, json.loads(truth_path.read_text(encoding="utf-8"))))
    return found


HEADER = (
    "| kind    | pages | recall | precision | title acc | url acc | date acc "
    "| wrongly rejected | wrongly loaded | furniture leaked | junk articles |"
)


def row(name: str, t: Tally) -> str:
    return (
        f"| {name:<7} | {t.pages:5d} | {_ratio(t.matched, t.truth):>6} | {_ratio(t.matched, t.found):>9} "
        f"| {_ratio(t.titles_ok, t.matched):>9} | {_ratio(t.urls_ok, t.matched):>7} "
        f"| {_ratio(t.dates_ok, t.dated):>8} | {t.wrongly_rejected:16d} | {t.wrongly_loaded:14d} "
        f"| {t.leaked:16d} | {t.junk:13d} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fixture_dirs", type=Path, nargs="+")
    parser.add_argument("--per-page", action="store_true", help="also print one line per page")
    args = parser.parse_args(argv)
    pages = cases(args.fixture_dirs)
    by_kind = {kind: Tally() for kind in KINDS}
    total = Tally()
    for path, truth in pages:
        tally = score_page(path, truth)
        by_kind.setdefault(str(truth["page_kind"]), Tally()).add(tally)
        total.add(tally)
        if args.per_page:
            rel = f"{path.parent.name}/{path.name}"
            print(
                f"{rel:<40} {truth['page_kind']:<8} truth {tally.truth:3d} found {tally.found:3d} "
                f"matched {tally.matched:3d} recall {_ratio(tally.matched, tally.truth)} "
                f"precision {_ratio(tally.matched, tally.found)} dates {tally.dates_ok}/{tally.dated}"
            )
            for note in tally.notes:
                print(f"    {note}")
    print(f"{len(pages)} pages from {', '.join(str(d) for d in args.fixture_dirs)}")
    print(HEADER)
    print("|" + "|".join("-" * len(cell) for cell in HEADER[1:-1].split("|")) + "|")
    for kind, tally in by_kind.items():
        if tally.pages:
            print(row(kind, tally))
    print(row("total", total))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A seed-like corpus of listing-page dumps with known repeats, for the dedup benchmark.

    python benchmarks/corpus.py OUT_DIR --entries N --seed S [--repeat-share 0.3]

Writes OUT_DIR/dumps/*.txt in the seeds' exact format (three header lines, 12
excerpts a dump, `...` on cut excerpts, sometimes a pagination line, no final
newline) and, next to them, the answers: truth.csv (source_name, position,
article), kinds.csv (what each entry is: new or which kind of repeat),
traps.csv (the articles built to look alike without being repeats) and
corpus.json (arguments and counts).

Why the text is built from the seed dumps rather than random characters: the
thing under test is a text matcher, and shingle statistics of real Chinese
technical prose with English terms (shared function words, recurring phrases
such as "的训练", terms such as Transformer) are what make near-duplicate
detection hard; random text would make every method look perfect. Distinct
articles recombine ~700 seed clauses (and swap their English terms), so two
articles share a clause now and then, as real posts on one blog do, but never
most of their text.

Why only `random.random()` is used (through `Draw`): CPython guarantees that
`Random(seed).random()` gives the same sequence on every machine and version,
but not `choice`, `randint` or `sample`. Together with sorted inputs and no
`hash()`, the same arguments give byte-identical files everywhere.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import shutil
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar, cast

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED_DIR = ROOT / "raw"
GENERATOR_VERSION = 1

HEADER = ("INCOMING TRANSMISSION", "", "LATEST UPDATES")
ENTRIES_PER_DUMP = 12
MARKER = "..."
MIN_CUT = 80
PAGINATION_LINES = ("1 2", "1 2 3", "1 2 3 4 5")
PAGINATION_SHARE = 0.2

SECTION_WORDS = ("概述", "简介", "引言与背景")
INSERTED_LINES = (
    "(本文首发于公众号,转载请注明出处)",
    "（本文首发于公众号，转载请注明出处）",
    "(原创文章,转载请联系作者授权)",
    "【文末附代码与数据集下载链接】",
)

# Shares of each repeat kind among repeats (they add up to 1). Re-truncation
# and edits are the ones a hash of the text cannot find; the combination is
# the hardest case the issue names.
REPEAT_KINDS: dict[str, float] = {
    "exact": 0.25,
    "retruncated": 0.20,
    "punct_spacing": 0.15,
    "edited": 0.15,
    "inserted_line": 0.10,
    "edited_retruncated": 0.15,
}
# Traps among new articles: look-alikes that must stay apart.
SECTION_SHARE = 0.12  # opens with a section word (概述 / 简介 / 引言与背景)
SHORT_SHARE = 0.05  # every excerpt of it is 80-100 chars
SERIES_SHARE = 0.06  # member of a series sharing a 100-160 char intro
SERIES_SIZE = (2, 4)
SERIES_INTRO = (100, 160)
SERIES_MARGIN = 60  # every cut of a series member goes this far past the intro
RECENT_WINDOW = 60  # repeats come half from the last articles, half from all
FULL_DISPLAY_MAX = 500  # an article this short is sometimes shown uncut

T = TypeVar("T")

_SPLIT = re.compile(r"(?<=[。！？；!?;,，：])|(?<=:)(?!//)")
_TERM = re.compile(r"[A-Za-z][A-Za-z0-9\-]{2,}")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PAGINATION = re.compile(r"^[\d\s]+$")
_WIDTH_PAIRS = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
_WIDTH_SWAP = {**_WIDTH_PAIRS, **{v: k for k, v in _WIDTH_PAIRS.items()}}


class Draw:
    """Random choices derived from `Random.random()` only (see the module docstring)."""

    def __init__(self, seed: str) -> None:
        self._rng = random.Random(seed)

    def unit(self) -> float:
        return self._rng.random()

    def chance(self, p: float) -> bool:
        return self._rng.random() < p

    def below(self, n: int) -> int:
        return min(int(self._rng.random() * n), n - 1)

    def between(self, lo: int, hi: int) -> int:
        """An integer in [lo, hi], both ends included."""
        return lo + self.below(hi - lo + 1)

    def pick(self, items: Sequence[T]) -> T:
        return items[self.below(len(items))]

    def shuffle(self, items: list[T]) -> None:
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]


# --- the text source -----------------------------------------------------------


@dataclass(frozen=True)
class TextSource:
    """Clauses, English terms and Han characters taken from the seed dumps."""

    clauses: tuple[str, ...]
    terms: tuple[str, ...]
    han: tuple[str, ...]

    @classmethod
    def from_seeds(cls, seed_dir: Path) -> TextSource:
        excerpts: dict[str, None] = {}
        for path in sorted(seed_dir.glob("*.txt")):
            for line in path.read_text(encoding="utf-8").splitlines()[len(HEADER) :]:
                if line.strip() and not _PAGINATION.match(line):
                    excerpts[line.removesuffix(MARKER).strip()] = None
        clauses: dict[str, None] = {}
        for excerpt in excerpts:
            # The last piece of an excerpt is where the site cut it mid-sentence.
            for piece in _SPLIT.split(excerpt)[:-1]:
                piece = piece.strip()
                if 4 <= len(piece) <= 80:
                    clauses[piece] = None
        text = "".join(clauses)
        terms = sorted({t for t in _TERM.findall(text) if not t.isupper() or len(t) <= 8})
        han = sorted(set(_CJK.findall(text)))
        if len(clauses) < 50 or not terms or not han:
            raise SystemExit(f"corpus: too little seed text in {seed_dir} ({len(clauses)} clauses)")
        return cls(tuple(clauses), tuple(terms), tuple(han))

    def clause(self, draw: Draw) -> str:
        """A seed clause, often with one English term swapped for another."""
        text = draw.pick(self.clauses)
        found = list(_TERM.finditer(text))
        if found and draw.chance(0.6):
            m = draw.pick(found)
            text = text[: m.start()] + draw.pick(self.terms) + text[m.end() :]
        return text

    def compose(self, draw: Draw, length: int) -> str:
        """Prose of at least `length` characters, clause by clause."""
        parts: list[str] = []
        size = 0
        while size < length:
            piece = self.clause(draw)
            if parts and parts[-1].endswith(("。", "!", "?", ".")) and draw.chance(0.3):
                piece = " " + piece  # the seeds often put a space after a full stop
            parts.append(piece)
            size += len(piece)
        return "".join(parts)


# --- articles --------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    """A distinct article: its full text is rebuilt from (seed, index) when needed."""

    index: int
    section: int  # index into SECTION_WORDS, or -1
    series: int  # series id, or -1
    short: bool

    @property
    def label(self) -> str:
        return f"a{self.index:07d}"


def series_intro(source: TextSource, seed: int, series: int) -> str:
    draw = Draw(f"{seed}/series/{series}")
    lo, hi = SERIES_INTRO
    target = draw.between(lo, hi - 20)
    text = source.compose(draw, target)
    return text if len(text) <= hi else text[: hi - 1] + "。"


def full_text(source: TextSource, seed: int, article: Article) -> str:
    """The article's whole text (300-1500 chars), the same every time it is asked for."""
    draw = Draw(f"{seed}/article/{article.index}")
    r = draw.unit()
    length = draw.between(300, 500) if r < 0.25 else draw.between(500, 1000) if r < 0.75 else draw.between(1000, 1500)
    opening = ""
    if article.series >= 0:
        opening = series_intro(source, seed, article.series)
    elif article.section >= 0:
        opening = SECTION_WORDS[article.section] + " "
    body = source.compose(draw, max(length - len(opening), 120))
    return (opening + body)[:1500]


def min_cut(source: TextSource, seed: int, article: Article) -> int:
    if article.series >= 0:
        return len(series_intro(source, seed, article.series)) + SERIES_MARGIN
    return MIN_CUT


def draw_cut(draw: Draw, article: Article, floor: int) -> int:
    """Where the site cuts an excerpt: mostly 150-300 chars, never under 80."""
    if article.short:
        return draw.between(80, 100)
    r = draw.unit()
    cut = draw.between(150, 300) if r < 0.75 else draw.between(300, 500) if r < 0.9 else draw.between(100, 150)
    return max(cut, floor)


def excerpt(full: str, cut: int) -> str:
    """What the listing shows: the first `cut` characters and the marker, or the whole text."""
    return full if cut >= len(full) else full[:cut] + MARKER


# --- repeat noise ------------------------------------------------------------------


def split_marker(line: str) -> tuple[str, str]:
    return (line[: -len(MARKER)], MARKER) if line.endswith(MARKER) else (line, "")


def punct_spacing_noise(draw: Draw, text: str) -> str:
    """Swap punctuation width and add or drop spaces, 2-6 times."""
    chars = list(text)
    ops: dict[int, str] = {}
    for _ in range(draw.between(2, 6)):
        r = draw.unit()
        marks = [i for i, c in enumerate(chars) if c in _WIDTH_SWAP]
        spaces = [i for i, c in enumerate(chars) if c == " "]
        if r < 0.5 and marks:
            ops[draw.pick(marks)] = "swap"
        elif r < 0.75 and spaces:
            ops[draw.pick(spaces)] = "drop"
        else:
            ops[draw.between(1, len(chars) - 1)] = "space"
    for i in sorted(ops, reverse=True):
        if ops[i] == "swap" and chars[i] in _WIDTH_SWAP:
            chars[i] = _WIDTH_SWAP[chars[i]]
        elif ops[i] == "drop" and chars[i] == " ":
            del chars[i]
        else:
            chars.insert(i, " ")
    out = "".join(chars)
    return out if out != text else text[:1] + " " + text[1:]


def char_edits(draw: Draw, source: TextSource, text: str) -> str:
    """One to three single-character edits (substitute, delete, insert) anywhere."""
    chars = list(text)
    for _ in range(draw.between(1, 3)):
        i = draw.below(len(chars))
        r = draw.unit()
        if r < 0.6:
            new = draw.pick(source.han)
            chars[i] = new if new != chars[i] else "的"
        elif r < 0.8 and len(chars) > MIN_CUT:
            del chars[i]
        else:
            chars.insert(i, draw.pick(source.han))
    return "".join(chars)


def insert_line(draw: Draw, text: str, keep_length: bool) -> str:
    """Put a boilerplate line at a clause boundary inside the excerpt.

    With `keep_length` the site cut the edited article at the same length, so
    the inserted line pushes the excerpt's tail out.
    """
    line = draw.pick(INSERTED_LINES)
    bounds = [i + 1 for i, c in enumerate(text[:-1]) if c in "。，,;；:：" and i > 10]
    at = draw.pick(bounds) if bounds else len(text) // 2
    out = text[:at] + line + text[at:]
    return out[: len(text)] if keep_length else out


def make_repeat(draw: Draw, source: TextSource, seed: int, article: Article, first_cut: int, kind: str) -> str:
    """A later sighting of `article` of the given kind, as the listing shows it."""
    full = full_text(source, seed, article)
    floor = min_cut(source, seed, article)
    cut = first_cut
    if kind in ("retruncated", "edited_retruncated"):
        for _ in range(20):
            cut = draw_cut(draw, article, floor)
            if cut != first_cut and (cut < len(full) or first_cut < len(full)):
                break
    line = excerpt(full, cut)
    if kind in ("exact", "retruncated"):
        return line
    body, marker = split_marker(line)
    if kind == "punct_spacing":
        body = punct_spacing_noise(draw, body)
    elif kind in ("edited", "edited_retruncated"):
        body = char_edits(draw, source, body)
    elif kind == "inserted_line":
        body = insert_line(draw, body, keep_length=bool(marker) and draw.chance(0.5))
    else:
        raise ValueError(f"unknown repeat kind {kind!r}")
    return body + marker


# --- the corpus ----------------------------------------------------------------------


@dataclass
class Corpus:
    """Generation state: only small per-article facts; texts are rebuilt on demand."""

    source: TextSource
    seed: int
    articles: list[Article] = field(default_factory=list)
    first_cuts: list[int] = field(default_factory=list)
    open_series: list[list[int]] = field(default_factory=list)  # [series id, members left]
    series_members: dict[int, list[int]] = field(default_factory=dict)
    next_series: int = 0

    def new_article(self, draw: Draw) -> Article:
        index = len(self.articles)
        series = -1
        if draw.chance(SERIES_SHARE):
            if self.open_series and (draw.chance(0.6) or len(self.open_series) >= 4):
                slot = draw.pick(self.open_series)
            else:
                slot = [self.next_series, draw.between(*SERIES_SIZE)]
                self.next_series += 1
                self.open_series.append(slot)
            series = slot[0]
            slot[1] -= 1
            if slot[1] == 0:
                self.open_series.remove(slot)
            self.series_members.setdefault(series, []).append(index)
        section = draw.below(len(SECTION_WORDS)) if series < 0 and draw.chance(SECTION_SHARE) else -1
        # A series member is never a short excerpt: cut inside the shared intro it
        # would be text-identical to its siblings' openings, a repeat no method can
        # attribute. (The draw still happens, so the rest of the corpus is unchanged.)
        short = draw.chance(SHORT_SHARE) and series < 0
        article = Article(index=index, section=section, series=series, short=short)
        self.articles.append(article)
        return article

    def first_sighting(self, draw: Draw, article: Article) -> str:
        full = full_text(self.source, self.seed, article)
        cut = draw_cut(draw, article, min_cut(self.source, self.seed, article))
        if len(full) <= FULL_DISPLAY_MAX and not article.short and draw.chance(0.15):
            cut = len(full)
        self.first_cuts.append(cut)
        return excerpt(full, cut)

    def pick_earlier(self, draw: Draw) -> Article:
        n = len(self.articles)
        if draw.chance(0.5):
            return self.articles[n - 1 - draw.below(min(n, RECENT_WINDOW))]
        return self.articles[draw.below(n)]

    def traps(self) -> list[tuple[str, str, str]]:
        """(article, trap, group) for every look-alike built on purpose."""
        rows: list[tuple[str, str, str]] = []
        for series, members in sorted(self.series_members.items()):
            if len(members) >= 2:
                rows += [(self.articles[i].label, "series_intro", f"series-{series:05d}") for i in members]
        for article in self.articles:
            if article.section >= 0:
                rows.append((article.label, "section_word", f"section-{SECTION_WORDS[article.section]}"))
            if article.short:
                rows.append((article.label, "short_excerpt", "short"))
        return rows


def apportion(total: int, shares: dict[str, float]) -> dict[str, int]:
    """Exact counts per kind that add up to `total` (largest remainder)."""
    raw = {k: total * v for k, v in shares.items()}
    counts = {k: int(v) for k, v in raw.items()}
    for k in sorted(raw, key=lambda k: (-(raw[k] - counts[k]), k))[: total - sum(counts.values())]:
        counts[k] += 1
    return counts


@dataclass(frozen=True)
class Entry:
    line: str
    article: str
    kind: str


def generate_entries(corpus: Corpus, entries: int, repeat_share: float) -> Iterator[Entry]:
    """Every entry of the corpus in order, with its article and kind.

    The repeat positions and kinds are an exact, shuffled plan rather than a
    coin toss per entry, so the advertised shares hold at any size.
    """
    draw = Draw(f"{corpus.seed}/corpus")
    n_repeats = round((entries - 1) * repeat_share) if entries > 1 else 0
    kinds = [k for k, n in apportion(n_repeats, REPEAT_KINDS).items() for _ in range(n)]
    plan = kinds + ["new"] * (entries - 1 - n_repeats)
    draw.shuffle(plan)
    plan.insert(0, "new")  # nothing to repeat before the first article
    for kind in plan:
        if kind == "new":
            article = corpus.new_article(draw)
            yield Entry(corpus.first_sighting(draw, article), article.label, "new")
        else:
            article = corpus.pick_earlier(draw)
            line = make_repeat(draw, corpus.source, corpus.seed, article, corpus.first_cuts[article.index], kind)
            yield Entry(line, article.label, kind)


def dump_bytes(lines: Sequence[str], pagination: str | None) -> bytes:
    """A dump in the seeds' layout: header, excerpts, optional pagination, no final newline."""
    body = [*HEADER, *lines, *([pagination] if pagination else [])]
    return "\n".join(body).encode("utf-8")


def write_corpus(out_dir: Path, entries: int, seed: int, repeat_share: float, seed_dir: Path) -> dict[str, object]:
    """Write the dumps and the answer files; return what corpus.json records."""
    source = TextSource.from_seeds(seed_dir)
    corpus = Corpus(source, seed)
    dumps_dir = out_dir / "dumps"
    dumps_dir.mkdir(parents=True, exist_ok=True)
    layout = Draw(f"{seed}/layout")
    kind_counts: Counter[str] = Counter()
    seen_digests: set[str] = set()
    n_dumps = 0
    lengths: list[int] = []
    with (
        (out_dir / "truth.csv").open("w", encoding="utf-8", newline="") as truth_handle,
        (out_dir / "kinds.csv").open("w", encoding="utf-8", newline="") as kinds_handle,
    ):
        truth = csv.writer(truth_handle, lineterminator="\n")
        kinds = csv.writer(kinds_handle, lineterminator="\n")
        truth.writerow(["source_name", "position", "article"])
        kinds.writerow(["source_name", "position", "kind"])
        batch: list[Entry] = []

        def flush() -> None:
            nonlocal n_dumps
            pagination = layout.pick(PAGINATION_LINES) if layout.chance(PAGINATION_SHARE) else None
            data = dump_bytes([e.line for e in batch], pagination)
            digest = hashlib.sha256(data).hexdigest()
            if digest in seen_digests:  # same bytes would be skipped as "already loaded"
                data = dump_bytes([e.line for e in batch], None if pagination else PAGINATION_LINES[0])
                digest = hashlib.sha256(data).hexdigest()
            seen_digests.add(digest)
            name = f"{n_dumps:06d}_{digest[:16]}.txt"
            (dumps_dir / name).write_bytes(data)
            for position, entry in enumerate(batch):
                truth.writerow([name, position, entry.article])
                kinds.writerow([name, position, entry.kind])
            n_dumps += 1
            batch.clear()

        for entry in generate_entries(corpus, entries, repeat_share):
            kind_counts[entry.kind] += 1
            lengths.append(len(entry.line))
            batch.append(entry)
            if len(batch) == ENTRIES_PER_DUMP:
                flush()
        if batch:
            flush()
    traps = corpus.traps()
    with (out_dir / "traps.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["article", "trap", "group"])
        writer.writerows(traps)
    lengths.sort()
    meta: dict[str, object] = {
        "generator_version": GENERATOR_VERSION,
        "entries": entries,
        "seed": seed,
        "repeat_share": repeat_share,
        "dumps": n_dumps,
        "articles": len(corpus.articles),
        "seed_clauses": len(source.clauses),
        "kinds": {k: kind_counts[k] for k in ["new", *REPEAT_KINDS]},
        "traps": dict(sorted(Counter(trap for _, trap, _ in traps).items())),
        "trap_groups": dict(sorted(Counter(trap for trap, _ in {(t, g) for _, t, g in traps}).items())),
        "excerpt_chars": {"min": lengths[0], "median": lengths[len(lengths) // 2], "max": lengths[-1]},
    }
    (out_dir / "corpus.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return meta


INCREMENTAL_KINDS = ("exact", "punct_spacing", "edited", "inserted_line", "retruncated")


def dump_lines(path: Path) -> list[str]:
    """The excerpt lines of a generated dump (header and pagination left out)."""
    lines = path.read_text(encoding="utf-8").split("\n")[len(HEADER) :]
    return lines[:-1] if lines and _PAGINATION.match(lines[-1]) else lines


def incremental_dump(
    corpus_dir: Path, out_dir: Path, repeats: int = 9, seed_dir: Path = DEFAULT_SEED_DIR
) -> list[tuple[str, int, str, str]]:
    """One more 12-entry dump for a corpus: `repeats` re-sightings of its entries, the rest new.

    The repeats are derived from lines already in the corpus (so no generator
    state is needed, whatever the corpus size): exact, punctuation/spacing
    noise, edits, an inserted line, or a shorter cut. New articles use indexes
    past the corpus's last article, so their texts were never shown.
    Returns (source_name, position, article, kind) and writes out_dir/dumps/ and
    out_dir/truth.csv.
    """
    meta = json.loads((corpus_dir / "corpus.json").read_text(encoding="utf-8"))
    seed, n_articles, n_dumps = int(meta["seed"]), int(meta["articles"]), int(meta["dumps"])
    with (corpus_dir / "truth.csv").open(encoding="utf-8", newline="") as handle:
        truth = [(r["source_name"], int(r["position"]), r["article"]) for r in csv.DictReader(handle)]
    source = TextSource.from_seeds(seed_dir)
    draw = Draw(f"{seed}/incremental")
    entries: list[tuple[str, str, str]] = []  # (line, article, kind)
    for i in range(min(repeats, ENTRIES_PER_DUMP)):
        name, position, article = truth[draw.below(len(truth))]
        line = dump_lines(corpus_dir / "dumps" / name)[position]
        body, marker = split_marker(line)
        kind = INCREMENTAL_KINDS[i % len(INCREMENTAL_KINDS)]
        if kind == "retruncated" and len(body) <= MIN_CUT:
            kind = "exact"  # already at the shortest cut the site makes
        if kind == "punct_spacing":
            body = punct_spacing_noise(draw, body)
        elif kind == "edited":
            body = char_edits(draw, source, body)
        elif kind == "inserted_line":
            body = insert_line(draw, body, keep_length=False)
        elif kind == "retruncated":
            body, marker = body[: draw.between(MIN_CUT, max(MIN_CUT, len(body) - 10))], MARKER
        entries.append((body + marker, article, kind))
    for k in range(ENTRIES_PER_DUMP - len(entries)):
        article = Article(index=n_articles + k, section=-1, series=-1, short=False)
        full = full_text(source, seed, article)
        entries.append((excerpt(full, draw_cut(draw, article, MIN_CUT)), article.label, "new"))
    draw.shuffle(entries)
    data = dump_bytes([line for line, _, _ in entries], None)
    name = f"{n_dumps:06d}_{hashlib.sha256(data).hexdigest()[:16]}.txt"
    (out_dir / "dumps").mkdir(parents=True, exist_ok=True)
    (out_dir / "dumps" / name).write_bytes(data)
    rows = [(name, position, article, kind) for position, (_, article, kind) in enumerate(entries)]
    with (out_dir / "truth.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["source_name", "position", "article", "kind"])
        writer.writerows(rows)
    return rows


def prepare_out_dir(out_dir: Path, force: bool) -> None:
    """Refuse to mix a new corpus with an old one: stale dumps would corrupt the truth."""
    ours = [out_dir / "dumps", *(out_dir / n for n in ("truth.csv", "kinds.csv", "traps.csv", "corpus.json"))]
    if any(p.exists() for p in ours):
        if not force:
            raise SystemExit(f"corpus: {out_dir} already holds a corpus; pass --force to replace it")
        for p in ours:
            if p.is_dir():
                shutil.rmtree(p)
            elif p.exists():
                p.unlink()
    out_dir.mkdir(parents=True, exist_ok=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--entries", type=int, required=True, help="article entries in all dumps together")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--repeat-share", type=float, default=0.3, help="share of entries that repeat an article")
    parser.add_argument("--seed-dir", type=Path, default=DEFAULT_SEED_DIR, help="seed dumps to take text from")
    parser.add_argument("--force", action="store_true", help="replace a corpus already in OUT_DIR")
    args = parser.parse_args(argv)
    if args.entries < 1 or not 0.0 <= args.repeat_share < 1.0:
        parser.error("--entries must be >= 1 and --repeat-share in [0, 1)")
    prepare_out_dir(args.out_dir, args.force)
    meta = write_corpus(args.out_dir, args.entries, args.seed, args.repeat_share, args.seed_dir)
    print(f"corpus: {meta['entries']} entries in {meta['dumps']} dumps, {meta['articles']} articles -> {args.out_dir}")
    kinds = cast(dict[str, int], meta["kinds"])
    repeats = args.entries - kinds["new"]
    print(f"  {'kind':<20} {'entries':>9}  {'of all':>7}  {'of repeats':>10}")
    for kind, n in kinds.items():
        of_repeats = f"{n / repeats:.1%}" if kind != "new" and repeats else ""
        print(f"  {kind:<20} {n:>9}  {n / args.entries:>7.1%}  {of_repeats:>10}")
    print(f"  trap articles: {meta['traps']}  trap groups: {meta['trap_groups']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

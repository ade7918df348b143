"""`dumpflow report`: an offline page whose charts a real browser draws, with scraped text escaped."""

from __future__ import annotations

import datetime as dt
import html
import os
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from dumpflow import cli, report, warehouse
from tests.warehouse_copies import upgraded_copy

HOSTILE_TITLE = '<script>alert("pwned")</script>'
HOSTILE_BODY = "<img src=x onerror=alert(1)> & more text"
NETWORK_TAGS = {"script", "link", "img", "iframe", "object", "embed", "audio", "video", "source"}


class Page(HTMLParser):
    """Tags, attributes and text of a page, as a browser's parser would see them."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def charts(self) -> dict[str, int]:
        """data-chart id -> number of bars drawn in that chart."""
        out: dict[str, int] = {}
        current = None
        for tag, attrs in self.tags:
            if tag == "svg":
                current = attrs.get("data-chart")
                out[str(current)] = 0
            elif tag == "rect" and attrs.get("class") == "bar" and current is not None:
                out[str(current)] += 1
        return out


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return upgraded_copy(tmp_path / "wh")


def add_hostile_article(path: Path) -> None:
    with warehouse.session(path) as con:
        first = con.execute("SELECT dump_id, ingested_at FROM dumps ORDER BY ingested_at DESC, dump_id LIMIT 1")
        dump_id, seen = first.fetchall()[0]
        later = seen + dt.timedelta(minutes=1)
        con.execute(
            "INSERT INTO articles (article_id, title, body, lang, lang_confidence, lang_method, is_truncated, "
            "n_chars, url, first_seen, last_seen, first_dump_id, last_dump_id, match_key) "
            "VALUES (?, ?, ?, 'en', 1.0, 'test', false, ?, NULL, ?, ?, ?, ?, 'k')",
            ["hostile000000000", HOSTILE_TITLE, HOSTILE_BODY, len(HOSTILE_BODY), later, later, dump_id, dump_id],
        )
        con.execute("INSERT INTO article_topics VALUES ('hostile000000000', '<marquee>moving</marquee>', 1.0, ['x'])")


def test_scraped_text_is_escaped_and_shown_as_text(db: Path) -> None:
    add_hostile_article(db)
    with warehouse.session(db, read_only=True) as con:
        page = report.build(con)
    parsed = Page(page)
    text = "".join(parsed.text)
    assert HOSTILE_TITLE in text
    assert HOSTILE_BODY in text
    assert "<marquee>moving</marquee>" in text
    assert not any(tag in ("script", "img", "marquee") for tag, _ in parsed.tags)
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in page


def test_the_page_needs_nothing_from_the_network(db: Path) -> None:
    with warehouse.session(db, read_only=True) as con:
        parsed = Page(report.build(con))
    assert not [tag for tag, _ in parsed.tags if tag in NETWORK_TAGS]
    assert not [(tag, attrs) for tag, attrs in parsed.tags if {"src", "href"} & attrs.keys()]
    assert not [attrs for _, attrs in parsed.tags if "url(" in (attrs.get("style") or "")]
    style = next(i for i, (tag, _) in enumerate(parsed.tags) if tag == "style")
    assert "url(" not in parsed.text[style] and "@import" not in parsed.text[style]


def test_charts_have_one_bar_per_value(db: Path) -> None:
    with warehouse.session(db, read_only=True) as con:
        charts = Page(report.build(con)).charts()
    # 16 topics; 5 dumps of which 4 had repeats; one ingest day; one language.
    assert charts == {"topics": 16, "per-dump": 9, "per-day": 1, "languages": 1}


def test_the_same_warehouse_gives_the_same_page(db: Path) -> None:
    """The page shows the latest ingest time, not the render time, so re-rendering changes nothing."""
    with warehouse.session(db, read_only=True) as con:
        first = report.build(con)
    with warehouse.session(db, read_only=True) as con:
        second = report.build(con)
        as_of = con.execute("SELECT max(ingested_at) FROM dumps").fetchall()[0][0]
    assert first == second
    assert f"data as of {as_of:%Y-%m-%d %H:%M:%S} UTC" in first


def test_an_empty_warehouse_still_renders(tmp_path: Path) -> None:
    path = tmp_path / "empty.duckdb"
    warehouse.ensure(path)
    with warehouse.session(path, read_only=True) as con:
        page = report.build(con)
    assert page.count("no data yet") == 4
    assert "No articles yet." in page


def test_report_command_writes_the_file(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "site" / "report.html"
    assert cli.main(["report", "--out", str(out), "--warehouse", str(db)]) == cli.EXIT_OK
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def add_dumps(path: Path, n: int, step: dt.timedelta, status: str = "loaded") -> None:
    """n generated dumps, one every `step` from 2020-01-01; a loaded one sights an existing article as new."""
    start = dt.datetime(2020, 1, 1)
    with warehouse.session(path) as con:
        con.execute(
            "INSERT INTO dumps (dump_id, source_name, source_path, format, status, reason, ingested_at) "
            "SELECT ? || lpad(i::VARCHAR, 6, '0'), 'gen_' || lpad(i::VARCHAR, 6, '0') || '.txt', 'raw/gen.txt', "
            "'text', ?, CASE WHEN ? = 'rejected' THEN 'not a dump: line ' || i ELSE NULL END, "
            "?::TIMESTAMP + i * ?::INTERVAL FROM range(?) t(i)",
            [status, status, status, start, step, n],
        )
        if status == "loaded":
            con.execute(
                "INSERT INTO sightings (dump_id, position, article_id, raw_text, line_no, kind, similarity) "
                "SELECT d.dump_id, 0, a.article_id, 'x', 0, 'new', 1.0 "
                "FROM dumps d, (SELECT min(article_id) AS article_id FROM articles) a WHERE d.dump_id LIKE 'loaded%'"
            )


def chart_height(page: str, chart_id: str) -> int:
    return next(int(str(a["height"])) for tag, a in Page(page).tags if tag == "svg" and a.get("data-chart") == chart_id)


@pytest.mark.parametrize(
    ("step", "unit", "bars"),
    [
        # 4,000 dumps from 2020-01-01, plus the seed dumps' own day or month (their year, 2026, is among them).
        (dt.timedelta(minutes=15), "day", 42 + 1),  # over 41.7 days
        (dt.timedelta(hours=6), "month", 33 + 1),  # over 1,000 days: 143 weeks are too many
        (dt.timedelta(days=1), "year", 11),  # over 11 years: 132 months are too many
    ],
)
def test_thousands_of_dumps_are_charted_by_period(db: Path, step: dt.timedelta, unit: str, bars: int) -> None:
    add_dumps(db, 4000, step)
    with warehouse.session(db, read_only=True) as con:
        data = report.collect(con)
        page = report.render(data)
        new_sightings = con.execute("SELECT count(*) FROM sightings WHERE kind = 'new'").fetchall()[0][0]
    assert data.per_dump_unit == unit
    assert len(data.per_dump) == bars
    assert sum(n for _, n, _ in data.per_dump) == new_sightings  # every dump is in some bar
    assert f"New articles and repeats per {unit}" in page
    bound = 16 + report.MAX_BARS * 24
    assert chart_height(page, "per-dump") <= bound
    assert chart_height(page, "per-day") <= bound


def test_a_few_dumps_keep_one_bar_each(db: Path) -> None:
    add_dumps(db, report.MAX_BARS - 5, dt.timedelta(minutes=1))
    with warehouse.session(db, read_only=True) as con:
        data = report.collect(con)
    assert data.per_dump_unit == "dump"
    assert len(data.per_dump) == report.MAX_BARS
    assert data.per_dump[0][0] == "gen_000000.txt"


def test_rejected_files_are_listed_with_their_reasons(db: Path) -> None:
    add_dumps(db, 3, dt.timedelta(minutes=1), status="rejected")
    with warehouse.session(db, read_only=True) as con:
        text = "".join(Page(report.build(con)).text)
    for i in range(3):
        assert f"gen_{i:06d}.txt" in text and f"not a dump: line {i}" in text
    assert "No file was rejected." not in text


def test_many_rejected_files_show_the_latest_and_say_how_to_see_all(db: Path) -> None:
    add_dumps(db, report.REJECTED_SHOWN + 30, dt.timedelta(minutes=1), status="rejected")
    with warehouse.session(db, read_only=True) as con:
        text = "".join(Page(report.build(con)).text)
    newest = report.REJECTED_SHOWN + 29
    assert f"gen_{newest:06d}.txt" in text
    assert "gen_000000.txt" not in text
    assert f"The {report.REJECTED_SHOWN} latest of {report.REJECTED_SHOWN + 30}" in text


def test_text_dump_articles_are_titled_by_their_first_words(db: Path) -> None:
    add_hostile_article(db)  # the one article with a title of its own
    with warehouse.session(db, read_only=True) as con:
        page = report.build(con)
        heads = dict(con.execute("SELECT article_id, body FROM articles WHERE title IS NULL").fetchall())
    parsed = Page(page)
    derived = [i for i, (tag, attrs) in enumerate(parsed.tags) if tag == "td" and attrs.get("class") == "derived"]
    assert len(derived) == report.LATEST_ARTICLES - 1
    text = "".join(parsed.text)
    shown = [a for a in heads if a in text]
    assert shown and all(html.escape(report.first_words(heads[a])) in page for a in shown)
    assert HOSTILE_TITLE in text


def test_first_words_cut_at_a_word_or_clause_within_the_width() -> None:
    assert report.first_words("Attention Is All You Need: a short review of the transformer and why it matters") == (
        "Attention Is All You Need: a short review of…"
    )
    assert report.first_words("简介 24年12月,研究团队开发了 DeepSeek-V3,这是一个基于 MoE 架构的大模型") == (
        "简介 24年12月,研究团队开发了 DeepSeek-V3…"
    )
    assert report.first_words("short  text\n") == "short text"


# --- in a real browser --------------------------------------------------------


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("DUMPFLOW_REQUIRE_BROWSER") == "1":
        pytest.fail("DUMPFLOW_REQUIRE_BROWSER=1 but chromium is not installed (apt-get install -y chromium)")
    pytest.skip("chromium is not installed (apt-get install -y chromium); CI sets DUMPFLOW_REQUIRE_BROWSER=1")


def run_chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def decode_png(data: bytes) -> np.ndarray:
    """An 8-bit RGB(A) PNG as a (height, width, channels) array: enough PNG to read a screenshot."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, [], b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0, "screenshot in an unexpected PNG layout"
    bpp = 3 if colour == 2 else 4
    raw = np.frombuffer(zlib.decompress(b"".join(idat)), dtype=np.uint8).reshape(height, 1 + width * bpp)
    out = np.zeros((height, width * bpp), dtype=np.uint8)
    prev = np.zeros(width * bpp, dtype=np.int32)
    for y in range(height):
        kind, line = raw[y, 0], raw[y, 1:].astype(np.int32)
        if kind == 0:
            row = line
        elif kind == 1:  # Sub: a running sum per channel
            row = np.cumsum(line.reshape(width, bpp), axis=0).reshape(-1) % 256
        elif kind == 2:  # Up
            row = (line + prev) % 256
        else:  # Average and Paeth depend on the byte just decoded: byte by byte
            row = np.zeros_like(line)
            for x in range(width * bpp):
                a = int(row[x - bpp]) if x >= bpp else 0
                b = int(prev[x])
                if kind == 3:
                    row[x] = (line[x] + (a + b) // 2) % 256
                else:
                    c = int(prev[x - bpp]) if x >= bpp else 0
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                    row[x] = (line[x] + pred) % 256
        out[y] = row
        prev = row
    return out.reshape(height, width, bpp)[:, :, :3]


def count_colour(pixels: np.ndarray, hex_colour: str, tolerance: int = 12) -> int:
    target = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(pixels.astype(np.int32) - target).max(axis=2) <= tolerance).sum())


def test_a_headless_browser_draws_the_charts(db: Path, tmp_path: Path) -> None:
    binary = chromium()
    page = tmp_path / "report.html"
    assert cli.main(["report", "--out", str(page), "--warehouse", str(db)]) == cli.EXIT_OK

    dom = run_chromium(binary, tmp_path / "profile-dom", "--dump-dom", page.as_uri())
    console = [line for line in dom.stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]
    assert console == []
    assert Page(dom.stdout).charts() == {"topics": 16, "per-dump": 9, "per-day": 1, "languages": 1}

    shot = tmp_path / "report.png"
    run_chromium(
        binary,
        tmp_path / "profile-shot",
        "--hide-scrollbars",
        "--window-size=1000,1400",
        f"--screenshot={shot}",
        page.as_uri(),
    )
    pixels = decode_png(shot.read_bytes())
    assert pixels.shape[:2] == (1400, 1000)
    non_white = int((pixels.min(axis=2) < 240).sum())
    assert non_white > 0.05 * pixels.shape[0] * pixels.shape[1]
    # The bars themselves, in their own colours: the charts were drawn, not just the text.
    assert count_colour(pixels, report.BAR_COLOUR) > 20_000
    assert count_colour(pixels, report.REPEAT_COLOUR) > 2_000

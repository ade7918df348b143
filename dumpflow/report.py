"""A one-page HTML report of the warehouse that opens offline.

The charts are SVG drawn here in Python and inlined in the page: no script, no
CDN, no font or stylesheet from the network, so the file can be mailed or
opened from a laptop on a train and still shows everything. Every string that
comes from the data goes through html.escape, because article text is scraped
from the web. The page carries the time of the latest ingest, not the time it
was rendered, so the same warehouse always gives the same bytes.

A chart has at most MAX_BARS bars, so the page stays readable at any size:
past that many dumps (or ingest days), bars stand for a day, a week, a month
or a year, whichever is the finest that fits (a bar per dump made the chart
96,000 px tall at 4,000 dumps).
"""

from __future__ import annotations

import datetime as dt
import html
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from dumpflow.warehouse import schema_version

LATEST_ARTICLES = 20
REJECTED_SHOWN = 50
MAX_BARS = 60
UNITS = ("day", "week", "month", "year")
TITLE_COLUMNS = 48
CLAUSE_MARKS = frozenset(" ,.;:!?、,。;:!?")
BAR_COLOUR = "#2f6db5"
REPEAT_COLOUR = "#e08a2c"
CHART_WIDTH = 640


@dataclass(frozen=True)
class LatestArticle:
    article_id: str
    title: str | None
    snippet: str
    head: str  # the body's first characters, for a title where the dump has none
    lang: str
    topics: list[str]
    first_seen: dt.datetime
    last_seen: dt.datetime
    n_sightings: int


@dataclass(frozen=True)
class ReportData:
    as_of: dt.datetime | None
    schema_version: int
    totals: dict[str, int]
    topics: list[tuple[str, int]]
    per_dump: list[tuple[str, int, int]]  # label (a dump, or a period of several), new articles, repeats
    per_dump_unit: str  # "dump", or the period one bar stands for
    per_day: list[tuple[str, int]]
    per_day_unit: str
    languages: list[tuple[str, int]]
    latest: list[LatestArticle]
    rejected: list[tuple[str, str | None, dt.datetime]]  # source_name, reason, ingested_at: the latest ones


def _unit(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    """The finest period whose buckets fit MAX_BARS; sql counts the distinct buckets for the period bound to ?."""
    for unit in UNITS:
        if con.execute(sql, [unit]).fetchall()[0][0] <= MAX_BARS:
            return unit
    return UNITS[-1]


def _period_label(start: dt.date, unit: str) -> str:
    if unit == "year":
        return f"{start:%Y}"
    if unit == "month":
        return f"{start:%Y-%m}"
    if unit == "week":
        return f"week of {start.isoformat()}"
    return start.isoformat()


def _per_dump(con: duckdb.DuckDBPyConnection) -> tuple[list[tuple[str, int, int]], str]:
    n_loaded = con.execute("SELECT count(*) FROM dumps WHERE status = 'loaded'").fetchall()[0][0]
    if n_loaded <= MAX_BARS:
        rows = con.execute(
            "SELECT source_name, new_articles, repeats FROM dump_quality WHERE status = 'loaded' "
            "ORDER BY ingested_at, source_name, dump_id"
        ).fetchall()
        return [(s, int(n), int(r)) for s, n, r in rows], "dump"
    unit = _unit(con, "SELECT count(DISTINCT date_trunc(?, ingested_at)) FROM dumps WHERE status = 'loaded'")
    # Latest buckets first, then reversed: when even years overflow, the oldest ones are left out.
    rows = con.execute(
        "SELECT date_trunc(?, ingested_at)::DATE AS start, count(*), sum(new_articles), sum(repeats) "
        "FROM dump_quality WHERE status = 'loaded' GROUP BY start ORDER BY start DESC LIMIT ?",
        [unit, MAX_BARS],
    ).fetchall()
    return [(f"{_period_label(d, unit)} ({k} dumps)", int(n), int(r)) for d, k, n, r in reversed(rows)], unit


def _per_day(con: duckdb.DuckDBPyConnection) -> tuple[list[tuple[str, int]], str]:
    first_dump = "FROM articles a JOIN dumps d ON d.dump_id = a.first_dump_id"
    unit = _unit(con, f"SELECT count(DISTINCT date_trunc(?, d.ingested_at)) {first_dump}")
    rows = con.execute(
        f"SELECT date_trunc(?, d.ingested_at)::DATE AS start, count(*) {first_dump} "
        "GROUP BY start ORDER BY start DESC LIMIT ?",
        [unit, MAX_BARS],
    ).fetchall()
    return [(_period_label(d, unit), int(n)) for d, n in reversed(rows)], unit


def collect(con: duckdb.DuckDBPyConnection) -> ReportData:
    """Everything the page shows, read through the 0003 views where one fits."""
    as_of = con.execute("SELECT max(ingested_at) FROM dumps").fetchall()[0][0]
    totals_row = con.execute(
        "SELECT (SELECT count(*) FROM dumps WHERE status = 'loaded'), "
        "(SELECT count(*) FROM dumps WHERE status = 'rejected'), "
        "(SELECT count(*) FROM articles), (SELECT count(*) FROM sightings), (SELECT count(*) FROM merges)"
    ).fetchall()[0]
    totals = dict(zip(("dumps loaded", "dumps rejected", "articles", "sightings", "repeats"), totals_row, strict=True))
    topics = con.execute("SELECT topic, articles FROM topic_counts ORDER BY articles DESC, topic").fetchall()
    per_dump, per_dump_unit = _per_dump(con)
    per_day, per_day_unit = _per_day(con)
    languages = con.execute("SELECT lang, count(*) FROM articles GROUP BY lang ORDER BY count(*) DESC, lang").fetchall()
    latest = [
        LatestArticle(*row)
        for row in con.execute(
            "SELECT o.article_id, o.title, o.snippet, left(a.body, 200), o.lang, o.topics, o.first_seen, o.last_seen, "
            "o.n_sightings FROM article_overview o JOIN articles a USING (article_id) "
            "ORDER BY o.last_seen DESC, o.first_seen DESC, o.article_id LIMIT ?",
            [LATEST_ARTICLES],
        ).fetchall()
    ]
    rejected = con.execute(
        "SELECT source_name, reason, ingested_at FROM dumps WHERE status = 'rejected' "
        "ORDER BY ingested_at DESC, source_name, dump_id LIMIT ?",
        [REJECTED_SHOWN],
    ).fetchall()
    return ReportData(
        as_of=as_of,
        schema_version=schema_version(con),
        totals=totals,
        topics=[(t, int(n)) for t, n in topics],
        per_dump=per_dump,
        per_dump_unit=per_dump_unit,
        per_day=per_day,
        per_day_unit=per_day_unit,
        languages=[(lang, int(n)) for lang, n in languages],
        latest=latest,
        rejected=rejected,
    )


def first_words(text: str, columns: int = TITLE_COLUMNS) -> str:
    """A title for an article whose dump gave none (text dumps never do): its opening words.

    Cut at a space or a clause mark within `columns` display columns (a CJK
    character takes two), unless that would leave less than a third of them.
    """
    text = " ".join(text.split())
    used, cut = 0, None
    for i, ch in enumerate(text):
        width = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + width > columns:
            end = cut if cut is not None else i
            return text[:end].rstrip() + "…"
        if ch in CLAUSE_MARKS and used >= columns // 3:
            cut = i
        used += width
    return text


# --- SVG --------------------------------------------------------------------


def _text_width(text: str, px: float = 7.0) -> float:
    """Rough rendered width: wide (CJK) characters take about two columns."""
    return sum(2 * px if unicodedata.east_asian_width(ch) in "WF" else px for ch in text)


def _empty_chart(chart_id: str, title: str) -> str:
    return (
        f'<svg class="chart" data-chart="{chart_id}" role="img" aria-label="{html.escape(title)}" '
        f'width="{CHART_WIDTH}" height="40" viewBox="0 0 {CHART_WIDTH} 40">'
        f'<title>{html.escape(title)}</title><text x="8" y="24" class="none">no data yet</text></svg>'
    )


def bar_chart(
    chart_id: str, title: str, rows: Sequence[tuple[str, Sequence[int]]], colours: Sequence[str] = (BAR_COLOUR,)
) -> str:
    """Horizontal bars, one per row; several values in a row are stacked left to right."""
    if not rows:
        return _empty_chart(chart_id, title)
    bar_h, gap, top = 18, 6, 8
    label_w = min(260.0, max(_text_width(label) for label, _ in rows) + 12)
    value_w = 48
    plot_w = CHART_WIDTH - label_w - value_w
    biggest = max(sum(values) for _, values in rows) or 1
    height = top * 2 + len(rows) * (bar_h + gap)
    parts = [
        f'<svg class="chart" data-chart="{chart_id}" role="img" aria-label="{html.escape(title)}" '
        f'width="{CHART_WIDTH}" height="{height}" viewBox="0 0 {CHART_WIDTH} {height}">',
        f"<title>{html.escape(title)}</title>",
    ]
    for i, (label, values) in enumerate(rows):
        y = top + i * (bar_h + gap)
        parts.append(
            f'<text x="{label_w - 6:.1f}" y="{y + bar_h - 5}" text-anchor="end" class="label">'
            f"{html.escape(label)}</text>"
        )
        x = label_w
        for value, colour in zip(values, colours, strict=False):
            w = plot_w * value / biggest
            if value:
                parts.append(
                    f'<rect class="bar" x="{x:.1f}" y="{y}" width="{max(w, 1):.1f}" height="{bar_h}" fill="{colour}">'
                    f"<title>{html.escape(label)}: {value}</title></rect>"
                )
            x += w
        total = " + ".join(str(v) for v in values)
        parts.append(f'<text x="{x + 6:.1f}" y="{y + bar_h - 5}" class="value">{html.escape(total)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _legend(items: Sequence[tuple[str, str]]) -> str:
    return (
        '<p class="legend">'
        + " ".join(f'<span><i style="background:{c}"></i>{html.escape(name)}</span>' for name, c in items)
        + "</p>"
    )


# --- page -------------------------------------------------------------------

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC",sans-serif;margin:2rem auto;max-width:1100px;
color:#1d2430;padding:0 1rem}
h1{margin-bottom:.2rem}.meta{color:#5b6675;margin-top:0}
.totals{display:flex;gap:1rem;flex-wrap:wrap;padding:0;list-style:none}
.totals li{background:#f1f4f8;border-radius:6px;padding:.6rem 1rem}.totals b{display:block;font-size:1.4rem}
section{margin:1.5rem 0}.chart text{font-size:12px;fill:#1d2430}.chart .value{fill:#5b6675}
.legend span{margin-right:1rem}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #dde3ea;padding:4px 6px;
text-align:left;vertical-align:top}th{background:#f1f4f8}td.id{font-family:monospace}td.nowrap{white-space:nowrap}
td.derived{font-style:italic;color:#5b6675}
"""


def _title_cell(article: LatestArticle) -> str:
    if article.title:
        return f"<td>{html.escape(article.title)}</td>"
    # Shown apart (italic, grey) so a reader does not take the opening words for the author's title.
    return f'<td class="derived">{html.escape(first_words(article.head))}</td>'


def _rejected_section(data: ReportData) -> str:
    if not data.rejected:
        return "<p>No file was rejected.</p>"
    rows = "".join(
        f"<tr><td>{html.escape(name)}</td><td>{html.escape(reason or '')}</td>"
        f'<td class="nowrap">{seen:%Y-%m-%d %H:%M}</td></tr>'
        for name, reason, seen in data.rejected
    )
    more = data.totals["dumps rejected"] - len(data.rejected)
    note = (
        f'<p class="meta">The {len(data.rejected)} latest of {data.totals["dumps rejected"]}; all of them: '
        "<code>dumpflow query \"SELECT source_name, reason FROM dumps WHERE status = 'rejected'\"</code></p>"
        if more > 0
        else ""
    )
    return (
        f"<table><thead><tr><th>file</th><th>reason</th><th>when</th></tr></thead><tbody>{rows}</tbody></table>{note}"
    )


def render(data: ReportData) -> str:
    """The whole page as one string."""
    as_of = data.as_of.strftime("%Y-%m-%d %H:%M:%S UTC") if data.as_of else "no ingest yet"
    totals = "".join(f"<li><b>{n}</b>{html.escape(name)}</li>" for name, n in data.totals.items())
    charts = [
        ("Topic distribution", bar_chart("topics", "Articles per topic", [(t, [n]) for t, n in data.topics]), ""),
        (
            f"New articles and repeats per {data.per_dump_unit}",
            bar_chart(
                "per-dump",
                f"New articles and repeats per {data.per_dump_unit}",
                [(s, [n, r]) for s, n, r in data.per_dump],
                (BAR_COLOUR, REPEAT_COLOUR),
            ),
            _legend([("new articles", BAR_COLOUR), ("repeats", REPEAT_COLOUR)]),
        ),
        (
            f"New articles per {data.per_day_unit}",
            bar_chart("per-day", f"New articles per ingest {data.per_day_unit}", [(d, [n]) for d, n in data.per_day]),
            "",
        ),
        ("Language mix", bar_chart("languages", "Articles per language", [(x, [n]) for x, n in data.languages]), ""),
    ]
    sections = "".join(f"<section><h2>{html.escape(h)}</h2>{legend}{svg}</section>" for h, svg, legend in charts)
    rows = "".join(
        "<tr>"
        f'<td class="id">{html.escape(a.article_id)}</td>'
        f"{_title_cell(a)}"
        f"<td>{html.escape(a.snippet)}</td>"
        f'<td class="nowrap">{html.escape(a.lang)}</td>'
        f"<td>{html.escape(', '.join(a.topics))}</td>"
        f'<td class="nowrap">{a.first_seen:%Y-%m-%d %H:%M}</td>'
        f'<td class="nowrap">{a.last_seen:%Y-%m-%d %H:%M}</td>'
        f"<td>{a.n_sightings}</td>"
        "</tr>"
        for a in data.latest
    )
    table = (
        "<table><thead><tr><th>article</th><th>title</th><th>snippet</th><th>lang</th><th>topics</th>"
        f"<th>first seen</th><th>last seen</th><th>sightings</th></tr></thead><tbody>{rows}</tbody></table>"
        if data.latest
        else "<p>No articles yet.</p>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>dumpflow report</title><style>{STYLE}</style></head><body>"
        f'<h1>dumpflow report</h1><p class="meta">data as of {html.escape(as_of)} · schema version '
        f'{data.schema_version}</p><ul class="totals">{totals}</ul>{sections}'
        f"<section><h2>Latest articles</h2>{table}</section>"
        f"<section><h2>Rejected files</h2>{_rejected_section(data)}</section></body></html>\n"
    )


def build(con: duckdb.DuckDBPyConnection) -> str:
    return render(collect(con))

"""A one-page HTML report of the warehouse that opens offline.

The charts are SVG drawn here in Python and inlined in the page: no script, no
CDN, no font or stylesheet from the network, so the file can be mailed or
opened from a laptop on a train and still shows everything. Every string that
comes from the data goes through html.escape, because article text is scraped
from the web. The page carries the time of the latest ingest, not the time it
was rendered, so the same warehouse always gives the same bytes.
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
BAR_COLOUR = "#2f6db5"
REPEAT_COLOUR = "#e08a2c"
CHART_WIDTH = 640


@dataclass(frozen=True)
class LatestArticle:
    article_id: str
    title: str | None
    snippet: str
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
    per_dump: list[tuple[str, int, int]]  # source_name, new articles, repeats
    per_day: list[tuple[dt.date, int]]
    languages: list[tuple[str, int]]
    latest: list[LatestArticle]


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
    per_dump = con.execute(
        "SELECT source_name, new_articles, repeats FROM dump_quality WHERE status = 'loaded' "
        "ORDER BY ingested_at, source_name, dump_id"
    ).fetchall()
    per_day = con.execute(
        "SELECT d.ingested_at::DATE AS day, count(*) FROM articles a JOIN dumps d ON d.dump_id = a.first_dump_id "
        "GROUP BY day ORDER BY day"
    ).fetchall()
    languages = con.execute("SELECT lang, count(*) FROM articles GROUP BY lang ORDER BY count(*) DESC, lang").fetchall()
    latest = [
        LatestArticle(*row)
        for row in con.execute(
            "SELECT article_id, title, snippet, lang, topics, first_seen, last_seen, n_sightings "
            "FROM article_overview ORDER BY last_seen DESC, first_seen DESC, article_id LIMIT ?",
            [LATEST_ARTICLES],
        ).fetchall()
    ]
    return ReportData(
        as_of=as_of,
        schema_version=schema_version(con),
        totals=totals,
        topics=[(t, int(n)) for t, n in topics],
        per_dump=[(s, int(n), int(r)) for s, n, r in per_dump],
        per_day=[(d, int(n)) for d, n in per_day],
        languages=[(lang, int(n)) for lang, n in languages],
        latest=latest,
    )


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
"""


def render(data: ReportData) -> str:
    """The whole page as one string."""
    as_of = data.as_of.strftime("%Y-%m-%d %H:%M:%S UTC") if data.as_of else "no ingest yet"
    totals = "".join(f"<li><b>{n}</b>{html.escape(name)}</li>" for name, n in data.totals.items())
    charts = [
        ("Topic distribution", bar_chart("topics", "Articles per topic", [(t, [n]) for t, n in data.topics]), ""),
        (
            "New articles and repeats per dump",
            bar_chart(
                "per-dump",
                "New articles and repeats per dump",
                [(s, [n, r]) for s, n, r in data.per_dump],
                (BAR_COLOUR, REPEAT_COLOUR),
            ),
            _legend([("new articles", BAR_COLOUR), ("repeats", REPEAT_COLOUR)]),
        ),
        (
            "New articles per day",
            bar_chart("per-day", "New articles per ingest day", [(d.isoformat(), [n]) for d, n in data.per_day]),
            "",
        ),
        ("Language mix", bar_chart("languages", "Articles per language", [(x, [n]) for x, n in data.languages]), ""),
    ]
    sections = "".join(f"<section><h2>{html.escape(h)}</h2>{legend}{svg}</section>" for h, svg, legend in charts)
    rows = "".join(
        "<tr>"
        f'<td class="id">{html.escape(a.article_id)}</td>'
        f"<td>{html.escape(a.title or '')}</td>"
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
        f"<section><h2>Latest articles</h2>{table}</section></body></html>\n"
    )


def build(con: duckdb.DuckDBPyConnection) -> str:
    return render(collect(con))

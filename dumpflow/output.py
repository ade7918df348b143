"""The small fixed tables `status` and `export` print.

Query results go through DuckDB's own renderer and writers (dumpflow/results.py);
these tables are built in Python from counts and run rows. The table lines up
CJK text (two columns per wide character) and cuts long cells.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any, TextIO


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cut(text: str, limit: int) -> str:
    if _width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _cell(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_cell(v) for v in value) + "]"
    return " ".join(str(value).split())


def table(out: TextIO, columns: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 60) -> None:
    cells = [[_cut(_cell(v), max_width) for v in row] for row in rows]
    widths = [_width(c) for c in columns]
    for row in cells:
        widths = [max(w, _width(c)) for w, c in zip(widths, row, strict=True)]

    def line(values: Sequence[str]) -> str:
        return "│ " + " │ ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)) + " │"

    out.write("┌─" + "─┬─".join("─" * w for w in widths) + "─┐\n")
    out.write(line(columns) + "\n")
    out.write("├─" + "─┼─".join("─" * w for w in widths) + "─┤\n")
    for row in cells:
        out.write(line(row) + "\n")
    out.write("└─" + "─┴─".join("─" * w for w in widths) + "─┘\n")
    out.write(f"{len(rows)} row{'s' if len(rows) != 1 else ''}\n")

"""Query results as a terminal table, CSV or JSON.

The table lines up CJK text (two columns per wide character) and cuts long
cells, since bodies run to thousands of characters.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import unicodedata
import uuid
from collections.abc import Sequence
from typing import Any, TextIO

FORMATS = ("table", "csv", "json")


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


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def write(out: TextIO, columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str, max_width: int = 60) -> None:
    if fmt == "json":
        json.dump(
            [dict(zip(columns, map(_jsonable, row), strict=True)) for row in rows], out, ensure_ascii=False, indent=2
        )
        out.write("\n")
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if v is None else _cell(v) if isinstance(v, list | tuple) else v for v in row])
        return
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

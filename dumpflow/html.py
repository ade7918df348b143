"""HTML dumps (listing pages and article pages)."""

from __future__ import annotations

from collections.abc import Callable

from schemas.records import DumpFile, ParsedDump, Rejection


def parse_html(dump: DumpFile, data: bytes, reject: Callable[[str], Rejection]) -> ParsedDump | Rejection:
    return reject("HTML dumps are not supported by this version")

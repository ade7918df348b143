"""The property both fuzzers check: any bytes give entries or a rejection reason.

Shared by the hypothesis test (tests/test_pathological.py) and the atheris
target (fuzz_readers.py); it imports no fuzzing library, so the test suite
runs where atheris is not installed.
"""

from __future__ import annotations

import hashlib

from dumpflow.clean import clean_dump
from dumpflow.read import parse
from schemas.records import DumpFile, ParsedDump, Rejection

NAMES = ("dump.txt", "page.html", "noext", "dump.md", "scan.pdf", "page.htm")
LIMIT = 1 << 20


def check_one(data: bytes) -> None:
    """Entries or a reason, never an exception; text lines never hold a line break.

    The first byte picks the file name, so both readers and the sniffing
    between them are reached. A parsed dump is cleaned too: the boilerplate
    regexes are where slow inputs hide.
    """
    name = NAMES[data[0] % len(NAMES)] if data else NAMES[0]
    payload = data[1:]
    dump = DumpFile(
        path=f"/fuzz/{name}", source_name=name, dump_id=hashlib.sha256(payload).hexdigest(), size_bytes=len(payload)
    )
    result = parse(dump, payload, LIMIT)
    if isinstance(result, Rejection):
        assert result.reason, "a rejection without a reason"
        return
    assert isinstance(result, ParsedDump), type(result)
    if result.format == "text":
        assert all("\n" not in e.raw_text and "\r" not in e.raw_text for e in result.entries)
    cleaned = clean_dump(result)
    assert len(cleaned.entries) + len(cleaned.dropped) == len(result.entries)

"""Synthetic blog pages for the listing-detection tests, and the HTML reader run on one.

Shared by test_html_listing.py and test_html_generalize.py, which build their pages from the same site
chrome, titles and excerpts.
"""

from __future__ import annotations

import hashlib

from dumpflow import html
from schemas.records import DumpFile, ParsedDump, RawEntry, Rejection

SITE = '<head><meta property="og:type" content="website"><title>Lab Notes</title></head>'
EXCERPTS = [
    "Sparse attention keeps memory linear in the sequence length while keeping most of the accuracy of dense attention",
    "Every retrained tokenizer changes a few merges, and those changes ripple through embeddings and caches",
    "An evaluation is only as honest as its held-out set, so we rebuilt ours from scratch this spring",
]
TITLES = ["Sparse attention at scale", "Why tokenizers drift", "Honest evaluations"]


def parse(text: str) -> ParsedDump | Rejection:
    data = text.encode("utf-8")
    dump = DumpFile(path="p.html", source_name="p.html", dump_id=hashlib.sha256(data).hexdigest(), size_bytes=len(data))

    def reject(reason: str) -> Rejection:
        return Rejection(source_path="p.html", source_name="p.html", dump_id=dump.dump_id, reason=reason)

    return html.parse_html(dump, data, reject)


def entries(text: str) -> list[RawEntry]:
    parsed = parse(text)
    assert isinstance(parsed, ParsedDump), parsed
    return parsed.entries


def page(body: str, head: str = SITE) -> str:
    nav = '<header><nav><a href="/">Home</a> <a href="/archives/">Archives</a></nav></header>'
    return f"<html>{head}<body>{nav}<main>{body}</main><footer>© Lab Notes</footer></body></html>"

"""Article pages: the main text, paragraph by paragraph, via trafilatura.

We measured a beautifulsoup4 extractor against trafilatura on 181 real
article pages (benchmarks/article_extraction.py, README: HTML dumps):
trafilatura's tree heuristics and fallbacks keep navigation, share bars,
related posts and comments out far better than anything we could tune in the
time, so the article path uses it and listing pages stay on beautifulsoup4.
Comments are excluded; precision is favoured because a body polluted with
chrome hurts repeat detection more than a missed closing paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from dumpflow.lines import classify

# Lines of the extracted text that are chrome trafilatura let through.
_CHROME_REASONS = frozenset({"metadata", "read_more", "pagination"})


@dataclass(frozen=True)
class MainText:
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def main_text(html: str, title: str | None) -> MainText:
    """The article's paragraphs, without the title line and chrome lines ([] when none found)."""
    extracted = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=False,
    )
    lines = [line.strip() for line in (extracted or "").split("\n")]
    paragraphs = [line for line in lines if line and classify(line) not in _CHROME_REASONS]
    if paragraphs and title and paragraphs[0] == title.strip():
        paragraphs = paragraphs[1:]
    return MainText(paragraphs=paragraphs)

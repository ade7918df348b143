"""Every dev theme fixture (tests/fixtures/html/themes/dev) read against its ground truth JSON.

One test per page: the page kind (rejected or loaded), card recall and
precision, titles, URLs and dates of the matched cards, and no furniture
string in any body. Pages are discovered, so a new fixture is tested as soon
as it is added. Themes held out of development (any set beside dev/) are
deliberately not read here: they measure the detector on markup it was not
tuned on (benchmarks/listing_bench.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.listing_bench import norm_title, norm_url, score_page

DEV = Path(__file__).parent / "fixtures" / "html" / "themes" / "dev"
PAGES = sorted(DEV.rglob("*.html"))
# Per page: recall and precision of cards. The targets are averages over
# themes (recall >= 0.95, precision >= 0.98); on one page of 5-20 cards that
# means at most one card missed and none invented.
MIN_RECALL = 0.9
MIN_PRECISION = 1.0


def test_dev_fixtures_are_present() -> None:
    assert len({page.parent for page in PAGES}) >= 10, DEV
    assert all(page.with_suffix(".json").is_file() for page in PAGES)


@pytest.mark.parametrize("page", PAGES, ids=[f"{p.parent.name}/{p.stem}" for p in PAGES])
def test_theme_page_matches_its_ground_truth(page: Path) -> None:
    truth = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    tally = score_page(page, truth)
    assert tally.notes == [] or not any(n.startswith("furniture") for n in tally.notes), tally.notes
    if truth["page_kind"] == "reject":
        assert tally.wrongly_loaded == 0
        return
    assert tally.wrongly_rejected == 0, tally.notes
    assert tally.junk == 0
    assert tally.recall >= MIN_RECALL, (tally.matched, tally.truth)
    assert tally.precision >= MIN_PRECISION, (tally.matched, tally.found)
    assert tally.titles_ok == tally.matched
    assert tally.urls_ok == tally.matched
    assert tally.dates_ok == tally.dated


def test_normalisation_used_for_matching() -> None:
    assert norm_url("HTTPS://Example.org/2024/03/p/index.html#more") == "https://example.org/2024/03/p"
    assert norm_title("  Why   Swift? ") == "why swift?"

"""The listing side of the safety net: a line every card repeats is the template's, not an excerpt's.

Each round of rules taught the detector one more theme's way of printing
metadata ("Words count 15", "ESSAY", "Read article"), and the next theme
printed its own. Whatever the words, a theme prints its furniture on every
card the same way, only the numbers changing; excerpts of different posts do
not share a line. So within one listing, a short line with a number in it
that most cards show, the number read as any number ("Words count 15" ~
"Words count 2.4k", "12 views", "共 3 条评论"), is dropped from every card,
whatever language or markup it is in. Lines without a number are left alone:
authors open every post with the same heading ("前言", "Introduction"), and
the truth counts it as excerpt text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from dumpflow.html.listing import Card
from dumpflow.normalize import match_key

# A repeated line is furniture only when this many cards show it, and at least this share of the cards with text.
MIN_REPEATS = 3
MIN_REPEAT_SHARE = 0.6
# Longer lines are sentences (a series' tagline an author opens every post with), not a template's.
MAX_REPEATED_LETTERS = 24
# Numbers as match keys show them ("2.4k" -> "24k"), with the unit letter a count may carry.
_NUMBER = re.compile(r"\d+[kKwW万千]?")


def _shape(line: str) -> str:
    """The line with every number as one token: "Words count 2.4k" and "Words count 15" are one shape."""
    return _NUMBER.sub("#", match_key(line))


def without_repeated_lines(cards: list[Card]) -> list[Card]:
    """The cards without the short lines most of them repeat (their template's furniture).

    A card whose body is only such a line keeps it: a one-line excerpt that
    happens to match is more likely text than a card left empty.
    """
    bodies = [card.body.split("\n\n") if card.body else [] for card in cards]
    with_text = sum(1 for lines in bodies if lines)
    shown = Counter(shape for lines in bodies for shape in {_shape(line) for line in lines})
    least = max(MIN_REPEATS, MIN_REPEAT_SHARE * with_text)
    template = {
        shape
        for shape, count in shown.items()
        if count >= least and "#" in shape and 0 < len(shape.replace("#", "")) <= MAX_REPEATED_LETTERS
    }
    if not template:
        return cards
    out: list[Card] = []
    for card, lines in zip(cards, bodies, strict=True):
        kept = [line for line in lines if _shape(line) not in template]
        out.append(replace(card, body="\n\n".join(kept)) if kept else card)
    return out

"""Topic tags from a user-editable bilingual taxonomy.

The taxonomy file (schemas/topics.toml) lists, per topic id, English and
Chinese terms with weights. A tag's score is the sum over matched terms of
weight x occurrences (capped, so one word repeated does not outweigh several
distinct ones); an article gets every topic whose score reaches the
threshold, with the matched terms as evidence. All terms are compiled into

Matching every term's regex at every position costs ~24 ms per excerpt with
~450 terms; instead each term has a probe (its longest run of letters) and
only terms whose probe occurs in the text (a C-speed substring test) are
matched and counted with their own pattern, ~100x cheaper.

Weak terms (weight below `strong_weight`) only support: a topic matched by
weak terms alone needs `weak_only_min_score`, so words like 输入 ("input") or
attention in passing do not tag an article by themselves.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from schemas import TOPICS_FILE
from schemas.records import TopicTag

MAX_COUNT_PER_TERM = 3


class TaxonomyError(ValueError):
    """The taxonomy file is malformed; the message says where."""


@dataclass(frozen=True)
class Taxonomy:
    topics: tuple[str, ...]
    min_score: float
    strong_weight: float
    weak_only_min_score: float
    weights: dict[str, tuple[tuple[str, float], ...]]  # folded term -> ((topic, weight), ...)
    display: dict[str, str]  # folded term -> term as written in the file
    # (probe, is_token, ((term, pattern), ...)): a token probe must be a whole
    # ASCII word of the text, any other probe a substring of it.
    probes: tuple[tuple[str, bool, tuple[tuple[str, re.Pattern[str]], ...]], ...]


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _term_regex(term: str) -> str:
    # ASCII words must stand alone ("CLIP" is not in "ECLIPSE") but may touch
    # Han characters, which Chinese text does without spaces ("CLIP自提出").
    escaped = re.escape(term).replace(r"\ ", r"[\s\-]*")
    if term[:1].isascii() and term[:1].isalnum():
        escaped = r"(?<![a-z0-9])" + escaped
    if term[-1:].isascii() and term[-1:].isalnum():
        escaped += r"(?![a-z0-9])"
    return escaped


_ASCII_WORD = re.compile(r"[a-z0-9]+")


def _probe(term: str) -> tuple[str, bool]:
    """A cheap necessary condition for a term to match.

    Without spaces, every ASCII run of the term is delimited in any match by
    non-ASCII-alphanumerics or the term's own word boundaries, so it is a
    whole ASCII word of the text: a set lookup. A space may match nothing
    ("self supervised" ~ "selfsupervised"), so such terms fall back to a
    substring test on their longest part.
    """
    if " " not in term:
        runs = _ASCII_WORD.findall(term)
        if runs:
            return max(runs, key=len), True
        return term, False
    return max(re.split(r"[\s\-]+", term), key=len), False


def parse_taxonomy(data: dict) -> Taxonomy:
    topics_table = data.get("topics")
    if not isinstance(topics_table, dict) or not topics_table:
        raise TaxonomyError("no [topics.<id>] tables")
    settings = data.get("settings", {})
    min_score = float(settings.get("min_score", 4.0))
    strong_weight = float(settings.get("strong_weight", 2.0))
    weak_only = float(settings.get("weak_only_min_score", 6.0))
    weights: dict[str, list[tuple[str, float]]] = {}
    display: dict[str, str] = {}
    for topic, spec in topics_table.items():
        terms = spec.get("terms") if isinstance(spec, dict) else None
        if not isinstance(terms, dict) or not terms:
            raise TaxonomyError(f"topic {topic!r} has no [topics.{topic}.terms]")
        for term, weight in terms.items():
            if not isinstance(weight, int | float) or weight <= 0:
                raise TaxonomyError(f"topic {topic!r}: term {term!r} needs a positive weight")
            key = fold(term).strip()
            if not key:
                raise TaxonomyError(f"topic {topic!r}: empty term")
            weights.setdefault(key, []).append((topic, float(weight)))
            display.setdefault(key, term)
    by_probe: dict[tuple[str, bool], list[tuple[str, re.Pattern[str]]]] = {}
    for term in sorted(weights):
        by_probe.setdefault(_probe(term), []).append((term, re.compile(_term_regex(term))))
    return Taxonomy(
        topics=tuple(topics_table),
        min_score=min_score,
        strong_weight=strong_weight,
        weak_only_min_score=weak_only,
        weights={k: tuple(v) for k, v in weights.items()},
        display=display,
        probes=tuple((p, is_token, tuple(ts)) for (p, is_token), ts in sorted(by_probe.items())),
    )


@lru_cache(maxsize=8)
def load_taxonomy(path: Path = TOPICS_FILE) -> Taxonomy:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TaxonomyError(f"{path}: {exc}") from exc
    return parse_taxonomy(data)


def tag(text: str, taxonomy: Taxonomy) -> list[TopicTag]:
    folded = fold(text)
    words = set(_ASCII_WORD.findall(folded))
    spans: list[tuple[int, int, str]] = []
    for probe, is_token, terms in taxonomy.probes:
        if (probe in words) if is_token else (probe in folded):
            for term, pattern in terms:
                spans.extend((m.start(), -m.end(), term) for m in pattern.finditer(folded))
    # Left to right, longest match first, no overlaps: "linear attention" is
    # one match, not also an "attention".
    counts: dict[str, int] = {}
    end = 0
    for start, neg_end, term in sorted(spans):
        if start >= end:
            counts[term] = counts.get(term, 0) + 1
            end = -neg_end
    scores: dict[str, float] = {}
    strong: set[str] = set()
    evidence: dict[str, list[tuple[float, str]]] = {}
    for term, count in counts.items():
        for topic, weight in taxonomy.weights[term]:
            contribution = weight * min(count, MAX_COUNT_PER_TERM)
            scores[topic] = scores.get(topic, 0.0) + contribution
            evidence.setdefault(topic, []).append((contribution, taxonomy.display[term]))
            if weight >= taxonomy.strong_weight:
                strong.add(topic)
    tags = [
        TopicTag(
            topic=topic,
            score=round(score, 3),
            evidence=[term for _, term in sorted(evidence[topic], key=lambda e: (-e[0], e[1]))],
        )
        for topic, score in scores.items()
        if score >= (taxonomy.min_score if topic in strong else taxonomy.weak_only_min_score)
    ]
    return sorted(tags, key=lambda t: (-t.score, t.topic))

"""Topic tags from a user-editable bilingual taxonomy.

The taxonomy file (schemas/topics.toml) lists, per topic id, English and
Chinese terms with weights. A tag's score is the sum over matched terms of
weight x occurrences (capped, so one word repeated does not outweigh several
distinct ones); an article gets every topic whose score reaches the
threshold, with the matched terms as evidence.

What a term matches is its regex (dumpflow.termmatch.term_regex): NFKC and
case-folded, an ASCII word whole, a space also matching a hyphen or nothing.
Occurrences count left to right, longest first, without overlaps, so "linear
attention" is one match and not also an "attention". Running the terms'
regexes per article cost ~110 us an article; `tag_many` finds the
occurrences of all terms in a whole batch with numpy (dumpflow.termmatch)
and scores them with array arithmetic, so Python only builds the tags that
pass. tests/test_topics.py checks it against a plain implementation.

Weak terms (weight below `strong_weight`) only support: a topic matched by
weak terms alone needs `weak_only_min_score`, so words like 输入 ("input") or
attention in passing do not tag an article by themselves. An English word
that is also a model name (NICE) is weak for that reason.

English inflections match their term (`forms`): "LLM" also matches "LLMs",
"activation function" "activation functions", "fine-tune" "fine-tuned" and
"fine-tuning". They count as the term itself: towards its cap of
MAX_COUNT_PER_TERM occurrences and once in the evidence, as written in the
file. A text of at most `short_text_chars` characters (an excerpt) has room
for few terms, so there a topic with a strong term needs only
`short_min_score`: one name that says what the text is about (weight 3) is
enough.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from dumpflow import codepoints, termmatch
from schemas import TOPICS_FILE
from schemas.records import TopicTag

MAX_COUNT_PER_TERM = 3
_SIBILANT_ENDS = ("ss", "x", "z", "ch", "sh")
_VOWELS = "aeiou"
# Endings of words that are nouns (or forms) already: no -ed or -ing form is made for them.
_NOT_VERBS = (
    "ing",
    "ed",
    "ion",
    "ment",
    "ness",
    "ity",
    "ance",
    "ence",
    "ics",
    "ure",
    "ism",
    "er",
    "or",
    "al",
    "ty",
    "able",
    "ible",
)


class TaxonomyError(ValueError):
    """The taxonomy file is malformed; the message says where."""


@dataclass(frozen=True)
class Scoring:
    """A taxonomy as arrays: term t's (topic, weight) entries are rows entry_offsets[t] : entry_offsets[t + 1]."""

    matcher: termmatch.Matcher  # matches every form of every term
    base: np.ndarray  # matcher term index -> index of the term it is a form of, in sorted(weights)
    entry_offsets: np.ndarray
    entry_topic: np.ndarray
    entry_weight: np.ndarray
    entry_strong: np.ndarray  # 1.0 where the weight is strong
    entry_display_rank: np.ndarray  # order of the displayed term, for the evidence order
    entry_display: tuple[str, ...]
    display_by_rank: tuple[str, ...]  # entry_display_rank -> the term as written
    topic_rank: np.ndarray  # topic index -> position of its id in sorted order


@dataclass(frozen=True)
class Taxonomy:
    topics: tuple[str, ...]
    min_score: float
    strong_weight: float
    weak_only_min_score: float
    weights: dict[str, tuple[tuple[str, float], ...]]  # folded term -> ((topic, weight), ...)
    display: dict[str, str]  # folded term -> term as written in the file
    forms: dict[str, str]  # folded form (a term itself, or an inflection of it) -> folded term
    short_text_chars: int
    short_min_score: float
    scoring: Scoring = field(repr=False, compare=False)


def fold(text: str) -> str:
    return codepoints.nfkc(text).casefold()


def inflections(written: str) -> list[str]:
    """The English forms of a term besides itself, folded: plural, and for one lowercase word -ed and -ing.

    Only the last word inflects, and only an ASCII letter ending: "LLM" gives
    "llms"; "fine-tune" gives "fine-tunes", "fine-tuned", "fine-tuning". A name
    written with capitals (GAN, ResNet) only takes a plural; words that end
    in -ing or -ed are forms already, and nominal endings (-ion, -er, ...) take
    no verb forms. Every form costs matching time, so no more are made than
    English needs. Irregular forms are not made up: write them in the
    taxonomy as terms of their own.
    """
    term = fold(written).strip()
    if not (term[-1:].isascii() and term[-1:].isalpha()) or (term.endswith("s") and not term.endswith("ss")):
        return []  # not an English word's ending, or a plural already
    if term.endswith(_SIBILANT_ENDS):
        plural = term + "es"
    elif term.endswith("y") and len(term) > 1 and term[-2] not in _VOWELS:
        plural = term[:-1] + "ies"
    else:
        plural = term + "s"
    last_word = written.strip().replace("-", " ").split(" ")[-1]
    if " " in term or not last_word.islower() or term.endswith(_NOT_VERBS):
        return [plural]  # a phrase is a noun phrase; a name takes no verb forms
    if term.endswith("e"):
        return [plural, term + "d", term[:-1] + "ing"]
    if term.endswith("y") and len(term) > 1 and term[-2] not in _VOWELS:
        return [plural, term[:-1] + "ied", term + "ing"]
    return [plural, term + "ed", term + "ing"]


def _forms(display: dict[str, str]) -> dict[str, str]:
    """Every form the matcher looks for -> the term it counts as; a term written in the file wins over a form."""
    forms = {term: term for term in display}
    for term in sorted(display):
        for form in inflections(display[term]):
            forms.setdefault(form, term)
    return forms


def _scoring(
    weights: dict[str, tuple[tuple[str, float], ...]],
    display: dict[str, str],
    forms: dict[str, str],
    topics: tuple[str, ...],
    strong: float,
) -> Scoring:
    """The taxonomy as arrays, so that scoring a batch is array arithmetic."""
    terms = sorted(weights)  # the old tie-break between equal spans compared the terms
    term_index = {term: t for t, term in enumerate(terms)}
    matched = sorted(forms)
    entries = [(t, topic, weight) for t, term in enumerate(terms) for topic, weight in weights[term]]
    by_rank = sorted(set(display.values()))
    rank = {shown: i for i, shown in enumerate(by_rank)}
    topic_index = {topic: i for i, topic in enumerate(topics)}
    return Scoring(
        matcher=termmatch.build(matched),
        base=np.array([term_index[forms[form]] for form in matched], dtype=np.int64),
        entry_offsets=np.searchsorted([t for t, _, _ in entries], np.arange(len(terms) + 1)).astype(np.int64),
        entry_topic=np.array([topic_index[topic] for _, topic, _ in entries], dtype=np.int64),
        entry_weight=np.array([weight for _, _, weight in entries], dtype=np.float64),
        entry_strong=np.array([weight >= strong for _, _, weight in entries], dtype=np.float64),
        entry_display_rank=np.array([rank[display[terms[t]]] for t, _, _ in entries], dtype=np.int64),
        entry_display=tuple(display[terms[t]] for t, _, _ in entries),
        display_by_rank=tuple(by_rank),
        topic_rank=np.argsort(np.argsort(np.array(topics, dtype=object))),
    )


def parse_taxonomy(data: dict) -> Taxonomy:
    topics_table = data.get("topics")
    if not isinstance(topics_table, dict) or not topics_table:
        raise TaxonomyError("no [topics.<id>] tables")
    settings = data.get("settings", {})
    min_score = float(settings.get("min_score", 4.0))
    strong_weight = float(settings.get("strong_weight", 2.0))
    weak_only = float(settings.get("weak_only_min_score", 6.0))
    short_text_chars = int(settings.get("short_text_chars", 0))
    short_min_score = float(settings.get("short_min_score", min_score))
    weights: dict[str, list[tuple[str, float]]] = {}
    display: dict[str, str] = {}
    for topic, spec in topics_table.items():
        terms = spec.get("terms") if isinstance(spec, dict) else None
        if not isinstance(terms, dict) or not terms:
            raise TaxonomyError(f"topic {topic!r} has no [topics.{topic}.terms]")
        for term, weight in terms.items():
            if (
                not isinstance(weight, int | float)
                or isinstance(weight, bool)
                or not math.isfinite(weight)
                or weight <= 0
            ):
                raise TaxonomyError(f"topic {topic!r}: term {term!r} needs a positive, finite weight")
            key = fold(term).strip()
            if not key:
                raise TaxonomyError(f"topic {topic!r}: empty term")
            weights.setdefault(key, []).append((topic, float(weight)))
            display.setdefault(key, term)
    frozen = {k: tuple(v) for k, v in weights.items()}
    topics = tuple(topics_table)
    forms = _forms(display)
    return Taxonomy(
        topics=topics,
        min_score=min_score,
        strong_weight=strong_weight,
        weak_only_min_score=weak_only,
        weights=frozen,
        display=display,
        forms=forms,
        short_text_chars=short_text_chars,
        short_min_score=short_min_score,
        scoring=_scoring(frozen, display, forms, topics, strong_weight),
    )


@lru_cache(maxsize=8)
def load_taxonomy(path: Path = TOPICS_FILE) -> Taxonomy:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TaxonomyError(f"{path}: {exc}") from exc
    return parse_taxonomy(data)


_TAGS: dict[tuple[str, float, tuple[str, ...]], TopicTag] = {}
_MAX_SHARED_TAGS = 1 << 16


def _topic_tag(topic: str, score: float, evidence: tuple[str, ...]) -> TopicTag:
    """A shared TopicTag per distinct value: validating a new one costs more than finding it.

    The records are frozen, so sharing them is safe.
    """
    key = (topic, score, evidence)
    tag = _TAGS.get(key)
    if tag is None:
        if len(_TAGS) >= _MAX_SHARED_TAGS:
            _TAGS.clear()
        tag = _TAGS[key] = TopicTag(topic=topic, score=score, evidence=list(evidence))
    return tag


def _tags(found: termmatch.Found, lengths: np.ndarray, taxonomy: Taxonomy) -> list[list[TopicTag]]:
    """Scores, thresholds and evidence of every text from its counted occurrences; lengths in characters."""
    sc = taxonomy.scoring
    n_terms, n_topics = len(sc.entry_offsets) - 1, len(taxonomy.topics)
    if not len(found.term):
        return [[] for _ in range(len(lengths))]
    keys = found.text * n_terms + sc.base[found.term]  # a form counts as its term
    pairs, first, counts = np.unique(keys, return_index=True, return_counts=True)
    # Scores add up term by term in the order of each term's first counted
    # occurrence, as a dict filled left to right does: float sums depend on it.
    order = np.argsort(first, kind="stable")
    pairs, counts = pairs[order], np.minimum(counts[order], MAX_COUNT_PER_TERM)
    text, term = pairs // n_terms, pairs % n_terms
    sizes = sc.entry_offsets[term + 1] - sc.entry_offsets[term]
    entry = np.repeat(sc.entry_offsets[term], sizes) + (
        np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    )
    contribution = sc.entry_weight[entry] * np.repeat(counts, sizes)
    cells, cell = np.unique(np.repeat(text, sizes) * n_topics + sc.entry_topic[entry], return_inverse=True)
    score = np.bincount(cell, weights=contribution, minlength=len(cells))
    strong = np.bincount(cell, weights=sc.entry_strong[entry], minlength=len(cells)) > 0
    short = lengths[cells // n_topics] <= taxonomy.short_text_chars
    strong_min = np.where(short, taxonomy.short_min_score, taxonomy.min_score)
    passes = score >= np.where(strong, strong_min, taxonomy.weak_only_min_score)
    passing = np.flatnonzero(passes)
    if not len(passing):
        return [[] for _ in range(len(lengths))]
    rows = np.flatnonzero(passes[cell])
    rows = rows[np.lexsort((sc.entry_display_rank[entry[rows]], -contribution[rows], cell[rows]))]
    text_of, topic_of = np.divmod(cells[passing], n_topics)
    sizes = np.bincount(cell[rows], minlength=len(cells))[passing]
    tags, rounded = _distinct_tags(taxonomy, topic_of, score[passing], sizes, sc.entry_display_rank[entry[rows]])
    # Per text, by score (as rounded), then by topic id.
    flat = tags[np.lexsort((sc.topic_rank[topic_of], -rounded, text_of))].tolist()
    bounds = np.cumsum(np.bincount(text_of, minlength=len(lengths))).tolist()
    return [flat[lo:hi] for lo, hi in zip([0, *bounds[:-1]], bounds, strict=True)]


def _distinct_tags(
    taxonomy: Taxonomy, topic: np.ndarray, score: np.ndarray, sizes: np.ndarray, rank: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(TopicTag, rounded score) of every passing (text, topic), each distinct tag made once.

    `topic`, `score` and `sizes` (how many evidence terms) are per passing
    (text, topic) cell; `rank` holds the display ranks of the evidence, cell
    after cell, each in order. A tag is its topic, score and evidence, so those as one row of
    integers (the score's bits, the evidence's display ranks padded with -1)
    find the tags that are the same: a batch holds ~6x fewer distinct tags
    than tags, and Python only builds (or finds in _TAGS) those.
    """
    n = len(topic)
    within = np.arange(len(rank)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    keys = np.full((n, 2 + int(sizes.max())), -1, dtype=np.int64)
    keys[:, 0] = topic
    keys[:, 1] = score.view(np.int64)
    keys[np.repeat(np.arange(n), sizes), 2 + within] = rank
    order = np.lexsort(keys.T[::-1])  # np.unique(axis=0) does this ~3x slower
    ordered = keys[order]
    new = np.ones(n, dtype=bool)
    new[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    inverse = np.empty(n, dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    first = order[new]
    values = score[first]
    # round() as Python rounds; a whole number (integer weights) rounds to itself.
    whole = (np.floor(values) == values) & (np.abs(values) < 2.0**52)
    rounded = [v if w else round(v, 3) for v, w in zip(values.tolist(), whole.tolist(), strict=True)]
    names, shown = taxonomy.topics, taxonomy.scoring.display_by_rank
    made = np.empty(len(first), dtype=object)
    lengths = sizes[first].tolist()
    for d, (row, value, size) in enumerate(zip(keys[first].tolist(), rounded, lengths, strict=True)):
        made[d] = _topic_tag(names[row[0]], value, tuple(shown[r] for r in row[2 : 2 + size]))
    return made[inverse], np.array(rounded, dtype=np.float64)[inverse]


def tag_packed(texts: Sequence[str], packed: codepoints.Packed, taxonomy: Taxonomy) -> list[list[TopicTag]]:
    """tag() of every NFKC text of a packed batch (enrich packs once for language and topics)."""
    return _tags(termmatch.find(texts, packed, taxonomy.scoring.matcher), packed.lengths, taxonomy)


def tag_many(texts: Sequence[str], taxonomy: Taxonomy) -> list[list[TopicTag]]:
    """tag() of every text, at numpy speed for a batch."""
    return tag_packed(*codepoints.pack_nfkc(texts), taxonomy)


def tag(text: str, taxonomy: Taxonomy) -> list[TopicTag]:
    text = codepoints.nfkc(text)
    return tag_packed([text], codepoints.pack([text]), taxonomy)[0]

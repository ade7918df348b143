"""Every occurrence of a few hundred terms in a whole batch of texts, at numpy speed.

The topic tagger's rules (dumpflow.topics) are defined by one regex per term:
the folded term literally, each space matching a run of [\\s-] of any length
(also none), [a-z0-9] forbidden before an ASCII first and after an ASCII last
character. Occurrences are counted left to right, longest first (then the
smaller term), without overlaps. Running those regexes per text costs ~100 us
a text; this module computes the same counted occurrences for a whole batch
(dumpflow.codepoints) in a few dozen array operations:

1. Candidates: positions where some term may start (a byte table per code
   point: its first character, the lookbehind, a possible second character),
   then the terms whose first three characters (one int64 key) are there.
2. Verification: segment (the text between a term's spaces) after segment,
   character column after column over all candidates still alive, skipping
   separators between segments as the regex's greedy `[\\s\\-]*` does.
3. Selection: a match that overlaps no earlier one is counted; runs of
   overlapping matches follow the sequential rule, a step per round.

Terms the columns cannot take exactly (a segment after a space starting with
a separator, where the regex may backtrack) keep their regex, run only on the
texts where their first characters occur. tests/test_topics.py checks the
result against the plain regexes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dumpflow import codepoints

SEPARATOR = r"[\s\-]"  # what a space in a term matches, repeated
WORD_CHAR = r"[a-z0-9]"  # what may not touch an ASCII word of a term
_NO_CHAR = np.uint32(0xFFFFFFFF)  # pads term code points: equal to no code point of a text
_KEY_CHARS = 3  # 3 x 21 bits: the first three code points are one int64, exactly
_BITS = 21
_ONE_GATHER_MAX = 2048  # candidates verified with one gather per segment rather than a round per character
_MAX_SKIP_STEPS = 8  # separators skipped one step at a time before a whole-batch skip table pays
# Bits of a folded code point's entry in Matcher.char_info.
_ANYWHERE = 1  # a term starts with it, and not with a word character
_AT_WORD_START = 2  # a term starts with it, a word character: only where no word character precedes
_EXPANDS = 4  # EXPANDS: casefold() maps the character to several
_WORD = 8  # [a-z0-9]
_SECOND = 16  # the second character of some term's opening key


def term_regex(term: str) -> str:
    """The definition of what a folded term matches."""
    # ASCII words must stand alone ("CLIP" is not in "ECLIPSE") but may touch
    # Han characters, which Chinese text does without spaces ("CLIP自提出").
    escaped = re.escape(term).replace(r"\ ", r"[\s\-]*")
    if term[:1].isascii() and term[:1].isalnum():
        escaped = r"(?<![a-z0-9])" + escaped
    if term[-1:].isascii() and term[-1:].isalnum():
        escaped += r"(?![a-z0-9])"
    return escaped


def _is_separator(ch: str) -> bool:
    return re.fullmatch(SEPARATOR, ch) is not None


def _has_border(s: str) -> bool:
    """Whether a proper prefix of s is also its suffix ("abab"): the only way two copies of s overlap."""
    return any(s[:k] == s[-k:] for k in range(1, len(s)))


def _key(chars: str) -> int:
    key = 0
    for ch in chars:
        key = (key << _BITS) | ord(ch)
    return key


def _codes(s: str) -> np.ndarray:
    return np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype="<u4")


@dataclass(frozen=True)
class Keys:
    """Terms by opening key of one width: terms[offsets[i] : offsets[i + 1]] open with keys[i].

    A key's slot i is found through a perfect hash, `slots[(key * multiplier
    mod 2**64) >> shift]`, then confirmed against keys[i]: two gathers, where
    a binary search takes ~9 unpredictable steps.
    """

    keys: np.ndarray  # int64; one more entry, -1, no key, for the empty slots' -1
    offsets: np.ndarray
    terms: np.ndarray
    multiplier: np.uint64
    shift: np.uint64
    slots: np.ndarray  # int64, -1 where no key hashes

    @property
    def empty(self) -> bool:
        return len(self.keys) == 1

    @staticmethod
    def build(by_key: dict[int, list[int]]) -> Keys:
        keys = sorted(by_key)
        bits, attempt = max(4, 3 + len(keys).bit_length()), 0
        while True:
            attempt += 1
            multiplier = np.uint64(_splitmix64(attempt) | 1)
            shift = np.uint64(64 - bits)
            hashed = _hash(np.array(keys, dtype=np.int64), multiplier, shift)
            if len(set(hashed.tolist())) == len(keys):
                break
            if attempt % 32 == 0:
                bits += 1
        slots = np.full(1 << bits, -1, dtype=np.int64)
        slots[hashed] = np.arange(len(keys))
        return Keys(
            keys=np.array([*keys, -1], dtype=np.int64),
            offsets=np.cumsum([0] + [len(by_key[k]) for k in keys], dtype=np.int64),
            terms=np.array([t for k in keys for t in by_key[k]], dtype=np.int64),
            multiplier=multiplier,
            shift=shift,
            slots=slots,
        )


def _splitmix64(x: int) -> int:
    """A fixed, well-mixed 64-bit number per x (no salted hash(): the same multipliers on every run)."""
    z = (x * 0x9E3779B97F4A7C15) % (1 << 64)
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % (1 << 64)
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % (1 << 64)
    return z ^ (z >> 31)


def _hash(key: np.ndarray, multiplier: np.uint64, shift: np.uint64) -> np.ndarray:
    with np.errstate(over="ignore"):
        return ((key.view(np.uint64) * multiplier) >> shift).astype(np.intp)


@dataclass(frozen=True)
class Matcher:
    """Terms compiled for `find`; see `build` for why each part is exact."""

    terms: tuple[str, ...]  # index = rank in the tie-break between equal spans
    patterns: tuple[re.Pattern[str], ...]
    char_info: np.ndarray  # folded code point (or EXPANDS) -> bits _ANYWHERE, _AT_WORD_START, ...
    keys: tuple[Keys, ...]  # by key width 1, 2, 3
    by_columns: np.ndarray  # term -> verified by columns (else by its regex)
    n_segments: np.ndarray
    segment_length: np.ndarray  # (term, segment)
    segment_codes: np.ndarray  # (term, segment, character), padded with _NO_CHAR
    lookahead: np.ndarray  # term -> ends in an ASCII letter or digit, so no [a-z0-9] may follow
    self_overlapping: np.ndarray  # term -> two of its matches may overlap


EXPANDS = codepoints.TABLE_SIZE  # what the fold table gives for characters casefold() maps to several
_TABLE = EXPANDS + 1  # size of the tables indexed by folded code points
_IS_WORD = np.zeros(_TABLE, dtype=bool)
_IS_WORD[: codepoints.TABLE_SIZE] = codepoints.table(((0x30, 0x39), (0x61, 0x7A)), 1, bool)


@functools.cache
def _tables() -> tuple[np.ndarray, np.ndarray]:
    """(fold, skipped), built on first use (~50 ms).

    fold: the folded code point of each code point, or EXPANDS; skipped:
    whether `[\\s\\-]` matches it (the regex itself decides, over every code point).
    """
    fold, expands = codepoints.casefold_table()
    fold = np.append(fold, np.uint32(EXPANDS))
    fold[:-1][expands] = EXPANDS
    return fold, np.append(codepoints.regex_table(SEPARATOR), False)


def build(terms: Sequence[str]) -> Matcher:
    """Compile folded, sorted, distinct terms.

    Column matching is exact for a term whose segments (split at spaces) are
    non-empty and, after the first, start with a non-separator: the greedy
    `[\\s\\-]*` then has only one way to go on, past all separators. Two
    matches of one term can overlap only if the term without separators has a
    border (or starts with a separator); only then must the matches its
    finditer would skip be dropped.
    """
    segments = [term.split(" ") for term in terms]
    n_seg = max(len(segs) for segs in segments)
    longest = max(len(seg) for segs in segments for seg in segs)
    segment_length = np.zeros((len(terms), n_seg), dtype=np.int64)
    segment_codes = np.full((len(terms), n_seg, max(longest, 1)), _NO_CHAR, dtype=np.uint32)
    for t, segs in enumerate(segments):
        for s, seg in enumerate(segs):
            segment_length[t, s] = len(seg)
            segment_codes[t, s, : len(seg)] = _codes(seg)
    char_info = np.where(_IS_WORD, _WORD, 0).astype(np.uint8)
    char_info[EXPANDS] = _EXPANDS
    by_key: dict[tuple[int, int], list[int]] = {}
    for t, segs in enumerate(segments):
        head = segs[0][:_KEY_CHARS]  # a term starts with its first segment, literally
        by_key.setdefault((len(head), _key(head)), []).append(t)
        char_info[ord(head[0])] |= _AT_WORD_START if _IS_WORD[ord(head[0])] else _ANYWHERE
        if len(head) > 1:
            char_info[ord(head[1])] |= _SECOND
    keys = [
        Keys.build({key: ts for (w, key), ts in by_key.items() if w == width}) for width in range(1, _KEY_CHARS + 1)
    ]
    stripped = ["".join(ch for ch in term if not _is_separator(ch)) for term in terms]
    return Matcher(
        terms=tuple(terms),
        patterns=tuple(re.compile(term_regex(term)) for term in terms),
        char_info=char_info,
        keys=tuple(keys),
        by_columns=np.array(
            [all(segs) and not any(_is_separator(seg[0]) for seg in segs[1:]) for segs in segments], dtype=bool
        ),
        n_segments=np.array([len(segs) for segs in segments], dtype=np.int64),
        segment_length=segment_length,
        segment_codes=segment_codes,
        lookahead=np.array([term[-1].isascii() and term[-1].isalnum() for term in terms], dtype=bool),
        self_overlapping=np.array(
            [_is_separator(term[0]) or _has_border(s) for term, s in zip(terms, stripped, strict=True)], dtype=bool
        ),
    )


@dataclass(frozen=True)
class Found:
    """The counted occurrences of a batch, ordered by text, then position: text index, term index, start."""

    text: np.ndarray
    term: np.ndarray
    start: np.ndarray


@dataclass
class _Spans:
    start: np.ndarray
    end: np.ndarray
    term: np.ndarray

    def take(self, index: np.ndarray) -> _Spans:
        return _Spans(self.start[index], self.end[index], self.term[index])

    def __add__(self, other: _Spans) -> _Spans:
        return _Spans(*(np.concatenate(pair) for pair in zip(self.astuple(), other.astuple(), strict=True)))

    def astuple(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self.start, self.end, self.term


def _empty_spans() -> _Spans:
    return _Spans(*(np.zeros(0, dtype=np.int64) for _ in range(3)))


def _candidates(cps: np.ndarray, info: np.ndarray, m: Matcher) -> tuple[np.ndarray, np.ndarray]:
    """(position, term) pairs where the term's opening key occurs, at a position its regex may start.

    Filters over the whole batch are byte-wide array operations, cheaper
    than gathering the ~40% of positions where a term may start: the first
    character, the lookbehind (?<![a-z0-9]), the second character.
    """
    word = (info & _WORD) != 0
    ok = (info & _AT_WORD_START) != 0
    ok[1:] &= ~word[:-1]
    ok |= (info & _ANYWHERE) != 0
    if m.keys[0].empty:  # no key of one character: every key has a second
        ok[:-1] &= (info[1:] & _SECOND) != 0
    pos = np.flatnonzero(ok)
    first = cps[pos].astype(np.int64)
    found = [_lookup(first, pos, m.keys[0])]
    key = (first << _BITS) | cps[pos + 1]
    found.append(_lookup(key, pos, m.keys[1]))
    found.append(_lookup((key << _BITS) | cps[pos + 2], pos, m.keys[2]))
    return np.concatenate([f[0] for f in found]), np.concatenate([f[1] for f in found])


def _lookup(key: np.ndarray, pos: np.ndarray, keys: Keys) -> tuple[np.ndarray, np.ndarray]:
    if keys.empty:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    slot = keys.slots[_hash(key, keys.multiplier, keys.shift)]
    hit = keys.keys[slot] == key
    slot, pos = slot[hit], pos[hit]
    sizes = keys.offsets[slot + 1] - keys.offsets[slot]
    within = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return np.repeat(pos, sizes), keys.terms[np.repeat(keys.offsets[slot], sizes) + within]


class _Skipper:
    """Past the separators at each position: a step at a time while runs are short, else by a table."""

    def __init__(self, cps: np.ndarray, skipped: np.ndarray) -> None:
        self.cps, self.skipped = cps, skipped
        self.table: np.ndarray | None = None

    def __call__(self, pos: np.ndarray) -> np.ndarray:
        for _ in range(_MAX_SKIP_STEPS):
            step = self.skipped[self.cps[pos]]
            if not step.any():
                return pos
            pos = pos + step
        if self.table is None:
            # The last position is SENTINEL, never skipped, so every run ends.
            index = np.where(self.skipped[self.cps], len(self.cps), np.arange(len(self.cps)))
            self.table = np.minimum.accumulate(index[::-1])[::-1]
        return self.table[pos]


def _segment_matches(cps: np.ndarray, at: np.ndarray, t: np.ndarray, s: int, m: Matcher) -> np.ndarray:
    """Whether segment s of term t[i] occurs at at[i], for every i.

    Many candidates: one character column a round over the candidates still
    alive, so the work is the characters compared. Few: all columns in one
    gather, fewer numpy calls. SENTINEL after every text matches no term
    character, so a comparison never runs past the end of its text
    (and a gather past the array reads its last SENTINEL).
    """
    length = m.segment_length[t, s]
    first = 0 if s else _KEY_CHARS  # a candidate's key matched the first characters
    if len(at) <= _ONE_GATHER_MAX:
        width = np.arange(first, max(int(length.max(initial=0)), first))
        seen = cps[np.minimum(at[:, None] + width, len(cps) - 1)]
        return ((seen == m.segment_codes[t, s, first:][:, : len(width)]) | (width >= length[:, None])).all(axis=1)
    alive = np.ones(len(at), dtype=bool)
    check = np.arange(len(at))
    j = first
    while len(check := check[length[check] > j]):
        same = cps[at[check] + j] == m.segment_codes[t[check], s, j]
        alive[check[~same]] = False
        check = check[same]
        j += 1
    return alive


def _match_columns(cps: np.ndarray, pos: np.ndarray, term: np.ndarray, m: Matcher, skip: _Skipper) -> _Spans:
    """The candidates whose term matches there: segment after segment, separators skipped between."""
    done: list[_Spans] = []
    origin, at, t = pos, pos, term
    for s in range(m.segment_length.shape[1]):
        if not len(at):
            break
        if s:
            at = skip(at)
        alive = _segment_matches(cps, at, t, s, m)
        origin, at, t = origin[alive], at[alive] + m.segment_length[t[alive], s], t[alive]
        last = m.n_segments[t] == s + 1
        done.append(_Spans(origin[last], at[last], t[last]))
        origin, at, t = origin[~last], at[~last], t[~last]
    spans = _empty_spans()
    for part in done:
        spans = spans + part
    return spans.take(np.flatnonzero(~(m.lookahead[spans.term] & _IS_WORD[cps[spans.end]])))


def _match_regexes(
    packed: codepoints.Packed, texts: Sequence[str], folded: bool, pos: np.ndarray, term: np.ndarray, m: Matcher
) -> _Spans:
    """Matches of the terms columns cannot verify, by their regex, in the texts where they may occur."""
    found: list[tuple[int, int, int]] = []
    owners = codepoints.owner(packed, pos).tolist()
    for i, t in sorted(set(zip(owners, term.tolist(), strict=True))):
        base = int(packed.starts[i])
        text = texts[i] if folded else texts[i].casefold()
        found.extend((base + hit.start(), base + hit.end(), t) for hit in m.patterns[t].finditer(text))
    table = np.array(found, dtype=np.int64).reshape(-1, 3)
    return _Spans(table[:, 0], table[:, 1], table[:, 2])


def _as_finditer(spans: _Spans, m: Matcher) -> _Spans:
    """Drop the matches a term's own finditer skips because they overlap its previous match."""
    risky = np.flatnonzero(m.self_overlapping[spans.term])
    if len(risky) < 2:
        return spans
    keep = np.ones(len(spans.start), dtype=bool)
    last_term, last_end = -1, -1
    for i in risky[np.lexsort((spans.start[risky], spans.term[risky]))].tolist():
        t, start = int(spans.term[i]), int(spans.start[i])
        if t != last_term:
            last_term, last_end = t, -1
        if start >= last_end:
            last_end = int(spans.end[i])
        else:
            keep[i] = False
    return spans.take(np.flatnonzero(keep))


def _order(spans: _Spans) -> np.ndarray:
    """Indices by start, longest first, then by term.

    The spans arrive as a few runs already in position order, which a stable
    sort of one int64 key merges in about linear time; three-key lexsort
    would sort three times.
    """
    length = spans.end - spans.start
    if len(length) and spans.start.max() < 1 << 31 and length.max() < 1 << 16 and spans.term.max() < 1 << 15:
        return np.argsort((spans.start << 32) | ((0xFFFF - length) << 16) | spans.term, kind="stable")
    return np.lexsort((spans.term, -spans.end, spans.start))


def _select(spans: _Spans) -> _Spans:
    """Left to right, longest first (then the smaller term), no overlaps: the spans counted.

    A span that overlaps no earlier span is counted. In a run of spans that
    overlap, the first is counted, and after a counted span the first one
    starting at or after its end: followed for all runs at once, a step per
    round.
    """
    spans = spans.take(_order(spans))
    n = len(spans.start)
    reach = np.maximum.accumulate(spans.end)
    overlaps = np.zeros(n, dtype=bool)
    overlaps[1:] = spans.start[1:] < reach[:-1]
    counted = ~overlaps
    run = np.cumsum(counted) - 1
    at = np.flatnonzero(counted[:-1] & overlaps[1:])  # counted spans followed by overlapping ones
    while len(at):
        after = np.searchsorted(spans.start, spans.end[at])
        inside = after < n
        at, after = at[inside], after[inside]
        after = after[run[after] == run[at]]  # else it starts the next run, counted anyway
        counted[after] = True
        at = after
    return spans.take(np.flatnonzero(counted))


def find(texts: Sequence[str], packed: codepoints.Packed, m: Matcher, *, folded: bool = False) -> Found:
    """The counted occurrences of every term in every text, as the terms' regexes on casefold() would count.

    `packed` holds `texts`; `folded` says they are case-folded already.
    Texts holding a character that folds to several (ß) are folded by
    Python and matched apart.
    """
    fold, skipped = _tables()
    cps = packed.cps if folded else fold[packed.cps]
    info = m.char_info[cps]
    apart: list[int] = []
    if not folded and (expands := (info & _EXPANDS) != 0).any():
        apart = sorted(set(codepoints.owner(packed, np.flatnonzero(expands)).tolist()))
        for i in apart:
            lo = int(packed.starts[i])
            info[lo : lo + int(packed.lengths[i])] = 0
    pos, term = _candidates(cps, info, m)
    by_columns = m.by_columns[term]
    spans = _match_columns(cps, pos[by_columns], term[by_columns], m, _Skipper(cps, skipped))
    if not by_columns.all():
        spans = spans + _match_regexes(packed, texts, folded, pos[~by_columns], term[~by_columns], m)
    counted = _select(_as_finditer(spans, m))
    owner = codepoints.owner(packed, counted.start)
    found = Found(owner, counted.term, counted.start - packed.starts[owner])
    if apart:
        found = _merge(found, apart, [texts[i].casefold() for i in apart], m)
    return found


def _merge(found: Found, apart: list[int], folded: list[str], m: Matcher) -> Found:
    """`found` with the occurrences in the texts matched apart, in order."""
    more = find(folded, codepoints.pack(folded), m, folded=True)
    text = np.concatenate((found.text, np.asarray(apart, dtype=np.int64)[more.text]))
    start = np.concatenate((found.start, more.start))
    order = np.lexsort((start, text))
    return Found(text[order], np.concatenate((found.term, more.term))[order], start[order])

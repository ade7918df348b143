"""Every occurrence of a few hundred terms in a whole batch of texts, at numpy speed.

The topic tagger's rules (dumpflow.topics) are defined by one regex per term:
the folded term literally, each space matching a run of [\\s-] of any length
(also none), [a-z0-9] forbidden before an ASCII first and after an ASCII last
character. Occurrences are counted left to right, longest first (then the
smaller term), without overlaps. Running those regexes per text costs ~100 us
a text; this module computes the same counted occurrences for a whole batch
(dumpflow.codepoints) in a few dozen array operations:

1. Characters: one lookup turns every code point into the id of its folded
   character among those the terms use (0: any other; a few ids for other
   separators and word characters), so everything after works on small ids.
2. Walk: all terms are one trie, stored as a double array (a child is
   `base[node] + id` when `check` there names the node), walked from every
   position where a term may start, a character a round, by all those
   positions at once. A term's space is an edge that first skips every
   separator, as the regex's greedy `[\\s\\-]*` does. Terms sharing a prefix
   share its steps (the ~10 forms of "deep..." or "softmax..." are checked
   once up to where they differ), and a position leaves the walk at its
   first character that no term continues with.
3. Selection: a match that overlaps no earlier one is counted; runs of
   overlapping matches follow the sequential rule, a step per round.

Terms the walk cannot take exactly (a segment after a space starting with a
separator, where the regex may backtrack, or two spaces in a row) keep their
regex, run only on the texts where their first segment occurs.
tests/test_termmatch.py and tests/test_topics.py check the result against the
plain regexes.
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
_MAX_SKIP_STEPS = 8  # separators skipped one step at a time before a whole-batch skip table pays
EXPANDS = codepoints.TABLE_SIZE  # what the fold table gives for characters casefold() maps to several
_TABLE = EXPANDS + 1  # size of the tables indexed by folded code points
# Character ids that no term holds: any other character, one casefold() maps
# to several, another separator, another [a-z0-9]. Term characters follow.
_OTHER, _EXPANDS_ID, _OTHER_SEPARATOR, _OTHER_WORD = range(4)
_FIRST_TERM_ID = 4
# Bits of a trie node's flags: what a thread at the node does besides taking its next character's edge.
_TERMINAL = 1  # a term (by the walk) ends here
_PROBE = 2  # the first segment of terms matched by their regex ends here
_SPACE = 4  # has a space edge
# Pairs of opening characters are looked up in one table of n_ids**2 entries
# up to this many character ids (a 16 MB table), single characters beyond.
MAX_PAIR_IDS = 2048


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


@functools.lru_cache(maxsize=4096)
def term_pattern(term: str) -> re.Pattern[str]:
    """term_regex compiled, when a text needs it: compiling all ~800 up front cost ~0.1 s a process."""
    return re.compile(term_regex(term))


def _is_separator(ch: str) -> bool:
    return re.fullmatch(SEPARATOR, ch) is not None


def _has_border(s: str) -> bool:
    """Whether a proper prefix of s is also its suffix ("abab"): the only way two copies of s overlap."""
    return any(s[:k] == s[-k:] for k in range(1, len(s)))


def walkable(term: str) -> bool:
    """Whether the walk matches the term exactly: no empty segment, none after a space opens with a separator.

    Then the greedy `[\\s\\-]*` of a space has one way to go on, past all
    separators; otherwise the regex may backtrack into them.
    """
    segments = term.split(" ")
    return all(segments) and not any(_is_separator(seg[0]) for seg in segments[1:])


@dataclass(frozen=True)
class Trie:
    """Terms as a double-array trie over character ids: node n's child by id c is `base[n] + c` if `check` there is n.

    Node 0 is the root. Arrays indexed by node are as long as `check`, so
    `base[n] + c` stays inside for every node and id; a node without
    children by a character has base 0, and no check names it.
    """

    base: np.ndarray  # int64
    check: np.ndarray  # int64, -1 where no node is
    flags: np.ndarray  # uint8: _TERMINAL, _PROBE, _SPACE
    term: np.ndarray  # int64: the term ending at the node (by the walk), -1 for none
    space: np.ndarray  # int64: the node past the node's space edge, 0 for none
    probe_offsets: np.ndarray  # probe_terms[probe_offsets[n] : probe_offsets[n + 1]] are node n's regex terms
    probe_terms: np.ndarray


def _place(free: bytearray, children: list[int], start: int) -> int:
    """The smallest base with every child id on a free slot, trying slots from `start` (slot 0 is the root's).

    `free` grows (free slots) as far as a try needs; children are sorted ids.
    """
    lowest, highest = children[0], children[-1]
    slot = max(start, lowest)
    while True:
        base = slot - lowest
        if base + highest >= len(free):
            free.extend(b"\x01" * (base + highest + 1 - len(free) + len(free) // 2))
        if all(free[base + c] for c in children):
            return base
        slot += 1
        while not free[slot]:
            slot += 1


def build_trie(terms: Sequence[str], char_ids: dict[str, int], n_ids: int) -> Trie:
    """The trie of the terms: walkable terms end at a node; the others' first segments lead to a probe node."""
    children: list[dict[int, int]] = [{}]  # node (in creation order) -> {char id: node}
    space: list[int] = [0]
    ends: list[int] = [-1]
    probes: list[list[int]] = [[]]

    def node_after(node: int, key: int) -> int:
        nxt = space[node] if key < 0 else children[node].get(key, 0)
        if not nxt:
            nxt = len(children)
            children.append({})
            space.append(0)
            ends.append(-1)
            probes.append([])
            if key < 0:
                space[node] = nxt
            else:
                children[node][key] = nxt
        return nxt

    for t, term in enumerate(terms):
        node = 0
        if walkable(term):
            for s, segment in enumerate(term.split(" ")):
                if s:
                    node = node_after(node, -1)
                for ch in segment:
                    node = node_after(node, char_ids[ch])
            ends[node] = t
        else:
            for ch in term.split(" ")[0]:
                node = node_after(node, char_ids[ch])
            probes[node].append(t)
    # Place nodes breadth first; a node's slot is known before its children are placed.
    free = bytearray(b"\x01") * (2 * len(children) + 2 * n_ids)
    free[0] = 0
    slot_of = [0] * len(children)
    base_of = [0] * len(children)
    first_free = 1
    queue = [0]
    for node in queue:  # grows while iterating
        keys = sorted(children[node])
        if keys:
            while not free[first_free]:
                first_free += 1
            base = _place(free, keys, first_free)
            base_of[node] = base
            for key in keys:
                free[base + key] = 0
                slot_of[children[node][key]] = base + key
                queue.append(children[node][key])
        if space[node]:
            while not free[first_free]:
                first_free += 1
            if first_free + 1 >= len(free):
                free.extend(b"\x01" * len(free))
            free[first_free] = 0
            slot_of[space[node]] = first_free
            queue.append(space[node])
    size = max(max(slot_of), max(base_of)) + n_ids + 1
    trie = {
        "base": np.zeros(size, dtype=np.int64),
        "check": np.full(size, -1, dtype=np.int64),
        "flags": np.zeros(size, dtype=np.uint8),
        "term": np.full(size, -1, dtype=np.int64),
        "space": np.zeros(size, dtype=np.int64),
    }
    probe_lists: list[list[int]] = [[] for _ in range(size)]
    for node, slot in enumerate(slot_of):
        trie["base"][slot] = base_of[node]
        for child in children[node].values():
            trie["check"][slot_of[child]] = slot
        trie["term"][slot] = ends[node]
        trie["space"][slot] = slot_of[space[node]] if space[node] else 0
        trie["flags"][slot] = (
            (_TERMINAL if ends[node] >= 0 else 0) | (_PROBE if probes[node] else 0) | (_SPACE if space[node] else 0)
        )
        probe_lists[slot] = probes[node]
    offsets = np.cumsum([0] + [len(p) for p in probe_lists], dtype=np.int64)
    return Trie(
        **trie,
        probe_offsets=offsets,
        probe_terms=np.array([t for p in probe_lists for t in p], dtype=np.int64),
    )


@dataclass(frozen=True)
class Matcher:
    """Terms compiled for `find`; see `build` for why each part is exact."""

    terms: tuple[str, ...]  # index = rank in the tie-break between equal spans
    ids: np.ndarray  # folded code point -> character id (EXPANDS -> _EXPANDS_ID)
    raw_ids: np.ndarray  # code point -> id of its folded character
    pairs: np.ndarray  # first id * n_ids + second id -> the node after them (0: none), or empty
    singles: np.ndarray  # character id -> the node after it, where a walk starts from one character
    opens: np.ndarray  # character id -> opens a pair or a single walk
    word: np.ndarray  # character id -> [a-z0-9]
    separator: np.ndarray  # character id -> [\s\-]
    trie: Trie
    lookahead: np.ndarray  # term -> ends in an ASCII letter or digit, so no [a-z0-9] may follow
    self_overlapping: np.ndarray  # term -> two of its matches may overlap


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


def _openings(trie: Trie, n_ids: int, pairs: bool) -> tuple[np.ndarray, np.ndarray]:
    """(pairs, singles): where walks start, and at which node.

    A walk starts after two characters when the node after the first one
    does nothing but go on by a character (no term or first segment ends
    there, no space follows): one table lookup of the pair then replaces
    the two busiest rounds. Other first characters (and all of them without
    the pair table) start a walk after one character.
    """
    first = np.arange(n_ids, dtype=np.int64)
    child = trie.base[0] + first
    opens = (trie.check[child] == 0) & (first > 0)
    node1 = np.where(opens, child, 0)
    single = opens & (trie.flags[node1] != 0) if pairs else opens
    table = np.zeros(n_ids * n_ids if pairs else 0, dtype=np.int32)
    for c0 in np.flatnonzero(opens & ~single).tolist():
        after = trie.base[node1[c0]] + first
        table[c0 * n_ids : (c0 + 1) * n_ids] = np.where(trie.check[after] == node1[c0], after, 0)
    return table, np.where(single, node1, 0).astype(np.int32)


def build(terms: Sequence[str], *, pairs: bool | None = None) -> Matcher:
    """Compile folded, sorted, distinct terms (`pairs`: use the pair table, by default when not too large).

    Two matches of one term can overlap only if the term without separators
    has a border (or starts with a separator); only then must the matches
    its finditer would skip be dropped.
    """
    fold, skipped = _tables()
    chars = sorted({ch for term in terms for ch in term if ch != " "})
    char_ids = {ch: _FIRST_TERM_ID + i for i, ch in enumerate(chars)}
    n_ids = _FIRST_TERM_ID + len(chars)
    dtype = np.uint16 if n_ids <= 1 << 16 else np.int32
    ids = np.where(skipped, _OTHER_SEPARATOR, np.where(_IS_WORD, _OTHER_WORD, _OTHER)).astype(dtype)
    ids[EXPANDS] = _EXPANDS_ID
    ids[[ord(ch) for ch in chars]] = list(char_ids.values())
    trie = build_trie(terms, char_ids, n_ids)
    pair_table, singles = _openings(trie, n_ids, n_ids <= MAX_PAIR_IDS if pairs is None else pairs)
    word = np.zeros(n_ids, dtype=bool)
    word[_OTHER_WORD] = True
    word[[char_ids[ch] for ch in chars if _IS_WORD[ord(ch)]]] = True
    separator = np.zeros(n_ids, dtype=bool)
    separator[_OTHER_SEPARATOR] = True
    separator[[char_ids[ch] for ch in chars if skipped[ord(ch)]]] = True
    stripped = ["".join(ch for ch in term if not _is_separator(ch)) for term in terms]
    return Matcher(
        terms=tuple(terms),
        ids=ids,
        raw_ids=ids[fold],
        pairs=pair_table,
        singles=singles,
        opens=(pair_table.reshape(n_ids, -1).any(axis=1) if len(pair_table) else np.zeros(n_ids, bool)) | (singles > 0),
        word=word,
        separator=separator,
        trie=trie,
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

    @staticmethod
    def concat(parts: Sequence[_Spans]) -> _Spans:
        if not parts:
            return _Spans(*(np.zeros(0, dtype=np.int64) for _ in range(3)))
        return _Spans(*(np.concatenate([getattr(p, f) for p in parts]) for f in ("start", "end", "term")))


class _Skipper:
    """Past the separators at each position: a step at a time while runs are short, else by a table."""

    def __init__(self, cid: np.ndarray, separator: np.ndarray) -> None:
        self.cid, self.separator = cid, separator
        self.table: np.ndarray | None = None

    def __call__(self, pos: np.ndarray) -> np.ndarray:
        for _ in range(_MAX_SKIP_STEPS):
            step = self.separator[self.cid[pos]]
            if not step.any():
                return pos
            pos = pos + step
        if self.table is None:
            # The last position is SENTINEL, never skipped, so every run ends.
            n = len(self.cid)
            index = np.where(self.separator[self.cid], n, np.arange(n))
            self.table = np.minimum.accumulate(index[::-1])[::-1]
        return self.table[pos]


def _openers(cid: np.ndarray, m: Matcher) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(origin, position of the next character, node) of every walk: where a term may start, past its opening.

    A term opening with [a-z0-9] may not follow one: (?<![a-z0-9]).
    """
    # Under a fifth of the characters open a term: find those first, then look pairs up there only.
    pos = np.flatnonzero(m.opens[cid])
    first = cid[pos]
    parts = []
    if len(m.pairs):
        pair = m.pairs[first.astype(np.int64) * len(m.singles) + cid[pos + 1]]
        hit = np.flatnonzero(pair)
        parts.append((pos[hit], pos[hit] + 2, pair[hit].astype(np.int64)))
    if m.singles.any():
        single = m.singles[first]
        hit = np.flatnonzero(single)
        parts.append((pos[hit], pos[hit] + 1, single[hit].astype(np.int64)))
    origin, at, node = (np.concatenate(column) for column in zip(*parts, strict=True))
    # origin >= 1: position 0 is SENTINEL, which opens no term.
    keep = np.flatnonzero(~(m.word[cid[origin]] & m.word[cid[origin - 1]]))
    return origin[keep], at[keep], node[keep]


def _walk(cid: np.ndarray, m: Matcher) -> tuple[_Spans, np.ndarray, np.ndarray]:
    """(matches of the walkable terms, start positions and terms to try by regex) from every opening.

    A thread is (origin, position of its next character, node). Each round,
    a thread at a terminal node is a match unless a word character follows
    a term that ends with one; at a probe node, its regex terms are to be
    tried in its text; a node with a space edge also continues past the
    separators at the position; then every thread takes the edge of its next
    character, or ends.
    """
    trie = m.trie
    skip = _Skipper(cid, m.separator)
    origin, at, node = _openers(cid, m)
    found: list[_Spans] = []
    probed: list[tuple[np.ndarray, np.ndarray]] = []
    while len(node):
        flags = trie.flags[node]
        if flags.any():
            if len(ends := np.flatnonzero(flags & _TERMINAL)):
                term, end = trie.term[node[ends]], at[ends]
                ok = np.flatnonzero(~(m.lookahead[term] & m.word[cid[end]]))
                found.append(_Spans(origin[ends[ok]], end[ok], term[ok]))
            if len(probes := np.flatnonzero(flags & _PROBE)):
                probed.append((origin[probes], node[probes]))
            if len(spaced := np.flatnonzero(flags & _SPACE)):
                origin = np.concatenate((origin, origin[spaced]))
                at = np.concatenate((at, skip(at[spaced])))
                node = np.concatenate((node, trie.space[node[spaced]]))
        child = trie.base[node] + cid[at]
        alive = np.flatnonzero(trie.check[child] == node)
        origin, at, node = origin[alive], at[alive] + 1, child[alive]
    if probed:
        where = np.concatenate([p for p, _ in probed])
        nodes = np.concatenate([n for _, n in probed])
        sizes = trie.probe_offsets[nodes + 1] - trie.probe_offsets[nodes]
        within = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        regex_pos = np.repeat(where, sizes)
        regex_term = trie.probe_terms[np.repeat(trie.probe_offsets[nodes], sizes) + within]
    else:
        regex_pos = regex_term = np.zeros(0, dtype=np.int64)
    return _Spans.concat(found), regex_pos, regex_term


def _match_regexes(
    packed: codepoints.Packed, texts: Sequence[str], folded: bool, pos: np.ndarray, term: np.ndarray, m: Matcher
) -> _Spans:
    """Matches of the terms the walk cannot take, by their regex, in the texts where they may occur."""
    found: list[tuple[int, int, int]] = []
    owners = codepoints.owner(packed, pos).tolist()
    for i, t in sorted(set(zip(owners, term.tolist(), strict=True))):
        base = int(packed.starts[i])
        text = texts[i] if folded else texts[i].casefold()
        found.extend((base + hit.start(), base + hit.end(), t) for hit in term_pattern(m.terms[t]).finditer(text))
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
    cid = (m.ids if folded else m.raw_ids)[packed.cps]
    apart: list[int] = []
    if not folded and len(expands := np.flatnonzero(cid == _EXPANDS_ID)):
        apart = sorted(set(codepoints.owner(packed, expands).tolist()))
        for i in apart:
            lo = int(packed.starts[i])
            cid[lo : lo + int(packed.lengths[i])] = _OTHER
    spans, regex_pos, regex_term = _walk(cid, m)
    if len(regex_pos):
        spans = _Spans.concat([spans, _match_regexes(packed, texts, folded, regex_pos, regex_term, m)])
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

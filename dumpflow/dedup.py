"""Repeat detection: which article is each entry a sighting of?

Three kinds of repeat, checked in this order:
- exact: the same comparison key (other whitespace, punctuation or width);
- truncation: the site cut the same article at another length, so one key is
  a prefix of the other and the shorter one carries the truncation marker;
- near: a small edit or an inserted line, possibly cut at another length too.

Candidates come from stable 64-bit hashes ("signals") of each key: the key
itself, fixed windows of its opening (a cut copy shares them), and the LSH
band keys of a MinHash sketch of its opening (an edit or an inserted line
that breaks the windows leaves most bands intact; see minhash.py). They are
looked up in an index (the warehouse's, plus what this batch added), so a new
dump is compared only with the few articles that share a signal, never with
the whole catalogue. A candidate is then verified on the text; sharing an
opening is not enough.

Entries from HTML pages may carry a canonical address (`url_key`, see
urlkey.py), and that comes before the text: an entry whose address an
article already has is a sighting of it (kind 'url' when the texts alone do
not verify: a title-only archive line, a custom excerpt), and two entries
with different addresses are never merged by their text, however alike
(archive lines or template excerpts that differ only in the title). Entries
without an address (every text dump) are matched by text alone, exactly as
before, and may join an article that has one.

An article's body is the longest version seen. Its id does not depend on
the order dumps arrive in: an article with an address is keyed by it
(`url_article_id`), one without by its text (`article_id_candidates`). So
when an article known by its text alone gains an address, it is re-keyed;
and when an entry with an address joins an article, the address-less
articles whose text verifies against it are the same post and go under its
id too (what would have happened had the HTML page come first). Stored
articles re-keyed so travel to the loader as `Rekey`s. See docs/arrival-order.md.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from dumpflow import candidates, minhash
from dumpflow.hashing import hex_id
from dumpflow.signals import Known, batch_signals, url_signal
from dumpflow.similarity import NearScorer, near_score
from schemas.records import ArticleState, CleanDump, CleanEntry, MatchedDump, Rekey, Sighting, trusted, trusted_maker

# A shorter key must be at least this long to count as a cut of a longer one:
# below it, a shared first phrase ("概述 本文介绍") says nothing.
MIN_PREFIX = 40
# Verified similarity above which two keys are one article (see README: dedup).
NEAR_THRESHOLD = 0.8
ID_PREFIX = 48
# A signal shared by more articles than this is a template (a common first
# clause, a series intro), not evidence: it is not used to propose candidates.
# A real repeat shares most of its 13 signals, so it is still found through the
# others; without the cap, candidates per entry grow with the catalogue.
MAX_POSTING = 16

R = TypeVar("R", Sighting, ArticleState)

KIND_RANK = {"exact": 3, "truncation": 2, "near": 1}
# A match by address: certain, though the texts were not found alike.
URL_SIMILARITY = 1.0
_NONE: frozenset[str] = frozenset()


def article_id_candidates(key: str) -> list[str]:
    """Ids to try for a new article, in order.

    The first depends only on the opening, so a truncated copy and the full
    article get the same id whichever arrives first; the second separates
    different articles that happen to share that opening.
    """
    return [hex_id("article:" + key[:ID_PREFIX]), hex_id("article-full:" + key)]


def url_article_id(url_key: str) -> str:
    """The id of an article first seen with an address: a card, its post page and an
    archive line get the same id whichever of them arrives first."""
    return hex_id("article-url:" + url_key)


def _lap(phases: dict[str, float], name: str, since: float) -> float:
    now = time.perf_counter()
    phases[name] = phases.get(name, 0.0) + now - since
    return now


class CandidateSource(Protocol):
    """What repeat detection needs to know about articles already stored."""

    def lookup(self, hashes: Sequence[int], max_posting: int | None = None) -> list[tuple[int, str | None]]:
        """(hash, article_id) for every stored signal among `hashes`; a hash shared
        by more than `max_posting` distinct articles comes back once as (hash, None)."""
        ...

    def states(self, article_ids: Sequence[str]) -> list[Known]: ...

    def existing_ids(self, article_ids: Sequence[str]) -> set[str]: ...


@dataclass(frozen=True)
class Match:
    article_id: str
    kind: str
    similarity: float


def verify(
    entry_key: str,
    entry_truncated: bool,
    state: Known,
    exact_hit: bool,
    score_near: Callable[[str, str], float | None] | None = None,
) -> Match | None:
    """Decide on the text whether an entry is a sighting of a candidate article.

    `score_near` is `similarity.near_score` at NEAR_THRESHOLD; a batch passes
    its `NearScorer` everywhere it verifies (best match and `Index.settle`), so
    every pair counts towards the switch to compiled code, which gives the
    same scores.
    """
    if exact_hit or entry_key == state.key:
        return Match(state.article_id, "exact", 1.0)
    short, long_, short_truncated = (
        (entry_key, state.key, entry_truncated)
        if len(entry_key) <= len(state.key)
        else (state.key, entry_key, state.is_truncated)
    )
    if len(short) < MIN_PREFIX:
        return None
    if short_truncated and long_.startswith(short):
        return Match(state.article_id, "truncation", round(len(short) / len(long_), 6))
    if not short_truncated and len(short) / len(long_) < NEAR_THRESHOLD:
        return None  # the coverage cap below would keep any score under the threshold
    score = near_score(short, long_, NEAR_THRESHOLD) if score_near is None else score_near(short, long_)
    if score is None:
        return None
    if not short_truncated and len(short) < 0.9 * len(long_):
        # A complete text that only opens like a longer one is another article
        # (or a later edition with much added): require it to cover most of it.
        score = min(score, len(short) / len(long_))
    if score >= NEAR_THRESHOLD:
        return Match(state.article_id, "near", round(score, 6))
    return None


@dataclass
class Index:
    """The warehouse's index plus what this batch has added, in memory."""

    source: CandidateSource
    sigs: dict[str, list[int]] = field(default_factory=dict)
    postings: dict[int, set[str]] = field(default_factory=dict)
    saturated: set[int] = field(default_factory=set)  # signals over MAX_POSTING: never used
    states: dict[str, Known] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)
    ids: dict[str, list[str]] = field(default_factory=dict)  # key -> article_id_candidates(key)
    sketches: dict[str, list[int]] = field(default_factory=dict)  # key -> minhash sketch, for the warehouse
    by_url: dict[str, str] = field(default_factory=dict)  # url_key -> the one article that has it
    # Ids that now go under another article (re-keyed or united); postings keep the old id, resolved on use.
    alias: dict[str, str] = field(default_factory=dict)
    united: set[str] = field(default_factory=set)  # the ids aliases point at
    phases: dict[str, float] = field(default_factory=dict)  # seconds per phase, for benchmarks
    score_near: NearScorer = field(default_factory=lambda: NearScorer(NEAR_THRESHOLD))

    def prefetch(self, entries: Sequence[CleanEntry]) -> None:
        """One round trip to the warehouse for a whole batch of entries.

        Nothing here depends on the order of keys or ids (each is looked up on
        its own), so they are not sorted: at 100k entries that sorting was 0.5 s.
        Title-only entries have the key '' and no text signals: hashing '' would
        make every one of them an exact repeat of the others.
        """
        lap = time.perf_counter()
        sigs = self.sigs
        keys = [key for key in dict.fromkeys(entry.key for entry in entries) if key and key not in sigs]
        url_keys = [u for u in dict.fromkeys(entry.url_key for entry in entries) if u and u not in self.by_url]
        sketch = minhash.sketches(keys)
        self.sigs.update(zip(keys, batch_signals(keys, sketch), strict=True))
        self.sketches.update(zip(keys, sketch.tolist(), strict=True))
        self.ids.update((key, article_id_candidates(key)) for key in keys)
        url_sigs = {u: url_signal(u) for u in url_keys}
        lap = _lap(self.phases, "sketch", lap)
        hashes: set[int] = set(url_sigs.values())
        ids: set[str] = {url_article_id(u) for u in url_keys}
        for key in keys:
            hashes.update(self.sigs[key])
            ids.update(self.ids[key])
        for h, article_id in self.source.lookup(list(hashes), MAX_POSTING):
            if article_id is None:
                self.saturated.add(h)
            else:
                self.postings.setdefault(h, set()).add(article_id)
        wanted = list({a for posting in self.postings.values() for a in posting}.difference(self.states))
        for state in self.source.states(wanted):
            self.states[state.article_id] = state
        for u, h in url_sigs.items():
            # The stored address is compared too: a 64-bit hash alone is not an identity.
            owners = [a for a in self.postings.get(h, _NONE) if self.states[a].url_key == u]
            if owners:
                self.by_url[u] = min(owners)
        self.taken |= self.source.existing_ids(list(ids))
        lap = _lap(self.phases, "lookup", lap)
        self._score_ahead(entries, keys)
        _lap(self.phases, "pairs", lap)

    def _score_ahead(self, entries: Sequence[CleanEntry], keys: list[str]) -> None:
        """Score the batch's likely candidate pairs in one call before the walk (see candidates.py)."""
        if not self.score_near.wants_pairs():
            return
        truncated = {entry.key for entry in entries if entry.is_truncated}
        sigs = self.sigs
        pairs = candidates.batch_pairs(
            keys, [sigs[k] for k in keys], truncated, self.postings, self.states, MIN_PREFIX, NEAR_THRESHOLD
        )
        self.score_near.prime(pairs)

    def add(self, state: Known, keys: Iterable[str]) -> None:
        article_id = state.article_id
        self.states[article_id] = state
        self.taken.add(article_id)
        if state.url_key is not None:
            self.by_url[state.url_key] = article_id
        postings, saturated = self.postings, self.saturated
        for key in keys:
            for h in self.sigs[key]:
                posting = postings.get(h)
                if posting is None:
                    if h not in saturated:
                        postings[h] = {article_id}
                    continue
                posting.add(article_id)
                if len(posting) > MAX_POSTING:
                    # Saturated the same way the warehouse reports it, so the
                    # outcome does not depend on where batches begin and end.
                    saturated.add(h)
                    del postings[h]

    def best_match(self, entry: CleanEntry) -> Match | None:
        if entry.url_key is not None:
            return self._match_by_address(entry, entry.url_key)
        sigs = self.sigs[entry.key]
        postings = self.postings
        exact_ids = postings.get(sigs[0], _NONE)
        candidates = set(exact_ids)
        for h in sigs[1:]:
            posting = postings.get(h)
            if posting:
                candidates.update(posting)
        if self.alias:
            candidates, exact_ids = self._resolved(candidates), self._resolved(exact_ids)
        return self._best_of(entry, candidates, exact_ids)

    def resolve(self, article_id: str) -> str:
        """The id an article goes under now (itself unless it was re-keyed or united with another).

        One look-up: `settle` keeps every alias pointing at a final id.
        """
        return self.alias.get(article_id, article_id)

    def _resolved(self, ids: Iterable[str]) -> set[str]:
        alias = self.alias
        return {alias.get(a, a) for a in ids}

    def _best_of(self, entry: CleanEntry, candidates: set[str], exact_ids: Iterable[str]) -> Match | None:
        """The candidate the entry's text verifies best against."""
        if exact_ids:
            # Every exact candidate verifies as ("exact", 1.0), the top of the
            # ranking, and ties go to the first id: verifying the others (the
            # costly part) cannot change the answer.
            same = [a for a in candidates if a in exact_ids or self.states[a].key == entry.key]
            return Match(min(same), "exact", 1.0)
        # The best (kind, similarity), ties to the smallest id: what walking the
        # candidates in id order and keeping only strict improvements gave, without the sort.
        best: Match | None = None
        for article_id in candidates:
            match = verify(entry.key, entry.is_truncated, self.states[article_id], False, self.score_near)
            if match and (
                best is None
                or (rank := (KIND_RANK[match.kind], match.similarity))
                > (top := (KIND_RANK[best.kind], best.similarity))
                or (rank == top and match.article_id < best.article_id)
            ):
                best = match
        return best

    def _match_by_address(self, entry: CleanEntry, url_key: str) -> Match | None:
        """An entry with an address: the article that has it, else text candidates that have none.

        The kind says what the texts show: a re-listed card is still 'exact',
        an excerpt of the post page 'truncation'; 'url' only when the address
        alone decided (a title-only line, an excerpt that is not a cut).
        """
        owner = self.by_url.get(url_key)
        if owner is not None:
            state = self.states[owner]
            match = (
                verify(entry.key, entry.is_truncated, state, entry.key == state.key, self.score_near)
                if entry.key and state.key
                else None
            )
            return match or Match(owner, "url", URL_SIMILARITY)
        if not entry.key:
            return None
        sigs = self.sigs[entry.key]
        states = self.states
        # An article with another address is another post, however alike the texts.
        found = self._resolved(a for h in sigs for a in self.postings.get(h, _NONE))
        candidates = {a for a in found if states[a].url_key is None}
        exact_ids = self._resolved(self.postings.get(sigs[0], _NONE)) & candidates
        return self._best_of(entry, candidates, exact_ids)

    def settle(self, article_id: str, entry: CleanEntry) -> tuple[Known, list[tuple[str, str]]]:
        """After an entry with an address joined `article_id`: the article under its canonical id, and the
        (old id, new id) moves that took it there.

        Address-less articles whose text verifies against the article as it
        now stands are the same post: had this entry come first, they would
        have joined it as they arrived, so they join it now (verified in id
        order, each against the article as the previous ones left it). Then
        the article takes the id of its address, unless another article
        already has that id (only possible in a warehouse upgraded from
        before ids came from addresses; it then keeps its id).
        """
        state = self.states[article_id]
        moves: list[tuple[str, str]] = []
        if entry.key:
            found = self._resolved(a for h in self.sigs[entry.key] for a in self.postings.get(h, _NONE))
            for other in sorted(found - {article_id}):
                known = self.states[other]
                if known.url_key is not None or not known.key:
                    continue
                if verify(known.key, known.is_truncated, state, known.key == entry.key, self.score_near) is None:
                    continue
                state = merge_known(state, known)
                moves.append((other, article_id))
        canonical = url_article_id(state.url_key) if state.url_key is not None else article_id
        if canonical != article_id and canonical not in self.taken:
            moves = [(old, canonical) for old, _ in moves] + [(article_id, canonical)]
            state = state._replace(article_id=canonical)
        alias = self.alias
        for old, new in moves:
            if old in self.united:  # it had taken others in: they follow it, so aliases stay one step
                for other in [a for a, target in alias.items() if target == old]:
                    alias[other] = new
            alias[old] = new
            self.united.add(new)
        if moves:
            self.states[state.article_id] = state
            self.taken.add(state.article_id)
            if state.url_key is not None:
                self.by_url[state.url_key] = state.article_id
        return state, moves

    def article_state(self, known: Known, keys: list[str], addressed: bool = False) -> ArticleState:
        """The step's output for an article: where it stands after the dump, the
        versions first seen in the dump, and the hashes already computed for them.

        Not validated again (`records.trusted`): `known` holds an entry's
        validated fields, and the hashes are computed here, one row per key.
        """
        return trusted(
            ArticleState,
            {
                "article_id": known.article_id,
                "body": known.body,
                "key": known.key,
                "is_truncated": known.is_truncated,
                "title": known.title,
                "url": known.url,
                "url_key": known.url_key,
                "url_key_is_new": addressed,
                "published": known.published,
                "new_keys": keys,
                "new_key_signals": [self.sigs[k] for k in keys],
                "new_key_sketches": [self.sketches[k] for k in keys],
            },
        )

    def new_id(self, key: str, url_key: str | None = None) -> str:
        if url_key is not None:
            candidates = [url_article_id(url_key)]
        else:
            candidates = self.ids.get(key) or article_id_candidates(key)
        for candidate in candidates:
            if candidate not in self.taken:
                return candidate
        n = 2
        while f"{candidates[-1]}-{n}" in self.taken:
            n += 1
        return f"{candidates[-1]}-{n}"


def merge_state(state: Known, entry: CleanEntry) -> Known:
    """The article after this sighting: the longest body wins, the id stays.

    Title and url go with the fullest body (the post page's own, not a card's
    link text); between versions of equal length the choice does not depend
    on which came first. The publication date is the earliest one shown.
    """
    # Longest by key first; a cut that only lost trailing punctuation has the
    # same key, and then the fuller text wins. Between versions of equal
    # lengths, the complete one, then the smaller text: the same whichever came first.
    mine, theirs = (len(entry.key), len(entry.body)), (len(state.key), len(state.body))
    longer = mine > theirs or (mine == theirs and (entry.is_truncated, entry.body) < (state.is_truncated, state.body))
    title, url = state.title, state.url
    if entry.title is not None or entry.url is not None:  # a text dump's entry (neither) leaves them
        if mine == theirs:
            title = _either(title, entry.title)
            url = _either(url, entry.url) if entry.url_key is not None else url or entry.url
        elif longer:
            title = entry.title or title
            url = entry.url if entry.url_key is not None or url is None else url
        else:
            title = title or entry.title
            url = url or entry.url
    published = state.published
    if entry.published is not None and (published is None or entry.published < published):
        published = entry.published
    return Known(
        state.article_id,
        entry.body if longer else state.body,
        entry.key if longer else state.key,
        entry.is_truncated if longer else state.is_truncated,
        title,
        url,
        state.url_key or entry.url_key,
        published,
    )


def merge_known(state: Known, other: Known) -> Known:
    """`state` after taking in another article's state, as if that article's best version were a sighting."""
    entry = trusted(
        CleanEntry,
        {
            "position": 0,
            "line_no": 0,
            "raw_text": other.body,
            "body": other.body,
            "key": other.key,
            "is_truncated": other.is_truncated,
            "title": other.title,
            "url": other.url,
            "url_key": other.url_key,
            "published": other.published,
        },
    )
    return merge_state(state, entry)


def _either(a: str | None, b: str | None) -> str | None:
    """One of two values, the same one whichever order they come in: the longer, then the smaller."""
    if a is None or b is None:
        return a or b
    return min(a, b, key=lambda v: (-len(v), v))


def match_dumps(
    dumps: Sequence[CleanDump], source: CandidateSource, phases: dict[str, float] | None = None
) -> list[MatchedDump]:
    """Assign every entry of these dumps, in order, to a new or known article.

    Dumps are matched in the order given, each against the warehouse and the
    dumps before it, so loading them in that order reproduces what one-by-one
    ingests would have stored. `phases`, when given, is added the seconds
    spent per phase (sketch, lookup, pairs, verify, merge): benchmarks/match_bench.py prints them.

    Sightings and article states are built without pydantic's validation
    (`records.trusted`): every field comes from a validated entry or from this
    step's own ids and scores, and validating ~20k records per 20k entries was
    ~15% of the step.
    """
    sighting = trusted_maker(Sighting)
    index = Index(source)
    index.prefetch([entry for dump in dumps for entry in dump.entries])
    verifying = 0.0
    lap = time.perf_counter()
    out: list[MatchedDump] = []
    created: set[str] = set()  # ids given in this batch: the warehouse has no rows of them to move
    moved_at: dict[str, int] = {}  # stored article re-keyed -> the dump (index in `out`) that did it
    for dump in dumps:
        changed: dict[str, Known] = {}
        new_keys: dict[str, list[str]] = {}
        addressed: set[str] = set()  # articles given their url_key by this dump
        sightings: list[Sighting] = []
        for entry in dump.entries:
            started = time.perf_counter()
            match = index.best_match(entry)
            verifying += time.perf_counter() - started
            key = entry.key
            if match is None:
                article_id = index.new_id(key, entry.url_key)
                created.add(article_id)
                state = Known(
                    article_id,
                    entry.body,
                    key,
                    entry.is_truncated,
                    entry.title,
                    entry.url,
                    entry.url_key,
                    entry.published,
                )
                kind, similarity = "new", 1.0
            else:
                article_id, kind, similarity = match.article_id, match.kind, match.similarity
                state = merge_state(index.states[article_id], entry)
            if entry.url_key is not None and (match is None or index.states[article_id].url_key is None):
                addressed.add(article_id)
            keys = new_keys.setdefault(article_id, [])
            added = kind != "exact" and bool(key) and key not in keys
            if added:
                keys.append(key)
            index.add(state, [key] if key else [])
            changed[article_id] = state
            if entry.url_key is not None:
                state, moves = index.settle(article_id, entry)
                seen_before = False  # the entry's version was indexed already, by an article it just united
                moved_here = False  # ... or is indexed by this dump for one of them: keep it once
                for old, new in moves:
                    changed.pop(old, None)
                    moved_keys = new_keys.pop(old, [])
                    keys = new_keys.setdefault(new, [])
                    keys.extend(k for k in moved_keys if k not in keys)
                    seen_before |= old != article_id and key not in moved_keys and index.states[old].key == key
                    moved_here |= key in moved_keys
                    if old in addressed:
                        addressed.discard(old)
                        addressed.add(new)
                    if old not in created:
                        moved_at.setdefault(old, len(out))
                if added and seen_before and not moved_here:
                    # Arriving after that article, the entry would have been an exact repeat: nothing to index.
                    new_keys[state.article_id].remove(key)
                article_id = state.article_id
                changed[article_id] = state
            sightings.append(
                sighting(
                    {
                        "position": entry.position,
                        "line_no": entry.line_no,
                        "article_id": article_id,
                        "raw_text": entry.raw_text,
                        "kind": kind,
                        "similarity": similarity,
                        "url": entry.url,
                        "published": entry.published,
                    }
                )
            )
        articles = [
            index.article_state(state, new_keys.get(article_id, []), article_id in addressed)
            for article_id, state in changed.items()
        ]
        out.append(
            # Not validated again either: validating the dump re-ran every state's own validator
            # (one call per article, ~0.1 s per 20k entries) on records built just above.
            trusted(
                MatchedDump,
                {
                    "dump": dump.dump,
                    "format": dump.format,
                    "encoding": dump.encoding,
                    "sightings": sightings,
                    "articles": articles,
                    "dropped": dump.dropped,
                    "partial_tail": dump.partial_tail,
                    "rekeys": [],
                },
            )
        )
    if index.alias:
        out = [_rekeyed(dump, n, index, moved_at) for n, dump in enumerate(out)]
    _lap(index.phases, "merge", lap + verifying)
    index.phases["verify"] = verifying
    if phases is not None:
        for name, seconds in index.phases.items():
            phases[name] = phases.get(name, 0.0) + seconds
    return out


def _rekeyed(dump: MatchedDump, n: int, index: Index, moved_at: dict[str, int]) -> MatchedDump:
    """The dump with every id as the batch finally settled it, and the stored articles it must move.

    A dump carries the move of a stored article when it made the move or
    sighted the article before it (so, loaded on its own, its sightings never
    point to an id the warehouse does not have yet); moving an id twice is a no-op.
    """
    resolve = index.resolve
    olds = {old for old, at in moved_at.items() if at == n}
    olds.update(s.article_id for s in dump.sightings if s.article_id in moved_at)
    olds.update(a.article_id for a in dump.articles if a.article_id in moved_at)
    return dump.model_copy(
        update={
            "sightings": [_with_id(s, resolve(s.article_id)) for s in dump.sightings],
            "articles": [_with_id(a, resolve(a.article_id)) for a in dump.articles],
            "rekeys": [Rekey(old_id=old, article_id=resolve(old)) for old in sorted(olds)],
        }
    )


def _with_id(record: R, article_id: str) -> R:
    return record if record.article_id == article_id else record.model_copy(update={"article_id": article_id})


class EmptySource:
    """A catalogue with nothing in it: repeat detection within the given dumps only.

    Useful to run or benchmark the step without a warehouse; it is the state
    of a brand-new warehouse, not a stand-in for one.
    """

    def lookup(self, hashes: Sequence[int], max_posting: int | None = None) -> list[tuple[int, str | None]]:
        return []

    def states(self, article_ids: Sequence[str]) -> list[Known]:
        return []

    def existing_ids(self, article_ids: Sequence[str]) -> set[str]:
        return set()

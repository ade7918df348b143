"""The records that cross a step boundary.

Every step of the engine takes and returns these models, never loose dicts, so
a step can be tested and benchmarked alone and the flow is only wiring. They
are frozen: a step that wants to change a record makes a new one, which keeps
earlier stages' outputs trustworthy when a batch is reused (retries, tests).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Annotated, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

DumpFormat = Literal["text", "html"]
# 'url': the same canonical address when the texts alone would not match (issue 13).
MergeKind = Literal["exact", "truncation", "near", "url"]


def _calendar_date(value: str) -> str:
    if dt.date.fromisoformat(value).isoformat() != value:
        raise ValueError(f"not a YYYY-MM-DD date: {value!r}")
    return value


# A publication date as stored: a real calendar day, YYYY-MM-DD (the DATE columns take it as is).
IsoDate = Annotated[str, AfterValidator(_calendar_date)]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


R = TypeVar("R", bound=Record)
_new = object.__new__
_set = object.__setattr__


def trusted(cls: type[R], fields: dict[str, object]) -> R:
    """`cls(**fields)` without validating again what is valid already; every field must be given.

    For records a step builds in bulk from parts that are records already
    (validated when they were made: an entry's text, url and date, an
    article's state) and from values the step computed itself (ids, kinds,
    scores, hashes). Validating them again (a few us each, ~100,000 a batch)
    cost more than the work that made them, and `model_construct` costs more
    still. Safe only for such parts: nothing is checked but the field names,
    and a model's own validators do not run either (ArticleState's one row of
    hashes per new key): the caller builds what they check by construction.
    The names must be exactly the model's (no default is filled in and no
    name is ignored), else TypeError: a forgotten or misspelt field fails here
    rather than as a record missing an attribute later. The dict becomes the
    record's own (pass a fresh one) and its lists are shared, not copied as
    validation would: records are frozen and nothing edits a list in place.
    tests/test_records.py checks that the result equals the validated model,
    fields set included.
    """
    make, names = _trusted(cls)
    if fields.keys() != names:
        raise TypeError(f"{cls.__name__} takes exactly the fields {sorted(names)}, got {sorted(fields)}")
    return make(fields)


def trusted_maker(cls: type[R]) -> Callable[[dict[str, object]], R]:
    """`trusted` for one model, without checking the field names: for one loop whose dict literal
    names every field, where the check would be a measurable share of the loop."""
    return _trusted(cls)[0]


@functools.cache
def _trusted(cls: type[R]) -> tuple[Callable[[dict[str, object]], R], frozenset[str]]:
    names = frozenset(cls.model_fields)

    def make(fields: dict[str, object]) -> R:
        record = _new(cls)
        _set(record, "__dict__", fields)
        _set(record, "__pydantic_fields_set__", set(names))
        _set(record, "__pydantic_extra__", None)
        _set(record, "__pydantic_private__", None)
        return record

    return make, names


class FileStamp(Record):
    """A file's stat identity when it was hashed: the reader's proof that the bytes it reads are the hashed ones.

    Size and modification time are what make and rsync trust; the change time
    (ctime) is added because, unlike mtime, no program can set it back
    (`os.utime` restores an mtime but moves the ctime), and inode and device
    tell a file replaced under the same name (an editor's save, a `mv`).
    """

    size_bytes: int = Field(ge=0)
    mtime_ns: int
    ctime_ns: int
    inode: int = Field(ge=0)
    device: int = Field(ge=0)

    def key(self) -> tuple[int, int, int, int, int]:
        """The fields in the order `read` compares a fresh stat against, so both sides are built one way."""
        return self.size_bytes, self.mtime_ns, self.ctime_ns, self.inode, self.device


class DumpFile(Record):
    """A file found in the landing zone, identified by the SHA-256 of its bytes.

    `stamp` is None when the file had been modified too recently for its stat
    to be trusted (see `read.identify`) or when the record was built without
    a look at the file: the reader then hashes the bytes again.
    """

    path: str
    source_name: str
    dump_id: str = Field(pattern=r"^[0-9a-f]{64}$")
    size_bytes: int = Field(ge=0)
    stamp: FileStamp | None = None


class Rejection(Record):
    """A file that will not be loaded, and why (the reason is user-facing)."""

    source_path: str
    source_name: str
    dump_id: str | None
    reason: str
    size_bytes: int = 0


class RawEntry(Record):
    """One candidate line (text dumps) or card/page (HTML dumps), verbatim."""

    line_no: int = Field(ge=0)
    raw_text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None


class ParsedDump(Record):
    """A decoded dump split into raw entries, before boilerplate is removed."""

    dump: DumpFile
    format: DumpFormat
    encoding: str
    entries: list[RawEntry]
    partial_tail: bool = False


class CleanEntry(Record):
    """An article entry: readable body, comparison key and truncation flag.

    `url_key` is the canonical form of `url` (dumpflow.urlkey), None when the
    url cannot identify a post. A title-only entry (an archive line) has body
    and key '' and always a url_key: its address is all that identifies it.
    """

    position: int = Field(ge=0)
    line_no: int = Field(ge=0)
    raw_text: str
    body: str
    key: str
    is_truncated: bool
    title: str | None = None
    url: str | None = None
    url_key: str | None = None
    published: IsoDate | None = None


class DroppedLine(Record):
    line_no: int = Field(ge=0)
    raw_text: str
    reason: str


class CleanDump(Record):
    dump: DumpFile
    format: DumpFormat
    encoding: str
    entries: list[CleanEntry]
    dropped: list[DroppedLine]
    partial_tail: bool = False


class ArticleState(Record):
    """What the catalogue knows of an article after some sighting.

    `key` is the comparison key of `body` (the longest version seen), kept so
    that repeat detection can verify a candidate without re-normalizing it.
    `new_keys` are the keys of versions first seen in this dump, which the
    warehouse indexes so an old, shorter cut still matches exactly later.
    `new_key_signals` / `new_key_sketches`, when given, are what repeat
    detection already computed for them (signals.batch_signals,
    minhash.sketches), so loading does not hash them again.
    `url_key` is the article's canonical address (at most one article has
    each; `url_key_is_new` when this dump gave it, so the warehouse indexes
    it once), `published` the earliest date any of its sightings showed.
    """

    article_id: str
    body: str
    key: str
    is_truncated: bool
    title: str | None = None
    url: str | None = None
    url_key: str | None = None
    url_key_is_new: bool = False
    published: IsoDate | None = None
    new_keys: list[str] = Field(default_factory=list)
    new_key_signals: list[list[int]] = Field(default_factory=list)
    new_key_sketches: list[list[int]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _aligned(self) -> ArticleState:
        # Runs for every state (and again inside every Article), so no loop or getattr.
        n, signals, sketches = len(self.new_keys), self.new_key_signals, self.new_key_sketches
        if (signals and len(signals) != n) or (sketches and len(sketches) != n):
            raise ValueError("new_key_signals and new_key_sketches, when given, must have one row per new key")
        return self


class Sighting(Record):
    """One entry of a dump assigned to an article; `url` and `published` are what that entry said."""

    position: int
    line_no: int
    article_id: str
    raw_text: str
    kind: Literal["new", "exact", "truncation", "near", "url"]
    similarity: float
    url: str | None = None
    published: IsoDate | None = None


class Rekey(Record):
    """A stored article that now goes under another id: it gained its canonical address (its id becomes
    dedup.url_article_id of it), or it proved to be the same post as the article `article_id`.
    The loader moves every row of `old_id` there, in the dump's transaction."""

    old_id: str
    article_id: str


class MatchedDump(Record):
    """A dump after repeat detection: its sightings and the article states it changes."""

    dump: DumpFile
    format: DumpFormat
    encoding: str
    sightings: list[Sighting]
    articles: list[ArticleState]
    dropped: list[DroppedLine]
    partial_tail: bool = False
    rekeys: list[Rekey] = []


class LanguageGuess(Record):
    lang: str
    confidence: float = Field(ge=0.0, le=1.0)
    method: Literal["script", "langdetect", "none"]


class TopicTag(Record):
    topic: str
    score: float
    evidence: list[str]


class Annotation(Record):
    """Language and topics of one analysed text, without the article state they belong to.

    What annotating computes and nothing else: a Dask worker sends these back
    instead of whole AnnotatedDumps, so a batch's article states, which the
    flow already holds, do not travel back from the cluster
    (`enrich.assemble` puts the two together).
    """

    language: LanguageGuess
    topics: list[TopicTag]


class Article(Record):
    """An article state ready for the warehouse: language and topics attached."""

    state: ArticleState
    language: LanguageGuess
    topics: list[TopicTag]


class AnnotatedDump(Record):
    dump: DumpFile
    format: DumpFormat
    encoding: str
    sightings: list[Sighting]
    articles: list[Article]
    dropped: list[DroppedLine]
    partial_tail: bool = False
    rekeys: list[Rekey] = []


class LoadResult(Record):
    dump_id: str
    source_name: str
    status: Literal["loaded", "already_loaded"]
    n_entries: int
    n_new_articles: int
    n_repeats: int


class RetagResult(Record):
    """What `dumpflow retag` changed: articles walked, articles whose tags differed, tag rows before and after."""

    n_articles: int
    n_changed: int
    n_tags_before: int
    n_tags_after: int


class RunnerInfo(Record):
    """Where a run's CPU stages ran, as read from the runner itself (not from the options asked for).

    `workers` and `threads` are what the Dask scheduler reported when the run
    connected; `ways` is how many slices each batch's CPU stages were split into.
    """

    kind: Literal["thread", "dask"] = "thread"
    workers: int = Field(default=1, ge=0)
    threads: int = Field(default=1, ge=0)
    address: str | None = None
    ways: int = Field(default=1, ge=1)


class RunSummary(Record):
    run_id: str
    files_seen: int
    files_new: int
    files_already_loaded: int
    files_rejected: int
    entries: int
    new_articles: int
    repeats_merged: int
    dropped_lines: int
    seconds: float
    rejections: list[Rejection]
    # interrupted: a stop was asked for (Ctrl-C, SIGTERM); the batches before it are loaded, the rest are not.
    status: Literal["completed", "failed", "interrupted"] = "completed"
    stage_seconds: dict[str, float] = Field(default_factory=dict)
    runner: RunnerInfo = Field(default_factory=RunnerInfo)
    batches: int = 0  # load transactions the run's new dumps were split into
    batches_loaded: int = 0
    # time.time() when the flow's own code began: with the CLI's clock readings around the flow call,
    # it splits a run's wall time into Prefect's start, the run itself, and Prefect's finish.
    began: float = 0.0

"""Bytes -> decoded text -> raw entries.

A scraper gives us whatever it saved: UTF-8 with or without a BOM, UTF-16,
GB18030/GBK or Big5 with no declaration, any line endings, sometimes cut off
mid-character when it died. Reading either yields every complete entry or a
`Rejection` whose reason a person can act on; it never raises on content.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from dumpflow.charset import DecodeError, decode
from schemas.records import DumpFile, FileStamp, ParsedDump, RawEntry, Rejection, trusted, trusted_maker

TEXT_SUFFIXES = {"", ".txt", ".text", ".dump", ".log", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

# Magic numbers of formats scrapers save by mistake; reporting the format is
# more useful to a user than "undecodable".
_MAGIC = [
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7z archive"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3", "SQLite database"),
    (b"DUCK", "DuckDB database"),
]
# Control bytes that text does not contain; tab, LF, FF, CR and ESC (terminal
# colours in saved logs) are left out.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def sha256_file(path: Path) -> str:
    with path.open("rb") as handle:
        return _sha256_handle(handle)


def _sha256_handle(handle: BinaryIO) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: handle.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()


# A file whose mtime or ctime is this close to the moment it is hashed gets no
# stamp. File system clocks tick coarsely (a jiffy, 1-10 ms, on Linux; 2 s on
# FAT): a writer that rewrites a just-hashed file within the same tick, at the
# same size, leaves its stat as it was, which is git's "racily clean" case.
# Such a file is hashed again by the reader instead; files a scraper finished
# more than this long ago, nearly all of a run, are read and hashed once.
RACY_NS = 2_000_000_000


def _stamp_key(st: os.stat_result) -> tuple[int, int, int, int, int]:
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev


def _stamp(st: os.stat_result, now_ns: int) -> FileStamp | None:
    """The stat identity to trust later, or None when the file was modified too recently (RACY_NS)."""
    if max(st.st_mtime_ns, st.st_ctime_ns) > now_ns - RACY_NS:
        return None
    size, mtime, ctime, inode, device = _stamp_key(st)
    return FileStamp(size_bytes=size, mtime_ns=mtime, ctime_ns=ctime, inode=inode, device=device)


def _same_file(stamp: FileStamp | None, *stats: os.stat_result) -> bool:
    """Whether every stat shows the file exactly as it was when stamped (nothing known: False)."""
    if stamp is None:
        return False
    key = stamp.key()
    return all(_stamp_key(st) == key for st in stats)


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files under the given paths, hidden files skipped, in a stable order.

    Order matters: repeat detection is order-sensitive for ambiguous cases, so
    the same set of files must always be processed in the same sequence,
    whatever order the file system lists them in.
    """
    return sorted(set(_files(paths)), key=lambda p: p.as_posix())


def any_files(paths: Iterable[str | os.PathLike[str]]) -> bool:
    """Whether `discover` would find anything, stopping at the first file."""
    return next(_files(paths), None) is not None


def _files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from map(Path, _files_under(str(path)))
        else:
            yield path


def _files_under(folder: str) -> Iterator[str]:
    """Regular files (or links to one) below `folder`, hidden names and linked folders not entered.

    What `Path.rglob("*")` filtered by `is_file()` and hidden parts gave, from
    os.scandir's entries: their type comes with the listing, so a file costs
    no stat (rglob and is_file took 0.7 s for 8,000 files here, and the CLI
    and the flow both list the files).
    """
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:  # an unreadable folder is skipped, as rglob skips it
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _files_under(entry.path)
        elif _is_file(entry):
            yield entry.path


def _is_file(entry: os.DirEntry[str]) -> bool:
    """entry.is_file(), False for a link that cannot be followed (a loop), as Path.is_file() says."""
    try:
        return entry.is_file()
    except OSError:
        return False


UNREADABLE_PREFIX = "unreadable:"


def unreadable_id(path: str) -> str:
    """The id a file that cannot be read is recorded under in `dumps`.

    Its bytes cannot be hashed, so it has no content id; without a row it would
    appear only in one run's summary and be forgotten. The synthetic id is
    derived from the path as given (so a rerun updates the same row) and cannot
    collide with a SHA-256 id. The row is removed once the file is read.
    """
    return UNREADABLE_PREFIX + hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()


def identify(path: Path) -> DumpFile | Rejection:
    """Hash a file and stamp it with its stat; a file that cannot be read is rejected, not raised.

    The stat is taken on the open file before hashing, not after: a change
    made while the bytes are hashed then shows as a stat that differs from the
    stamp when the reader reads the file, and the reader hashes again. A stat
    taken after would match a file whose id mixes old and new bytes.
    """
    try:
        with path.open("rb") as handle:
            st = os.fstat(handle.fileno())
            dump_id = _sha256_handle(handle)
    except OSError as exc:
        return Rejection(
            source_path=str(path),
            source_name=path.name,
            dump_id=unreadable_id(str(path)),
            reason=f"unreadable: {exc.strerror or exc}",
        )
    stamp = _stamp(st, time.time_ns())
    return DumpFile(path=str(path), source_name=path.name, dump_id=dump_id, size_bytes=st.st_size, stamp=stamp)


def identify_all(paths: Iterable[Path]) -> tuple[list[DumpFile], list[DumpFile], list[Rejection]]:
    """Hash every file: (distinct dumps, repeated bytes under another name, unreadable files).

    The same bytes under two names are one dump; the later name is reported
    as already seen rather than loaded twice.
    """
    distinct: list[DumpFile] = []
    repeated: list[DumpFile] = []
    rejected: list[Rejection] = []
    seen: set[str] = set()
    for path in paths:
        found = identify(path)
        if isinstance(found, Rejection):
            rejected.append(found)
        elif found.dump_id in seen:
            repeated.append(found)
        else:
            seen.add(found.dump_id)
            distinct.append(found)
    return distinct, repeated, rejected


def sniff_format(name: str, data: bytes) -> str | None:
    """'text', 'html' or None (unsupported), from the suffix and the first bytes."""
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        head = data[:512].lstrip(codecs.BOM_UTF8).lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")):
            return "html"
        return "text"
    return None


def _binary_reason(data: bytes) -> str | None:
    for magic, label in _MAGIC:
        if data.startswith(magic):
            return f"binary file: looks like a {label}"
    sample = data[:8192]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    # Counted by deleting them at C speed: a Python loop over the bytes took
    # most of the time of reading a text dump.
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample and controls / len(sample) > 0.10:
        return f"binary file: {controls} control bytes in the first {len(sample)}"
    return None


def parse(dump: DumpFile, data: bytes, limit: int) -> ParsedDump | Rejection:
    """Decode and split one dump's bytes; the caller has already hashed them."""

    def reject(reason: str) -> Rejection:
        return Rejection(
            source_path=dump.path,
            source_name=dump.source_name,
            dump_id=dump.dump_id,
            reason=reason,
            size_bytes=dump.size_bytes,
        )

    if not data:
        return reject("empty file")
    if len(data) > limit:
        return reject(f"too large: {len(data)} bytes, over the cap of {limit} (DUMPFLOW_MAX_BYTES)")
    fmt = sniff_format(dump.source_name, data)
    if fmt is None:
        return reject(f"unsupported file type {Path(dump.source_name).suffix!r}")
    binary = _binary_reason(data)
    if binary:
        return reject(binary)
    if fmt == "html":
        # Imported here: the HTML reader brings bs4, lxml and trafilatura (0.6 s
        # of a run's start), which a run of text dumps never needs.
        from dumpflow import html as html_reader

        return html_reader.parse_html(dump, data, reject)
    try:
        decoded = decode(data)
    except DecodeError as exc:
        return reject(f"undecodable text: {exc}")
    # Not validated again (`records.trusted`): a line number from enumerate and
    # a str from the decoder are what RawEntry checks, and validating ~25,000
    # of them a batch was the largest single cost of reading.
    raw = trusted_maker(RawEntry)
    entries = [
        raw({"line_no": i, "raw_text": line, "title": None, "url": None, "published": None})
        for i, line in enumerate(split_lines(decoded.text))
    ]
    return trusted(
        ParsedDump,
        {
            "dump": dump,
            "format": "text",
            "encoding": decoded.encoding,
            "entries": entries,
            "partial_tail": decoded.partial_tail,
        },
    )


def split_lines(text: str) -> list[str]:
    r"""Split on CRLF, CR or LF only: other Unicode separators are content.

    str.splitlines() would also split on those separators, so CRLF and CR are
    first made LF and the text split on LF: the same lines as splitting on the
    regex `\r\n|\r|\n`, which tries CRLF first at each CR just as `replace`
    takes the CRLF pairs first, ~3x faster.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_dump(dump: DumpFile, limit: int, base: str | None = None) -> ParsedDump | Rejection:
    """Read a file's bytes (never modifying it) and parse them, hashing them again only when the file may have changed.

    The id was hashed when the file was listed (`identify`). When the open
    file's stat, taken right before and right after reading, both equal the
    stamp recorded then, the bytes read are the bytes hashed and are not
    hashed again (this hash was ~3% of the prepare stage). Otherwise (no
    stamp, a stat that differs in anything, another machine's worker whose
    device numbers differ) the bytes are hashed: the same id, the file was
    only touched and is read; another id, it is rejected as it always was.

    The limit of the shortcut: it trusts the file system's clock, as make,
    rsync and git do. `identify` stamps only files last changed RACY_NS
    before, so any later write moves the ctime to a later tick, and no
    program can set a ctime back: rewriting a file at the same size and
    restoring its mtime with `os.utime` is seen. Not seen: a same-size write
    on a mount whose clock runs more than RACY_NS behind this machine's, or
    after the clock was set back; and a file system that reports no ctime or
    inode (some FUSE mounts) is trusted on size and mtime alone.

    A relative path is taken from `base` when given: a Dask worker process
    has its own working directory, and the path recorded must stay as given.
    """
    path = Path(base, dump.path) if base else Path(dump.path)
    try:
        with path.open("rb") as handle:
            before = os.fstat(handle.fileno())
            size = before.st_size
            if size > limit:
                return Rejection(
                    source_path=dump.path,
                    source_name=dump.source_name,
                    dump_id=dump.dump_id,
                    reason=f"too large: {size} bytes, over the cap of {limit} (DUMPFLOW_MAX_BYTES)",
                    size_bytes=size,
                )
            data = handle.read()
            after = os.fstat(handle.fileno())
    except OSError as exc:
        return Rejection(
            source_path=dump.path,
            source_name=dump.source_name,
            dump_id=dump.dump_id,
            reason=f"unreadable: {exc.strerror or exc}",
        )
    unchanged = len(data) == size and _same_file(dump.stamp, before, after)
    if not unchanged and hashlib.sha256(data).hexdigest() != dump.dump_id:
        return Rejection(
            source_path=dump.path,
            source_name=dump.source_name,
            dump_id=dump.dump_id,
            reason="file changed while it was being ingested; it will be read again next run",
            size_bytes=len(data),
        )
    return parse(dump, data, limit)

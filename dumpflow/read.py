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
from collections.abc import Iterable, Iterator
from pathlib import Path

from dumpflow.charset import DecodeError, decode
from schemas.records import DumpFile, ParsedDump, RawEntry, Rejection, trusted, trusted_maker

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
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
    """Hash a file; a file that cannot be read is rejected, not raised."""
    try:
        size = path.stat().st_size
        dump_id = sha256_file(path)
    except OSError as exc:
        return Rejection(
            source_path=str(path),
            source_name=path.name,
            dump_id=unreadable_id(str(path)),
            reason=f"unreadable: {exc.strerror or exc}",
        )
    return DumpFile(path=str(path), source_name=path.name, dump_id=dump_id, size_bytes=size)


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
    """Read a file's bytes (never modifying it) and parse them.

    A relative path is taken from `base` when given: a Dask worker process
    has its own working directory, and the path recorded must stay as given.
    """
    path = Path(base, dump.path) if base else Path(dump.path)
    try:
        size = path.stat().st_size
        if size > limit:
            return Rejection(
                source_path=dump.path,
                source_name=dump.source_name,
                dump_id=dump.dump_id,
                reason=f"too large: {size} bytes, over the cap of {limit} (DUMPFLOW_MAX_BYTES)",
                size_bytes=size,
            )
        data = path.read_bytes()
    except OSError as exc:
        return Rejection(
            source_path=dump.path,
            source_name=dump.source_name,
            dump_id=dump.dump_id,
            reason=f"unreadable: {exc.strerror or exc}",
        )
    if hashlib.sha256(data).hexdigest() != dump.dump_id:
        return Rejection(
            source_path=dump.path,
            source_name=dump.source_name,
            dump_id=dump.dump_id,
            reason="file changed while it was being ingested; it will be read again next run",
            size_bytes=len(data),
        )
    return parse(dump, data, limit)

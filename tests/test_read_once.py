"""Each file is read and hashed once (issue 14): the reader trusts the stat stamp `identify` recorded.

Real files on disk. The files are written once for the module and left to
settle past read.RACY_NS (one sleep of ~2 s): `identify` does not stamp a file
changed more recently than that, and such a file is always hashed again.

Whether the reader hashed is observed without a hook: a record whose id is
deliberately not the file's id, with the file's true stamp, is read when the
reader trusts the stamp and rejected when it hashes (the old reader always
hashed, so it rejected it).
"""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pydantic
import pytest

from dumpflow import read
from dumpflow.read import identify, read_dump
from schemas.records import DumpFile, ParsedDump, Rejection
from tests.builders import transmission

ZH = "概述 本文介绍一个比较有意思的高效Transformer工作，经过细读之后，笔者认为论文里边真算得上是惊喜满满了..."
ZH2 = "概述 本文介绍一个比较有意思的高效Transformer工作，经过细读之后，笔者认为论文里边真算得上是惊喜满满了!!!"
CHANGED = "file changed while it was being ingested; it will be read again next run"
NAMES = ("unchanged", "trusted", "grown", "same_size", "restored", "touched", "replaced")


@pytest.fixture(scope="module")
def settled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One file per test, written and then left alone for longer than read.RACY_NS."""
    folder = tmp_path_factory.mktemp("settled")
    paths = {name: folder / f"{name}.txt" for name in NAMES}
    for path in paths.values():
        path.write_text(transmission(ZH), encoding="utf-8")
    time.sleep(read.RACY_NS / 1e9 + 0.3)
    return paths


def stamped(path: Path) -> DumpFile:
    found = identify(path)
    assert isinstance(found, DumpFile)
    assert found.stamp is not None, "a settled file must be stamped"
    return found


def with_other_id(dump: DumpFile) -> DumpFile:
    """The same record with a valid id that is not the file's: rejected by any reader that hashes."""
    other = "0" * 64 if dump.dump_id != "0" * 64 else "1" * 64
    return DumpFile.model_validate({**dump.model_dump(), "dump_id": other})


def test_settled_file_is_stamped_with_its_stat(settled: dict[str, Path]) -> None:
    found = stamped(settled["unchanged"])
    st = settled["unchanged"].stat()
    assert found.stamp is not None
    assert (found.stamp.size_bytes, found.stamp.mtime_ns, found.stamp.ctime_ns) == (
        st.st_size,
        st.st_mtime_ns,
        st.st_ctime_ns,
    )
    assert (found.stamp.inode, found.stamp.device) == (st.st_ino, st.st_dev)
    assert isinstance(read_dump(found, 1 << 20), ParsedDump)


def test_unchanged_file_is_not_hashed_again(settled: dict[str, Path]) -> None:
    result = read_dump(with_other_id(stamped(settled["trusted"])), 1 << 20)
    assert isinstance(result, ParsedDump), result
    assert result.entries[3].raw_text == ZH


def test_file_changed_recently_is_not_stamped_and_is_hashed_again(tmp_path: Path) -> None:
    path = tmp_path / "fresh.txt"
    path.write_text(transmission(ZH), encoding="utf-8")
    found = identify(path)
    assert isinstance(found, DumpFile)
    assert found.stamp is None
    assert isinstance(read_dump(found, 1 << 20), ParsedDump)
    result = read_dump(with_other_id(found), 1 << 20)
    assert isinstance(result, Rejection)
    assert result.reason == CHANGED


def test_file_that_grew_after_listing_is_rejected(settled: dict[str, Path]) -> None:
    path = settled["grown"]
    found = stamped(path)
    path.write_text(transmission(ZH, ZH), encoding="utf-8")
    result = read_dump(found, 1 << 20)
    assert isinstance(result, Rejection)
    assert result.reason == CHANGED


def test_file_rewritten_at_the_same_size_is_rejected(settled: dict[str, Path]) -> None:
    path = settled["same_size"]
    found = stamped(path)
    path.write_text(transmission(ZH2), encoding="utf-8")
    st = path.stat()
    assert found.stamp is not None
    assert st.st_size == found.stamp.size_bytes and st.st_mtime_ns != found.stamp.mtime_ns
    result = read_dump(found, 1 << 20)
    assert isinstance(result, Rejection)
    assert result.reason == CHANGED


def test_file_rewritten_with_its_mtime_restored_is_rejected(settled: dict[str, Path]) -> None:
    """Size and mtime as stamped (what make and rsync compare); the ctime, which no program can set back, moved."""
    path = settled["restored"]
    found = stamped(path)
    assert found.stamp is not None
    path.write_text(transmission(ZH2), encoding="utf-8")
    os.utime(path, ns=(found.stamp.mtime_ns, found.stamp.mtime_ns))
    st = path.stat()
    assert (st.st_size, st.st_mtime_ns) == (found.stamp.size_bytes, found.stamp.mtime_ns)
    result = read_dump(found, 1 << 20)
    assert isinstance(result, Rejection)
    assert result.reason == CHANGED


def test_file_replaced_under_its_name_is_rejected(settled: dict[str, Path]) -> None:
    """Another file renamed over it, same size and mtime: the inode differs."""
    path = settled["replaced"]
    found = stamped(path)
    assert found.stamp is not None
    other = path.with_name("other.tmp")
    other.write_text(transmission(ZH2), encoding="utf-8")
    os.utime(other, ns=(found.stamp.mtime_ns, found.stamp.mtime_ns))
    other.replace(path)
    result = read_dump(found, 1 << 20)
    assert isinstance(result, Rejection)
    assert result.reason == CHANGED


def test_touched_file_with_the_same_bytes_is_hashed_and_read(settled: dict[str, Path]) -> None:
    path = settled["touched"]
    found = stamped(path)
    os.utime(path)
    assert isinstance(read_dump(found, 1 << 20), ParsedDump)
    # The stamp no longer matches, so the bytes are hashed: a wrong id is caught.
    result = read_dump(with_other_id(found), 1 << 20)
    assert isinstance(result, Rejection)
    assert result.reason == CHANGED


def test_stamp_goes_through_the_schema(settled: dict[str, Path]) -> None:
    found = stamped(settled["unchanged"])
    fields = found.model_dump()
    assert DumpFile.model_validate(fields) == found
    assert pickle.loads(pickle.dumps(found)) == found  # as a Dask worker receives it
    with pytest.raises(pydantic.ValidationError):
        DumpFile.model_validate({**fields, "stamp": {**fields["stamp"], "size_bytes": -1}})
    with pytest.raises(pydantic.ValidationError):
        DumpFile.model_validate({**fields, "stamp": {**fields["stamp"], "extra": 1}})

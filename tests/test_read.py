"""dumpflow/read.py and dumpflow/charset.py: bytes in, entries or a reason out."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dumpflow.charset import DecodeError, decode
from dumpflow.read import _MAGIC, _binary_reason, discover, identify, parse, read_dump, split_lines
from schemas.records import ParsedDump, Rejection
from tests.builders import dump_file, transmission

ZH = "概述 本文介绍一个比较有意思的高效Transformer工作，经过细读之后，笔者认为论文里边真算得上是惊喜满满了..."
ZH_TW = "概述 本文介紹一個比較有意思的高效Transformer工作，經過細讀之後，筆者認為論文裡邊真算得上是驚喜滿滿了..."


def lines_of(data: bytes, name: str = "d.txt") -> list[str]:
    result = parse(dump_file(name, data), data, 1 << 20)
    assert isinstance(result, ParsedDump), result
    return [e.raw_text for e in result.entries]


def test_utf8_with_and_without_bom_read_the_same() -> None:
    text = transmission(ZH)
    assert lines_of(text.encode()) == lines_of(codecs.BOM_UTF8 + text.encode())
    assert lines_of(codecs.BOM_UTF8 + text.encode())[0] == "INCOMING TRANSMISSION"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_any_line_ending_splits_lines(newline: str) -> None:
    data = transmission(ZH, ZH).replace("\n", newline).encode()
    assert lines_of(data)[3:5] == [ZH, ZH]


def test_unicode_line_separators_are_content_not_breaks() -> None:
    assert split_lines("a\u2028b\nc\x0cd") == ["a\u2028b", "c\x0cd"]


def test_gb18030_text_is_detected() -> None:
    result = decode(transmission(ZH).encode("gb18030"))
    assert result.encoding == "gb18030"
    assert ZH in result.text


def test_big5_text_is_detected() -> None:
    result = decode(transmission(ZH_TW).encode("big5"))
    assert result.encoding == "big5"
    assert ZH_TW in result.text


def test_utf16_with_bom() -> None:
    result = decode(transmission(ZH).encode("utf-16"))
    assert result.encoding == "utf-16"
    assert ZH in result.text


def test_file_cut_mid_character_keeps_every_complete_character() -> None:
    data = (transmission(ZH) + "第二条").encode()[:-1]  # the last character loses its last byte
    result = decode(data)
    assert result.partial_tail
    assert result.text.endswith("第二")


def test_gb18030_cut_mid_character_is_partial_not_rejected() -> None:
    data = (transmission(ZH) + "第二条").encode("gb18030")[:-1]
    result = decode(data)
    assert result.encoding == "gb18030"
    assert result.partial_tail
    assert result.text.endswith("第二")


def test_mojibake_is_not_accepted_as_legacy_text() -> None:
    with pytest.raises(DecodeError):
        decode(bytes(range(0x80, 0x100)) * 4)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("scan.txt", b"%PDF-1.7\n" + bytes(200), "binary file: looks like a PDF document"),
        ("junk.txt", bytes(range(32)) * 40, "binary file"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(100), "unsupported file type '.jpg'"),
        ("latin1.txt", "café crème brûlée ".encode("latin-1") * 20, "undecodable text"),
    ],
)
def test_bad_files_are_rejected_with_a_reason(name: str, data: bytes, reason: str) -> None:
    result = parse(dump_file(name, data), data, 1 << 20)
    assert isinstance(result, Rejection)
    assert result.reason.startswith(reason)
    assert result.dump_id == dump_file(name, data).dump_id


def test_size_cap_rejects_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(transmission(ZH) * 50, encoding="utf-8")
    found = identify(path)
    assert not isinstance(found, Rejection)
    result = read_dump(found, limit=100)
    assert isinstance(result, Rejection)
    assert "over the cap of 100" in result.reason


def test_html_content_is_sniffed_even_with_a_text_suffix() -> None:
    data = b"<!DOCTYPE html><html><body><p>x</p></body></html>"
    result = parse(dump_file("page.txt", data), data, 1 << 20)
    # Whatever the HTML reader decides, it must not be read as a transmission.
    assert not (isinstance(result, ParsedDump) and result.format == "text")


def test_discover_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/c.txt", ".hidden.txt", ".git/x.txt", "a/a.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    names = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert names == ["a/a.txt", "a/c.txt", "b.txt"]


def test_discover_follows_links_to_files_but_not_loops_or_linked_folders(tmp_path: Path) -> None:
    """What rglob + is_file gave: a link to a file is a file; a loop or a dangling link is skipped, no error."""
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("x")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    (tmp_path / "linked").symlink_to(tmp_path / "sub")
    names = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert names == ["a.txt", "link.txt", "sub/b.txt"]


def test_reading_never_modifies_the_file(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_bytes(codecs.BOM_UTF8 + transmission(ZH).replace("\n", "\r\n").encode())
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    found = identify(path)
    assert not isinstance(found, Rejection)
    assert isinstance(read_dump(found, 1 << 20), ParsedDump)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_file_changed_after_hashing_is_rejected_for_now(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text(transmission(ZH), encoding="utf-8")
    found = identify(path)
    assert not isinstance(found, Rejection)
    path.write_text(transmission(ZH, ZH), encoding="utf-8")
    result = read_dump(found, 1 << 20)
    assert isinstance(result, Rejection)
    assert "changed while it was being ingested" in result.reason


# The shortcuts in read.py, each against the code it replaced.

_OLD_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@settings(max_examples=500)
@given(st.text(alphabet="ab\r\n\u2028\u2029\x0b\x0c\x1c\x85", max_size=40))
def test_split_lines_agrees_with_the_regex_it_replaced(text: str) -> None:
    lines = _OLD_LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    assert split_lines(text) == lines


def _old_binary_reason(data: bytes) -> str | None:
    for magic, label in _MAGIC:
        if data.startswith(magic):
            return f"binary file: looks like a {label}"
    sample = data[:8192]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    if sample and controls / len(sample) > 0.10:
        return f"binary file: {controls} control bytes in the first {len(sample)}"
    return None


_BYTES = st.sampled_from([0, 1, 8, 9, 10, 11, 12, 13, 14, 26, 27, 28, 31, 32, 65, 127, 128, 255])


@settings(max_examples=500)
@given(st.one_of(st.binary(max_size=200), st.lists(_BYTES, max_size=9000).map(bytes)))
def test_control_byte_count_agrees_with_the_loop_it_replaced(data: bytes) -> None:
    assert _binary_reason(data) == _old_binary_reason(data)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "字", "\r", "\n", "\u2028", " ", "\ufeff", "é"]), max_size=60))
def test_parsed_text_dump_built_unvalidated_equals_the_validated_dump(text: str) -> None:
    """parse builds its records with `records.trusted`: each must be what validation would make."""
    data = text.encode("utf-8") or b"x"
    parsed = parse(dump_file("d.txt", data), data, 1 << 20)
    assert isinstance(parsed, ParsedDump)
    again = ParsedDump.model_validate(parsed.model_dump())
    assert parsed == again
    assert [e.model_fields_set for e in parsed.entries] == [e.model_fields_set for e in again.entries]

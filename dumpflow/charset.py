"""Decoding bytes whose encoding nobody declared.

Chinese sites still serve GB18030/GBK and Big5, and a scraper saves what it
got. Both legacy encodings accept most byte strings, so "it decoded" proves
little; we decode strictly with each candidate and keep the one whose text
uses common Chinese characters, which mojibake almost never does.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from dumpflow.hanzi import COMMON_HAN


class DecodeError(ValueError):
    """No supported encoding gives plausible text."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    partial_tail: bool


_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_LEGACY = ("gb18030", "big5")
# Below this share of common characters among the Han characters, a legacy
# decoding is taken for mojibake rather than text.
_MIN_PLAUSIBLE = 0.2
_TAIL_SLACK = 4


def decode_strict(data: bytes, encoding: str) -> tuple[str, bool] | None:
    """Decode strictly; a sequence cut off at the very end is dropped and flagged.

    A scraper that dies mid-write leaves half a character at the end. That is
    not a reason to lose the file: every complete character is kept.
    """
    try:
        return data.decode(encoding), False
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - _TAIL_SLACK and exc.end == len(data):
            try:
                return data[: exc.start].decode(encoding), True
            except UnicodeDecodeError:
                return None
        return None


def plausibility(text: str) -> float:
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"]
    if not han:
        odd = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd")
        return 0.0 if odd else 1.0
    return sum(1 for ch in han if ch in COMMON_HAN) / len(han)


def decode(data: bytes) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            result = decode_strict(data, encoding)
            if result is None:
                raise DecodeError(f"has a {encoding} byte-order mark but is not valid {encoding}")
            text, partial = result
            return Decoded(text=text, encoding=encoding, partial_tail=partial)
    result = decode_strict(data, "utf-8")
    if result is not None:
        return Decoded(text=result[0], encoding="utf-8", partial_tail=result[1])
    best: tuple[float, Decoded] | None = None
    for encoding in _LEGACY:
        legacy = decode_strict(data, encoding)
        if legacy is None:
            continue
        score = plausibility(legacy[0])
        if best is None or score > best[0]:
            best = (score, Decoded(text=legacy[0], encoding=encoding, partial_tail=legacy[1]))
    if best is None or best[0] < _MIN_PLAUSIBLE:
        raise DecodeError("not valid UTF-8, and GB18030/Big5 give no plausible Chinese text")
    return best[1]

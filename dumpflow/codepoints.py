"""Many texts as one numpy array of code points, for per-character work at C speed.

Looking at every character of every body in Python costs ~50 ns a character;
a regex or `str` method per body and per pattern costs a call each. Packing a
whole batch into one array lets a lookup table classify every character and
numpy count, compare and search them in a handful of calls per batch.

Texts are separated by SENTINEL, a value one past the last code point: it is
no character, so no pattern matches across it, it is neither a letter nor a
digit nor a separator, and looking one position before a text's first
character or after its last one sees "no character", as a regex sees the
start and end of the string.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

SENTINEL = 0x110000
# Lookup tables indexed by code point have one more entry, for SENTINEL.
TABLE_SIZE = SENTINEL + 1


@dataclass(frozen=True)
class Packed:
    """`cps[starts[i] : starts[i] + lengths[i]]` are the code points of text i.

    `cps` begins with SENTINEL, has one after every text and one more at the
    end, so `cps[p - 1]`, `cps[p + 1]` and `cps[p + 2]` exist for every
    character position p.
    """

    cps: np.ndarray  # uint32
    starts: np.ndarray  # int64
    lengths: np.ndarray  # int64


def pack(texts: Sequence[str]) -> Packed:
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = np.cumsum(lengths) - lengths + np.arange(1, len(texts) + 1, dtype=np.int64)
    # Any character will do between the texts: it is overwritten with SENTINEL.
    joined = "\0" + "\0".join(texts) + "\0\0" if texts else "\0\0"
    # A numpy string holds its code points as UTF-32 already (surrogates too):
    # viewed as integers, ~3x faster than encoding to bytes and copying them.
    cps = np.array(joined, dtype=f"U{len(joined)}").reshape(1).view(np.uint32)
    cps[starts - 1] = SENTINEL
    cps[0] = cps[-2] = cps[-1] = SENTINEL
    return Packed(cps=cps, starts=starts, lengths=lengths)


def owner(packed: Packed, positions: np.ndarray) -> np.ndarray:
    """The index of the text each character position belongs to."""
    return np.searchsorted(packed.starts, positions, side="right") - 1


def table(ranges: Sequence[tuple[int, int]], value: int = 1, dtype: type = np.uint8) -> np.ndarray:
    """A lookup table over all code points: `value` in the inclusive ranges, 0 elsewhere and at SENTINEL."""
    out = np.zeros(TABLE_SIZE, dtype=dtype)
    for lo, hi in ranges:
        out[lo : hi + 1] = value
    return out


def _every_code_point(lo: int, hi: int) -> str:
    return np.arange(lo, hi, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")


@functools.cache
def regex_table(char_class: str) -> np.ndarray:
    """True for the code points a one-character regex class matches: the table is the regex, by construction."""
    out = np.zeros(TABLE_SIZE, dtype=bool)
    out[[m.start() for m in re.finditer(char_class, _every_code_point(0, SENTINEL))]] = True
    return out


@functools.cache
def casefold_table() -> tuple[np.ndarray, np.ndarray]:
    """(fold, expands): `fold[c]` is what str.casefold() maps c to if that is one character, else c.

    `expands[c]` marks the ~100 characters casefold() maps to several (ß ->
    ss); a text holding one must be folded by str.casefold(). Case folding
    is per character, without context, so folding a text through the table
    is str.casefold() whenever nothing expands. Built in blocks: a block whose
    length casefold() keeps maps each character to one, ~20 ms in all.
    """
    fold = np.arange(TABLE_SIZE, dtype=np.uint32)
    expands = np.zeros(TABLE_SIZE, dtype=bool)
    block = 4096
    for lo in range(0, SENTINEL, block):
        chars = _every_code_point(lo, lo + block)
        folded = chars.casefold()
        if len(folded) == len(chars):
            fold[lo : lo + block] = np.frombuffer(folded.encode("utf-32-le", "surrogatepass"), dtype="<u4")
            continue
        for i, ch in enumerate(chars):
            one = ch.casefold()
            if len(one) == 1:
                fold[lo + i] = ord(one)
            else:
                expands[lo + i] = True
    return fold, expands


@functools.cache
def nfkd_singleton_table() -> np.ndarray:
    """`table[c]` is the one code point NFKD decomposes c into (Ｐ -> P, ， -> ,), else c.

    Built in blocks: NFKD leaving a block of distinct code points unchanged
    means it leaves each one unchanged (a changed one would repeat a stable
    one). Other blocks are decomposed a character at a time, joined by NUL,
    which decomposes to itself and stops reordering.
    """
    table = np.arange(TABLE_SIZE, dtype=np.uint32)
    block = 4096
    for lo in range(1, SENTINEL, block):
        hi = min(lo + block, SENTINEL)
        chars = _every_code_point(lo, hi)
        if unicodedata.normalize("NFKD", chars) == chars:
            continue
        decomposed = np.frombuffer(
            unicodedata.normalize("NFKD", "\0".join(chars)).encode("utf-32-le", "surrogatepass"), dtype="<u4"
        )
        bounds = np.concatenate(([-1], np.flatnonzero(decomposed == 0), [len(decomposed)]))
        first, length = bounds[:-1] + 1, np.diff(bounds) - 1
        one = np.flatnonzero(length == 1)
        table[lo + one] = decomposed[first[one]]
    return table


def nfkc(text: str) -> str:
    """`unicodedata.normalize("NFKC", text)`, ~8x faster on text that it changes.

    NFKC is defined as NFKD followed by canonical composition, and NFKD's
    output is already canonically decomposed, so NFKC is NFC of NFKD. CPython
    decomposes quickly but composes slowly (~80 ns a character), and in most
    decomposed text (fullwidth punctuation, math letters) nothing composes: the
    NFC check says so and the composition is skipped.
    """
    if unicodedata.is_normalized("NFKC", text):
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    if unicodedata.is_normalized("NFC", decomposed):
        return decomposed
    return unicodedata.normalize("NFC", decomposed)


def pack_nfkc(texts: Sequence[str]) -> tuple[list[str], Packed]:
    """The NFKC form of every text, and those packed: what language and topics both start from.

    unicodedata.normalize costs ~20 us for a body with full-width
    punctuation or math letters (~12% of bodies). Replacing characters by the
    single code point they decompose into leaves NFKD, hence NFKC, unchanged;
    when the result is NFKC already, it is the NFKC form. The rest (and
    texts that were not changed but are not normalized) go to normalize().
    """
    packed = pack(texts)
    mapped = nfkd_singleton_table()[packed.cps]
    changed = set(owner(packed, np.flatnonzero(mapped != packed.cps)).tolist())
    out: list[str] = []
    same_length = True
    for i, text in enumerate(texts):
        if i in changed:
            lo = int(packed.starts[i])
            text = mapped[lo : lo + len(text)].tobytes().decode("utf-32-le", "surrogatepass")
            if unicodedata.is_normalized("NFKC", text):
                out.append(text)
                continue
            text = texts[i]
        elif unicodedata.is_normalized("NFKC", text):
            out.append(text)
            continue
        normal = nfkc(text)
        if len(normal) == len(text):
            lo = int(packed.starts[i])
            mapped[lo : lo + len(text)] = np.frombuffer(normal.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        else:
            same_length = False
        out.append(normal)
    return out, (Packed(mapped, packed.starts, packed.lengths) if same_length else pack(out))

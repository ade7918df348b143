"""Two views of one text: a readable body and a comparison key.

The body is what people read, so it keeps the author's characters (full-width
punctuation included) and only loses what no reader wants: control and
invisible formatting characters, and runs of whitespace. The key is what
repeat detection compares: NFKC, case-folded, letters and digits only, so
spacing, punctuation style and width never make two copies look different.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

import numpy as np

from dumpflow import codepoints
from dumpflow.codepoints import nfkc

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_ZWJ = "\u200d"
_DROPPED = r"[\W_]"  # what a key leaves out: anything but letters and digits
_NOT_ALNUM = re.compile(_DROPPED + "+")
# In the key table: a code point whose case fold is several characters.
_SEVERAL = np.uint32(0xFFFFFFFF)
# Building the key table takes 0.3-0.9 s, the regex ~3 µs a line more than
# the table: a process keys its first characters with the regex and builds
# the table only once it has keyed this many (a small incremental ingest
# never does; a bulk one does within its first batch).
TABLE_AFTER_CHARS = 2_000_000
_keyed_chars = [0]  # characters keyed so far by this process


def _keep_in_body(ch: str) -> bool:
    cat = unicodedata.category(ch)
    if cat == "Cc":
        return ch in "\t\n"
    if cat in ("Cf", "Cs", "Co", "Cn"):
        return ch == _ZWJ  # joins emoji sequences; harmless elsewhere
    return True


def clean_body(text: str, keep_paragraphs: bool = False) -> str:
    """Readable text: invisible characters dropped, whitespace folded to single spaces.

    With `keep_paragraphs`, blank-line paragraph breaks survive as "\n\n": an
    HTML article's paragraphs are structure the reader wants, while a text
    dump's line is one excerpt whose stray breaks are scraping noise.
    """
    if not text.isprintable():
        text = "".join(ch for ch in text if _keep_in_body(ch))
    if keep_paragraphs:
        paragraphs = (fold_whitespace(p) for p in _PARAGRAPH_BREAK.split(text))
        return "\n\n".join(p for p in paragraphs if p)
    return fold_whitespace(text)


def fold_whitespace(text: str) -> str:
    r"""Every run of whitespace made one space, and none at either end.

    The same as `re.sub(r"\s+", " ", text).strip()`, ~3x faster: a str
    pattern's `\s`, `str.split()` and `str.strip()` all use one whitespace
    predicate (`str.isspace`); tests/test_clean.py checks it on every code point.
    """
    return " ".join(text.split())


def match_key(text: str) -> str:
    """The comparison key: NFKC, case-folded, only letters and digits kept.

    Python's regex word class is exactly str.isalnum() plus the underscore
    (checked over all of Unicode), so one regex pass keeps the same
    characters as a per-character loop, ~10x faster.
    """
    return _NOT_ALNUM.sub("", nfkc(text).casefold())


def nfkc_fold(text: str) -> str:
    """NFKC with folded whitespace: for rules that look at words and punctuation."""
    return fold_whitespace(nfkc(text))


def is_nfkc(text: str) -> bool:
    """Whether NFKC would leave the text as it is (cheaper than normalizing it).

    NFKC is idempotent, so for such a text `match_key(text)` is
    `keys_of_nfkc([text])[0]`.
    """
    return unicodedata.is_normalized("NFKC", text)


def keys_of_nfkc(texts: list[str], table: bool | None = None) -> list[str]:
    """`match_key` of each text, for texts already in NFKC, in one pass over all of them.

    A dump's lines are keyed together: joined by line breaks and looked up,
    code point by code point, in a table of what each contributes to a key
    (its case fold when that is one letter or digit, else nothing). Case
    folding and the key's filter both work character by character, so this is
    the same key; the regex took ~5 µs a line (it stops at every run of
    punctuation, dozens in a Chinese excerpt) and `str.casefold` ~1 µs, this
    takes under 2 µs. Texts with a line break of their own, and the rare
    characters whose fold is several characters (ß -> ss), take the regex.
    `table` forces one way or the other; by default the table is used once
    built or worth building (TABLE_AFTER_CHARS).
    """
    if not texts:
        return []
    joined = "\n".join(texts)
    _keyed_chars[0] += len(joined)
    if table is None:
        table = _keyed_chars[0] >= TABLE_AFTER_CHARS or _key_table.cache_info().currsize > 0
    if not table:
        return [_NOT_ALNUM.sub("", text.casefold()) for text in texts]
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    kept = _key_table()[codes]
    if joined.count("\n") != len(texts) - 1 or (kept.size and kept.max() == _SEVERAL):
        return [_NOT_ALNUM.sub("", text.casefold()) for text in texts]
    return kept[kept != 0].tobytes().decode("utf-32-le").split("\n")


@functools.cache
def _key_table() -> np.ndarray:
    """For each code point, what it contributes to a key once case-folded.

    Its fold's code point when that fold is one character the key keeps, 0
    when the key drops it, `_SEVERAL` when the fold is several characters;
    the line break maps to itself, as the separator. Made from the case-fold
    table and the key regex's own character class (dumpflow.codepoints, which
    language and topics use too), so it cannot disagree with them.
    """
    size = sys.maxunicode + 1
    fold, several = (t[:size] for t in codepoints.casefold_table())
    alnum = ~codepoints.regex_table(_DROPPED)[:size]
    table = np.where(alnum[fold], fold, 0).astype(np.uint32)
    table[several] = _SEVERAL
    table[ord("\n")] = ord("\n")
    return table

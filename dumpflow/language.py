"""Language per article: script first, seeded langdetect where script cannot tell.

langdetect reads Chinese studded with English terms as Norwegian, Vietnamese
or Korean, and costs ~20 ms a call. The script of the text settles most cases
outright: kana means Japanese, Hangul means Korean, Han characters that only
one of GB2312/Big5 can encode tell simplified from traditional Chinese. Only
text without a deciding script (Latin, Cyrillic, ...) goes to langdetect,
seeded so that the same text always gets the same answer.

Counting scripts with one regex per script and text cost ~16 us a body; a
batch is instead classified at once through a lookup table over all code
points (dumpflow.codepoints), ~1 us a body.
"""

from __future__ import annotations

import functools
import json
import os
import threading
from collections.abc import Sequence
from typing import Literal

import numpy as np

from dumpflow import codepoints
from dumpflow.hanzi import SIMPLIFIED_ONLY, TRADITIONAL_ONLY
from schemas.records import LanguageGuess

# Below this many CJK characters a text is not CJK by script alone.
MIN_HAN = 8
# Chinese technical prose is full of English terms, formulas and URLs; one Han
# character carries about as much as one English word, so CJK text holds at
# least half as many CJK characters as Latin words. English quoting a Chinese
# phrase falls well below that.
MIN_CJK_PER_LATIN_WORD = 0.5
LANGDETECT_SEED = 0
_LOCK = threading.Lock()

# Inclusive code point ranges of each script. A Latin word is a maximal run of
# LATIN characters. tests/test_language.py checks every code point against
# the regular expressions these replaced.
HAN = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))
KANA = ((0x3040, 0x30FA), (0x30FD, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9D))  # not ・ or ー
HANGUL = ((0xAC00, 0xD7AF), (0x1100, 0x11FF), (0x3130, 0x318F))
LATIN = ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x1E00, 0x1EFF))
OTHER_LETTER = ((0x370, 0x3FF), (0x400, 0x52F), (0x590, 0x6FF), (0x900, 0xDFF), (0xE00, 0xEFF))

# Character classes of the lookup table; the scripts do not overlap, and the
# simplified-only and traditional-only characters are Han characters.
_NONE, _HAN, _SIMPLIFIED, _TRADITIONAL, _KANA, _HANGUL, _LATIN, _OTHER = range(8)
_N_CLASSES = 8


def _class_table() -> np.ndarray:
    table = np.zeros(codepoints.TABLE_SIZE, dtype=np.uint8)
    for ranges, cls in ((HAN, _HAN), (KANA, _KANA), (HANGUL, _HANGUL), (LATIN, _LATIN), (OTHER_LETTER, _OTHER)):
        for lo, hi in ranges:
            table[lo : hi + 1] = cls
    table[[ord(ch) for ch in SIMPLIFIED_ONLY]] = _SIMPLIFIED
    table[[ord(ch) for ch in TRADITIONAL_ONLY]] = _TRADITIONAL
    return table


_CLASS = _class_table()


# Columns of script_counts().
HAN_CHARS, KANA_CHARS, HANGUL_CHARS, LATIN_WORDS, OTHER_LETTERS, SIMPLIFIED_CHARS, TRADITIONAL_CHARS = range(7)


def _lane_tables() -> tuple[np.ndarray, np.ndarray]:
    """Per (class of the previous character, class of this one): its counts as 16-bit lanes of two integers.

    First integer: Han (not marked), simplified-only, traditional-only, kana;
    second: Hangul, other letters, Latin words (a Latin character after a
    non-Latin one starts a word).
    """
    first = np.zeros(_N_CLASSES * _N_CLASSES, dtype=np.uint64)
    second = np.zeros(_N_CLASSES * _N_CLASSES, dtype=np.uint64)
    for before in range(_N_CLASSES):
        for cls in range(_N_CLASSES):
            pair = before * _N_CLASSES + cls
            lanes = {_HAN: (first, 0), _SIMPLIFIED: (first, 16), _TRADITIONAL: (first, 32), _KANA: (first, 48)}
            lanes |= {_HANGUL: (second, 0), _OTHER: (second, 16)}
            if cls in lanes:
                table, shift = lanes[cls]
                table[pair] = np.uint64(1 << shift)
            if cls == _LATIN and before != _LATIN:
                second[pair] = np.uint64(1 << 32)
    return first, second


_LANES = _lane_tables()
_LANE_MAX = (1 << 16) - 1  # a text this long or longer could overflow a lane: counted by bincount instead


def script_counts(packed: codepoints.Packed) -> np.ndarray:
    """Characters per script (Latin: words) of every packed text, one row each, columns as above.

    SIMPLIFIED_CHARS and TRADITIONAL_CHARS count Han characters that only
    GB2312, resp. only Big5, can encode; both are part of HAN_CHARS.
    Every character's counts are looked up from its class and the one
    before it as lanes of two integers, summed per text by one reduceat:
    a handful of passes over the batch, where counting by text and class
    with bincount took a dozen.
    """
    n = len(packed.starts)
    if not n or packed.lengths.max() >= _LANE_MAX:
        return _script_counts_by_bincount(packed)
    cls = _CLASS[packed.cps]
    pair = (cls[:-1] << 3) | cls[1:]  # _N_CLASSES == 8; entry p is position p + 1
    # Text i owns its characters and the separator after them (class _NONE: nothing counted).
    at = packed.starts - 1
    first, second = (np.add.reduceat(table[pair], at) for table in _LANES)
    mask = np.uint64(0xFFFF)
    counts = np.empty((n, 7), dtype=np.int64)
    han = (first & mask).astype(np.int64)
    counts[:, SIMPLIFIED_CHARS] = ((first >> np.uint64(16)) & mask).astype(np.int64)
    counts[:, TRADITIONAL_CHARS] = ((first >> np.uint64(32)) & mask).astype(np.int64)
    counts[:, HAN_CHARS] = han + counts[:, SIMPLIFIED_CHARS] + counts[:, TRADITIONAL_CHARS]
    counts[:, KANA_CHARS] = (first >> np.uint64(48)).astype(np.int64)
    counts[:, HANGUL_CHARS] = (second & mask).astype(np.int64)
    counts[:, OTHER_LETTERS] = ((second >> np.uint64(16)) & mask).astype(np.int64)
    counts[:, LATIN_WORDS] = ((second >> np.uint64(32)) & mask).astype(np.int64)
    return counts


def _script_counts_by_bincount(packed: codepoints.Packed) -> np.ndarray:
    """script_counts() for texts of any length: characters counted by (text, class) with bincount."""
    cls = _CLASS[packed.cps]
    latin = cls == _LATIN
    word_start = latin.copy()
    word_start[1:] &= ~latin[:-1]  # cps[0] is a separator, never Latin
    n = len(packed.starts)
    # Text i owns its characters and the separator before them; the last two separators belong to "text n".
    owner = np.repeat(np.arange(n + 1, dtype=np.int32), np.append(packed.lengths + 1, 2))
    per_class = np.bincount(owner * _N_CLASSES + cls, minlength=(n + 1) * _N_CLASSES)[: n * _N_CLASSES]
    per_class = per_class.reshape(n, _N_CLASSES)
    counts = np.empty((n, 7), dtype=np.int64)
    counts[:, HAN_CHARS] = per_class[:, _HAN] + per_class[:, _SIMPLIFIED] + per_class[:, _TRADITIONAL]
    counts[:, KANA_CHARS] = per_class[:, _KANA]
    counts[:, HANGUL_CHARS] = per_class[:, _HANGUL]
    counts[:, LATIN_WORDS] = np.bincount(owner[word_start], minlength=n + 1)[:n]
    counts[:, OTHER_LETTERS] = per_class[:, _OTHER]
    counts[:, SIMPLIFIED_CHARS] = per_class[:, _SIMPLIFIED]
    counts[:, TRADITIONAL_CHARS] = per_class[:, _TRADITIONAL]
    return counts


# Outcomes of the script decision; the confidence of each is a ratio of two counts.
_UNDECIDED, _JA, _KO, _ZH_CN, _ZH_TW, _ZH_UNMARKED = range(6)


def _outcomes(counts: np.ndarray) -> np.ndarray:
    """Per text (outcome, numerator, denominator): the script decision, for all texts at once.

    Kana means Japanese, more Hangul than Han Korean, otherwise Chinese, whose
    variant the simplified-only and traditional-only characters decide. Too
    little CJK text, absolute or against the Latin words and other letters,
    decides nothing.
    """
    han, kana, hangul = counts[:, HAN_CHARS], counts[:, KANA_CHARS], counts[:, HANGUL_CHARS]
    simplified, traditional = counts[:, SIMPLIFIED_CHARS], counts[:, TRADITIONAL_CHARS]
    cjk = han + kana + hangul
    marked = simplified + traditional
    enough = (cjk >= MIN_HAN) & ~(cjk < MIN_CJK_PER_LATIN_WORD * counts[:, LATIN_WORDS] + counts[:, OTHER_LETTERS] // 4)
    ja = enough & (kana >= np.maximum(3, cjk // 20))
    ko = enough & ~ja & (hangul > han)
    zh = enough & ~ja & ~ko
    outcome = np.select(
        [~enough, ja, ko, zh & (marked == 0), zh & (traditional > simplified)],
        [_UNDECIDED, _JA, _KO, _ZH_UNMARKED, _ZH_TW],
        _ZH_CN,
    )
    numerator = np.select([ja, ko], [kana, hangul], np.maximum(simplified, traditional))
    denominator = np.where(ja | ko, cjk, marked)
    return np.column_stack((outcome, numerator, denominator))


def _verdict(outcome: int, numerator: int, denominator: int) -> LanguageGuess | None:
    if outcome == _UNDECIDED:
        return None
    if outcome == _JA:
        return _guess("ja", round(min(1.0, 0.5 + numerator / denominator), 4), "script")
    if outcome == _KO:
        return _guess("ko", round(numerator / denominator, 4), "script")
    if outcome == _ZH_UNMARKED:
        # Only characters shared by both scripts: Chinese, most likely mainland.
        return _guess("zh-cn", 0.5, "script")
    lang = "zh-tw" if outcome == _ZH_TW else "zh-cn"
    return _guess(lang, round(numerator / denominator, 4), "script")


Method = Literal["script", "langdetect", "none"]
_GUESSES: dict[tuple[str, float, Method], LanguageGuess] = {}


def _guess(lang: str, confidence: float, method: Method) -> LanguageGuess:
    """A shared LanguageGuess per distinct value: validating a new one costs more than deciding it.

    The records are frozen, so sharing them is safe; the number of distinct
    values is bounded by the 4-decimal rounding of the confidence.
    """
    key = (lang, confidence, method)
    guess = _GUESSES.get(key)
    if guess is None:
        guess = _GUESSES[key] = LanguageGuess(lang=lang, confidence=confidence, method=method)
    return guess


_PACKABLE = 1 << 28  # numerators and denominators below this fit in 28 bits of a packed triple


def _by_script_packed(packed: codepoints.Packed) -> list[LanguageGuess | None]:
    """by_script() of every packed text: most texts share an outcome and ratio, so each is decided once.

    The (outcome, numerator, denominator) triples are packed into one
    integer each and made unique by numpy; Python decides only the distinct
    ones (a few hundred a batch, not one per text).
    """
    outcomes = _outcomes(script_counts(packed))
    if not len(outcomes):
        return []
    if outcomes[:, 1:].max() >= _PACKABLE:  # counts too large to pack: decide each distinct triple as it comes
        verdicts: dict[tuple[int, int, int], LanguageGuess | None] = {}
        out = []
        for key in map(tuple, outcomes.tolist()):
            if key not in verdicts:
                verdicts[key] = _verdict(*key)
            out.append(verdicts[key])
        return out
    keys = (outcomes[:, 0] << 56) | (outcomes[:, 1] << 28) | outcomes[:, 2]
    distinct, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    decided = np.empty(len(distinct), dtype=object)
    for d, triple in enumerate(outcomes[first].tolist()):
        decided[d] = _verdict(*triple)  # one at a time: numpy would iterate a record's fields
    return decided[inverse.reshape(-1)].tolist()


def by_script(text: str) -> LanguageGuess | None:
    """A decision from the writing system alone, or None when it does not decide."""
    return _by_script_packed(codepoints.pack([text]))[0]


class _NgramProbabilities:
    """langdetect's n-gram -> per-language probability map, each entry worked out when first asked for.

    langdetect's own factory turns all ~88,000 n-grams of its 55 profiles into
    lists of 55 probabilities before its first answer (0.4-1.3 s, for the
    handful of texts a batch sends it: a Latin-script text is rare here). A
    detection only ever asks about the n-grams of its text, so this map reads
    the same profile files, in the same order, and makes an n-gram's list the
    way `DetectorFactory.add_profile` does, from the same counts by the same
    float arithmetic, when the detector first asks: same map, same answers.
    """

    def __init__(self) -> None:
        from langdetect.detector_factory import PROFILES_DIRECTORY

        names = os.listdir(PROFILES_DIRECTORY)  # langdetect's order: it fixes each language's index
        self.size = len(names)  # langdetect's list length counts every directory entry
        self.langs: list[str] = []
        self._profiles: list[tuple[dict[str, int], list[int]]] = []
        for name in names:
            path = os.path.join(PROFILES_DIRECTORY, name)
            if name.startswith(".") or not os.path.isfile(path):
                continue
            with open(path, encoding="utf-8") as f:
                profile = json.load(f)
            self.langs.append(profile["name"])
            self._profiles.append((profile["freq"], profile["n_words"]))
        self._made: dict[str, list[float]] = {}

    def __contains__(self, word: object) -> bool:
        return word in self._made or any(word in freq for freq, _ in self._profiles)

    def __getitem__(self, word: str) -> list[float]:
        probabilities = self._made.get(word)
        if probabilities is None:
            if word not in self:
                raise KeyError(word)
            probabilities = [0.0] * self.size
            if 1 <= len(word) <= 3:
                for index, (freq, n_words) in enumerate(self._profiles):
                    if word in freq:
                        probabilities[index] = 1.0 * freq[word] / n_words[len(word) - 1]
            self._made[word] = probabilities
        return probabilities


class _Factory:
    """What langdetect's Detector reads from its factory: the map, the language list and the seed."""

    def __init__(self) -> None:
        self.word_lang_prob_map = _NgramProbabilities()
        self.langlist = self.word_lang_prob_map.langs
        self.seed = LANGDETECT_SEED


@functools.cache
def _factory() -> _Factory:
    return _Factory()


def _langdetect(text: str) -> LanguageGuess:
    """langdetect's detect_langs(text) with its seed at LANGDETECT_SEED: the best language and its probability."""
    from langdetect.detector import Detector
    from langdetect.lang_detect_exception import LangDetectException

    with _LOCK:  # the map fills in as detections ask
        detector = Detector(_factory())
        detector.append(text)
        try:
            best = detector.get_probabilities()[0]
        except LangDetectException:
            return LanguageGuess(lang="und", confidence=0.0, method="none")
    return LanguageGuess(lang=best.lang, confidence=round(min(1.0, best.prob), 4), method="langdetect")


def _without_script(text: str) -> LanguageGuess:
    if not any(ch.isalpha() for ch in text):
        return _guess("und", 0.0, "none")
    return _langdetect(text)


def detect_packed(texts: Sequence[str], packed: codepoints.Packed) -> list[LanguageGuess]:
    """detect() of every NFKC text of a packed batch (enrich packs once for language and topics)."""
    return [
        guess if guess is not None else _without_script(text)
        for text, guess in zip(texts, _by_script_packed(packed), strict=True)
    ]


def detect_many(texts: Sequence[str]) -> list[LanguageGuess]:
    """detect() of every text, at numpy speed for a batch."""
    return detect_packed(*codepoints.pack_nfkc(texts))


def detect(text: str) -> LanguageGuess:
    text = codepoints.nfkc(text)
    return detect_packed([text], codepoints.pack([text]))[0]

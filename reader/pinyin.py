"""CC-CEDICT's numbered pinyin ("Zhong1 guo2") as tone marks ("Zhōng guó") and tone numbers.

Pure string work, no dictionary needed: the UI shows marks and colours syllables by tone.
Only tokens that are real pinyin syllables are converted; anything else CC-CEDICT puts in
a reading (Latin letters of "AA制", "，", "·", the "xx5" placeholder) passes through as is.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

#: Tone number for a token that is not a pinyin syllable (a Latin letter, punctuation).
NO_TONE = 0

# Combining marks for tones 1-4; NFC turns vowel + mark into the precomposed letter
# (a + U+0304 -> ā, ü + U+030C -> ǚ) and leaves a combining mark where none exists (m̀).
_TONE_MARKS = {1: "\u0304", 2: "\u0301", 3: "\u030c", 4: "\u0300"}

_INITIALS = "zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw]"
_FINALS = (
    "iang|iong|uang|ang|eng|ian|iao|ing|ong|uai|uan|üan|ai|an|ao|ei|en|er|ia|ie|in|io|iu"
    "|ou|ua|ue|ui|un|uo|üe|ün|a|e|ê|i|o|u|ü"
)
# A syllable (lower case, ü already normalised): initial + final with an optional erhua r,
# or one of the vowel-less interjections (m, n, ng, hm, hng) and the erhua "r" on its own.
_SYLLABLE = re.compile(rf"(?:(?:{_INITIALS})?(?:{_FINALS})r?|m|n|ng|hm|hng|r)")

# A run of letters (with CC-CEDICT's "u:" for ü) directly followed by a tone digit.
_NUMBERED = re.compile(r"(?<![A-Za-zÜüÊê:])([A-Za-zÜüÊê:]+)([1-5])(?![0-9])")
_VOWELS = "aeiouüê"


class Syllable(NamedTuple):
    """One token of a reading: its text with tone marks and its tone (1-5, or NO_TONE)."""

    text: str
    tone: int


def numbered_to_marks(pinyin: str) -> str:
    """Replace every numbered syllable with its tone-marked form; keep everything else.

    Spacing and capitals are kept ("Zhong1 guo2" -> "Zhōng guó"), tone 5 gets no mark,
    "u:" and "v" become ü, and tokens that are not syllables ("xx5", "A", "，") are left alone.
    """
    return _NUMBERED.sub(lambda match: _convert(match.group(1), int(match.group(2)))[0], pinyin)


def syllables(pinyin_numbered: str) -> list[Syllable]:
    """Split a reading into (marked text, tone) pairs so the UI can colour by tone.

    Tokens are split at whitespace (CC-CEDICT's style); a token of glued syllables
    ("ni3hao3") is split further. Anything else is one pair with NO_TONE.
    """
    result: list[Syllable] = []
    for token in pinyin_numbered.split():
        matches = list(_NUMBERED.finditer(token))
        glued = "".join(match.group(0) for match in matches)
        converted = [_convert(match.group(1), int(match.group(2))) for match in matches]
        if glued != token or any(tone == NO_TONE for _, tone in converted):
            result.append(Syllable(token, NO_TONE))
        else:
            result.extend(Syllable(text, tone) for text, tone in converted)
    return result


def tones(pinyin_numbered: str) -> list[int]:
    """The tone of each pair from ``syllables`` (1-5; NO_TONE for non-syllables)."""
    return [syllable.tone for syllable in syllables(pinyin_numbered)]


@functools.lru_cache(maxsize=4096)
def _convert(body: str, tone: int) -> tuple[str, int]:
    """Mark one syllable body; return it unchanged (with its digit) if it is not pinyin.

    Cached: a few thousand distinct syllables cover all of CC-CEDICT.
    """
    letters = _normalise_u(body)
    if not _SYLLABLE.fullmatch(letters.lower()):
        return f"{body}{tone}", NO_TONE
    if tone == 5:
        return letters, tone
    index = _mark_position(letters.lower())
    if index is None:
        return letters, tone
    marked = letters[: index + 1] + _TONE_MARKS[tone]
    return unicodedata.normalize("NFC", marked) + letters[index + 1 :], tone


def _normalise_u(body: str) -> str:
    """CC-CEDICT writes ü as "u:"; many typists write "v"."""
    return body.replace("u:", "ü").replace("U:", "Ü").replace("v", "ü").replace("V", "Ü")


def _mark_position(syllable: str) -> int | None:
    """The standard rule: a or e (ê) takes the mark, then the o of "ou", else the last vowel.

    Vowel-less syllables (m, ng, hm, hng) carry it on their m or n; a lone erhua "r" has
    no letter that takes a mark (None).
    """
    for vowel in "aeê":
        if vowel in syllable:
            return syllable.index(vowel)
    if "ou" in syllable:
        return syllable.index("o")
    for index in range(len(syllable) - 1, -1, -1):
        if syllable[index] in _VOWELS:
            return index
    for index, char in enumerate(syllable):
        if char in "mn":
            return index
    return None


_VOWEL_START = "aoeāáǎàōóǒòēéěè"
#: The tones a syllable can have (5: neutral), each with its own colour on screen.
TONES = (1, 2, 3, 4, 5)


def apostrophe_before(syllable: str) -> bool:
    """Whether a syllable after another is set off by an apostrophe: it starts with a/o/e."""
    return syllable[:1].lower() in _VOWEL_START


def as_one_word(pinyin: str) -> str:
    """A word's syllables written together, as dictionaries do: "jiāo liú" -> "jiāoliú".

    A syllable starting with a, o or e after another gets an apostrophe (Xī'ān, nǚ'ér).
    """
    parts = pinyin.split()
    out = parts[:1]
    for part in parts[1:]:
        if apostrophe_before(part) and out[-1][-1:].isalpha():
            out.append("'")
        out.append(part)
    return "".join(out)

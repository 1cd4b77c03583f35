"""一 and 不 as they are spoken (tone sandhi), or as the dictionary writes them.

Textbooks and graded readers write the tones of 一 and 不 as spoken, and a learner reading
pinyin over the text should hear what they read:

- 不 is bú before a fourth tone (不是 búshì, 不去 búqù), else bù (不好 bùhǎo); light between
  the two halves of a question (是不是 shìbushì) and in the middle of "cannot" words (差不多
  chàbuduō, 对不起 duìbuqǐ, 看不见 kànbujiàn; but 决不能 juébùnéng).
- 一 is yí before a fourth tone (一样 yíyàng, 一个 yígè, 一定 yídìng), yì before the other
  tones (一年 yìnián, 一起 yìqǐ, 一百 yìbǎi), and keeps yī where it counts or ends: alone or
  before punctuation, at the end of a word (统一 tǒngyī, 万一 wànyī), in an ordinal (第一
  dìyī, 第一次 dìyīcì), inside a number (十一 shíyī, 一九四九 yījiǔsìjiǔ, 一一 yīyī), in a
  date (一月 yīyuè, 一号 yīhào), and in an enumeration (一是……二是……). It is light between
  a doubled verb (看一看 kànyikàn).

The next syllable's tone is its citation tone: 不一定 is bù yídìng (一 is yī before 不 sees it),
一不小心 yí bù xiǎoxīn. Third-tone sandhi (你好 níhǎo) is left out, as textbooks leave it.

With sandhi off every 一 and 不 gets its citation tone, yī and bù (pypinyin's own phrase list
writes some as spoken and some not: 一个 yí but 一样 yī); a light tone stays light either way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

#: Characters that make the 一 after them part of a number (十一, 二十一, 一百一).
_NUMBER_BEFORE = frozenset("〇零一二三四五六七八九十百千万亿两")
#: Those that do so in another word too (二十|一块); not 万 or 千 (千万|一定 is yídìng).
_DIGIT_BEFORE = frozenset("〇零二三四五六七八九十")
#: Characters that make the 一 before them a digit (一九四九, 一一, 一五一十).
_DIGIT_AFTER = frozenset("〇零一二三四五六七八九十")

#: Characters after which 一 names a date or a number (一月 yīyuè, 一号 yīhào), not a count.
_DATE_AFTER = frozenset("月号")

#: The third character of a three-character word X不Y that says "cannot Y" (看不见, 来不及).
_COMPLEMENTS = frozenset("起住了得到及着见懂开上下来去过完动成清惯消通透掉定多是")
#: The first character of a three-character word where 不 simply negates (决不能, 只不过).
_NEGATING = frozenset("决绝并也都还就又再从毫只前殊且")

Syllables = tuple[str, ...]  # a word's syllables with tone numbers ("yi1"), 5 for light


def apply_sandhi(
    words: Sequence[str],
    readings: Sequence[Syllables | None],
    citation_tone: Callable[[str], int | None],
    *,
    spoken: bool = True,
) -> list[Syllables | None]:
    """The readings with 一 and 不 spoken (or, ``spoken=False``, in their citation tones).

    ``words`` are the text's words in order, punctuation included; ``readings`` each word's
    syllables (None for a word without one, such as punctuation: nothing reads across it).
    ``citation_tone`` gives a character's own tone, for a light syllable after 一 or 不.
    """
    if not any("一" in word or "不" in word for word in words):
        return list(readings)
    # Every character with its own syllable, in order; None between words that do not read on
    chars: list[tuple[str, int, int] | None] = []  # (character, word, syllable index)
    for index, (text, reading) in enumerate(zip(words, readings, strict=True)):
        if reading is None:
            chars.append(None)
            continue
        # an erhua word (哪儿 nǎr) has one syllable fewer: its 儿 is in the one before it
        for position in range(min(len(text), len(reading))):
            chars.append((text[position], index, position))
    result: list[list[str] | None] = [list(r) if r is not None else None for r in readings]

    def char_at(at: int) -> str:
        found = chars[at] if 0 <= at < len(chars) else None
        return found[0] if found is not None else ""

    def tone_at(at: int) -> int | None:
        """The citation tone of the syllable at ``at``; None when there is none."""
        found = chars[at] if 0 <= at < len(chars) else None
        if found is None:
            return None
        char, word, position = found
        reading = readings[word]
        assert reading is not None
        tone = _tone(reading[position])
        if tone == 5:
            tone = citation_tone(char)
        return tone

    for at, found in enumerate(chars):
        if found is None or found[0] not in "一不":
            continue
        char, word, position = found
        syllables = result[word]
        assert syllables is not None
        syllable = syllables[position]
        if _tone(syllable) in (5, None):
            continue  # light in the phrase list already (差不多 chàbuduō), or no tone at all
        if not spoken:
            tone = 1 if char == "一" else 4
        else:
            place = _Place(words[word], position, char_at(at - 1), char_at(at + 1), tone_at(at + 1))
            tone = _bu(place) if char == "不" else _yi(place)
        syllables[position] = syllable[:-1] + str(tone)
    return [tuple(r) if r is not None else None for r in result]


class _Place(NamedTuple):
    """Where a 一 or 不 stands: its word, its place in it, the characters around it (across
    words; "" at punctuation) and the citation tone of the next syllable (None: none)."""

    word: str
    position: int
    before: str
    after: str
    next_tone: int | None


def _bu(place: _Place) -> int:
    word, position, before, after, next_tone = place
    if before and before == after:
        return 5  # 是不是, 好不好: the question's two halves
    if len(word) == 3 and position == 1 and word[2] in _COMPLEMENTS and word[0] not in _NEGATING:
        return 5  # 差不多, 对不起, 看不见, 来不及: can / cannot
    return 2 if next_tone == 4 else 4


def _yi(place: _Place) -> int:
    word, position, before, after, next_tone = place
    if before and before == after and before != "一":
        return 5  # 看一看, 试一试
    if before == "第" or before in _DIGIT_BEFORE or (position and before in _NUMBER_BEFORE):
        return 1  # 第一, 十一, 二十|一块, 一百一
    if after in _DIGIT_AFTER:
        return 1  # 一九四九, 一一
    if after in _DATE_AFTER:
        return 1  # 一月 (January), 一号 (the first, number one): a date or a number's name
    if len(word) > 1 and position == len(word) - 1:
        return 1  # 统一, 万一, 唯一, 之一
    if after == "是" and not before:
        return 1  # 一是……二是……: counting
    if next_tone is None:
        return 1  # alone, or before punctuation
    return 2 if next_tone == 4 else 4


def _tone(syllable: str) -> int | None:
    return int(syllable[-1]) if syllable[-1:].isdigit() else None

"""The heading grammar: which lines and sentences open a section, and how deep it sits.

Chinese writing numbers its parts in many styles (第一章, 第一條, 一、, （一）, 1、, 1.1, ①,
一是…). No fixed table says how deep each style is: a report may use only 1、 and （1）. So
depth is decided the way a reader decides it, by the order in which styles first appear
under a parent. This module is pure: it sees the text and the paragraph spans, nothing else.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Final

from reader.document import Document, Section

MAX_TITLE_LENGTH: Final = 80
"""A run-in or inline title longer than this is cut; the rest stays body text."""

MAX_HEADING_LINE_LENGTH: Final = 50
"""A standalone heading line is short; anything longer is a sentence that starts oddly."""

_SPACES: Final = " \t\u3000"
_TRAILING_PUNCTUATION: Final = "。．.，,；;：:、" + _SPACES
_SENTENCE_PUNCTUATION: Final = frozenset("。！？!?；;")

_CN_NUMERAL: Final = "[零〇一二三四五六七八九十百千两兩]+"
_CN_SMALL_NUMERAL: Final = "[零〇一二三四五六七八九十百]{1,4}"
_ARABIC_NUMERAL: Final = "[0-9０-９]+"

_UNIT_HEADING: Final = re.compile(
    rf"第[{_SPACES}]*(?P<number>{_CN_NUMERAL}|{_ARABIC_NUMERAL})[{_SPACES}]*"
    r"(?P<unit>[編编部卷篇章回節节])(?P<rest>.*)"
)
# 第一章的內容…: a particle straight after the unit means a sentence, not a heading.
_UNIT_SENTENCE_PARTICLES: Final = frozenset("的之是了在中裡里和與与及就都也又把被對对說说，,。")
_UNIT_STYLES: Final[Mapping[str, str]] = {
    "編": "unit:編",
    "编": "unit:編",
    "部": "unit:部",
    "卷": "unit:卷",
    "篇": "unit:篇",
    "章": "unit:章",
    "回": "unit:回",
    "節": "unit:節",
    "节": "unit:節",
}
# A law's articles: 第一條 and the article's text on one line, the number then a space.
# 第十條之一 is an article added after 第十條. The title is the number and the first clause.
_ARTICLE_HEADING: Final = re.compile(
    rf"第[{_SPACES}]*(?P<number>{_CN_NUMERAL}|{_ARABIC_NUMERAL})[{_SPACES}]*[條条]"
    rf"(?:之[一二三四五六七八九十]+)?(?=[{_SPACES}]|$)"
)
_ARTICLE_TITLE_END: Final = re.compile(r"[，,。；;：:？！?!]")
_ARTICLE_STYLE: Final = "unit:條"
# The words themselves rank these units: a 卷 never sits inside a 章, whatever the order.
_UNIT_RANKS: Final[Mapping[str, int]] = {
    "unit:編": 0,
    "unit:部": 0,
    "unit:卷": 0,
    "unit:篇": 0,
    "unit:章": 1,
    "unit:回": 1,
    "unit:節": 2,
    _ARTICLE_STYLE: 3,
}

_MATTER_HEADING: Final = re.compile(
    r"(?:序言|序章|自序|代序|序|前言|引言|引子|楔子|後記|后记|尾聲|尾声|附錄|附录|跋|結語|结语)"
    r"[一二三四五六七八九十0-9０-９A-ZＡ-Ｚ]{0,2}"
    rf"(?:[{_SPACES}:：·—-]+[^。；;！？!?]+)?"
)
MATTER_STYLE: Final = "matter"

_OFFICIAL_MARKER: Final = re.compile(
    # 一、 but not 一、二年 or 一、二、三 (numerals listed, not a heading)
    rf"(?P<cn_dun>{_CN_SMALL_NUMERAL})[、．.](?![零〇一二三四五六七八九十百两兩])"
    rf"|[（(](?P<cn_paren>{_CN_SMALL_NUMERAL})[）)]"
    # 1、 1. １． but not 1.5倍 or 2022.11.27
    r"|(?P<ar_dun>[0-9０-９]{1,3})[、.．](?![0-9０-９])"
    r"|[（(](?P<ar_paren>[0-9０-９]{1,3})[）)]"
    r"|(?P<circled>[\u2460-\u2473])"
)
_OFFICIAL_STYLES: Final[Mapping[str, str]] = {
    "cn_dun": "一、",
    "cn_paren": "（一）",
    "ar_dun": "1、",
    "ar_paren": "（1）",
    "circled": "①",
}
_TITLE_END: Final = re.compile(r"[。；：？！;?!\n]|:(?![0-9０-９])")
_CONTENTS_TITLES: Final = frozenset({"目錄", "目录", "目次", "Contents", "CONTENTS"})
_CIRCLED_STYLE: Final = _OFFICIAL_STYLES["circled"]
# 1.1 背景, 2.1.3 前端: a technical document's numbering, one style per level. A bare
# 1 概述 counts only in a document that also has 1.1 (else it is a line of a list).
_DECIMAL_HEADING: Final = re.compile(
    r"(?P<number>[0-9０-９]{1,2}(?:[.．][0-9０-９]{1,2}){0,3})[.．]?[ \t\u3000]+"
    r"(?P<title>[^0-9０-９ \t\u3000].*)"
)
_DECIMAL_STYLE: Final = "1.1"
_NOTE_MARK: Final = re.compile(r"(?<=\S)[\u2460-\u2473]")  # ① right after text: a note's mark

_ATX_HEADING: Final = re.compile(
    r" {0,3}(?P<marks>#{1,6})(?:[ \t]+(?P<title>.*?))?(?:[ \t]+#+)?[ \t]*"
)
MARKDOWN_STYLE: Final = "markdown"

# After a full stop, or after a newline (checked later to be a paragraph start).
_ENUMERATION_NUMBER: Final = r"(?P<number>[一二三四五六七八九十]{1,3})是"
_ENUMERATION: Final = re.compile(rf"(?P<stop>[\n。；！？;!?])\s*{_ENUMERATION_NUMBER}")
_ENUMERATION_AT_TEXT_START: Final = re.compile(rf"\s*{_ENUMERATION_NUMBER}")
_ENUMERATION_TITLE_END: Final = re.compile(r"[。；;！？!?\n]")

_PLAIN_MAX_LENGTH: Final = 20
_PLAIN_FORBIDDEN: Final = frozenset("。，,；;：:！!？?、…「」『』“”\"'（）()—-·.．")
_YEAR: Final = "(?:[0-9０-９]{2,4}|[〇零一二三四五六七八九]{2,4})"
_MONTH_OR_DAY: Final = "(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})"
_DATE_LINE: Final = re.compile(  # the whole line: 2022年11月27日 星期日, 2022-11-27 03:08
    rf"(?:[0-9０-９]{{2,4}}[-/.][0-9０-９]{{1,2}}[-/.][0-9０-９]{{1,2}}"
    rf"|{_YEAR}[ \t]*年(?:[ \t]*{_MONTH_OR_DAY}[ \t]*月(?:[ \t]*{_MONTH_OR_DAY}[ \t]*[日號号])?)?"
    rf"|{_MONTH_OR_DAY}[ \t]*月[ \t]*{_MONTH_OR_DAY}[ \t]*[日號号])"
    rf"[{_SPACES}]*(?:[0-9０-９]{{1,2}}[:：][0-9０-９]{{2}}(?:[:：][0-9０-９]{{2}})?)?"
    rf"[{_SPACES}]*(?:[（(]?(?:星期|週|周|禮拜|礼拜)[一二三四五六日天][）)]?)?"
)

# Every heading above starts with one of these: one cheap test skips most body lines.
_HEADING_START: Final = re.compile(
    rf"[{_SPACES}]*[第序自代前引楔後后尾附跋結结零〇一二三四五六七八九十百"
    r"0-9０-９（(#\u2460-\u2473]"
)

_FULLWIDTH_DIGITS: Final = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGIT_VALUES: Final[Mapping[str, int]] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNIT_VALUES: Final[Mapping[str, int]] = {"十": 10, "百": 100, "千": 1000}


def numeral_value(numeral: str) -> int:
    """The value of 十二, 二〇二二, 12 or １２: numbered headings must be seen to count up."""
    if numeral[0] in "0123456789０１２３４５６７８９":
        return int(numeral.translate(_FULLWIDTH_DIGITS))
    if not any(character in _CN_UNIT_VALUES for character in numeral):
        value = 0
        for character in numeral:  # positional, as in 二〇二二
            value = value * 10 + _CN_DIGIT_VALUES[character]
        return value
    total = 0
    digit = 0
    for character in numeral:
        unit = _CN_UNIT_VALUES.get(character)
        if unit is None:
            digit = _CN_DIGIT_VALUES[character]
        else:
            total += (digit or 1) * unit
            digit = 0
    return total + digit


@dataclass(frozen=True, slots=True)
class HeadingMatch:
    """A heading found at the start of a line, before its depth is known."""

    offset: int  # where the title starts within the matched line
    title: str
    style: str  # 一、, （一）, unit:章, matter, markdown, … : what decides depth
    number: int  # for sequence sanity; the level for Markdown
    standalone: bool  # the whole line is the heading (else the paragraph runs on)


def match_heading(line: str, *, markdown: bool = False) -> HeadingMatch | None:
    """The heading ``line`` opens, if any; ``line`` is one line, usually a paragraph's first.

    Markdown documents use only ATX headings: their text is free-form and 1. lists abound.
    """
    start = _HEADING_START.match(line)
    if start is None:
        return None
    offset = start.end() - 1
    if markdown:
        return _markdown_heading(line)
    content = line[offset:].rstrip()
    return (
        _unit_heading(content, offset)
        or _article_heading(content, offset)
        or _matter_heading(content, offset)
        or _official_heading(content, offset)
        or _decimal_heading(content, offset)
    )


def is_numbered_item(heading: HeadingMatch) -> bool:
    """Whether a heading starts with a numbered marker (一、 （一） 1、 ①), as a list's items do."""
    return heading.style in _OFFICIAL_STYLES.values()


def is_date_line(line: str) -> bool:
    """A dateline (2022-11-27, 2022年11月27日) is neither a title nor a heading."""
    return _DATE_LINE.fullmatch(line.strip(_SPACES)) is not None


def _standalone_title(content: str) -> str:
    return content.rstrip(_TRAILING_PUNCTUATION)


def _unit_heading(content: str, offset: int) -> HeadingMatch | None:
    match = _UNIT_HEADING.fullmatch(content)
    if match is None or len(content) > MAX_HEADING_LINE_LENGTH:
        return None
    rest = match["rest"]
    if rest and rest[0] in _UNIT_SENTENCE_PARTICLES:
        return None
    if any(character in "。；;" for character in rest):
        return None  # 第一部電影是在北京拍的。 is a sentence
    return HeadingMatch(
        offset=offset,
        title=_standalone_title(content),
        style=_UNIT_STYLES[match["unit"]],
        number=numeral_value(match["number"]),
        standalone=True,
    )


def _article_heading(content: str, offset: int) -> HeadingMatch | None:
    match = _ARTICLE_HEADING.match(content)
    if match is None:
        return None
    title_end = _ARTICLE_TITLE_END.search(content, match.end())
    title = content[: len(content) if title_end is None else title_end.start()].rstrip(_SPACES)
    return HeadingMatch(
        offset=offset,
        title=title[:MAX_TITLE_LENGTH],
        style=_ARTICLE_STYLE,
        number=numeral_value(match["number"]),
        standalone=not content[match.end() :].strip(_SPACES),
    )


def _matter_heading(content: str, offset: int) -> HeadingMatch | None:
    if len(content) > MAX_HEADING_LINE_LENGTH or _MATTER_HEADING.fullmatch(content) is None:
        return None
    return HeadingMatch(offset, _standalone_title(content), MATTER_STYLE, 0, standalone=True)


def _official_heading(content: str, offset: int) -> HeadingMatch | None:
    marker = _OFFICIAL_MARKER.match(content)
    if marker is None:
        return None
    group = marker.lastgroup
    assert group is not None
    numeral = marker[group]
    number = ord(numeral) - 0x2460 + 1 if group == "circled" else numeral_value(numeral)
    title_end = _TITLE_END.search(content, marker.end())
    cut = len(content) if title_end is None else title_end.start()
    title = content[:cut].rstrip(_TRAILING_PUNCTUATION)
    if not title[marker.end() :].strip(_SPACES):
        return None  # a bare 一、 heads nothing
    standalone = not content[cut:].strip(_TRAILING_PUNCTUATION + "？！?!")
    if standalone and len(content) > MAX_HEADING_LINE_LENGTH:
        return None  # a long unpunctuated line is an item of text, not a heading
    return HeadingMatch(
        offset=offset,
        title=title[:MAX_TITLE_LENGTH],
        style=_OFFICIAL_STYLES[group],
        number=number,
        standalone=standalone,
    )


def _decimal_heading(content: str, offset: int) -> HeadingMatch | None:
    match = _DECIMAL_HEADING.fullmatch(content)
    if match is None or len(content) > MAX_HEADING_LINE_LENGTH:
        return None
    if any(character in _SENTENCE_PUNCTUATION or character in "，," for character in content):
        return None  # 2.5 公里外有一座山。 is a sentence
    levels = re.split("[.．]", match["number"])
    return HeadingMatch(
        offset=offset,
        title=_standalone_title(content),
        style=f"{_DECIMAL_STYLE}:{len(levels)}",
        number=int(levels[-1].translate(_FULLWIDTH_DIGITS)),
        standalone=True,
    )


def _markdown_heading(line: str) -> HeadingMatch | None:
    match = _ATX_HEADING.fullmatch(line)
    if match is None or not match["title"] or not match["title"].strip("#"):
        return None
    return HeadingMatch(
        offset=match.start("title"),
        title=match["title"],
        style=MARKDOWN_STYLE,
        number=len(match["marks"]),
        standalone=True,
    )


_Found = tuple[int, int, HeadingMatch]  # a paragraph's index and start, and its heading


@dataclass(frozen=True, slots=True)
class Outline:
    """The sections of a text, which paragraphs are heading lines (index -> depth), and
    which are lines of a table of contents."""

    sections: tuple[Section, ...]
    heading_depths: Mapping[int, int]
    contents: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class _Placed:
    start: int
    title: str
    depth: int
    paragraph: int | None  # the paragraph a standalone heading occupies


@dataclass(slots=True)
class _OpenLevel:
    style: str
    number: int


class _DepthAssigner:
    """Places numbered headings as a reader would, keeping the styles open above the text.

    A style already open closes back to its level; a new style nests one deeper, except
    that 第X卷/章/節 rank by their words and front/back matter (序, 後記) is always top.
    """

    def __init__(self) -> None:
        self._open: list[_OpenLevel] = []

    def place(self, heading: HeadingMatch) -> int | None:
        """The depth of ``heading``, or None when a run-in marker does not count on."""
        if heading.style == MATTER_STYLE:
            self._open.clear()
            return 1
        index = next(
            (i for i, level in enumerate(self._open) if level.style == heading.style), None
        )
        if index is not None:
            previous = self._open[index].number
            if not heading.standalone and not _counts_on(heading, previous):
                return None
        elif heading.style in _UNIT_RANKS:
            index = self._unit_slot(heading.style)
        else:
            if not heading.standalone and heading.number != 1:
                return None  # a run-in list starts at one
            index = len(self._open)
        del self._open[index:]
        self._open.append(_OpenLevel(heading.style, heading.number))
        return index + 1

    def _unit_slot(self, style: str) -> int:
        rank = _UNIT_RANKS[style]
        last_unit = -1
        for index, level in enumerate(self._open):
            level_rank = _UNIT_RANKS.get(level.style)
            if level_rank is None:
                continue
            if level_rank > rank:
                return index
            last_unit = index
        return last_unit + 1


def _counts_on(heading: HeadingMatch, previous: int) -> bool:
    if heading.style == _ARTICLE_STYLE:  # numbered through the whole law; 第十條之一 is 10 again
        return heading.number >= previous
    return heading.number == 1 or heading.number == previous + 1


def build_outline(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    *,
    markdown: bool = False,
    plain_headings: bool = False,
) -> Outline:
    """The outline of ``text`` given its body paragraphs as (start, end) places.

    ``plain_headings`` allows unnumbered short lines as headings; only sensible where
    paragraphs are marked by blank lines or indentation, so such a line stands out.
    """
    matches = [
        (index, start, match)
        for index, (start, end) in enumerate(paragraphs)
        if (match := _paragraph_heading(text, start, end, markdown)) is not None
    ]
    contents: frozenset[int] = frozenset()
    if markdown:
        placed = _place_markdown(matches)
    else:
        contents = _table_of_contents(text, paragraphs, matches)
        matches = _without_notes(text, [item for item in matches if item[0] not in contents])
        placed = _place_numbered(_without_lone_decimals(matches))
        if not placed and plain_headings:
            placed = _plain_headings(text, paragraphs)
        heading_paragraphs = {item.paragraph for item in placed if item.paragraph is not None}
        placed += _enumerations(text, paragraphs, heading_paragraphs, placed)
        placed.sort(key=lambda item: item.start)
    return Outline(
        sections=tuple(Section(item.title, item.depth, item.start) for item in placed),
        heading_depths={
            item.paragraph: item.depth for item in placed if item.paragraph is not None
        },
        contents=contents,
    )


def _paragraph_heading(text: str, start: int, end: int, markdown: bool) -> HeadingMatch | None:
    if _HEADING_START.match(text, start, end) is None:
        return None
    line_end = text.find("\n", start, end)
    single_line = line_end == -1
    match = match_heading(text[start : end if single_line else line_end], markdown=markdown)
    if match is None or single_line or not match.standalone:
        return match
    # A heading line that was not split off from the lines after it: only a numbered
    # marker or an article still heads the paragraph (run-in); 第X章 or 序 there does not.
    if match.style in _OFFICIAL_STYLES.values() or match.style == _ARTICLE_STYLE:
        return replace(match, standalone=False)
    return None


def _table_of_contents(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    matches: list[_Found],
) -> frozenset[int]:
    """The paragraphs of a table of contents: heading lines one after another with no text
    between them, all of which come again later in the same order (as the chapters they
    list), and the 目錄 line above them."""
    contents: set[int] = set()
    first = 0
    while first < len(matches):
        last = first
        while (
            last + 1 < len(matches)
            and matches[last + 1][0] == matches[last][0] + 1
            and matches[last][2].standalone
            and matches[last + 1][2].standalone
        ):
            last += 1
        # The run may go on into the first real chapter: the longest opening that is listed
        # again after itself is the table (if an opening is, every shorter one is too).
        listed, longest = 0, last - first + 1 if last > first else 0
        while listed < longest:
            middle = (listed + longest + 1) // 2
            if _listed_again(matches[first : first + middle], matches[first + middle :]):
                listed = middle
            else:
                longest = middle - 1
        if listed >= 2:
            top = matches[first][0]
            contents.update(range(top, top + listed))
            if top > 0 and _title_key(text[slice(*paragraphs[top - 1])]) in _CONTENTS_TITLES:
                contents.add(top - 1)
        first = last + 1
    return frozenset(contents)


def _listed_again(run: list[_Found], rest: list[_Found]) -> bool:
    later = iter(_title_key(match.title) for _, _, match in rest)
    return all(_title_key(match.title) in later for _, _, match in run)  # a subsequence


def _title_key(title: str) -> str:
    return "".join(title.split())


def _without_notes(text: str, matches: list[_Found]) -> list[_Found]:
    """①… lines are notes, not headings, when the text also marks ① inside its sentences."""
    if not any(match.style == _CIRCLED_STYLE for _, _, match in matches):
        return matches
    marked = set(_NOTE_MARK.findall(text))
    return [
        item
        for item in matches
        if item[2].style != _CIRCLED_STYLE or item[2].title.lstrip(_SPACES)[0] not in marked
    ]


def _without_lone_decimals(
    matches: list[_Found],
) -> list[_Found]:
    """1 概述 is a heading only where 1.1 ones are too."""
    top = f"{_DECIMAL_STYLE}:1"
    if any(match.style.startswith(_DECIMAL_STYLE) and match.style != top for *_, match in matches):
        return matches
    return [item for item in matches if item[2].style != top]


def _place_markdown(matches: list[_Found]) -> list[_Placed]:
    placed: list[_Placed] = []
    open_levels: list[int] = []
    for index, start, match in matches:
        while open_levels and open_levels[-1] >= match.number:
            open_levels.pop()
        open_levels.append(match.number)
        placed.append(_Placed(start + match.offset, match.title, len(open_levels), index))
    return placed


def _place_numbered(matches: list[_Found]) -> list[_Placed]:
    # A run-in list needs a second item: a lone 一、不許哭。 in a novel is not a heading.
    goes_on = [False] * len(matches)  # a 2 of the same style follows before the next 1
    two_ahead: dict[str, bool] = {}
    for position in range(len(matches) - 1, -1, -1):
        match = matches[position][2]
        if match.number == 2:
            two_ahead[match.style] = True
        elif match.number == 1:
            goes_on[position] = two_ahead.get(match.style, False)
            two_ahead[match.style] = False
    assigner = _DepthAssigner()
    placed: list[_Placed] = []
    for (index, start, match), listed in zip(matches, goes_on, strict=True):
        if not match.standalone and match.number == 1 and not listed:
            continue
        depth = assigner.place(match)
        if depth is not None:
            paragraph = index if match.standalone else None
            placed.append(_Placed(start + match.offset, match.title, depth, paragraph))
    return placed


def _plain_headings(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[_Placed]:
    """Unnumbered subheadings: short bare lines set between real paragraphs, twice or more."""
    candidates = [_is_plain_heading(text, start, end) for start, end in paragraphs]
    placed: list[_Placed] = []
    for index, (start, end) in enumerate(paragraphs):
        if not candidates[index] or index + 1 >= len(paragraphs):
            continue
        if index > 0 and candidates[index - 1]:
            continue
        next_start, next_end = paragraphs[index + 1]
        if candidates[index + 1] or not any(
            character in _SENTENCE_PUNCTUATION for character in text[next_start:next_end]
        ):
            continue
        offset = start + len(text[start:end]) - len(text[start:end].lstrip(_SPACES))
        placed.append(_Placed(offset, text[offset:end].rstrip(_SPACES), 1, index))
    return placed if len(placed) >= 2 else []


def _is_plain_heading(text: str, start: int, end: int) -> bool:
    line = text[start:end].strip(_SPACES)
    if not 2 <= len(line) <= _PLAIN_MAX_LENGTH or "\n" in line:
        return False
    if any(character in _PLAIN_FORBIDDEN for character in line):
        return False
    if not any("\u3400" <= character <= "\u9fff" for character in line):
        return False
    return not is_date_line(line)


@dataclass(frozen=True, slots=True)
class _Enumeration:
    start: int
    number: int
    title: str


def _enumerations(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    heading_paragraphs: set[int],
    placed: list[_Placed],
) -> list[_Placed]:
    """一是……二是……: a leaf level under the current section, only when the list goes on."""
    found = _find_enumerations(text, paragraphs, heading_paragraphs)
    if not found:
        return []
    section_starts = [item.start for item in placed]
    groups: dict[int, list[_Enumeration]] = {}
    for item in found:
        groups.setdefault(bisect_right(section_starts, item.start) - 1, []).append(item)
    enumerations: list[_Placed] = []
    for section, items in groups.items():
        depth = placed[section].depth + 1 if section >= 0 else 1
        expected: int | None = None
        for position, item in enumerate(items):
            following = items[position + 1] if position + 1 < len(items) else None
            if item.number == 1:
                expected = 2 if following is not None and following.number == 2 else None
                if expected is None:
                    continue
            elif item.number == expected:
                expected += 1
            else:
                expected = None
                continue
            enumerations.append(_Placed(item.start, item.title, depth, None))
    return enumerations


def _find_enumerations(
    text: str, paragraphs: Sequence[tuple[int, int]], heading_paragraphs: set[int]
) -> list[_Enumeration]:
    """Every 一是/二是… that begins a sentence of a body paragraph, in text order."""
    paragraph_starts = [start for start, _ in paragraphs]
    found: list[_Enumeration] = []
    at_text_start = _ENUMERATION_AT_TEXT_START.match(text)
    matches = [at_text_start] if at_text_start is not None else []
    for match in itertools.chain(matches, _ENUMERATION.finditer(text)):
        title_start = match.start("number")
        index = bisect_right(paragraph_starts, title_start) - 1
        if index < 0 or index in heading_paragraphs:
            continue
        start, end = paragraphs[index]
        if title_start >= end:
            continue  # in the title or metadata, or between paragraphs
        at_line_start = match.re is not _ENUMERATION or match["stop"] == "\n"
        if at_line_start and text[start:title_start].strip():
            continue  # a line start inside a paragraph is not a sentence start
        numeral = match["number"]
        after = match.end()
        if text.startswith(numeral, after):
            continue  # 一是一，二是二: an idiom, not a list
        title_end = _ENUMERATION_TITLE_END.search(text, after, end)
        cut = end if title_end is None else title_end.start()
        title = text[title_start:cut].rstrip(_TRAILING_PUNCTUATION)[:MAX_TITLE_LENGTH]
        if len(title) > len(numeral) + 1:
            found.append(_Enumeration(title_start, numeral_value(numeral), title))
    return found


def format_outline(document: Document) -> str:
    """The outline as ``reader --outline`` prints it: the title, then 2 spaces per depth."""
    lines = [document.title]
    lines += ["  " * section.depth + section.title for section in document.sections]
    return "\n".join(lines) + "\n"

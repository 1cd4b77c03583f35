"""The heading grammar of one line: whether it opens a section, and in which numbering style.

Chinese writing numbers its parts in many styles (第一章, 第一條, 一、, （一）, 1、, 1.1, ①,
序, 附件一, a bare 一 on its own line). This module only reads one line; how deep a style
sits, and whether a line that looks like a heading really is one in its document, is
decided by :mod:`reader.outline`. Each rule that rejects a line says why, for
``reader --outline --explain``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Final

MAX_TITLE_LENGTH: Final = 80
"""A run-in or inline title longer than this is cut; the rest stays body text."""

MAX_HEADING_LINE_LENGTH: Final = 50
"""A standalone heading line is short; anything longer is a sentence that starts oddly."""

SPACES: Final = " \t\u3000"
_LEAD: Final = SPACES + "\ufeff"  # before a heading: spaces, an indent, a byte-order mark
_TRAILING_PUNCTUATION: Final = "。．.，,；;：:、" + SPACES
_SENTENCE_PUNCTUATION: Final = frozenset("。！？!?；;")
_SENTENCE_ENDS: Final = ("。", "！", "？", "!", "?", "；", ";")

# ○ (U+25CB) stands for zero in many copies of old novels: 第一○回 is chapter 10.
_CN_NUMERAL: Final = "[零〇○一二三四五六七八九十百千两兩]+"
_CN_SMALL_NUMERAL: Final = "[零〇○一二三四五六七八九十百]{1,4}"
_ARABIC_NUMERAL: Final = "[0-9０-９]+"
_SUB_NUMERAL: Final = "[一二三四五六七八九十]+"

UNIT_PREFIX: Final = "unit:"
# 【第一章】出門 and 【第一章 出門】 (web copies): the brackets are part of the heading.
_UNIT_HEADING: Final = re.compile(
    rf"(?P<open>[【〔\[])?第[{SPACES}]*(?P<number>{_CN_NUMERAL}|{_ARABIC_NUMERAL})[{SPACES}]*"
    rf"(?P<unit>[編编部卷篇集章回講讲節节])(?:之(?P<sub>{_SUB_NUMERAL}))?"
    r"(?(open)(?P<inside>[^】〕\]]*)[】〕\]])(?P<rest>.*)"
)
# A second 第X回 after a space on the same line: a table of contents with two entries a line
# (第一卷 風起 第一章 … is a chapter's heading that names its volume first).
_SECOND_ENTRY: Final = re.compile(
    rf"[{SPACES}]+第[{SPACES}]*(?:{_CN_NUMERAL}|{_ARABIC_NUMERAL})[{SPACES}]*(?P<unit>[編编部卷篇集章回講讲節节])"
)
# 第一章的內容…: a particle straight after the unit means a sentence, not a heading;
# 第一回）以來…: so does closing punctuation (a hard-wrapped line that starts mid-sentence).
_UNIT_SENTENCE_PARTICLES: Final = frozenset(
    "的之是了在中裡里和與与及就都也又把被對对說说，,。；;）)」』》〉】"
)
_UNIT_STYLES: Final[Mapping[str, str]] = {
    "編": "unit:編",
    "编": "unit:編",
    "部": "unit:部",
    "卷": "unit:卷",
    "篇": "unit:篇",
    "集": "unit:集",
    "章": "unit:章",
    "回": "unit:回",
    "講": "unit:講",
    "讲": "unit:講",
    "節": "unit:節",
    "节": "unit:節",
}
# A law's articles: 第一條 and the article's text on one line, the number then a space.
# 第十條之一 is an article added after 第十條. The title is the number and the first clause.
_ARTICLE_HEADING: Final = re.compile(
    rf"第[{SPACES}]*(?P<number>{_CN_NUMERAL}|{_ARABIC_NUMERAL})[{SPACES}]*[條条]"
    rf"(?:之{_SUB_NUMERAL})?(?=[{SPACES}]|$)"
)
_ARTICLE_TITLE_END: Final = re.compile(r"[，,。；;：:？！?!]")
ARTICLE_STYLE: Final = "unit:條"

_MATTER_WORDS: Final = (
    "序言|序章|自序|代序|序|前言|引言|引子|楔子|題記|题记|題辭|题辞"
    "|後記|后记|尾聲|尾声|跋|結語|结语"
)
_APPENDIX_WORDS: Final = "附錄|附录|附件|附表"
_MATTER_NUMBER: Final = "[一二三四五六七八九十0-9０-９A-ZＡ-Ｚ]"
_MATTER_HEADING: Final = re.compile(
    rf"(?:(?:{_MATTER_WORDS}){_MATTER_NUMBER}{{0,2}}"
    rf"|(?:{_APPENDIX_WORDS})[{SPACES}]*{_MATTER_NUMBER}{{0,3}})"
    rf"(?:[{SPACES}:：·—-]+[^。；;！？!?]+)?[:：]?"
)
MATTER_STYLE: Final = "matter"

_OFFICIAL_MARKER: Final = re.compile(
    # 一、 but not 一、二年 or 一、二、三 (numerals listed, not a heading)
    rf"(?P<cn_dun>{_CN_SMALL_NUMERAL})[、．.](?![零〇○一二三四五六七八九十百两兩])"
    rf"|[（(](?P<cn_paren>{_CN_SMALL_NUMERAL})[）)]"
    # 1、 1. １． but not 1.5倍 or 2022.11.27
    r"|(?P<ar_dun>[0-9０-９]{1,3})[、.．](?![0-9０-９])"
    r"|[（(](?P<ar_paren>[0-9０-９]{1,3})[）)]"
    r"|(?P<circled>[\u2460-\u2473])"
)
OFFICIAL_STYLES: Final[Mapping[str, str]] = {
    "cn_dun": "一、",
    "cn_paren": "（一）",
    "ar_dun": "1、",
    "ar_paren": "（1）",
    "circled": "①",
}
_TITLE_END: Final = re.compile(r"[。；：？！;?!\n]|:(?![0-9０-９])")
CIRCLED_STYLE: Final = OFFICIAL_STYLES["circled"]

# 一, 二 … 十三 alone on a line: the parts of a story. Only ever a heading in sequence.
_BARE_NUMERAL: Final = re.compile("[一二三四五六七八九十]{1,3}")
BARE_STYLE: Final = "bare 一"

# 1.1 背景, 2.1.3 前端: a technical document's numbering, one style per level. A bare
# 1 概述 counts only in a document that also has 1.1 (else it is a line of a list).
_DECIMAL_HEADING: Final = re.compile(
    r"(?P<number>[0-9０-９]{1,2}(?:[.．][0-9０-９]{1,2}){0,3})[.．]?[ \t\u3000]+"
    r"(?P<title>[^0-9０-９ \t\u3000].*)"
)
DECIMAL_STYLE: Final = "1.1"

_YEAR: Final = "(?:[0-9０-９]{2,4}|[〇○零一二三四五六七八九]{2,4})"
_MONTH_OR_DAY: Final = "(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})"
_DATE_LINE: Final = re.compile(  # the whole line: 2022年11月27日 星期日, 2022-11-27 03:08
    rf"(?:[0-9０-９]{{2,4}}[-/.][0-9０-９]{{1,2}}[-/.][0-9０-９]{{1,2}}"
    rf"|{_YEAR}[ \t]*年(?:[ \t]*{_MONTH_OR_DAY}[ \t]*月(?:[ \t]*{_MONTH_OR_DAY}[ \t]*[日號号])?)?"
    rf"|{_MONTH_OR_DAY}[ \t]*月[ \t]*{_MONTH_OR_DAY}[ \t]*[日號号])"
    rf"[{SPACES}]*(?:[0-9０-９]{{1,2}}[:：][0-9０-９]{{2}}(?:[:：][0-9０-９]{{2}})?)?"
    rf"[{SPACES}]*(?:[（(]?(?:星期|週|周|禮拜|礼拜)[一二三四五六日天][）)]?)?"
)

# 第一章　出發…………12, 第三章　秋收　　　　25: an entry of a table of contents and its page.
_PAGE_LEADER: Final = re.compile(
    rf"(?:[{SPACES}]*[.．…·・‧_－-]{{2,}}[{SPACES}]*|[{SPACES}]{{2,}})"
    rf"(?:[0-9０-９]{{1,4}}|[ivxlcIVXLC]{{1,6}})[{SPACES}]*$"
)

# Every heading above starts with one of these, after spaces and perhaps a bullet (● 第一章):
# one cheap test skips most body lines.
_BULLETS: Final = "●◆◇■□▲△►▶★☆※•◎▪▸"
_HEADING_START: Final = re.compile(
    rf"[{_LEAD}]*(?:[{_BULLETS}][{SPACES}]*)?[【〔\[第序自代前引楔題题後后尾附跋結结零〇○一二三四五六七八九十百"
    r"0-9０-９（(#\u2460-\u2473]"
)

_FULLWIDTH_DIGITS: Final = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGIT_VALUES: Final[Mapping[str, int]] = {
    "零": 0,
    "〇": 0,
    "○": 0,
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
    """The value of 十二, 二〇二二, 一○○, 12 or １２: numbered headings must be seen to count up."""
    if numeral[0] in "0123456789０１２３４５６７８９":
        return int(numeral.translate(_FULLWIDTH_DIGITS))
    if not any(character in _CN_UNIT_VALUES for character in numeral):
        value = 0
        for character in numeral:  # positional, as in 二〇二二 or 一○○
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
    style: str  # 一、, （一）, unit:章, matter, … : what decides depth
    number: int  # for sequence sanity; the level for Markdown
    standalone: bool  # the whole line is the heading (else the paragraph runs on)
    sub: int = 0  # 第五章之一: 1 (a part added after chapter 5)
    listing: bool = False  # an entry of a table of contents (a page number, two entries)
    parent: HeadingMatch | None = None  # 第一卷 before 第一章 on the chapter's own line


Verdict = HeadingMatch | str | None
"""A line's heading, or why the grammar turned it down, or None when no rule applies."""


def match_heading(line: str, *, prefixes: frozenset[str] = frozenset()) -> HeadingMatch | None:
    """The heading ``line`` opens, if any; ``line`` is one line, usually a paragraph's first.

    ``prefixes`` are the document's repeated junk before its heading lines (see
    :func:`repeated_prefixes`); the heading starts after one.
    """
    verdict = judge_line(line, prefixes=prefixes)
    return verdict if isinstance(verdict, HeadingMatch) else None


def judge_line(line: str, *, prefixes: frozenset[str] = frozenset()) -> Verdict:
    """:func:`match_heading`, with the reason when a rule turns the line down."""
    offset = _numbering_start(line, prefixes)
    if offset is None:
        return None
    content = line[offset:].rstrip()
    leader = _PAGE_LEADER.search(content)
    if leader is not None and leader.start() > 0:
        verdict = _judge_content(content[: leader.start()].rstrip(SPACES), offset)
        if isinstance(verdict, HeadingMatch):
            return HeadingMatch(
                verdict.offset,
                verdict.title,
                verdict.style,
                verdict.number,
                standalone=True,
                sub=verdict.sub,
                listing=True,
            )
    return _judge_content(content, offset)


def _judge_content(content: str, offset: int) -> Verdict:
    reasons = []
    for rule in (
        _unit_heading,
        _article_heading,
        _matter_heading,
        _official_heading,
        _bare_numeral_heading,
        _decimal_heading,
    ):
        verdict = rule(content, offset)
        if isinstance(verdict, HeadingMatch):
            return verdict
        if verdict is not None:
            reasons.append(verdict)
    return reasons[0] if reasons else None


def _numbering_start(line: str, prefixes: frozenset[str]) -> int | None:
    """Where a heading's numbering starts in ``line``, after spaces, a bullet or a prefix."""
    start = _HEADING_START.match(line)
    if start is not None:
        return start.end() - 1
    if prefixes:
        stripped = line.lstrip(_LEAD)
        for prefix in prefixes:
            if stripped.startswith(prefix):
                after = len(line) - len(stripped) + len(prefix)
                start = _HEADING_START.match(line, after)
                if start is not None:
                    return start.end() - 1
    return None


def repeated_prefixes(lines: Iterable[str]) -> frozenset[str]:
    """Junk that a web copy prints before its heading lines (《》目录 第一回…), three times or more.

    Only a prefix followed by a whole 第X回 heading line counts, and only one without a
    sentence's punctuation: 他說第一回合… is a sentence.
    """
    counts: Counter[str] = Counter()
    for line in lines:
        position = line.find("第", 1, 24)
        if position < 0:
            continue
        prefix = line[:position].strip(_LEAD)
        if not prefix or any(character in "。，,！？!?；;：:「」“”" for character in prefix):
            continue
        if isinstance(_unit_heading(line[position:].rstrip(), position), HeadingMatch):
            counts[prefix] += 1
    return frozenset(prefix for prefix, count in counts.items() if count >= 3)


def is_numbered_item(heading: HeadingMatch) -> bool:
    """Whether a heading starts with a numbered marker (一、 （一） 1、 ①), as a list's items do."""
    return heading.style in OFFICIAL_STYLES.values()


def is_date_line(line: str) -> bool:
    """A dateline (2022-11-27, 2022年11月27日) is neither a title nor a heading."""
    return _DATE_LINE.fullmatch(line.strip(SPACES)) is not None


def _standalone_title(content: str) -> str:
    return content.rstrip(_TRAILING_PUNCTUATION)


def _unit_heading(content: str, offset: int) -> Verdict:
    match = _UNIT_HEADING.fullmatch(content)
    if match is None:
        return None
    rest = match["rest"]
    following = (match["inside"] or "") + rest  # what comes after 第X章, brackets or not
    second = _SECOND_ENTRY.search(rest)
    if second is not None and _UNIT_STYLES[second["unit"]] == _UNIT_STYLES[match["unit"]]:
        # two entries a line: contents, however long
        return HeadingMatch(
            offset=offset,
            title=_standalone_title(content[: match.start("rest") + second.start()]),
            style=_UNIT_STYLES[match["unit"]],
            number=numeral_value(match["number"]),
            standalone=True,
            sub=numeral_value(match["sub"]) if match["sub"] else 0,
            listing=True,
        )
    if len(content) > MAX_HEADING_LINE_LENGTH:
        return f"第X{match['unit']} on a line longer than {MAX_HEADING_LINE_LENGTH}: a sentence"
    if second is not None:  # 第一卷 風起 第一章 隕落: the chapter, in its volume
        inner_start = (
            match.start("rest") + second.start() + len(second[0]) - len(second[0].lstrip(SPACES))
        )
        inner = _unit_heading(content[inner_start:], offset + inner_start)
        if isinstance(inner, HeadingMatch):
            volume = content[: match.start("rest") + second.start()]
            parent = HeadingMatch(
                offset,
                _standalone_title(volume),
                _UNIT_STYLES[match["unit"]],
                numeral_value(match["number"]),
                standalone=True,
                sub=numeral_value(match["sub"]) if match["sub"] else 0,
            )
            return replace(inner, parent=parent)
    if following and following[0] in _UNIT_SENTENCE_PARTICLES:
        return f"第X{match['unit']} followed by {following[0]}: a sentence"
    if any(character in "。；;" for character in following):
        return f"第X{match['unit']} in a line with a full stop: a sentence"
    return HeadingMatch(
        offset=offset,
        title=_standalone_title(content),
        style=_UNIT_STYLES[match["unit"]],
        number=numeral_value(match["number"]),
        standalone=True,
        sub=numeral_value(match["sub"]) if match["sub"] else 0,
    )


def _article_heading(content: str, offset: int) -> Verdict:
    match = _ARTICLE_HEADING.match(content)
    if match is None:
        return None
    title_end = _ARTICLE_TITLE_END.search(content, match.end())
    title = content[: len(content) if title_end is None else title_end.start()].rstrip(SPACES)
    return HeadingMatch(
        offset=offset,
        title=title[:MAX_TITLE_LENGTH],
        style=ARTICLE_STYLE,
        number=numeral_value(match["number"]),
        standalone=not content[match.end() :].strip(SPACES),
    )


def _matter_heading(content: str, offset: int) -> Verdict:
    if _MATTER_HEADING.fullmatch(content) is None:
        return None
    if len(content) > MAX_HEADING_LINE_LENGTH:
        return f"序/附錄 on a line longer than {MAX_HEADING_LINE_LENGTH}: a sentence"
    return HeadingMatch(offset, _standalone_title(content), MATTER_STYLE, 0, standalone=True)


def _official_heading(content: str, offset: int) -> Verdict:
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
    if not title[marker.end() :].strip(SPACES):
        return f"a bare {marker[0]} heads nothing"
    standalone = not content[cut:].strip(_TRAILING_PUNCTUATION + "？！?!")
    if standalone and len(content) > MAX_HEADING_LINE_LENGTH:
        if not content.endswith(_SENTENCE_ENDS):
            return f"{marker[0]} on a long line without a full stop: an item of text"
        # One long sentence: a run-in heading, judged by the siblings it counts on from.
        standalone = False
    return HeadingMatch(
        offset=offset,
        title=title[:MAX_TITLE_LENGTH],
        style=OFFICIAL_STYLES[group],
        number=number,
        standalone=standalone,
    )


def _bare_numeral_heading(content: str, offset: int) -> Verdict:
    if _BARE_NUMERAL.fullmatch(content) is None:
        return None
    return HeadingMatch(offset, content, BARE_STYLE, numeral_value(content), standalone=True)


def _decimal_heading(content: str, offset: int) -> Verdict:
    match = _DECIMAL_HEADING.fullmatch(content)
    if match is None:
        return None
    if len(content) > MAX_HEADING_LINE_LENGTH:
        return f"1.1 on a line longer than {MAX_HEADING_LINE_LENGTH}: a sentence"
    if any(character in _SENTENCE_PUNCTUATION or character in "，," for character in content):
        return "1.1 in a line with sentence punctuation: a sentence"
    levels = re.split("[.．]", match["number"])
    return HeadingMatch(
        offset=offset,
        title=_standalone_title(content),
        style=f"{DECIMAL_STYLE}:{len(levels)}",
        number=int(levels[-1].translate(_FULLWIDTH_DIGITS)),
        standalone=True,
    )


def describe(heading: HeadingMatch) -> str:
    """The rule that found ``heading``, in a few words."""
    if heading.listing:
        return "an entry of a table of contents"
    if heading.style == ARTICLE_STYLE:
        return "第X條: an article"
    if heading.style.startswith(UNIT_PREFIX):
        unit = f"第X{heading.style.removeprefix(UNIT_PREFIX)}"
        return (
            unit if heading.parent is None else f"{unit}, in {heading.parent.title} named before it"
        )
    if heading.style == MATTER_STYLE:
        return "front or back matter (序, 後記, 附錄…)"
    if heading.style == BARE_STYLE:
        return "a bare numeral on its own line"
    kind = "a heading line" if heading.standalone else "a run-in heading"
    return f"{heading.style} numbering, {kind}"

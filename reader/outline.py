"""The section tree: which heading lines open a section in their document, and how deep.

No fixed table says how deep each numbering style is: a report may use only 1、 and （1）.
So depth is decided the way a reader decides it, by the order in which styles first appear
under a parent (the unit words 編 部 卷 章 節 條 rank themselves). The line grammar is
:mod:`reader.headings`; this module sees the whole document: a table of contents is not
its chapters, a heading printed twice is one section, a law's 一、 under an article is a
clause, a run-in 1、 needs its 2、, and a collection's story titles head their parts.
It is pure: it sees the text and the paragraph spans, nothing else.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass, replace
from typing import Final

from reader.document import Document, Section
from reader.headings import (
    ARTICLE_STYLE,
    BARE_STYLE,
    CIRCLED_STYLE,
    DECIMAL_STYLE,
    MATTER_STYLE,
    MAX_TITLE_LENGTH,
    OFFICIAL_STYLES,
    SPACES,
    UNIT_PREFIX,
    HeadingMatch,
    describe,
    is_date_line,
    is_numbered_item,
    judge_line,
    match_heading,
    numeral_value,
    repeated_prefixes,
)

__all__ = [
    "HeadingMatch",
    "Outline",
    "build_outline",
    "format_outline",
    "is_date_line",
    "is_numbered_item",
    "match_heading",
    "numeral_value",
    "repeated_prefixes",
]

_TRAILING_PUNCTUATION: Final = "。．.，,；;：:、" + SPACES
_SENTENCE_PUNCTUATION: Final = frozenset("。！？!?；;")
_CONTENTS_TITLES: Final = frozenset({"目錄", "目录", "目次", "Contents", "CONTENTS"})
_NOTE_MARK: Final = re.compile(r"(?<=\S)[\u2460-\u2473]")  # ① right after text: a note's mark
# Chapter titles a web page prints again inside the chapter come within a few paragraphs.
_REPEAT_DISTANCE: Final = 4
_PIECE_STYLE: Final = "piece"
_CLAUSE_ENDS: Final = ("。", "；", ";", "：", ":", "，", ",")

# After a full stop, or after a newline (checked later to be a paragraph start).
_ENUMERATION_NUMBER: Final = r"(?P<number>[一二三四五六七八九十]{1,3})是"
_ENUMERATION: Final = re.compile(rf"(?P<stop>[\n。；！？;!?])\s*{_ENUMERATION_NUMBER}")
_ENUMERATION_AT_TEXT_START: Final = re.compile(rf"\s*{_ENUMERATION_NUMBER}")
_ENUMERATION_TITLE_END: Final = re.compile(r"[。；;！？!?\n]")

_PLAIN_MAX_LENGTH: Final = 20
_PLAIN_FORBIDDEN: Final = frozenset("。，,；;：:！!？?、…「」『』“”\"'（）()—-·.．")

Reasons = MutableMapping[int, str]
"""Why each considered paragraph is or is not a heading, by paragraph index (``--explain``)."""

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
    found_in: int | None = None  # the paragraph a run-in heading starts (for --explain)


@dataclass(slots=True)
class _OpenLevel:
    style: str
    number: int


def _needs_sequence(heading: HeadingMatch) -> bool:
    """A run-in 1、 or a bare 一 is a heading only where its list counts on."""
    return not heading.standalone or heading.style == BARE_STYLE


class _DepthAssigner:
    """Places numbered headings as a reader would, keeping the styles open above the text.

    A style already open closes back to its level; a new style nests one deeper, except
    that 第X卷/章/節 rank by their words, front/back matter (序, 後記) is always top, and
    a story's title in a collection is top with its parts under it.
    """

    def __init__(self) -> None:
        self._open: list[_OpenLevel] = []
        self._floor = 0  # depth of the piece (a story in a collection) the headings are in

    def place(self, heading: HeadingMatch, *, reads_on: bool = False) -> int | str:
        """The depth of ``heading``, or why it is not a section.

        ``reads_on``: the heading's line is a sentence or runs on (管制；, 蒐集：指…), as a
        law's clause does; a bare 一、總則 under an article is still a heading.
        """
        if heading.style in (MATTER_STYLE, _PIECE_STYLE):
            self._open.clear()
            self._floor = 1 if heading.style == _PIECE_STYLE else 0
            return 1
        if (
            reads_on
            and heading.style in OFFICIAL_STYLES.values()
            and self._open
            and self._open[-1].style == ARTICLE_STYLE
        ):
            return "a clause of the article above, not a section"
        index = next(
            (i for i, level in enumerate(self._open) if level.style == heading.style), None
        )
        if index is not None:
            previous = self._open[index].number
            if _needs_sequence(heading) and not _counts_on(heading, previous):
                return f"does not count on from {previous}"
        elif heading.style in _UNIT_RANKS:
            index = self._unit_slot(heading.style)
        else:
            if _needs_sequence(heading) and heading.number != 1:
                return "a list that does not start at one"
            index = len(self._open)
        del self._open[index:]
        self._open.append(_OpenLevel(heading.style, heading.number))
        return self._floor + index + 1

    def is_open(self, heading: HeadingMatch) -> bool:
        """Whether ``heading``'s style and number are open above the text (its section)."""
        return any(
            (level.style, level.number) == (heading.style, heading.number) for level in self._open
        )

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


# The words themselves rank these units: a 卷 never sits inside a 章, whatever the order.
# Units of one rank nest in the order they first appear (a 部 of 卷, or a 卷 of 部).
_UNIT_RANKS: Final[Mapping[str, int]] = {
    "unit:編": 0,
    "unit:部": 0,
    "unit:卷": 0,
    "unit:篇": 0,
    "unit:集": 0,
    "unit:章": 1,
    "unit:回": 1,
    "unit:講": 1,
    "unit:節": 2,
    ARTICLE_STYLE: 3,
}


def _counts_on(heading: HeadingMatch, previous: int) -> bool:
    if heading.style == ARTICLE_STYLE:  # numbered through the whole law; 第十條之一 is 10 again
        return heading.number >= previous
    return heading.number == 1 or heading.number == previous + 1


def build_outline(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    *,
    plain_headings: bool = False,
    prefixes: frozenset[str] | None = None,
    reasons: Reasons | None = None,
) -> Outline:
    """The outline of ``text`` given its body paragraphs as (start, end) places.

    ``plain_headings`` allows unnumbered short lines as headings; only sensible where
    paragraphs are marked by blank lines or indentation, so such a line stands out.
    ``prefixes`` is the junk repeated before heading lines (found from the text if None).
    ``reasons``, when given, is filled with why each considered paragraph is or is not a
    heading.
    """
    if prefixes is None:
        prefixes = repeated_prefixes(text.split("\n"))
    matches = []
    for index, (start, end) in enumerate(paragraphs):
        match = _paragraph_heading(text, start, end, prefixes, reasons, index)
        if match is not None:
            matches.append((index, start, match))
    contents = _table_of_contents(text, paragraphs, matches)
    matches = _without_notes(text, [item for item in matches if item[0] not in contents], reasons)
    matches = _without_lone_decimals(matches, reasons)
    pieces = _collection_titles(text, paragraphs, matches) if plain_headings else []
    found = sorted(matches + pieces, key=lambda item: item[0])
    placed = _place_numbered(text, paragraphs, found, reasons)
    if not placed and plain_headings:
        placed = _plain_headings(text, paragraphs, contents, reasons)
    heading_paragraphs = {item.paragraph for item in placed if item.paragraph is not None}
    placed += _enumerations(text, paragraphs, heading_paragraphs, placed)
    placed.sort(key=lambda item: item.start)
    if reasons is not None:
        for index in contents:
            reasons[index] = "a line of the table of contents"
        for item in placed:
            where = item.paragraph if item.paragraph is not None else item.found_in
            if where is not None:
                reasons[where] = f"section, depth {item.depth}: " + reasons.get(where, "a heading")
    return Outline(
        sections=tuple(Section(item.title, item.depth, item.start) for item in placed),
        heading_depths={
            item.paragraph: item.depth for item in placed if item.paragraph is not None
        },
        contents=contents,
    )


def _paragraph_heading(
    text: str,
    start: int,
    end: int,
    prefixes: frozenset[str],
    reasons: Reasons | None,
    index: int,
) -> HeadingMatch | None:
    line_end = text.find("\n", start, end)
    single_line = line_end == -1
    line = text[start : end if single_line else line_end]
    if reasons is None:
        match = match_heading(line, prefixes=prefixes)
    else:
        verdict = judge_line(line, prefixes=prefixes)
        match = verdict if isinstance(verdict, HeadingMatch) else None
        if isinstance(verdict, str):
            reasons[index] = verdict
        elif match is not None:
            junk = "" if match.parent else line[: match.offset].strip(SPACES + "\ufeff")
            reasons[index] = describe(match) + (f", after {junk}" if junk else "")
    if match is None or single_line or not match.standalone:
        return match
    # A heading line that was not split off from the lines after it: only a numbered
    # marker or an article still heads the paragraph (run-in); 第X章 or 序 there does not.
    if match.style in OFFICIAL_STYLES.values() or match.style == ARTICLE_STYLE:
        return replace(match, standalone=False)
    if reasons is not None:
        reasons[index] = describe(match) + ", but text runs on under it: not a heading"
    return None


def _table_of_contents(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    matches: list[_Found],
) -> frozenset[int]:
    """The paragraphs of a table of contents, and the 目錄 line above them.

    A line with a page number or two entries is one; so is a run of heading lines with no
    text between them, all of which come again later in the same order (as the chapters
    they list), by title or by number (第001回 lists 第一回).
    """
    contents = {index for index, _, match in matches if match.listing}
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
        position = first
        while position <= last:
            if matches[position][2].listing:
                position += 1
                continue
            after_listing = position > first and matches[position - 1][2].listing
            end = position
            while end + 1 <= last and not matches[end + 1][2].listing:
                end += 1
            fewest = 1 if after_listing else 2  # a table lists two chapters or more
            listed = _listed_opening(matches, position, end) if end - position + 1 >= fewest else 0
            if listed >= fewest:
                contents.update(index for index, _, _ in matches[position : position + listed])
            position = end + 1
        first = last + 1
    for index in sorted(contents):
        above = index - 1
        if above >= 0 and above not in contents and _is_contents_title(text, paragraphs[above]):
            contents.add(above)
    return frozenset(contents)


def _is_contents_title(text: str, paragraph: tuple[int, int]) -> bool:
    return _title_key(text[slice(*paragraph)]) in _CONTENTS_TITLES


def _listed_opening(matches: list[_Found], first: int, last: int) -> int:
    """How many of ``matches[first..last]`` are listed again after themselves.

    The run may go on into the first real chapter: the longest opening that is listed
    again after itself is the table (if an opening is, every shorter one is too), found by
    halving.
    """
    listed, longest = 0, last - first + 1
    while listed < longest:
        middle = (listed + longest + 1) // 2
        if _listed_again(matches[first : first + middle], matches[first + middle :]):
            listed = middle
        else:
            longest = middle - 1
    return listed


def _listed_again(run: list[_Found], rest: list[_Found]) -> bool:
    later = iter(rest)
    return all(any(_same_entry(match, other) for _, _, other in later) for _, _, match in run)


def _same_entry(entry: HeadingMatch, heading: HeadingMatch) -> bool:
    if _title_key(entry.title) == _title_key(heading.title):
        return True
    return (
        entry.style == heading.style
        and entry.style.startswith(UNIT_PREFIX)
        and (entry.number, entry.sub) == (heading.number, heading.sub)
    )


def _title_key(title: str) -> str:
    return "".join(title.split())


def _without_notes(text: str, matches: list[_Found], reasons: Reasons | None) -> list[_Found]:
    """①… lines are notes, not headings, when the text also marks ① inside its sentences."""
    if not any(match.style == CIRCLED_STYLE for _, _, match in matches):
        return matches
    marked = set(_NOTE_MARK.findall(text))
    kept = []
    for item in matches:
        match = item[2]
        if match.style == CIRCLED_STYLE and match.title.lstrip(SPACES)[0] in marked:
            if reasons is not None:
                reasons[item[0]] = "a note: the text marks this number in its sentences"
        else:
            kept.append(item)
    return kept


def _without_lone_decimals(matches: list[_Found], reasons: Reasons | None) -> list[_Found]:
    """1 概述 is a heading only where 1.1 ones are too."""
    top = f"{DECIMAL_STYLE}:1"
    if any(match.style.startswith(DECIMAL_STYLE) and match.style != top for *_, match in matches):
        return matches
    if reasons is not None:
        for index, _, match in matches:
            if match.style == top:
                reasons[index] = "1 without any 1.1 in the text: a line of a list"
    return [item for item in matches if item[2].style != top]


def _place_numbered(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    matches: list[_Found],
    reasons: Reasons | None,
) -> list[_Placed]:
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
    last_unit: tuple[int, HeadingMatch] | None = None  # the latest 第X章 section
    for (index, start, match), listed in zip(matches, goes_on, strict=True):
        if _needs_sequence(match) and match.number == 1 and not listed:
            verdict: int | str = "a list of one: no 2 of the same numbering follows"
        elif last_unit is not None and _repeats(text, paragraphs, last_unit, (index, match)):
            verdict = "repeats the heading just above: the same section"
        else:
            start, end = paragraphs[index]
            line_end = text.find("\n", start, end)
            line = text[start : end if line_end == -1 else line_end].rstrip(SPACES)
            reads_on = not match.standalone or line.endswith(_CLAUSE_ENDS)
            parent = match.parent  # 第一卷 風起 on 第一章's line: a section when it changes
            if parent is not None and not assigner.is_open(parent):
                parent_depth = assigner.place(parent)
                if isinstance(parent_depth, int):
                    placed.append(_Placed(start + parent.offset, parent.title, parent_depth, None))
            verdict = assigner.place(match, reads_on=reads_on)
        if isinstance(verdict, str):
            if reasons is not None:
                reasons[index] = f"{reasons.get(index, describe(match))}; {verdict}"
            continue
        if match.style.startswith(UNIT_PREFIX) and match.standalone:
            last_unit = (index, match)
        paragraph = index if match.standalone else None
        placed.append(_Placed(start + match.offset, match.title, verdict, paragraph, index))
    return placed


def _repeats(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    unit: tuple[int, HeadingMatch],
    repeat: tuple[int, HeadingMatch],
) -> bool:
    """A web page prints its chapter's heading again a few lines down, indented or with only
    a byline between: the same 第X章 then is not a new section."""
    (unit_index, heading), (index, match) = unit, repeat
    if not (
        match.standalone
        and index - unit_index <= _REPEAT_DISTANCE
        and (match.style, match.number, match.sub) == (heading.style, heading.number, heading.sub)
    ):
        return False
    return match.offset > heading.offset or not any(
        _has_sentence(text, *paragraphs[between]) for between in range(unit_index + 1, index)
    )


def _collection_titles(
    text: str, paragraphs: Sequence[tuple[int, int]], matches: list[_Found]
) -> list[_Found]:
    """The titles of the pieces of a collection (狂人日記, 孔乙己, 藥…), as headings.

    A piece's title is a short bare line set before its text or before its first part
    (一, 第一章, 一、); it is a collection when at least two titles open numbered parts,
    or one does among three titles or more.
    """
    numbered = {index: match for index, _, match in matches}
    titles: list[_Found] = []
    opening_parts = 0
    for index, (start, end) in enumerate(paragraphs[:-1]):
        if index in numbered or not _is_plain_heading(text, start, end, shortest=1):
            continue
        if (
            index > 0
            and index - 1 not in numbered
            and _is_plain_heading(text, *paragraphs[index - 1], shortest=1)
        ):
            continue  # one of several short lines: a poem or a list
        following = numbered.get(index + 1)
        if following is not None:
            if following.number != 1 or following.style == MATTER_STYLE:
                continue
            opening_parts += 1
        elif not _has_sentence(text, *paragraphs[index + 1]):
            continue
        offset = start + len(text[start:end]) - len(text[start:end].lstrip(SPACES))
        title = text[offset:end].rstrip(SPACES)
        titles.append((index, start, HeadingMatch(offset - start, title, _PIECE_STYLE, 0, True)))
    if opening_parts >= 2 or (opening_parts == 1 and len(titles) >= 3):
        return titles
    return []


def _has_sentence(text: str, start: int, end: int) -> bool:
    return any(character in _SENTENCE_PUNCTUATION for character in text[start:end])


def _plain_headings(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    contents: frozenset[int],
    reasons: Reasons | None,
) -> list[_Placed]:
    """Unnumbered subheadings: short bare lines set between real paragraphs, twice or more."""
    candidates = [
        index not in contents and _is_plain_heading(text, start, end)
        for index, (start, end) in enumerate(paragraphs)
    ]
    placed: list[_Placed] = []
    for index, (start, end) in enumerate(paragraphs):
        if not candidates[index] or index + 1 >= len(paragraphs):
            continue
        if (index > 0 and candidates[index - 1]) or candidates[index + 1]:
            if reasons is not None:
                reasons[index] = "a short line among short lines: a poem or a list"
            continue
        if not _has_sentence(text, *paragraphs[index + 1]):
            continue
        offset = start + len(text[start:end]) - len(text[start:end].lstrip(SPACES))
        placed.append(_Placed(offset, text[offset:end].rstrip(SPACES), 1, index))
    if len(placed) >= 2:
        if reasons is not None:
            for item in placed:
                reasons[item.paragraph] = "a short bare line before a paragraph"  # type: ignore[index]
        return placed
    return []


def _is_plain_heading(text: str, start: int, end: int, *, shortest: int = 2) -> bool:
    line = text[start:end].strip(SPACES)
    if not shortest <= len(line) <= _PLAIN_MAX_LENGTH or "\n" in line:
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

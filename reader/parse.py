"""Text -> Document: paragraphs, the title, metadata lines and the outline.

Positions are places in the original text, which is never altered (not even its flaws);
paragraphs are spans of it and the outline points into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Final

from reader.document import Document, Paragraph
from reader.outline import (
    HeadingMatch,
    build_outline,
    format_outline,
    is_date_line,
    is_numbered_item,
    match_heading,
)
from reader.typeset import NO_LINE_START

__all__ = ["KNOWN_METADATA_KEYS", "MAX_PARAGRAPH_CHARS", "format_outline", "parse_document"]

MAX_TITLE_LENGTH: Final = 40

KNOWN_METADATA_KEYS: Final = frozenset(
    (
        *("時間", "时间", "日期", "導語", "导语", "摘要", "作者", "來源", "来源", "出處"),
        *("出处", "編輯", "编辑", "關鍵詞", "关键词", "關鍵字", "关键字", "標籤", "标签"),
        *("分類", "分类", "譯者", "译者", "責編", "责编", "發布", "发布", "字數", "字数"),
        *("簡介", "简介", "提要", "網址", "网址", "鏈接", "链接", "狀態", "状态", "版本"),
    )
)
"""Keys always taken as metadata; other 1–4 character keys are taken more carefully."""

_SPACES: Final = " \t\u3000"
_METADATA_LINE: Final = re.compile(
    rf"[{_SPACES}]*(?P<key>[\u3400-\u9fff]{{1,4}})[{_SPACES}]*[:：]"
    rf"[{_SPACES}]*(?P<value>[^{_SPACES}].*?)[{_SPACES}]*"
)
_SPEECH_ENDINGS: Final = frozenset("說说道問问曰講讲喊叫答笑")
_QUOTES: Final = frozenset("「『“‘\"'《")
_INDENTS: Final = ("\u3000", "\t", "  ")
_SENTENCE_ENDINGS: Final = frozenset("。！？!?」』”…．.")
_SHORT_LINE: Final = 30
MAX_PARAGRAPH_CHARS: Final = 1500
_CUT_AFTER: Final = ("。", "！", "？", "!", "?", "；")  # where a very long paragraph is cut
_BREAKING_SPACE: Final = frozenset(" \t\n")  # not the ideographic space: that is an indent
_ITEM_LEADS: Final = _SENTENCE_ENDINGS | frozenset("：:；;")
_FENCE: Final = re.compile(r" {0,3}(?P<fence>`{3,}|~{3,})")
_MARKDOWN_BLOCK_STARTS: Final = ("#", ">", "`", "~", "-", "*", "+", "|")
_ORDERED_LIST_ITEM: Final = re.compile(r"\d+[.)]\s")


@dataclass(frozen=True, slots=True)
class _Lines:
    """The text split into lines, with each line's starting place."""

    lines: list[str]
    starts: list[int]
    fence_ends: dict[int, int]  # Markdown: opening fence line -> closing fence line
    fenced: frozenset[int]  # Markdown: every line inside or on a fence

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Lines ``first..last`` as a paragraph span, without the trailing whitespace."""
        return self.starts[first], self.starts[last] + len(self.lines[last].rstrip())

    def is_blank(self, index: int) -> bool:
        line = self.lines[index]
        return not line or line.isspace()


def parse_document(text: str, name: str, *, markdown: bool = False) -> Document:
    """Split ``text`` into paragraphs, find its title, metadata and outline.

    ``name`` is the file name (or ``<stdin>``); its last component is the title when the
    text offers none. ``markdown`` switches headings to ATX ``#`` lines only.
    """
    fallback_title = re.split(r"[\\/]", name)[-1] or name
    if not text.strip():
        return Document(text, name, fallback_title, (), (), (), is_markdown=markdown)
    lines = _split_lines(text, markdown)
    front = _front_matter(lines, markdown)
    body_spans, layout_marks_paragraphs = _body_paragraphs(lines, front.body_from, markdown)
    outline = build_outline(
        text, body_spans, markdown=markdown, plain_headings=layout_marks_paragraphs
    )
    depths, contents = outline.heading_depths, outline.contents
    paragraphs = list(front.paragraphs)
    for index, (start, end) in enumerate(body_spans):
        if (depth := depths.get(index)) is not None:
            paragraphs.append(Paragraph(start, end, "heading", depth))
        elif index in contents:
            paragraphs.append(Paragraph(start, end, "contents"))
        else:
            paragraphs += _body_pieces(text, start, end)
    return Document(
        text=text,
        name=name,
        title=front.title or fallback_title,
        paragraphs=tuple(paragraphs),
        sections=outline.sections,
        metadata=front.metadata,
        is_markdown=markdown,
    )


def _body_pieces(text: str, start: int, end: int) -> list[Paragraph]:
    """A body paragraph, cut after a sentence if it is very long (a whole book on one line).

    Converting, wrapping and segmenting work a paragraph at a time; a piece of at most
    MAX_PARAGRAPH_CHARS keeps each of those steps to milliseconds. The pieces run on.
    """
    pieces: list[Paragraph] = []
    while end - start > MAX_PARAGRAPH_CHARS:
        limit = start + MAX_PARAGRAPH_CHARS
        cut = max(text.rfind(mark, start, limit) for mark in _CUT_AFTER) + 1
        if cut <= start + MAX_PARAGRAPH_CHARS // 2:
            cut = limit  # no sentence ends in the second half: cut where the limit falls
        while cut < end and text[cut] in NO_LINE_START:  # the next piece starts a line
            cut += 1
        resume = cut
        while resume < end and text[resume] in _BREAKING_SPACE:
            resume += 1
        while cut - 1 > start and text[cut - 1] in _BREAKING_SPACE:
            cut -= 1
        pieces.append(Paragraph(start, cut, runs_on=bool(pieces)))
        start = resume
    if start < end:
        pieces.append(Paragraph(start, end, runs_on=bool(pieces)))
    return pieces


def _split_lines(text: str, markdown: bool) -> _Lines:
    lines = text.split("\n")
    starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    fence_ends: dict[int, int] = {}
    fenced: set[int] = set()
    if markdown:
        index = 0
        while index < len(lines):
            opening = _FENCE.match(lines[index])
            if opening is None:
                index += 1
                continue
            marks = opening["fence"]
            closing = index + 1
            while closing < len(lines):
                match = _FENCE.match(lines[closing])
                if match and match["fence"][0] == marks[0] and len(match["fence"]) >= len(marks):
                    break
                closing += 1
            closing = min(closing, len(lines) - 1)
            fence_ends[index] = closing
            fenced.update(range(index, closing + 1))
            index = closing + 1
    return _Lines(lines, starts, fence_ends, frozenset(fenced))


@dataclass(frozen=True, slots=True)
class _FrontMatter:
    title: str | None
    paragraphs: tuple[Paragraph, ...]  # the title, metadata lines, the title's repeat
    metadata: tuple[tuple[str, str], ...]
    body_from: int  # first line after the front matter


def _front_matter(lines: _Lines, markdown: bool) -> _FrontMatter:
    """The title line, the key：value lines under it, and the title repeated before the body."""
    paragraphs: list[Paragraph] = []
    metadata: list[tuple[str, str]] = []
    index = _next_filled(lines, 0)
    title = _title(lines, index, markdown)
    if title is not None:
        paragraphs.append(Paragraph(*lines.span(index, index), "title"))
        index = _next_filled(lines, index + 1)
    while index < len(lines.lines) and index not in lines.fenced:
        entry = _metadata_entry(lines.lines[index])
        if entry is None:
            break
        metadata.append(entry)
        paragraphs.append(Paragraph(*lines.span(index, index), "meta"))
        index = _next_filled(lines, index + 1)
    if title is not None and index < len(lines.lines) and lines.lines[index].strip() == title:
        paragraphs.append(Paragraph(*lines.span(index, index), "title"))
        index += 1
    return _FrontMatter(title, tuple(paragraphs), tuple(metadata), index)


def _next_filled(lines: _Lines, index: int) -> int:
    while index < len(lines.lines) and lines.is_blank(index):
        index += 1
    return index


def _title(lines: _Lines, index: int, markdown: bool) -> str | None:
    """The first line is the title when it reads like one; else the file name will do."""
    if index >= len(lines.lines):
        return None
    line = lines.lines[index]
    if markdown:
        heading = match_heading(line, markdown=True)
        if heading is not None:
            single_top_level = heading.number == 1 and not any(
                (other := match_heading(candidate, markdown=True)) is not None and other.number == 1
                for number, candidate in enumerate(lines.lines)
                if number > index and number not in lines.fenced
            )
            return heading.title if single_top_level else None
        stripped = line.strip()
        if stripped.startswith(_MARKDOWN_BLOCK_STARTS) or _ORDERED_LIST_ITEM.match(stripped):
            return None
    title = line.strip()
    if (
        len(title) > MAX_TITLE_LENGTH
        or (line.startswith(_INDENTS) and title[-1] in _SENTENCE_ENDINGS)  # a paragraph
        or "。" in title
        or match_heading(line) is not None
        or _metadata_entry(line) is not None
        or is_date_line(title)
    ):
        return None
    return title


def _metadata_entry(line: str) -> tuple[str, str] | None:
    match = _METADATA_LINE.fullmatch(line)
    if match is None or match_heading(line) is not None:
        return None
    key, value = match["key"], match["value"]
    if key not in KNOWN_METADATA_KEYS and (
        key[-1] in _SPEECH_ENDINGS or value[0] in _QUOTES or value[-1] in _SENTENCE_ENDINGS
    ):
        return None  # 他說：「……」 or 注意：明天停水。 is a sentence
    return key, value


def _body_paragraphs(
    lines: _Lines, first: int, markdown: bool
) -> tuple[list[tuple[int, int]], bool]:
    """Paragraph spans after the front matter, and whether blank lines or indents mark them.

    Blank lines separate paragraphs; inside a block, an indented line (「　　」) or a list
    item (一、…) starts one; a text with neither has a paragraph per line. A heading line
    always stands alone.
    Only the body counts: a blank line under the title does not make a text blank-lined.
    """
    texts, starts, fence_ends = lines.lines, lines.starts, lines.fence_ends
    count = len(texts)
    filled = [index for index in range(first, count) if texts[index].strip()]
    if not filled:
        return [], False
    has_blank = len(filled) < filled[-1] - filled[0] + 1
    # Markdown paragraphs are blank-line separated; its indents are lists and code.
    has_indent = not markdown and any(texts[index].startswith(_INDENTS) for index in filled)
    one_per_line = not has_blank and not has_indent
    ranges: list[tuple[int, int]] = []  # first and last line of each paragraph
    run_first = -1  # the open paragraph's first line, -1 when none is open
    run_last = -1
    index = first
    while index < count:
        line = texts[index]
        blank = not line or line.isspace()
        heading = None if blank else match_heading(line, markdown=markdown)
        if blank:
            if run_first >= 0:
                ranges.append((run_first, run_last))
                run_first = -1
        elif index in fence_ends or (heading is not None and heading.standalone):
            if run_first >= 0:
                ranges.append((run_first, run_last))
                run_first = -1
            last = fence_ends.get(index, index)
            while not texts[last].strip():  # an unclosed fence runs to the end of the text
                last -= 1
            ranges.append((index, last))
            index = fence_ends.get(index, index)
        elif run_first < 0:
            run_first = run_last = index
        elif (
            one_per_line
            or (has_indent and line.startswith(_INDENTS))
            or (has_indent and _stands_apart(lines, index))
            or (not markdown and heading is not None and _opens_an_item(lines, index, heading))
        ):
            ranges.append((run_first, run_last))
            run_first = run_last = index
        else:
            run_last = index
        index += 1
    if run_first >= 0:
        ranges.append((run_first, run_last))
    spans = [(starts[top], starts[bottom] + len(texts[bottom].rstrip())) for top, bottom in ranges]
    return spans, not one_per_line


def _opens_an_item(lines: _Lines, index: int, heading: HeadingMatch) -> bool:
    """一、 （一） 1、 ① at the start of a line after a finished sentence or a colon: an item.

    Within a block of hard-wrapped lines, such a line is a list item on its own line, not a
    wrap that happened to fall before a number.
    """
    return is_numbered_item(heading) and lines.lines[index - 1].rstrip()[-1:] in _ITEM_LEADS


def _stands_apart(lines: _Lines, index: int) -> bool:
    """An unindented short line between finished sentences and an indented paragraph."""
    line = lines.lines[index].strip()
    previous = lines.lines[index - 1].rstrip()
    following = lines.lines[index + 1] if index + 1 < len(lines.lines) else ""
    return (
        len(line) <= _SHORT_LINE
        and not any(character in _SENTENCE_ENDINGS or character in "，,；;" for character in line)
        and previous[-1:] in _SENTENCE_ENDINGS
        and (not following.strip() or following.startswith(_INDENTS))
    )

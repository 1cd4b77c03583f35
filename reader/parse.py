"""Text -> Document: paragraphs, the title, metadata lines and the outline.

Positions are places in the original text, which is never altered (not even its flaws);
paragraphs are spans of it and the outline points into it. Lines are joined into paragraphs
where the text was hard-wrapped and kept as lines where they were typed as lines (verse);
a title may come after a database's or Project Gutenberg's header, or span two lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from typing import Final

from reader.document import Document, Paragraph
from reader.headings import (
    ARTICLE_STYLE,
    HeadingMatch,
    describe,
    is_date_line,
    is_numbered_item,
    match_heading,
    repeated_prefixes,
)
from reader.outline import build_outline, format_outline
from reader.typeset import NO_LINE_START

__all__ = [
    "KNOWN_METADATA_KEYS",
    "MAX_PARAGRAPH_CHARS",
    "explain_outline",
    "format_outline",
    "parse_document",
]

MAX_TITLE_LENGTH: Final = 40

KNOWN_METADATA_KEYS: Final = frozenset(
    (
        *("時間", "时间", "日期", "導語", "导语", "摘要", "作者", "來源", "来源", "出處"),
        *("出处", "編輯", "编辑", "關鍵詞", "关键词", "關鍵字", "关键字", "標籤", "标签"),
        *("分類", "分类", "譯者", "译者", "責編", "责编", "發布", "发布", "字數", "字数"),
        *("簡介", "简介", "提要", "網址", "网址", "鏈接", "链接", "狀態", "状态", "版本"),
        *("書名", "书名", "標題", "标题", "題名", "题名"),
    )
)
"""Keys always taken as metadata; other 1–4 character keys are taken more carefully."""

_SPACES: Final = " \t\u3000"
_METADATA_LINE: Final = re.compile(
    rf"[{_SPACES}]*(?P<key>[\u3400-\u9fff]{{1,4}})[{_SPACES}]*[:：]"
    rf"[{_SPACES}]*(?P<value>[^{_SPACES}].*?)[{_SPACES}]*"
)
# A legal database's header: 【法宝引证码】CLI.1.748997, 【发布部门】…
_BRACKETED_METADATA: Final = re.compile(
    rf"[{_SPACES}]*【(?P<key>[^【】\n]{{1,10}})】[{_SPACES}]*(?P<value>[^{_SPACES}].*?)[{_SPACES}]*"
)
_TITLE_KEYS: Final = frozenset(("書名", "书名", "標題", "标题", "題名", "题名", "Title"))
# A Project Gutenberg file: its English header down to "*** START OF …", with Title: in it.
_GUTENBERG_FIRST_LINE: Final = re.compile(r"\ufeff?\s*(?:the )?project gutenberg", re.IGNORECASE)
_GUTENBERG_START: Final = re.compile(r"\s*\*{3}\s*START OF", re.IGNORECASE)
_GUTENBERG_FIELD: Final = re.compile(r"\s*(?P<key>[A-Z][A-Za-z ]{1,30}?)\s*:\s*(?P<value>\S.*?)\s*")
_GUTENBERG_HEADER_LINES: Final = 400  # the header is this short, or it is not one
_BOOK_NAME: Final = re.compile(r"《(?P<name>[^《》]{1,40})》")
_RULE_LINE: Final = re.compile(r"[ \t]*(?:[=＝]{3,}|[-－]{3,}|[*＊]{3,}|[_＿]{3,}|[~～]{3,})[ \t]*")
_SPEECH_ENDINGS: Final = frozenset("說说道問问曰講讲喊叫答笑")
_QUOTES: Final = frozenset("「『“‘\"'《")
_INDENTS: Final = ("\u3000", "\t", "  ")
_SENTENCE_ENDINGS: Final = frozenset("。！？!?」』”…．.")
_SHORT_LINE: Final = 30
_TITLE_STRIP: Final = " \t\r\n\u3000\ufeff"  # around a title: spaces and a byte-order mark
_CLOSING_MARKS: Final = frozenset("」』”’）)》〉】—～~")  # and dashes: a line ends there
_VERSE_ENDS: Final = _SENTENCE_ENDINGS | frozenset("，,、；;」』”’）)")  # not a colon: 詩曰：
_VERSE_MAX_LENGTH: Final = 24  # a line of verse; prose is wrapped wider than this
_VERSE_UNDER: Final = 0.6  # verse lines are well under the text's widest line (its prose)
_VERSE_BELOW_PROSE: Final = 0.85  # verse lines inside prose fall short of its lines
_VERSE_SIMILAR: Final = 0.4  # the shortest line of a verse block against its longest
_WRAP_MIN_WIDTH: Final = 16  # a hard-wrapped line is at least this long…
_WRAP_FILL: Final = 0.8  # …and about as long as the block's longest line
_WRAP_SLACK: Final = 3  # a wrapped CJK line may fall up to two characters short of the width
_FIXED_WIDTH_SHARE: Final = 0.3  # of a text's lines at one length: it is hard-wrapped there
_BOOK_PART_WORDS: Final = frozenset(
    ("題辭", "题辞", "題記", "题记", "序", "序言", "自序", "前言", "目錄", "目录", "全文", "全集")
)
_FRONT_REASONS: Final = {
    "title": "the title (the first line that reads like one)",
    "meta": "metadata (key：value, 【key】value, or a Project Gutenberg header)",
}
_EXPLAIN_WIDTH: Final = 40  # characters of each explained line shown
_SPLIT_TITLE_LENGTH: Final = 12  # a title shorter than this is not broken over two lines
_SPLIT_TITLE_REST: Final = 5  # nor is one whose second line is shorter (a name)
MAX_PARAGRAPH_CHARS: Final = 1500
_CUT_AFTER: Final = ("。", "！", "？", "!", "?", "；")  # where a very long paragraph is cut
_BREAKING_SPACE: Final = frozenset(" \t\n")  # not the ideographic space: that is an indent
_ITEM_LEADS: Final = _SENTENCE_ENDINGS | frozenset("：:；;")


@dataclass(frozen=True, slots=True)
class _Lines:
    """The text split into lines, with each line's starting place."""

    lines: list[str]
    starts: list[int]
    prefixes: frozenset[str]  # junk a web copy repeats before its heading lines

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Lines ``first..last`` as a paragraph span, without the trailing whitespace."""
        return self.starts[first], self.starts[last] + len(self.lines[last].rstrip())

    def is_blank(self, index: int) -> bool:
        line = self.lines[index]
        return not line or line.isspace()


def parse_document(text: str, name: str, *, reasons: dict[int, str] | None = None) -> Document:
    """Split ``text`` into paragraphs, find its title, metadata and outline.

    ``name`` is the file name (or ``<stdin>``); its last component is the title when the
    text offers none (Markdown has its own reader: reader/formats/markdown.py). ``reasons``,
    when given, is filled with why each line considered is or is not a heading, by the
    place where that line starts (``reader --outline --explain``).
    """
    fallback_title = re.split(r"[\\/]", name)[-1] or name
    if not text.strip():
        return Document(text, name, fallback_title, (), (), ())
    lines = _split_lines(text)
    front = _front_matter(lines)
    body_spans, layout_marks_paragraphs, verse = _body_paragraphs(lines, front.body_from, reasons)
    by_index: dict[int, str] | None = None if reasons is None else {}
    outline = build_outline(
        text,
        body_spans,
        plain_headings=layout_marks_paragraphs,
        prefixes=lines.prefixes,
        reasons=by_index,
    )
    if reasons is not None and by_index is not None:
        reasons.update((body_spans[index][0], reason) for index, reason in by_index.items())
        for paragraph in front.paragraphs:
            reasons[paragraph.start] = _FRONT_REASONS[paragraph.kind]
    depths, contents = outline.heading_depths, outline.contents
    paragraphs = list(front.paragraphs)
    for index, (start, end) in enumerate(body_spans):
        if (depth := depths.get(index)) is not None:
            paragraphs.append(Paragraph(start, end, "heading", depth))
        elif index in contents:
            paragraphs.append(Paragraph(start, end, "contents"))
        elif start in verse:
            paragraphs += _verse_lines(text, start, end)
        else:
            paragraphs += _body_pieces(text, start, end)
    return Document(
        text=text,
        name=name,
        title=front.title or fallback_title,
        paragraphs=tuple(paragraphs),
        sections=outline.sections,
        metadata=front.metadata,
    )


def explain_outline(text: str, name: str) -> str:
    """``reader --outline --explain``: the outline, then each line that was considered as a
    heading, by line number, with the rule that made it one or turned it down."""
    reasons: dict[int, str] = {}
    document = parse_document(text, name, reasons=reasons)
    lines = [format_outline(document)]
    line_number, counted_to = 1, 0
    for place in sorted(reasons):
        line_number += text.count("\n", counted_to, place)
        counted_to = place
        line_end = text.find("\n", place)
        shown = text[place : len(text) if line_end == -1 else line_end].strip()
        if len(shown) > _EXPLAIN_WIDTH:
            shown = shown[: _EXPLAIN_WIDTH - 1] + "…"
        lines.append(f"{line_number:>6}  {shown}\n        {reasons[place]}\n")
    return "".join(lines)


def _verse_lines(text: str, start: int, end: int) -> list[Paragraph]:
    """A block of verse: one paragraph per line, set without gaps or indents."""
    lines = []
    line_start = start
    while line_start < end:
        line_end = text.find("\n", line_start, end)
        line_end = end if line_end == -1 else line_end
        stripped_end = line_start + len(text[line_start:line_end].rstrip())
        lines.append(Paragraph(line_start, stripped_end, "verse"))
        line_start = line_end + 1
    return lines


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


def _split_lines(text: str) -> _Lines:
    lines = text.split("\n")
    starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    return _Lines(lines, starts, repeated_prefixes(lines))


@dataclass(frozen=True, slots=True)
class _FrontMatter:
    title: str | None
    paragraphs: tuple[Paragraph, ...]  # the title, metadata lines, the title's repeat
    metadata: tuple[tuple[str, str], ...]
    body_from: int  # first line after the front matter


def _front_matter(lines: _Lines) -> _FrontMatter:
    """A database's 【key】value header, the title line (or two), the key：value lines under
    it, and the title repeated before the body."""
    paragraphs: list[Paragraph] = []
    metadata: list[tuple[str, str]] = []
    index = _next_filled(lines, 0)
    index, header_title = _gutenberg_header(lines, index, paragraphs, metadata)
    while index < len(lines.lines):
        entry = _bracketed_entry(lines.lines[index])
        if entry is None:
            break
        metadata.append(entry)
        paragraphs.append(Paragraph(*lines.span(index, index), "meta"))
        index = _next_filled(lines, index + 1)
    title = _title(lines, index)
    if title is not None and header_title is not None and title != header_title:
        title = None  # the header names the book; its first line is the text's
    if title is not None:
        last = index + 1 if _title_goes_on(lines, index) else index
        if last > index:
            title += lines.lines[last].strip(_TITLE_STRIP)
        paragraphs.append(Paragraph(*lines.span(index, last), "title"))
        index = _next_filled(lines, last + 1)
    while index < len(lines.lines):
        entry = _metadata_entry(lines.lines[index], lines.prefixes)
        if entry is None:
            break
        metadata.append(entry)
        paragraphs.append(Paragraph(*lines.span(index, index), "meta"))
        index = _next_filled(lines, index + 1)
    if title is None:  # 书名：斗破苍穹, or a Gutenberg header's Title:
        title = header_title or next((v for k, v in metadata if k in _TITLE_KEYS), None)
    if (
        title is not None
        and index < len(lines.lines)
        and lines.lines[index].strip(_TITLE_STRIP) == title
    ):
        paragraphs.append(Paragraph(*lines.span(index, index), "title"))
        index += 1
    if title is not None:
        book = _BOOK_NAME.match(title)  # 《野草》題辭: the book is 野草 (《活着》读后感 is not)
        if book is not None and _names_the_book(title[book.end() :]):
            title = book["name"]
    return _FrontMatter(title, tuple(paragraphs), tuple(metadata), index)


def _names_the_book(rest: str) -> bool:
    """After 《書名》 on the first line: nothing, the author after a space, or a word for the
    book's own parts (題辭, 序, 目錄) leaves the name in 《》 as the title."""
    return not rest or rest[0] in _SPACES or rest.strip(_SPACES) in _BOOK_PART_WORDS


def _gutenberg_header(
    lines: _Lines,
    index: int,
    paragraphs: list[Paragraph],
    metadata: list[tuple[str, str]],
) -> tuple[int, str | None]:
    """A Project Gutenberg header: its lines are metadata, its Title: is the title.

    Returns the first line after it and the title; ``index`` and None where there is none.
    """
    if index >= len(lines.lines) or not _GUTENBERG_FIRST_LINE.match(lines.lines[index]):
        return index, None
    end = next(
        (
            number
            for number in range(index, min(len(lines.lines), index + _GUTENBERG_HEADER_LINES))
            if _GUTENBERG_START.match(lines.lines[number])
        ),
        None,
    )
    if end is None:
        return index, None
    title = None
    for number in range(index, end + 1):
        if lines.is_blank(number):
            continue
        paragraphs.append(Paragraph(*lines.span(number, number), "meta"))
        field = _GUTENBERG_FIELD.fullmatch(lines.lines[number])
        if field is not None:
            metadata.append((field["key"], field["value"]))
            if field["key"] == "Title" and title is None:
                title = field["value"]
    return _next_filled(lines, end + 1), title


def _next_filled(lines: _Lines, index: int) -> int:
    while index < len(lines.lines) and lines.is_blank(index):
        index += 1
    return index


def _title(lines: _Lines, index: int) -> str | None:
    """The first line is the title when it reads like one; else the file name will do."""
    if index >= len(lines.lines):
        return None
    return _title_line(lines.lines[index], lines.prefixes)


def _title_line(line: str, prefixes: frozenset[str]) -> str | None:
    title = line.strip(_TITLE_STRIP)
    if (
        not title
        or len(title) > MAX_TITLE_LENGTH
        or (line.lstrip("\ufeff").startswith(_INDENTS) and title[-1] in _SENTENCE_ENDINGS)
        or "。" in title
        or match_heading(line, prefixes=prefixes) is not None
        or _metadata_entry(line, prefixes) is not None
        or is_date_line(title)
        or _RULE_LINE.fullmatch(title) is not None
    ):
        return None
    return title


def _title_goes_on(lines: _Lines, index: int) -> bool:
    """A long title broken over two lines (a report's title and its second half), the two
    lines standing alone above a blank line."""
    if index + 2 > len(lines.lines) - 1:
        return False
    first = lines.lines[index].strip(_TITLE_STRIP)
    second = lines.lines[index + 1]
    return (
        len(first) >= _SPLIT_TITLE_LENGTH
        and len(second.strip()) >= _SPLIT_TITLE_REST  # not an author's name under the title
        and not lines.is_blank(index + 1)
        and lines.is_blank(index + 2)
        and not second.strip().startswith(("—", "－", "-", "("))
        and not second.startswith(_INDENTS)
        and _title_line(second, lines.prefixes) is not None
        and len(first) + len(second.strip()) <= 2 * MAX_TITLE_LENGTH
    )


def _bracketed_entry(line: str) -> tuple[str, str] | None:
    match = _BRACKETED_METADATA.fullmatch(line)
    if match is None or match_heading(match["key"]) is not None:
        return None  # 【第一章】 is a heading
    return match["key"], match["value"]


def _metadata_entry(line: str, prefixes: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    match = _METADATA_LINE.fullmatch(line)
    if match is None or match_heading(line, prefixes=prefixes) is not None:
        return None
    key, value = match["key"], match["value"]
    if key not in KNOWN_METADATA_KEYS and (
        key[-1] in _SPEECH_ENDINGS or value[0] in _QUOTES or value[-1] in _SENTENCE_ENDINGS
    ):
        return None  # 他說：「……」 or 注意：明天停水。 is a sentence
    return key, value


def _body_paragraphs(
    lines: _Lines, first: int, reasons: dict[int, str] | None = None
) -> tuple[list[tuple[int, int]], bool, frozenset[int]]:
    """Paragraph spans after the front matter, whether blank lines or indents mark them, and
    where the blocks of verse start.

    Blank lines separate paragraphs; inside a block, an indented line (「　　」) or a list
    item (一、…) or a law's article starts one; a text with neither has a paragraph per line.
    A heading line always stands alone, unless it continues a hard-wrapped sentence; so
    does a rule (=== or ---) under a heading.
    Only the body counts: a blank line under the title does not make a text blank-lined.
    """
    texts, starts = lines.lines, lines.starts
    count = len(texts)
    filled = [index for index in range(first, count) if texts[index].strip()]
    if not filled:
        return [], False, frozenset()
    has_blank = len(filled) < filled[-1] - filled[0] + 1
    has_indent = any(texts[index].startswith(_INDENTS) for index in filled)
    one_per_line = not has_blank and not has_indent
    # Without blank lines or indents every line is a paragraph, unless the text is hard-wrapped
    # at a fixed width: then a full line that stops mid-sentence goes on in the next.
    wrap_width = _fixed_width(texts, filled) if one_per_line else 0
    ranges: list[tuple[int, int]] = []  # first and last line of each paragraph
    run_first = -1  # the open paragraph's first line, -1 when none is open
    run_last = -1
    index = first
    while index < count:
        line = texts[index]
        blank = not line or line.isspace()
        heading = None if blank else match_heading(line, prefixes=lines.prefixes)
        if (
            heading is not None
            and heading.standalone
            and run_first >= 0
            and _continues_a_wrapped_line(lines, run_first, index)
        ):
            if reasons is not None:
                reasons[starts[index]] = (
                    describe(heading) + ", but the line above stops mid-sentence: "
                    "a hard-wrapped line of text, not a heading"
                )
            heading = None
        if blank:
            if run_first >= 0:
                ranges.append((run_first, run_last))
                run_first = -1
        elif (heading is not None and heading.standalone) or _RULE_LINE.fullmatch(line) is not None:
            if run_first >= 0:
                ranges.append((run_first, run_last))
                run_first = -1
            ranges.append((index, index))
        elif run_first < 0:
            run_first = run_last = index
        elif (
            (one_per_line and not _wraps_onto_next(texts[index - 1], wrap_width))
            or (has_indent and line.startswith(_INDENTS))
            or (has_indent and _stands_apart(lines, index))
            or (heading is not None and _opens_an_item(lines, index, heading))
        ):
            ranges.append((run_first, run_last))
            run_first = run_last = index
        else:
            run_last = index
        index += 1
    if run_first >= 0:
        ranges.append((run_first, run_last))
    verse: set[int] = set()
    widest = max(len(texts[index].strip(_SPACES)) for index in filled)
    split: list[tuple[int, int]] = []
    for top, bottom in ranges:
        for piece_top, piece_bottom, is_verse in _verse_runs(texts, top, bottom, widest):
            split.append((piece_top, piece_bottom))
            if is_verse:
                verse.add(starts[piece_top])
    ranges = split
    spans = [(starts[top], starts[bottom] + len(texts[bottom].rstrip())) for top, bottom in ranges]
    return spans, not one_per_line, frozenset(verse)


def _fixed_width(texts: list[str], filled: list[int]) -> int:
    """The width a text is hard-wrapped at: the length most of its long lines have (a CJK
    wrap may fall two characters short), or 0 when no one length is that common."""
    lengths = Counter(
        length
        for index in filled
        if (length := len(texts[index].strip(_SPACES))) >= _WRAP_MIN_WIDTH
    )
    if not lengths:
        return 0
    width = max(lengths, key=lambda length: sum(lengths[length - n] for n in range(_WRAP_SLACK)))
    share = sum(lengths[width - n] for n in range(_WRAP_SLACK))
    return width if share >= max(3, _FIXED_WIDTH_SHARE * len(filled)) else 0


def _wraps_onto_next(line: str, width: int) -> bool:
    """A line of a text wrapped at ``width`` that fills it and stops mid-sentence."""
    stripped = line.strip(_SPACES)
    return (
        width > 0
        and len(stripped) > width - _WRAP_SLACK
        and stripped[-1] not in _ITEM_LEADS
        and stripped[-1] not in _CLOSING_MARKS
    )


def _continues_a_wrapped_line(lines: _Lines, run_first: int, index: int) -> bool:
    """Whether line ``index`` goes on with the sentence of the line above it, which fills the
    block's width and stops mid-sentence: 其中收入 / 第九卷《山居記》一篇，敘述…"""
    previous = lines.lines[index - 1].strip(_SPACES)
    if not previous or previous[-1] in _ITEM_LEADS or previous[-1] in _CLOSING_MARKS:
        return False
    if index - run_first < 2 and "，" not in lines.lines[index]:
        return False  # one line above shows no wrapping, and this line is no sentence
    width = max(len(lines.lines[number].strip(_SPACES)) for number in range(run_first, index))
    return len(previous) >= _WRAP_MIN_WIDTH and len(previous) >= _WRAP_FILL * width


def _verse_runs(
    texts: list[str], top: int, bottom: int, widest: int
) -> list[tuple[int, int, bool]]:
    """A block's lines ``top..bottom`` cut into prose and verse: (first, last, is verse).

    Verse is a run of two or more short lines, each ending in punctuation, of similar
    length and well under the block's longest line (or, for a block all of verse, under
    the text's widest line); inside prose it starts after a finished sentence or a colon
    (詩曰： then the poem). A block of short lines only, with verse among them, is kept in
    lines whole (a poem under its title and author). Hard-wrapped prose fills a fixed width
    and stops mid-sentence.
    """
    if bottom == top:
        return [(top, bottom, False)]
    lengths = [len(texts[index].strip(_SPACES)) for index in range(top, bottom + 1)]
    short = [
        length <= _VERSE_MAX_LENGTH and texts[top + offset].rstrip(_SPACES)[-1:] in _VERSE_ENDS
        for offset, length in enumerate(lengths)
    ]
    lead_in = any(
        texts[index].rstrip(_SPACES).endswith(("：", ":")) for index in range(top, bottom + 1)
    )
    if (
        not lead_in
        and max(lengths) <= min(_VERSE_MAX_LENGTH, _VERSE_UNDER * widest)
        and any(
            short[offset] and short[offset + 1] and _similar(lengths[offset : offset + 2])
            for offset in range(len(lengths) - 1)
        )
    ):
        return [(top, bottom, True)]  # short lines only, verse among them: 靜夜思 / 李白 / 床前…
    pieces: list[tuple[int, int, bool]] = []
    prose_from = top
    offset = 0
    while offset < len(lengths):
        end = offset
        while end < len(lengths) and short[end]:
            end += 1
        if end - offset >= 2 and _is_verse_run(texts, top, offset, end, lengths, widest):
            if offset > 0:
                pieces.append((prose_from, top + offset - 1, False))
            pieces.append((top + offset, top + end - 1, True))
            prose_from = top + end
        offset = max(end, offset + 1)
    if prose_from <= bottom:
        pieces.append((prose_from, bottom, False))
    return pieces


def _similar(lengths: list[int]) -> bool:
    return min(lengths) >= _VERSE_SIMILAR * max(lengths)


def _is_verse_run(
    texts: list[str], top: int, first: int, end: int, lengths: list[int], widest: int
) -> bool:
    run = lengths[first:end]
    others = lengths[:first] + lengths[end:]
    longest = max(run)
    if not _similar(run):
        return False
    if not others:
        return longest <= _VERSE_UNDER * widest
    if first > 0 and texts[top + first - 1].rstrip(_SPACES)[-1:] not in _ITEM_LEADS:
        return False  # a wrapped sentence runs into it
    # under the block's prose lines (a wrapped line fills their width), and well under the
    # text's widest line
    return longest <= _VERSE_BELOW_PROSE * max(others) and longest <= _VERSE_UNDER * max(
        widest, *others
    )


def _opens_an_item(lines: _Lines, index: int, heading: HeadingMatch) -> bool:
    """一、 （一） 1、 ① or 第X條 at the start of a line after a finished sentence or a colon:
    an item (or an article).

    Within a block of hard-wrapped lines, such a line is a list item on its own line, not a
    wrap that happened to fall before a number.
    """
    opens = is_numbered_item(heading) or heading.style == ARTICLE_STYLE
    return opens and lines.lines[index - 1].rstrip()[-1:] in _ITEM_LEADS


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

"""A paragraph's screen lines, typeset by its kind.

Prose is wrapped with the CJK line-breaking rules; code is kept verbatim (its own lines, its
own spaces, no line-breaking rules), soft-wrapped with a marker when a line is too long; a
table is a grid of cells (see reader/grid.py); a list item hangs its later lines under its
text; a quote is set in behind a bar. Every line keeps the offsets of the text it shows, so a
place on screen is always a place in the text; what is drawn without a place (a bullet, a
bar, a table's rules) is the line's ``decor``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from reader.document import Paragraph
from reader.grid import grid_lines
from reader.lines import Line
from reader.ruby import ruby_lines
from reader.typeset import cell_width, wrap

if TYPE_CHECKING:
    from reader.readings import WordReading

PARAGRAPH_INDENT = 4  # cells: two full-width spaces, as 「　　」 gives
FULL_WIDTH_INDENT = "\u3000"
QUOTE_STEP = 2  # cells each level of block quote sets the text in
QUOTE_BAR = "▌"
LIST_STEP = 3  # cells each level of list nesting sets the text in: under "1. "'s text
WRAP_MARK = "↪"  # starts the rest of a code line too long for the screen
CODE_CONTINUATION = 2  # cells the rest of a long code line is set in, behind WRAP_MARK
IMAGE_MARK = "[image] "
LINE_BREAK = "\u2028"  # a line break inside a paragraph (HTML's <br>, Markdown's hard break)
RULE_WIDTH = 40  # cells of a thematic break at most


def first_indent(paragraph: Paragraph, text: str) -> int:
    """Body paragraphs without their own full-width indent get one."""
    if paragraph.kind != "body" or paragraph.runs_on or text.startswith((FULL_WIDTH_INDENT, " ")):
        return 0
    return PARAGRAPH_INDENT


RUBY_KINDS = frozenset({"body", "heading", "title", "item", "meta"})  # prose that gets readings


def typeset(
    paragraph: Paragraph,
    number: int,
    text: str,
    width: int,
    readings: Callable[[str], Sequence[WordReading]] | None = None,
) -> list[Line]:
    """The screen lines of paragraph ``number``, whose shown text is ``text``; with
    ``readings`` (the words of a text with their readings), prose gets a reading row above
    each of its lines."""
    if readings is not None and paragraph.kind in RUBY_KINDS:
        return _prose_with_readings(paragraph, number, text, width, readings)
    room = max(4, width - QUOTE_STEP * paragraph.quote)
    kind = paragraph.kind
    if kind == "code":
        lines = _verbatim(number, text, room)
    elif kind == "table":
        lines = grid_lines(number, text, room)
    elif kind == "rule":
        lines = [Line(number, 0, 0, 0, 0, decor=((0, "─" * min(room, RULE_WIDTH)),))]
    elif kind == "image":
        mark = len(IMAGE_MARK)
        lines = _prose(number, text, room - mark, 0, mark, ((0, IMAGE_MARK),))
    elif kind == "item":
        marker = paragraph.marker
        nest = LIST_STEP * max(0, paragraph.depth - 1)
        hang = nest + cell_width(marker) + 1
        decor = ((nest, marker),) if marker.strip() else ()
        lines = _prose(number, text, room - hang, 0, hang, decor)
    else:
        lines = _prose(number, text, room, first_indent(paragraph, text), 0, ())
    return _with_quote(paragraph, lines)


def _prose_with_readings(
    paragraph: Paragraph,
    number: int,
    text: str,
    width: int,
    readings: Callable[[str], Sequence[WordReading]],
) -> list[Line]:
    room = max(4, width - QUOTE_STEP * paragraph.quote)
    words = readings(text)
    if paragraph.kind == "item":
        marker = paragraph.marker
        nest = LIST_STEP * max(0, paragraph.depth - 1)
        hang = nest + cell_width(marker) + 1
        decor = ((nest, marker),) if marker.strip() else ()
        lines = ruby_lines(number, text, words, room - hang, 0, hang, decor)
    else:
        lines = ruby_lines(number, text, words, room, first_indent(paragraph, text), 0, ())
    return _with_quote(paragraph, lines)


def _with_quote(paragraph: Paragraph, lines: list[Line]) -> list[Line]:
    """A quote's lines set in behind its bars."""
    base = QUOTE_STEP * paragraph.quote
    if not base:
        return lines
    bars = tuple((QUOTE_STEP * level, QUOTE_BAR) for level in range(paragraph.quote))
    return [
        replace(
            line,
            indent=line.indent + base,
            decor=bars + tuple((base + column, drawn) for column, drawn in line.decor),
        )
        for line in lines
    ]


def _prose(
    number: int,
    text: str,
    room: int,
    indent: int,
    hang: int,
    first_decor: tuple[tuple[int, str], ...],
) -> list[Line]:
    """Wrapped with the CJK rules; every line ``hang`` cells in, and the first line (and each
    after a LINE_BREAK: a verse's lines) ``indent`` cells more."""
    spans: list[tuple[int, int, int]] = []  # start, end, indent
    position = 0
    for part in text.split(LINE_BREAK):
        for row, (start, end) in enumerate(wrap(part, max(1, room), first_indent=indent)):
            spans.append((position + start, position + end, indent if row == 0 else 0))
        position += len(part) + 1
    return [
        Line(number, row, start, end, hang + first, decor=first_decor if row == 0 else ())
        for row, (start, end, first) in enumerate(spans or [(0, 0, indent)])
    ]


def _verbatim(number: int, text: str, room: int) -> list[Line]:
    """Code: each of its lines as it is, the rest of one too long set on behind WRAP_MARK."""
    lines: list[Line] = []
    position = 0
    for source in text.split("\n"):
        start, end = position, position + len(source)
        position = end + 1
        first = True
        while True:
            limit = room if first else room - CODE_CONTINUATION
            cut = _fit(text, start, end, max(1, limit))
            lines.append(
                Line(
                    number,
                    len(lines),
                    start,
                    cut,
                    0 if first else CODE_CONTINUATION,
                    decor=() if first else ((0, WRAP_MARK),),
                )
            )
            if cut >= end:
                break
            start, first = cut, False
    return lines


def _fit(text: str, start: int, end: int, room: int) -> int:
    """How far from ``start`` the text fits in ``room`` cells (at least one character)."""
    cells = 0
    for index in range(start, end):
        cells += cell_width(text[index])
        if cells > room:
            return max(index, start + 1)
    return end

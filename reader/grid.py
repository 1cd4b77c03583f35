"""A table as a grid measured in terminal cells (a CJK character is two).

The table's text holds its rows split by "\\n" and each row's cells by "\\t". Each column is
as wide as its widest cell; when the columns do not fit, the widest are narrowed alike and
their cells wrapped inside them by the CJK rules. A rule of "─" sets the first row (the
header) apart; " │ " separates columns.
"""

from __future__ import annotations

from reader.lines import Line, Piece
from reader.typeset import cell_width, display, wrap

SEPARATOR = " │ "
_SEPARATOR_CELLS = 3
_NARROWEST = 4  # cells a narrowed column keeps


def cells_of(text: str) -> list[list[tuple[int, int]]]:
    """Each row's cells as (start, end) offsets into ``text``."""
    rows: list[list[tuple[int, int]]] = []
    position = 0
    for row in text.split("\n"):
        cells = []
        for cell in row.split("\t"):
            cells.append((position, position + len(cell)))
            position += len(cell) + 1
        rows.append(cells)
    return rows


def column_widths(natural: list[int], room: int) -> list[int]:
    """Natural widths, or the widest narrowed to one cap so that the grid fits in ``room``."""
    fixed = _SEPARATOR_CELLS * max(0, len(natural) - 1)
    if sum(natural) + fixed <= room:
        return natural
    low, high = _NARROWEST, max(natural, default=_NARROWEST)
    while low < high:  # the largest cap that fits
        cap = (low + high + 1) // 2
        if sum(min(width, cap) for width in natural) + fixed <= room:
            low = cap
        else:
            high = cap - 1
    return [min(width, low) for width in natural]


def grid_lines(number: int, text: str, room: int) -> list[Line]:
    """The table's screen lines: each row as tall as its tallest cell, the header ruled off."""
    rows = cells_of(text)
    count = max(len(row) for row in rows)
    natural = [0] * count
    for row in rows:
        for column, (start, end) in enumerate(row):
            natural[column] = max(natural[column], cell_width(display(text, start, end)))
    widths = column_widths([max(1, width) for width in natural], room)
    lefts = [sum(widths[:column]) + _SEPARATOR_CELLS * column for column in range(count)]
    bars = tuple((left - _SEPARATOR_CELLS + 1, "│") for left in lefts[1:])
    lines: list[Line] = []
    for row_number, row in enumerate(rows):
        wrapped = [
            [(start + a, start + b) for a, b in wrap(text[start:end], widths[column])]
            or [(start, start)]
            for column, (start, end) in enumerate(row)
        ]
        for row_line in range(max(len(cell) for cell in wrapped)):
            pieces = tuple(
                Piece(*cell[row_line], lefts[column])
                for column, cell in enumerate(wrapped)
                if row_line < len(cell)
            )
            lines.append(Line(number, len(lines), pieces[0].start, pieces[-1].end, 0, pieces, bars))
        if row_number == 0 and len(rows) > 1:
            rule = "─┼─".join("─" * width for width in widths)
            after = lines[-1].end
            lines.append(Line(number, len(lines), after, after, 0, (), ((0, rule),)))
    return lines

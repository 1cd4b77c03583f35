"""Typesetting by paragraph kind: code verbatim, tables as grids, hanging list items, quotes."""

from __future__ import annotations

from rich.cells import cell_len

from reader.blocks import Line, typeset
from reader.document import Paragraph
from reader.grid import column_widths
from reader.lines import Piece
from reader.typeset import display


def drawn(paragraph: Paragraph, text: str, width: int) -> list[str]:
    """Each line as it looks: decor and text pieces at their columns."""
    rows = []
    for line in typeset(paragraph, 0, text, width):
        cells: dict[int, str] = {}
        for column, shown in line.decor:
            cells[column] = shown
        for piece in line.spans():
            if piece.end > piece.start:
                cells[line.indent + piece.column] = display(text, piece.start, piece.end)
        row = ""
        for column in sorted(cells):
            row += " " * (column - cell_len(row)) + cells[column]
        rows.append(row.rstrip())
    return rows


def test_code_keeps_its_spaces_and_lines_and_ignores_kinsoku() -> None:
    text = 'def f():\n    return "，。"\n'
    assert drawn(Paragraph(0, len(text), "code"), text.rstrip("\n"), 40) == [
        "def f():",
        '    return "，。"',
    ]


def test_a_long_code_line_goes_on_behind_a_marker_cut_anywhere() -> None:
    text = "abcdefghij，klmnop"
    assert drawn(Paragraph(0, len(text), "code"), text, 8) == [
        "abcdefgh",
        "↪ ij，kl",
        "↪ mnop",
    ]


def test_a_list_item_hangs_its_later_lines_under_its_text() -> None:
    text = "一二三四五六七八九十"
    item = Paragraph(0, len(text), "item", 1, marker="1.")
    assert drawn(item, text, 11) == ["1. 一二三四", "   五六七八", "   九十"]
    nested = Paragraph(0, len(text), "item", 2, marker="◦")
    assert drawn(nested, text, 12) == ["   ◦ 一二三", "     四五六", "     七八九", "     十"]


def test_an_items_later_paragraph_hangs_without_a_marker() -> None:
    text = "接著說"
    assert drawn(Paragraph(0, 3, "item", 1, marker="  "), text, 20) == ["   接著說"]


def test_a_quote_is_set_in_behind_a_bar_on_every_line() -> None:
    text = "一二三四五六七八"
    quoted = Paragraph(0, len(text), "body", quote=1)
    # 10 cells of room: the first line 4 of them indented
    assert drawn(quoted, text, 12) == ["▌     一二三", "▌ 四五六七八"]


def test_a_table_is_a_grid_in_cells_with_its_header_ruled_off() -> None:
    text = "名稱\tcount\n甲\t12"
    assert drawn(Paragraph(0, len(text), "table"), text, 40) == [
        "名稱 │ count",
        "─────┼──────",
        "甲   │ 12",
    ]


def test_a_table_too_wide_wraps_inside_its_narrowed_columns() -> None:
    text = "一二三四五六\t甲\nx\t乙"
    lines = typeset(Paragraph(0, len(text), "table"), 0, text, 12)
    # 12 cells less 3 of separator: the first column keeps 7, its cell wraps after 3 CJK
    assert drawn(Paragraph(0, len(text), "table"), text, 12) == [
        "一二三  │ 甲",
        "四五六  │",  # the column rule runs on down the row
        "────────┼───",
        "x       │ 乙",
    ]
    # the second line shows only the rest of the first cell, at the first column
    assert lines[1].pieces == (Piece(3, 6, 0),)


def test_column_widths_narrow_the_widest_alike() -> None:
    assert column_widths([10, 4], 20) == [10, 4]
    assert column_widths([10, 12, 2], 20) == [6, 6, 2]  # 6 cells of separators


def test_rule_and_image_placeholder() -> None:
    assert drawn(Paragraph(0, 0, "rule"), "", 10) == ["─" * 10]
    assert drawn(Paragraph(0, 2, "image"), "地圖", 30) == ["[image] 地圖"]


def test_lines_keep_their_offsets() -> None:
    text = "甲乙丙丁"
    [line] = typeset(Paragraph(0, 4, "item", 1, marker="•"), 3, text, 20)
    assert line == Line(3, 0, 0, 4, 2, (), ((0, "•"),))


def test_each_line_after_a_line_break_starts_like_the_first() -> None:
    text = "床前明月光，\u2028疑是地上霜。"
    assert drawn(Paragraph(0, len(text), "body"), text, 40) == [
        "    床前明月光，",
        "    疑是地上霜。",
    ]

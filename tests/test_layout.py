"""The virtual article layout and the shown-text cache: places survive width and script."""

from __future__ import annotations

from reader.layout import PARAGRAPH_INDENT, ArticleLayout, rough_cells
from reader.parse import parse_document
from reader.shown import ShownText
from reader.typeset import cell_width

BOOK = "長河\n" + "".join(
    f"第{n}章　標題{n}\n"
    + "".join(f"　　第{n}章第{p}段。" + "漢字" * (5 + 13 * p) + "\n" for p in range(6))
    for n in range(1, 30)
)


def layout_of(text: str, width: int, script: str = "traditional") -> ArticleLayout:
    document = parse_document(text, "book.txt")
    shown = ShownText(document)
    return ArticleLayout(document, shown.shower(script), width)  # type: ignore[arg-type]


def test_rough_cells_counts_wide_characters_twice() -> None:
    assert rough_cells("漢字ab") == 6
    assert rough_cells("") == 0


def test_lines_cover_every_paragraph_in_order_and_know_their_places() -> None:
    layout = layout_of(BOOK, 30)
    layout.make_exact(0, len(layout.document.paragraphs) - 1)
    seen = []
    for y in range(layout.total_lines):
        line = layout.line_at(y)
        if line is not None:
            seen.append((line.paragraph, line.index))
            text = layout.document.paragraph_text(line.paragraph)
            assert cell_width(text[line.start : line.end]) + line.indent <= 30
    assert seen == sorted(seen)
    assert {p for p, _ in seen} == set(range(len(layout.document.paragraphs)))


def test_place_and_y_round_trip_at_line_starts() -> None:
    layout = layout_of(BOOK, 24)
    for y in range(0, 400):
        line = layout.line_at(y)
        if line is None:
            continue
        place = layout.place_at_y(y)
        assert layout.y_of_place(place) == y
        assert place == layout.document.paragraphs[line.paragraph].start + line.start


def test_a_gap_line_belongs_to_the_next_paragraph() -> None:
    text = "題\n\n甲乙丙。\n\n丁戊己。\n"
    layout = layout_of(text, 40)
    gap = layout.total_lines - 2  # title, gap, first body paragraph, gap, second
    assert layout.line_at(gap) is None
    assert layout.place_at_y(gap) == text.index("丁")


def test_estimates_are_corrected_and_the_anchor_stays_put() -> None:
    layout = layout_of(BOOK, 20)
    middle = len(layout.document.paragraphs) // 2
    place = layout.document.paragraphs[middle].start
    # jump straight into the middle: only what is near it gets wrapped exactly
    y = layout.y_of_place(place)
    anchor = layout.anchor_at(y)
    settled = layout.prepare(y, 10, anchor)
    assert layout.place_at_y(settled) == place
    assert not layout.is_exact(1)  # far above: still an estimate
    layout.make_exact(0, middle)  # corrections above the anchor move it, never lose it
    assert layout.place_at_y(layout.y_of_place(place)) == place


def test_a_new_width_keeps_the_place() -> None:
    layout = layout_of(BOOK, 40)
    line = layout.line_at(50) or layout.line_at(51)
    assert line is not None
    place = layout.place_of(line.paragraph, line.start)
    layout.invalidate(width=17)
    y = layout.y_of_place(place)
    start = layout.place_at_y(y)
    assert start <= place < start + 8  # the narrower line that holds the same character


def test_unindented_body_paragraphs_get_an_indent_on_their_first_line() -> None:
    layout = layout_of("題\n\n正文一段很長很長很長的文字。\n", 12)
    lines = layout.lines_of(1)
    assert [line.indent for line in lines] == [PARAGRAPH_INDENT] + [0] * (len(lines) - 1)
    indented = layout_of("題\n\n　　正文一段很長很長很長的文字。\n", 12)
    assert all(line.indent == 0 for line in indented.lines_of(1))


def test_a_table_of_contents_is_set_close_and_unindented() -> None:
    text = "書\n\n目錄\n第一章 甲\n第二章 乙\n\n第一章 甲\n\n正文。\n\n第二章 乙\n\n正文。\n"
    layout = layout_of(text, 40)
    layout.make_exact(0, len(layout.document.paragraphs) - 1)
    shown = [layout.line_at(y) for y in range(layout.total_lines)]
    texts = [
        None if line is None else layout.document.paragraph_text(line.paragraph) for line in shown
    ]
    assert texts[:7] == ["書", None, "目錄", "第一章 甲", "第二章 乙", None, "第一章 甲"]
    assert all(line.indent == 0 for line in shown[2:5] if line is not None)


def test_the_pieces_of_a_very_long_paragraph_read_as_one() -> None:
    layout = layout_of("題\n\n" + "一句話說完了。" * 600 + "\n", 40)
    count = len(layout.document.paragraphs)
    assert count > 3  # the title and the pieces
    layout.make_exact(0, count - 1)
    shown = [layout.line_at(y) for y in range(layout.total_lines)]
    assert shown[1] is None  # the gap under the title
    assert all(line is not None for line in shown[2:])  # no gap between the pieces
    first_lines = [line for line in shown[2:] if line is not None and line.index == 0]
    assert [line.indent for line in first_lines] == [PARAGRAPH_INDENT] + [0] * (count - 2)


def test_shown_text_converts_once_and_keeps_the_original_for_its_own_script() -> None:
    document = parse_document("題目\n\n構建和諧社會。\n\n黨員干部。\n", "a.txt")
    shown = ShownText(document)
    assert shown.own_script == "traditional"
    assert shown.paragraph("traditional", 2) == ("黨員干部。", None)
    assert shown.paragraph("simplified", 1) == ("构建和谐社会。", None)
    assert shown.paragraph("simplified", 1) is shown.paragraph("simplified", 1)  # cached
    assert not shown.is_complete("simplified")
    assert shown.fill("simplified", shown.outward_from(1)) == 2  # 1 was converted already
    assert shown.is_complete("simplified")
    assert shown.outward_from(1) == [1, 2, 0]
    assert shown.convert("simplified", "黨員") == "党员"


def test_outward_from_lists_every_paragraph_once_nearest_first() -> None:
    document = parse_document("a\n\nb\n\nc\n\nd\n\ne\n", "x.txt")
    shown = ShownText(document)
    assert shown.outward_from(3) == [3, 4, 2, 1, 0]
    for index in range(5):
        assert sorted(shown.outward_from(index)) == [0, 1, 2, 3, 4]

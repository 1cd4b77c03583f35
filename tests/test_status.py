"""The status line's text, cut to the screen's width."""

from __future__ import annotations

from reader.status import cut, status_line
from reader.typeset import cell_width

TITLE = "組織工作和諧社會交流"
SECTION = "二是必須振奮精神,激發黨員干部隊伍活力"


def test_everything_fits() -> None:
    assert status_line(TITLE, ["繁", "17%"], SECTION, 80) == f"{TITLE} │ 繁 │ 17% │ {SECTION}"


def test_the_section_is_cut_with_an_ellipsis_first() -> None:
    line = status_line(TITLE, ["繁", "69%"], SECTION, 50)
    assert line == f"{TITLE} │ 繁 │ 69% │ 二是必須振奮精…"  # 16 cells left: 7 characters and …
    assert cell_width(line) <= 50


def test_no_bare_separator_when_the_section_has_no_room() -> None:
    assert status_line(TITLE, ["繁", "69%"], SECTION, 33) == f"{TITLE} │ 繁 │ 69%"
    assert status_line(TITLE, ["繁", "69%"], None, 80) == f"{TITLE} │ 繁 │ 69%"


def test_on_a_tiny_screen_the_title_is_cut_and_script_and_progress_stay() -> None:
    assert status_line(TITLE, ["繁", "100%"], SECTION, 20) == "組織工… │ 繁 │ 100%"


def test_cut_counts_cells_not_characters() -> None:
    assert cut("一二三四五", 10) == "一二三四五"
    assert cut("一二三四五", 9) == "一二三四…"
    assert cut("一二三四五", 8) == "一二三…"
    assert cut("abc def", 5) == "abc…"
    assert cut("一二", 0) == ""


def test_parts_in_the_middle_stay_whole() -> None:
    line = status_line(TITLE, ["繁", "40%", "HSK 3+ 12%"], SECTION, 46)
    assert line == f"{TITLE} │ 繁 │ 40% │ HSK 3+ 12%"

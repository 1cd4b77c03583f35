"""Control characters made visible: one symbol for one character, nothing else touched."""

from __future__ import annotations

from reader.typeset import cell_width, wrap
from reader.visible import control_runs, marked, visible


def test_every_kind_of_control_becomes_its_symbol() -> None:
    assert visible("\x1b]0;title\x07") == "␛]0;title␇"
    assert visible("a\x00b\x7fc\x9bd\x85e\x80f\x9fg") == "a␀b␡c␦d␦e␦f␦g"
    assert visible("\t\n\r\x08") == "␉␊␍␈"


def test_text_without_controls_is_the_same_string() -> None:
    text = "構建和諧社會 [b]粗[/b] ␛ already a symbol"
    assert visible(text) is text
    assert visible("和\u3000諧\u200b社\ufeff會") == "和\u3000諧\u200b社\ufeff會"


def test_kept_characters_stay() -> None:
    assert visible("一\t二\n三\x1b", keep="\n\t") == "一\t二\n三␛"
    assert visible("一\n二\x9b", keep="\n") == "一\n二␦"


def test_same_length_so_places_are_places_in_what_is_shown() -> None:
    text = "正文\x1b[2J清屏\x9b31m紅色"
    shown = visible(text)
    assert len(shown) == len(text)
    assert shown.index("清") == text.index("清")


def test_control_runs_are_where_the_symbols_are() -> None:
    assert control_runs("a\x1b\x1bb\x07c\n", keep="\n") == [(1, 3), (4, 5)]
    assert control_runs("plain") == []


def test_marked_sets_each_run_apart() -> None:
    assert marked("a\x1b[2Jb\x07", "<", ">") == "a<␛>[2Jb<␇>"
    assert marked("a\tb\n", "<", ">", keep="\t\n") == "a\tb\n"


def test_a_symbol_takes_one_cell_when_wrapping() -> None:
    assert cell_width("\x1b[2J") == 4
    assert cell_width("清\x9b屏") == 5
    assert wrap("\x1b\x1b\x1b\x1b\x1b\x1b", 4) == [(0, 4), (4, 6)]

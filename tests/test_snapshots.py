"""Snapshots of the screen (pytest-textual-snapshot); after a deliberate change of looks,
update them with `pytest tests/test_snapshots.py --snapshot-update` and look at the SVGs."""

from __future__ import annotations

from reader.app import ReaderApp
from tests.screen import wait_for_terms


def test_sample_traditional_120x40(snap_compare) -> None:
    assert snap_compare(ReaderApp(), terminal_size=(120, 40), run_before=wait_for_terms)


def test_sample_simplified_120x40(snap_compare) -> None:
    assert snap_compare(
        ReaderApp(), press=["s"], terminal_size=(120, 40), run_before=wait_for_terms
    )


def test_sample_small_terminal_60x20(snap_compare) -> None:
    assert snap_compare(ReaderApp(), terminal_size=(60, 20), run_before=wait_for_terms)


def test_the_popup_of_a_term(snap_compare) -> None:
    # ] four times: 和諧社會 in the title, in the lead, in the second title, then
    # 社會主義和諧社會 in the first paragraph; enter opens its popup just below it.
    assert snap_compare(
        ReaderApp(),
        press=["right_square_bracket"] * 4 + ["enter"],
        terminal_size=(120, 40),
        run_before=wait_for_terms,
    )


def test_pinyin_over_every_word_120x40(snap_compare) -> None:
    assert snap_compare(
        ReaderApp(), press=["p"], terminal_size=(120, 40), run_before=wait_for_terms
    )


def test_pinyin_small_terminal_60x20(snap_compare) -> None:
    assert snap_compare(ReaderApp(), press=["p"], terminal_size=(60, 20), run_before=wait_for_terms)

"""The reader at its edges: an empty document, a tiny terminal, a failure at start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.app import ReaderApp
from reader.widgets.bookmarks import BookmarksScreen
from reader.widgets.textual_private import ReaderPalette
from reader.words import Segmenter
from tests.screen import screen_lines, wait_for_terms
from tests.terminal import Terminal

EVERY_SCREEN = [
    "j", "G", "g", "}", "{", "space", "b", "s", "o", "o", "tab", "tab", "minus", "plus",
    "d", "right", "enter", "escape", "escape",
    "right_square_bracket", "enter", "escape",
    "t", "down", "pagedown", "escape",
    "m", "apostrophe", "pagedown", "down", "escape",
    "slash", "a", "enter", "escape",
    "question_mark", "pagedown", "escape",
    "ctrl+p", "pagedown", "pageup", "down", "escape",
]  # fmt: skip


# -- an empty document -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.txt", b""),
        ("bom.txt", b"\xef\xbb\xbf"),
        ("blank.md", b"  \n\n\t \n\n"),
        ("utf16-bom.txt", b"\xff\xfe"),
    ],
)
async def test_an_empty_document_opens_says_so_and_q_quits(
    tmp_path: Path, name: str, data: bytes, segmenter: Segmenter
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    app = ReaderApp(path, segmenter=segmenter)
    async with app.run_test(size=(80, 12), notifications=True) as pilot:
        await wait_for_terms(pilot)
        lines = screen_lines(app)
        assert lines[0].startswith(f" {name} │ ")
        assert "This document is empty · q quits" in "\n".join(lines)
        await pilot.press("m")
        await pilot.pause()
        assert [n.message for n in app._notifications] == [
            "Nothing to bookmark: the document is empty"
        ]
        for key in EVERY_SCREEN:
            await pilot.press(key)
        await pilot.pause()
        await pilot.press("escape", "escape", "q")
        await pilot.pause()
    assert app.return_code == 0


def test_empty_standard_input_opens_and_q_quits(tmp_path: Path) -> None:
    """`reader -` with ctrl+D at once: an empty document, not a crash."""
    with Terminal(home=tmp_path / "home", shell="{reader} - < /dev/null") as terminal:
        terminal.wait_for("q quits")
        terminal.press("q")
        assert terminal.wait() == 0


# -- a tiny terminal -------------------------------------------------------------------------


async def test_the_palette_in_a_terminal_three_rows_high(segmenter: Segmenter) -> None:
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=(80, 3)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, ReaderPalette)
        await pilot.press("pagedown", "pageup", "down", "end", "home", "pagedown")
        await pilot.press(*"一、")
        await pilot.pause()
        await pilot.press("pagedown", "enter")
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize("size", [(1, 1), (3, 3), (10, 10), (6, 20), (12, 40), (200, 2)])
async def test_every_screen_survives_a_tiny_terminal(
    size: tuple[int, int], segmenter: Segmenter
) -> None:
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=size) as pilot:
        await wait_for_terms(pilot)
        for key in EVERY_SCREEN:
            await pilot.press(key)
        await pilot.pause()
        await pilot.press("m", "apostrophe")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("pagedown", "pageup", "escape")
        await pilot.pause()
        assert app.is_running


# -- a failure at start ----------------------------------------------------------------------

FAIL_AT_START = """\
import sys
from reader.app import ReaderApp
import reader.widgets.key_bar as key_bar
from reader.errors import ReaderError

def fail(*args, **kwargs):
    raise {error}

key_bar.KeyBar.__init__ = fail  # compose fails: on_mount never runs
app = ReaderApp()
app.run(headless=True, size=(80, 24))
sys.exit(app.return_code)
"""


def test_a_reader_error_at_start_is_one_line_and_status_2() -> None:
    script = FAIL_AT_START.format(error='ReaderError("the keys cannot be shown")')
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert (result.returncode, result.stderr.strip()) == (
        2,
        "reader: the keys cannot be shown",
    )


def test_a_bug_at_start_shows_its_own_traceback_and_no_second_one() -> None:
    script = FAIL_AT_START.format(error='RuntimeError("a bug")')
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 1
    assert "RuntimeError: a bug" in result.stderr
    assert "_switch_interval" not in result.stderr and "errors shown" not in result.stderr

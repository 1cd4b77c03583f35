"""The reader as a real process in a terminal: two at once on one document, signals.

Each test runs `python -m reader` on a pseudo-terminal with its own state directory, types
keys and reads the state file the reader leaves.
"""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from reader.state import StateStore, document_key
from tests.terminal import Terminal

DOCUMENT = (
    "兩位讀者\n\n第一章 開始\n\n"
    "構建社會主義和諧社會是黨從中國特色社會主義事業出發提出的戰略任務。\n\n"
    "第二章 發展\n\n組織部門作為黨委的重要職能部門,肩負著重要責任。\n\n"
    "第三章 結尾\n\n必須進一步加強領導班子和干部隊伍建設。\n"
)
CHAPTER_1, CHAPTER_2 = DOCUMENT.index("第一章"), DOCUMENT.index("第二章")

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGHUP"), reason="needs a POSIX pseudo-terminal"
)


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "兩位讀者.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    return path


def saved(home: Path) -> dict:
    store = StateStore(home / "state" / "zh-reader")
    return json.loads(store.document_path(document_key(DOCUMENT)).read_text(encoding="utf-8"))


def started(terminal: Terminal) -> Terminal:
    terminal.wait_for("Quit")  # the key bar: the screen is up
    return terminal


def test_two_readers_of_one_document_keep_both_bookmarks(tmp_path: Path, document: Path) -> None:
    home = tmp_path / "home"
    with (
        started(Terminal(str(document), home=home)) as first,
        started(Terminal(str(document), home=home)) as second,
    ):
        first.press("}", "m")
        first.wait_for("Bookmark added")
        second.press("}", "}", "m")
        second.wait_for("Bookmark added")
        first.press("q")
        assert first.wait() == 0
        second.press("q")
        assert second.wait() == 0
    state = saved(home)
    assert [mark["place"] for mark in state["bookmarks"]] == [CHAPTER_1, CHAPTER_2]
    assert state["place"] == CHAPTER_2  # the place of the last to quit


@pytest.mark.parametrize(
    ("how", "status"), [("SIGTERM", 128 + 15), ("SIGHUP", 128 + 1), ("closed terminal", 128 + 1)]
)
def test_the_place_is_saved_when_the_reader_is_ended(
    tmp_path: Path, document: Path, how: str, status: int
) -> None:
    home = tmp_path / "home"
    with started(Terminal(str(document), home=home)) as terminal:
        terminal.press("}", "}")
        terminal.wait_for("│ 第二章 發展")  # the status line names the section on top
        if how == "closed terminal":
            terminal.hang_up()
        else:
            terminal.signal(getattr(signal, how))
        assert terminal.wait() == status  # well before the reader's own save, 5 s after a move
        assert "Traceback" not in terminal.text
    assert saved(home)["place"] == CHAPTER_2


def test_what_could_not_be_saved_is_named_after_the_screen_closes(
    tmp_path: Path, document: Path
) -> None:
    home = tmp_path / "home"
    state_dir = home / "state" / "zh-reader"
    state_dir.parent.mkdir(parents=True)
    state_dir.write_text("a file where the state directory should be", encoding="utf-8")
    with started(Terminal(str(document), home=home)) as terminal:
        terminal.press("}", "m")
        terminal.wait_for("not saved")
        terminal.press("q")
        assert terminal.wait() == 1
    closed = terminal.text.rindex("\x1b[?1049l")  # the screen is closed (the alternate screen left)
    file = StateStore(state_dir).document_path(document_key(DOCUMENT))
    label = "第一章 開始 — 構建社會主義和諧社會是黨從中國特色社會主義事業出發提出的戰略…"
    after = terminal.text[closed:]
    assert after[after.index("reader: ") :].replace("\r\n", "\n") == (
        f"reader: {file}: cannot save (Not a directory); not saved:\n"
        f"reader:   your place: {label}\n"
        f"reader:   a bookmark: {label}\n"
    )

"""What reaches the terminal: control characters shown, never obeyed; keys from the terminal.

Run as a user meets them: the real command, on a pseudo-terminal or into a pipe.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from reader.terminal import NO_TERMINAL
from tests.terminal import Terminal

# An article with the escapes a hostile page would hide in it: a window title (OSC 0), a
# clipboard write (OSC 52), clear screen (CSI 2J), a C1 CSI, a cursor move, DEL.
HOSTILE = (
    "標題\x1b]0;pwned\x07\n\n"
    "一、清屏\x1b[2J\n\n"
    "正文\x1b]52;c;aGk=\x07剪貼\x9b31m紅\x1b[1G蓋\x7f。\t表。\n\n"
    + "構建和諧社會，關鍵在黨。" * 20
    + "\n"
)
# The same on a terminal: each control as its symbol in reverse video (written by hand).
ON = "\x1b[7m"
OFF = "\x1b[27m"
HOSTILE_ON_A_TERMINAL = (
    f"標題{ON}␛{OFF}]0;pwned{ON}␇{OFF}\n\n"
    f"一、清屏{ON}␛{OFF}[2J\n\n"
    f"正文{ON}␛{OFF}]52;c;aGk={ON}␇{OFF}剪貼{ON}␦{OFF}31m紅{ON}␛{OFF}[1G蓋{ON}␡{OFF}。\t表。\n\n"
    + "構建和諧社會，關鍵在黨。" * 20
    + "\n"
)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def on_a_terminal(tmp_path: Path, *arguments: str) -> str:
    """What ``reader arguments`` writes when its output is a terminal."""
    with Terminal(*arguments, home=tmp_path / "home") as terminal:
        assert terminal.wait() == 0, terminal.text
        return terminal.text.replace("\r\n", "\n")


def into_a_pipe(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


# -- the command line ------------------------------------------------------------------------


def test_print_to_a_terminal_shows_control_characters(hostile: Path) -> None:
    assert on_a_terminal(hostile.parent, "--print", str(hostile)) == HOSTILE_ON_A_TERMINAL


def test_print_to_a_pipe_is_the_exact_text(hostile: Path) -> None:
    result = into_a_pipe("--print", str(hostile))
    assert (result.returncode, result.stdout, result.stderr) == (0, HOSTILE, "")


def test_outline_to_a_terminal_shows_control_characters(hostile: Path) -> None:
    assert on_a_terminal(hostile.parent, "--outline", str(hostile)) == (
        f"標題{ON}␛{OFF}]0;pwned{ON}␇{OFF}\n  一、清屏{ON}␛{OFF}[2J\n"
    )


def test_terms_show_control_characters_even_into_a_pipe(hostile: Path, tmp_path: Path) -> None:
    glossary = tmp_path / "hostile.toml"
    glossary.write_text(
        '[[term]]\nterm = "和諧社會"\npinyin = "héxié\\u001b[2J"\nzh = "。"\n'
        'en = "harmony\\u009b31m\\nsecond line"\n',
        encoding="utf-8",
    )
    result = into_a_pipe("--terms", "--glossary", str(glossary), str(hostile))
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "和諧社會\t20\théxié␛[2J\tharmony␦31m␊second line"


def test_an_error_names_a_hostile_file_in_visible_characters(tmp_path: Path) -> None:
    missing = tmp_path / "x\x1b]0;pwned\x07\n.txt"
    result = into_a_pipe(str(missing))
    shown = str(tmp_path / "x␛]0;pwned␇␊.txt")
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        f"reader: {shown}: no such file\n",
    )


# -- the reader's keys come from the terminal ------------------------------------------------


@pytest.mark.parametrize("shell", ["cat {file} | {reader} -", "{reader} {file} < /dev/null"])
def test_keys_come_from_the_terminal_when_stdin_is_not_one(hostile: Path, shell: str) -> None:
    command = shell.format(file=shlex.quote(str(hostile)), reader="{reader}")
    with Terminal(home=hostile.parent / "home", shell=command) as terminal:
        terminal.wait_for("關鍵在黨")
        terminal.press("q")
        assert terminal.wait() == 0
        shown = terminal.text
    assert "\x1b]0;pwned" not in shown and "\x1b]52;" not in shown  # never sent to the terminal
    assert "␛" in shown and "]0;pwned" in shown  # shown as a symbol (set apart in its own style)


def test_with_no_terminal_at_all_one_line_and_status_2(hostile: Path) -> None:
    screen, drawn_on = os.openpty()  # a terminal to draw on, but none to read keys from
    try:
        result = subprocess.run(
            [sys.executable, "-m", "reader", str(hostile)],
            stdin=subprocess.DEVNULL,
            stdout=drawn_on,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=60,
            start_new_session=True,  # no controlling terminal: /dev/tty cannot be opened
        )
    finally:
        os.close(drawn_on)
        os.close(screen)
    assert (result.returncode, result.stderr) == (2, f"reader: {NO_TERMINAL}\n")

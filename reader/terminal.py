"""The terminal the reader talks to: what it writes there is shown, never obeyed, and its keys
come from the terminal even when standard input is a pipe (``cat book.txt | reader -``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from reader.errors import ReaderError
from reader.visible import marked, visible

# Reverse video on, off: how a control character's symbol is set apart on a terminal.
SET_APART = ("\x1b[7m", "\x1b[27m")
CONTROLLING_TERMINAL = "/dev/tty"
NO_TERMINAL = (
    "no terminal to read keys from: standard input is not a terminal and there is no "
    "controlling terminal (--print, --outline and --terms work without one)"
)


def is_terminal(stream: TextIO | None) -> bool:
    """Whether ``stream`` is a terminal (a closed or missing stream is not)."""
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):
        return False


def for_stream(text: str, stream: TextIO, keep: str = "\n\t") -> str:
    """Document text to write to ``stream``: exact for a pipe or a file (``reader --print`` is
    a faithful converter); on a terminal, control characters as symbols in reverse video."""
    return marked(text, *SET_APART, keep=keep) if is_terminal(stream) else text


def message_line(message: str, stream: TextIO | None, keep: str = "") -> str:
    """A message for people (a file name in it may hold anything): always one line of visible
    characters, wherever it goes; on a terminal the symbols are set apart."""
    return marked(message, *SET_APART, keep=keep) if is_terminal(stream) else visible(message, keep)


def _is_terminal_fd(fd: int) -> bool:
    try:
        return os.isatty(fd)
    except OSError:
        return False


@contextmanager
def attached_terminal() -> Iterator[None]:
    """While the app runs, standard input and standard error (where Textual draws) are the
    controlling terminal, as ``less`` reads its keys from /dev/tty when its input is a pipe.

    Without this, ``cat book | reader -`` or ``reader book < /dev/null`` draws the screen but
    reads the pipe's end for keys: none ever come and the input thread spins. Raises
    ReaderError when there is no terminal at all. Afterwards both are put back, so a message
    after the screen closes goes where the user sent standard error.
    """
    moved = [fd for fd in (0, 2) if not _is_terminal_fd(fd)]
    if not moved or sys.platform == "win32":  # Windows' driver reads the console itself
        yield
        return
    try:
        terminal = os.open(CONTROLLING_TERMINAL, os.O_RDWR | os.O_CLOEXEC)
    except OSError:
        raise ReaderError(NO_TERMINAL) from None
    saved: dict[int, int | None] = {}
    try:
        for fd in moved:
            try:
                saved[fd] = os.dup(fd)
            except OSError:  # closed when the reader started
                saved[fd] = None
            if fd == 2 and sys.__stderr__ is not None:
                sys.__stderr__.flush()
            os.dup2(terminal, fd)
        _ensure_standard_streams()
        yield
    finally:
        if sys.__stderr__ is not None:
            sys.__stderr__.flush()
        for fd, copy in saved.items():
            if copy is not None:
                os.dup2(copy, fd)
                os.close(copy)
        os.close(terminal)


def _ensure_standard_streams() -> None:
    """Textual's driver reads ``sys.__stdin__`` and writes ``sys.__stderr__``: a stream closed
    at start-up is None in Python, so give it one on the terminal now behind its descriptor."""
    if sys.__stdin__ is None:
        stream = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.__stdin__ = sys.stdin = stream  # type: ignore[misc]
    if sys.__stderr__ is None:
        stream = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.__stderr__ = sys.stderr = stream  # type: ignore[misc]

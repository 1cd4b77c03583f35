"""Where the reader's own output goes: standard output, stderr, or a file named by the user.

Every failure to write is one line and a non-zero status, never a traceback: a full disk, a
closed standard output, a locale whose encoding has no Chinese. A file named for an export is
written through (a device, a pipe or the target of a link stays what it is), never replaced,
and no missing directory is made for it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from pathlib import Path

from reader.errors import ReaderError
from reader.terminal import for_stream, message_line

STDOUT = "-"


class OutputError(ReaderError):
    """The output cannot be written (a full disk, a closed stdout, an encoding without CJK)."""

    exit_status = 1


def say(message: str, prefix: str = "reader: ") -> None:
    """One line on stderr, ``reader: …``, in visible characters whatever a file name in it
    holds; never fails (stderr may be closed, or gone with the terminal)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(f"{prefix}{message_line(message, sys.stderr)}\n")
        sys.stderr.flush()


def write(text: str) -> None:
    """Write to standard output, any failure an OutputError (one line, exit status 1)."""
    stream = sys.stdout
    if stream is None:  # started with standard output closed
        raise OutputError("cannot write the output: standard output is closed")
    try:
        stream.write(text)
    except BrokenPipeError:
        raise
    except UnicodeEncodeError as error:
        raise OutputError(
            f"cannot write the output: the terminal's encoding ({error.encoding}) has no "
            f"{error.object[error.start]!a}; use a UTF-8 locale (LANG=C.UTF-8)"
        ) from None
    except OSError as error:
        raise OutputError(f"cannot write the output ({_reason(error)})") from None


def flush() -> None:
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(f"cannot write the output ({_reason(error)})") from None


def _reason(error: OSError) -> str:
    if error.errno == errno.EBADF:
        return "standard output is closed"
    return error.strerror or str(error)


def silence() -> None:
    """Point stdout at /dev/null, so Python's own flush at exit has nothing left to fail on."""
    with contextlib.suppress(OSError, AttributeError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def terminal_still_there() -> bool:
    """False once the terminal is gone (closed with the reader in it)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        return False
    return True


def write_file(location: str, text: str) -> None:
    """Write ``text`` (UTF-8) to the file the user named, or to standard output for ``-``.

    An existing file is written through: a regular file keeps its permissions and links, a
    symbolic link its target, a device or pipe stays one. A new file is made only in a
    directory that exists. Any refusal or failure is an OutputError naming the file.
    """
    if location == STDOUT:
        write(for_stream(text, sys.stdout))
        return
    path = Path(location)
    try:
        info = path.stat()  # follows a link to what it points at
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise OutputError(f"{location}: cannot write ({error.strerror or error})") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{location}: is a directory")
    if info is None:
        if path.is_symlink():
            raise OutputError(f"{location}: is a symbolic link to nothing; not followed")
        parent = path.parent
        if not parent.is_dir():
            raise OutputError(f"{location}: no such directory {str(parent)!r}; not created")
    # O_EXCL for a new file: if something appears there meanwhile, it is not written over
    flags = os.O_WRONLY | getattr(os, "O_CLOEXEC", 0)
    flags |= os.O_TRUNC if info is not None else os.O_CREAT | os.O_EXCL
    try:
        fd = os.open(path, flags, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as error:
        raise OutputError(f"{location}: cannot write ({error.strerror or error})") from None

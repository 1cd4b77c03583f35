"""Atomic writes, bounded reads and a lock for the reader's own files.

A crash mid-write must never leave a half-written file, and a corrupt file must never stop
the reader from opening: it is moved aside and the caller starts fresh. Every read has a
limit, so a file that is a link to ``/dev/zero`` (or simply enormous) is refused, not read
for ever.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

MB = 1024 * 1024
#: The largest state file (a document's place and bookmarks, the app's choices) ever read.
STATE_LIMIT = 64 * MB
#: A temporary file older than this is left from a save that was killed, never one under way.
STALE_TEMPORARY_SECONDS = 600
LOCK_WAIT_SECONDS = 2.0
_CHUNK = MB


class TooLarge(OSError):
    """A file (or stream) longer than the limit its reader allows."""

    def __init__(self, limit: int) -> None:
        super().__init__(errno.EFBIG, f"larger than the {format_size(limit)} limit")
        self.limit = limit


def format_size(size: int) -> str:
    """``64 MB``, ``1 MB``, ``512 KB``: limits as the README writes them."""
    if size >= MB and size % MB == 0:
        return f"{size // MB} MB"
    if size >= 1024:
        return f"{size // 1024} KB"
    return f"{size} bytes"


def read_limited_stream(stream: Any, limit: int) -> bytes:
    """Everything ``stream`` (a binary file) holds, or TooLarge once it passes ``limit`` bytes.

    Reads in chunks, so a device that never ends (``/dev/zero``) or a file that grows while
    it is read costs at most ``limit`` bytes and stops.
    """
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise TooLarge(limit)


def read_limited(path: Path, limit: int) -> bytes:
    """The file's bytes, or TooLarge (an OSError) when it is longer than ``limit``."""
    with path.open("rb") as handle:
        with contextlib.suppress(OSError):
            if os.fstat(handle.fileno()).st_size > limit:
                raise TooLarge(limit)  # a regular file says its size: no need to read it
        return read_limited_stream(handle, limit)


def atomic_write_text(path: Path, text: str) -> None:
    """Write to a temporary file in the same directory, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    remove_stale_temporaries(path)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """The same for bytes (a cache file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def atomic_write_json(path: Path, data: Any) -> None:
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def remove_stale_temporaries(path: Path) -> None:
    """Delete what killed saves of ``path`` left behind (never a save still under way)."""
    cutoff = time.time() - STALE_TEMPORARY_SECONDS
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.lstat().st_mtime < cutoff:
                leftover.unlink()


FileIdentity = tuple[int, int, int, int] | None  # device, inode, size, mtime ns; None: missing


def file_identity(path: Path) -> FileIdentity:
    """Which file is at ``path``, as of now: every write by rename (ours are atomic) makes a
    new inode and every edit in place a new size or time, so an unchanged identity means no
    one wrote it since. None when there is no file."""
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


def set_aside(path: Path) -> Path:
    """Rename a corrupt file out of the way (keeping it for the curious) and return its new path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    os.replace(path, target)
    return target


def read_json(path: Path, limit: int | None = None) -> tuple[Any | None, str | None]:
    """Return ``(data, notice)``: data is None when the file is missing or was set aside.

    The notice is a one-line message for the user when a corrupt (or too large) file was
    moved aside. A symlink is moved aside itself, never its target.
    """
    try:
        raw = read_limited(path, STATE_LIMIT if limit is None else limit).decode("utf-8")
    except FileNotFoundError:
        return None, None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        return None, set_aside_notice(path, str(reason))
    try:
        return json.loads(raw), None
    except json.JSONDecodeError as error:
        return None, set_aside_notice(path, f"line {error.lineno}: {error.msg}")
    except RecursionError:
        return None, set_aside_notice(path, "nested too deeply")


def set_aside_notice(path: Path, reason: str) -> str:
    """Move the file aside and say so in one line (or say it was left, if it cannot be moved)."""
    try:
        moved = set_aside(path)
    except OSError:
        return f"{path}: unreadable ({reason}); ignored"
    return f"{path}: corrupt ({reason}); moved aside to {moved.name}"


@contextlib.contextmanager
def locked(path: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[bool]:
    """Hold an exclusive ``fcntl`` lock on ``path`` (created if missing) while inside.

    Yields whether the lock was taken: after ``wait`` seconds (a reader stopped with ctrl+z
    mid-save) or where locks are not supported, the caller goes on without it rather than
    never saving.
    """
    try:
        import fcntl
    except ImportError:  # not a POSIX system
        yield False
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        yield False
        return
    try:
        deadline = time.monotonic() + wait
        taken = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                taken = True
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    break
                time.sleep(0.01)
            except OSError:  # e.g. a file system without locks
                break
        yield taken
    finally:
        os.close(fd)  # closing releases the lock

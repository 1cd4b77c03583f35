"""Atomic writes and forgiving reads for the reader's own state files.

A crash mid-write must never leave a half-written file, and a corrupt file must never stop
the reader from opening: it is moved aside and the caller starts fresh.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any


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


def read_json(path: Path) -> tuple[Any | None, str | None]:
    """Return ``(data, notice)``: data is None when the file is missing or was set aside.

    The notice is a one-line message for the user when a corrupt file was moved aside.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, None
    except (OSError, UnicodeDecodeError) as error:
        return None, _set_aside_notice(path, str(error))
    try:
        return json.loads(raw), None
    except json.JSONDecodeError as error:
        return None, _set_aside_notice(path, f"line {error.lineno}: {error.msg}")


def _set_aside_notice(path: Path, reason: str) -> str:
    try:
        moved = set_aside(path)
    except OSError:
        return f"{path}: unreadable ({reason}); ignored"
    return f"{path}: corrupt ({reason}); moved aside to {moved.name}"

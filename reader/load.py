"""Open a document from a path (or standard input) and turn every failure into one line."""

from __future__ import annotations

import sys
from pathlib import Path

from reader.assets import sample_article
from reader.decode import decode
from reader.document import Document
from reader.errors import ReaderError
from reader.parse import parse_document

STDIN = "-"
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ReaderError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ReaderError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise ReaderError(f"{path}: permission denied") from None
    except OSError as error:
        raise ReaderError(f"{path}: cannot read ({error.strerror or error})") from None


def load_document(location: str | Path | None) -> Document:
    """Read, decode and parse; ``None`` is the bundled sample, ``"-"`` standard input."""
    if location is None:
        path = sample_article()
    elif str(location) == STDIN:
        return _parse(sys.stdin.buffer.read(), "<stdin>", markdown=False)
    else:
        path = Path(location)
    if path.is_dir():
        raise ReaderError(f"{path}: is a directory, not a file")
    markdown = path.suffix.lower() in _MARKDOWN_SUFFIXES
    return _parse(read_bytes(path), str(path), markdown=markdown)


def _parse(data: bytes, name: str, *, markdown: bool) -> Document:
    try:
        text, _encoding = decode(data)
    except ReaderError as error:
        raise ReaderError(f"{name}: {error}") from None
    return parse_document(text, Path(name).name if name != "<stdin>" else name, markdown=markdown)

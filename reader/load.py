"""Open a document from a path (or standard input) and turn every failure into one line."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from reader.assets import sample_article
from reader.decode import decode
from reader.document import Document
from reader.errors import ReaderError
from reader.parse import parse_document
from reader.storage import MB, TooLarge, format_size, read_limited, read_limited_stream

STDIN = "-"
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
# A book longer than this first shows its opening, parsed alone, while the rest is parsed.
QUICK_PREFIX_CHARS = 20_000  # a dozen screens: more than anyone reads before the rest is in
#: The longest document read (a long novel is 5 MB): beyond it, /dev/zero or a file that
#: grows for ever is refused with one line instead of filling the memory.
DOCUMENT_LIMIT = 256 * MB


@dataclass(frozen=True, slots=True)
class Source:
    """A document's decoded text, before it is parsed."""

    text: str
    name: str  # the file name shown as a fallback title, or "<stdin>"
    markdown: bool
    path: str | None = None  # the file's absolute path; None for standard input

    def parse(self) -> Document:
        return parse_document(self.text, self.name, markdown=self.markdown)

    def quick_prefix(self) -> Source | None:
        """The opening of a long text, cut where a paragraph (or a sentence) ends; None for a
        short text.

        Places in the prefix are places in the whole text, so the reader can start on it and
        move to the whole document without losing its place.
        """
        if len(self.text) <= QUICK_PREFIX_CHARS:
            return None
        text = self.text
        cut = text.rfind("\n\n", 0, QUICK_PREFIX_CHARS)
        if cut <= 0:
            cut = text.rfind("\n　", 0, QUICK_PREFIX_CHARS)
        if cut <= 0:
            cut = text.rfind("\n", 0, QUICK_PREFIX_CHARS)
        if cut <= 0:  # a book on one line: end the opening with a sentence
            cut = text.rfind("。", 0, QUICK_PREFIX_CHARS) + 1
        if cut <= 0:
            return None
        return Source(text[:cut], self.name, self.markdown, self.path)


def read_bytes(path: Path) -> bytes:
    try:
        return read_limited(path, DOCUMENT_LIMIT)
    except TooLarge:
        raise ReaderError(f"{path}: {_too_large()}") from None
    except FileNotFoundError:
        raise ReaderError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ReaderError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise ReaderError(f"{path}: permission denied") from None
    except OSError as error:
        raise ReaderError(f"{path}: cannot read ({error.strerror or error})") from None


def read_source(location: str | Path | None) -> Source:
    """Read and decode; ``None`` is the bundled sample, ``"-"`` standard input."""
    if location is not None and str(location) == STDIN:
        return _decoded(_read_stdin(), "<stdin>", markdown=False)
    path = sample_article() if location is None else Path(location)
    if path.is_dir():
        raise ReaderError(f"{path}: is a directory, not a file")
    markdown = path.suffix.lower() in _MARKDOWN_SUFFIXES
    source = _decoded(read_bytes(path), str(path), markdown=markdown)
    return Source(source.text, source.name, markdown, os.path.realpath(path))


def _read_stdin() -> bytes:
    if sys.stdin is None:  # started with standard input closed
        raise ReaderError("standard input is closed")
    try:
        return read_limited_stream(sys.stdin.buffer, DOCUMENT_LIMIT)
    except TooLarge:
        raise ReaderError(f"standard input: {_too_large()}") from None
    except OSError as error:
        raise ReaderError(f"standard input: cannot read ({error.strerror or error})") from None


def _too_large() -> str:
    return f"longer than {format_size(DOCUMENT_LIMIT)}, the most the reader opens"


def load_document(location: str | Path | None) -> Document:
    """Read, decode and parse a whole document."""
    return read_source(location).parse()


def _decoded(data: bytes, location: str, *, markdown: bool) -> Source:
    try:
        text, _encoding = decode(data)
    except ReaderError as error:
        raise ReaderError(f"{location}: {error}") from None
    name = location if location == "<stdin>" else _shown_name(Path(location).name)
    return Source(text, name, markdown)


def _shown_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as surrogates, which no
    output can encode) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")

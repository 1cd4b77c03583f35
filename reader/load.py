"""Open a document from a path (or standard input) and turn every failure into one line."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from reader.assets import sample_article
from reader.decode import decode
from reader.document import Document
from reader.errors import ReaderError
from reader.parse import parse_document

STDIN = "-"
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
# A book longer than this first shows its opening, parsed alone, while the rest is parsed.
QUICK_PREFIX_CHARS = 20_000  # a dozen screens: more than anyone reads before the rest is in


@dataclass(frozen=True, slots=True)
class Source:
    """A document's decoded text, before it is parsed."""

    text: str
    name: str  # the file name shown as a fallback title, or "<stdin>"
    markdown: bool

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
        return Source(text[:cut], self.name, self.markdown)


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


def read_source(location: str | Path | None) -> Source:
    """Read and decode; ``None`` is the bundled sample, ``"-"`` standard input."""
    if location is not None and str(location) == STDIN:
        return _decoded(sys.stdin.buffer.read(), "<stdin>", markdown=False)
    if isinstance(location, str) and not location.strip():  # Path("") would be "."
        raise ReaderError(f"{location!r} is not a file name")
    path = sample_article() if location is None else Path(location)
    if path.is_dir():
        raise ReaderError(f"{path}: is a directory, not a file")
    markdown = path.suffix.lower() in _MARKDOWN_SUFFIXES
    return _decoded(read_bytes(path), str(path), markdown=markdown)


def load_document(location: str | Path | None) -> Document:
    """Read, decode and parse a whole document."""
    return read_source(location).parse()


def _decoded(data: bytes, location: str, *, markdown: bool) -> Source:
    try:
        text, _encoding = decode(data)
    except ReaderError as error:
        raise ReaderError(f"{location}: {error}") from None
    name = location if location == "<stdin>" else Path(location).name
    return Source(text, name, markdown)

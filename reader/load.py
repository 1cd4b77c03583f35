"""Open a document from a path, standard input or a URL, and turn every failure into one line."""

from __future__ import annotations

import os
import sys
import urllib.parse
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from reader.assets import sample_article
from reader.decode import decode
from reader.document import Document
from reader.errors import ReaderError
from reader.formats.sniff import Format, detect_format, format_by_suffix
from reader.parse import parse_document
from reader.storage import MB, TooLarge, format_size, read_limited, read_limited_stream

if TYPE_CHECKING:
    from reader.fetch import Page

STDIN = "-"
# A book longer than this first shows its opening, parsed alone, while the rest is parsed.
QUICK_PREFIX_CHARS = 20_000  # a dozen screens: more than anyone reads before the rest is in
QUICK_PREFIX_BYTES = 200_000  # an EPUB larger than this opens on its first chapters
# Markdown parses at about 0.3 MB/s: its opening is a few screens, ready in 25 ms
MARKDOWN_PREFIX_CHARS = 6_000
#: The longest document read (a long novel is 5 MB): beyond it, /dev/zero or a file that
#: grows for ever is refused with one line instead of filling the memory.
DOCUMENT_LIMIT = 256 * MB


@dataclass(frozen=True, slots=True)
class Source:
    """A document before it is parsed: its decoded text (an EPUB: its bytes) and format."""

    text: str
    name: str  # the file name shown as a fallback title, or "<stdin>"
    format: Format = "text"
    data: bytes = b""  # an EPUB's archive
    chapters_for: int | None = None  # an EPUB's opening: chapters until this many characters
    path: str | None = None  # the file's absolute path, or the URL asked; None for stdin

    def parse(self) -> Document:
        if self.format == "markdown":
            from reader.formats.markdown import markdown_document

            return markdown_document(self.text, self.name)
        if self.format == "html":
            from reader.formats.html import html_document

            return html_document(self.text, self.name)
        if self.format == "epub":
            from reader.formats.epub import epub_document

            return epub_document(self.data, self.name, opening=self.chapters_for)
        return parse_document(self.text, self.name)

    def quick_prefix(self) -> Source | None:
        """The opening of a long text, cut where a paragraph (or a sentence) ends; None for a
        short text.

        Places in the prefix are places in the whole text, so the reader can start on it and
        move to the whole document without losing its place.
        """
        if self.format == "epub":
            if len(self.data) <= QUICK_PREFIX_BYTES:
                return None
            return replace(self, chapters_for=QUICK_PREFIX_CHARS)
        if self.format == "markdown":
            from reader.formats.markdown import markdown_prefix_end

            cut = markdown_prefix_end(self.text, MARKDOWN_PREFIX_CHARS)
            return replace(self, text=self.text[:cut]) if cut > 0 else None
        if self.format != "text" or len(self.text) <= QUICK_PREFIX_CHARS:
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
        return replace(self, text=text[:cut])


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
    """Read and decode; ``None`` is the bundled sample, ``"-"`` standard input, an http or
    https URL (given as a string naming no existing file) a web page, fetched."""
    if location is not None and str(location) == STDIN:
        return _decoded(read_stdin(), "<stdin>", "")
    if isinstance(location, str) and _is_url(location):
        return read_url(location)
    if isinstance(location, str) and not location.strip():  # Path("") would be "."
        raise ReaderError(f"{location!r} is not a file name")
    path = sample_article() if location is None else Path(location)
    if path.is_dir():
        raise ReaderError(f"{path}: is a directory, not a file")
    source = _decoded(read_bytes(path), str(path), path.suffix)
    return replace(source, path=os.path.realpath(path))


def _is_url(location: str) -> bool:
    from reader.fetch import looks_like_url

    return looks_like_url(location) and not os.path.lexists(location)


def read_url(url: str) -> Source:
    """Fetch a page (saying so on stderr when it is slow) and read it as its type says.

    The reading state is kept by the URL asked for, which is what the reader types again; a
    redirect's target may carry a session or tracking part that changes every time.
    """
    from reader.fetch import fetch
    from reader.output import say

    page = fetch(url, on_slow=lambda: say(f"fetching {url} …"))
    document_format = _format_of(page)
    try:
        if document_format == "html":
            from reader.formats.html import decode_html

            source = Source(decode_html(page.data, page.charset), url, "html")
        elif document_format == "epub":
            from reader.formats.epub import check_epub

            check_epub(page.data)
            source = Source("", url, "epub", page.data)
        else:
            text, _encoding = decode(page.data, (page.charset,))
            source = Source(text, url, document_format)
    except ReaderError as error:
        raise ReaderError(f"{url}: {error}") from None
    return replace(source, path=url)


_MARKDOWN_TYPES = ("text/markdown", "text/x-markdown")
_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_UNKNOWN_TYPES = ("", "application/octet-stream", "binary/octet-stream")


def _format_of(page: Page) -> Format:
    """What to read a page as: its Content-Type says, its name and bytes only when that says
    nothing (a plain-text type on a ``.md`` file is Markdown, as servers send it)."""
    from reader.formats.sniff import unsupported

    suffix = PurePosixPath(urllib.parse.urlsplit(page.final_url).path).suffix.lower()
    media_type = page.media_type
    where = page.url
    try:
        if media_type in _UNKNOWN_TYPES:
            return detect_format(suffix, page.data)
        if media_type in _PAGE_TYPES:
            return "html"
        if media_type in _MARKDOWN_TYPES:
            return "markdown"
        if media_type == "application/epub+zip":
            return "epub"
        if media_type.startswith("text/"):
            return "markdown" if format_by_suffix(suffix) == "markdown" else "text"
        if media_type == "application/pdf":
            raise unsupported("a PDF")
    except ReaderError as error:
        raise ReaderError(f"{where}: {error}") from None
    raise ReaderError(
        f"{where}: the server sent {media_type}, not a page the reader opens "
        "(HTML, plain text, Markdown or an EPUB book)"
    )


def read_stdin() -> bytes:
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


def _decoded(data: bytes, location: str, suffix: str) -> Source:
    name = location if location == "<stdin>" else _shown_name(Path(location).name)
    try:
        document_format = detect_format(suffix, data)
        if document_format == "epub":
            from reader.formats.epub import check_epub

            check_epub(data)  # a bad book is refused now, not in the worker that reads it
            return Source("", name, "epub", data)
        if document_format == "html":
            from reader.formats.html import decode_html

            return Source(decode_html(data), name, "html")
        text, _encoding = decode(data)
    except ReaderError as error:
        raise ReaderError(f"{location}: {error}") from None
    return Source(text, name, document_format)


def _shown_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as surrogates, which no
    output can encode) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")

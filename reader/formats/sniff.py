"""Which format a document is in, from its name and its first bytes."""

from __future__ import annotations

from typing import Final, Literal

from reader.errors import ReaderError

Format = Literal["text", "markdown", "html", "epub"]

_SUFFIXES: Final[dict[str, Format]] = {
    **dict.fromkeys((".md", ".markdown", ".mdown", ".mkd"), "markdown"),
    **dict.fromkeys((".html", ".htm", ".xhtml", ".shtml"), "html"),
    ".epub": "epub",
}
_UNSUPPORTED: Final = {  # suffix -> the format's name, for a clear refusal
    ".pdf": "a PDF",
    ".docx": "a Word document (.docx)",
    ".doc": "a Word document (.doc)",
    ".mobi": "a Kindle book (.mobi)",
    ".azw": "a Kindle book (.azw)",
    ".azw3": "a Kindle book (.azw3)",
    ".djvu": "a DjVu document",
    ".rtf": "an RTF document",
}
_ZIP: Final = b"PK\x03\x04"
_HTML_STARTS: Final = (b"<!doctype html", b"<html", b"<?xml")


_OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old Office file (.doc, .xls)


def unsupported(what: str) -> ReaderError:
    return ReaderError(
        f"{what}, not supported yet (the reader opens plain text, Markdown, HTML and EPUB)"
    )


def format_by_suffix(suffix: str) -> Format | None:
    """The format a file name's suffix (``.md``) names, if it names one."""
    return _SUFFIXES.get(suffix.lower())


def detect_format(suffix: str, data: bytes) -> Format:
    """The format to read ``data`` as; a format the reader cannot read is one clear error."""
    suffix = suffix.lower()
    head = data[:1024]
    if head.startswith(b"%PDF-") or suffix == ".pdf":
        raise unsupported(_UNSUPPORTED[".pdf"])
    if data[60:68] == b"BOOKMOBI" or suffix in (".mobi", ".azw", ".azw3"):
        raise unsupported(_UNSUPPORTED.get(suffix, "a Kindle book (.mobi)"))
    if head.startswith(_ZIP):
        if b"mimetypeapplication/epub+zip" in head or suffix == ".epub":
            return "epub"
        if b"word/" in data[:65536] or suffix == ".docx":
            raise unsupported(_UNSUPPORTED[".docx"])
        raise ReaderError("a zip archive, not a document (an EPUB book would open)")
    if head.startswith(_OLE):
        raise unsupported(_UNSUPPORTED.get(suffix, "an old Office document"))
    if suffix in _UNSUPPORTED:
        raise unsupported(_UNSUPPORTED[suffix])
    if suffix == ".epub":
        raise ReaderError("not an EPUB book: it is not a zip archive")
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(_HTML_STARTS) and b"<html" in head.lower():
        return "html"
    return "text"

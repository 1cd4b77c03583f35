"""A web page -> Document: the article, not the page.

trafilatura finds the article (navigation, sidebars, footers and scripts left out); when it
finds too little, the whole body is read instead. Title, author and date become metadata.
The encoding comes from a byte-order mark, then the charset the server named (a fetched
page), then the page's ``<meta charset>``, then the same detection as for plain text (GBK and
Big5 pages are common).
"""

from __future__ import annotations

import re
from typing import Final

from reader.decode import decode
from reader.document import Document
from reader.errors import ReaderError
from reader.formats.builder import DocumentBuilder, file_title
from reader.formats.xhtml import Element, XhtmlWalker, local_name

__all__ = ["decode_html", "html_document"]

_META_CHARSET: Final = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*(?P<charset>[-\w.:]+)""", re.IGNORECASE
)
ENOUGH_OF_THE_BODY: Final = 0.2  # an extract with less of the body's text than this: too little


def decode_html(data: bytes, header_charset: str | None = None) -> str:
    """The page's text: its BOM, else the charset its server named (``header_charset``),
    else its ``<meta charset>``, else detection. A declaration the bytes belie is passed over."""
    meta = _META_CHARSET.search(data[:4096])
    text, _encoding = decode(
        data, (header_charset, meta["charset"].decode("ascii") if meta else None)
    )
    return text


def html_document(text: str, name: str) -> Document:
    """The article of a page, its headings the sections."""
    from lxml import etree, html

    try:
        page = html.document_fromstring(text.encode("utf-8"), parser=_parser())
    except (etree.ParserError, ValueError):
        raise ReaderError("not an HTML page: nothing could be read from it") from None
    body = page.find("body")
    whole = body if body is not None else page
    title = (page.findtext(".//title") or "").strip()
    author = _meta(page, "author")
    extract = _article(text)
    builder = DocumentBuilder(name, "html")
    metadata: list[tuple[str, str]] = []
    if extract is not None:
        article, extracted_title, extracted_author, date = extract
        title = extracted_title or title
        author = extracted_author or author
        if date:
            metadata.append(("date", date))
        chosen = article if _enough(article, whole) else _cleaned(whole)
    else:
        chosen = _cleaned(whole)
    if author:
        metadata.insert(0, ("author", author))
    title = _site_name_removed(title)
    heading_is_title = bool(title) and _first_heading(chosen) == title
    if title:
        builder.add("title", title)
    for key, value in metadata:
        builder.add("meta", f"{key}: {value}")
    XhtmlWalker(builder, title_heading=title if heading_is_title else None).walk(chosen)
    return builder.build(title or file_title(name), metadata=tuple(metadata))


def _parser() -> Element:
    from lxml import html

    return html.HTMLParser(encoding="utf-8", remove_comments=True)


def _article(text: str) -> tuple[Element, str, str, str] | None:
    """trafilatura's article tree, title, author and date; None when it finds nothing."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(
            text,
            include_formatting=True,
            include_links=True,
            include_images=True,
            include_tables=True,
            with_metadata=True,
            favor_recall=True,
        )
    except Exception:  # an extractor's failure on a strange page: read the whole body instead
        return None
    if found is None or isinstance(found, dict) or found.body is None:
        return None
    return found.body, found.title or "", found.author or "", found.date or ""


def _text_length(element: Element) -> int:
    return sum(len(part.strip()) for part in element.itertext())


def _enough(article: Element, whole: Element) -> bool:
    """Whether the extract is the article: not too little of the page, and not its text run
    together into one paragraph (what trafilatura falls back to when it finds no article)."""
    blocks = list(article)
    flattened = len(blocks) == 1 and "\n" in "".join(blocks[0].itertext()).strip()
    return not flattened and _text_length(article) >= ENOUGH_OF_THE_BODY * _text_length(
        _cleaned(whole)
    )


def _cleaned(body: Element) -> Element:
    """The whole body without what is never the article: navigation, headers, footers."""
    from copy import deepcopy

    copy = deepcopy(body)
    for element in list(copy.iter("nav", "header", "footer", "aside", "script", "style", "form")):
        parent = element.getparent()
        if parent is not None:
            tail = element.tail
            parent.remove(element)
            if tail:  # keep the text after it
                previous = parent
                previous.text = (previous.text or "") + tail
    return copy


def _meta(page: Element, name: str) -> str:
    for element in page.iter("meta"):
        if (element.get("name") or "").lower() == name:
            return (element.get("content") or "").strip()
    return ""


def _site_name_removed(title: str) -> str:
    """ "所有權的概念 - 某網站" -> "所有權的概念": a page's title often ends with its site."""
    for separator in (" - ", " | ", " – ", " — ", "_"):
        if separator in title:
            head = title.rsplit(separator, 1)[0].strip()
            if head:
                return head
    return title


def _first_heading(tree: Element) -> str:
    """The text of the article's first heading (trafilatura's ``head`` or an h1–h6)."""
    for element in tree.iter():
        if local_name(element) in ("head", "h1", "h2", "h3", "h4", "h5", "h6"):
            return " ".join("".join(element.itertext()).split())
    return ""

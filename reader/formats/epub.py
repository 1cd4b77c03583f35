"""An EPUB book (2 or 3) -> Document, read with zipfile and lxml.

The chapters are read in the spine's order; the sections are the book's own navigation
(EPUB 3 nav.xhtml, else EPUB 2 toc.ncx), nested as the book nests it, each entry placed at
its target (a fragment id included). Only a book without navigation takes its sections from
the headings in its chapters. A long book opens on its first chapters: ``opening`` stops
after the chapter that reaches that many characters, and the places of that opening are the
places of the whole book.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from typing import Final
from urllib.parse import unquote, urlsplit

from reader.document import Document, Section
from reader.errors import ReaderError
from reader.formats.builder import DocumentBuilder, file_title
from reader.formats.xhtml import Element, XhtmlWalker, local_name

__all__ = ["check_epub", "epub_document"]

_CONTAINER: Final = "META-INF/container.xml"
_ENCRYPTION: Final = "META-INF/encryption.xml"
# Font obfuscation (IDPF and Adobe) is listed in encryption.xml too, but hides no text.
_FONT_OBFUSCATION: Final = frozenset(
    ("http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC")
)
_CHAPTER_TYPES: Final = frozenset(("application/xhtml+xml", "text/html", "application/xml"))
MAX_PART_BYTES: Final = 64 * 1024 * 1024  # a chapter larger than this inflated is not text


@dataclass(frozen=True, slots=True)
class _Entry:
    """A navigation entry: its label, depth, and target (a file of the book, a fragment)."""

    title: str
    depth: int
    path: str
    fragment: str


@dataclass(frozen=True, slots=True)
class _Package:
    title: str
    authors: tuple[str, ...]
    spine: tuple[str, ...]  # chapter paths in reading order
    navigation: tuple[_Entry, ...]


def check_epub(data: bytes) -> None:
    """Refuse a book that cannot be read, with one line: not a zip, DRM, no spine."""
    with _open(data) as archive:
        _package(archive)


def epub_document(data: bytes, name: str, *, opening: int | None = None) -> Document:
    """The book's chapters as one Document (only its first chapters, given ``opening``)."""
    with _open(data) as archive:
        package = _package(archive)
        builder = DocumentBuilder(name, "epub")
        starts: dict[str, int] = {}
        ids: dict[tuple[str, str], int] = {}
        for path in package.spine:
            if opening is not None and builder.length >= opening:
                break
            tree = _parse_xml(_read(archive, path))
            if tree is None:
                continue
            body = next((e for e in tree.iter() if local_name(e) == "body"), tree)
            walker = XhtmlWalker(builder)
            before = len(builder.paragraphs)
            walker.walk(body)
            if len(builder.paragraphs) > before:
                starts[path] = builder.paragraphs[before].start
            ids.update(((path, key), place) for key, place in walker.ids.items())
    sections = _sections(package.navigation, starts, ids)
    metadata = tuple(("author", author) for author in package.authors)
    return builder.build(
        package.title or file_title(name),
        sections=sections if sections else None,
        metadata=metadata,
    )


def _sections(
    navigation: tuple[_Entry, ...], starts: dict[str, int], ids: dict[tuple[str, str], int]
) -> tuple[Section, ...]:
    """Each entry at its target; in reading order (a book may list them otherwise)."""
    placed = []
    for order, entry in enumerate(navigation):
        place = ids.get((entry.path, entry.fragment)) if entry.fragment else None
        if place is None:
            place = starts.get(entry.path)
        if place is not None and entry.title:
            placed.append((place, order, Section(entry.title, entry.depth, place)))
    return tuple(section for _, _, section in sorted(placed, key=lambda item: item[:2]))


def _open(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise ReaderError("not an EPUB book: it is not a zip archive (or a damaged one)") from None


def _read(archive: zipfile.ZipFile, path: str) -> bytes | None:
    try:
        info = archive.getinfo(path)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        return None
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError):
        return None  # one damaged chapter: the rest of the book still opens


def _parse_xml(data: bytes | None) -> Element | None:
    """An XML (XHTML) file, leniently: books are often not quite well-formed."""
    if not data:
        return None
    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:  # not XML at all: try it as HTML
        from lxml import html

        try:
            root = html.document_fromstring(data)
        except (etree.ParserError, ValueError):
            return None
    return root


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element.iter() if local_name(child) == name]


def _package(archive: zipfile.ZipFile) -> _Package:
    names = set(archive.namelist())
    if _ENCRYPTION in names:
        _refuse_encrypted(_parse_xml(_read(archive, _ENCRYPTION)))
    container = _parse_xml(_read(archive, _CONTAINER))
    if container is None:
        raise ReaderError("not an EPUB book: it has no META-INF/container.xml")
    rootfile = next(iter(_children(container, "rootfile")), None)
    opf_path = rootfile.get("full-path", "") if rootfile is not None else ""
    opf = _parse_xml(_read(archive, opf_path))
    if opf is None:
        raise ReaderError(f"not an EPUB book: its package file {opf_path or '(none)'} is missing")
    base = posixpath.dirname(opf_path)
    manifest: dict[str, tuple[str, str, str]] = {}  # id -> path, media type, properties
    for item in _children(opf, "item"):
        href = item.get("href")
        if item.get("id") and href:
            manifest[item.get("id")] = (
                _resolve(base, href),
                item.get("media-type", ""),
                item.get("properties", ""),
            )
    spine_element = next(iter(_children(opf, "spine")), None)
    spine = tuple(
        manifest[ref.get("idref")][0]
        for ref in (_children(spine_element, "itemref") if spine_element is not None else [])
        if ref.get("idref") in manifest and manifest[ref.get("idref")][1] in _CHAPTER_TYPES
    )
    if not spine:
        raise ReaderError("an EPUB book without a spine: it names no chapters to read")
    title = next((_text(e) for e in _children(opf, "title") if _text(e)), "")
    authors = tuple(_text(e) for e in _children(opf, "creator") if _text(e))
    navigation: tuple[_Entry, ...] = ()
    nav = next(
        (path for path, _, properties in manifest.values() if "nav" in properties.split()), None
    )
    if nav is not None:
        navigation = _nav_entries(_parse_xml(_read(archive, nav)), posixpath.dirname(nav))
    if not navigation:
        toc = spine_element.get("toc") if spine_element is not None else None
        ncx = manifest.get(toc or "", (None, "", ""))[0] or next(
            (p for p, media, _ in manifest.values() if media == "application/x-dtbncx+xml"), None
        )
        if ncx is not None:
            navigation = _ncx_entries(_parse_xml(_read(archive, ncx)), posixpath.dirname(ncx))
    return _Package(title, authors, spine, navigation)


def _refuse_encrypted(encryption: Element | None) -> None:
    """Encrypted chapters are DRM: refuse the book. Obfuscated fonts alone are harmless."""
    if encryption is None:
        return
    for data in _children(encryption, "encrypteddata"):
        methods = [m.get("Algorithm", "") for m in _children(data, "encryptionmethod")]
        if not methods or any(method not in _FONT_OBFUSCATION for method in methods):
            raise ReaderError(
                "a DRM-protected EPUB (META-INF/encryption.xml lists encrypted chapters): "
                "it cannot be read"
            )


def _resolve(base: str, href: str) -> str:
    """A manifest or navigation href as a path inside the archive, without its fragment."""
    path = unquote(urlsplit(href).path)
    return posixpath.normpath(posixpath.join(base, path)) if path else ""


def _target(base: str, href: str) -> tuple[str, str]:
    parts = urlsplit(href)
    return _resolve(base, href), unquote(parts.fragment)


def _text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _nav_entries(document: Element | None, base: str) -> tuple[_Entry, ...]:
    """EPUB 3: the ``<nav epub:type="toc">`` list, nested as its ``<ol>``s are."""
    if document is None:
        return ()
    navs = _children(document, "nav")
    toc = next(
        (nav for nav in navs if "toc" in nav.get("{http://www.idpf.org/2007/ops}type", "")),
        navs[0] if navs else None,
    )
    if toc is None:
        return ()
    entries: list[_Entry] = []

    def walk(element: Element, depth: int) -> None:
        for child in element:
            name = local_name(child)
            if name == "li":
                link = next((e for e in child if local_name(e) in ("a", "span")), None)
                if link is not None:
                    path, fragment = _target(base, link.get("href", ""))
                    entries.append(_Entry(_text(link), depth, path, fragment))
                for nested in child:
                    if local_name(nested) == "ol":
                        walk(nested, depth + 1)
            elif name in ("ol", "ul"):
                walk(child, depth)

    for child in toc:
        if local_name(child) in ("ol", "ul"):
            walk(child, 1)
    return tuple(entries)


def _ncx_entries(document: Element | None, base: str) -> tuple[_Entry, ...]:
    """EPUB 2: toc.ncx's navMap, its navPoints nested."""
    if document is None:
        return ()
    nav_map = next(iter(_children(document, "navmap")), None)
    if nav_map is None:
        return ()
    entries: list[_Entry] = []

    def walk(element: Element, depth: int) -> None:
        for point in element:
            if local_name(point) != "navpoint":
                continue
            label = next(iter(_children(point, "text")), None)
            content = next((e for e in point if local_name(e) == "content"), None)
            if content is not None:
                path, fragment = _target(base, content.get("src", ""))
                entries.append(
                    _Entry(_text(label) if label is not None else "", depth, path, fragment)
                )
            walk(point, depth + 1)

    walk(nav_map, 1)
    return tuple(entries)

"""Small EPUB books built in memory, for the tests and the benchmark."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

NavPoint = tuple[str, str, list["NavPoint"]]  # label, href (file#fragment), children


@dataclass
class Book:
    title: str = "測試之書"
    author: str = "佚名"
    chapters: list[tuple[str, str]] = field(default_factory=list)  # file name, <body> content
    navigation: list[NavPoint] = field(default_factory=list)
    version: int = 3  # 3: nav.xhtml; 2: toc.ncx
    images: list[str] = field(default_factory=list)  # image files to include
    encryption: str | None = None  # META-INF/encryption.xml's text
    spine: bool = True


def _nav_list(points: list[NavPoint]) -> str:
    items = "".join(
        f'<li><a href="{href}">{label}</a>{_nav_list(children) if children else ""}</li>'
        for label, href, children in points
    )
    return f"<ol>{items}</ol>"


def _nav_points(points: list[NavPoint], counter: list[int]) -> str:
    out = []
    for label, href, children in points:
        counter[0] += 1
        out.append(
            f'<navPoint id="p{counter[0]}" playOrder="{counter[0]}"><navLabel><text>{label}'
            f'</text></navLabel><content src="{href}"/>{_nav_points(children, counter)}'
            "</navPoint>"
        )
    return "".join(out)


def make_epub(book: Book) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        if book.encryption is not None:
            archive.writestr("META-INF/encryption.xml", book.encryption)
        manifest = []
        spine = []
        for number, (name, body) in enumerate(book.chapters):
            manifest.append(
                f'<item id="c{number}" href="text/{name}" media-type="application/xhtml+xml"/>'
            )
            spine.append(f'<itemref idref="c{number}"/>')
            archive.writestr(
                f"OEBPS/text/{name}",
                '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
                f"<head><title>{name}</title></head><body>{body}</body></html>",
                compress_type=zipfile.ZIP_DEFLATED,
            )
        for image in book.images:
            manifest.append(f'<item id="{image}" href="images/{image}" media-type="image/png"/>')
            archive.writestr(f"OEBPS/images/{image}", b"\x89PNG\r\n\x1a\n")
        if book.version == 3:
            manifest.append(
                '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" '
                'properties="nav"/>'
            )
            archive.writestr(
                "OEBPS/nav.xhtml",
                '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
                'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>目錄</title></head><body>'
                f'<nav epub:type="toc"><h1>目錄</h1>{_nav_list(_prefixed(book.navigation))}</nav>'
                "</body></html>",
            )
        else:
            manifest.append('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>')
            archive.writestr(
                "OEBPS/toc.ncx",
                '<?xml version="1.0" encoding="utf-8"?>'
                '<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><head/>'
                f"<docTitle><text>{book.title}</text></docTitle>"
                f"<navMap>{_nav_points(_prefixed(book.navigation), [0])}</navMap></ncx>",
            )
        toc = ' toc="ncx"' if book.version == 2 else ""
        spine_xml = f"<spine{toc}>{''.join(spine)}</spine>" if book.spine else ""
        archive.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0" encoding="utf-8"?>'
            f'<package xmlns="http://www.idpf.org/2007/opf" version="{book.version}.0" '
            'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<dc:identifier id="id">test</dc:identifier><dc:title>{book.title}</dc:title>'
            f"<dc:creator>{book.author}</dc:creator><dc:language>zh</dc:language></metadata>"
            f"<manifest>{''.join(manifest)}</manifest>{spine_xml}</package>",
        )
    return buffer.getvalue()


def _prefixed(points: list[NavPoint]) -> list[NavPoint]:
    """Navigation targets are written relative to the package, as the chapters are."""
    return [(label, f"text/{href}", _prefixed(children)) for label, href, children in points]

"""EPUB books: spine order, the book's own navigation as the sections, one line for a bad book."""

from __future__ import annotations

import pytest
from epub_maker import Book, make_epub

from reader.document import Document, InlineStyle, Paragraph, Section
from reader.errors import ReaderError
from reader.formats.epub import check_epub, epub_document

CHAPTERS = [
    (
        "one.xhtml",
        "<h1>第一章 出山</h1><p>他走出<b>山門</b>。</p>"
        '<p><img src="../images/map.png" alt="山路圖"/></p>'
        '<h2 id="down">一 下山</h2><p>下山了，<br/>天黑了。</p>',
    ),
    ("two.xhtml", "<h1>第二章 入世</h1><p>城裡<ruby>熱<rt>rè</rt></ruby>鬧。</p>"),
]
NAVIGATION = [
    ("第一章 出山", "one.xhtml", [("一、下山", "one.xhtml#down", [])]),  # not the heading's words
    ("第二章 入世", "two.xhtml", []),
]


def expected_book() -> Document:
    blocks = [
        "第一章 出山",
        "他走出山門。",
        "山路圖",
        "一 下山",
        "下山了，\u2028天黑了。",  # a <br>: a line break inside the paragraph
        "第二章 入世",
        "城裡熱鬧。",
    ]
    text = "\n\n".join(blocks)
    starts = [sum(len(block) + 2 for block in blocks[:index]) for index in range(len(blocks))]

    def block(number: int, kind: str, depth: int = 0) -> Paragraph:
        start = starts[number]
        return Paragraph(start, start + len(blocks[number]), kind, depth)  # type: ignore[arg-type]

    return Document(
        text=text,
        name="book.epub",
        title="測試之書",
        paragraphs=(
            block(0, "heading", 1),
            block(1, "body"),
            block(2, "image"),
            block(3, "heading", 2),
            block(4, "body"),  # a <br> is a line break inside the paragraph
            block(5, "heading", 1),
            block(6, "body"),
        ),
        sections=(
            Section("第一章 出山", 1, starts[0]),
            Section("一、下山", 2, starts[3]),  # at its fragment's target
            Section("第二章 入世", 1, starts[5]),
        ),
        metadata=(("author", "佚名"),),
        styles=(InlineStyle(starts[1] + 3, starts[1] + 5, "strong"),),
        format="epub",
    )


@pytest.mark.parametrize("version", [3, 2])
def test_a_book_reads_in_spine_order_with_its_navigation(version: int) -> None:
    data = make_epub(
        Book(chapters=CHAPTERS, navigation=NAVIGATION, version=version, images=["map.png"])
    )
    assert epub_document(data, "book.epub") == expected_book()


def test_without_navigation_the_headings_are_the_sections() -> None:
    document = epub_document(make_epub(Book(chapters=CHAPTERS)), "book.epub")
    assert [(s.title, s.depth) for s in document.sections] == [
        ("第一章 出山", 1),
        ("一 下山", 2),
        ("第二章 入世", 1),
    ]


def test_an_opening_holds_the_first_chapters_at_the_same_places() -> None:
    data = make_epub(Book(chapters=CHAPTERS, navigation=NAVIGATION))
    opening = epub_document(data, "book.epub", opening=10)
    whole = epub_document(data, "book.epub")
    assert whole.text.startswith(opening.text)
    assert opening.text == "\n\n".join(
        ["第一章 出山", "他走出山門。", "山路圖", "一 下山", "下山了，\u2028天黑了。"]
    )
    assert opening.sections == whole.sections[:2]


def test_navigation_out_of_reading_order_is_put_in_order() -> None:
    navigation = [("乙", "two.xhtml", []), ("甲", "one.xhtml", [])]
    document = epub_document(make_epub(Book(chapters=CHAPTERS, navigation=navigation)), "b.epub")
    assert [s.title for s in document.sections] == ["甲", "乙"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip at all", "not an EPUB book: it is not a zip archive (or a damaged one)"),
        (
            make_epub(
                Book(
                    chapters=CHAPTERS,
                    encryption='<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"'
                    ' xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
                    '<enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
                    '<enc:CipherData><enc:CipherReference URI="OEBPS/text/one.xhtml"/>'
                    "</enc:CipherData></enc:EncryptedData></encryption>",
                )
            ),
            "a DRM-protected EPUB (META-INF/encryption.xml lists encrypted chapters): "
            "it cannot be read",
        ),
        (
            make_epub(Book(chapters=CHAPTERS, spine=False)),
            "an EPUB book without a spine: it names no chapters to read",
        ),
    ],
    ids=["not-a-zip", "drm", "no-spine"],
)
def test_a_book_that_cannot_be_read_is_one_line(data: bytes, message: str) -> None:
    with pytest.raises(ReaderError) as raised:
        check_epub(data)
    assert str(raised.value) == message


def test_obfuscated_fonts_alone_are_not_drm() -> None:
    encryption = (
        '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
        'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
        '<enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>'
        '<enc:CipherData><enc:CipherReference URI="OEBPS/fonts/a.ttf"/></enc:CipherData>'
        "</enc:EncryptedData></encryption>"
    )
    check_epub(make_epub(Book(chapters=CHAPTERS, encryption=encryption)))

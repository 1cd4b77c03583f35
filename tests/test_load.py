"""Every outline test document, saved in every supported encoding, opens to the same outline."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reader.load import QUICK_PREFIX_CHARS, Source, load_document
from reader.parse import format_outline

DOCUMENTS = sorted(
    path
    for path in (Path(__file__).parent / "data" / "outline").iterdir()
    if path.suffix in (".txt", ".md")
)
ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-le": lambda text: text.encode("utf-16-le"),
    "gb18030": lambda text: text.encode("gb18030"),
    "big5": lambda text: text.encode("big5"),
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
}


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.stem)
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_outline_is_the_same_in_every_encoding(document: Path, encoding: str, tmp_path: Path):
    text = document.read_text(encoding="utf-8")
    expected = document.with_suffix(".outline").read_text(encoding="utf-8")
    try:
        data = ENCODINGS[encoding](text)
    except UnicodeEncodeError:
        pytest.skip(f"{document.name} has characters {encoding} cannot hold")
    copy = tmp_path / document.name
    copy.write_bytes(data)
    loaded = load_document(copy)
    # Markdown's text is what it renders to: the same in every encoding
    own_format = "markdown" if document.suffix == ".md" else "text"
    assert loaded.text == Source(text, document.name, own_format).parse().text
    assert format_outline(loaded) == expected


def test_every_document_fits_some_legacy_encoding() -> None:
    """The skips above must not hide a whole encoding: each is exercised by some document."""
    for name in ("gb18030", "big5"):
        fits = []
        for document in DOCUMENTS:
            try:
                ENCODINGS[name](document.read_text(encoding="utf-8"))
                fits.append(document.name)
            except UnicodeEncodeError:
                pass
        assert fits, name


def test_a_book_on_one_line_opens_with_a_prefix_cut_after_a_sentence() -> None:
    text = "一句話說完了，又說一句。" * 3000  # no line breaks at all
    source = Source(text, "book.txt")
    prefix = source.quick_prefix()
    assert prefix is not None
    assert prefix.text.endswith("。") and text.startswith(prefix.text)
    assert len(prefix.text) <= QUICK_PREFIX_CHARS
    whole, opening = source.parse(), prefix.parse()
    assert whole.paragraphs[: len(opening.paragraphs) - 1] == opening.paragraphs[:-1]


def test_a_short_text_has_no_quick_prefix() -> None:
    assert Source("題\n\n正文。\n", "a.txt").quick_prefix() is None


def test_a_long_text_opens_with_a_prefix_cut_where_a_paragraph_ends() -> None:
    chapter = "第{}章\n\n" + "　　正文正文正文。\n" * 2000
    text = "書名\n\n" + "".join(chapter.format(n) for n in range(1, 6))
    source = Source(text, "book.txt")
    prefix = source.quick_prefix()
    assert prefix is not None
    assert len(prefix.text) <= QUICK_PREFIX_CHARS
    assert text.startswith(prefix.text)
    assert text[len(prefix.text) :].startswith("\n\n")  # a blank line follows the cut
    whole, opening = source.parse(), prefix.parse()
    # the opening's places are the whole book's places: the reader moves from one to the other
    assert whole.sections[: len(opening.sections)] == opening.sections
    assert whole.paragraphs[: len(opening.paragraphs) - 1] == opening.paragraphs[:-1]

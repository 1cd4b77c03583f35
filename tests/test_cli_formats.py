"""--outline, --print and --terms read every format; a format the reader cannot open is one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from epub_maker import Book, make_epub

from reader.cli import main

GLOSSARY = Path(__file__).parent / "data" / "glossary" / "basic.toml"
MARKDOWN = "# 和諧之書\n\n## 第一章\n\n建設**和諧社會**。\n\n- 一項\n"
HTML = (
    "<html><head><title>和諧之書</title></head><body><h1>和諧之書</h1><h2>第一章</h2>"
    "<p>建設<b>和諧社會</b>。</p><ul><li>一項</li></ul></body></html>"
)
EPUB = Book(
    title="和諧之書",
    chapters=[("one.xhtml", "<h2>第一章</h2><p>建設<b>和諧社會</b>。</p><ul><li>一項</li></ul>")],
    navigation=[("第一章", "one.xhtml", [])],
)
FILES = {
    "book.md": MARKDOWN.encode(),
    "book.html": HTML.encode(),
    "book.epub": make_epub(EPUB),
}


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("name", FILES)
def test_outline_print_and_terms_on_every_format(capsys, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(FILES[name])
    assert run(capsys, "--outline", str(path)) == (0, "和諧之書\n  第一章\n", "")
    simplified = run(capsys, "--outline", str(path), "--script", "simplified")
    assert simplified == (0, "和谐之书\n  第一章\n", "")
    status, out, _ = run(capsys, "--print", str(path), "--script", "simplified")
    assert status == 0
    # markup gone, the list's marker kept, the script converted
    assert "建设和谐社会。\n\n• 一项\n" in out
    assert "**" not in out and "<" not in out
    status, out, _ = run(capsys, "--terms", "--glossary", str(GLOSSARY), str(path))
    assert status == 0
    assert "和諧社會\t1\théxié shèhuì\tharmonious society" in out.splitlines()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.pdf", b"%PDF-1.7\n", "a PDF"),
        ("a.docx", b"PK\x03\x04" + b"\x00" * 26 + b"word/document.xml", "a Word document (.docx)"),
        ("a.mobi", b"\x00" * 60 + b"BOOKMOBI", "a Kindle book (.mobi)"),
        ("a.bin", b"\x00" * 60 + b"BOOKMOBI", "a Kindle book (.mobi)"),  # sniffed, not named
    ],
)
def test_other_formats_are_named_in_one_line(capsys, tmp_path, name, data, message) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    expected = (
        f"reader: {path}: {message}, not supported yet "
        "(the reader opens plain text, Markdown, HTML and EPUB)\n"
    )
    assert run(capsys, "--outline", str(path)) == (2, "", expected)


def test_a_zip_that_is_no_book(capsys, tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    assert run(capsys, str(path)) == (
        2,
        "",
        f"reader: {path}: a zip archive, not a document (an EPUB book would open)\n",
    )


def test_an_epub_named_so_that_is_not_a_zip(capsys, tmp_path: Path) -> None:
    path = tmp_path / "a.epub"
    path.write_bytes("一本書".encode())
    assert run(capsys, "--print", str(path)) == (
        2,
        "",
        f"reader: {path}: not an EPUB book: it is not a zip archive\n",
    )


def test_html_from_standard_input_is_sniffed(capsys, monkeypatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(HTML.encode())))
    assert run(capsys, "--outline", "-") == (0, "和諧之書\n  第一章\n", "")

"""Snapshots of the screen (pytest-textual-snapshot); after a deliberate change of looks,
update them with `pytest tests/test_snapshots.py --snapshot-update` and look at the SVGs."""

from __future__ import annotations

from pathlib import Path

from epub_maker import Book, make_epub

from reader.app import ReaderApp
from tests.screen import wait_for_terms


def test_sample_traditional_120x40(snap_compare) -> None:
    assert snap_compare(ReaderApp(), terminal_size=(120, 40), run_before=wait_for_terms)


def test_sample_simplified_120x40(snap_compare) -> None:
    assert snap_compare(
        ReaderApp(), press=["s"], terminal_size=(120, 40), run_before=wait_for_terms
    )


def test_sample_small_terminal_60x20(snap_compare) -> None:
    assert snap_compare(ReaderApp(), terminal_size=(60, 20), run_before=wait_for_terms)


def test_the_popup_of_a_term(snap_compare) -> None:
    # ] four times: 和諧社會 in the title, in the lead, in the second title, then
    # 社會主義和諧社會 in the first paragraph; enter opens its popup just below it.
    assert snap_compare(
        ReaderApp(),
        press=["right_square_bracket"] * 4 + ["enter"],
        terminal_size=(120, 40),
        run_before=wait_for_terms,
    )


def test_pinyin_over_every_word_120x40(snap_compare) -> None:
    assert snap_compare(
        ReaderApp(), press=["p"], terminal_size=(120, 40), run_before=wait_for_terms
    )


def test_pinyin_small_terminal_60x20(snap_compare) -> None:
    assert snap_compare(ReaderApp(), press=["p"], terminal_size=(60, 20), run_before=wait_for_terms)


FORMATS = Path(__file__).parent / "data" / "formats"


def test_a_markdown_page_120x40(snap_compare) -> None:
    app = ReaderApp(FORMATS / "notes.md", resume=False)
    assert snap_compare(app, terminal_size=(120, 40), run_before=wait_for_terms)


def test_an_epub_chapter_120x40(snap_compare, tmp_path: Path) -> None:
    book = Book(
        title="山居記",
        author="佚名",
        chapters=[
            (
                "one.xhtml",
                "<h1>第一章 出山</h1><p>他走出<b>山門</b>，回頭看了一眼。山上的樹葉子都黃了，"
                "風一吹，就落下來，鋪滿了下山的小路。</p>"
                '<p><img src="../images/map.png" alt="下山的路"/></p>'
                '<h2 id="night">一 夜宿</h2><p>床前明月光，<br/>疑是地上霜。<br/>舉頭望明月，<br/>'
                "低頭思故鄉。</p><blockquote><p>詩言志，歌永言。</p></blockquote>",
            ),
            ("two.xhtml", "<h1>第二章 入世</h1><p>城裡很熱鬧。</p>"),
        ],
        navigation=[
            ("第一章 出山", "one.xhtml", [("一、夜宿", "one.xhtml#night", [])]),
            ("第二章 入世", "two.xhtml", []),
        ],
        images=["map.png"],
    )
    path = tmp_path / "book.epub"
    path.write_bytes(make_epub(book))
    app = ReaderApp(path, resume=False)
    assert snap_compare(app, terminal_size=(120, 40), run_before=wait_for_terms)

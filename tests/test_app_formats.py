"""Markdown, EPUB and HTML in the reader: the same keys work on every format."""

from __future__ import annotations

from pathlib import Path

import pytest
from epub_maker import Book, make_epub

from reader.app import ReaderApp
from reader.words import Segmenter
from tests.screen import article_rows, marks, screen_strips, status, text_lines, wait_until
from tests.test_app_lookup import ready, word
from tests.test_app_search import search

SIZE = (120, 40)
FILLER = "<p>" + "這一段只是為了把下一章推到第一屏之外。" * 3 + "</p>"
EPUB = Book(
    title="測試之書",
    chapters=[
        (
            "one.xhtml",
            "<h1>第一章 出山</h1><p>他走出山門，發現這裡的樹葉子都黃了。</p>" + FILLER * 20,
        ),
        ("two.xhtml", "<h1>第二章 入世</h1><p>城裡的發展很快。</p>"),
    ],
    navigation=[("第一章 出山", "one.xhtml", []), ("第二章 入世", "two.xhtml", [])],
)
PAGE = (
    "<html><head><title>網頁</title></head><body><article><h1>網頁</h1>"
    "<p>這裡的樹葉子都黃了，發展很快。</p></article></body></html>"
)
MARKDOWN = """\
# 筆記

這是**重要的發現**，值得記住。

| 名稱 | 說明 |
|------|------|
| 甲 | 我們學習漢語 |

```
x = 1
，。開頭的行
```
"""


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


async def test_the_epub_tree_jumps_to_a_chapter(tmp_path: Path) -> None:
    app = ReaderApp(write(tmp_path, "book.epub", make_epub(EPUB)), resume=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert text_lines(app, app.outline)[:3] == ["▼ 測試之書", "├ 第一章 出山", "└ 第二章 入世"]
        assert "第二章 入世" not in "\n".join(article_rows(app))
        await pilot.press("tab")
        target = next(n for n in app.outline._section_nodes if str(n.label) == "第二章 入世")
        app.outline.move_cursor(target)
        await pilot.press("enter")
        await pilot.pause()
        assert text_lines(app, app.article)[0] == "第二章 入世"


@pytest.mark.parametrize("name", ["book.epub", "page.html"])
async def test_s_switches_the_script_of_an_epub_and_a_page(tmp_path: Path, name: str) -> None:
    data = make_epub(EPUB) if name == "book.epub" else PAGE
    app = ReaderApp(write(tmp_path, name, data), resume=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("這裡的樹葉子都黃了" in row for row in article_rows(app))
        await pilot.press("s")
        await pilot.pause()
        assert any("这里的树叶子都黄了" in row for row in article_rows(app))


async def test_a_search_finds_words_inside_bold_and_they_stay_bold(tmp_path: Path) -> None:
    app = ReaderApp(write(tmp_path, "notes.md", MARKDOWN), resume=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await search(pilot, "发现")  # the simplified form finds the traditional text
        start = app.document.text.index("發現")
        assert marks(app, "match") == [(start, start + 2)]
        row = app.article.line_of_place(start)
        assert "這是重要的發現，值得記住。" in article_rows(app)[row]
        strip = screen_strips(app)[app.article.content_region.y + row]
        bold = "".join(s.text for s in strip if s.style is not None and s.style.bold)
        assert bold == "重要的發現"  # no asterisks on screen; the words drawn bold


async def test_the_word_cursor_moves_inside_a_table_cell(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    app = ReaderApp(write(tmp_path, "notes.md", MARKDOWN), resume=False, segmenter=segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        cell = app.document.text.index("我們學習漢語")
        place = cell + 2
        offset = (app.article.column_of_place(place), app.article.line_of_place(place))
        await pilot.click(app.article, offset=offset)
        await wait_until(pilot, lambda: app.word_cursor is not None, "the word cursor")
        assert word(app) == "學習"
        await pilot.press("right")
        assert word(app) == "漢語"
        await pilot.press("left", "left")
        assert word(app) == "我們"


async def test_a_code_block_is_left_alone_by_kinsoku(tmp_path: Path) -> None:
    app = ReaderApp(write(tmp_path, "notes.md", MARKDOWN), resume=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = text_lines(app, app.article)
        # a line may begin with 「，」 in code, and it gets no paragraph indent
        at = rows.index("x = 1")
        assert rows[at + 1] == "，。開頭的行"
        region = app.article.content_region
        code_row = next(
            strip.crop(region.x, region.right).text
            for strip in screen_strips(app)[region.y : region.bottom]
            if "x = 1" in strip.text
        )
        body_row = next(
            strip.crop(region.x, region.right).text
            for strip in screen_strips(app)[region.y : region.bottom]
            if "這是重要" in strip.text
        )
        assert code_row.index("x") + 4 == body_row.index("這")  # prose indented, code not


async def test_the_status_line_shows_where_a_link_leads(tmp_path: Path, segmenter: Segmenter):
    text = "# 筆記\n\n請看[官方文件](https://example.org/docs)。\n"
    app = ReaderApp(write(tmp_path, "links.md", text), resume=False, segmenter=segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        place = app.document.text.index("官方")
        offset = (app.article.column_of_place(place), app.article.line_of_place(place))
        await pilot.click(app.article, offset=offset)
        await wait_until(pilot, lambda: app.word_cursor is not None, "the word cursor")
        await pilot.pause()
        assert status(app).endswith("│ link: https://example.org/docs")
        await pilot.press("escape")
        await pilot.pause()
        assert "link:" not in status(app)

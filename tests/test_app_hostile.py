"""A hostile document: markup, ESC/OSC/C1 sequences, a click action and unbalanced brackets.

Every widget that shows document, glossary, file-name or settings text must show it as
written: brackets kept, nothing run, control characters drawn as visible symbols set apart,
and no control character ever in what is sent to the terminal.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.segment import Segment
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from reader.app import ReaderApp
from reader.glossary import Entry, Glossary
from reader.settings import Settings
from reader.widgets.bookmarks import BookmarksScreen
from reader.widgets.help import HelpScreen
from reader.widgets.term_index import TermIndex
from reader.widgets.term_popup import TermPopup
from reader.widgets.word_popup import WordPopup
from reader.words import Segmenter
from tests.screen import (
    screen_lines,
    screen_text,
    wait_for_terms,
    wait_until,
)

SIZE = (120, 40)

TITLE = "標題 [b]粗[/b] \x1b]0;pwned\x07"
CLICK = "[@click=app.screenshot('canary.txt','{folder}')]第一節[/]"
NULL = "重定向到 [/dev/null]"
UNBALANCED = "第一章 開始[/]"
TAGS = "數組 [i] 與 [b] 標籤"
BODY = (
    "正文\x1b[2J清屏\x9b31m紅色\x1b]52;c;aGk=\x07剪貼板\x1b]8;;http://x\x1b\\連結\x1b]8;;\x1b\\，"
    "\x1b[1G覆蓋\x01\x7f\x85結束。"
)
FILLER = "構建和諧社會，關鍵在黨。組織部門作為黨委的重要職能部門。" * 4

# The same, as the screen must show them (written by hand).
TITLE_SHOWN = "標題 [b]粗[/b] ␛]0;pwned␇"
BODY_SHOWN = "正文␛[2J清屏␦31m紅色␛]52;c;aGk=␇剪貼板␛]8;;http://x␛\\連結␛]8;;␛\\，␛[1G覆蓋␁␡␦結束。"

CONTROL_CHARACTERS = {chr(code) for code in (*range(0x20), *range(0x7F, 0xA0))}


def hostile_document(folder: Path) -> Path:
    """A Markdown file with a hostile heading at every level and a hostile paragraph."""
    click = CLICK.format(folder=folder)
    parts = [f"# {TITLE}", f"## {click}", BODY, FILLER]
    for heading in (NULL, UNBALANCED, TAGS):
        parts += [f"## {heading}", FILLER]
    path = folder / "hostile.md"
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return path


def raw_controls(app: ReaderApp) -> set[str]:
    """Control characters in what the screen sends to the terminal (there must be none)."""
    found: set[str] = set()
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            found |= CONTROL_CHARACTERS & set(segment.text)
    return found


def segments_with(app: ReaderApp, char: str) -> list[Segment]:
    return [
        segment
        for strip in app.screen._compositor.render_strips()
        for segment in strip
        if char in segment.text
    ]


async def ready(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# -- the reading screen ----------------------------------------------------------------------


async def test_status_outline_and_article_show_the_text_as_written(tmp_path: Path) -> None:
    app = ReaderApp(hostile_document(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        lines = screen_lines(app)
        assert lines[0].startswith(f" {TITLE_SHOWN} │ 繁 │ ")
        labels = [node.label.plain for node in app.outline._section_nodes]
        click = CLICK.format(folder=tmp_path)
        assert labels == [click, NULL, UNBALANCED, TAGS]
        assert app.outline.root.label.plain == TITLE_SHOWN
        text = screen_text(app)
        for heading in (NULL, UNBALANCED, TAGS):
            assert f"├ {heading}" in text or f"└ {heading}" in text
        assert BODY_SHOWN[:40] in text.replace("\n", "").replace(" ", "")
        assert raw_controls(app) == set()
        escapes = segments_with(app, "␛")
        assert escapes and all(segment.style and segment.style.reverse for segment in escapes)


async def test_the_body_wraps_as_drawn_with_one_cell_per_symbol(tmp_path: Path) -> None:
    app = ReaderApp(hostile_document(tmp_path))
    async with app.run_test(size=(60, 30)) as pilot:
        await ready(pilot)
        article = app.article
        start = app.document.text.index("正文")
        x, y = article.screen_offset_of(start + BODY.index("清屏"))
        row = app.screen._compositor.render_strips()[y]
        # the symbols take one cell each, so 清 is drawn where the layout says it is
        assert row.crop(x, x + 2).text == "清"
        x, y = article.screen_offset_of(start + BODY.index("結束"))
        assert app.screen._compositor.render_strips()[y].crop(x, x + 2).text == "結"
        assert raw_controls(app) == set()


async def test_clicking_a_heading_with_a_click_action_only_jumps_to_it(tmp_path: Path) -> None:
    app = ReaderApp(hostile_document(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        outline = app.outline
        node = outline._section_nodes[0]
        region = outline.content_region
        await pilot.click(offset=(region.x + 4, region.y + node.line))
        await pilot.click(offset=(region.x + 4, region.y + node.line))
        await pilot.pause()
        assert not (tmp_path / "canary.txt").exists()
        assert list(tmp_path.iterdir()) == [tmp_path / "hostile.md"]
        assert app.article.top_place == app.document.sections[0].start
        assert app.is_running


async def test_a_file_name_as_the_title_is_shown_as_written(tmp_path: Path) -> None:
    path = tmp_path / "[b]名\x1b]0;x\x07.txt"
    path.write_text(FILLER + "\n", encoding="utf-8")
    app = ReaderApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert screen_lines(app)[0].startswith(" [b]名␛]0;x␇.txt │ 繁 │ ")
        assert raw_controls(app) == set()


# -- the palette, notices, help and the key bar ----------------------------------------------


async def test_palette_hits_show_titles_as_written(tmp_path: Path) -> None:
    app = ReaderApp(hostile_document(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"[/")
        titles = (NULL, UNBALANCED, CLICK.format(folder=tmp_path))
        # the palette searches in the background: poll for its hits, not a fixed wait
        await wait_until(pilot, lambda: all(t in screen_text(app) for t in titles), "the hits")
        assert isinstance(app.screen, CommandPalette)
        text = screen_text(app)
        for title in titles:
            assert title in text
        assert raw_controls(app) == set()
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, CommandPalette), "closing")

        await pilot.press("ctrl+p")  # discovery: the top-level sections, before any typing
        await ready(pilot)
        prompts = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        assert [prompt for prompt in prompts if "[" in prompt] == [
            f"{CLICK.format(folder=tmp_path)}",
            f"{NULL}",
            f"{UNBALANCED}",
            f"{TAGS}",
        ]


async def test_notices_show_file_names_as_written(tmp_path: Path, segmenter: Segmenter) -> None:
    missing = tmp_path / "[b]mine\x1b]0;x\x07.toml"
    app = ReaderApp(hostile_document(tmp_path), glossaries=[missing])
    app.segmenter = segmenter
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_terms(pilot)
        text = screen_text(app)
        assert "[b]mine␛]0;x␇.toml: glossary file not found" in text.replace("\n", "")
        app.notify("[/] 未閉合 [@click=app.quit]點[/]")
        await pilot.pause()
        assert "[/] 未閉合 [@click=app.quit]點[/]" in screen_text(app)
        assert raw_controls(app) == set()


async def test_remapped_keys_show_as_written_in_the_key_bar_and_help(tmp_path: Path) -> None:
    settings = Settings(keymap={"terms": "[b]"})
    app = ReaderApp(hostile_document(tmp_path), settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "[b] Terms" in screen_lines(app)[-1]
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "  [b]  Terms  " in screen_text(app)  # the key as written, not markup


# -- glossary text: the term index, the term popup, the dictionary popup ---------------------

GLOSSARY = """\
[[term]]
term = "清屏"
pinyin = "qīng [b]píng"
zh = "解釋 [b]粗[/b] \\u001b]0;x\\u0007 完"
en = "[@click=app.quit]wipe[/]; \\u009b31m"
category = "[i]"
"""


@pytest.fixture
def hostile_glossary(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.toml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


async def test_term_index_and_popup_show_glossary_text_as_written(
    tmp_path: Path, hostile_glossary: Path, segmenter: Segmenter
) -> None:
    app = ReaderApp(hostile_document(tmp_path), glossaries=[hostile_glossary])
    app.segmenter = segmenter
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_terms(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TermIndex)
        assert "清屏  qīng [b]píng  [@click=app.quit]wipe[/]" in screen_text(app)
        await pilot.press("escape")

        await pilot.press("right_square_bracket", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TermPopup)
        assert app.screen.plain_text().splitlines()[:4] == [
            "清屏  [i]",
            "qīng [b]píng  beyond HSK",  # 屏 is in no HSK list
            "解釋 [b]粗[/b] ␛]0;x␇ 完",
            "[@click=app.quit]wipe[/]; ␦31m",
        ]
        assert raw_controls(app) == set()
        await pilot.click(offset=(2, 2))  # where the gloss would be an action, were it markup
        assert app.is_running


async def test_the_dictionary_popup_shows_a_glossary_sense_as_written(tmp_path: Path) -> None:
    entry = Entry(
        term="清屏",
        aliases=(),
        pinyin="qīng [b]píng",
        zh="解釋 [b]粗[/b] \x1b]0;x\x07 完",
        en="[@click=app.quit]wipe[/] \x9b31m",
        category=None,
        source=Path("hostile.toml"),
    )
    app = ReaderApp(hostile_document(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.lookup_glossary = lambda: Glossary([entry])  # type: ignore[method-assign]
        app.move_word_cursor_to(app.document.text.index("清屏"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WordPopup)
        assert app.screen.plain_text().splitlines()[:3] == [
            "清屏  qīng [b]píng  glossary",
            "[@click=app.quit]wipe[/] ␦31m",
            "解釋 [b]粗[/b] ␛]0;x␇ 完",
        ]
        assert raw_controls(app) == set()


# -- bookmarks -------------------------------------------------------------------------------


async def test_bookmark_labels_show_as_written(tmp_path: Path) -> None:
    app = ReaderApp(hostile_document(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.article.scroll_to_place(app.document.text.index("正文"))
        await pilot.press("m", "apostrophe")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        text = screen_text(app)
        assert "[@click=app.screenshot(" in text
        assert "正文␛[2J" in text
        assert raw_controls(app) == set()

"""The outline's figures (`O`): each section's share of the words the reader does not know."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

import reader.features.learner as learner_module
from reader.app import ReaderApp
from reader.known import KnownWords
from reader.settings import Settings
from reader.words import Segmenter
from tests.screen import screen_strips, settled, wait_for_command, wait_until

LONG = "学习" * 12
# 书 | 学习 我们 在 银行 工作 | 学习 x12, 我们 学习: at HSK 1 every word is known but 银行 (HSK 3)
BOOK = f"# 书\n\n## 学习\n\n我们在银行工作。\n\n## {LONG}\n\n我们学习。\n"


def book_app(
    tmp_path: Path, segmenter: Segmenter, settings: Settings | None = None, level: int | None = 1
) -> ReaderApp:
    """The book, with the reader's level set (HSK 1 unless said)."""
    KnownWords.load().set_level(level)
    path = tmp_path / "book.md"
    path.write_text(BOOK, encoding="utf-8")
    return ReaderApp(path, segmenter=segmenter, settings=settings)


def outline_rows(app: ReaderApp) -> list[str]:
    """The outline's rows as drawn, every cell of its content kept (the border left out)."""
    region = app.outline.scrollable_content_region
    strips = screen_strips(app)[region.y : region.bottom]
    rows = [strip.crop(region.x, region.right).text for strip in strips]
    return [row for row in rows if row.strip()]


async def wait_for_rows(pilot: Pilot, app: ReaderApp, rows: list[str]) -> None:
    try:
        await wait_until(pilot, lambda: outline_rows(app) == rows, "the outline's rows")
    except AssertionError:
        assert outline_rows(app) == rows  # shows what the outline shows instead
        raise


# At 80x24 the outline's content is 27 cells: each row is its guides, its title in what is left
# but five cells, then the figure right-aligned in those five.
WITHOUT = [
    "▼ 书" + " " * 23,
    "├ 学习" + " " * 21,
    "└ " + "学习" * 6 + "…",  # 25 cells of title: 24 of characters and the ellipsis
]
WITH_AT_HSK_1 = [
    "▼ 书" + " " * 18 + "   5%",  # 1 of 20 words: 银行
    "├ 学习" + " " * 16 + "  20%",  # 1 of 5
    "└ " + "学习" * 4 + "学……" + "   0%",  # 20 cells: 18 of characters, a wide ellipsis
]
BANK_KNOWN = ["▼ 书" + " " * 18 + "   0%", "├ 学习" + " " * 16 + "   0%", WITH_AT_HSK_1[2]]


async def test_o_shows_and_hides_the_column_aligned_with_long_titles(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    app = book_app(tmp_path, segmenter)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert outline_rows(app) == WITHOUT
        await pilot.press("O")
        await wait_for_rows(pilot, app, WITH_AT_HSK_1)
        await pilot.press("s")  # the titles change script, the figures stay
        traditional = [row.replace("书", "書").replace("学习", "學習") for row in WITH_AT_HSK_1]
        await wait_for_rows(pilot, app, [*traditional[:2], traditional[2].replace("学", "學")])
        await pilot.press("s", "O")
        await wait_for_rows(pilot, app, WITHOUT)


async def test_marking_a_word_known_lowers_its_sections_figure(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    app = book_app(tmp_path, segmenter)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("O")
        await wait_for_rows(pilot, app, WITH_AT_HSK_1)
        app.move_word_cursor_to(app.document.text.index("银行"))
        await pilot.press("K")
        await wait_for_rows(pilot, app, BANK_KNOWN)
        app.set_reader_level(None)  # no level: only 银行 is known, 1 of 20 words
        await wait_for_rows(
            pilot,
            app,
            [
                "▼ 书" + " " * 18 + "  95%",
                "├ 学习" + " " * 16 + "  80%",
                "└ " + "学习" * 4 + "学……" + " 100%",
            ],
        )


async def test_the_setting_shows_them_at_once_and_the_palette_hides_them(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    app = book_app(tmp_path, segmenter, Settings(outline_unknown=True), level=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        # no level and nothing marked: every word is unknown
        await wait_for_rows(
            pilot,
            app,
            [
                "▼ 书" + " " * 18 + " 100%",
                "├ 学习" + " " * 16 + " 100%",
                "└ " + "学习" * 4 + "学……" + " 100%",
            ],
        )
        await pilot.press("ctrl+p", *"Outline: unknown")
        await wait_for_command(pilot, "Outline: unknown words")
        await pilot.press("enter")
        await wait_for_rows(pilot, app, WITHOUT)


async def test_words_marked_known_elsewhere_reach_the_figures(
    tmp_path: Path, segmenter: Segmenter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As after ``reader --import-known`` in another terminal, or K in another reader."""
    monkeypatch.setattr(learner_module, "KNOWN_CHECK_EVERY", 0.05)
    app = book_app(tmp_path, segmenter)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("O")
        await wait_for_rows(pilot, app, WITH_AT_HSK_1)
        KnownWords.load().set_marks(["银行"], True)
        await wait_for_rows(
            pilot,
            app,
            BANK_KNOWN,
        )


async def test_a_hostile_title_stays_as_written_beside_its_figure(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    path = tmp_path / "hostile.md"
    path.write_text("# 书\n\n## [b]学[/b]\n\n我们。\n", encoding="utf-8")
    KnownWords.load().set_level(1)
    app = ReaderApp(path, segmenter=segmenter)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("O")
        # 学 and 我们 are HSK 1; b and the brackets are no words
        await wait_for_rows(
            pilot, app, ["▼ 书" + " " * 18 + "   0%", "└ [b]学[/b]" + " " * 11 + "   0%"]
        )

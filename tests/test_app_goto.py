"""`:` go to, in the running app: a percentage, a section number or a title's start."""

from __future__ import annotations

from reader.app import ReaderApp
from reader.widgets.goto_bar import GoToBar
from tests.screen import article_rows, notifications, screen_lines, wait_for_command


def top_line(app: ReaderApp) -> str:
    """The first non-blank row of the article on screen, without its margins."""
    return next(row for row in article_rows(app) if row)


async def test_colon_then_a_section_number_shows_that_section() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("colon")
        await pilot.pause()
        assert app.query(GoToBar)
        await pilot.press("三", "enter")
        await pilot.pause()
        assert top_line(app).startswith("三、加強組工干部隊伍建設")
        assert not app.query(GoToBar)  # the bar closed; keys read the text again


async def test_a_simplified_title_start_and_a_percentage() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("colon", *"二是必须振奋", "enter")
        await pilot.pause()
        assert top_line(app).startswith("二是必須振奮精神")
        await pilot.press("colon", *"0%", "enter")
        await pilot.pause()
        assert app.article.top_place == 0


async def test_nothing_matching_says_so_and_keeps_the_bar_to_edit() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = app.article.top_place
        await pilot.press("colon", *"第九十九章", "enter")
        await pilot.pause()
        assert notifications(app) == [
            "Nothing to go to for '第九十九章': "
            "try 50%, 12, 第十二章 or the start of a section title"
        ]
        assert app.article.top_place == before
        assert app.query_one(GoToBar).input.value == "第九十九章"
        await pilot.press("escape")
        await pilot.pause()
        assert not app.query(GoToBar)


async def test_the_palette_opens_the_go_to_bar() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not any("的表率。" in row for row in article_rows(app))
        await pilot.press("ctrl+p", *"Go to")
        await wait_for_command(pilot, "Go to")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"100%", "enter")
        await pilot.pause()
        assert any("的表率。" in row for row in article_rows(app))  # the text's last words


async def test_the_keys_screen_lists_go_to() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert any(": " in line and "Go to % or section" in line for line in screen_lines(app))

"""The reading screen, driven with keys and mouse as a reader would; assertions on the screen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from reader.app import ReaderApp
from reader.typeset import cell_width
from reader.widgets.help import HelpScreen
from reader.widgets.key_bar import KeyBar
from tests.screen import (
    notifications,
    region_lines,
    screen_lines,
    screen_strips,
    screen_text,
    status,
    text_lines,
    wait_for_command,
    wait_for_whole_document,
)

SIZE = (120, 40)
SECTION_TWO = "二、不斷提升工作水平,為構建和諧社會提供堅強的組織保證和人才支持"


def article_top(app: ReaderApp) -> str:
    """The first non-blank line of the article on screen."""
    return text_lines(app, app.article)[0]


def tree_cursor_label(app: ReaderApp) -> str:
    node = app.outline.cursor_node
    assert node is not None
    return str(node.label)


async def test_first_screen_shows_title_metadata_and_text() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # progress is where the reader is: the top is 0%
        assert status(app) == "組織工作和諧社會交流 │ 繁 │ 0%"
        lines = text_lines(app, app.article)
        assert lines[:4] == [
            "組織工作和諧社會交流",
            "時間:2022-11-27 03:08:00",
            "導語:組織工作和諧社會交流一文來源于網友上傳,不代表本站觀點,若需要原創文章可咨詢",
            "客服老師,歡迎參考。",
        ]
        assert lines[5].startswith("構建社會主義和諧社會是黨從中國特色社會主義事業")
        tree = text_lines(app, app.outline)
        assert tree[0] == "▼ 組織工作和諧社會交流"
        assert tree[1] == "├ ▼ 一、構建和諧社會對組織工作…"  # a title cut at the pane's edge
        assert tree[2] == "│ ├ 一是必須立足創新,提升組織……"  # no half character: ……
        assert app.focused is app.article


async def test_unindented_paragraphs_get_a_two_character_indent() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = region_lines(app, app.article)
        raw = [
            strip.crop(app.article.region.x, app.article.region.right).text
            for strip in screen_strips(app)
        ]
        body = next(i for i, row in enumerate(rows) if row.startswith("構建社會主義"))
        first_line, second_line = raw[1 + body], raw[2 + body]

        def indent(line: str) -> int:
            return len(line) - len(line.lstrip())

        assert indent(first_line) == indent(second_line) + 4
        assert first_line.lstrip().startswith("構建社會主義和諧社會")


async def test_choosing_a_tree_node_puts_its_heading_at_the_top() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")
        assert app.focused is app.outline
        target = next(node for node in app.outline._section_nodes if str(node.label) == SECTION_TWO)
        app.outline.move_cursor(target)
        await pilot.press("enter")
        await pilot.pause()
        assert article_top(app) == SECTION_TWO
        assert status(app).endswith(f"│ {SECTION_TWO}")


async def test_clicking_a_tree_node_jumps() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        row = next(
            i for i, line in enumerate(region_lines(app, app.outline)) if "3、進一步加強" in line
        )
        await pilot.click(app.outline, offset=(12, row))
        await pilot.pause()
        assert article_top(app).startswith(
            "3、進一步加強基層組織建設,為構建和諧社會奠定堅實的組織基"
        )


async def test_scrolling_moves_the_tree_highlight() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert tree_cursor_label(app) == "組織工作和諧社會交流"
        await pilot.press("}")
        await pilot.pause()
        assert tree_cursor_label(app) == "一、構建和諧社會對組織工作提出了新要求"
        for _ in range(6):
            await pilot.press("space")
        await pilot.pause()
        section = app.document.sections[app.document.section_index_at(app.article.top_place)]
        assert tree_cursor_label(app) == section.title
        assert section.title != "一、構建和諧社會對組織工作提出了新要求"


async def test_line_keys_and_the_mouse_wheel_scroll_one_line() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article = app.article
        for key, expected in (("j", 1), ("down", 2), ("k", 1), ("up", 0), ("up", 0)):
            await pilot.press(key)
            await pilot.pause()
            assert article.scroll_y == expected, key
        await pilot._post_mouse_events([events.MouseScrollDown], article, offset=(20, 5))
        await pilot.pause()
        assert article.scroll_y > 0
        await pilot._post_mouse_events([events.MouseScrollUp], article, offset=(20, 5))
        await pilot.pause()
        assert article.scroll_y == 0


async def test_page_keys() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article = app.article
        page = article.scrollable_content_region.height - 1
        for key, expected in (
            ("space", page),
            ("f", 2 * page),
            ("b", page),
            ("pagedown", 2 * page),
            ("pageup", page),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert article.scroll_y == expected, key


async def test_top_and_bottom() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        for end_key, top_key in (("G", "g"), ("end", "home")):
            await pilot.press(end_key)
            await pilot.pause()
            assert text_lines(app, app.article)[-1].endswith("服務群眾的表率。")
            assert status(app).startswith("組織工作和諧社會交流 │ 繁 │ 100% │")
            await pilot.press(top_key)
            await pilot.pause()
            assert article_top(app) == "組織工作和諧社會交流"
            assert app.article.top_place == 0


async def test_next_and_previous_section() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        tops = []
        for _ in range(3):
            await pilot.press("}")
            await pilot.pause()
            tops.append(article_top(app))
        assert tops[0] == "一、構建和諧社會對組織工作提出了新要求"
        assert tops[1].startswith("一是必須立足創新,提升組織工作整體水平。")
        assert tops[2].startswith("二是必須振奮精神,激發黨員干部隊伍活力。")
        await pilot.press("{")
        await pilot.pause()
        assert article_top(app) == tops[1]
        await pilot.press("{", "{")
        await pilot.pause()
        assert article_top(app) == "組織工作和諧社會交流"


async def test_switching_script_follows_everywhere_and_comes_back_to_the_original() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("}")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert status(app).startswith("组织工作和谐社会交流 │ 简 │")
        assert article_top(app) == "一、构建和谐社会对组织工作提出了新要求"
        tree = "\n".join(text_lines(app, app.outline))
        assert "一、构建和谐社会对组织工作" in tree
        assert "構建" not in tree
        article_text = "\n".join(text_lines(app, app.article))
        assert "构建社会主义和谐社会" in article_text and "構建" not in article_text

        await pilot.press("s")
        await pilot.pause()
        assert status(app).startswith("組織工作和諧社會交流 │ 繁 │")
        article_text = "\n".join(text_lines(app, app.article))
        assert "構建社會主義和諧社會" in article_text
        assert "黨員干部" in article_text and "幹部" not in article_text  # the original bytes


async def test_the_place_is_kept_across_a_switch_and_a_resize() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(4):
            await pilot.press("}")
        await pilot.press("j", "j", "j")
        await pilot.pause()
        place = app.article.top_place
        top = article_top(app)
        await pilot.press("s")
        await pilot.pause()
        assert app.article.top_place == place
        shown = app.shown.converter("simplified").convert(app.document.text[place : place + 6])
        assert article_top(app).startswith(shown)
        await pilot.resize_terminal(70, 24)
        await pilot.pause()
        assert app.article.top_place <= place
        assert app.document.text[app.article.top_place : place + 1].find("\n") == -1
        assert place - app.article.top_place < 40  # the same line, rewrapped narrower
        await pilot.press("s")
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert top.startswith(app.document.text[app.article.top_place : app.article.top_place + 4])


async def test_a_resize_keeps_the_outline_width_and_only_rewraps_the_article() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("}")
        await pilot.pause()
        place = app.article.top_place
        outline_width = app.outline.size.width
        await pilot.resize_terminal(90, 30)
        await pilot.pause()
        assert app.outline.size.width == outline_width
        assert app.article.top_place == place  # a heading stays on top
        assert app.article.layout_model.width == app.article.text_width < 80
        await pilot.resize_terminal(50, 20)  # a small terminal: the outline gives way
        await pilot.pause()
        assert app.outline.size.width < outline_width


async def test_a_taller_terminal_scrolls_as_far_as_before() -> None:
    app = ReaderApp()
    async with app.run_test(size=(140, 30)) as pilot:  # the text is exactly the reading width
        await pilot.press("j")
        assert app.article.scroll_y == 1
        await pilot.resize_terminal(140, 45)
        await pilot.pause()
        await pilot.press("G")
        bottom = app.article.scroll_y
        # the last line can still come to the top, at the new height too
        assert bottom == app.article.layout_model.total_lines - 43


async def test_the_footer_shows_the_main_keys_and_a_click_presses_one() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        footer = screen_lines(app)[-1]
        for shown in ("} Next section", "s 繁/简", "o Outline", "? Keys", "q Quit", "^p palette"):
            assert shown in footer, shown
        bar = app.query_one(KeyBar)
        await pilot.press("tab")  # the outline's keys now, not the article's
        await pilot.pause()
        assert "Next section" not in screen_lines(app)[-1]
        await pilot.press("tab")
        await pilot.pause()
        assert "Next section" in screen_lines(app)[-1]
        await pilot.click(KeyBar, offset=(footer.index("o Outline") + 1, 0))
        assert not app.outline.display
        await pilot.resize_terminal(50, 20)
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert footer.rstrip().endswith("^p palette")
        shown_keys = [key.description for key in bar.keys()[0] if key.description in footer]
        assert shown_keys == ["繁/简", "Outline", "Terms"]  # whole keys only, the app's first
        assert "Search" not in footer


async def test_tab_moves_focus_between_tree_and_article() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")
        assert app.focused is app.outline
        await pilot.press("tab")
        assert app.focused is app.article


async def test_o_hides_and_shows_the_outline() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert not app.outline.display
        assert app.article.region.x == 0
        assert all("├" not in line for line in screen_lines(app))
        await pilot.press("o")
        await pilot.pause()
        assert app.outline.display and app.article.region.x > 0


async def test_width_keys_change_the_reading_column() -> None:
    app = ReaderApp()
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()

        def longest() -> int:
            from rich.cells import cell_len

            return max(cell_len(line) for line in text_lines(app, app.article))

        assert longest() == 80
        await pilot.press("minus", "minus")
        await pilot.pause()
        assert app.article.reading_width == 72 and longest() == 72
        await pilot.press("plus", "plus", "plus")
        await pilot.pause()
        assert app.article.reading_width == 84 and longest() == 84


async def test_question_mark_lists_every_key() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(screen_lines(app))
        for expected in ("繁/简", "Next section", "Page down", "Outline", "Quit", "ctrl+p", "} "):
            assert expected in text, expected
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_the_help_screen_scrolls_to_its_end_on_a_small_screen() -> None:
    app = ReaderApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert "CC-CEDICT" not in screen_text(app)  # below the fold at 80x24
        await pilot.press("G")
        await pilot.pause()
        assert "licensed CC" in screen_text(app)  # the licence can be read
        assert "closes this screen" in screen_text(app)
        await pilot.press("g")
        await pilot.pause()
        assert "reader — keys" in screen_text(app)
        await pilot.press("j", "space")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")  # q closes the screen before it quits
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen) and app.is_running


def readme_keys() -> list[str]:
    """The keys in the first column of README's key table, as it writes them."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("| key | what it does |", 1)[1].split("\n\n", 1)[0]
    keys: list[str] = []
    for row in table.splitlines()[2:]:
        first_cell = row.split(" | ", 1)[0]
        keys.extend(re.findall(r"`([^`]+)`", first_cell))
    return keys


async def help_screen_text(pilot: Pilot[None], app: ReaderApp) -> str:
    """Everything the `?` screen shows, page by page to its end."""
    await pilot.press("question_mark")
    await pilot.pause()
    pages = [screen_text(app)]
    for _ in range(30):
        await pilot.press("space")
        await pilot.pause()
        pages.append(screen_text(app))
        if pages[-1] == pages[-2]:
            break
    return "\n".join(pages)


async def test_every_key_of_the_readmes_table_is_on_the_help_screen() -> None:
    keys = readme_keys()
    assert {"j", "PgDn", "Home", "}", "ctrl+c", "ctrl+p", "O", "'", "?"} <= set(keys)
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        shown = (await help_screen_text(pilot, app)).casefold()
    missing = [
        key
        for key in keys
        if not re.search(r"(?<!\S)" + re.escape(key.casefold()) + r"(?!\S)", shown)
    ]
    assert missing == []


async def test_the_help_screen_is_one_column_on_a_narrow_terminal() -> None:
    app = ReaderApp()
    async with app.run_test(size=(40, 15)) as pilot:
        text = await help_screen_text(pilot, app)
    # every group's title whole (two columns cut them: "Everywh…"), each on its own row
    for title in ("Everywhere", "Reading", "Outline and lists", "Vocabulary (v)"):
        assert f"  {title}  " in text, title
    assert "…" not in text


async def test_the_palette_has_one_keys_entry_and_it_is_the_help_screen() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles.count("Keys") == 1
        keys = next(c for c in app.get_system_commands(app.screen) if c.title == "Keys")
        keys.callback()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_command_palette_goes_to_a_section_by_name() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"部風建設")
        await wait_for_command(pilot, "部風建設")
        await pilot.press("enter")
        await pilot.pause()
        # a run-in heading starts mid-paragraph: its line comes to the top
        assert "三是強化部風建設。" in article_top(app)
        assert app.document.text[app.article.top_place :].startswith("三是強化部風建設。")


async def test_command_palette_finds_a_section_typed_in_the_other_script() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"调研能力")  # simplified, while the screen shows traditional
        await wait_for_command(pilot, "調研能力")
        await pilot.press("enter")
        await pilot.pause()
        assert app.document.text[app.article.top_place :].startswith("四是強化調研能力。")


async def test_command_palette_switches_script() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Switch script")
        await wait_for_command(pilot, "Switch script")
        await pilot.press("enter")
        await pilot.pause()
        assert status(app).startswith("组织工作和谐社会交流 │ 简")


async def test_q_quits() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
        assert not app.is_running


async def test_a_simplified_document_switches_to_traditional(tmp_path: Path) -> None:
    path = tmp_path / "novel.txt"
    path.write_text(
        "长河\n第一回　出发\n　　他们构建了和谐的家。\n第二回　归来\n　　完。\n", "utf-8"
    )
    app = ReaderApp(path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert status(app) == "长河 │ 简 │ 100%"
        await pilot.press("s")
        await pilot.pause()
        assert status(app).startswith("長河 │ 繁")
        assert "他們構建了和諧的家。" in "\n".join(text_lines(app, app.article))
        assert "第一回　出發" in "\n".join(text_lines(app, app.outline))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_progress_is_0_at_the_top_and_100_only_at_the_end(size: tuple[int, int]) -> None:
    app = ReaderApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert status(app).split(" │ ")[2] == "0%"
        assert "…" not in status(app) or status(app).endswith("…")  # never a bare "│"
        await pilot.press("space")
        assert 0 < int(status(app).split(" │ ")[2].rstrip("%")) < 100
        await pilot.press("G")
        await pilot.pause()
        assert status(app).split(" │ ")[2] == "100%"
        await pilot.press("k")
        assert status(app).split(" │ ")[2] != "100%"  # the last line is off screen again


async def test_a_document_that_fits_has_nothing_to_scroll(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("短文\n\n　　這裡只有一段話。\n", "utf-8")
    app = ReaderApp(path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article = app.article
        assert article.has_class("-fits")
        # the thumb is drawn in the gutter's own colour: nothing to drag, nothing hidden
        assert article.styles.scrollbar_color == article.styles.scrollbar_background
        assert status(app) == "短文 │ 繁 │ 100%"
        await pilot.press("G")
        assert status(app) == "短文 │ 繁 │ 100%"


async def test_the_status_line_cuts_the_section_name_with_an_ellipsis() -> None:
    app = ReaderApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("space", "space")
        await pilot.pause()
        line = status(app)
        assert line.startswith("組織工作和諧社會交流 │ 繁 │ ")
        assert line.endswith("…") and " │ … " not in line
        assert not line.endswith("│")


async def test_the_outline_names_the_highlighted_section_in_full() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "down", "down")  # the outline: 一是必須立足創新…
        await pilot.pause()
        assert tree_cursor_label(app).startswith("一是必須立足創新")
        assert status(app).endswith("│ 一是必須立足創新,提升組織工作整體水平")
        rows = text_lines(app, app.outline)
        cut = [row for row in rows if "…" in row]
        # every cut title's ellipsis ends in the same column
        assert len({cell_width(row[: row.rindex("…") + 1]) for row in cut}) == 1


async def test_a_narrow_screen_hides_the_outline_and_o_shows_it_over_the_text() -> None:
    app = ReaderApp()
    async with app.run_test(size=(40, 15)) as pilot:
        await pilot.pause()
        assert not app.outline.display
        assert article_top(app) == "組織工作和諧社會交流"
        width = app.article.size.width
        await pilot.press("o")
        await pilot.pause()
        assert app.outline.display and app.focused is app.outline
        assert app.article.size.width == width  # over the text, which keeps its wrap
        await pilot.press("down", "down", "enter")  # a section: the outline goes away
        await pilot.pause()
        assert not app.outline.display and app.focused is app.article
        assert article_top(app).startswith("一是必須立足創新")
        await pilot.resize_terminal(100, 30)  # room again: beside the text, as wanted
        await pilot.pause()
        assert app.outline.display and app.outline.region.x == 0
        assert app.article.region.x >= app.outline.region.right


async def test_the_reading_width_is_said_and_so_are_its_ends() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("minus")
        assert notifications(app)[-1] == "Reading width 76"
        for _ in range(20):
            await pilot.press("minus")
        assert notifications(app)[-1] == "Reading width 20: the narrowest it goes"
        app.article.reading_width = 112
        await pilot.press("plus")
        assert (
            notifications(app)[-1]
            == f"Reading width 116 (the window shows {app.article.text_width})"
        )


async def test_script_argument_opens_in_that_script() -> None:
    app = ReaderApp(script="simplified")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert status(app) == "组织工作和谐社会交流 │ 简 │ 0%"
        assert article_top(app) == "组织工作和谐社会交流"


async def test_the_scrollbars_follow_the_whole_book_and_a_resize(tmp_path: Path) -> None:
    chapter = "第{}章　章名\n" + "　　這是正文，很長很長的正文。\n" * 800
    path = tmp_path / "long.txt"
    path.write_text("長書\n" + "".join(chapter.format(n) for n in range(1, 31)), "utf-8")
    app = ReaderApp(path=path)
    async with app.run_test(size=(120, 20)) as pilot:
        article, outline = app.article, app.outline
        await wait_for_whole_document(pilot)
        await pilot.pause()
        assert outline.show_vertical_scrollbar
        await pilot.press("tab", "home", "space")  # fold the book's node: one line is left
        await pilot.pause()
        assert outline.virtual_size.height == 1
        assert not outline.show_vertical_scrollbar
        await pilot.press("space")
        for size in ((120, 20), (90, 30), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            bar = article.vertical_scrollbar
            assert bar.window_virtual_size == article.virtual_size.height
            assert bar.window_virtual_size > article.layout_model.total_lines > 24_000
            assert bar.window_size == article.scrollable_content_region.height == size[1] - 2
            # the title and 30 chapters: a scrollbar only when they do not fit
            assert outline.show_vertical_scrollbar == (size[1] - 2 < 31)


async def test_a_long_book_opens_with_its_beginning_then_has_all_of_it(tmp_path: Path) -> None:
    chapter = "第{}章　章名\n" + "　　這是正文，很長很長的正文。\n" * 800
    path = tmp_path / "long.txt"
    path.write_text("長書\n" + "".join(chapter.format(n) for n in range(1, 31)), "utf-8")
    app = ReaderApp(path=path)
    async with app.run_test(size=SIZE) as pilot:
        opening = len(app.document.sections)
        assert article_top(app) == "長書"
        await wait_for_whole_document(pilot)
        await pilot.pause()
        assert opening < 30 == len(app.document.sections)
        assert "第30章　章名" in {str(node.label) for node in app.outline._section_nodes}
        assert status(app).startswith("長書 │ 繁 │ 0%")
        await pilot.press("G")
        await pilot.pause()
        assert status(app).startswith("長書 │ 繁 │ 100% │ 第30章　章名")


async def test_the_first_paint_builds_no_converter() -> None:
    """OpenCC's tables load in a worker after the first screen is painted, not before it."""
    from reader import converter, script

    built_before_paint: list[int] = []

    class Probe(ReaderApp):
        def _after_first_paint(self) -> None:
            built_before_paint.append(converter.load_config.cache_info().currsize)
            super()._after_first_paint()

    for cached in (converter.load_config, script._converter, script._t2s_changes):
        cached.cache_clear()  # as in a new process: nothing built yet
    app = Probe()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert built_before_paint == [0]
        await app.workers.wait_for_complete()
        assert converter.load_config.cache_info().currsize > 0  # then they were built


async def test_j_k_g_G_move_and_h_l_fold_and_unfold_in_the_outline() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        assert app.focused is app.outline
        assert tree_cursor_label(app) == "組織工作和諧社會交流"
        await pilot.press("j")
        assert tree_cursor_label(app) == "一、構建和諧社會對組織工作提出了新要求"
        assert app.article.scroll_y == 0  # j moved the outline's highlight, not the text
        await pilot.press("h")  # fold it
        await pilot.pause()
        tree = text_lines(app, app.outline)
        assert tree[1] == "├ ▶ 一、構建和諧社會對組織工作…"
        assert not tree[2].startswith("│ ├ 一是")
        await pilot.press("l")  # unfold it
        await pilot.pause()
        assert text_lines(app, app.outline)[1] == "├ ▼ 一、構建和諧社會對組織工作…"
        await pilot.press("l")  # unfolded already: down into its first subsection
        assert tree_cursor_label(app).startswith("一是必須立足創新")
        await pilot.press("left")  # a subsection has nothing to fold: up to its section
        assert tree_cursor_label(app) == "一、構建和諧社會對組織工作提出了新要求"
        await pilot.press("k")
        assert tree_cursor_label(app) == "組織工作和諧社會交流"
        await pilot.press("G")
        assert tree_cursor_label(app) == "四是強化調研能力"
        await pilot.press("g")
        assert tree_cursor_label(app) == "組織工作和諧社會交流"
        assert app.article.scroll_y == 0

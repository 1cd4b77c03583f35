"""A mouse drag selects text in the article; ctrl+c copies it, in the script on screen."""

from __future__ import annotations

from textual.pilot import Pilot

from reader.app import ReaderApp
from reader.widgets.term_popup import TermPopup
from tests.screen import wait_for_terms

SIZE = (120, 30)
PHRASE = "構建社會主義和諧社會"  # the first sentence of the sample's first paragraph


async def drag(pilot: Pilot, app: ReaderApp, first: int, last: int) -> None:
    """Press on the place ``first``, move to ``last`` and let go (both drawn on screen)."""
    article = app.article
    await pilot.mouse_down(offset=article.screen_offset_of(first))
    await pilot.hover(offset=article.screen_offset_of(last))
    await pilot.mouse_up(offset=article.screen_offset_of(last))
    await pilot.pause()


async def test_a_drag_selects_and_ctrl_c_copies_in_the_script_on_screen() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = app.document.text.index(PHRASE)
        await drag(pilot, app, start, start + len(PHRASE) - 1)
        assert app.screen.get_selected_text() == PHRASE
        assert app.article.marked("selection") == [(start, start + len(PHRASE))]
        await pilot.press("ctrl+c")
        assert app.clipboard == PHRASE
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.get_selected_text() == "构建社会主义和谐社会"
        await pilot.press("ctrl+c")
        assert app.clipboard == "构建社会主义和谐社会"
        assert app.is_running


async def test_a_drag_over_two_paragraphs_copies_both_as_written() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = app.document.text
        start = text.index("導語")
        end = text.index("構建社會主義和諧社會是黨") + 4
        await drag(pilot, app, start, end - 1)
        selected = app.screen.get_selected_text()
        assert selected == text[start:end]
        assert selected.startswith("導語:組織工作") and selected.endswith("構建社會")
        assert "\n\n" in selected  # the paragraphs stay apart


async def test_a_drag_over_a_term_does_not_open_it(segmenter) -> None:  # type: ignore[no-untyped-def]
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_terms(pilot)
        start = app.document.text.index("和諧社會")
        await drag(pilot, app, start, start + 3)
        assert not isinstance(app.screen, TermPopup)
        assert app.screen.get_selected_text() == "和諧社會"
        await pilot.click(offset=app.article.screen_offset_of(start))  # a click still opens it
        await pilot.pause()
        assert isinstance(app.screen, TermPopup)

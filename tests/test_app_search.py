"""Search in the app: `/`, highlighting as you type, enter, n / N, escape, the worker."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerState

import reader.features.search as search_feature
from reader.app import ReaderApp
from reader.features.search import WAIT, SearchRun
from reader.script import to_simplified
from reader.search import Match
from reader.widgets.search_bar import SearchBar
from tests.screen import (
    article_rows,
    marks,
    notifications,
    screen_text,
    wait_for_whole_document,
    wait_until,
)

SIZE = (120, 40)


def places(text: str, word: str) -> list[Match]:
    """The oracle: where ``word`` literally is in ``text``."""
    return [(m.start(), m.end()) for m in re.finditer(re.escape(word), text)]


def shown_at(app: ReaderApp, match: Match) -> str:
    """The screen's text on the rows of ``match``, joined (a match may wrap onto the next row)."""
    article = app.article
    first, last = article.line_of_place(match[0]), article.line_of_place(match[1] - 1)
    rows = article_rows(app)
    assert 0 <= first <= last < len(rows), "the match is off screen"
    return "".join(rows[first : last + 1])


def bar(app: ReaderApp) -> SearchBar | None:
    found = app.query(SearchBar)
    return found.first() if found else None


async def settle(pilot: Pilot, query: str) -> None:
    """Wait until the typing has settled and the search for ``query`` has counted everything."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    for _ in range(500):
        await pilot.pause(0.02)
        if app.search_query == query and not app.search_busy:
            await pilot.pause()
            return
    raise AssertionError(f"the search for {query!r} never finished")


async def search(pilot: Pilot, query: str) -> None:
    """`/`, type the query, wait for the full count."""
    await pilot.press("slash", *query)
    await settle(pilot, query)


async def test_simplified_query_lights_up_traditional_text_then_enter_n_and_n_wrap() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        expected = places(app.document.text, "構建")
        assert len(expected) == 32

        await pilot.press("slash")
        search_bar = bar(app)
        assert search_bar is not None
        assert app.focused is search_bar.input
        await pilot.press("构", "建")
        await settle(pilot, "构建")
        assert marks(app, "match") == expected
        assert marks(app, "match-current") == []
        assert app.search_label == "32 matches"
        assert "32 matches" in screen_text(app)
        assert search_bar.input.value == "构建"

        top = app.article.top_place
        await pilot.press("enter")
        first = next(m for m in expected if m[0] >= top)
        assert first == expected[0]
        assert app.focused is app.article
        assert marks(app, "match-current") == [first]
        assert marks(app, "match") == expected  # the marks stay
        assert app.search_label == "match 1 / 32"
        assert "match 1 / 32" in screen_text(app)
        assert "構建" in shown_at(app, first)

        await pilot.press("n")
        assert marks(app, "match-current") == [expected[1]]
        assert app.search_label == "match 2 / 32"
        assert "構建" in shown_at(app, expected[1])

        await pilot.press("N")
        assert marks(app, "match-current") == [expected[0]]
        assert app.search_label == "match 1 / 32"

        await pilot.press("N")  # wraps around to the last one, far below: it is brought on screen
        assert marks(app, "match-current") == [expected[-1]]
        assert app.search_label == "match 32 / 32"
        assert "構建" in shown_at(app, expected[-1])

        await pilot.press("n")  # and back from the last to the first
        assert marks(app, "match-current") == [expected[0]]
        assert app.search_label == "match 1 / 32"
        assert "構建" in shown_at(app, expected[0])


async def test_n_goes_through_every_match_in_order_and_wraps() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        expected = places(app.document.text, "構建")
        await search(pilot, "構建")
        await pilot.press("enter")
        seen = [marks(app, "match-current")[0]]
        labels = [app.search_label]
        for _ in range(len(expected)):
            await pilot.press("n")
            seen.append(marks(app, "match-current")[0])
            labels.append(app.search_label)
        assert seen == [*expected, expected[0]]
        assert labels == [f"match {i} / 32" for i in range(1, 33)] + ["match 1 / 32"]


@pytest.mark.parametrize("query", ["幹部", "干部"])
async def test_both_forms_find_the_stray_simplified_gan_bu(query: str) -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        expected = places(app.document.text, "干部")
        assert len(expected) == 35
        assert "幹部" not in app.document.text
        await search(pilot, query)
        assert marks(app, "match") == expected
        assert app.search_label == "35 matches"
        await pilot.press("enter")
        assert app.search_label == "match 1 / 35"
        assert "干部" in shown_at(app, expected[0])


async def test_traditional_query_in_the_simplified_view_shows_simplified_matches() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        expected = places(app.document.text, "構建")
        await pilot.press("s")
        assert app.shown_script == "simplified"
        await search(pilot, "構建")
        assert marks(app, "match") == expected
        await pilot.press("enter", "n", "n")
        assert app.search_label == "match 3 / 32"
        assert marks(app, "match-current") == [expected[2]]
        shown = shown_at(app, expected[2])
        assert "构建" in shown
        assert "構建" not in shown


async def test_the_marks_survive_a_script_switch() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        expected = places(app.document.text, "構建")
        await search(pilot, "构建")
        await pilot.press("enter", "n")
        assert "構建" in shown_at(app, expected[1])
        await pilot.press("s")
        assert marks(app, "match") == expected
        assert marks(app, "match-current") == [expected[1]]
        assert "构建" in shown_at(app, expected[1])
        await pilot.press("n")
        assert app.search_label == "match 3 / 32"


async def test_enter_goes_to_the_first_match_below_the_readers_place() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        expected = places(app.document.text, "構建")
        await pilot.press("right_curly_bracket", "right_curly_bracket", "right_curly_bracket")
        top = app.article.top_place
        assert top > expected[0][0]
        await search(pilot, "构建")
        assert app.article.top_place == top  # opening the bar does not move the text
        await pilot.press("enter")
        index = next(i for i, m in enumerate(expected) if m[0] >= top)
        assert marks(app, "match-current") == [expected[index]]
        assert app.search_label == f"match {index + 1} / 32"
        await pilot.press("N")
        assert marks(app, "match-current") == [expected[index - 1]]
        assert app.search_label == f"match {index} / 32"
        assert "構建" in shown_at(app, expected[index - 1])


def test_a_run_puts_what_arrives_from_the_origin_round_in_order() -> None:
    run = SearchRun("x", origin=50, generation=1)
    assert run.label() == "searching…"
    run.add([(50, 51), (70, 71)])
    assert run.known() == [(50, 51), (70, 71)]
    assert run.label() == "searching… 2 so far"
    assert run.target(+1, None, 50) == (50, 51)
    assert run.target(+1, (50, 51), 0) == (70, 71)
    assert run.target(+1, (70, 71), 0) == WAIT  # not searched that far yet
    assert run.target(-1, (50, 51), 0) == WAIT  # before the origin: searched last
    assert run.target(-1, None, 50) == WAIT
    run.current = (70, 71)
    assert run.label() == "match ? / …"  # the matches before the origin are not counted yet
    run.add([(10, 11)])
    assert run.known() == [(10, 11), (50, 51), (70, 71)]
    run.finish()
    assert run.known() == [(10, 11), (50, 51), (70, 71)]
    assert run.label() == "match 3 / 3"
    assert run.target(+1, (70, 71), 0) == (10, 11)
    assert run.target(-1, (10, 11), 0) == (70, 71)
    assert run.target(-1, None, 50) == (10, 11)
    assert run.target(+1, None, 50) == (50, 51)
    run.current = None
    assert run.label() == "3 matches"


async def test_escape_in_the_bar_closes_it_and_clears_the_marks() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "構建")
        assert marks(app, "match")
        await pilot.press("escape")
        await pilot.pause()
        assert bar(app) is None
        assert "32 matches" not in screen_text(app)
        assert marks(app, "match") == []
        assert marks(app, "match-current") == []
        assert app.focused is app.article
        assert app.search_label == ""
        await pilot.press("n")  # nothing to go to any more
        assert marks(app, "match-current") == []


async def test_escape_after_enter_closes_it_too_and_then_belongs_to_others() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "構建")
        await pilot.press("enter")
        assert app.focused is app.article
        assert marks(app, "match-current")
        assert app.close_search() is True
        await pilot.pause()
        assert bar(app) is None
        assert marks(app, "match") == marks(app, "match-current") == []
        assert app.close_search() is False


async def test_slash_again_reopens_the_same_bar_and_enter_moves_on() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        expected = places(app.document.text, "構建")
        await search(pilot, "構建")
        await pilot.press("enter", "slash")
        assert len(app.query(SearchBar)) == 1
        search_bar = bar(app)
        assert search_bar is not None
        assert app.focused is search_bar.input
        await pilot.press("enter")  # the same query: the next match after the current one
        assert marks(app, "match-current") == [expected[1]]
        assert app.search_label == "match 2 / 32"


async def test_editing_the_query_searches_again_and_an_empty_one_clears() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "構建")
        await pilot.press("backspace")
        await settle(pilot, "構")
        assert len(marks(app, "match")) == app.document.text.count("構")
        await pilot.press("backspace")
        await pilot.pause()
        assert marks(app, "match") == []
        assert app.search_label == ""
        await pilot.press("enter")  # an empty query closes the bar
        await pilot.pause()
        assert bar(app) is None


async def test_no_match() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "量子")
        assert app.search_label == "no matches"
        top = app.article.top_place
        await pilot.press("enter")
        assert app.search_label == "no matches"
        assert app.article.top_place == top
        assert marks(app, "match") == marks(app, "match-current") == []


async def test_latin_letters_match_in_any_case(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_text("Hello 你好\n\nhello HELLO 世界\n\nyellow\n", encoding="utf-8")
    app = ReaderApp(path=path)
    async with app.run_test(size=SIZE) as pilot:
        expected = places(app.document.text.lower(), "hello")
        assert len(expected) == 3
        await search(pilot, "hELLo")
        assert marks(app, "match") == expected
        assert app.search_label == "3 matches"
        await pilot.press("enter", "n", "n")
        assert app.search_label == "match 3 / 3"
        assert "HELLO" in shown_at(app, expected[2])


async def test_an_imes_full_width_comma_finds_ascii_commas(tmp_path: Path) -> None:
    path = tmp_path / "commas.txt"
    path.write_text("一二, 三四,五\n\n六七，八\n", encoding="utf-8")
    app = ReaderApp(path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        search_bar = bar(app)
        assert search_bar is not None
        search_bar.input.insert_text_at_cursor("，")  # as an IME commits it
        await settle(pilot, "，")
        assert marks(app, "match") == [(2, 3), (6, 7), (12, 13)]
        assert app.search_label == "3 matches"


async def test_the_search_runs_in_a_worker_and_the_keys_keep_working(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The conversion is held up, then let through a few paragraphs at a time: the app
    answers keys meanwhile, a waiting enter goes to the first match as soon as it is found,
    and the count shows "…" until the search has gone all the way round."""
    path = tmp_path / "long.txt"
    paragraph = "經濟社會發展,構建和諧社會,加強黨的建設。" * 5
    path.write_text("\n\n".join([paragraph] * 2000), encoding="utf-8")
    permits = threading.Semaphore(0)  # one per conversion (the query's, each paragraph's)
    free = threading.Event()

    def held_up(text: str) -> str:
        if not free.is_set():
            assert permits.acquire(timeout=30), "the test never let the conversion go on"
        return to_simplified(text)

    monkeypatch.setattr(search_feature, "to_simplified", held_up)
    app = ReaderApp(path=path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_whole_document(pilot)
            expected = places(app.document.text, "構建")
            assert len(expected) == 10_000
            await pilot.press("slash", "构", "建")
            for _ in range(500):
                await pilot.pause(0.02)
                if any(w.group == "search" and w.state == WorkerState.RUNNING for w in app.workers):
                    break
            else:
                raise AssertionError("no search worker started")
            assert app.search_label == "searching…"
            await pilot.press("enter")  # no match found yet: it waits, the keys come back
            assert app.focused is app.article
            assert app.outline.display
            await pilot.press("o")  # the app answers while the search is held up
            assert not app.outline.display
            assert app.search_busy
            assert app.search_label == "searching…"
            assert marks(app, "match-current") == []

            # the query and a first paragraph or two (the warm-up worker may take one permit)
            permits.release(4)
            await wait_until(pilot, lambda: marks(app, "match-current"), "the waiting enter")
            assert marks(app, "match-current") == [expected[0]]  # the waiting enter went there
            assert app.search_busy
            assert app.search_label == "match 1 / …"
            await wait_until(pilot, lambda: "match 1 / …" in screen_text(app), "the count shown")

            free.set()
            permits.release(100)
            await settle(pilot, "构建")
            assert len(marks(app, "match")) == 10_000
            assert marks(app, "match-current") == [expected[0]]
            assert app.search_label == "match 1 / 10000"
    finally:
        free.set()
        permits.release(100)


async def test_slash_remembers_the_last_searches_and_n_after_escape_repeats_it() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "構建")
        await pilot.press("enter")
        await pilot.press("slash")
        search_bar = bar(app)
        assert search_bar is not None
        search_bar.input.value = ""
        await pilot.press(*"和諧")
        await settle(pilot, "和諧")
        await pilot.press("enter", "escape")
        assert bar(app) is None and marks(app, "match") == []

        await pilot.press("slash")  # the last query, selected: typing would replace it
        search_bar = bar(app)
        assert search_bar is not None and search_bar.value == "和諧"
        await pilot.press("up")
        assert search_bar.value == "構建"
        await pilot.press("down")
        assert search_bar.value == "和諧"
        await pilot.press("down")
        assert search_bar.value == ""
        await pilot.press("escape")

        top = app.article.top_place
        await pilot.press("n")  # after escape: the last search again, from here
        await settle(pilot, "和諧")
        current = marks(app, "match-current")
        assert len(current) == 1 and current[0][0] >= top
        assert app.document.text[current[0][0] : current[0][1]] == "和諧"
        await pilot.press("escape")  # and escape clears it, bar or no bar
        assert marks(app, "match") == marks(app, "match-current") == []


async def test_going_round_the_end_is_said(tmp_path: Path) -> None:
    path = tmp_path / "round.txt"
    path.write_text("甲乙\n\n丙\n\n甲丁\n", encoding="utf-8")
    app = ReaderApp(path=path)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "甲")
        await pilot.press("enter", "n")
        assert "Search went on from the top" not in notifications(app)
        await pilot.press("n")
        assert marks(app, "match-current") == [(0, 1)]
        assert notifications(app)[-1] == "Search went on from the top"
        await pilot.press("N")
        assert notifications(app)[-1] == "Search went on from the end"


async def test_the_current_match_looks_unlike_the_others() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE):
        article = app.article
        current = article.get_component_rich_style("article--match-current")
        other = article.get_component_rich_style("article--match")
        assert current.bgcolor != other.bgcolor
        assert current.bold and current.underline and not other.underline

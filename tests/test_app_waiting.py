"""Keys pressed while something loads are kept and carried out once it is ready.

Each test holds back what the key needs (the whole of a long book, the dictionary, its
pinyin index, jieba) behind a threading.Event, presses the key, looks at the screen, then
lets the loading finish and looks again.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.app import ReaderApp
from reader.dictionary import Dictionary
from reader.document import Document
from reader.load import Source
from reader.vocab import VocabItem, Vocabulary
from reader.widgets.bookmarks import BookmarksScreen
from reader.widgets.profile import ProfileScreen
from reader.widgets.vocabulary import VocabularyScreen
from reader.widgets.word_popup import WordPopup
from reader.words import Segmenter
from tests.screen import (
    article_rows,
    marks,
    notifications,
    screen_text,
    status,
    wait_for_command,
    wait_for_whole_document,
    wait_until,
)

SIZE = (120, 40)
DIGITS = "一二三四五六七八九"


def numeral(number: int) -> str:
    """1 to 99 as a chapter is numbered: 一, 十, 十三, 二十, 二十九."""
    tens, ones = divmod(number, 10)
    text = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens - 1] + "十")
    return text + (DIGITS[ones - 1] if ones else "")


BODY = "天下大勢，分久必合，合久必分。" * 100  # 1500 characters
LATER = "赤壁之戰" + "天下大勢，分久必合，合久必分。" * 99 + "大江東去。"  # chapter 20's


def long_book() -> str:
    """30 chapters of about 1,500 characters: the opening (20,000 at most, cut at a blank
    line) holds the first 13; 赤壁 is in chapter 20 only; the book ends with 全書完。"""
    chapters = [
        f"第{numeral(number)}章　回目\n　　{LATER if number == 20 else BODY}\n\n"
        for number in range(1, 31)
    ]
    return "長書\n\n" + "".join(chapters) + "全書完。\n"


class GatedSource(Source):
    """A plain text whose whole parse (not its opening's) waits for ``gate``."""

    gate: threading.Event

    def parse(self) -> Document:
        if len(self.text) > 20_000:  # the whole book, parsed in the app's worker
            type(self).gate.wait(10)
        return super().parse()


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    """What a test sets to let the loading go on (set in the end, whatever happened)."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def whole_gate(gate: threading.Event) -> threading.Event:
    GatedSource.gate = gate
    return gate


@pytest.fixture(scope="module")
def tiny_cedict(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cedict") / "cedict.txt"
    path.write_text(
        "交流 交流 [jiao1 liu2] /to exchange/to communicate/\n社會 社会 [she4 hui4] /society/\n",
        encoding="utf-8",
    )
    return path


def book_app(segmenter: Segmenter, tiny_cedict: Path) -> ReaderApp:
    return ReaderApp(
        source=GatedSource(long_book(), "長書.txt"),
        segmenter=segmenter,
        load_dictionary=lambda: Dictionary.load(tiny_cedict),
    )


async def on_the_opening(pilot: Pilot) -> ReaderApp:
    app = pilot.app
    assert isinstance(app, ReaderApp)
    await pilot.pause()
    assert not app.document_complete
    assert [s.title for s in app.document.sections][-1] == "第十三章　回目"  # the opening's last
    return app


def top_row(app: ReaderApp) -> str:
    return next(row for row in article_rows(app) if row)


# -- the whole of a long book ----------------------------------------------------------------


async def test_G_on_the_opening_goes_to_the_end_of_the_whole_book(
    segmenter: Segmenter, tiny_cedict: Path, whole_gate: threading.Event
) -> None:
    app = book_app(segmenter, tiny_cedict)
    async with app.run_test(size=SIZE) as pilot:
        await on_the_opening(pilot)
        await pilot.press("G")
        await pilot.pause()
        assert "opening the whole book…" in status(app)
        assert "全書完。" not in article_rows(app)
        whole_gate.set()
        await wait_for_whole_document(pilot)
        await pilot.pause()
        assert "全書完。" in article_rows(app)
        assert "100%" in status(app)
        assert "opening the whole book" not in status(app)


async def test_section_keys_go_on_past_the_opening(
    segmenter: Segmenter, tiny_cedict: Path, whole_gate: threading.Event
) -> None:
    app = book_app(segmenter, tiny_cedict)
    async with app.run_test(size=SIZE) as pilot:
        await on_the_opening(pilot)
        await pilot.press(*["right_curly_bracket"] * 15, "left_curly_bracket")
        whole_gate.set()
        await wait_for_whole_document(pilot)
        await pilot.pause()
        # every press counted, in order: fifteen on from the title, then one back
        assert top_row(app) == "第十四章　回目"


async def test_pages_past_the_opening_go_on_once_the_whole_book_is_parsed(
    segmenter: Segmenter, tiny_cedict: Path, whole_gate: threading.Event
) -> None:
    app = book_app(segmenter, tiny_cedict)
    async with app.run_test(size=SIZE) as pilot:
        opening = len((await on_the_opening(pilot)).document.text)
        await pilot.press(*["space"] * 30)
        await pilot.pause()
        waited_at = app.article.top_place
        assert waited_at < opening  # stopped where the opening ends
        whole_gate.set()
        await wait_for_whole_document(pilot)
        await pilot.pause()
        assert app.article.top_place > opening


async def test_a_palette_section_jump_offers_the_sections_past_the_opening(
    segmenter: Segmenter, tiny_cedict: Path, whole_gate: threading.Event
) -> None:
    app = book_app(segmenter, tiny_cedict)
    async with app.run_test(size=SIZE) as pilot:
        await on_the_opening(pilot)
        await pilot.press("ctrl+p", *"第二十章")
        await pilot.pause()
        whole_gate.set()
        await wait_for_command(pilot, "第二十章")
        await pilot.press("enter")
        await pilot.pause()
        assert top_row(app) == "第二十章　回目"


async def test_a_search_on_the_opening_finds_a_match_in_the_later_part(
    segmenter: Segmenter, tiny_cedict: Path, whole_gate: threading.Event
) -> None:
    app = book_app(segmenter, tiny_cedict)
    async with app.run_test(size=SIZE) as pilot:
        await on_the_opening(pilot)
        await pilot.press("slash", *"赤壁", "enter")
        await pilot.pause()
        assert "opening the whole book…" in status(app)
        whole_gate.set()
        await wait_for_whole_document(pilot)
        place = long_book().index("赤壁")
        await wait_until(pilot, lambda: marks(app, "match-current"), "the current match")
        await pilot.pause()
        assert marks(app, "match-current") == [(place, place + 2)]
        assert any(row.startswith("赤壁之戰") for row in article_rows(app))


async def test_escape_in_the_search_bar_drops_the_search_s_waiting_step(
    segmenter: Segmenter, tiny_cedict: Path, whole_gate: threading.Event
) -> None:
    app = book_app(segmenter, tiny_cedict)
    async with app.run_test(size=SIZE) as pilot:
        await on_the_opening(pilot)
        await pilot.press("slash", *"赤壁", "enter", "slash", "escape")  # the bar's own escape
        await pilot.pause()
        whole_gate.set()
        await wait_for_whole_document(pilot)
        await pilot.pause(0.3)
        assert app.article.top_place == 0
        assert marks(app, "match-current") == []


async def test_go_to_a_share_goes_to_that_share_of_the_whole_book(
    segmenter: Segmenter, tiny_cedict: Path, whole_gate: threading.Event
) -> None:
    app = book_app(segmenter, tiny_cedict)
    async with app.run_test(size=SIZE) as pilot:
        await on_the_opening(pilot)
        await pilot.press("colon", *"50%", "enter")
        await pilot.pause()
        assert "opening the whole book…" in status(app)
        whole_gate.set()
        await wait_for_whole_document(pilot)
        await pilot.pause()
        half = round(len(long_book()) / 2)
        top = app.article.top_place
        assert top <= half < top + app.article.text_width  # the line holding it, on top
        assert "50%" in status(app)


async def test_go_to_a_share_inside_the_opening_goes_at_once(
    segmenter: Segmenter, tiny_cedict: Path, whole_gate: threading.Event
) -> None:
    """A plain text's length is known before its whole is parsed: 10% of it is certain."""
    app = book_app(segmenter, tiny_cedict)
    async with app.run_test(size=SIZE) as pilot:
        await on_the_opening(pilot)
        await pilot.press("colon", *"10%", "enter")
        await pilot.pause()
        tenth = round(len(long_book()) / 10)
        top = app.article.top_place
        assert top <= tenth < top + app.article.text_width
        assert "opening the whole book" not in status(app)


async def test_a_bookmark_made_on_the_opening_is_kept(
    segmenter: Segmenter, tiny_cedict: Path, whole_gate: threading.Event
) -> None:
    app = book_app(segmenter, tiny_cedict)
    async with app.run_test(size=SIZE) as pilot:
        await on_the_opening(pilot)
        await pilot.press("right_curly_bracket")  # waits, with the bookmark after it
        await pilot.press("m", "apostrophe")
        whole_gate.set()
        await wait_for_whole_document(pilot)
        await pilot.pause()
        assert "Bookmark added" in notifications(app)
        assert isinstance(app.screen, BookmarksScreen)
        assert app.screen.option_list.option_count == 1
        assert "第一章　回目" in screen_text(app)  # where } led, before m was pressed


async def test_the_profile_asked_on_the_opening_is_of_the_whole_book(
    segmenter: Segmenter, tiny_cedict: Path, whole_gate: threading.Event
) -> None:
    app = book_app(segmenter, tiny_cedict)
    async with app.run_test(size=SIZE) as pilot:
        await on_the_opening(pilot)
        await pilot.press("P")
        await pilot.pause(0.3)
        assert not isinstance(app.screen, ProfileScreen)  # not the opening's profile
        whole_gate.set()
        await wait_until(pilot, lambda: isinstance(app.screen, ProfileScreen), "the profile")
        assert app.document_complete


async def test_the_vocabulary_asked_on_the_opening_finds_a_word_met_past_it(
    segmenter: Segmenter, tiny_cedict: Path, whole_gate: threading.Event
) -> None:
    Vocabulary.load().add(
        VocabItem(
            simplified="赤壁",
            traditional="赤壁",
            pinyin="chì bì",
            definition="Chibi",
            sentence="赤壁之戰天下大勢，",
            document_title="長書",
            added="2024-05-01",
        )
    )
    app = book_app(segmenter, tiny_cedict)
    async with app.run_test(size=SIZE) as pilot:
        await on_the_opening(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert not isinstance(app.screen, VocabularyScreen)
        whole_gate.set()
        await wait_until(pilot, lambda: isinstance(app.screen, VocabularyScreen), "the list")
        screen = app.screen
        assert isinstance(screen, VocabularyScreen)
        await wait_until(pilot, lambda: len(screen.shown) == 1, "the entry listed")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.word_cursor is not None, "the word cursor")
        place = long_book().index("赤壁")
        assert app.word_cursor == (place, place + 4)  # jieba: 赤壁之戰 is one word


async def test_escape_cancels_a_move_that_waits(
    segmenter: Segmenter, tiny_cedict: Path, whole_gate: threading.Event
) -> None:
    app = book_app(segmenter, tiny_cedict)
    async with app.run_test(size=SIZE) as pilot:
        await on_the_opening(pilot)
        await pilot.press("G", "escape")
        await pilot.pause()
        assert "opening the whole book" not in status(app)
        assert "Cancelled what was waiting (opening the whole book)" in notifications(app)
        whole_gate.set()
        await wait_for_whole_document(pilot)
        await pilot.pause()
        assert app.article.top_place == 0


# -- the dictionary, its pinyin, jieba ---------------------------------------------------------


class GatedSegmenter(Segmenter):
    """jieba, loaded only once ``gate`` is set."""

    def __init__(self, gate: threading.Event) -> None:
        super().__init__()
        self.gate = gate

    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.gate.wait(10)
        super().ensure_loaded()


class GatedIndexDictionary(Dictionary):
    """A dictionary whose index by reading, built in the loading worker, waits for a gate."""

    gate: threading.Event

    def prepare_readings(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            type(self).gate.wait(10)
        super().prepare_readings()


def slow_dictionary_app(
    gate: threading.Event, segmenter: Segmenter, tiny_cedict: Path
) -> ReaderApp:
    """The sample, with the dictionary loaded only once ``gate`` is set."""

    def slow_dictionary() -> Dictionary:
        gate.wait(10)
        return Dictionary.load(tiny_cedict)

    return ReaderApp(segmenter=segmenter, load_dictionary=slow_dictionary)


def slow_jieba_app(gate: threading.Event, tiny_cedict: Path) -> ReaderApp:
    """The sample, with jieba loaded only once ``gate`` is set."""
    return ReaderApp(
        segmenter=GatedSegmenter(gate), load_dictionary=lambda: Dictionary.load(tiny_cedict)
    )


async def test_a_popup_asked_before_the_dictionary_opens_once_it_is_loaded(
    gate: threading.Event, segmenter: Segmenter, tiny_cedict: Path
) -> None:
    app = slow_dictionary_app(gate, segmenter, tiny_cedict)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.move_word_cursor_to(app.document.text.index("交流"))
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, WordPopup)
        assert "loading the dictionary…" in status(app)
        gate.set()
        await wait_until(pilot, lambda: isinstance(app.screen, WordPopup), "the popup")
        assert "交流" in [sense.simplified for sense in app.screen.senses]
        await pilot.press("escape")
        await pilot.pause()
        assert "loading the dictionary" not in status(app)


async def test_escape_cancels_a_popup_that_waits_before_leaving_the_cursor(
    gate: threading.Event, segmenter: Segmenter, tiny_cedict: Path
) -> None:
    app = slow_dictionary_app(gate, segmenter, tiny_cedict)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d", "enter", "escape")
        await pilot.pause()
        assert "loading the dictionary" not in status(app)
        assert app.word_cursor is not None  # the first escape cancelled the wait only
        gate.set()
        await wait_until(pilot, lambda: app.cedict is not None, "the dictionary")
        await pilot.pause(0.2)
        assert not isinstance(app.screen, WordPopup)


async def test_typed_pinyin_waits_for_the_worker_s_index_by_reading(
    gate: threading.Event, segmenter: Segmenter, tiny_cedict: Path
) -> None:
    GatedIndexDictionary.gate = gate
    app = ReaderApp(
        segmenter=segmenter, load_dictionary=lambda: GatedIndexDictionary.load(tiny_cedict)
    )
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.cedict is not None, "the dictionary")
        await pilot.press("D", *"jiaoliu", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, WordPopup)  # not indexed on the UI thread
        assert "indexing the dictionary's pinyin…" in status(app)
        gate.set()
        await wait_until(pilot, lambda: isinstance(app.screen, WordPopup), "the popup")
        assert app.screen.senses[0].simplified == "交流"


async def test_next_term_before_jieba_is_loaded_selects_it_once_found(
    gate: threading.Event, tiny_cedict: Path
) -> None:
    app = slow_jieba_app(gate, tiny_cedict)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.selected_term is None
        assert "finding terms…" in status(app)
        gate.set()
        await wait_until(pilot, lambda: app.selected_term is not None, "a selected term")
        hit = app.selected_term
        assert hit is not None
        assert app.document.text[hit.start : hit.end] == "和諧社會"  # the first term


async def test_the_word_cursor_and_K_take_the_whole_word_once_jieba_loads(
    gate: threading.Event, tiny_cedict: Path
) -> None:
    app = slow_jieba_app(gate, tiny_cedict)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        text = app.document.text

        def under_cursor() -> str:
            span = app.word_cursor
            return "" if span is None else text[span[0] : span[1]]

        assert under_cursor() == "組"  # one character until jieba is loaded
        await pilot.press("K")
        await pilot.pause()
        assert "loading the word list…" in status(app)
        gate.set()
        await wait_until(pilot, lambda: under_cursor() == "組織", "the whole word")
        await wait_until(pilot, lambda: "組織: known" in notifications(app), "K's notice")
        assert "組: known" not in notifications(app)

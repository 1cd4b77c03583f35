"""Resume, bookmarks, theme and settings in the running app (Pilot, headless)."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

import reader.features.places as places_module
from reader.app import ReaderApp
from reader.settings import Settings, load_settings, settings_path
from reader.state import Bookmark, ReadingState, StateStore, document_key
from reader.widgets.bookmarks import BookmarksScreen
from tests.conftest import SAMPLE
from tests.screen import (
    article_rows,
    notifications,
    screen_lines,
    status,
    wait_for_command,
    wait_for_saves,
)

# places of the sample's sections (the tests check them, so a changed sample shows here)
FIRST_SECTION = 276  # 一、構建和諧社會對組織工作提出了新要求
THIRD_SECTION = 754  # 二是必須振奮精神,激發黨員干部隊伍活力


def state_path(text: str) -> Path:
    return StateStore().document_path(document_key(text))


def saved_state(text: str) -> dict:
    return json.loads(state_path(text).read_text(encoding="utf-8"))


def article_lines(app: ReaderApp) -> list[str]:
    """The article's rows on screen, without the margins; blank rows dropped."""
    return [row for row in article_rows(app) if row]


# -- resume ----------------------------------------------------------------------------------


async def test_resume_at_another_width_and_script(sample_text: str) -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*["right_curly_bracket"] * 3)
        assert app.article.top_place == THIRD_SECTION
        await pilot.press("s", "o", "minus")
        await pilot.pause()
        assert app.article.top_place == THIRD_SECTION
        await pilot.press("q")
    assert saved_state(sample_text) | {"updated": ""} == {
        "version": 2,
        "place": THIRD_SECTION,
        "place_anchor": [",不斷提升組織工作整體水平。\n\n", "二是必須振奮精神,激發黨員干部隊"],
        "script": "simplified",
        "outline_visible": False,
        "reading_width": 76,
        "bookmarks": [],
        "path": str(SAMPLE.resolve()),
        "length": len(sample_text),
        "updated": "",
    }

    app = ReaderApp()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        assert app.article.top_place == THIRD_SECTION
        assert article_lines(app)[0].startswith("二是必须振奋精神,激发党员干部队伍活力。")
        assert status(app).split(" │ ")[1] == "简"
        assert app.shown_script == "simplified"
        assert not app.outline.display
        assert app.article.reading_width == 76


def text_rows(app: ReaderApp) -> list[str]:
    """The article's rows without its scrollbar (whose thumb depends on estimated heights)."""
    return [row.rstrip("▁▂▃▄▅▆▇█ ") for row in article_rows(app)]


async def test_resuming_at_the_end_shows_the_last_line() -> None:
    for size in ((80, 24), (120, 40)):
        app = ReaderApp()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.press("G")
            await pilot.pause()
            at_the_end = text_rows(app)
            await pilot.press("q")
        app = ReaderApp()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert text_rows(app) == at_the_end
            assert [row for row in at_the_end if row][-1].endswith("服務群眾的表率。")
            assert status(app).split(" │ ")[2] == "100%"


async def test_resume_in_the_middle_of_a_paragraph() -> None:
    """The place is a character, not a line: a narrower screen still starts there."""
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*["right_curly_bracket"] * 3, "j", "j")
        place = app.article.top_place
        assert place > THIRD_SECTION
        first = article_lines(app)[0]
        assert first.startswith(app.document.text[place : place + 6])
        await pilot.press("q")

    app = ReaderApp()
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        assert app.article.top_place == place
        assert app.article.line_of_place(place) == 0
        assert app.document.text[place] in article_lines(app)[0]


async def test_a_renamed_copy_resumes_and_nothing_is_written_beside_it(
    tmp_path: Path, sample_text: str
) -> None:
    first = tmp_path / "one" / "article.txt"
    first.parent.mkdir()
    shutil.copyfile(SAMPLE, first)
    app = ReaderApp(first)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("right_curly_bracket")
        assert app.article.top_place == FIRST_SECTION
        await pilot.press("q")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["article.txt", "one"]

    moved = tmp_path / "two" / "renamed.txt"
    moved.parent.mkdir()
    first.rename(moved)
    app = ReaderApp(moved)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.article.top_place == FIRST_SECTION
        assert article_lines(app)[0] == "一、構建和諧社會對組織工作提出了新要求"
        await pilot.press("q")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["one", "renamed.txt", "two"]
    assert moved.read_text(encoding="utf-8") == sample_text


async def test_a_file_edited_by_one_line_keeps_its_place_and_bookmarks(
    tmp_path: Path, sample_text: str
) -> None:
    path = tmp_path / "article.txt"
    shutil.copyfile(SAMPLE, path)
    app = ReaderApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("right_curly_bracket", "m", "right_curly_bracket", "right_curly_bracket")
        assert app.article.top_place == THIRD_SECTION
        await pilot.press("q")

    added = "編者按:本文有所刪節。\n\n"  # a line inserted above everything read
    path.write_text(added + sample_text, encoding="utf-8")
    app = ReaderApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.article.top_place == THIRD_SECTION + len(added)
        assert article_lines(app)[0].startswith("二是必須振奮精神,激發黨員干部隊伍活力。")
        assert notifications(app) == [
            "The document changed since you last read it: your place and 1 bookmark "
            "found again by the text around it"
        ]
        assert [b.place for b in app._places_state.bookmarks] == [FIRST_SECTION + len(added)]
        await pilot.press("q")


async def test_a_state_file_of_another_shape_is_set_aside_not_overwritten(
    sample_text: str,
) -> None:
    path = state_path(sample_text)
    path.parent.mkdir(parents=True)
    path.write_text('[{"place": 754}]', encoding="utf-8")
    app = ReaderApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        (aside,) = path.parent.glob(f"{path.name}.corrupt-*")
        assert notifications(app) == [
            f"{path}: corrupt (not a reading state); moved aside to {aside.name}"
        ]
        await pilot.press("right_curly_bracket", "q")
    assert aside.read_text(encoding="utf-8") == '[{"place": 754}]'
    assert saved_state(sample_text)["place"] == FIRST_SECTION


async def test_no_resume_opens_at_the_top_and_still_saves(sample_text: str) -> None:
    app = ReaderApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*["right_curly_bracket"] * 3)
        await pilot.press("q")

    app = ReaderApp(resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.article.top_place == 0
        assert article_lines(app)[0] == "組織工作和諧社會交流"
        await pilot.press("right_curly_bracket")
        await pilot.press("q")
    assert saved_state(sample_text)["place"] == FIRST_SECTION

    app = ReaderApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.article.top_place == FIRST_SECTION


async def test_the_script_option_wins_over_the_remembered_script() -> None:
    app = ReaderApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        assert app.shown_script == "simplified"
        await pilot.press("q")

    for choice in ("traditional", "original"):
        app = ReaderApp(script=choice)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.shown_script == "traditional"
            assert status(app).split(" │ ")[1] == "繁"

    app = ReaderApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.shown_script == "simplified"  # the last session without --script saved it


async def test_saves_every_few_seconds_only_when_something_changed(sample_text: str) -> None:
    app = ReaderApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app._places_save_if_changed()  # what the 5-second timer calls
        await wait_for_saves(pilot, app)
        assert not state_path(sample_text).exists()
        await pilot.press("right_curly_bracket")
        app._places_save_if_changed()
        await wait_for_saves(pilot, app)
        saved = saved_state(sample_text)
        assert saved["place"] == FIRST_SECTION
        state_path(sample_text).write_text("{}", encoding="utf-8")
        app._places_save_if_changed()  # unchanged since the last save: the file is not rewritten
        await wait_for_saves(pilot, app)
        assert state_path(sample_text).read_text(encoding="utf-8") == "{}"


async def test_the_save_timer_firing_while_the_app_closes_is_harmless(sample_text: str) -> None:
    app = ReaderApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right_curly_bracket")
    app._places_save_if_changed()  # a tick after the widgets are gone (it once raised NoMatches)
    assert not state_path(sample_text).exists()  # quitting other than with q saves nothing


# -- bookmarks -------------------------------------------------------------------------------


async def test_bookmarks_add_list_jump_and_delete(sample_text: str) -> None:
    first = "一、構建和諧社會對組織工作提出… — 黨的十六屆六中全會通過的《關于構建社會主…"
    third = "二是必須振奮精神,激發黨員干部… — 廣大黨員干部既是建設和諧社會的具體實踐者…"
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("right_curly_bracket", "m")
        await pilot.press("right_curly_bracket", "right_curly_bracket", "m")
        await wait_for_saves(pilot, app)
        assert notifications(app) == ["Bookmark added", "Bookmark added"]
        await pilot.press("m")
        await pilot.pause()
        assert notifications(app)[-1] == "Already bookmarked here"
        assert [b["place"] for b in saved_state(sample_text)["bookmarks"]] == [
            FIRST_SECTION,
            THIRD_SECTION,
        ]

        await pilot.press("g", "apostrophe")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BookmarksScreen)
        assert screen.labels == [first, third]
        text = "\n".join(screen_lines(app))
        assert first in text and third in text

        await pilot.press("down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, BookmarksScreen)
        assert app.article.top_place == THIRD_SECTION
        assert app.article.has_focus

        await pilot.press("apostrophe")
        await pilot.pause()
        await pilot.press("d")  # the first one is highlighted
        await wait_for_saves(pilot, app)
        assert app.screen.labels == [third]  # type: ignore[attr-defined]
        assert [b["place"] for b in saved_state(sample_text)["bookmarks"]] == [THIRD_SECTION]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, BookmarksScreen)
        assert app.article.top_place == THIRD_SECTION
        await pilot.press("q")
    bookmarks = saved_state(sample_text)["bookmarks"]
    assert [(b["place"], b["label"]) for b in bookmarks] == [(THIRD_SECTION, third)]


async def test_the_list_deletes_the_bookmark_shown_when_another_readers_came_in(
    sample_text: str,
) -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("right_curly_bracket", "m", "right_curly_bracket", "right_curly_bracket")
        await pilot.press("m")
        await wait_for_saves(pilot, app)
        await pilot.press("apostrophe")
        await pilot.pause()
        other = StateStore().open(sample_text, app.document_path)  # a second reader, meanwhile
        other.state.add_bookmark(Bookmark(10, "the other reader's"))
        other.save()
        await pilot.press("d")  # the first row: the bookmark at the first section
        await wait_for_saves(pilot, app)  # the save took in the other reader's bookmark
        assert [b.place for b in app._places_state.bookmarks] == [10, THIRD_SECTION]
        await pilot.press("d")  # the row left: the third section's, not the state's first
        await wait_for_saves(pilot, app)
        assert app.screen.labels == []  # type: ignore[attr-defined]
    assert [b["place"] for b in saved_state(sample_text)["bookmarks"]] == [10]


async def test_bookmark_labels_follow_the_script_on_screen() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("right_curly_bracket", "m", "s", "apostrophe")
        await pilot.pause()
        assert app.screen.labels == [  # type: ignore[attr-defined]
            "一、构建和谐社会对组织工作提出… — 党的十六届六中全会通过的《关于构建社会主…"
        ]
        await pilot.press("delete")
        await pilot.pause()
        assert app.screen.labels == []  # type: ignore[attr-defined]
        await pilot.press("escape", "apostrophe")
        await pilot.pause()
        assert not isinstance(app.screen, BookmarksScreen)
        assert notifications(app)[-1] == "No bookmarks yet: m adds one"


# -- a damaged state file --------------------------------------------------------------------


async def test_a_corrupt_state_file_is_moved_aside(sample_text: str) -> None:
    path = state_path(sample_text)
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"place": 754, \xff garbage')
    app = ReaderApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.article.top_place == 0
        assert article_lines(app)[0] == "組織工作和諧社會交流"
        messages = notifications(app)
        assert len(messages) == 1 and "moved aside" in messages[0]
        assert not path.exists()
        aside = list(path.parent.glob(f"{path.name}.corrupt-*"))
        assert len(aside) == 1
        assert aside[0].name in messages[0]
        assert aside[0].read_bytes() == b'{"place": 754, \xff garbage'
        await pilot.press("q")
    assert saved_state(sample_text)["place"] == 0  # a fresh state replaces it


NOT_SAVED = (
    "Bookmark added, but not saved: it is tried again every few seconds, "
    "and named when you quit if it still cannot be"
)


async def test_a_state_directory_that_cannot_be_written_never_stops_the_reader() -> None:
    blocker = StateStore().directory
    blocker.parent.mkdir(parents=True)
    blocker.write_text("not a directory", encoding="utf-8")
    app = ReaderApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("right_curly_bracket", "m", "right_curly_bracket", "m")
        await wait_for_saves(pilot, app)
        messages = notifications(app)
        file = StateStore().document_path(document_key(app.document.text))
        # reading said "unreadable"; saving says "cannot save" once, though it was tried twice
        assert [m for m in messages if "cannot save" in m] == [
            f"{file}: cannot save (Not a directory)"
        ]
        assert "Bookmark added" not in messages
        assert messages.count(NOT_SAVED) == 2
        await pilot.press("q")
    assert app.return_code == 0
    assert blocker.read_text(encoding="utf-8") == "not a directory"
    assert app.unsaved_places() == [
        f"{file}: cannot save (Not a directory); not saved:",
        "  your place: 一是必須立足創新,提升組織工作… — 在構建社會主義和諧社會的進程中,如何進一…",
        "  a bookmark: 一、構建和諧社會對組織工作提出… — 黨的十六屆六中全會通過的《關于構建社會主…",
        "  a bookmark: 一是必須立足創新,提升組織工作… — 在構建社會主義和諧社會的進程中,如何進一…",
    ]


async def test_a_failed_save_is_kept_and_tried_again_until_it_succeeds(sample_text: str) -> None:
    blocker = StateStore().directory
    blocker.parent.mkdir(parents=True)
    blocker.write_text("not a directory", encoding="utf-8")
    app = ReaderApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("right_curly_bracket", "m")
        await wait_for_saves(pilot, app)
        assert notifications(app)[-1] == NOT_SAVED
        app._places_save_if_changed()  # the 5-second timer: still failing, nothing said again
        await wait_for_saves(pilot, app)
        assert notifications(app)[-1] == NOT_SAVED
        blocker.unlink()  # the disk is writable again
        app._places_save_if_changed()
        await wait_for_saves(pilot, app)
        assert notifications(app)[-1] == "Your place and bookmarks are saved again"
        assert app.unsaved_places() == []
        await pilot.press("q")
    assert [mark["place"] for mark in saved_state(sample_text)["bookmarks"]] == [FIRST_SECTION]


# -- saving in the worker --------------------------------------------------------------------


class HeldSaves:
    """StateStore.save held until the test lets it go: a slow disk under the test's hand.

    It counts the saves and how many ran at once."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.gate = threading.Event()
        self.started = threading.Event()
        self.count = 0
        self.running = 0
        self.most_at_once = 0
        lock = threading.Lock()
        write = StateStore.save

        def held(store: StateStore, key: str, state: ReadingState) -> None:
            with lock:
                self.count += 1
                self.running += 1
                self.most_at_once = max(self.most_at_once, self.running)
            self.started.set()
            try:
                if self.gate.wait(10):  # bounded: a test that forgets the gate still ends
                    write(store, key, state)
            finally:
                with lock:
                    self.running -= 1

        monkeypatch.setattr(StateStore, "save", held)

    def wait_started(self) -> None:
        assert self.started.wait(5), "no save started"
        self.started.clear()


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldSaves]:
    saves = HeldSaves(monkeypatch)
    yield saves
    saves.gate.set()  # a save still held ends with the test


async def bookmark_the_first_section(pilot: Pilot, held: HeldSaves, *then: str) -> None:
    """`}` `m`: the bookmark's save starts in the worker and is held there by the disk; then
    the keys ``then``, pressed while it is held."""
    await pilot.pause()
    await pilot.press("right_curly_bracket", "m")
    held.wait_started()
    await pilot.press(*then)


async def test_a_save_under_way_does_not_hold_the_keys(held: HeldSaves, sample_text: str) -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await bookmark_the_first_section(pilot, held, "right_curly_bracket", "right_curly_bracket")
        await pilot.pause()
        assert app.article.top_place == THIRD_SECTION  # the keys moved the text meanwhile
        assert article_lines(app)[0].startswith("二是必須振奮精神,激發黨員干部隊伍活力。")
        assert "Bookmark added" not in notifications(app)  # not said before it is saved
        assert not state_path(sample_text).exists()
        held.gate.set()
        await wait_for_saves(pilot, app)
        assert notifications(app) == ["Bookmark added"]
        assert [b["place"] for b in saved_state(sample_text)["bookmarks"]] == [FIRST_SECTION]


async def test_a_change_made_during_a_save_goes_in_the_next_one(
    held: HeldSaves, sample_text: str
) -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await bookmark_the_first_section(
            pilot, held, "right_curly_bracket", "right_curly_bracket", "m"
        )
        await pilot.pause()
        app._places_save_if_changed()  # the 5-second check too: it waits its turn
        held.gate.set()
        await wait_for_saves(pilot, app)
        saved = saved_state(sample_text)
        assert [b["place"] for b in saved["bookmarks"]] == [FIRST_SECTION, THIRD_SECTION]
        assert saved["place"] == THIRD_SECTION
        assert (held.count, held.most_at_once) == (2, 1)  # the second after the first, not beside
        assert notifications(app) == ["Bookmark added", "Bookmark added"]
        assert [b.place for b in app._places_state.bookmarks] == [FIRST_SECTION, THIRD_SECTION]


async def test_quitting_waits_for_the_save_under_way_then_saves_the_rest(
    held: HeldSaves, sample_text: str
) -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await bookmark_the_first_section(pilot, held, "right_curly_bracket", "right_curly_bracket")
        threading.Timer(0.3, held.gate.set).start()  # the disk answers while q waits
        await pilot.press("q")
    saved = saved_state(sample_text)
    assert [b["place"] for b in saved["bookmarks"]] == [FIRST_SECTION]
    assert saved["place"] == THIRD_SECTION
    assert (held.count, held.most_at_once) == (2, 1)
    assert app.unsaved_places() == []


async def test_a_save_that_never_ends_is_named_at_quit(
    monkeypatch, held: HeldSaves, sample_text: str
) -> None:
    monkeypatch.setattr(places_module, "QUIT_WAITS_FOR_SAVE", 0.2)
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await bookmark_the_first_section(pilot, held, "q")  # a hung disk: q gives up after 0.2 s
    file = StateStore().document_path(document_key(sample_text))
    label = "一、構建和諧社會對組織工作提出… — 黨的十六屆六中全會通過的《關于構建社會主…"
    assert app.unsaved_places() == [
        f"{file}: cannot save (a save has not ended after 0.2 s); not saved:",
        f"  your place: {label}",
        f"  a bookmark: {label}",
    ]
    assert held.most_at_once == 1  # no second save beside the hung one


# -- settings --------------------------------------------------------------------------------


async def test_settings_file_remaps_keys_and_names_an_unknown_binding() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('[keymap]\nscript = "x"\nfrobnicate = "z"\n', encoding="utf-8")
    settings, problems = load_settings()
    assert problems == []
    app = ReaderApp(settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        messages = notifications(app)
        assert len(messages) == 1
        assert "'frobnicate'" in messages[0]
        assert "'script'" not in messages[0].split(";")[0]
        assert app.shown_script == "traditional"
        await pilot.press("s")
        assert app.shown_script == "traditional"
        await pilot.press("x")
        assert app.shown_script == "simplified"
        assert status(app).split(" │ ")[1] == "简"
        assert " x 繁/简 " in screen_lines(app)[-1]  # the footer shows the remapped key


async def test_a_key_remapped_onto_a_reading_key_is_named() -> None:
    app = ReaderApp(settings=Settings(keymap={"script": "j", "quit": "ctrl+q,space"}))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        (message,) = notifications(app)
        assert "'j' for 'script' is also 'Line down'" in message
        assert "'space' for 'quit' is also 'Page down'" in message
        await pilot.press("j")  # the article has focus: j still reads on
        assert app.article.scroll_y == 1 and app.shown_script == "traditional"


async def test_settings_give_the_width_and_the_remembered_width_wins(sample_text: str) -> None:
    app = ReaderApp(settings=Settings(reading_width=60))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert app.article.reading_width == 60
        await pilot.press("q")
    assert saved_state(sample_text)["reading_width"] is None  # follows the settings

    app = ReaderApp(settings=Settings(reading_width=70))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert app.article.reading_width == 70
        await pilot.press("plus")
        await pilot.press("q")

    app = ReaderApp(settings=Settings(reading_width=40))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert app.article.reading_width == 74


# -- theme -----------------------------------------------------------------------------------


async def test_the_theme_is_remembered_app_wide(tmp_path: Path) -> None:
    app = ReaderApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        app.theme = "nord"
        await pilot.pause()
        # saved at once, with the settings' theme of the moment (none)
        assert StateStore().load_app() == ({"theme": "nord", "theme_setting": ""}, None)
        await pilot.press("q")

    other = tmp_path / "other.txt"
    other.write_text("另一篇文章\n\n內容。\n", encoding="utf-8")
    app = ReaderApp(other)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"  # in another document too


async def test_a_settings_theme_written_after_the_pick_wins(tmp_path: Path) -> None:
    app = ReaderApp(settings=Settings(theme="dracula"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.theme = "nord"  # picked in the palette
        await pilot.pause()
        await pilot.press("q")

    app = ReaderApp(settings=Settings(theme="dracula"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"  # the file is as it was at the pick: the pick stands

    for _ in range(2):  # the file changed since: its theme applies, and keeps applying
        app = ReaderApp(settings=Settings(theme="gruvbox"))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.theme == "gruvbox"
    assert StateStore().load_app() == ({}, None)


async def test_the_settings_theme_is_the_default_and_is_not_saved_as_a_choice() -> None:
    app = ReaderApp(settings=Settings(theme="dracula"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "dracula"
        await pilot.press("q")
    assert StateStore().load_app() == ({}, None)

    app = ReaderApp(settings=Settings(theme="no-such-theme"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert any("'no-such-theme'" in message for message in notifications(app))


async def test_the_theme_chosen_in_the_command_palette_is_remembered() -> None:
    app = ReaderApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.action_change_theme()
        await pilot.pause()
        await pilot.press(*"gruvbox")
        await wait_for_command(pilot, "gruvbox")
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "gruvbox"
        await pilot.press("q")

    app = ReaderApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "gruvbox"


async def test_mistakes_in_the_settings_file_are_notices_at_start() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('reading_width = 60\ntheme = "nord\n[keymap]\nhelp = "nonsense"\n')
    settings, problems = load_settings()
    app = ReaderApp(settings=settings, notices=problems)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert notifications(app) == [
            f"{path}:2: Illegal character '\\n'; that line is left out, the rest applies",
            f"{path}:4: 'keymap.help': 'nonsense' is not a key name (keys are written like q,"
            " f10, ctrl+q, escape, question_mark)",
        ]
        assert app.article.reading_width == 60  # the rest of the file applies
        assert " ? Keys " in screen_lines(app)[-1]  # the footer keeps the real key


async def test_j_k_g_G_move_in_the_bookmark_list_and_q_closes_it_not_the_app() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("right_curly_bracket", "m", "right_curly_bracket", "m")
        await pilot.press("right_curly_bracket", "m", "apostrophe")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BookmarksScreen)
        options = screen.option_list
        assert options.highlighted == 0
        await pilot.press("j", "j")
        assert options.highlighted == 2
        await pilot.press("k")
        assert options.highlighted == 1
        await pilot.press("g")
        assert options.highlighted == 0
        await pilot.press("G")
        assert options.highlighted == 2
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, BookmarksScreen)
        assert app.is_running and app.return_code is None  # q closed the list, not the app
        assert len(screen.labels) == 3  # nothing was deleted or chosen

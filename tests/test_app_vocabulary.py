"""The vocabulary screen (`v`): list, filter, edit, delete and undo, go back to a word."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from reader.app import ReaderApp
from reader.vocab import VocabItem, Vocabulary, default_path
from reader.widgets.help import HelpScreen
from reader.widgets.vocabulary import VocabularyScreen
from reader.words import Segmenter
from tests.screen import notifications, screen_text, text_lines, wait_for_command, wait_until

ROOT = Path(__file__).resolve().parent.parent
LESSON = "第一课\n\n我们要学习。老师说：我们要学习。\n"  # 学习 at 8 and at 18
SIZE = (100, 30)

HANG = VocabItem(
    simplified="行",
    traditional="行",
    pinyin="háng",
    definition="row; line",
    sentence="银行在哪儿？",
    document_title="第二课",
    added="2024-05-02",
    section_title="一、银行",
)
SHUO = VocabItem("说", "說", "shuō", "to speak", "", "第一课", "2024-05-03")  # typed with D


def lesson_app(tmp_path: Path, segmenter: Segmenter) -> ReaderApp:
    path = tmp_path / "lesson.txt"
    path.write_text(LESSON, encoding="utf-8")
    return ReaderApp(path, segmenter=segmenter)


def xuexi(app: ReaderApp) -> VocabItem:
    """学习 as the word popup saves it, met at its second use in the lesson."""
    return VocabItem(
        simplified="学习",
        traditional="學習",
        pinyin="xué xí",
        definition="to learn; to study",
        sentence="我们要学习。",
        document_title="第一课",
        added="2024-05-01",
        place=18,
        document_key=app.document_key,
    )


async def opened(pilot: Pilot, *items: VocabItem) -> VocabularyScreen:
    """Save ``items`` (oldest first) as another reader would, then open the screen with v."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    other = Vocabulary.load()
    for item in items:
        other.add(item)
    await pilot.press("v")
    await wait_until(pilot, lambda: isinstance(app.screen, VocabularyScreen), "the vocabulary")
    screen = app.screen
    assert isinstance(screen, VocabularyScreen)
    await wait_until(pilot, lambda: len(screen.shown) == len(items), "the entries listed")
    return screen


def saved() -> Any:
    return json.loads(default_path().read_text(encoding="utf-8"))


def list_rows(app: ReaderApp) -> list[str]:
    """The list's rows as drawn (the blank ones left out)."""
    screen = app.screen
    assert isinstance(screen, VocabularyScreen)
    return text_lines(app, screen.option_list)


async def test_v_lists_every_entry_newest_first_and_typing_filters(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot, xuexi(app), HANG, SHUO)
        assert screen.title_text() == "Your vocabulary (3)"
        assert screen.lines() == [
            "说  shuō  HSK 1  to speak\n    typed, reading 第一课 · 2024-05-03",
            "行  háng  HSK 3  row; line\n    第二课 › 一、银行 · 2024-05-02",
            "学习  xuéxí  HSK 1  to learn; to study\n    第一课 · 2024-05-01",
        ]
        assert list_rows(app)[:2] == [
            "说  shuō  HSK 1  to speak",
            "typed, reading 第一课 · 2024-05-03",
        ]
        await pilot.press(*"xue")  # pinyin without tones
        await pilot.pause()
        assert [item.simplified for item in screen.shown] == ["学习"]
        assert screen.title_text() == "Your vocabulary (1 of 3)"
        await pilot.press("backspace", "backspace", "backspace", "學")  # either script
        await pilot.pause()
        assert [item.simplified for item in screen.shown] == ["学习"]
        await pilot.press("backspace", *"hang2")  # pinyin with a tone number
        await pilot.pause()
        assert [item.simplified for item in screen.shown] == ["行"]
        await pilot.press("ctrl+u", *"speak")  # the sense
        await pilot.pause()
        assert [item.simplified for item in screen.shown] == ["说"]
        await pilot.press("ctrl+u", *"HSK 3")  # the level
        await pilot.pause()
        assert [item.simplified for item in screen.shown] == ["行"]
        await pilot.press("ctrl+u", "tab", "s")  # in the list, s switches script
        await pilot.pause()
        assert screen.lines()[0].startswith("說  shuō")
        assert screen.lines()[2].startswith("學習  xuéxí")
        await pilot.press("v")  # v again closes it, as q does
        await wait_until(pilot, lambda: not isinstance(app.screen, VocabularyScreen), "closed")
        await pilot.press("v")
        await wait_until(pilot, lambda: isinstance(app.screen, VocabularyScreen), "again")
        await pilot.press("tab", "q")
        await wait_until(pilot, lambda: not isinstance(app.screen, VocabularyScreen), "closed")
        assert app.is_running


async def test_j_k_g_g_and_the_mouse_move_through_the_list(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot, xuexi(app), HANG, SHUO)
        options = screen.option_list
        await pilot.press("tab", "j")
        assert options.highlighted == 1
        await pilot.press("G")
        assert options.highlighted == 2
        await pilot.press("k")
        assert options.highlighted == 1
        await pilot.press("g")
        assert options.highlighted == 0
        await pilot.press("/", "down")  # the filter again; ↓ moves from there too
        assert options.highlighted == 1 and screen.filter_input.has_focus
        region = options.content_region
        await pilot.click(offset=(region.x + 2, region.y + 4))  # the third entry's first row
        await pilot.pause()
        assert app.word_cursor == (18, 20)  # a click chooses, as enter does
        assert not isinstance(app.screen, VocabularyScreen)


async def test_editing_the_sense_and_the_note_shows_and_saves_them(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot, xuexi(app), HANG)
        await pilot.press("tab", "j", "e")  # 学习
        edit = screen.edit_input
        assert edit.display and edit.has_focus and edit.value == "to learn; to study"
        assert screen.hint_text() == "Sense of 学习: enter saves · esc cancels"
        await pilot.press("ctrl+u", *"to study", "enter")
        await pilot.pause()
        assert not edit.display and screen.option_list.has_focus
        assert screen.lines()[1] == "学习  xuéxí  HSK 1  to study\n    第一课 · 2024-05-01"
        assert "to study" in screen_text(app)
        [entry, _] = saved()["items"]  # the file keeps the order they were added in
        assert entry["definition"] == "to study"
        assert screen.option_list.highlighted == 1  # still on the entry edited

        await pilot.press("n", *"review", "enter")
        await pilot.pause()
        assert screen.lines()[1] == (
            "学习  xuéxí  HSK 1  to study\n    第一课 · 2024-05-01\n    note: review"
        )
        assert saved()["items"][0]["note"] == "review"

        await pilot.press("n", *" again", "escape")  # escape cancels, the screen stays
        await pilot.pause()
        assert isinstance(app.screen, VocabularyScreen) and not edit.display
        assert saved()["items"][0]["note"] == "review"
        assert screen.lines()[1].endswith("note: review")


async def test_delete_and_undo(tmp_path: Path, segmenter: Segmenter) -> None:
    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot, xuexi(app), HANG, SHUO)
        await pilot.press("tab", "j", "d")  # 行
        await pilot.pause()
        assert [item.simplified for item in screen.shown] == ["说", "学习"]
        assert screen.title_text() == "Your vocabulary (2)"
        assert notifications(app)[-1] == "Deleted 行 · u brings it back"
        assert [entry["simplified"] for entry in saved()["items"]] == ["学习", "说"]
        assert [entry["simplified"] for entry in saved()["deleted"]] == ["行"]
        assert screen.option_list.highlighted == 1  # the next entry
        await pilot.press("u")
        await pilot.pause()
        assert [item.simplified for item in screen.shown] == ["说", "行", "学习"]
        assert screen.option_list.highlighted == 1
        assert [entry["simplified"] for entry in saved()["items"]] == ["学习", "行", "说"]
        assert saved()["deleted"] == []
        await pilot.press("u")
        assert notifications(app)[-1] == "Nothing deleted to bring back"
    assert [item.simplified for item in Vocabulary.load().items] == ["学习", "行", "说"]


async def test_what_another_reader_changed_is_kept_and_shown(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot, xuexi(app), HANG, SHUO)
        other = Vocabulary.load()
        other.edit(HANG.key, note="from the other window")
        other.delete(SHUO.key)
        await pilot.press("tab", "G", "d")  # 学习, deleted here
        await pilot.pause()
        assert screen.lines() == [
            "行  háng  HSK 3  row; line\n    第二课 › 一、银行 · 2024-05-02"
            "\n    note: from the other window"
        ]
    assert Vocabulary.load().items == (
        VocabItem(**{**HANG.__dict__, "note": "from the other window"}),
    )


async def test_enter_goes_to_where_the_word_was_met_or_says_where_it_is_from(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot, xuexi(app), HANG, SHUO)
        await pilot.press("enter")  # 说, typed: no place
        await pilot.pause()
        assert (
            notifications(app)[-1] == "说 was looked up by typing it: it has no place in a document"
        )
        await pilot.press("down", "enter")  # 行, from another document
        await pilot.pause()
        assert notifications(app)[-1] == "行 is from 第二课 › 一、银行"
        assert app.screen is screen
        await pilot.press("down", "enter")  # 学习, here
        await wait_until(pilot, lambda: not isinstance(app.screen, VocabularyScreen), "closed")
        assert app.word_cursor == (18, 20)  # its second use, where it was saved


async def test_a_word_added_from_the_popup_goes_back_to_its_place(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.move_word_cursor_to(18)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "学习" in screen_text(app), "the popup")
        await pilot.press("a", "escape", "escape")
        await pilot.pause()
        assert app.word_cursor is None
        await pilot.press("v")
        await wait_until(pilot, lambda: isinstance(app.screen, VocabularyScreen), "the list")
        [entry] = saved()["items"]
        assert (entry["place"], entry["document_key"]) == (18, app.document_key)
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, VocabularyScreen), "closed")
        assert app.word_cursor == (18, 20)


async def test_the_palette_and_the_keys_screen_name_it(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"Vocabulary")
        await wait_for_command(pilot, "Vocabulary")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, VocabularyScreen), "the list")
        assert app.screen.title_text() == (  # type: ignore[attr-defined]
            "Your vocabulary (0) · add words with a on the word cursor's popup (d, enter)"
        )
        await pilot.press("escape", "question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the keys")
        assert "v  Your vocabulary: edit, delete, go to" in screen_text(app)
        await pilot.press("G")  # its own keys end the screen
        await pilot.pause()
        text = screen_text(app)
        assert "e n  Edit the sense / the note" in text
        assert "u  Bring the deleted back" in text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| `v` | your vocabulary, newest first" in readme


HOSTILE = VocabItem(
    simplified="行[bold]",
    traditional="行[bold]",
    pinyin="háng",
    definition="row [@click=app.quit]quit[/] \x1b[2Jclear\x07",
    sentence="银行在哪儿？",
    document_title="標題 \x1b]0;pwned\x07",
    added="2024-05-02",
    section_title="[/]節",
    note="note \x9b31m\x85",
)
CONTROL_CHARACTERS = {chr(code) for code in (*range(0x20), *range(0x7F, 0xA0))}


async def test_a_hostile_entry_is_shown_as_written(tmp_path: Path, segmenter: Segmenter) -> None:
    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot, HOSTILE)
        assert list_rows(app) == [
            "行[bold]  háng  beyond  row [@click=app.quit]quit[/] ␛[2Jclear␇",
            "標題 ␛]0;pwned␇ › [/]節 · 2024-05-02",
            "note: note ␦31m␦",
        ]
        strips = app.screen._compositor.render_strips()
        sent = {char for strip in strips for segment in strip for char in segment.text}
        assert sent & CONTROL_CHARACTERS == set()
        region = screen.option_list.content_region
        await pilot.click(offset=(region.x + 36, region.y))  # on "quit"
        await pilot.pause()
        assert app.is_running
        assert notifications(app)[-1] == "行[bold] is from 標題 ␛]0;pwned␇ › [/]節"
        assert screen.option_list.has_focus  # the click chose the entry in the list
        await pilot.press("e")
        await pilot.pause()
        assert screen.edit_input.value == "row [@click=app.quit]quit[/] ␛[2Jclear␇"
        strips = app.screen._compositor.render_strips()
        sent = {char for strip in strips for segment in strip for char in segment.text}
        assert sent & CONTROL_CHARACTERS == set()
        await pilot.press("enter")  # unchanged: nothing written, the sense kept as it was
        await pilot.pause()
        assert saved()["items"][0]["definition"] == HOSTILE.definition


async def test_x_exports_the_vocabulary_for_anki(tmp_path: Path, segmenter: Segmenter) -> None:
    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot, xuexi(app), HANG)
        await pilot.press("tab", "x")
        assert screen.edit_input.value == "~/zh-reader-vocabulary.txt"
        assert (
            screen.hint_text() == "Export 2 words for Anki to this file: enter writes · esc cancels"
        )
        await pilot.press("ctrl+u", *str(tmp_path), "enter")  # a directory: said, not written
        await wait_until(pilot, lambda: "is a directory" in " ".join(notifications(app)), "refused")
        assert notifications(app)[-1] == f"{tmp_path}: is a directory"
        out = tmp_path / "anki.txt"
        await pilot.press("x", "ctrl+u", *str(out), "enter")
        await wait_until(pilot, out.exists, "the file written")
        await wait_until(pilot, lambda: "written to" in notifications(app)[-1], "the notice")
        assert notifications(app)[-1] == f"2 words written to {out} (Anki: File → Import)"
        assert isinstance(app.screen, VocabularyScreen)
    assert out.read_text(encoding="utf-8") == (
        "#separator:tab\n"
        "#html:true\n"
        "#columns:Simplified\tTraditional\tPinyin\tDefinition\tSentence\tLevel\tTags\n"
        "#tags column:7\n"
        "学习\t學習\txuéxí\tto learn; to study\t我们要<b>学习</b>。\tHSK 1\treader::第一课\n"
        "行\t行\tháng\trow; line\t银<b>行</b>在哪儿？\tHSK 3\treader::第二课::一、银行\n"
    )


async def test_a_corrupt_vocabulary_is_set_aside_and_said(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    default_path().parent.mkdir(parents=True, exist_ok=True)
    default_path().write_text('{"version": 2, "items": [', encoding="utf-8")
    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")  # the reader's own first read of the file
        await wait_until(pilot, lambda: isinstance(app.screen, VocabularyScreen), "the list")
        assert app.screen.title_text().startswith(  # type: ignore[attr-defined]
            "Your vocabulary (0)"
        )
        assert any("moved aside to vocabulary.json.corrupt-" in n for n in notifications(app))
        [aside] = default_path().parent.glob("vocabulary.json.corrupt-*")
        assert aside.read_text(encoding="utf-8") == '{"version": 2, "items": ['


async def test_the_word_list_knows_a_word_deleted_here(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    from reader.widgets.word_list import WordListScreen

    def row_of_xuexi() -> str:
        screen = app.screen
        assert isinstance(screen, WordListScreen)
        [row] = [line for line in screen.lines() if line.startswith("学习")]
        return row

    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, xuexi(app))
        await pilot.press("escape", "w")
        await wait_until(pilot, lambda: isinstance(app.screen, WordListScreen), "the word list")
        assert row_of_xuexi().endswith("vocab")
        await pilot.press("escape", "v", "tab", "d", "escape", "w")
        await wait_until(pilot, lambda: isinstance(app.screen, WordListScreen), "again")
        assert not row_of_xuexi().endswith("vocab")

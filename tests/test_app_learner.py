"""The learner's keys in the app: `p` for pinyin in each of its modes, `K` to mark known."""

from __future__ import annotations

from pathlib import Path

from reader.app import ReaderApp
from reader.known import KnownWords
from reader.settings import Settings
from reader.widgets.level_picker import LevelPicker
from reader.widgets.profile import ProfileScreen
from reader.widgets.word_list import WordListScreen
from reader.words import Segmenter
from tests.screen import (
    article_rows,
    notifications,
    screen_strips,
    screen_text,
    settled,
    status,
    wait_for_command,
    wait_until,
)

LESSON = "学习\n\n我们在银行工作。\n"


def lesson_app(tmp_path: Path, segmenter: Segmenter) -> ReaderApp:
    path = tmp_path / "lesson.txt"
    path.write_text(LESSON, encoding="utf-8")
    return ReaderApp(path, segmenter=segmenter)


def rows(app: ReaderApp) -> list[str]:
    """The article's rows with something on them (the scroll bar's thumb left out)."""
    return [row.rstrip("▁▂▃▄▅▆▇█ ") for row in article_rows(app) if row.strip("▁▂▃▄▅▆▇█ ")]


async def test_p_goes_round_every_word_new_words_and_off(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    KnownWords.load().set_level(1)  # HSK 1: 我们, 在, 工作 are known, 银行 (HSK 3) is not
    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=(60, 12)) as pilot:
        await settled(pilot)
        assert rows(app) == ["学习", "我们在银行工作。"]
        await pilot.press("p")
        await pilot.pause()
        # each word's pinyin centred over it, a cell between two readings
        assert rows(app) == [
            "xuéxí",
            "学习",
            "wǒmen zài yínháng gōngzuò",
            "我们  在   银行    工作  。",
        ]
        assert status(app).endswith("│ pinyin")
        await pilot.press("p")
        await pilot.pause()
        assert rows(app) == ["学习", "yínháng", "我们在 银行  工作。"]  # 学习 is HSK 1 too
        assert status(app).endswith("│ pinyin: new words")
        await pilot.press("p")
        await pilot.pause()
        assert rows(app) == ["学习", "我们在银行工作。"]


async def test_pinyin_follows_the_script(tmp_path: Path, segmenter: Segmenter) -> None:
    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=(60, 12)) as pilot:
        await settled(pilot)
        await pilot.press("p", "s")
        await pilot.pause()
        assert rows(app)[2:] == ["wǒmen zài yínháng gōngzuò", "我們  在   銀行    工作  。"]


async def test_k_marks_the_cursors_word_known_and_not_known(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=(60, 12)) as pilot:
        await settled(pilot)
        await pilot.press("K")
        assert notifications(app)[-1] == (
            "Put the word cursor on a word first (d), then K marks it known"
        )
        await pilot.press("d", "K")
        await wait_until(pilot, lambda: notifications(app)[-1] == "学习: known", "marked known")
        assert KnownWords.load().mark("学习") is True
        await pilot.press("K")
        await wait_until(pilot, lambda: notifications(app)[-1] == "学习: not known", "unmarked")
        assert KnownWords.load().mark("学习") is False


async def test_marking_a_word_known_takes_its_pinyin_away(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=(60, 12)) as pilot:
        await settled(pilot)
        await pilot.press("p", "p")  # new words: with no level and no marks, every word
        await pilot.pause()
        assert rows(app)[:2] == ["xuéxí", "学习"]
        await pilot.press("d", "K")
        await pilot.pause()
        assert rows(app)[:2] == ["学习", "wǒmen zài yínháng gōngzuò"]


async def test_the_level_from_the_palette(tmp_path: Path, segmenter: Segmenter) -> None:
    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+p", *"HSK level")
        await wait_for_command(pilot, "HSK level")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LevelPicker), "the level list")
        assert "HSK 7-9" in screen_text(app)
        await pilot.press("home", "down", "down", "enter")  # from "No level", highlighted
        await wait_until(pilot, lambda: KnownWords.load().level == 3, "level 3 kept")
        assert notifications(app)[-1] == "Your level: HSK 3"
        await pilot.press("ctrl+p", *"HSK level")
        await wait_for_command(pilot, "HSK level")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LevelPicker), "the list again")
        await pilot.press("end", "enter")  # No level
        await wait_until(pilot, lambda: KnownWords.load().level is None, "no level kept")


async def test_p_capital_draws_the_profile_of_the_document(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=(80, 30)) as pilot:
        await settled(pilot)
        await pilot.press("P")
        await wait_until(pilot, lambda: isinstance(app.screen, ProfileScreen), "the profile")
        assert isinstance(app.screen, ProfileScreen)
        lines = app.screen.plain_text().splitlines()
        # 学习 我们 在 工作 are HSK 1, 银行 HSK 3: four of five words, then all five
        assert lines[:5] == [
            "学习",
            "5 words, 5 distinct · level HSK 3 (95% of words) · known 0.0%",
            "HSK 1    " + "█" * 25 + "▋" + " " * 7 + " 80.0%",
            "HSK 2    " + " " * 33 + "  0.0%",
            "HSK 3    " + "█" * 6 + "▍" + " " * 26 + " 20.0%",
        ]
        await pilot.press("escape")
        await pilot.press("d", "K", "P")  # 学习 known: the known part of the bar
        await wait_until(pilot, lambda: isinstance(app.screen, ProfileScreen), "the profile")
        assert isinstance(app.screen, ProfileScreen)
        assert "known 20.0%" in app.screen.plain_text().splitlines()[1]


async def test_l_underlines_the_words_you_do_not_know(tmp_path: Path, segmenter: Segmenter) -> None:
    KnownWords.load().set_level(1)
    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=(60, 12)) as pilot:
        await settled(pilot)
        assert marked_text(app) == []
        await pilot.press("L")
        await pilot.pause()
        assert marked_text(app) == ["银行"]  # HSK 3; the rest is HSK 1
        assert status(app).endswith("│ new words underlined")
        app.move_word_cursor_to(app.document.text.index("银行"))
        await pilot.press("K")
        await pilot.pause()
        assert marked_text(app) == []
        await pilot.press("L")
        await pilot.pause()
        assert "underlined" not in status(app)


def marked_text(app: ReaderApp) -> list[str]:
    """The runs of text drawn underlined in the article."""
    runs: list[str] = []
    region = app.article.content_region
    for strip in screen_strips(app)[region.y : region.bottom]:
        current = ""
        for segment in strip:
            if segment.style is not None and segment.style.underline:
                current += segment.text
            elif current:
                runs.append(current)
                current = ""
        if current:
            runs.append(current)
    return runs


async def test_w_lists_the_documents_words_to_filter_mark_and_jump(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    app = lesson_app(tmp_path, segmenter)
    async with app.run_test(size=(80, 30)) as pilot:
        await settled(pilot)
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, WordListScreen), "the word list")
        screen = app.screen
        assert isinstance(screen, WordListScreen)
        assert screen.lines() == [  # all once each: in order of first use
            "学习" + " " * 12 + "1  HSK 1",
            "我们" + " " * 12 + "1  HSK 1",
            "在" + " " * 14 + "1  HSK 1",
            "银行" + " " * 12 + "1  HSK 3",
            "工作" + " " * 12 + "1  HSK 1",
        ]
        await pilot.press("銀")  # either script filters
        await pilot.pause()
        assert screen.lines() == ["银行" + " " * 12 + "1  HSK 3"]
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert screen.lines() == ["银行" + " " * 12 + "1  HSK 3    known"]
        assert KnownWords.load().mark("银行") is True
        await pilot.press("enter")  # to its first use, the word cursor on it
        await wait_until(pilot, lambda: not isinstance(app.screen, WordListScreen), "closed")
        assert app.word_cursor == (LESSON.index("银行"), LESSON.index("银行") + 2)


async def test_pinyin_gives_yi_and_bu_their_spoken_tones_unless_set_off(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    path = tmp_path / "yi.txt"
    path.write_text("一样不是\n", encoding="utf-8")
    for settings, reading in (
        (Settings(), "yíyàng búshì"),
        (Settings(tone_sandhi=False), "yīyàng bùshì"),
    ):
        app = ReaderApp(path, segmenter=segmenter, settings=settings)
        async with app.run_test(size=(60, 12)) as pilot:
            await settled(pilot)
            await pilot.press("p")
            await pilot.pause()
            assert rows(app) == [reading, "一样  不是"]  # each centred under its reading


async def test_a_titles_pinyin_is_centred_with_it_and_never_cut_off(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    path = tmp_path / "title.txt"
    path.write_text("我们在银行工作\n\n学习。\n", encoding="utf-8")
    app = ReaderApp(path, segmenter=segmenter)
    async with app.run_test(size=(34, 10)) as pilot:
        await settled(pilot)
        await pilot.press("p")
        await pilot.pause()
        region = app.article.content_region
        reading, title = (
            strip.crop(region.x, region.right).text.rstrip("▁▂▃▄▅▆▇█ ")
            for strip in screen_strips(app)[region.y : region.y + 2]
        )
        # the boxes are 25 cells wide (wǒmen zài yínháng gōngzuò), wider than the 14 cells
        # of the title: centred as one, both rows whole, each word under its reading
        assert reading.strip() == "wǒmen zài yínháng gōngzuò"
        assert title.strip() == "我们  在   银行    工作"
        left = len(reading) - len(reading.lstrip())
        assert len(title) - len(title.lstrip()) == left
        assert abs(left - (region.width - len(reading))) <= 3  # centred: margins alike

"""Look up any word: the word cursor, the CC-CEDICT popup and adding words to the vocabulary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot

import reader.words as words_module
from reader.app import ReaderApp
from reader.assets import bundled_glossary_dir
from reader.dictionary import CEDICT_DATE
from reader.glossary import Entry, Glossary, load_glossaries
from reader.vocab import default_path
from reader.widgets.lookup_prompt import LookupPrompt
from reader.widgets.word_popup import WordPopup
from reader.words import Segmenter
from tests.screen import marks, notifications, screen_strips, screen_text, wait_until

SIZE = (120, 40)
FIRST_SENTENCE = (
    "構建社會主義和諧社會是黨從中國特色社會主義事業和全面建設小康社會全局出發提出的戰略任務。"
)


@pytest.fixture(scope="module")
def segmenter(tmp_path_factory: pytest.TempPathFactory) -> Segmenter:
    """One loaded jieba for the module (its cache in a temporary directory).

    The glossary feature adds its terms' forms to the app's segmenter; they are added here
    up front, so that the words are the same whenever that worker finishes.
    """
    cache = tmp_path_factory.mktemp("jieba")
    glossary, _ = load_glossaries(sorted(bundled_glossary_dir().glob("*.toml")))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(words_module, "cache_dir", lambda: cache)
        loaded = Segmenter(glossary.forms())
        loaded.ensure_loaded()
    return loaded


async def ready(pilot: Pilot) -> ReaderApp:
    """Wait for the first paint and every worker (the dictionary, jieba)."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.cedict is not None
    return app


def word(app: ReaderApp) -> str | None:
    span = app.word_cursor
    return None if span is None else app.document.text[span[0] : span[1]]


def marked(app: ReaderApp) -> list[str]:
    return [app.document.text[s:e] for s, e in marks(app, "word")]


def popup(app: ReaderApp) -> WordPopup:
    assert isinstance(app.screen, WordPopup)
    return app.screen


def box_lines(app: ReaderApp) -> list[str]:
    """What is drawn inside the popup's box, row by row, without its border."""
    region = popup(app).box.region
    strips = screen_strips(app)
    return [
        strip.crop(region.x + 1, region.right - 1).text.strip()
        for strip in strips[region.y + 1 : region.bottom - 1]
    ]


def in_order(lines: list[str], expected: list[str]) -> bool:
    """Every expected line appears, in this order (other lines may come between)."""
    position = 0
    for line in lines:
        if position < len(expected) and line == expected[position]:
            position += 1
    return position == len(expected)


# -- the cursor ------------------------------------------------------------------------------


async def test_d_puts_the_cursor_on_the_first_word_of_the_screen(segmenter: Segmenter) -> None:
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert not app.word_cursor_active
        await pilot.press("d")
        assert word(app) == "組織"
        assert marked(app) == ["組織"]
        assert app.focused is app.article


async def test_arrows_move_by_word_and_by_line_then_escape_lets_them_scroll(
    segmenter: Segmenter,
) -> None:
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("d")
        await pilot.press("right")
        assert word(app) == "工作"
        await pilot.press("right")
        assert word(app) == "和諧社會"  # jieba's word; the punctuation-free title
        await pilot.press("left")
        assert word(app) == "工作"
        # The title is centred: 工作 sits right of the end of the date line below, so ↓ takes
        # that line's last word; ↑ comes back to the same word of the title.
        await pilot.press("down")
        assert word(app) == "00"
        assert marked(app) == ["00"]
        await pilot.press("up")
        assert word(app) == "工作"

        await pilot.press("escape")
        assert not app.word_cursor_active
        assert marked(app) == []
        assert app.article.scroll_y == 0
        await pilot.press("down")
        await pilot.press("down")
        assert app.article.scroll_y == 2  # ↓ scrolls again
        await pilot.press("up")
        assert app.article.scroll_y == 1
        await pilot.press("right")  # does nothing with the cursor off
        assert app.word_cursor is None


async def test_h_l_j_k_move_the_cursor_and_the_key_bar_says_it_is_on(
    segmenter: Segmenter,
) -> None:
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "Word cursor" not in screen_text(app).splitlines()[-1]
        await pilot.press("d")
        await pilot.pause()
        key_bar = screen_text(app).splitlines()[-1]
        assert key_bar.startswith(" Word cursor  j k ↑ ↓ Line  h l ← → Word  ⏎ Look up  esc Off ")
        await pilot.press("l", "l")
        assert word(app) == "和諧社會"
        await pilot.press("h")
        assert word(app) == "工作"
        await pilot.press("j")  # the cursor goes a line down (as ↓ above); the text stays put
        assert word(app) == "00"
        assert app.article.scroll_y == 0
        await pilot.press("k")
        assert word(app) == "工作"
        await pilot.press("escape")
        await pilot.pause()
        assert app.word_cursor is None
        assert "Word cursor" not in screen_text(app).splitlines()[-1]
        await pilot.press("j")
        assert app.article.scroll_y == 1  # j scrolls again


async def test_down_keeps_to_the_column_in_a_paragraph_and_skips_punctuation(
    segmenter: Segmenter,
) -> None:
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        text = app.document.text
        start = text.index(FIRST_SENTENCE)
        assert app.move_word_cursor_to(start)
        assert word(app) == "構建"  # indented four cells: column 6
        await pilot.press("down")
        assert word(app) == "戰略"  # the second line 出的戰略任務。 starts at column 2
        await pilot.press("down")
        assert word(app) == "社會主義和諧社會"  # 建社會…: the column stays 6, not 戰略's
        # (a glossary term is one word: the glossary feature adds its terms to jieba)
        # → and ← step over the punctuation between words
        app.move_word_cursor_to(text.index("任務。構建") + 1)
        assert word(app) == "任務"
        await pilot.press("right")
        assert word(app) == "構建"
        await pilot.press("left")
        assert word(app) == "任務"


async def test_d_again_turns_the_cursor_off(segmenter: Segmenter) -> None:
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("d")
        assert app.word_cursor_active
        await pilot.press("d")
        assert not app.word_cursor_active
        assert marked(app) == []


async def test_a_click_puts_the_cursor_on_the_word_and_a_second_click_opens_it(
    segmenter: Segmenter,
) -> None:
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        text = app.document.text
        start = text.index(FIRST_SENTENCE)
        article = app.article
        x, y = article.screen_offset_of(start + 1)  # 建, the second character of 構建
        await pilot.click(offset=(x, y))
        await pilot.pause()
        assert word(app) == "構建"
        # a glossary term: with the cursor on, a click moves it rather than opening the term
        x, y = article.screen_offset_of(start + 4)  # 會 of 社會主義和諧社會
        await pilot.click(offset=(x, y))
        await pilot.pause()
        assert word(app) == "社會主義和諧社會"
        assert marked(app) == ["社會主義和諧社會"]
        await pilot.click(offset=(x, y))
        await pilot.pause()
        words = list(dict.fromkeys(s.simplified for s in popup(app).senses))
        # the glossary's term, the words inside it longest first, then each character
        assert words == [
            "社会主义和谐社会",
            "社会主义",
            "社会",
            "主义",
            "和谐",
            *"社会主义和谐",
        ]


# -- the popup -------------------------------------------------------------------------------


async def test_enter_offers_every_headword_at_the_cursor_longest_first(
    segmenter: Segmenter,
) -> None:
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.lookup_glossary = lambda: None  # type: ignore[method-assign]  # CC-CEDICT only
        text = app.document.text
        app.move_word_cursor_to(text.index("社會主義和諧社會"))
        assert word(app) == "社會主義和諧社會"  # a glossary term, and so a word
        await pilot.press("enter")
        await pilot.pause()
        lines = box_lines(app)
        assert lines[:5] == [
            "社會主義  shè huì zhǔ yì  HSK 7-9",
            "socialism",
            "社會  shè huì  HSK 4",
            "society; measure word: 個 gè",  # CC-CEDICT's CL:個|个[ge4]
            "主義  zhǔ yì  HSK 7-9",
        ]
        # the words inside it longest first, then each character
        assert in_order(
            lines,
            ["和諧  hé xié  HSK 6", "社  shè  HSK 6", "會  huì  HSK 1", "主  zhǔ  beyond HSK"],
        )
        assert in_order(
            lines, ["(bound form) society; organization; agency; (old) god", "of the land"]
        )
        assert lines[-1] == "a add to vocabulary · ↑↓ choose · esc close"
        assert popup(app).selected == 0  # the longest, as CC-CEDICT lacks the whole term

        await pilot.press("s")  # the popup follows the script
        await pilot.pause()
        assert app.shown_script == "simplified"
        assert box_lines(app)[:4] == [
            "社会主义  shè huì zhǔ yì  HSK 7-9",
            "socialism",
            "社会  shè huì  HSK 4",
            "society; measure word: 个 gè",
        ]

        await pilot.press("escape")
        assert not isinstance(app.screen, WordPopup)
        assert word(app) == "社會主義和諧社會"  # the cursor stays (on the original's places)
        await pilot.press("escape")
        assert not app.word_cursor_active


async def test_the_popup_sits_below_the_word_or_above_it_near_the_bottom(
    segmenter: Segmenter,
) -> None:
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.lookup_glossary = lambda: None  # type: ignore[method-assign]
        article = app.article
        start = app.document.text.index(FIRST_SENTENCE)  # 構建
        app.move_word_cursor_to(start)
        await pilot.press("enter")
        await pilot.pause()
        x, y = article.screen_offset_of(start)
        box = popup(app).box.region
        assert (box.x, box.y) == (x, y + 1)
        assert box.height == 14  # 構建, 構, 搆 and 建 in 11 lines, the hint, the border
        assert box.width == 60
        await pilot.press("escape")

        # a word on the article's last row: the box goes above it
        layout = article.layout_model
        bottom = int(article.scroll_y) + article.scrollable_content_region.height - 1
        while layout.line_at(bottom) is None:
            bottom -= 1
        line = layout.line_at(bottom)
        assert line is not None
        app.move_word_cursor_to(layout.place_of(line.paragraph, line.start))
        span = app.word_cursor
        assert span is not None
        _, row = article.screen_offset_of(span[0])
        await pilot.press("enter")
        await pilot.pause()
        box = popup(app).box.region
        assert box.bottom == row
        assert box.y >= 0
        await pilot.click(offset=(box.x + box.width + 2, row))  # beside the box: closes it
        await pilot.pause()
        assert not isinstance(app.screen, WordPopup)


async def test_a_glossary_entry_comes_first(segmenter: Segmenter) -> None:
    entry = Entry(
        term="社會主義和諧社會",
        aliases=(),
        pinyin="shèhuì zhǔyì héxié shèhuì",
        zh="黨提出的戰略任務。",
        en="socialist harmonious society",
        category=None,
        source=Path("test.toml"),
    )
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.lookup_glossary = lambda: Glossary([entry])  # type: ignore[method-assign]
        app.move_word_cursor_to(app.document.text.index("社會主義和諧社會"))
        await pilot.press("enter")
        await pilot.pause()
        assert box_lines(app)[:5] == [
            "社會主義和諧社會  shèhuì zhǔyì héxié shèhuì  glossary",
            "socialist harmonious society",
            "黨提出的戰略任務。",
            "社會主義  shè huì zhǔ yì  HSK 7-9",
            "socialism",
        ]
        assert popup(app).selected == 0  # the word under the cursor
        await pilot.press("s")  # the glossary's explanation follows the script, as the rest
        await wait_until(pilot, lambda: "党提出的战略任务。" in box_lines(app), "simplified")
        assert box_lines(app)[0] == "社会主义和谐社会  shèhuì zhǔyì héxié shèhuì  glossary"


async def test_homographs_each_get_their_own_entry(tmp_path: Path, segmenter: Segmenter) -> None:
    document = tmp_path / "homographs.txt"
    document.write_text("行與干\n\n他說行，我們就干。\n", encoding="utf-8")
    app = ReaderApp(document, segmenter=segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.lookup_glossary = lambda: None  # type: ignore[method-assign]
        text = app.document.text
        app.move_word_cursor_to(text.index("行，"))
        assert word(app) == "行"
        await pilot.press("enter")
        await pilot.pause()
        lines = box_lines(app)
        assert lines[0] == "行  xíng  HSK 3"  # the more common reading first
        assert lines[1].startswith("to walk; to go; to travel; a visit;")
        assert in_order(lines, ["行  xíng  HSK 3", "行  háng  HSK 3"])
        assert [s.pinyin for s in popup(app).senses] == ["xíng", "háng"]
        await pilot.press("escape")

        app.move_word_cursor_to(text.index("干。"))
        await pilot.press("enter")
        await pilot.pause()
        senses = popup(app).senses
        # traditional on screen: each entry under its own traditional form; the form the
        # text writes first, then by use (幹 of 干部 is commoner than 乾 of 干净), surnames
        # and variants last
        assert [(s.headword("traditional"), s.pinyin) for s in senses] == [
            ("干", "gān"),
            ("幹", "gàn"),
            ("乾", "gān"),
            ("干", "Gān"),
            ("乾", "Gān"),
            ("乹", "gān"),
            ("亁", "gān"),
        ]
        text_shown = popup(app).plain_text()
        assert "乾  gān  HSK 3\ndry; dried food;" in text_shown
        assert "幹  gàn  HSK 3\ntree trunk; main part of sth;" in text_shown
        await pilot.press("s")
        await pilot.pause()
        assert "干  gàn  HSK 3\ntree trunk; main part of sth;" in popup(app).plain_text()
        assert "幹" not in popup(app).plain_text()


async def test_down_in_the_popup_chooses_and_a_adds_it_to_the_vocabulary(
    segmenter: Segmenter,
) -> None:
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.lookup_glossary = lambda: None  # type: ignore[method-assign]
        app.move_word_cursor_to(app.document.text.index(FIRST_SENTENCE) + 2)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert "Added 社會主義 to your vocabulary" in notifications(app)
        await pilot.press("a")
        assert "社會主義 is already in your vocabulary" in notifications(app)
        await pilot.press("down", "a")
        assert "Added 社會 to your vocabulary" in notifications(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, WordPopup)
        place, key = app.document.text.index(FIRST_SENTENCE) + 2, app.document_key

    items = json.loads(default_path().read_text(encoding="utf-8"))["items"]
    assert [{k: v for k, v in item.items() if k not in ("added", "changed")} for item in items] == [
        {
            "simplified": "社会主义",
            "traditional": "社會主義",
            "pinyin": "shè huì zhǔ yì",
            "definition": "socialism",
            "sentence": FIRST_SENTENCE,
            "document_title": "組織工作和諧社會交流",
            "section_title": "",
            "note": "",
            "place": place,  # where the word cursor's word starts: the vocabulary goes back there
            "document_key": key,
        },
        {
            "simplified": "社会",
            "traditional": "社會",
            "pinyin": "shè huì",
            "definition": "society; measure word: 個 gè",
            "sentence": FIRST_SENTENCE,
            "document_title": "組織工作和諧社會交流",
            "section_title": "",
            "note": "",
            "place": place,
            "document_key": key,
        },
    ]
    assert len(key) == 32


# -- loading and speed -----------------------------------------------------------------------


async def test_a_lookup_finds_the_longest_headwords_at_the_place(segmenter: Segmenter) -> None:
    """(How fast it answers is a row of tests/benchmark.py: target 5 ms.)"""
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        place = app.document.text.index("社會主義和諧社會")
        senses = app.lookup_senses(place)
        assert len(senses) >= 3


# -- the parts -------------------------------------------------------------------------------


async def test_the_help_screen_credits_cc_cedict(segmenter: Segmenter) -> None:
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("question_mark", "G")  # the credit ends the screen
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert f"CC-CEDICT ({CEDICT_DATE}), published by MDBG, licensed CC BY-SA 4.0" in text


async def test_the_popup_offers_every_word_the_cursor_covers_and_each_character() -> None:
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.lookup_glossary = lambda: None  # type: ignore[method-assign]  # CC-CEDICT only
        text = app.document.text
        app.move_word_cursor_to(text.index("交流"))
        assert word(app) == "交流"
        await pilot.press("enter")
        await pilot.pause()
        shown = [sense.headword("traditional") for sense in popup(app).senses]
        assert list(dict.fromkeys(shown)) == ["交流", "交", "流"]
        await pilot.press("escape")

        app.move_word_cursor_to(text.index("干部隊伍"))
        assert word(app) == "干部隊伍"
        await pilot.press("enter")
        await pilot.pause()
        shown = [sense.headword("traditional") for sense in popup(app).senses]
        assert list(dict.fromkeys(shown))[:4] == ["幹部", "部隊", "隊伍", "干"]
        assert {"部", "隊", "伍"} <= set(shown)
        # the document writes 干 (a mainland habit in a traditional text): its own form first
        assert popup(app).senses[3].headword("traditional") == "干"
        assert "measure words: 個 gè, 支 zhī, 條 tiáo" in popup(app).plain_text()

        await pilot.press("escape")
        app.move_word_cursor_to(text.index("組織"))
        await pilot.press("enter")
        await pilot.pause()
        assert box_lines(app)[:4] == [
            "組織  zǔ zhī  HSK 5",
            "to organize; organization; (biology) tissue; (textiles)",
            "weave; measure word: 個 gè",
            "組  zǔ  HSK 4",
        ]
        await pilot.press("down", "a")  # the common 組, not the surname Zu
        assert "Added 組 to your vocabulary" in notifications(app)
    items = json.loads(default_path().read_text(encoding="utf-8"))["items"]
    assert [(item["traditional"], item["pinyin"]) for item in items] == [("組", "zǔ")]


async def test_q_closes_the_word_popup_and_the_cursor_stays(segmenter: Segmenter) -> None:
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("d", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WordPopup)
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, WordPopup)
        assert app.is_running and app.return_code is None  # q closed the popup, not the app
        assert word(app) == "組織"


# -- a typed word (`D`, "Look up a word…") ---------------------------------------------------


async def test_D_asks_for_a_reading_and_shows_its_entry_in_the_script_on_screen(
    segmenter: Segmenter,
) -> None:
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, LookupPrompt)
        assert "Look up a word" in screen_text(app)
        await pilot.press(*"jiao1liu2", "enter")
        await pilot.pause()
        assert [(s.traditional, s.pinyin) for s in popup(app).senses] == [("交流", "jiāo liú")]
        assert "交流  jiāo liú" in screen_text(app)
        assert "to exchange" in popup(app).plain_text()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]

        # a word typed in simplified is shown in the traditional the text is in
        await pilot.press("D", *"干部", "enter")
        await pilot.pause()
        assert popup(app).senses[0].headword("traditional") == "幹部"
        assert "幹部  gàn bù" in screen_text(app)
        await pilot.press("s")  # the popup follows the switch
        await pilot.pause()
        assert "干部  gàn bù" in screen_text(app)


async def test_a_typed_word_with_no_entry_is_a_notice_and_escape_cancels(
    segmenter: Segmenter,
) -> None:
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("D", *"xqz[b]", "enter")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert notifications(app) == ["No dictionary entry for xqz[b]"]
        await pilot.press("D", *"jiaoliu", "escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert notifications(app) == ["No dictionary entry for xqz[b]"]


async def test_the_palette_offers_look_up_a_word(segmenter: Segmenter) -> None:
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p", *"look up a word")
        await wait_until(pilot, lambda: "Look up a word…" in screen_text(app), "the command")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LookupPrompt), "the prompt")
        await pilot.press(*"jiāoliú", "enter")
        await pilot.pause()
        assert [s.simplified for s in popup(app).senses] == ["交流"]


async def test_the_help_screen_lists_D_with_the_word_cursor(segmenter: Segmenter) -> None:
    app = ReaderApp(segmenter=segmenter)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert "D  Look up a typed word or pinyin" in screen_text(app)

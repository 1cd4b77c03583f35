"""Glossary terms in the app: marked when found, ] and [, the popup, clicks, the index, `s`."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import reader.document_terms as document_terms
import reader.features.terms as terms_feature
from reader.app import ReaderApp
from reader.document_terms import chunks
from reader.features.terms import TermsFeature
from reader.script import to_simplified
from reader.terms import TermHit, count_terms
from reader.widgets.term_index import TermIndex
from reader.widgets.term_popup import TermPopup
from reader.words import Segmenter
from tests.screen import marks, screen_strips, screen_text, wait_for_terms
from tests.test_terms import SAMPLE_TERMS

SIZE = (120, 40)
Span = tuple[int, int]

# What the popup of 和諧社會 says, line by line (explanation and gloss as one line each).
HEXIE_TRADITIONAL = [
    "和諧社會  和谐社会  politics",
    "héxié shèhuì  beyond HSK",
    "「社會主義和諧社會」的簡稱，文中反覆使用，如「構建和諧社會」、「和諧社會建設」。概念源自"
    "2004年十六屆四中全會，2006年十六屆六中全會作了全面部署，是胡錦濤時期官方話語的核心口號之一。",
    "harmonious society; short form of 'socialist harmonious society', the Hu Jintao–era"
    " slogan (2004–2006) for a stable society with balanced interests and few open conflicts.",
    "出現 31 次 · 31 times in this document",
]
HEXIE_SIMPLIFIED = [
    "和谐社会  和諧社會  politics",
    "héxié shèhuì  beyond HSK",
    "「社会主义和谐社会」的简称，文中反复使用，如「构建和谐社会」、「和谐社会建设」。概念源自"
    "2004年十六届四中全会，2006年十六届六中全会作了全面部署，是胡锦涛时期官方话语的核心口号之一。",
    HEXIE_TRADITIONAL[3],
    "出现 31 次 · 31 times in this document",
]
# The terms with 党员 in a written form, by first appearance (现代远程教育 and 先进性教育活动
# through their aliases 农村党员干部现代远程教育 and 保持共产党员先进性教育活动).
DANGYUAN_KEYS = [
    "现代远程教育",
    "在职党员进社区",
    "先进性教育活动",
    "发展党员",
    "万名党员联万户",
    "无职党员设岗定责",
    "党员示范岗",
    "党员星级竞赛",
    "流动党员",
]


# -- fixtures and helpers --------------------------------------------------------------------


def reader_app(segmenter: Segmenter | None = None, **options) -> ReaderApp:  # type: ignore[no-untyped-def]
    return ReaderApp(segmenter=segmenter, **options)


def article_cells(app: ReaderApp, attribute: str) -> list[str]:
    """The runs of text drawn in the article with a style attribute (reverse, underline)."""
    region = app.article.content_region
    runs: list[str] = []
    for strip in screen_strips(app)[region.y : region.bottom]:
        run = ""
        for segment in strip.crop(region.x, region.right - 1):  # not the scrollbar
            if segment.style is not None and getattr(segment.style, attribute):
                run += segment.text
            elif run:
                runs.append(run)
                run = ""
        if run:
            runs.append(run)
    return runs


def selected(app: ReaderApp) -> tuple[Span, str]:
    """The selected term's span and its text, checked against the marks and the screen."""
    hit = app.selected_term
    assert hit is not None
    span = (hit.start, hit.end)
    assert marks(app, "term-selected") == [span]
    text = app.document.text[hit.start : hit.end]
    if app.screen is app.article.screen:  # no popup covers the article
        # highlighted on screen (in the script shown), and only it; it may wrap to a new line
        assert "".join(article_cells(app, "reverse")) == app.shown_title(text)
    return span, text


def on_screen(app: ReaderApp, place: int) -> bool:
    first, end = app.article.visible_places()
    return first <= place < end


def popup(app: ReaderApp) -> TermPopup:
    assert isinstance(app.screen, TermPopup)
    return app.screen


def index(app: ReaderApp) -> TermIndex:
    assert isinstance(app.screen, TermIndex)
    return app.screen


# -- finding and marking ---------------------------------------------------------------------


async def test_the_first_paint_does_not_wait_for_jieba() -> None:
    """The article is on screen, and stays usable, while jieba is still loading."""
    release = threading.Event()
    loading_threads: list[threading.Thread] = []

    class SlowSegmenter(Segmenter):
        def ensure_loaded(self) -> None:
            if not self.loaded:
                loading_threads.append(threading.current_thread())
                assert release.wait(30), "the test never let jieba load"
            super().ensure_loaded()

    app = reader_app(SlowSegmenter())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.segmenter.loaded
        assert "組織工作和諧社會交流" in screen_text(app)
        assert "黨的十六屆六中全會" in screen_text(app)
        assert marks(app, "term") == []
        await pilot.press("j")  # the reader answers keys meanwhile
        await pilot.press("right_square_bracket")
        assert app.selected_term is None
        assert not app.terms_complete

        release.set()
        await wait_for_terms(pilot)
        assert app.segmenter.loaded
        assert len(marks(app, "term")) == 162
    assert loading_threads and threading.main_thread() not in loading_threads


async def test_every_term_of_the_sample_is_marked(segmenter: Segmenter) -> None:
    app = reader_app(segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_terms(pilot)

        spans = marks(app, "term")
        assert len(spans) == 162
        forms = app.glossary.forms()  # type: ignore[union-attr]
        text = app.document.text
        hits = [TermHit(s, e, forms[to_simplified(text[s:e])]) for s, e in spans]
        assert list(count_terms(hits).items()) == SAMPLE_TERMS
        assert spans == app.document_terms.spans()
        assert marks(app, "term-selected") == []

        underlined = article_cells(app, "underline")  # the marks on screen
        first, end = app.article.visible_places()
        on_it = [text[s:e] for s, e in spans if first <= s and e <= end]
        assert "".join(underlined) == "".join(on_it)  # (a term may wrap onto the next row)
        assert underlined[:4] == ["和諧社會", "和諧社會", "和諧社會", "社會主義和諧社會"]


async def test_glossary_problems_are_warnings_and_the_rest_still_loads(
    segmenter: Segmenter, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('[[term]]\nterm = "抓手"\nzh = "切入點。"\n', encoding="utf-8")
    missing = tmp_path / "missing.toml"
    override = tmp_path / "mine.toml"
    override.write_text(
        '[[term]]\nterm = "小康社会"\npinyin = "xiǎokāng shèhuì"\nzh = "测试。"\nen = "TEST"\n',
        encoding="utf-8",
    )
    app = reader_app(segmenter, glossaries=[broken, missing, override])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_terms(pilot)

        warnings = [(n.message, n.severity) for n in app._notifications]
        assert warnings == [
            (f"{missing}: glossary file not found", "warning"),
            (f"{broken}:1: [[term]] '抓手': missing 'en'", "warning"),
        ]
        assert len(marks(app, "term")) == 162
        assert app.glossary.get("小康社会").en == "TEST"  # type: ignore[union-attr]

        hit = app.document_terms.first_of("小康社会")
        assert hit is not None
        x, y = app.article.screen_offset_of(hit.start)
        await pilot.click(offset=(x, y))
        assert popup(app).plain_text().splitlines() == [
            "小康社會  小康社会",
            "xiǎokāng shèhuì  beyond HSK",
            "測試。",
            "TEST",
            "出現 1 次 · once in this document",
        ]


async def test_a_long_text_is_searched_in_chunks_the_screen_first(
    segmenter: Segmenter, monkeypatch: pytest.MonkeyPatch
) -> None:
    batches: list[tuple[int, list[Span], bool]] = []
    found, start = TermsFeature._terms_found, TermsFeature.start_terms

    def record(self, batch, covered, done):  # type: ignore[no-untyped-def]
        batches.append((len(batch), list(covered), done))
        found(self, batch, covered, done)

    def start_at_2500(self):  # type: ignore[no-untyped-def]
        self.article.scroll_to_place(2500)  # as if the reader resumed there
        start(self)

    monkeypatch.setattr(TermsFeature, "_terms_found", record)
    monkeypatch.setattr(TermsFeature, "start_terms", start_at_2500)
    monkeypatch.setattr(terms_feature, "REPORT_EVERY", 0)  # a batch for every chunk
    monkeypatch.setattr(document_terms, "chunks", lambda document: chunks(document, 1000))
    app = reader_app(segmenter)
    async with app.run_test(size=SIZE) as pilot:
        spans = chunks(app.document, 1000)
        assert spans == [(0, 1001), (1001, 2246), (2246, 3588), (3588, 4497)]
        await wait_for_terms(pilot)

        # the chunk on screen, the one after it, the one before, …; then the last word
        order = [spans[2], spans[3], spans[1], spans[0]]
        assert [covered for _, covered, _ in batches] == [[span] for span in order] + [[]]
        assert [done for _, _, done in batches] == [False] * 4 + [True]
        assert batches[0][0] > 0  # terms on screen are marked before the rest is searched
        assert sum(count for count, _, _ in batches) == 162
        assert len(marks(app, "term")) == 162
        assert list(count_terms(app.document_terms.hits).items()) == SAMPLE_TERMS


# -- ] and [ ---------------------------------------------------------------------------------


async def test_next_and_previous_term_from_the_top_of_the_screen(segmenter: Segmenter) -> None:
    app = reader_app(segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_terms(pilot)
        hits = app.document_terms.hits

        await pilot.press("right_square_bracket")
        assert selected(app) == ((4, 8), "和諧社會")  # in the title
        await pilot.press("right_square_bracket")
        assert selected(app) == ((43, 47), "和諧社會")  # 導語:組織工作和諧社會交流…
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert selected(app) == ((103, 111), "社會主義和諧社會")
        await pilot.press("left_square_bracket")
        assert selected(app) == ((93, 97), "和諧社會")

        await pilot.press("escape")  # drops the selection
        assert app.selected_term is None
        assert marks(app, "term-selected") == []
        assert article_cells(app, "reverse") == []

        # Scrolled on, the selection is off screen: ] starts again from the top of the screen.
        await pilot.press("right_square_bracket")
        await pilot.press("pagedown", "pagedown")
        top = app.article.top_place
        await pilot.press("right_square_bracket")
        expected = next(hit for hit in hits if hit.start >= top)
        assert app.selected_term == expected
        assert app.article.top_place == top  # it was on screen: no scrolling
        selected(app)

        # ] scrolls to bring a term below the screen into view
        _, end = app.article.visible_places()
        beyond = next(hit for hit in hits if hit.start >= end)
        while app.selected_term != beyond:
            await pilot.press("right_square_bracket")
        assert on_screen(app, beyond.start) and app.article.top_place > top
        selected(app)


async def test_the_last_and_first_terms_go_no_further(segmenter: Segmenter) -> None:
    app = reader_app(segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_terms(pilot)
        hits = app.document_terms.hits

        await pilot.press("left_square_bracket")  # nothing before the top of the document
        assert app.selected_term is None
        await pilot.press("G", "right_square_bracket")
        last = hits[-1]
        first, _ = app.article.visible_places()
        assert app.selected_term == next(hit for hit in hits if hit.start >= first)
        while app.selected_term != last:
            await pilot.press("right_square_bracket")
        await pilot.press("right_square_bracket")
        assert app.selected_term == last
        await pilot.press("left_square_bracket")
        assert app.selected_term == hits[-2]


# -- the popup -------------------------------------------------------------------------------


async def test_enter_opens_the_popup_which_follows_the_script_and_the_next_term(
    segmenter: Segmenter,
) -> None:
    app = reader_app(segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_terms(pilot)
        await pilot.press("right_square_bracket", "enter")

        box = popup(app)
        assert box.plain_text().splitlines() == HEXIE_TRADITIONAL
        shown = screen_text(app)
        for line in (
            "和諧社會  和谐社会",
            "héxié shèhuì  beyond HSK",
            "出現 31 次 · 31 times in this document",
        ):
            assert line in shown
        assert "「社會主義和諧社會」的簡稱" in shown
        # below the term: the title's row is the article's first
        x, y = app.article.screen_offset_of(4)
        assert box.box.region.y == y + 1
        assert box.box.region.x == min(x, SIZE[0] - box.box.region.width)

        await pilot.press("s")
        assert app.shown_script == "simplified"
        assert popup(app).plain_text().splitlines() == HEXIE_SIMPLIFIED
        shown = screen_text(app)
        assert "和谐社会  和諧社會" in shown and "「社会主义和谐社会」的简称" in shown
        assert "出现 31 次 · 31 times in this document" in shown
        article = app.article  # the article under the popup follows too
        assert any(
            "组织工作和谐社会交流" in article.render_line(row).text
            for row in range(article.scrollable_content_region.height)
        )

        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert app.selected_term == TermHit(103, 111, "社会主义和谐社会")
        box = popup(app)
        lines = box.plain_text().splitlines()
        assert lines[0] == "社会主义和谐社会  社會主義和諧社會  politics"
        assert lines[1] == "shèhuì zhǔyì héxié shèhuì  beyond HSK"
        assert lines[2].startswith("中共在胡锦涛主政时期提出的社会建设目标")
        assert lines[3].startswith("socialist harmonious society; the CPC goal")
        assert lines[4] == "出现 17 次 · 17 times in this document"
        x, y = app.article.screen_offset_of(103)
        assert box.box.region.y == y + 1  # the popup followed the term
        assert box.box.region.x == min(x, SIZE[0] - box.box.region.width)

        await pilot.press("left_square_bracket")
        assert app.selected_term == TermHit(93, 97, "和谐社会")
        assert popup(app).plain_text().splitlines() == HEXIE_SIMPLIFIED

        await pilot.press("escape")  # closes the popup; the term stays selected
        assert not isinstance(app.screen, TermPopup)
        assert selected(app) == ((93, 97), "和諧社會")
        await pilot.press("escape")
        assert app.selected_term is None


async def test_the_popup_goes_above_a_term_near_the_bottom(segmenter: Segmenter) -> None:
    app = reader_app(segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_terms(pilot)
        _, end = app.article.visible_places()
        low = [hit for hit in app.document_terms.hits if hit.end <= end]
        hit = low[-1]  # the last term on screen, near the bottom
        x, y = app.article.screen_offset_of(hit.start)
        assert y > SIZE[1] - 12

        await pilot.click(offset=(x, y))

        box = popup(app).box
        assert box.region.bottom == y
        assert box.region.x == min(x, SIZE[0] - box.region.width)


async def test_a_click_on_a_term_opens_its_popup(segmenter: Segmenter) -> None:
    app = reader_app(segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_terms(pilot)
        hit = app.document_terms.first_of("小康社会")
        assert hit is not None and on_screen(app, hit.start)
        x, y = app.article.screen_offset_of(hit.start)

        await pilot.click(offset=(x + 2, y))  # on its second character

        assert app.selected_term == hit
        lines = popup(app).plain_text().splitlines()
        assert lines[0] == "小康社會  小康社会  politics"
        assert lines[1] == "xiǎokāng shèhuì  beyond HSK"
        assert lines[2].startswith("「小康」一詞最早見於《詩經》")
        assert lines[3].startswith("moderately prosperous (xiaokang) society;")
        assert lines[4] == "出現 1 次 · once in this document"

        await pilot.click(offset=(0, 0))  # beside the box: closes it
        assert not isinstance(app.screen, TermPopup)

        await pilot.click(offset=(x - 2, y))  # on plain text: no popup
        assert not isinstance(app.screen, TermPopup)


# -- the index -------------------------------------------------------------------------------


async def test_the_term_index_filters_in_either_script_and_jumps(segmenter: Segmenter) -> None:
    app = reader_app(segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_terms(pilot)
        await pilot.press("t")

        terms = index(app)
        assert terms.listed() == [key for key, _ in SAMPLE_TERMS]
        assert terms.title_text() == "Terms in this document: 68, 162 occurrences"
        shown = screen_text(app)
        assert "31  和諧社會  héxié shèhuì  harmonious society" in shown
        assert "17  社會主義和諧社會  shèhuì zhǔyì héxié shèhuì  socialist harmonious" in shown

        await pilot.press("黨", "員")
        assert terms.listed() == DANGYUAN_KEYS
        assert terms.title_text().endswith("· 9 shown")
        await pilot.press("backspace", "backspace", "党", "员")
        assert terms.listed() == DANGYUAN_KEYS
        await pilot.press("backspace", "backspace", *"hexie")
        assert terms.listed() == ["和谐社会", "社会主义和谐社会"]
        await pilot.press(*" shehui")
        assert terms.listed() == ["和谐社会", "社会主义和谐社会"]
        for _ in range(len("hexie shehui")):
            await pilot.press("backspace")
        await pilot.press(*"MODEL")  # English, any case
        assert terms.listed() == ["三级联创", "党员示范岗"]

        for _ in range(len("model")):
            await pilot.press("backspace")
        await pilot.press(*"流動")
        assert terms.listed() == ["流动党员"]
        await pilot.press("enter")

        assert not isinstance(app.screen, TermIndex)
        hit = app.document_terms.first_of("流动党员")
        assert hit is not None
        assert app.selected_term == hit
        assert on_screen(app, hit.start) and on_screen(app, hit.end - 1)
        assert selected(app) == ((hit.start, hit.end), "流動黨員")
        assert app.focused is app.article


async def test_the_index_moves_with_the_arrows_and_switches_script(segmenter: Segmenter) -> None:
    app = reader_app(segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_terms(pilot)
        await pilot.press("t", *"黨員")
        terms = index(app)
        assert terms.option_list.highlighted == 0
        await pilot.press("down", "down", "up", "down")
        assert terms.option_list.highlighted == 2
        assert "1  先進性教育活動  xiānjìnxìng" in screen_text(app)

        await pilot.press("tab", "s")  # in the list, s switches script
        assert app.shown_script == "simplified"
        assert terms.listed() == DANGYUAN_KEYS
        assert terms.option_list.highlighted == 2
        shown = screen_text(app)
        assert "1  先进性教育活动  xiānjìnxìng" in shown
        assert "3  发展党员  fāzhǎn dǎngyuán  recruiting Party members" in shown

        await pilot.press("enter")
        hit = app.document_terms.first_of("先进性教育活动")
        assert hit is not None and app.selected_term == hit
        assert on_screen(app, hit.start)

        await pilot.press("t", "escape")  # escape closes the index, nothing chosen
        assert not isinstance(app.screen, TermIndex)
        assert app.selected_term == hit


async def test_the_popup_wraps_chinese_by_the_line_breaking_rules() -> None:
    """No line of the explanation starts with 、 or ，, and no number is split."""
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_terms(pilot)
        hit = next(h for h in app.document_terms.hits if h.key == "社会主义和谐社会")
        assert app.open_term_at(hit.start)
        await pilot.pause()
        popup = app.screen
        lines = popup.plain_text(wrapped=True).splitlines()
        assert len(lines) > len(popup.plain_text().splitlines())  # it did wrap
        assert not [line for line in lines if line[:1] in "，。、；：？！）」』》"]
        assert "2004" in popup.plain_text(wrapped=True) and "2006" in popup.plain_text(wrapped=True)


async def test_a_remapped_next_term_key_works_in_the_popup_and_its_hint_says_so(
    segmenter: Segmenter,
) -> None:
    from reader.settings import Settings

    app = reader_app(segmenter, settings=Settings(keymap={"next_term": "x", "script": "z"}))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_terms(pilot)
        await pilot.press("x", "enter")
        first = app.selected_term
        assert first is not None
        assert "x next · [ previous · z 繁/简 · esc close" in screen_text(app)
        await pilot.press("x")  # in the popup: the next term
        assert app.selected_term is not None and app.selected_term.start > first.start
        assert isinstance(app.screen, TermPopup)
        moved = app.selected_term
        await pilot.press("right_square_bracket")  # no longer bound
        assert app.selected_term == moved
        await pilot.press("z")
        assert app.shown_script == "simplified"


async def test_in_the_index_list_j_k_g_G_move_and_q_closes_it_in_the_filter_q_is_a_letter(
    segmenter: Segmenter,
) -> None:
    app = reader_app(segmenter)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_terms(pilot)
        await pilot.press("t", *"黨員", "q")
        terms = index(app)
        assert terms.filter_input.value == "黨員q"  # typed into the filter, nothing closed
        await pilot.press("backspace", "tab")
        assert terms.option_list.highlighted == 0
        await pilot.press("j", "j", "k")
        assert terms.option_list.highlighted == 1
        await pilot.press("G")
        assert terms.option_list.highlighted == len(DANGYUAN_KEYS) - 1
        await pilot.press("g")
        assert terms.option_list.highlighted == 0
        await pilot.press("q")
        assert not isinstance(app.screen, TermIndex)
        assert app.is_running and app.return_code is None

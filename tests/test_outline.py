"""The heading grammar: small documents with exact outlines, and the lines that must not count."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.document import Document, Section
from reader.load import Source
from reader.outline import (
    HeadingMatch,
    build_outline,
    format_outline,
    is_date_line,
    match_heading,
    numeral_value,
)
from reader.parse import parse_document

DATA = Path(__file__).parent / "data" / "outline"
DOCUMENTS = sorted(path for path in DATA.iterdir() if path.suffix != ".outline")


def outline_of(text: str, *, name: str = "test.txt") -> str:
    return format_outline(parse_document(text, name))


# --- the test documents -------------------------------------------------------------------


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: path.name)
def test_document_outline(path: Path) -> None:
    expected = path.with_suffix(".outline").read_text(encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    own_format = "markdown" if path.suffix == ".md" else "text"
    document = Source(text, path.name, own_format).parse()
    assert format_outline(document) == expected


def test_every_test_document_has_its_outline() -> None:
    names = {path.name for path in DOCUMENTS}
    assert names == {
        "contents.txt",
        "decimal.txt",
        "false-positives.txt",
        "law.txt",
        "markdown.md",
        "matter.txt",
        "novel.txt",
        "official.txt",
        "plain.txt",
        "report.txt",
        "runin.txt",
        # documents in the shapes real copies have (issue 13), one class or more each
        "gutenberg-zero.txt",  # 第一○回: ○ as a zero
        "numerals.txt",  # 〇 零 两, full-width and mixed digits
        "web-prefix.txt",  # 《》目录 before every heading line
        "web-bullets.txt",  # bullets, an ideographic-space indent
        "web-volumes.txt",  # 第一卷 少年游 before 第一章 on every chapter's line
        "contents-two.txt",  # two entries a line, 第001回 listing 第一回
        "contents-pages.txt",  # page numbers and dot leaders
        "web-repeat.txt",  # the chapter title printed again inside the chapter
        "code-units.txt",  # 編 > 章 > 節 > 條, 第五章之一, 附件
        "novel-parts.txt",  # 部 > 章, 集, 第十六章之二
        "lectures.txt",  # 篇 > 講, 附錄
        "volumes.txt",  # 卷 > 回
        "setext-law.txt",  # === and --- under the headings of a law
        "clauses.txt",  # （一） and 一、 clauses under articles
        "stories.txt",  # a collection: story titles, parts 一 二 and 第一章
        "report-long.txt",  # （二） of one long sentence among its siblings
        "wrapped.txt",  # hard-wrapped lines that start with 第九卷 or 第一回）
        "lawdb.txt",  # a legal database's 【法宝引证码】 header
        "gutenberg-header.txt",  # a Project Gutenberg header and licence around the book
        "split-title.txt",  # a title on two lines
        "preface-name.txt",  # 《野草》題辭: the book's name
        "preface-colon.txt",  # 前言： first: the file name is the title
    }
    assert all(path.with_suffix(".outline").is_file() for path in DOCUMENTS)


# --- numerals and single lines ------------------------------------------------------------


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("一百", 100),
        ("一百零五", 105),
        ("一百二十", 120),
        ("三百九十九", 399),
        ("兩千", 2000),
        ("两", 2),
        ("二〇二二", 2022),
        ("零", 0),
        ("12", 12),
        ("１２", 12),
    ],
)
def test_numeral_value(numeral: str, value: int) -> None:
    assert numeral_value(numeral) == value


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "第一回　宴桃園豪傑三結義",
            HeadingMatch(0, "第一回　宴桃園豪傑三結義", "unit:回", 1, True),
        ),
        ("　　第十二章 歸來", HeadingMatch(2, "第十二章 歸來", "unit:章", 12, True)),
        ("第3节", HeadingMatch(0, "第3节", "unit:節", 3, True)),
        ("第 12 章 出发", HeadingMatch(0, "第 12 章 出发", "unit:章", 12, True)),
        ("第１２章", HeadingMatch(0, "第１２章", "unit:章", 12, True)),
        ("第二编 总论", HeadingMatch(0, "第二编 总论", "unit:編", 2, True)),
        ("第三部分 結論", HeadingMatch(0, "第三部分 結論", "unit:部", 3, True)),
        ("序", HeadingMatch(0, "序", "matter", 0, True)),
        ("後記", HeadingMatch(0, "後記", "matter", 0, True)),
        ("附錄一　名錄", HeadingMatch(0, "附錄一　名錄", "matter", 0, True)),
        ("一、總則", HeadingMatch(0, "一、總則", "一、", 1, True)),
        ("十一、附則。", HeadingMatch(0, "十一、附則", "一、", 11, True)),
        ("（三）工作要求：", HeadingMatch(0, "（三）工作要求", "（一）", 3, True)),
        ("(二) 任務", HeadingMatch(0, "(二) 任務", "（一）", 2, True)),
        ("(3) 開放時間", HeadingMatch(0, "(3) 開放時間", "（1）", 3, True)),
        ("１．準備", HeadingMatch(0, "１．準備", "1、", 1, True)),
        ("2.安裝", HeadingMatch(0, "2.安裝", "1、", 2, True)),
        ("⑤注意事項", HeadingMatch(0, "⑤注意事項", "①", 5, True)),
        ("1、加強領導。各級領導要帶頭。", HeadingMatch(0, "1、加強領導", "1、", 1, False)),
        ("一、時間：下午三點", HeadingMatch(0, "一、時間", "一、", 1, False)),
        (
            "第一條　為規範個人資料之蒐集，特制定本法。",
            HeadingMatch(0, "第一條　為規範個人資料之蒐集", "unit:條", 1, False),
        ),
        (
            "第十條之一 本法之主管機關",
            HeadingMatch(0, "第十條之一 本法之主管機關", "unit:條", 10, False),
        ),
        ("第一千二百六十条", HeadingMatch(0, "第一千二百六十条", "unit:條", 1260, True)),
        ("1.1 背景", HeadingMatch(0, "1.1 背景", "1.1:2", 1, True)),
        ("２．１．３　前端", HeadingMatch(0, "２．１．３　前端", "1.1:3", 3, True)),
    ],
)
def test_match_heading(line: str, expected: HeadingMatch) -> None:
    assert match_heading(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "前言不搭後語",
        "序曲",
        "一、",
        "第一章的內容很長。",
        "第三章中的人物",
        "第一部電影是在北京拍的。",
        "一、二年後",
        "1、2、3",
        "1.5倍",
        "2022.11.27",
        "十分",
        "第一，",
        "一言以蔽之",
        "10个人",
        "三個人走進來。",
        "第一章" + "長" * 60,
        "1、" + "長" * 60,
        "第一條路是他自己選的。",
        "第三條規定的事項",
        "2.5 公里外有一座山。",
        "1.1.1.1.1 太深",
    ],
)
def test_not_a_heading_line(line: str) -> None:
    assert match_heading(line) is None


def test_a_heading_line_stands_alone_and_a_run_in_heading_does_not() -> None:
    # parse splits off a line whose heading is standalone: it must be a paragraph of its own
    assert match_heading("一、總則").standalone  # type: ignore[union-attr]
    assert not match_heading("1、加強領導。各級領導要帶頭。").standalone  # type: ignore[union-attr]
    assert match_heading("## 甲") is None  # Markdown has its own reader


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2022-11-27", True),
        ("2022-11-27 03:08:00", True),
        ("2022年11月27日", True),
        ("二〇二二年十一月二十七日", True),
        ("2022年11月27日 星期日", True),
        ("11月27日", True),
        ("2022年度工作總結", False),
        ("十一月的雨", False),
    ],
)
def test_is_date_line(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected


# --- false positives inside documents -----------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "1.5倍的價格讓人猶豫。",
        "十分感謝大家。",
        "第一，我們要守時。",
        "一言以蔽之，還是要守時。",
        "他是一是一、二是二的人。",
        "一是一，二是二，不能含糊。",
        "2022-11-27",
        "2022年11月27日",
        "2022.11.27",
        "三個人走進來。",
        "10个人走出去。",
        "一是因為下雨。",
        "產量是去年的2.5倍，一是天氣好，二是肥料足。",
        "二、三月份雨水多。",
        "我們買了3、4個蘋果，又買了十二、三斤米。",
        "在第三章中，作者講了故事。",
        "3.14是圓周率。",
    ],
)
def test_false_positive_opens_no_section(line: str) -> None:
    text = f"標題\n\n正文第一段。\n\n{line}\n\n正文第二段。\n"
    assert parse_document(text, "t.txt").sections == ()


def test_idiom_does_not_pair_with_a_later_enumeration() -> None:
    text = "標題\n\n一、總則\n\n一是一，二是二。\n\n然後。二是要守時。\n"
    assert outline_of(text) == "標題\n  一、總則\n"


# --- depth by order of appearance ---------------------------------------------------------


def test_depth_follows_the_order_styles_first_appear() -> None:
    text = "標題\n\n1、甲\n\n（1）子\n\n（2）丑\n\n2、乙\n"
    assert outline_of(text) == "標題\n  1、甲\n    （1）子\n    （2）丑\n  2、乙\n"


def test_unusual_order_is_followed_too() -> None:
    text = "標題\n\n（1）甲\n\n1、子\n\n（2）乙\n"
    assert outline_of(text) == "標題\n  （1）甲\n    1、子\n  （2）乙\n"


def test_order_is_decided_under_each_parent() -> None:
    text = "標題\n\n一、甲\n\n（一）子\n\n二、乙\n\n1、丑\n\n（一）寅\n"
    expected = "標題\n  一、甲\n    （一）子\n  二、乙\n    1、丑\n      （一）寅\n"
    assert outline_of(text) == expected


def test_unit_words_rank_whatever_the_order() -> None:
    text = "書\n\n第一章 甲\n\n第二章 乙\n\n第二卷 丙\n\n第三章 丁\n"
    assert outline_of(text) == "書\n  第一章 甲\n  第二章 乙\n  第二卷 丙\n    第三章 丁\n"


def test_units_never_nest_inside_numbered_items() -> None:
    text = "書\n\n第一章 甲\n\n一、子\n\n第一節 丑\n\n一、寅\n"
    expected = "書\n  第一章 甲\n    一、子\n    第一節 丑\n      一、寅\n"
    assert outline_of(text) == expected


def test_front_and_back_matter_are_top_level() -> None:
    text = "書\n\n前言\n\n第一章 甲\n\n第一節 子\n\n後記\n"
    assert outline_of(text) == "書\n  前言\n  第一章 甲\n    第一節 子\n  後記\n"


def test_run_in_marker_must_count_up() -> None:
    text = "標題\n\n1、甲。正文。\n\n3、丙。正文。\n\n2、乙。正文。\n"
    assert outline_of(text) == "標題\n  1、甲\n  2、乙\n"


def test_articles_count_on_within_a_chapter_and_carry_their_number_across() -> None:
    text = (
        "法\n\n第一章 總則\n\n第一條 甲。\n\n第二條 乙。\n\n第一條 丙。\n\n"
        "第二章 附則\n\n第九條 丁。\n"
    )
    expected = "法\n  第一章 總則\n    第一條 甲\n    第二條 乙\n  第二章 附則\n    第九條 丁\n"
    assert outline_of(text) == expected


def test_a_bare_number_heads_a_section_only_beside_dotted_ones() -> None:
    assert outline_of("報告\n\n1 概述\n\n正文。\n\n2 架構\n\n正文。\n") == (
        "報告\n  1 概述\n  2 架構\n"  # short bare lines, as unnumbered headings
    )
    assert outline_of("清單\n\n3 個蘋果\n\n一、水果\n\n正文。\n") == "清單\n  一、水果\n"


def test_circled_numbers_marked_in_the_text_are_notes_not_headings() -> None:
    text = "標題\n\n一、引言\n\n早有人討論過①，又有新看法②。\n\n注釋：\n①參見某書。\n②同上。\n"
    assert outline_of(text) == "標題\n  一、引言\n"
    unmarked = "標題\n\n一、時間\n\n①工作日開放。\n\n②節假日另行公告。\n"
    assert outline_of(unmarked) == "標題\n  一、時間\n    ①工作日開放\n    ②節假日另行公告\n"


def test_run_in_list_must_start_at_one() -> None:
    assert outline_of("標題\n\n2、乙。正文。\n") == "標題\n"


def test_run_in_list_needs_a_second_item() -> None:
    text = "小說\n\n第一章 規矩\n\n一、不許哭。二、不許鬧。他說完就走了。\n\n正文。\n"
    assert outline_of(text) == "小說\n  第一章 規矩\n"


def test_lone_standalone_marker_is_accepted() -> None:
    assert outline_of("標題\n\n二、乙\n\n正文。\n") == "標題\n  二、乙\n"


# --- 一是……二是…… ----------------------------------------------------------------------


def test_enumeration_without_a_heading_is_top_level() -> None:
    text = "標題\n\n正文。一是甲；二是乙。\n"
    assert outline_of(text) == "標題\n  一是甲\n  二是乙\n"


def test_enumeration_must_go_on_within_its_section() -> None:
    text = "標題\n\n一、甲\n\n正文。一是子。\n\n二、乙\n\n正文。二是丑。\n"
    assert outline_of(text) == "標題\n  一、甲\n  二、乙\n"


def test_enumeration_stops_where_the_count_breaks() -> None:
    text = "標題\n\n正文。一是甲。二是乙。四是丁。\n"
    assert outline_of(text) == "標題\n  一是甲\n  二是乙\n"


def test_enumeration_may_restart_in_a_section() -> None:
    text = "標題\n\n正文。一是甲。二是乙。\n\n又。一是丙。二是丁。\n"
    assert outline_of(text) == "標題\n  一是甲\n  二是乙\n  一是丙\n  二是丁\n"


def test_enumeration_after_a_comma_is_not_a_heading() -> None:
    assert outline_of("標題\n\n原因有二，一是甲，二是乙。\n") == "標題\n"


def test_enumeration_at_a_wrapped_line_start_is_not_a_sentence_start() -> None:
    text = "標題\n\n正文說了兩點，分別\n一是甲，\n二是乙。\n\n結尾。\n"
    assert outline_of(text) == "標題\n"


# --- unnumbered headings ------------------------------------------------------------------


def test_short_lines_of_a_poem_are_not_headings() -> None:
    text = "詩\n\n床前明月光\n\n疑是地上霜\n\n舉頭望明月\n\n低頭思故鄉\n"
    assert outline_of(text) == "詩\n"


def test_a_single_short_line_is_not_a_heading() -> None:
    text = "文\n\n正文第一段。\n\n清晨\n\n正文第二段。\n"
    assert outline_of(text) == "文\n"


def test_unnumbered_lines_give_way_to_numbered_headings() -> None:
    text = "文\n\n一、甲\n\n小標題\n\n正文。\n\n另一個\n\n正文。\n"
    assert outline_of(text) == "文\n  一、甲\n"


def test_no_unnumbered_headings_when_every_line_is_a_paragraph() -> None:
    text = "文\n清晨\n天剛亮，有人在打拳。\n午後\n陽光很好。\n"
    assert outline_of(text) == "文\n"


# --- Markdown -----------------------------------------------------------------------------


# --- the pure API -------------------------------------------------------------------------


def test_build_outline_reports_heading_paragraphs() -> None:
    text = "一、甲\n正文。\n二、乙。正文。"
    outline = build_outline(text, [(0, 3), (4, 7), (8, 15)])
    assert outline.sections == (Section("一、甲", 1, 0), Section("二、乙", 1, 8))
    assert outline.heading_depths == {0: 1}


def test_build_outline_heading_line_inside_a_paragraph() -> None:
    text = "一、甲\n正文。\n二、乙\n正文。"
    outline = build_outline(text, [(0, 7), (8, 15)])
    assert outline.sections == (Section("一、甲", 1, 0), Section("二、乙", 1, 8))
    assert outline.heading_depths == {}
    assert build_outline("第一章\n正文。", [(0, 7)]).sections == ()


def test_format_outline_of_an_empty_document() -> None:
    document = Document("", "empty.txt", "empty.txt", (), ())
    assert format_outline(document) == "empty.txt\n"


# --- properties ---------------------------------------------------------------------------

HEADING_LINES = [
    "第一章 甲",
    "第二章 乙",
    "第一節 丙",
    "第二節 丁",
    "第一卷 戊",
    "一、子",
    "二、丑",
    "（一）寅",
    "（二）卯",
    "1、辰",
    "2、巳",
    "（1）午",
    "①未",
    "②申",
    "1.1 酉",
    "1.2.1 戌",
    "第三條",
    "序",
    "後記",
]


@settings(deadline=None, max_examples=200)
@given(st.lists(st.sampled_from(HEADING_LINES), min_size=1, max_size=30))
def test_every_standalone_heading_line_is_a_section(lines: list[str]) -> None:
    text = "標題\n\n" + "".join(f"{line}\n\n正文。\n\n" for line in lines)
    document = parse_document(text, "t.txt")
    assert [section.title for section in document.sections] == lines
    previous_depth = 0
    for section in document.sections:
        assert 1 <= section.depth <= previous_depth + 1
        previous_depth = section.depth
    headings = [paragraph for paragraph in document.paragraphs if paragraph.kind == "heading"]
    assert [paragraph.depth for paragraph in headings] == [s.depth for s in document.sections]

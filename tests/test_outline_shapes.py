"""Outlines of documents in the shapes real copies have: one property per class of misfire.

Web copies, Gutenberg scrapes and legal-database exports number, prefix, list and repeat
their headings in ways clean documents do not; each test builds such documents at random
and checks the section tree a reader would draw (the corpus in data/outline/ has one real-
shaped document per class, with its outline written by hand).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.document import Document
from reader.outline import format_outline, numeral_value
from reader.parse import explain_outline, parse_document

EXAMPLES = settings(deadline=None, max_examples=40)
DIGITS = "○一二三四五六七八九"
FULL_WIDTH = "０１２３４５６７８９"
TITLES = ["風雪夜歸", "渡口相逢", "山寺借宿", "江心遇險", "古道西風", "故人來信", "秋收", "燈下"]


def chinese(number: int) -> str:
    """十二, 一百零五: the usual way of writing a chapter number."""
    digits = "零一二三四五六七八九"
    hundreds, rest = divmod(number, 100)
    tens, ones = divmod(rest, 10)
    text = digits[hundreds] + "百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    elif hundreds and ones:
        text += "零"
    return text + (digits[ones] if ones else "")


def positional(number: int, zero: str = "○") -> str:
    """一○○, 二〇: each digit written out, as Gutenberg copies of old novels do."""
    return "".join(DIGITS[int(digit)] for digit in str(number)).replace("○", zero)


def outline_lines(document: Document) -> list[str]:
    return format_outline(document).splitlines()[1:]


# --- 1. numerals with ○ 〇 零 两 and full-width digits ------------------------------------


NUMERAL_FORMS = {
    "chinese": chinese,
    "○": positional,
    "〇": lambda number: positional(number, "〇"),
    "full-width": lambda number: "".join(FULL_WIDTH[int(digit)] for digit in str(number)),
    "zero-padded": lambda number: f"{number:03d}",
}


@EXAMPLES
@given(
    st.lists(st.integers(1, 199), min_size=1, max_size=8, unique=True).map(sorted),
    st.sampled_from(sorted(NUMERAL_FORMS)),
)
def test_chapters_numbered_in_any_form_are_sections(numbers: list[int], form: str) -> None:
    headings = [f"第{NUMERAL_FORMS[form](number)}回　{TITLES[number % 8]}" for number in numbers]
    text = "書名\n\n" + "".join(f"{line}\n\n　　正文一句。\n\n" for line in headings)
    assert outline_lines(parse_document(text, "t.txt")) == ["  " + line for line in headings]
    assert [numeral_value(NUMERAL_FORMS[form](number)) for number in numbers] == numbers


# --- 2. a prefix before the heading on its line -------------------------------------------


@EXAMPLES
@given(
    st.sampled_from(["《》目录 ", "《長河》目錄　", "\ufeff", "● ", "■", "　　", "◆ "]),
    st.integers(3, 8),
)
def test_a_heading_after_junk_a_bullet_or_an_indent_is_a_section(prefix: str, count: int) -> None:
    headings = [f"第{chinese(number)}章　{TITLES[number % 8]}" for number in range(1, count + 1)]
    text = "書名\n" + "".join(f"{prefix}{line}\n　　正文一句。\n" for line in headings)
    document = parse_document(text, "t.txt")
    assert outline_lines(document) == ["  " + line for line in headings]
    for section in document.sections:  # the section starts where its numbering does
        assert document.text.startswith(section.title, section.start)


@EXAMPLES
@given(st.lists(st.integers(1, 4), min_size=1, max_size=4), st.sampled_from([" ", "　", "  "]))
def test_a_volume_named_on_each_chapter_line_is_one_section_over_them(
    volumes: list[int], space: str
) -> None:
    text, expected, chapter = "書名\n", [], 0
    for volume, count in enumerate(volumes, start=1):
        name = f"第{chinese(volume)}卷{space}{TITLES[volume % 8]}"
        expected.append("  " + name)
        for _ in range(count):
            chapter += 1
            heading = f"第{chinese(chapter)}章{space}{TITLES[chapter % 8]}"
            text += f"{name}{space}{heading}\n　　正文一句。\n"
            expected.append("    " + heading)
    document = parse_document(text, "t.txt")
    assert outline_lines(document) == expected
    assert [p.depth for p in document.paragraphs if p.kind == "heading"] == [2] * chapter


@EXAMPLES
@given(st.sampled_from(["【{}】{}", "【{} {}】", "〔{}〕{}", "[{}] {}"]), st.integers(2, 6))
def test_a_heading_in_brackets_is_a_section_brackets_and_all(form: str, count: int) -> None:
    headings = [
        form.format(f"第{chinese(number)}章", TITLES[number % 8]) for number in range(1, count + 1)
    ]
    text = "書名\n\n" + "".join(f"{line}\n\n　　正文一句。\n\n" for line in headings)
    text += "【第一章】的內容就是這些。\n"
    assert outline_lines(parse_document(text, "t.txt")) == ["  " + line for line in headings]


# --- 3. a table of contents with two entries a line ---------------------------------------


@EXAMPLES
@given(st.integers(2, 12), st.sampled_from(["\t", "　", "  "]), st.booleans())
def test_a_table_of_contents_in_any_shape_is_not_its_chapters(
    count: int, between: str, with_pages: bool
) -> None:
    def entry(number: int) -> str:
        page = f"……{number * 7}" if with_pages else ""
        return f"第{number:03d}回　{TITLES[number % 8]}{page}"

    pairs = [
        between.join(entry(number) for number in (first, first + 1) if number <= count)
        for first in range(1, count + 1, 2)
    ]
    headings = [f"第{chinese(number)}回　{TITLES[number % 8]}" for number in range(1, count + 1)]
    text = "書名\n\n目錄\n" + "\n".join(pairs) + "\n\n"
    text += "".join(f"{line}\n\n　　正文一句。\n\n" for line in headings)
    document = parse_document(text, "t.txt")
    assert outline_lines(document) == ["  " + line for line in headings]
    contents = [p for p in document.paragraphs if p.kind == "contents"]
    assert len(contents) == 1 + len(pairs)  # the 目錄 line and every line of entries


# --- 4. a heading repeated inside its chapter ---------------------------------------------


@EXAMPLES
@given(st.lists(st.sampled_from(["indented", "byline", "none"]), min_size=1, max_size=6))
def test_a_heading_printed_again_in_its_chapter_is_one_section(repeats: list[str]) -> None:
    text = "書名\n\n"
    headings = []
    for number, repeat in enumerate(repeats, start=1):
        heading = f"第{chinese(number)}章　{TITLES[number % 8]}"
        headings.append(heading)
        text += f"{heading}\n\n"
        if repeat == "byline":
            text += "作者：某某　更新時間：2021-03-02\n\n"
        if repeat != "none":
            text += f"　　{heading}\n\n"
        text += "　　正文一句。\n\n"
    assert outline_lines(parse_document(text, "t.txt")) == ["  " + line for line in headings]


# --- 5. units beyond 章節回卷條 nest by their words ---------------------------------------


@EXAMPLES
@given(
    st.sampled_from(["編章節條", "卷回", "部章", "篇講", "部集", "編章條"]),
    st.lists(st.integers(1, 2), min_size=1, max_size=4),
)
def test_units_nest_by_their_words(units: str, fan_out: list[int]) -> None:
    lines: list[str] = []
    numbers = dict.fromkeys(units, 0)

    def grow(depth: int) -> None:
        unit = units[depth]
        # a lone run-in 第一條 is not taken for a heading: a law has at least two articles
        for _ in range(2 if unit == "條" else fan_out[depth % len(fan_out)]):
            numbers[unit] += 1
            title = f"第{chinese(numbers[unit])}{unit}"
            if unit == "條":
                lines.append("  " * (depth + 1) + title + "　本法所稱之事項")
            else:
                lines.append("  " * (depth + 1) + title + "　" + TITLES[numbers[unit] % 8])
            if depth + 1 < len(units):
                grow(depth + 1)

    grow(0)
    body = "".join(
        f"{line.strip()}{'，依本法辦理。' if '條' in line else ''}\n\n" for line in lines
    )
    text = f"示範\n\n{body}第五章之一　補充\n\n附件一　名錄\n\n甲、乙。\n"
    expected = lines + (["  第五章之一　補充"] if "章" in units else []) + ["  附件一　名錄"]
    got = outline_lines(parse_document(text, "t.txt"))
    if "章" in units:
        depth = units.index("章") + 1
        expected[-2] = "  " * depth + "第五章之一　補充"
    else:
        got = [line for line in got if "第五章之一" not in line]
    assert got == expected


# --- 6. === and --- under a law's headings ------------------------------------------------


@EXAMPLES
@given(st.lists(st.integers(2, 4), min_size=1, max_size=4), st.sampled_from("=-"))
def test_an_underline_never_swallows_the_article_after_it(articles: list[int], mark: str) -> None:
    text, expected, article = "示範法\n" + mark * 8 + "\n\n", [], 0
    for chapter, count in enumerate(articles, start=1):
        heading = f"第{chinese(chapter)}章　{TITLES[chapter % 8]}"
        text += f"{heading}\n{mark * 12}\n"
        expected.append("  " + heading)
        for _ in range(count):
            article += 1
            text += f"第{chinese(article)}條　本法所稱之事項，依本法辦理。\n"
            expected.append(f"    第{chinese(article)}條　本法所稱之事項")
        text += "\n"
    assert outline_lines(parse_document(text, "t.txt")) == expected


# --- 7. a law's clauses are its text --------------------------------------------------------


@EXAMPLES
@given(
    st.lists(st.integers(0, 4), min_size=2, max_size=5),
    st.sampled_from(["一、", "（一）", "1."]),
    st.booleans(),
)
def test_clauses_under_an_article_are_not_sections(
    clauses: list[int], marker: str, blank_lines: bool
) -> None:
    gap = "\n\n" if blank_lines else "\n"
    text, expected = "示範法\n\n第一章　總則\n\n", ["  第一章　總則"]
    for article, count in enumerate(clauses, start=1):
        lead = "有下列情形之一的：" if count else "依本法辦理。"
        text += f"第{chinese(article)}條　本法所稱之事項，{lead}"
        expected.append(f"    第{chinese(article)}條　本法所稱之事項")
        for number in range(1, count + 1):
            item = marker.replace("一", chinese(number)).replace("1", str(number))
            text += f"{gap}{item}第{number}種情形；"
        text += "\n\n"
    assert outline_lines(parse_document(text, "t.txt")) == expected


# --- 8. a collection of pieces --------------------------------------------------------------


@EXAMPLES
@given(
    st.lists(
        st.tuples(st.sampled_from(["none", "bare", "chapters"]), st.integers(2, 4)),
        min_size=2,
        max_size=5,
    ).filter(lambda pieces: sum(kind != "none" for kind, _ in pieces) >= 2)
)
def test_a_collection_has_its_pieces_on_top_and_their_parts_under_them(
    pieces: list[tuple[str, int]],
) -> None:
    text, expected = "小說集\n\n", []
    for position, (kind, parts) in enumerate(pieces):
        title = ["狂人日記", "孔乙己", "藥", "明天", "風波"][position]
        text += f"{title}\n\n"
        expected.append("  " + title)
        if kind == "none":
            text += "　　他走進酒店，要了兩碗酒。\n\n"
        for number in range(1, parts + 1 if kind != "none" else 1):
            part = chinese(number) if kind == "bare" else f"第{chinese(number)}章　{TITLES[number]}"
            text += f"{part}\n\n　　今天晚上，很好的月光。\n\n"
            expected.append("    " + part)
    assert outline_lines(parse_document(text, "t.txt")) == expected


# --- 9. a numbered heading of one long sentence -------------------------------------------


@EXAMPLES
@given(st.lists(st.integers(1, 70), min_size=2, max_size=6))
def test_long_numbered_headings_are_judged_with_their_siblings(lengths: list[int]) -> None:
    text, expected = "報告\n\n", []
    for number, length in enumerate(lengths, start=1):
        sentence = "推動" + "民生" * (length // 2) + "工作"
        text += f"（{chinese(number)}）{sentence}。\n\n"
        expected.append(f"  （{chinese(number)}）{sentence}"[:82])
    assert outline_lines(parse_document(text, "t.txt")) == expected


# --- 10. wrapped lines that start like a heading ------------------------------------------


@EXAMPLES
@given(
    st.integers(16, 30), st.sampled_from(["第九卷《山居記》一篇，", "第一回）以來，", "第三章，"])
)
def test_a_hard_wrapped_line_that_starts_like_a_heading_is_text(width: int, lead: str) -> None:
    prose = "這部書流傳的本子很多最早的刻本已經不可見今天所能見到的以明代刻本最為完整其中收入"
    wrapped = "\n".join((prose * 2)[start : start + width] for start in (0, width))  # full lines
    text = f"雜記\n\n一、版本\n\n{wrapped}\n{lead}敘述作者晚年的\n生活。\n\n二、內容\n\n正文。\n"
    document = parse_document(text, "t.txt")
    assert outline_lines(document) == ["  一、版本", "  二、內容"]
    assert [p.kind for p in document.paragraphs].count("body") == 2


# --- 11. the title -------------------------------------------------------------------------


@EXAMPLES
@given(
    st.lists(st.sampled_from(["法宝引证码", "发布部门", "效力级别", "时效性"]), unique=True),
    st.sampled_from(["中华人民共和国示范法", "《野草》題辭", "关于做好示范工作的通知"]),
)
def test_a_database_header_is_metadata_and_the_title_follows(keys: list[str], line: str) -> None:
    header = "".join(f"【{key}】CLI.1.{len(key)}\n" for key in keys)
    text = f"{header}\n{line}\n\n第一条　为了规范示范工作，制定本法。\n"
    document = parse_document(text, "t.txt")
    assert document.title == line.removeprefix("《野草》題辭") or document.title == "野草"
    assert [key for key, _ in document.metadata] == keys


@EXAMPLES
@given(st.integers(12, 30), st.integers(5, 30))
def test_a_title_broken_over_two_lines_is_one_title(first: int, second: int) -> None:
    head, tail = ("关于" + "计划执行情况" * 5)[:first], ("与计划草案的报告" * 4)[-second:]
    text = f"{head}\n{tail}\n\n各位代表：\n\n一、执行情况\n\n正文。\n"
    document = parse_document(text, "t.txt")
    assert document.title == head + tail
    assert outline_lines(document) == ["  一、执行情况"]


def test_a_title_named_in_the_metadata_is_the_title() -> None:
    text = "书名：斗破苍穹\n作者：天蚕土豆\n\n"
    text += "第一章 陨落的天才\n　　正文。\n第二章 斗气大陆\n　　正文。\n"
    document = parse_document(text, "dp.txt")
    assert format_outline(document) == "斗破苍穹\n  第一章 陨落的天才\n  第二章 斗气大陆\n"
    assert document.metadata == (("书名", "斗破苍穹"), ("作者", "天蚕土豆"))


def test_a_gutenberg_header_is_metadata_and_names_the_book() -> None:
    header = "The Project Gutenberg EBook of 某書\n\nTitle: 某書\n\nAuthor: 某人\n\n"
    header += "*** START OF X ***\n\n"
    document = parse_document(header + "序\n\n　　正文。\n\n第一章 甲\n\n　　正文。\n", "pg.txt")
    assert format_outline(document) == "某書\n  序\n  第一章 甲\n"
    assert document.metadata == (("Title", "某書"), ("Author", "某人"))
    assert [p.kind for p in document.paragraphs][:4] == ["meta"] * 4


def test_a_title_keeps_its_author_line_apart() -> None:
    assert parse_document("秋夜\n魯迅\n\n正文。\n", "t.txt").title == "秋夜"
    long_title = "关于进一步做好城市社区图书室管理工作的"
    assert parse_document(f"{long_title}\n张某某\n\n正文。\n", "t.txt").title == long_title


def test_a_book_name_in_the_first_line_is_the_title_only_when_it_names_the_book() -> None:
    assert parse_document("《野草》題辭\n\n正文。\n", "t.txt").title == "野草"
    assert parse_document("《紅樓夢》　曹雪芹\n\n正文。\n", "t.txt").title == "紅樓夢"
    assert parse_document("《活着》读后感\n\n正文。\n", "t.txt").title == "《活着》读后感"


def test_a_bracketed_heading_first_is_not_metadata() -> None:
    document = parse_document("【第一章】\n\n正文。\n", "t.txt")
    assert document.metadata == ()


def test_a_preface_named_first_leaves_the_title_to_the_file_name() -> None:
    document = parse_document("前言：\n\n　　這本書。\n\n第一章　讀史\n\n　　讀史。\n", "書.txt")
    assert format_outline(document) == "書.txt\n  前言\n  第一章　讀史\n"


# --- --explain ------------------------------------------------------------------------------


def test_explain_says_which_rule_fired_for_each_line() -> None:
    text = (
        "書名\n\n第一章　出門\n\n　　第一章　出門\n\n　　他走了。\n\n"
        "第三章中的人物都很有趣。\n\n第二章　回來\n"
    )
    assert explain_outline(text, "t.txt") == (
        "書名\n  第一章　出門\n  第二章　回來\n"
        "     1  書名\n        the title (the first line that reads like one)\n"
        "     3  第一章　出門\n        section, depth 1: 第X章\n"
        "     5  第一章　出門\n        第X章; repeats the heading just above: the same section\n"
        "     9  第三章中的人物都很有趣。\n        第X章 followed by 中: a sentence\n"
        "    11  第二章　回來\n        section, depth 1: 第X章\n"
    )


def test_explain_names_run_in_sections_and_lists_of_one() -> None:
    text = "標題\n\n1、甲。正文。\n\n2、乙。正文。\n\n（一）丙。正文。\n"
    assert explain_outline(text, "t.txt").splitlines()[3:] == [
        "     1  標題",
        "        the title (the first line that reads like one)",
        "     3  1、甲。正文。",
        "        section, depth 1: 1、 numbering, a run-in heading",
        "     5  2、乙。正文。",
        "        section, depth 1: 1、 numbering, a run-in heading",
        "     7  （一）丙。正文。",
        "        （一） numbering, a run-in heading; "
        "a list of one: no 2 of the same numbering follows",
    ]

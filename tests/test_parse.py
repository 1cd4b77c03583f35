"""Text -> Document: paragraphs, title, metadata, and the invariants every layer relies on."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.assets import sample_article
from reader.document import Document, Paragraph
from reader.parse import MAX_PARAGRAPH_CHARS, format_outline, parse_document

SAMPLE_OUTLINE = (Path(__file__).parent / "data" / "sample-article.outline").read_text(
    encoding="utf-8"
)


def sample() -> Document:
    return parse_document(sample_article().read_text(encoding="utf-8"), "sample-article.txt")


def paragraph_texts(document: Document) -> list[str]:
    return [document.paragraph_text(index) for index in range(len(document.paragraphs))]


def kinds(document: Document) -> list[str]:
    return [paragraph.kind for paragraph in document.paragraphs]


# --- the sample article -------------------------------------------------------------------


def test_sample_outline() -> None:
    assert format_outline(sample()) == SAMPLE_OUTLINE


def test_sample_title_and_metadata() -> None:
    document = sample()
    assert document.title == "組織工作和諧社會交流"
    assert document.metadata == (
        ("時間", "2022-11-27 03:08:00"),
        (
            "導語",
            "組織工作和諧社會交流一文來源于網友上傳,不代表本站觀點,"
            "若需要原創文章可咨詢客服老師,歡迎參考。",
        ),
    )


def test_sample_paragraphs() -> None:
    document = sample()
    assert len(document.paragraphs) == 19
    assert kinds(document)[:6] == ["title", "meta", "meta", "title", "body", "heading"]
    assert paragraph_texts(document)[3] == "組織工作和諧社會交流"  # the repeat is a title too
    headings = [p for p in document.paragraphs if p.kind == "heading"]
    assert [document.text[p.start : p.end][:2] for p in headings] == ["一、", "二、", "三、"]
    assert {p.depth for p in headings} == {1}


def test_sample_text_is_kept_as_it_is() -> None:
    text = sample_article().read_text(encoding="utf-8")
    document = parse_document(text, "sample-article.txt")
    assert document.text == text
    assert document.name == "sample-article.txt"
    for section in document.sections:
        assert text[section.start : section.start + len(section.title)] == section.title


# --- empty texts and titles ---------------------------------------------------------------


def test_empty_text() -> None:
    document = parse_document("", "books/empty.txt")
    assert document == Document("", "books/empty.txt", "empty.txt", (), (), ())


def test_blank_text() -> None:
    document = parse_document("  \n\n\u3000\u3000\n", "<stdin>")
    assert (document.title, document.paragraphs, document.sections) == ("<stdin>", (), ())


def test_title_falls_back_to_the_name_without_directories() -> None:
    long_line = "這是一個很長的開頭句子" * 4 + "，不會是標題"
    assert parse_document(long_line + "\n\n正文。", "/tmp/書/a.txt").title == "a.txt"
    assert parse_document(long_line, "C:\\書\\b.txt").title == "b.txt"


def test_title_may_be_forty_characters_but_not_more() -> None:
    assert parse_document("甲" * 40 + "\n\n正文。", "n.txt").title == "甲" * 40
    assert parse_document("甲" * 41 + "\n\n正文。", "n.txt").title == "n.txt"


def test_a_numbered_heading_is_not_the_title() -> None:
    document = parse_document("第一章 出發\n\n正文。\n", "n.txt")
    assert document.title == "n.txt"
    assert format_outline(document) == "n.txt\n  第一章 出發\n"
    assert kinds(document) == ["heading", "body"]


def test_a_sentence_or_a_date_is_not_the_title() -> None:
    assert parse_document("他走了。\n\n正文。", "n.txt").title == "n.txt"
    assert parse_document("2022年11月27日\n\n正文。", "n.txt").title == "n.txt"


def test_centred_title_is_a_title_but_an_indented_sentence_is_not() -> None:
    assert parse_document("\u3000\u3000\u3000\u3000標題\n正文。", "n.txt").title == "標題"
    assert parse_document("\u3000\u3000他來了！\n\u3000\u3000正文。", "n.txt").title == "n.txt"


def test_title_repeated_after_the_metadata_is_a_title_not_a_section() -> None:
    document = parse_document("標題\n\n標題\n\n正文。\n", "n.txt")
    assert kinds(document) == ["title", "title", "body"]
    assert document.sections == ()


# --- metadata -----------------------------------------------------------------------------


def test_metadata_with_full_width_colon_and_spaces() -> None:
    document = parse_document("標題\n作者： 張三 \n來源：某報\n\n正文。\n", "n.txt")
    assert document.metadata == (("作者", "張三"), ("來源", "某報"))
    assert kinds(document) == ["title", "meta", "meta", "body"]
    assert paragraph_texts(document)[1] == "作者： 張三"


def test_simplified_metadata_keys() -> None:
    text = "标题\n\n时间：2023-01-01\n\n来源：某报\n\n关键词：绿地\n\n正文。\n"
    document = parse_document(text, "n.txt")
    assert document.metadata == (("时间", "2023-01-01"), ("来源", "某报"), ("关键词", "绿地"))


def test_any_short_key_is_metadata() -> None:
    assert parse_document("標題\n譯本：初版\n\n正文。", "n.txt").metadata == (("譯本", "初版"),)


def test_metadata_without_a_title() -> None:
    document = parse_document("作者：張三\n\n正文的第一句話很長很長。\n", "n.txt")
    assert document.title == "n.txt"
    assert document.metadata == (("作者", "張三"),)
    assert kinds(document) == ["meta", "body"]


def test_speech_and_sentences_are_not_metadata() -> None:
    assert parse_document("標題\n他說：「你好。」\n", "n.txt").metadata == ()
    assert parse_document("標題\n注意：明天停水。\n", "n.txt").metadata == ()
    assert parse_document("標題\n這一行的鍵太長了：值\n", "n.txt").metadata == ()


def test_metadata_only_at_the_top() -> None:
    document = parse_document("標題\n\n正文。\n\n作者：張三\n", "n.txt")
    assert document.metadata == ()
    assert kinds(document) == ["title", "body", "body"]


def test_heading_with_a_colon_is_not_metadata() -> None:
    document = parse_document("標題\n第一章：出發\n正文。\n", "n.txt")
    assert document.metadata == ()
    assert format_outline(document) == "標題\n  第一章：出發\n"


# --- paragraphs ---------------------------------------------------------------------------


def test_blank_lines_separate_paragraphs() -> None:
    text = "標題\n\n第一段第一行\n第一段第二行\n\n\n第二段。  \n\u3000\u3000\n第三段。\n"
    document = parse_document(text, "n.txt")
    assert paragraph_texts(document) == [
        "標題",
        "第一段第一行\n第一段第二行",
        "第二段。",
        "第三段。",
    ]


def test_indented_lines_start_paragraphs_when_there_are_no_blank_lines() -> None:
    indent = "\u3000\u3000"
    text = f"標題\n{indent}第一段，\n接續一行。\n{indent}第二段。\n第一章 出發\n{indent}第三段。"
    document = parse_document(text, "n.txt")
    assert paragraph_texts(document) == [
        "標題",
        "\u3000\u3000第一段，\n接續一行。",
        "\u3000\u3000第二段。",
        "第一章 出發",
        "\u3000\u3000第三段。",
    ]
    assert kinds(document) == ["title", "body", "body", "heading", "body"]
    assert document.paragraphs[3] == Paragraph(23, 29, "heading", 1)


def test_every_line_is_a_paragraph_without_blank_lines_or_indents() -> None:
    document = parse_document("標題\n第一句。\n第二句。\n", "n.txt")
    assert paragraph_texts(document) == ["標題", "第一句。", "第二句。"]


def test_heading_line_is_split_from_its_block() -> None:
    document = parse_document("標題\n\n一、總則\n本辦法適用於全市。\n\n正文。\n", "n.txt")
    assert paragraph_texts(document) == ["標題", "一、總則", "本辦法適用於全市。", "正文。"]
    assert kinds(document) == ["title", "heading", "body", "body"]


def test_run_in_heading_paragraph_stays_body() -> None:
    text = "標題\n\n1、加強領導。各級領導要帶頭。\n\n2、完善制度。制度要管用。\n"
    document = parse_document(text, "n.txt")
    assert kinds(document) == ["title", "body", "body"]
    assert format_outline(document) == "標題\n  1、加強領導\n  2、完善制度\n"


def test_a_list_item_after_a_colon_or_a_sentence_starts_a_paragraph() -> None:
    text = (
        "標題\n\n用詞定義如下：\n一、資料：指姓名。\n（二）蒐集\n指取得。\n\n"
        "材料分為\n一、內部資料。二、外部資料。\n"
    )
    document = parse_document(text, "n.txt")
    assert paragraph_texts(document) == [
        "標題",
        "用詞定義如下：",
        "一、資料：指姓名。",
        "（二）蒐集",  # a heading line stands alone anyway
        "指取得。",
        "材料分為\n一、內部資料。二、外部資料。",  # a wrap before a number, not an item
    ]


def test_a_table_of_contents_is_its_own_kind_of_paragraph() -> None:
    text = "書\n\n目 錄\n第一章 甲\n第二章 乙\n\n第一章 甲\n\n正文。\n\n第二章 乙\n\n正文。\n"
    document = parse_document(text, "n.txt")
    assert kinds(document) == [
        *("title", "contents", "contents", "contents"),
        *("heading", "body", "heading", "body"),
    ]
    chapters = [text.index("第一章 甲\n\n正"), text.rindex("第二章")]
    assert [section.start for section in document.sections] == chapters


def test_a_very_long_paragraph_is_cut_after_sentences_into_pieces_that_run_on() -> None:
    sentence = "這是一個很長的句子，說了又說。"  # 15 characters
    body = "　　" + sentence * 300 + "」，他說完了\n還有一行。"
    document = parse_document("標題\n\n" + body + "\n", "n.txt")
    pieces = document.paragraphs[1:]
    assert len(pieces) == 4
    assert [piece.runs_on for piece in pieces] == [False, True, True, True]
    assert all(piece.end - piece.start <= MAX_PARAGRAPH_CHARS for piece in pieces)
    texts = [document.text[piece.start : piece.end] for piece in pieces]
    assert all(text.endswith("。") for text in texts[:-1])  # cut after a sentence
    assert "".join(texts) == body  # nothing lost, nothing added
    assert texts[-1].endswith("」，他說完了\n還有一行。")
    assert_invariants(document)


def test_a_piece_never_starts_with_closing_punctuation_or_a_line_break() -> None:
    body = "字" * (MAX_PARAGRAPH_CHARS - 2) + "。」，\n下一句。"  # one paragraph of two lines
    document = parse_document("標題\n\n" + body + "\n\n另一段。\n", "n.txt")
    first, second, other = document.paragraphs[1:]
    assert document.text[first.start : first.end].endswith("。」，")
    assert document.text[second.start : second.end] == "下一句。"
    assert second.runs_on and not other.runs_on


def test_short_unindented_line_between_indented_paragraphs_stands_alone() -> None:
    text = "標題\n\u3000\u3000第一段。\n番外　重逢\n\u3000\u3000第二段。\n"
    document = parse_document(text, "n.txt")
    expected = ["標題", "\u3000\u3000第一段。", "番外　重逢", "\u3000\u3000第二段。"]
    assert paragraph_texts(document) == expected


# --- properties ---------------------------------------------------------------------------

FRAGMENTS = [
    "第一章",
    "第二回",
    "第三節",
    "第十卷",
    "一、",
    "二、",
    "（一）",
    "(2)",
    "1、",
    "2.",
    "１．",
    "（1）",
    "①",
    "②",
    "一是",
    "二是",
    "三是",
    "序",
    "後記",
    "# ",
    "## ",
    "```",
    "時間:",
    "作者：",
    "1.5倍",
    "2022-11-27",
    "十分",
    "他是一是一",
    "正文內容",
    "標題",
    "\u3000\u3000",
    "\n",
    "\n\n",
]
CHARACTERS = st.sampled_from(
    list("的人是一二三十了在章回節\n\n\u3000 \t。；，,？！?!:：、#`（）()0１2")
)
TEXTS = st.lists(st.sampled_from(FRAGMENTS) | CHARACTERS, max_size=80).map("".join)


def assert_invariants(document: Document) -> None:
    text = document.text
    previous_end = 0
    for paragraph in document.paragraphs:
        assert previous_end <= paragraph.start < paragraph.end <= len(text)
        lines = text[paragraph.start : paragraph.end].split("\n")
        assert lines[0].strip() and lines[-1].strip(), "no leading or trailing blank lines"
        assert (paragraph.depth >= 1) == (paragraph.kind == "heading")
        previous_end = paragraph.end
    previous_start = 0
    previous_depth = 0
    for section in document.sections:
        assert previous_start <= section.start < len(text)
        assert section.title.strip()
        assert text[section.start : section.start + len(section.title)] == section.title
        assert 1 <= section.depth <= previous_depth + 1
        previous_start, previous_depth = section.start, section.depth
    section_depths = {section.start: section.depth for section in document.sections}
    for paragraph in document.paragraphs:
        if paragraph.kind == "heading":
            inside = [s for s in section_depths if paragraph.start <= s < paragraph.end]
            assert inside, "a heading paragraph holds its section"
            # 第一卷 少年游 第一章 离家 opens the volume's section and the chapter's: the line
            # is set at the depth of its own, innermost heading, like the chapters after it
            assert section_depths[inside[-1]] == paragraph.depth


@settings(deadline=None, max_examples=400)
@given(TEXTS)
@example("第一章\u3000第二回")  # two headings on one line: a section over a section
def test_parse_invariants_hold_for_any_text(text: str) -> None:
    document = parse_document(text, "dir/any.txt")
    assert document.text == text
    assert document.title
    assert_invariants(document)
    assert format_outline(document).startswith(document.title + "\n")


# --- lines kept where they mean something (verse) and joined where they are wrapped --------

ESSAY_WITH_A_POEM = """\
靜夜

　　那天夜裡我睡不著，起來推開窗子，院子裡滿地都是月光，白得像下了一層霜，我忽然想起小時候背過的一首詩。

床前明月光，
疑是地上霜。
舉頭望明月，
低頭思故鄉。

　　念完了，我站了很久，直到月亮移到屋脊後面去，才關上窗子回到床上。
"""

WRAPPED_ESSAY = """\
舊書

　　這部書流傳的本子很多，最早的刻本已經不可見
了，今天所能見到的以明代的兩種刻本最為完整，其
中一種藏在南方的一座藏書樓裡，另一種則流落海外，
直到近年才有影印本出來。

　　書中的詩都寫在正文之間：
一片孤城萬仞山，
春風不度玉門關。
"""


def test_a_poem_typed_on_consecutive_lines_keeps_its_lines() -> None:
    document = parse_document(ESSAY_WITH_A_POEM, "essay.txt")
    assert kinds(document) == ["title", "body", *["verse"] * 4, "body"]
    assert paragraph_texts(document)[2:6] == [
        "床前明月光，",
        "疑是地上霜。",
        "舉頭望明月，",
        "低頭思故鄉。",
    ]


def test_hard_wrapped_prose_is_joined_and_a_poem_after_it_is_not_its_text() -> None:
    document = parse_document(WRAPPED_ESSAY, "wrapped.txt")
    texts = paragraph_texts(document)
    assert kinds(document)[:2] == ["title", "body"]
    assert texts[1].startswith("　　這部書") and texts[1].endswith("才有影印本出來。")
    assert texts[1].count("\n") == 3  # four wrapped lines, one paragraph
    assert texts[2:] == ["　　書中的詩都寫在正文之間：", "一片孤城萬仞山，", "春風不度玉門關。"]
    assert kinds(document)[2:] == ["body", "verse", "verse"]


def test_verse_lines_are_set_close_and_unindented() -> None:
    from reader.layout import ArticleLayout

    document = parse_document(ESSAY_WITH_A_POEM, "essay.txt")
    layout = ArticleLayout(document, lambda index: (document.paragraph_text(index), None), 80)
    layout.make_exact(0, len(document.paragraphs) - 1)
    shown = [layout.line_at(y) for y in range(layout.total_lines)]
    verse = [line for line in shown if line is not None and 2 <= line.paragraph <= 5]
    assert [line.indent for line in verse] == [0, 0, 0, 0]
    first, last = shown.index(verse[0]), shown.index(verse[-1])
    assert None not in shown[first : last + 1]  # no gap between the lines of the poem
    assert shown[first - 1] is None and shown[last + 1] is None  # a gap around it


@settings(deadline=None, max_examples=60)
@given(
    st.lists(st.sampled_from([5, 7]), min_size=2, max_size=8),
    st.integers(16, 40),
    st.randoms(use_true_random=False),
)
def test_verse_keeps_its_lines_and_wrapped_prose_is_joined(
    feet: list[int], width: int, rng: object
) -> None:
    words = "春風不度玉門關一片孤城萬仞山黃河遠上白雲間羌笛何須怨楊柳"
    poem = [
        "".join(rng.choice(words) for _ in range(length)) + ("，" if n % 2 == 0 else "。")  # type: ignore[attr-defined]
        for n, length in enumerate(feet)
    ]
    prose = "".join(rng.choice(words) for _ in range(width * 3)) + "。"  # type: ignore[attr-defined]
    wrapped = "\n".join(prose[start : start + width] for start in range(0, len(prose), width))
    text = f"題目\n\n{wrapped}\n\n" + "\n".join(poem) + "\n"
    document = parse_document(text, "t.txt")
    assert paragraph_texts(document) == ["題目", wrapped, *poem]
    assert kinds(document) == ["title", "body", *["verse"] * len(poem)]


def test_a_text_hard_wrapped_without_blank_lines_or_indents_is_joined_at_the_wraps() -> None:
    text = (
        "舊書\n"
        "這部書流傳的本子很多，最早的刻本已經不可見了，今\n"
        "天所能見到的以明代的兩種刻本最為完整，其中一種\n"
        "藏在南方的藏書樓裡。\n"
        "書中的故事大多發生在江南一帶，人物有名有姓，讀\n"
        "來親切，文字也平實。\n"
    )
    document = parse_document(text, "wrapped.txt")
    assert paragraph_texts(document)[1:] == [
        "這部書流傳的本子很多，最早的刻本已經不可見了，今\n"
        "天所能見到的以明代的兩種刻本最為完整，其中一種\n藏在南方的藏書樓裡。",
        "書中的故事大多發生在江南一帶，人物有名有姓，讀\n來親切，文字也平實。",
    ]


@settings(deadline=None, max_examples=60)
@given(
    st.integers(16, 36),
    st.lists(st.tuples(st.integers(1, 3), st.integers(1, 12)), min_size=3, max_size=6),
    st.randoms(use_true_random=False),
)
def test_wrapped_lines_are_joined_and_each_paragraph_ends_where_its_short_line_does(
    width: int, shapes: list[tuple[int, int]], rng: object
) -> None:
    words = "春風不度玉門關孤城萬仞山黃河遠上白雲間羌笛何須怨楊柳"
    paragraphs = []
    for full_lines, rest in shapes:
        body = "".join(rng.choice(words) for _ in range(full_lines * width + min(rest, width - 4)))  # type: ignore[attr-defined]
        body += "。"
        paragraphs.append(
            "\n".join(body[start : start + width] for start in range(0, len(body), width))
        )
    document = parse_document("題目\n" + "\n".join(paragraphs) + "\n", "t.txt")
    assert paragraph_texts(document) == ["題目", *paragraphs]


def test_a_poem_under_its_title_and_author_keeps_all_its_lines() -> None:
    text = (
        "唐詩選\n\n"
        "　　這本小書選了幾首大家都會背的唐詩，每首詩後面附有簡短的說明，供初學的人參考。\n\n"
        "春曉\n孟浩然\n春眠不覺曉，\n處處聞啼鳥。\n夜來風雨聲，\n花落知多少。\n"
    )
    document = parse_document(text, "poems.txt")
    assert kinds(document) == ["title", "body", *["verse"] * 6]
    assert paragraph_texts(document)[2:4] == ["春曉", "孟浩然"]

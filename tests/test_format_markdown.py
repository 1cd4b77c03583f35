"""Markdown is rendered: the text is what it reads as, the markup is kinds and styles."""

from __future__ import annotations

from reader.document import Document, InlineStyle, Paragraph, Section
from reader.formats.markdown import markdown_document, markdown_prefix_end

EVERY_CONSTRUCT = """\
---
title: 筆記
author: 小林
---

第一章 總綱
===========

有**粗體**、*斜體*、`C&#35;`和[連結](https://example.org)。
下一行

> ## 引文
> 說得好。

- 甲
  - 乙
1. 一
2. 二

   二之二

```py
if x:
\treturn 1
```

| 名 | 值 |
|----|----|
| a  | **b** |

---

![地圖](img/map.png)

<div>原樣</div>

第二章 `細則`
-------------
"""


def test_every_construct_renders_to_its_kind_and_styles() -> None:
    blocks = [
        "筆記",
        "author: 小林",
        "第一章 總綱",
        "有粗體、斜體、C&#35;和連結。\n下一行",  # no entity inside a code span
        "引文",
        "說得好。",
        "甲",
        "乙",
        "一",
        "二",
        "二之二",
        "if x:\n    return 1",  # the tab expanded
        "名\t值\na\tb",
        "",
        "地圖",
        "<div>原樣</div>",
        "第二章 細則",
    ]
    text = "\n\n".join(blocks)
    starts = [sum(len(block) + 2 for block in blocks[:index]) for index in range(len(blocks))]

    def block(number: int, kind: str, depth: int = 0, **options: object) -> Paragraph:
        start = starts[number]
        return Paragraph(start, start + len(blocks[number]), kind, depth, **options)  # type: ignore[arg-type]

    def span(number: int, words: str, kind: str, url: str = "") -> InlineStyle:
        start = starts[number] + blocks[number].index(words)
        return InlineStyle(start, start + len(words), kind, url)  # type: ignore[arg-type]

    expected = Document(
        text=text,
        name="notes.md",
        title="筆記",
        paragraphs=(
            block(0, "title"),
            block(1, "meta"),
            block(2, "heading", 1),
            block(3, "body"),
            block(4, "heading", 2, quote=1),
            block(5, "body", quote=1),
            block(6, "item", 1, marker="•"),
            block(7, "item", 2, marker="◦"),
            block(8, "item", 1, marker="1."),
            block(9, "item", 1, marker="2."),
            block(10, "item", 1, marker="  "),
            block(11, "code"),
            block(12, "table"),
            block(13, "rule"),
            block(14, "image"),
            block(15, "body"),
            block(16, "heading", 2),  # a Setext "---" underline is level 2
        ),
        sections=(
            Section("第一章 總綱", 1, starts[2]),
            Section("引文", 2, starts[4]),
            Section("第二章 細則", 2, starts[16]),
        ),
        metadata=(("author", "小林"),),
        styles=(
            span(3, "粗體", "strong"),
            span(3, "斜體", "em"),
            span(3, "C&#35;", "code"),
            span(3, "連結", "link", "https://example.org"),
            span(12, "b", "strong"),
            span(16, "細則", "code"),
        ),
        format="markdown",
    )
    assert markdown_document(EVERY_CONSTRUCT, "notes.md") == expected


def test_entities_are_resolved_outside_code() -> None:
    document = markdown_document("C&#35; &amp; &lt;b&gt;\n", "a.md")
    assert document.text == "C# & <b>"


def test_a_law_underlined_with_equals_signs_has_its_chapters() -> None:
    text = "第一章 總綱\n==========\n\n第一條 本法。\n\n第二章 人民\n==========\n\n第二條 人民。\n"
    document = markdown_document(text, "law.md")
    assert [(s.title, s.depth) for s in document.sections] == [
        ("第一章 總綱", 1),
        ("第二章 人民", 1),
    ]


def test_a_single_leading_top_heading_is_the_title_and_levels_nest() -> None:
    document = markdown_document("# 書名\n\n## 甲\n\n#### 乙\n\n## 丙\n", "a.md")
    assert document.title == "書名"
    assert document.paragraphs[0] == Paragraph(0, 2, "title")
    assert [(s.title, s.depth) for s in document.sections] == [("甲", 1), ("乙", 2), ("丙", 1)]


def test_headings_inside_fences_are_code() -> None:
    document = markdown_document("# 甲\n\n```\n# 不是\n```\n\n# 乙\n", "a.md")
    assert [s.title for s in document.sections] == ["甲", "乙"]
    assert document.paragraphs[1].kind == "code"


def test_an_opening_ends_at_a_blank_line_outside_code() -> None:
    text = "甲\n\n```\n" + "x\n\n" * 10 + "```\n\n乙\n"
    cut = markdown_prefix_end(text, 12)
    assert text[:cut] == "甲"
    assert markdown_prefix_end("短", 12) == 0


def outline_of(text: str, name: str = "test.md") -> list[tuple[str, int]]:
    document = markdown_document(text, name)
    return [(document.title, 0)] + [(s.title, s.depth) for s in document.sections]


def test_several_top_headings_leave_the_title_to_the_name() -> None:
    assert outline_of("# 甲\n\n內容。\n\n# 乙\n\n## 丙\n", "notes.md") == [
        ("notes.md", 0),
        ("甲", 1),
        ("乙", 1),
        ("丙", 2),
    ]


def test_a_tilde_fence_hides_headings_and_an_unclosed_one_runs_to_the_end() -> None:
    assert outline_of("# T\n\n~~~\n## 不是\n~~~\n\n## 是\n") == [("T", 0), ("是", 1)]
    assert outline_of("# T\n\n```\n## 不是\n") == [("T", 0)]


def test_chinese_numbering_is_not_a_markdown_heading() -> None:
    text = "# T\n\n一、不是標題\n\n正文。一是甲。二是乙。\n\n## 是\n"
    assert outline_of(text) == [("T", 0), ("是", 1)]


def test_heading_markup_is_not_in_the_title() -> None:
    assert outline_of("# 筆記 #\n\n## C# 與 `code`\n") == [("筆記", 0), ("C# 與 code", 1)]

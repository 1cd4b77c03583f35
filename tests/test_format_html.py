"""Web pages: the article's blocks and styles, the page's encoding, the whole body as a fallback."""

from __future__ import annotations

import codecs

from reader.document import InlineStyle, Paragraph, Section
from reader.formats.html import decode_html, html_document

ARTICLE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>所有權的概念 - 某網站</title>
<meta name="author" content="王小明"></head>
<body><nav><a href="/">首頁</a> | <a href="/news">新聞</a></nav>
<article>
<h1>所有權的概念</h1>
<p>Rust 的<strong>所有權</strong>（<code>ownership</code>）是<a href="https://doc.rust-lang.org">核心</a>
概念。這一段要夠長，正文抽取才會把它當作文章的內容，而不是網頁的零碎部分。</p>
<h2>規則</h2>
<ul><li>每個值有一個<em>所有者</em>。</li><li>同一時間只有一個所有者。</li></ul>
<pre>let s = 1;
    s</pre>
<blockquote><p>引用一句話，這也是正文的一部分，而且要夠長才行。</p></blockquote>
<table><tr><th>名稱</th><th>說明</th></tr><tr><td>甲</td><td>乙</td></tr></table>
<p>第三段文字，繼續說明所有權的規則與借用的關係，內容充實而完整。</p>
</article>
<footer>版權所有</footer><script>var x = "不是正文";</script>
</body></html>"""


def test_the_article_of_a_gbk_page_with_its_kinds_styles_and_sections() -> None:
    data = ARTICLE.format(charset="gbk").encode("gbk")
    document = html_document(decode_html(data), "page.html")
    assert document.title == "所有權的概念"
    assert ("author", "王小明") in document.metadata
    shown = [
        (p.kind, document.text[p.start : p.end], p.marker, p.quote)
        for p in document.paragraphs
        if p.kind != "meta"
    ]
    assert shown == [
        ("title", "所有權的概念", "", 0),
        (
            "body",
            "Rust 的所有權（ownership）是核心\n概念。這一段要夠長，正文抽取才會把它當作文章的內容，"
            "而不是網頁的零碎部分。",
            "",
            0,
        ),
        ("heading", "規則", "", 0),
        ("item", "每個值有一個所有者。", "•", 0),
        ("item", "同一時間只有一個所有者。", "•", 0),
        ("code", "let s = 1;\n    s", "", 0),
        ("body", "引用一句話，這也是正文的一部分，而且要夠長才行。", "", 1),
        ("table", "名稱\t說明\n甲\t乙", "", 0),
        ("body", "第三段文字，繼續說明所有權的規則與借用的關係，內容充實而完整。", "", 0),
    ]
    heading = next(p for p in document.paragraphs if p.kind == "heading")
    assert document.sections == (Section("規則", 1, heading.start),)
    body = next(p for p in document.paragraphs if p.kind == "body")
    styled = [(document.text[s.start : s.end], s.kind, s.url) for s in document.styles]
    assert styled[:3] == [
        ("所有權", "strong", ""),
        ("ownership", "code", ""),
        ("核心", "link", "https://doc.rust-lang.org"),
    ]
    assert document.styles[0] == InlineStyle(
        body.start + 6, body.start + 9, "strong"
    )  # after 「Rust 的」
    assert "不是正文" not in document.text and "首頁" not in document.text


def test_inline_markup_stays_inside_one_paragraph() -> None:
    page = "<html><body><p>所有权（<b>ownership</b>）是<i>核心</i>概念。</p></body></html>"
    document = html_document(page, "a.html")
    assert [document.text[p.start : p.end] for p in document.paragraphs] == [
        "所有权（ownership）是核心概念。"
    ]


def test_a_page_too_short_to_extract_falls_back_to_the_whole_body() -> None:
    page = (
        "<html><body><nav>導航</nav><div><p>短文。</p><h3>小節</h3><p>再一句。</p></div>"
        "</body></html>"
    )
    document = html_document(page, "short.html")
    assert [document.text[p.start : p.end] for p in document.paragraphs] == [
        "短文。",
        "小節",
        "再一句。",
    ]
    assert document.paragraphs[1] == Paragraph(5, 7, "heading", 1)


def test_encoding_from_bom_then_meta_then_detection() -> None:
    text = "<html><head><meta charset='big5'></head><body><p>繁體中文的網頁</p></body></html>"
    assert decode_html(text.encode("big5")) == text
    assert decode_html(codecs.BOM_UTF8 + text.encode("utf-8")) == text  # the BOM beats meta
    undeclared = "<html><body><p>简体中文的网页内容，没有声明编码。</p></body></html>"
    assert decode_html(undeclared.encode("gb18030")) == undeclared

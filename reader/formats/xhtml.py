"""(X)HTML elements -> blocks of a Document, for EPUB chapters and web pages alike.

Headings h1–h6, paragraphs, lists, tables, ``<pre>``, block quotes, rules and images become
the paragraph kinds; ``<strong>``/``<b>``, ``<em>``/``<i>``, ``<code>`` and ``<a href>`` become
styles inside one paragraph. A ``<br>`` is a line break inside its paragraph (LINE_BREAK),
so verse keeps its lines. Ruby annotations (``<rt>``) are left out: the reader has its own.
trafilatura's output (``head``, ``list``, ``item``, ``hi``, ``ref``, ``graphic``…) is read by
the same rules through its aliases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from reader.blocks import LINE_BREAK
from reader.document import InlineStyle, ParagraphKind, StyleKind
from reader.formats.builder import DocumentBuilder, Inline

Element = Any  # an lxml element (lxml ships no type hints)
TAB_SIZE = 4
_SKIPPED: Final = frozenset(
    (
        *("script", "style", "head", "noscript", "template", "rt", "rp", "math"),
        *("iframe", "button", "select", "textarea", "form", "object", "embed", "audio", "video"),
    )
)
_HEADINGS: Final = {f"h{level}": level for level in range(1, 7)}
_BLOCKS: Final = frozenset(
    (
        *("p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "body"),
        *("figure", "figcaption", "dl", "dt", "dd", "address", "center", "details", "summary"),
        *("html", "doc", "caption", "hgroup", "fieldset", "legend"),
    )
)
_INLINE_STYLES: Final[dict[str, StyleKind]] = {
    **dict.fromkeys(("strong", "b"), "strong"),
    **dict.fromkeys(("em", "i", "cite", "dfn", "var"), "em"),
    **dict.fromkeys(("code", "kbd", "samp", "tt"), "code"),
}
_TRAFILATURA: Final = {  # trafilatura's XML tags as the HTML they stand for
    "list": "ul",
    "item": "li",
    "quote": "blockquote",
    "row": "tr",
    "cell": "td",
    "ref": "a",
    "graphic": "img",
    "lb": "br",
}
_TRAFILATURA_STYLES: Final[dict[str, StyleKind]] = {"#b": "strong", "#i": "em", "#t": "code"}


def local_name(element: Element) -> str:
    """The tag without its namespace, lower case ("" for comments and instructions)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


@dataclass
class XhtmlWalker:
    """Adds the blocks of one element tree to a builder; remembers where each id is."""

    builder: DocumentBuilder
    title_heading: str | None = None  # the first heading with this text repeats the title
    ids: dict[str, int] = field(default_factory=dict)  # element id -> place
    _inline: Inline = field(default_factory=Inline)
    _pending_ids: list[str] = field(default_factory=list)

    def walk(self, element: Element) -> None:
        self._element(element)
        self.flush()

    def flush(self) -> None:
        """End the paragraph being collected."""
        inline, self._inline = self._inline, Inline()
        text, styles = inline.finish(collapse=True)
        if text:
            self._add("body", text, styles)

    def _add(
        self,
        kind: ParagraphKind,
        text: str,
        styles: Sequence[InlineStyle] = (),
        *,
        depth: int = 0,
    ) -> None:
        start = self.builder.block(kind, text, styles, depth=depth)
        for name in self._pending_ids:
            self.ids.setdefault(name, start)
        self._pending_ids.clear()

    def _tag(self, element: Element) -> str:
        tag = local_name(element)
        if tag == "head" and element.get("rend", "").startswith("h"):  # trafilatura's heading
            return element.get("rend", "h2")
        return _TRAFILATURA.get(tag, tag)

    def _element(self, element: Element) -> None:
        tag = self._tag(element)
        if not tag or tag in _SKIPPED:
            return
        for name in (element.get("id"), element.get("name") if tag == "a" else None):
            if name:
                self._pending_ids.append(name)
        builder = self.builder
        if tag in _HEADINGS:
            self.flush()
            text, styles = self._collect(element)
            if text == self.title_heading:  # shown once, as the title
                self.title_heading = None
            else:
                self._add("heading", text, styles, depth=_HEADINGS[tag])
        elif tag in ("ul", "ol", "menu"):
            self.flush()
            start = element.get("start", "1")
            builder.open_list(
                ordered=tag == "ol" or element.get("rend") == "ol",
                start=int(start) if start.isdigit() else 1,
            )
            self._children(element)
            builder.close_list()
        elif tag == "li":
            self.flush()
            value = element.get("value", "")
            builder.open_item(int(value) if value.isdigit() else None)
            self._children(element)
            self.flush()
            builder.close_item()
        elif tag == "blockquote":
            self.flush()
            builder.quote += 1
            self._children(element)
            self.flush()
            builder.quote -= 1
        elif tag == "pre" or (tag == "code" and self._is_code_block(element)):
            self.flush()
            text = "".join(element.itertext()).strip("\n").expandtabs(TAB_SIZE)
            if text.strip():
                self._add("code", text)
        elif tag == "table":
            self.flush()
            self._table(element)
        elif tag == "hr":
            self.flush()
            self._add("rule", "")
        elif tag in ("img", "image"):
            self._image(element)
        elif tag == "svg":  # a cover drawn as an <image> inside an SVG; its text is not prose
            for child in element.iter():
                if local_name(child) == "image":
                    self._image(child)
                    break
        elif tag == "br":
            self._inline.append(LINE_BREAK)
        elif tag in _BLOCKS or tag in ("td", "th", "tr"):
            self.flush()
            self._children(element)
            self.flush()
        else:
            self._inline_element(element, self._inline)
            return
        self._tail(element)

    def _children(self, element: Element) -> None:
        if element.text:
            self._inline.append(element.text)
        for child in element:
            self._element(child)

    def _tail(self, element: Element) -> None:
        if element.tail:
            self._inline.append(element.tail)

    def _is_code_block(self, element: Element) -> bool:
        parent = element.getparent()
        parent_tag = local_name(parent) if parent is not None else "body"
        return "\n" in "".join(element.itertext()) or parent_tag in ("body", "quote", "div")

    def _inline_element(self, element: Element, inline: Inline) -> None:
        """An element inside a paragraph: its text, styled, and its tail."""
        tag = self._tag(element)
        if tag in _SKIPPED:
            if element.tail:
                inline.append(element.tail)
            return
        style: StyleKind | None = _INLINE_STYLES.get(tag)
        url = ""
        if tag == "hi":
            style = _TRAFILATURA_STYLES.get(element.get("rend", ""))
        elif tag == "a":
            url = element.get("href") or element.get("target") or ""
            style = "link" if url else None
        if tag == "br":
            inline.append(LINE_BREAK)
        elif tag in ("img", "image"):
            inline.append(element.get("alt", ""))
        if element.get("id") and element.get("id") not in self.ids:
            self._pending_ids.append(element.get("id", ""))
        if style is not None:
            inline.open(style, url)
        if element.text:
            inline.append(element.text)
        for child in element:
            child_tag = self._tag(child)
            if child_tag in _HEADINGS or child_tag in ("pre", "table", "ul", "ol", "blockquote"):
                self._element(child)  # a block inside an inline element: it still stands alone
            else:
                self._inline_element(child, inline)
        if style is not None:
            inline.close(style)
        if element.tail:
            inline.append(element.tail)

    def _collect(self, element: Element) -> tuple[str, list[InlineStyle]]:
        """An element's inline content on one line (a heading, a cell)."""
        inline = Inline()
        if element.text:
            inline.append(element.text)
        for child in element:
            self._inline_element(child, inline)
        return inline.finish(collapse=True, single_line=True)

    def _image(self, element: Element) -> None:
        """An image alone is a placeholder with its alt text; inside a sentence, its alt."""
        alt = (element.get("alt") or "").strip()
        if not self._inline.is_empty():
            self._inline.append(alt)
            self._tail(element)
            return
        source = (
            element.get("src")
            or element.get("{http://www.w3.org/1999/xlink}href")
            or element.get("href")
            or ""
        )
        self._add("image", alt or source.rsplit("/", 1)[-1] or "image")
        self._tail(element)

    def _table(self, table: Element) -> None:
        rows: list[list[tuple[str, list[InlineStyle]]]] = []
        for row in table.iter():
            if self._tag(row) != "tr":
                continue
            cells = [self._collect(cell) for cell in row if self._tag(cell) in ("td", "th")]
            if cells:
                rows.append(cells)
        for element in table.iter():
            if element.get("id"):
                self._pending_ids.append(element.get("id", ""))
        if rows:
            self.builder.table(rows)
            for name in self._pending_ids:
                self.ids.setdefault(name, self.builder.paragraphs[-1].start)
            self._pending_ids.clear()

"""Markdown -> Document, parsed by markdown-it-py (CommonMark and its tables).

ATX and Setext headings (in block quotes too) are the sections; lists, quotes, code, tables,
rules and images are paragraph kinds; emphasis, strong, code spans and links are styles on
the rendered text. Entities are resolved (``C&#35;`` is C#); raw HTML is shown as the text
it is. A YAML front matter's ``key: value`` lines are the metadata (``title`` the title).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from reader.blocks import LINE_BREAK
from reader.document import Document, InlineStyle
from reader.formats.builder import DocumentBuilder, Inline, file_title

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = ["markdown_document", "markdown_prefix_end"]

_FRONT_MATTER = re.compile(r"---[ \t]*\n(?P<body>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)", re.DOTALL)
_FRONT_ENTRY = re.compile(r"(?P<key>[^:#\s][^:]*?)\s*:\s*(?P<value>.*?)\s*")
_FENCE_LINE = re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE)
TAB_SIZE = 4


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


def front_matter(text: str) -> tuple[list[tuple[str, str]], int]:
    """The ``key: value`` entries of a leading YAML block, and where the Markdown begins."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return [], 0
    entries = []
    for line in (match["body"] or "").splitlines():
        entry = _FRONT_ENTRY.fullmatch(line)
        if entry is not None and entry["value"]:
            entries.append((entry["key"], entry["value"].strip("\"'")))
    return entries, match.end()


def markdown_prefix_end(text: str, limit: int) -> int:
    """Where an opening of about ``limit`` characters may end: at a blank line outside code.

    0 when there is none (the text is short, or one block).
    """
    if len(text) <= limit:
        return 0
    cut = text.rfind("\n\n", 0, limit)
    while cut > 0 and len(_FENCE_LINE.findall(text, 0, cut)) % 2:  # inside a fence
        cut = text.rfind("\n\n", 0, cut)
    return max(cut, 0)


def markdown_document(text: str, name: str) -> Document:
    """The document a Markdown text renders to."""
    entries, body_from = front_matter(text)
    tokens = _parser().parse(text[body_from:])
    builder = DocumentBuilder(name, "markdown")
    title = next((value for key, value in entries if key.lower() == "title"), None)
    metadata = tuple((key, value) for key, value in entries if key.lower() != "title")
    heading_title = None if title is not None else _single_leading_title(tokens)
    if title is not None:
        builder.add("title", title)
    for key, value in metadata:
        builder.add("meta", f"{key}: {value}")
    _Walker(builder, heading_is_title=heading_title is not None).walk(tokens)
    return builder.build(title or heading_title or file_title(name), metadata=metadata)


def _single_leading_title(tokens: Sequence[Token]) -> str | None:
    """The text of a first-block level-1 heading that is the only one: the title."""
    if len(tokens) < 2 or tokens[0].type != "heading_open" or tokens[0].tag != "h1":
        return None
    if sum(1 for token in tokens if token.type == "heading_open" and token.tag == "h1") != 1:
        return None
    text, _ = _inline(tokens[1], single_line=True)
    return text or None


@dataclass
class _Walker:
    builder: DocumentBuilder
    heading_is_title: bool  # the first block, a level-1 heading, is the document's title
    table: list[list[tuple[str, list[InlineStyle]]]] | None = None

    def walk(self, tokens: Sequence[Token]) -> None:
        builder = self.builder
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind == "blockquote_open":
                builder.quote += 1
            elif kind == "blockquote_close":
                builder.quote -= 1
            elif kind == "bullet_list_open":
                builder.open_list(ordered=False)
            elif kind == "ordered_list_open":
                builder.open_list(ordered=True, delimiter=token.markup)
            elif kind in ("bullet_list_close", "ordered_list_close"):
                builder.close_list()
            elif kind == "list_item_open":
                builder.open_item(int(token.info) if token.info.isdigit() else None)
            elif kind == "list_item_close":
                builder.close_item()
            elif kind == "heading_open":
                text, styles = _inline(tokens[index + 1], single_line=True)
                if index == 0 and self.heading_is_title:
                    builder.add("title", text, styles)
                else:
                    builder.block("heading", text, styles, depth=int(token.tag[1]))
                index += 2
            elif kind == "paragraph_open":
                self._paragraph(tokens[index + 1])
                index += 1
            elif kind in ("fence", "code_block"):
                builder.block("code", token.content.rstrip("\n").expandtabs(TAB_SIZE))
            elif kind == "hr":
                builder.block("rule", "")
            elif kind == "table_open":
                self.table = []
            elif kind == "tr_open" and self.table is not None:
                self.table.append([])
            elif kind == "inline" and self.table is not None:
                self.table[-1].append(_inline(token, single_line=True))
            elif kind == "table_close":
                builder.table(self.table or [])
                self.table = None
            index += 1

    def _paragraph(self, token: Token) -> None:
        images = [child for child in token.children or () if child.type == "image"]
        rest = [
            child
            for child in token.children or ()
            if child.type not in ("image", "softbreak", "hardbreak") and child.content.strip()
        ]
        if images and not rest:  # a paragraph of images alone: a placeholder each
            for image in images:
                alt = image.content or str(image.attrs.get("src", "")).rsplit("/", 1)[-1]
                self.builder.block("image", alt)
            return
        text, styles = _inline(token)
        self.builder.block("body", text, styles)


def _inline(token: Token, *, single_line: bool = False) -> tuple[str, list[InlineStyle]]:
    """An inline token's children as text with styles."""
    collected = Inline()
    for child in token.children or ():
        kind = child.type
        if kind in ("text", "html_inline"):
            collected.append(child.content)
        elif kind == "softbreak":
            collected.append("\n")
        elif kind == "hardbreak":
            collected.append(LINE_BREAK)
        elif kind == "code_inline":
            collected.open("code")
            collected.append(child.content)
            collected.close("code")
        elif kind in ("strong_open", "em_open"):
            collected.open(kind.removesuffix("_open"))  # type: ignore[arg-type]
        elif kind in ("strong_close", "em_close"):
            collected.close(kind.removesuffix("_close"))  # type: ignore[arg-type]
        elif kind == "link_open":
            collected.open("link", str(child.attrs.get("href", "")))
        elif kind == "link_close":
            collected.close("link")
        elif kind == "image":
            collected.append(child.content)
    return collected.finish(collapse=False, single_line=single_line)

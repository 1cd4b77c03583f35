"""A Document as plain text for ``reader --print``: what the screen shows, without styling.

Lists keep their markers and nesting, quotes their ``>``, code its lines, a table its rows
with cells split by tabs, an image its placeholder. Paragraphs are split by blank lines
where the screen leaves one.
"""

from __future__ import annotations

from reader.blocks import IMAGE_MARK, LINE_BREAK, LIST_STEP
from reader.document import Document, Paragraph
from reader.layout import gap_after
from reader.typeset import display


def printed(document: Document) -> str:
    """The rendered text, one paragraph after another."""
    parts: list[str] = []
    for index, paragraph in enumerate(document.paragraphs):
        quote = "> " * paragraph.quote
        for line in _lines(document.text, paragraph):
            parts.append(f"{quote}{line}".rstrip() + "\n")
        if gap_after(document.paragraphs, index):  # inside the quotes both paragraphs share
            shared = min(paragraph.quote, document.paragraphs[index + 1].quote)
            parts.append(("> " * shared).rstrip() + "\n")
    return "".join(parts)


def _lines(text: str, paragraph: Paragraph) -> list[str]:
    kind = paragraph.kind
    if kind in ("code", "table"):
        return text[paragraph.start : paragraph.end].split("\n")
    if kind == "rule":
        return ["* * *"]
    shown = display(text, paragraph.start, paragraph.end).replace(LINE_BREAK, "\n")
    if kind == "image":
        return [IMAGE_MARK + shown]
    if kind == "item":
        return [" " * (LIST_STEP * max(0, paragraph.depth - 1)) + paragraph.marker + " " + shown]
    return [shown]

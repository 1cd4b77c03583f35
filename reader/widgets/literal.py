"""Text from a document, a glossary, a file name or a setting, as the screen shows it.

Such text is data: handed to Textual as a ``str`` it would be read as markup (a heading
``[@click=app.quit]`` would become an action, ``[/]`` a crash, ``[b]`` would vanish), and a
control character in it would reach the terminal. Every widget that shows it builds a Rich
``Text`` here: never parsed, tabs as spaces, control characters as visible symbols set apart.
"""

from __future__ import annotations

from rich.style import Style, StyleType
from rich.text import Text
from textual.content import Content

from reader.visible import control_runs, visible

#: How a control character's symbol is set apart from the text around it.
CONTROL_STYLE = Style(reverse=True)


def append_literal(target: Text, text: str, style: StyleType = "", *, keep: str = "") -> Text:
    """Append ``text`` to ``target`` as written (``keep``: control characters left, e.g. "\\n")."""
    text = text.replace("\t", " ")
    start = len(target)
    target.append(visible(text, keep), style)
    for run_start, run_end in control_runs(text, keep):
        target.stylize(CONTROL_STYLE, start + run_start, start + run_end)
    return target


def literal(text: str, style: StyleType = "", *, keep: str = "") -> Text:
    """``text`` as a Rich Text, shown exactly as written."""
    return append_literal(Text(), text, style, keep=keep)


def literal_content(text: str, style: StyleType = "") -> Content:
    """``text`` as Textual Content (the command palette's prompts), shown as written."""
    return Content.from_rich_text(literal(text, style))

"""Random headings with control characters and brackets, from parsing to what is drawn.

Whatever a heading holds, the outline's label, the status line and the palette's hit show it
as written (control characters as their symbols, tabs as spaces), and nothing raises.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text
from textual.fuzzy import Matcher

from reader.parse import parse_document
from reader.visible import CONTROL_PICTURES, visible
from reader.widgets.literal import literal
from reader.widgets.outline_tree import OutlineTree
from reader.widgets.section_commands import highlighted

CONTROLS = [chr(code) for code in CONTROL_PICTURES if chr(code) not in "\n\r"]
PIECES = [
    *CONTROLS,
    "[", "]", "[/]", "[b]", "[/b]", "[@click=app.quit]", "[i", "\\", "=", "'", "$",
    "\x1b]0;t\x07", "\x1b[2J", "\x9b", "第", "章", "一", "、", "節", "a", " ", "\u3000",
]  # fmt: skip
headings = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join)
CONSOLE = Console(width=200, color_system="truecolor", force_terminal=True, legacy_windows=False)


def shown(title: str) -> str:
    """What the screen must show for a title (written by the rule, not by the program)."""
    return "".join(CONTROL_PICTURES.get(ord(c), c) if c != "\t" else " " for c in title)


def drawn(text: Text) -> str:
    """The characters a Text sends to the terminal."""
    segments = list(text.render(CONSOLE))
    assert not any(segment.control for segment in segments)
    return "".join(segment.text for segment in segments)


def assert_no_controls(characters: str) -> None:
    assert not any(ord(char) in CONTROL_PICTURES for char in characters), repr(characters)


@settings(max_examples=60, deadline=None)
@given(st.lists(headings, min_size=1, max_size=4))
def test_headings_are_drawn_as_written_everywhere(titles: list[str]) -> None:
    body = "構建和諧社會，關鍵在黨。" * 3
    chapters = "".join(f"第{n}章 {title}\n\n{body}\n\n" for n, title in enumerate(titles, 1))
    document = parse_document(f"{titles[0]}\n\n{chapters}", "fuzz.txt")
    tree = OutlineTree(document, lambda title: title)
    for title in (document.title, *(section.title for section in document.sections)):
        expected = shown(title)
        label = tree.process_label(title)
        assert label.plain == expected
        assert_no_controls(drawn(label))
        status = literal(f"標題 │ 繁 │ 0% │ {title}")
        assert status.plain == f"標題 │ 繁 │ 0% │ {expected}"
        assert_no_controls(drawn(status))
        hit = highlighted(Matcher(title[:2]), title)
        assert hit.plain == expected
        assert_no_controls(hit.plain)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_visible_keeps_length_and_leaves_no_control(text: str) -> None:
    result = visible(text)
    assert len(result) == len(text)
    assert_no_controls(result)
    assert [a for a, b in zip(text, result, strict=True) if a != b] == [
        c for c in text if ord(c) in CONTROL_PICTURES
    ]

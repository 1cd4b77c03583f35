"""The private Textual API reader overrides still has the shape reader assumes.

reader/widgets/textual_private.py overrides ``ScrollView._size_updated``,
``App._handle_exception`` and ``CommandPalette._action_command_list``; OutlineTree's
``on_resize`` keeps Tree's own ``_on_resize`` from dropping every line. A Textual release that
renames or reshapes either fails here, not on a user's screen.
"""

from __future__ import annotations

import inspect
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

from textual.app import App
from textual.command import CommandPalette
from textual.scroll_view import ScrollView
from textual.widgets import Tree

from reader.widgets.textual_private import OneLineErrorApp, ReaderPalette, SteadyScrollView

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def test_the_size_updated_override_matches_textual() -> None:
    ours = inspect.signature(SteadyScrollView._size_updated)
    theirs = inspect.signature(ScrollView._size_updated)
    assert list(ours.parameters) == list(theirs.parameters)
    for name, parameter in theirs.parameters.items():
        assert ours.parameters[name].kind == parameter.kind, name
        assert ours.parameters[name].default == parameter.default, name
    assert str(theirs.return_annotation) in ("bool", "<class 'bool'>")


def test_the_exception_and_palette_overrides_match_textual() -> None:
    for ours, theirs in (
        (OneLineErrorApp._handle_exception, App._handle_exception),
        (ReaderPalette._action_command_list, CommandPalette._action_command_list),
    ):
        assert list(inspect.signature(ours).parameters) == list(
            inspect.signature(theirs).parameters
        )


def test_tree_still_has_the_resize_handler_the_outline_prevents() -> None:
    handler = Tree.__dict__.get("_on_resize")
    assert handler is not None
    assert list(inspect.signature(handler).parameters) == ["self", "event"]


def test_the_installed_textual_is_the_minor_version_pinned() -> None:
    dependencies = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    pin = next(d for d in dependencies if d.split(">")[0].split("=")[0].strip() == "textual")
    match = re.fullmatch(r"textual>=(\d+)\.(\d+),<(\d+)\.(\d+)", pin.split("#")[0].strip())
    assert match is not None, pin
    low = (int(match[1]), int(match[2]))
    high = (int(match[3]), int(match[4]))
    installed = tuple(int(part) for part in version("textual").split(".")[:2])
    assert low <= installed < high
    assert high == (low[0], low[1] + 1)  # one minor version: the one these tests ran on

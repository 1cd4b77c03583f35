"""Every override of Textual's private API, in one place.

Textual offers no public hook for either of these, and each is worth its cost (measured in
tests/benchmark.py's resize rows); tests/test_textual_private.py checks the signatures
against the installed Textual, and pyproject.toml pins Textual to the minor version tested.

- ``ScrollView._size_updated``: called while the screen lays out, before it paints. The
  article rewraps there (a Resize handler runs after that paint, and every line would be
  drawn twice), and a pass that changes nothing leaves the scrollbars alone.
- ``App._handle_exception``: a ReaderError raised while the app runs (bad input found late)
  ends it with the command line's one line and status 2, not a traceback.
- ``CommandPalette._action_command_list``: the palette's page keys fail (KeyError in
  OptionList) when its list has no rows to show, in a terminal three rows high.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.geometry import Size
from textual.scroll_view import ScrollView

from reader.errors import ReaderError
from reader.visible import visible


class SteadyScrollView(ScrollView):
    """Textual's ScrollView updates and repaints its scrollbars at every layout pass.

    It compares its own virtual size with the one the layout hands it, and in a view that
    scrolls those always differ. Repainting two scrollbars costs milliseconds, and each repaint
    is one more screen update after a resize or a jump. Here a pass that brings the same
    sizes as the last one (the view's own virtual size included) changes nothing, and a pass
    that changes them calls ``size_changed`` before the screen is painted.
    """

    _sizes_seen: tuple[Size, Size, Size] | None = None

    def size_changed(self) -> None:
        """The layout gave the view a new size; the screen paints next. For subclasses."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        sizes = (size, container_size, self.virtual_size)
        if sizes == self._sizes_seen:
            return False
        self._sizes_seen = sizes
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        if changed:
            self.size_changed()
        return changed


class OneLineErrorApp(App[int]):
    """An app that ends on a ReaderError as the command line does: one line, status 2."""

    def _handle_exception(self, error: Exception) -> None:
        if isinstance(error, ReaderError):
            line = Text(f"reader: {visible(str(error))}")
            self.exit(return_code=error.exit_status, message=line)
            return
        super()._handle_exception(error)


class ReaderPalette(CommandPalette):
    """Textual's palette, without its page keys when its list has no rows to page through."""

    def _action_command_list(self, action: str) -> None:
        if action.startswith("page_") and not self.query_one(CommandList).scrollable_content_region:
            return
        super()._action_command_list(action)

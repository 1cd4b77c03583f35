"""A scroll view that leaves its scrollbars alone when a layout pass changes nothing about it."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


class SteadyScrollView(ScrollView):
    """Textual's ScrollView updates and repaints its scrollbars at every layout pass.

    It compares its own virtual size with the one the layout hands it, and in a view that
    scrolls those always differ. Repainting two scrollbars costs milliseconds, and each repaint
    is one more screen update after a resize or a jump. Here a pass that brings the same
    sizes as the last one (the view's own virtual size included) changes nothing.
    """

    _sizes_seen: tuple[Size, Size, Size] | None = None

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        sizes = (size, container_size, self.virtual_size)
        if sizes == self._sizes_seen:
            return False
        self._sizes_seen = sizes
        return super()._size_updated(size, virtual_size, container_size, layout)

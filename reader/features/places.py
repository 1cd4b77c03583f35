"""The reader's places: resume where you left off, bookmarks, theme and settings."""

from __future__ import annotations


class PlacesFeature:
    """Stub: filled in by the places feature."""

    def start_places(self) -> None:
        """Called on mount, before the first paint settles: restore the reader's place."""

    def save_places(self) -> None:
        """Save the reading state (on quit and every few seconds of reading)."""

    def action_add_bookmark(self) -> None:
        """`m`"""

    def action_bookmarks(self) -> None:
        """`'`: list bookmarks (jump, delete)."""

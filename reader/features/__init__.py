"""The reader's features beyond plain reading, each a mixin of ReaderApp.

Every feature keeps its actions, message handlers and workers in its own module; app.py
declares the key bindings (Textual reads BINDINGS only from DOM classes) and dispatches the
shared keys (enter, escape, clicks) to whichever feature is active.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.app import ReaderApp


def app_of(feature: object) -> ReaderApp:
    """The app a feature is mixed into, typed as such."""
    return feature  # type: ignore[return-value]

"""The reader's features beyond plain reading, each a mixin of ReaderApp.

Every feature keeps its actions, message handlers and workers in its own module; app.py
declares the key bindings (Textual reads BINDINGS only from DOM classes) and dispatches the
shared keys (enter, escape, clicks) to whichever feature is active.

A feature says what it uses of the app in a Protocol (``FeatureHost`` below, extended by
each feature's own); a feature module's ``_app`` gives it the app as that Protocol, and
app.py has mypy check that ReaderApp provides every one of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from reader.document import Document
    from reader.pending import Need
    from reader.script import Script
    from reader.shown import ShownText
    from reader.widgets.article import ArticleView


class FeatureHost(Protocol):
    """What every feature uses of the app: the document, the article, notices and screens."""

    document: Document
    shown: ShownText
    shown_script: Script

    @property
    def article(self) -> ArticleView: ...

    @property
    def screen(self) -> Screen[object]: ...

    def shown_title(self, title: str) -> str: ...

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None: ...

    def push_screen(
        self, screen: Screen[Any], callback: Callable[[Any], None] | None = None
    ) -> object: ...

    # keys that need what is still loading (reader.features.waiting)
    @property
    def whole_book(self) -> Need: ...

    @property
    def words_loaded(self) -> Need: ...

    def when_ready(
        self,
        act: Callable[[], object],
        *needs: Need,
        move: bool = False,
        kind: str | None = None,
    ) -> None: ...

    def flush_waiting(self) -> None: ...

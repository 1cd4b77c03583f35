"""The command palette's section commands: go to a section by typing part of its title."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.script import to_simplified

if TYPE_CHECKING:
    from reader.app import ReaderApp


class SectionCommands(Provider):
    """Go to a section by typing part of its title (in either script)."""

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    async def discover(self) -> Hits:
        app = self.reader
        for index, section in enumerate(app.document.sections):
            if section.depth == 1:
                yield DiscoveryHit(
                    app.shown_title(section.title), partial(app.go_to_section, index)
                )

    async def search(self, query: str) -> Hits:
        app = self.reader
        matcher = self.matcher(query)
        simplified_matcher = self.matcher(to_simplified(query))
        for index, section in enumerate(app.document.sections):
            label = app.shown_title(section.title)
            simplified_title = app.shown.convert("simplified", section.title)
            score = max(matcher.match(label), simplified_matcher.match(simplified_title))
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(app.go_to_section, index),
                    help="Go to this section",
                )

"""The command palette's section commands: go to a section by typing part of its title."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from reader.script import to_simplified
from reader.widgets.literal import literal_content

if TYPE_CHECKING:
    from reader.app import ReaderApp


class SectionCommands(Provider):
    """Go to a section by typing part of its title (in either script). On a long book's
    opening the sections are offered once the whole book is parsed: every one of them."""

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    async def discover(self) -> Hits:
        app = self.reader
        document = await app.whole_document()
        for index, section in enumerate(document.sections):
            if section.depth == 1:
                title = app.shown_title(section.title)
                yield DiscoveryHit(
                    literal_content(title), partial(app.go_to_section, index), text=title
                )

    async def search(self, query: str) -> Hits:
        app = self.reader
        matcher = self.matcher(query)
        simplified_matcher = self.matcher(to_simplified(query))
        document = await app.whole_document()
        for index, section in enumerate(document.sections):
            label = app.shown_title(section.title)
            simplified_title = app.shown.convert("simplified", section.title)
            score = max(matcher.match(label), simplified_matcher.match(simplified_title))
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, label),
                    partial(app.go_to_section, index),
                    text=label,
                    help="Go to this section",
                )


def highlighted(matcher: Matcher, title: str) -> Content:
    """The title with the letters the query matched set apart, never read as markup
    (Textual's ``Matcher.highlight`` parses its candidate as markup)."""
    content = literal_content(title)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content

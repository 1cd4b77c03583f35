"""What a headless app shows, read for Pilot tests: screen rows, marks, notices, polling."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.command import CommandList
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget

from reader.app import ReaderApp

Span = tuple[int, int]


def screen_strips(app: App) -> list[Strip]:
    """Every row of the current screen as drawn, styles included."""
    return app.screen._compositor.render_strips()


def screen_lines(app: App) -> list[str]:
    """Every row of the current screen, trailing spaces removed."""
    return [strip.text.rstrip() for strip in screen_strips(app)]


def screen_text(app: App) -> str:
    return "\n".join(screen_lines(app))


def region_lines(app: App, widget: Widget) -> list[str]:
    """The rows of the screen inside ``widget``'s region, stripped at both ends."""
    region = widget.scrollable_content_region
    strips = screen_strips(app)
    return [
        strip.crop(region.x, region.right).text.strip()
        for strip in strips[region.y : region.bottom]
    ]


def text_lines(app: App, widget: Widget) -> list[str]:
    """Non-blank rows inside ``widget``."""
    return [line for line in region_lines(app, widget) if line]


def article_rows(app: ReaderApp) -> list[str]:
    """The rows the article shows on screen (its own cells only), stripped."""
    region = app.article.content_region
    strips = screen_strips(app)
    return [
        strip.crop(region.x, region.right).text.strip()
        for strip in strips[region.y : region.bottom]
    ]


def status(app: App) -> str:
    """The status line at the top of the screen."""
    return screen_lines(app)[0].strip()


def marks(app: ReaderApp, kind: str) -> list[Span]:
    """The spans of places the article marks as ``kind`` (term, match, word…)."""
    return app.article.marked(kind)


def notifications(app: App) -> list[str]:
    """The messages of the notices on screen, oldest first."""
    return [notification.message for notification in app._notifications]


async def wait_until(
    pilot: Pilot, condition: Callable[[], object], what: str, *, tries: int = 500
) -> None:
    """Poll ``condition`` between short pauses; fail, naming ``what``, if it never holds."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"{what} never happened")


async def wait_for_command(pilot: Pilot, words: str) -> None:
    """Poll until the command palette has highlighted a command that mentions ``words``."""

    def highlighted() -> str:
        found = pilot.app.screen.query(CommandList)
        if not found or found.first().highlighted is None:
            return ""
        commands = found.first()
        assert commands.highlighted is not None
        prompt = commands.get_option_at_index(commands.highlighted).prompt
        return str(getattr(prompt, "plain", prompt))

    await wait_until(pilot, lambda: words in highlighted(), f"a command with {words!r}")


async def wait_for_saves(pilot: Pilot, app: ReaderApp) -> None:
    """Poll until no save of the reading state is under way or waiting (they run in a worker)."""
    await wait_until(pilot, lambda: not app.places_saving, "the end of the saves")
    await pilot.pause()  # the last one's notices


async def wait_for_whole_document(pilot: Pilot) -> None:
    """A long text opens with its beginning only: wait for the whole to be parsed."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    await wait_until(pilot, lambda: app.document_complete, "the whole document's parse")


async def wait_for_terms(pilot: Pilot) -> None:
    """Wait for the terms worker (it starts after the first paint) to find every term."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    for _ in range(200):
        await pilot.pause()
        await app.workers.wait_for_complete()
        if app.terms_complete:
            await pilot.pause()
            return
    raise AssertionError("the terms worker never finished")


async def settled(pilot: Pilot) -> ReaderApp:
    """The reader once its workers are done and the screen is up to date."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app

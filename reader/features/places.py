"""The reader's places: resume where you left off, bookmarks, theme and settings.

What is remembered per document (the place, the script shown, the outline's visibility, the
reading width and the bookmarks) lives in the state store under the document's content key,
so a renamed or moved copy resumes too, and an edited file is found by its path; the theme is
remembered app-wide. Nothing is ever written next to, or into, the document itself. Saving
merges with another reader's save of the same document (reader.state.merge).

A save while reading (a bookmark, the 5-second check) runs in a worker thread, so a state with
10,000 bookmarks never holds the screen: the worker writes a snapshot of the state, one save
at a time, and a change made meanwhile goes in the next save. Quitting (and SIGHUP, SIGTERM)
waits for the save under way, bounded, then saves the rest on the spot.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, cast

from textual import work
from textual.binding import Binding
from textual.message import Message
from textual.theme import Theme

from reader.features import FeatureHost
from reader.features.waiting import SCREEN, WHOLE_BOOK
from reader.pending import Need
from reader.script import resolve
from reader.state import (
    LABEL_WIDTH,
    Bookmark,
    OpenDocument,
    ReadingState,
    StateStore,
    bookmark_label,
)
from reader.widgets.article import ArticleView

if TYPE_CHECKING:
    from textual.binding import BindingType
    from textual.dom import DOMNode
    from textual.signal import Signal
    from textual.timer import Timer

    from reader.script import ScriptChoice
    from reader.settings import Settings
    from reader.widgets.outline_tree import OutlineTree

SAVE_EVERY = 5  # seconds between checks for an unsaved change while reading
QUIT_WAITS_FOR_SAVE = 5.0  # seconds quitting waits for the save under way (a hung disk)
NOTICE_TIMEOUT = 10  # seconds a warning about the user's files stays on screen
THEME_SETTING_AT_PICK = "theme_setting"  # the settings' theme when the palette's was picked
_LEADING = " \t\r\n,.;:!?、，。；：！？"


class PlacesHost(FeatureHost, Protocol):
    """What the reading state uses of the app."""

    BINDINGS: ClassVar[list[BindingType]]
    settings: Settings
    script_choice: ScriptChoice | None
    resume: bool
    document_path: str | None
    theme: str
    theme_changed_signal: Signal[Theme]

    @property
    def is_running(self) -> bool: ...

    @property
    def outline(self) -> OutlineTree: ...

    outline_wanted: bool

    @property
    def available_themes(self) -> dict[str, Theme]: ...

    def set_keymap(self, keymap: dict[str, str]) -> None: ...

    @property
    def moves_waiting(self) -> bool: ...

    def set_interval(
        self, interval: float, callback: Callable[[], object] | None = None, *, name: str | None
    ) -> Timer: ...

    def post_message(self, message: Message) -> bool: ...


@dataclass(frozen=True, slots=True)
class SaveNotice:
    """What to say once the save that holds a change has ended, as it went."""

    saved: str
    not_saved: str


@dataclass(eq=False)
class SaveRun:
    """One save handed to the worker: the state as it was, and how the save went."""

    snapshot: ReadingState
    notices: list[SaveNotice]
    done: threading.Event = field(default_factory=threading.Event)
    saved: ReadingState | None = None  # what was written (None: it failed)
    error: Exception | None = None
    taken_in: bool = False  # its outcome is in the feature's state (by message, or on quit)


class PlacesSaved(Message):
    """The worker's answer: a save ended (``run.saved``, or ``run.error``)."""

    def __init__(self, run: SaveRun) -> None:
        self.run = run
        super().__init__()


def _app(feature: PlacesFeature) -> PlacesHost:
    """The app the feature is mixed into (ReaderApp; app.py checks that it is a PlacesHost)."""
    return cast("PlacesHost", feature)


class PlacesFeature:
    """Restores and saves the reading state; `m` and `'` for bookmarks."""

    _places_store: StateStore | None = None
    _places_open: OpenDocument | None = None
    _places_state: ReadingState | None = None
    _places_saved: ReadingState | None = None  # what the file holds, as last written/read
    _places_prefs: dict[str, Any] | None = None  # app-wide choices, as last written/read
    _places_theme: str = ""  # the theme already accounted for (restored or saved)
    _places_error: str = ""  # the last failure to save, shown once
    _places_unsaved: str = ""  # why the reading state is not saved ("" once a save succeeds)
    _places_running: SaveRun | None = None  # the save under way in the worker
    _places_again: bool = False  # something changed while it ran: save again when it ends
    _places_notices: list[SaveNotice] | None = None  # to say after the next save

    # -- start and save ----------------------------------------------------------------------

    def start_preferences(self) -> None:
        """Called on mount: the keymap and theme, which do not depend on the document."""
        app = _app(self)
        self._places_store = StateStore()
        self._places_apply_keymap()
        self._places_restore_theme()
        subscriber = cast("DOMNode", app)  # the app itself: it lives as long as the signal
        app.theme_changed_signal.subscribe(subscriber, self._places_theme_changed)

    def start_places(self) -> None:
        """Called once the whole document is parsed: restore the reader's place in it."""
        app = _app(self)
        store = self._places_store
        assert store is not None
        opened = store.open(app.document.text, app.document_path)
        self._places_open = opened
        state = self._places_state = opened.state
        for notice in opened.notices:
            app.notify(
                notice,
                title="Reading state",
                severity="warning",
                timeout=NOTICE_TIMEOUT,
                markup=False,
            )
        self._places_restore_view(state)
        self._places_capture()  # the view as opened is the baseline: only a change is saved early
        self._places_saved = state.copy()
        app.set_interval(SAVE_EVERY, self._places_save_if_changed, name="save places")

    @property
    def document_key(self) -> str:
        """The content key of the document being read ("" until the whole of it is parsed)."""
        opened = self._places_open
        return opened.key if opened is not None else ""

    def save_places(self) -> bool:
        """Save the reading state now, on this thread, after the save under way (on quit,
        SIGHUP and SIGTERM); False when it could not be written (``unsaved_places`` names
        what)."""
        if self._places_state is None:
            return True  # never started: nothing was restored, so nothing may be overwritten
        self._places_save_theme()
        self._places_capture()
        if not self._places_wait_for_save():
            return False
        self._places_notices = None  # the screen is closing: nothing is left to say it to
        return self._places_write_state()

    @property
    def places_saving(self) -> bool:
        """Whether a save is under way or waiting to start."""
        return self._places_running is not None or self._places_again

    def unsaved_places(self) -> list[str]:
        """What the last save could not write, named for stderr once the screen has closed:
        empty when everything is saved."""
        state, saved = self._places_state, self._places_saved
        if not self._places_unsaved or state is None or saved is None:
            return []
        lines = [f"{self._places_unsaved}; not saved:"]
        if state.place != saved.place:
            lines.append(f"  your place: {self.bookmark_label_at(state.place)}")
        saved_places = {bookmark.place for bookmark in saved.bookmarks}
        lines += [
            f"  a bookmark: {bookmark.label}"
            for bookmark in state.bookmarks
            if bookmark.place not in saved_places
        ]
        kept = {bookmark.place for bookmark in state.bookmarks}
        lines += [
            f"  the deletion of a bookmark: {bookmark.label}"
            for bookmark in saved.bookmarks
            if bookmark.place not in kept
        ]
        if any(getattr(state, name) != getattr(saved, name) for name in _CHOICES):
            lines.append("  the script, width and outline as you left them")
        return lines if len(lines) > 1 else []

    def _places_save_if_changed(self) -> None:
        """The 5-second check (and a change's own save): save in the worker when something
        changed since the last save, or when a change waits to be said saved."""
        if self._places_state is None or self._places_saved is None or not _app(self).is_running:
            return  # not started, or closed (only q saves on the way out)
        self._places_capture()
        if self._places_notices or not self._places_state.same_as(self._places_saved):
            self._places_save_in_background()

    def _places_save_in_background(self) -> None:
        """Start a save of the state as it is now; while one runs, the next starts when it
        ends (so two never run at once, and what changed meanwhile is not lost)."""
        opened = self._places_open
        assert opened is not None
        if self._places_running is not None:
            self._places_again = True
            return
        run = SaveRun(opened.state.copy(), self._places_notices or [])
        self._places_notices = None
        self._places_running = run
        self._places_save_worker(opened, run)

    @work(thread=True, group="save places", exit_on_error=False)
    def _places_save_worker(self, opened: OpenDocument, run: SaveRun) -> None:
        try:
            run.saved = opened.write(run.snapshot)
        except Exception as error:  # taken in on the UI thread: OSError is said, others raised
            run.error = error
        finally:
            run.done.set()
            _app(self).post_message(PlacesSaved(run))

    def on_places_saved(self, message: PlacesSaved) -> None:
        self._places_take_in(message.run)
        if self._places_again and self._places_running is None:
            self._places_again = False
            self._places_save_if_changed()

    def _places_wait_for_save(self) -> bool:
        """Let the save under way end (at most QUIT_WAITS_FOR_SAVE seconds) and take it in;
        False when it has not ended (a hung disk): no second save may start beside it."""
        run = self._places_running
        self._places_again = False
        if run is None:
            return True
        if not run.done.wait(QUIT_WAITS_FOR_SAVE):
            opened = self._places_open
            assert opened is not None
            self._places_unsaved = (
                f"{opened.file}: cannot save (a save has not ended after {QUIT_WAITS_FOR_SAVE:g} s)"
            )
            return False
        self._places_take_in(run)
        return True

    def _places_take_in(self, run: SaveRun) -> None:
        """What the worker's save did becomes the feature's: said, and kept (once)."""
        if run.taken_in:
            return
        run.taken_in = True
        if self._places_running is run:
            self._places_running = None
        opened = self._places_open
        assert opened is not None
        if run.saved is None:
            error = run.error
            if not isinstance(error, OSError):
                raise error if error is not None else RuntimeError("a save ended without a word")
            self._places_failed(opened, error)
            for notice in run.notices:
                self._places_say_not_saved(notice.not_saved)
            return
        opened.took(run.snapshot, run.saved)
        self._places_succeeded(run.saved)
        for notice in run.notices:
            _app(self).notify(notice.saved)

    def _places_capture(self) -> None:
        """Copy what is on screen into the state to save."""
        app = _app(self)
        state = self._places_state
        assert state is not None
        article = app.article
        state.place = article.top_place
        state.script = app.shown_script
        state.outline_visible = app.outline_wanted
        default_width = article.validate_reading_width(app.settings.reading_width)
        width = article.reading_width
        # None follows the settings file, so a later change there still applies
        state.reading_width = None if width == default_width else width

    def _places_write_state(self) -> bool:
        """Save on this thread (quitting): no save may be under way."""
        opened = self._places_open
        assert opened is not None and self._places_running is None
        try:
            opened.save()
        except OSError as error:
            self._places_failed(opened, error)
            return False
        self._places_succeeded(opened.state)
        return True

    def _places_failed(self, opened: OpenDocument, error: OSError) -> None:
        self._places_unsaved = f"{opened.file}: cannot save ({error.strerror or error})"
        self._places_report_save_error(str(opened.file), error)

    def _places_succeeded(self, saved: ReadingState) -> None:
        if self._places_unsaved:
            self._places_unsaved = self._places_error = ""
            _app(self).notify(
                "Your place and bookmarks are saved again", title="Reading state", markup=False
            )
        self._places_saved = saved.copy()

    def _places_say_not_saved(self, message: str) -> None:
        _app(self).notify(
            message,
            title="Reading state",
            severity="warning",
            timeout=NOTICE_TIMEOUT,
            markup=False,
        )

    def _places_report_save_error(self, path: str, error: OSError) -> None:
        message = f"{path}: cannot save ({error.strerror or error})"
        if message != self._places_error:  # once, not every few seconds
            self._places_error = message
            _app(self).notify(
                message, title="Reading state", severity="error", timeout=10, markup=False
            )

    # -- restoring ---------------------------------------------------------------------------

    def _places_restore_view(self, state: ReadingState) -> None:
        """Width and outline first (they change the layout), then the script, then the place."""
        app = _app(self)
        article = app.article
        if state.reading_width is not None:
            article.reading_width = state.reading_width
        app.outline_wanted = state.outline_visible
        if app.script_choice is None and state.script is not None:
            app.shown_script = resolve(state.script, app.shown.own_script)  # type: ignore[arg-type]
        if app.resume and 0 < state.place <= len(app.document.text):
            article.scroll_to_place(state.place)

    def _places_apply_keymap(self) -> None:
        """The settings file's [keymap]: binding id -> keys; an unknown id is named."""
        app = _app(self)
        keymap = app.settings.keymap
        if not keymap:
            return
        known = {b.id for b in app.BINDINGS if isinstance(b, Binding) and b.id}
        unknown = [binding_id for binding_id in keymap if binding_id not in known]
        if unknown:
            names = ", ".join(repr(binding_id) for binding_id in unknown)
            app.notify(
                f"Unknown key binding id {names} in the settings' [keymap]; "
                f"known ids: {', '.join(sorted(known))}",
                title="Settings",
                severity="warning",
                timeout=NOTICE_TIMEOUT,
                markup=False,
            )
        kept = {key: value for key, value in keymap.items() if key in known}
        clashes = _reading_key_clashes(kept)
        if clashes:
            app.notify(
                f"In the settings' [keymap], {'; '.join(clashes)}: while the text has focus, "
                "its own key wins",
                title="Settings",
                severity="warning",
                timeout=NOTICE_TIMEOUT,
                markup=False,
            )
        app.set_keymap(kept)

    def _places_restore_theme(self) -> None:
        """The theme picked in the palette, unless the settings' theme changed since the pick;
        else the settings' theme, else Textual's default.

        The pick is saved with the settings' theme of that moment: editing the file later
        means the reader wants the file's theme now, and it applies.
        """
        app = _app(self)
        store = self._places_store
        assert store is not None
        data, notice = store.load_app()
        self._places_prefs = data
        if notice:
            app.notify(
                notice,
                title="Reader state",
                severity="warning",
                timeout=NOTICE_TIMEOUT,
                markup=False,
            )
        available = app.available_themes
        remembered = data.get("theme")
        configured = app.settings.theme
        if isinstance(remembered, str) and data.get(THEME_SETTING_AT_PICK, "") != (
            configured or ""
        ):
            remembered = None  # the file changed after the pick: the file wins
            self._places_forget_theme()
        if isinstance(remembered, str) and remembered in available:
            app.theme = remembered
        elif configured:
            if configured in available:
                app.theme = configured
            else:
                app.notify(
                    f"Unknown theme {configured!r} in the settings; "
                    "ctrl+p → Change theme lists the themes",
                    title="Settings",
                    severity="warning",
                    timeout=NOTICE_TIMEOUT,
                    markup=False,
                )
        self._places_theme = app.theme

    def _places_forget_theme(self) -> None:
        assert self._places_store is not None and self._places_prefs is not None
        data = {
            key: value
            for key, value in self._places_prefs.items()
            if key not in ("theme", THEME_SETTING_AT_PICK)
        }
        self._places_write_prefs(data)

    def _places_write_prefs(self, data: dict[str, Any]) -> bool:
        """Save the app-wide preferences; they are kept in memory only once they are saved."""
        assert self._places_store is not None
        try:
            self._places_store.save_app(data)
        except OSError as error:
            self._places_report_save_error(str(self._places_store.app_path), error)
            return False
        self._places_prefs = data
        return True

    def _places_theme_changed(self, theme: Theme) -> None:
        self._places_save_theme()

    def _places_save_theme(self) -> None:
        """Remember the theme app-wide once the reader has chosen one of their own."""
        app = _app(self)
        if self._places_prefs is None or app.theme == self._places_theme:
            return
        data = {
            **self._places_prefs,
            "theme": app.theme,
            THEME_SETTING_AT_PICK: app.settings.theme or "",
        }
        if self._places_write_prefs(data):
            self._places_theme = app.theme

    # -- bookmarks ---------------------------------------------------------------------------

    @property
    def _places_opened(self) -> Need:
        """A long book's reading state opens once the whole is parsed (it is found by the
        whole text): a bookmark made or listed before then waits for it."""
        return Need(WHOLE_BOOK, lambda: self._places_state is not None)

    def action_add_bookmark(self) -> None:
        """`m`: a bookmark at the top of the screen (on a long book's opening, made as soon
        as its reading state is open), or where the moves pressed before it lead."""
        app = _app(self)
        pressed_at = None if app.moves_waiting else app.article.top_place
        app.when_ready(lambda: self._places_add_bookmark(pressed_at), self._places_opened)

    def _places_add_bookmark(self, pressed_at: int | None) -> None:
        app = _app(self)
        place = app.article.top_place if pressed_at is None else pressed_at
        state = self._places_state
        assert state is not None
        if not app.document.text.strip():
            app.notify("Nothing to bookmark: the document is empty")
            return
        if not state.add_bookmark(Bookmark(place, self.bookmark_label_at(place))):
            app.notify("Already bookmarked here")
            return
        notice = SaveNotice(
            "Bookmark added",
            "Bookmark added, but not saved: it is tried again every few seconds, "
            "and named when you quit if it still cannot be",
        )
        self._places_notices = [*(self._places_notices or []), notice]  # said once it is saved
        self._places_save_if_changed()

    def action_bookmarks(self) -> None:
        """`'`: list bookmarks (jump, delete)."""
        _app(self).when_ready(self._places_list_bookmarks, self._places_opened, kind=SCREEN)

    def _places_list_bookmarks(self) -> None:
        app = _app(self)
        state = self._places_state
        assert state is not None
        if not state.bookmarks:
            app.notify(f"No bookmarks yet: {self._places_key_for('add_bookmark', 'm')} adds one")
            return
        from reader.widgets.bookmarks import BookmarksScreen

        # The list's rows stand for these places: a save may merge another reader's bookmarks
        # into the state while it is open, which moves the state's indexes, never these.
        places = [bookmark.place for bookmark in state.bookmarks]
        labels = [self.bookmark_label_at(place) for place in places]

        def delete(index: int) -> None:
            self._places_delete_bookmark(places.pop(index))

        def jump(index: int | None) -> None:
            self._places_jump_to_bookmark(None if index is None else places[index])

        app.push_screen(BookmarksScreen(labels, delete), jump)

    def bookmark_label_at(self, place: int) -> str:
        """The section and the first words at ``place``, in the script on screen."""
        app = _app(self)
        document = app.document
        index = document.section_index_at(place)
        title = None
        start = place
        if index is not None:
            section = document.sections[index]
            title = section.title
            # at a heading, the words after it tell more than the heading again
            start = max(place, section.start + len(title))
        words = document.text[start : start + 2 * LABEL_WIDTH]
        if start > place:  # not from a run-in title's closing 。 or ,
            words = words.lstrip(_LEADING)
        return bookmark_label(app.shown_title(title) if title else None, app.shown_title(words))

    def _places_delete_bookmark(self, place: int) -> None:
        state = self._places_state
        if state is None:
            return
        if state.delete_bookmark_at(place):
            self._places_save_if_changed()

    def _places_jump_to_bookmark(self, place: int | None) -> None:
        if self._places_state is None or place is None:
            return
        article = _app(self).article
        article.scroll_to_place(place)
        article.focus()

    # -- helpers -----------------------------------------------------------------------------

    def _places_key_for(self, binding_id: str, default: str) -> str:
        """The key bound to ``binding_id`` after the settings' keymap (the first, if several)."""
        keys = _app(self).settings.keymap.get(binding_id)
        return keys.split(",")[0] if keys else default


def _reading_key_clashes(keymap: dict[str, str]) -> list[str]:
    """Keys given to an app binding that the article already uses for reading (j, space…)."""
    reading = {
        key.strip(): binding.description
        for binding in ArticleView.READING_BINDINGS
        for key in binding.key.split(",")
    }
    return [
        f"{key!r} for {binding_id!r} is also {reading[key]!r}"
        for binding_id, keys in keymap.items()
        for key in (part.strip() for part in keys.split(","))
        if key in reading
    ]


_CHOICES = ("script", "outline_visible", "reading_width")

"""ReaderApp: the section tree beside the article, one key to switch script."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalGroup
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from reader.document import Document
from reader.features.learner import LearnerFeature, SegmenterLoaded
from reader.features.lookup import LookupFeature
from reader.features.places import NOTICE_TIMEOUT, PlacesFeature
from reader.features.search import SearchFeature
from reader.features.terms import TermsFeature
from reader.features.vocabulary import VocabularyFeature
from reader.features.waiting import WHOLE_BOOK, WaitingFeature
from reader.goto import go_to_place
from reader.load import Source, read_source
from reader.lookup import shared_dictionary
from reader.pending import Need
from reader.script import (
    SCRIPT_LABELS,
    Script,
    ScriptChoice,
    Variant,
    other,
    resolve,
    warm_up,
)
from reader.settings import Settings
from reader.shown import ShownText
from reader.status import status_line
from reader.visible import visible
from reader.widgets.article import WIDTH_STEP, ArticleView
from reader.widgets.goto_bar import GoToBar
from reader.widgets.key_bar import KeyBar
from reader.widgets.literal import literal
from reader.widgets.outline_tree import OutlineTree
from reader.widgets.textual_private import OneLineErrorApp
from reader.words import Segmenter

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from reader.dictionary import Dictionary
    from reader.features.learner import LearnerHost
    from reader.features.lookup import LookupHost
    from reader.features.places import PlacesHost
    from reader.features.search import SearchHost
    from reader.features.terms import TermsHost
    from reader.features.vocabulary import VocabularyHost
    from reader.features.waiting import WaitingHost


def learner_commands() -> type[Provider]:
    """The palette's learner commands, imported when the palette first opens."""
    from reader.widgets.learner_commands import LearnerCommands

    return LearnerCommands


def section_commands() -> type[Provider]:
    """The palette's section commands, imported when the palette first opens."""
    from reader.widgets.section_commands import SectionCommands

    return SectionCommands


class WholeDocumentParsed(Message):
    """The worker's answer: the whole of a long book, parsed after its opening was shown."""

    def __init__(self, document: Document) -> None:
        self.document = document
        super().__init__()


class ReadingScreen(Screen[None]):
    """The app's own screen. reader.tcss puts the outline and the article side by side on it
    with no container between them: a container is one more widget drawn at every resize."""

    class Resized(Message):
        """The screen has a new size (the app's own resize event comes before it)."""

    def on_resize(self) -> None:
        self.post_message(self.Resized())


NARROW_WIDTH = 60  # columns below which the outline does not fit beside the text
PREPARED_PARAGRAPHS = 40  # paragraphs around the place converted ahead of a script switch


class ReaderApp(
    TermsFeature,
    SearchFeature,
    PlacesFeature,
    LookupFeature,
    LearnerFeature,
    VocabularyFeature,
    WaitingFeature,
    OneLineErrorApp,
):
    """A terminal reader for Chinese articles and books."""

    CSS_PATH = Path(__file__).with_name("reader.tcss")  # absolute: subclasses live elsewhere
    TITLE = "reader"
    AUTO_FOCUS = "#article"  # focused as the screen is made: no second styling pass
    COMMANDS = App.COMMANDS | {section_commands, learner_commands}

    # Every app-wide key, with an id for the settings file's [keymap]. Textual reads BINDINGS
    # only from DOM classes, so the features' keys are declared here too.
    BINDINGS = [
        Binding("s", "switch_script", "繁/简", id="script"),
        Binding("o", "toggle_outline", "Outline", id="outline"),
        # described in the help screen's learning group
        Binding("O", "outline_shares", "", show=False, id="outline_unknown"),
        Binding("t", "term_index", "Terms", id="terms"),
        Binding(
            "right_square_bracket",
            "next_term",
            "Next term",
            key_display="]",
            show=False,
            id="next_term",
        ),
        Binding(
            "left_square_bracket",
            "previous_term",
            "Prev term",
            key_display="[",
            show=False,
            id="previous_term",
        ),
        Binding("slash", "search", "Search", key_display="/", id="search"),
        Binding("colon", "go_to", "Go to % or section", key_display=":", show=False, id="go_to"),
        Binding("n", "next_match", "Next match", show=False, id="next_match"),
        Binding("N", "previous_match", "Prev match", show=False, id="previous_match"),
        Binding("d", "word_cursor", "Look up", id="word_cursor"),
        # described in the help screen's look-up group, beside the word cursor's keys
        Binding("D", "look_up_typed", "", show=False, id="look_up_typed"),
        Binding("p", "pinyin", "Pinyin", id="pinyin"),
        Binding("K", "mark_known", "Mark known", show=False, id="mark_known"),
        Binding("P", "profile", "Profile", show=False, id="profile"),
        Binding("L", "mark_new_words", "New words", show=False, id="new_words"),
        Binding("w", "word_list", "Words", show=False, id="word_list"),
        Binding("v", "vocabulary", "Vocabulary", show=False, id="vocabulary"),
        Binding("m", "add_bookmark", "Bookmark", show=False, id="add_bookmark"),
        Binding(
            "apostrophe", "bookmarks", "Bookmarks", key_display="'", show=False, id="bookmarks"
        ),
        Binding("minus", "narrower", "Narrower", key_display="-", show=False, id="narrower"),
        Binding("plus,equals_sign", "wider", "Wider", key_display="+", show=False, id="wider"),
        # described in the help screen's own groups (enter and esc do different things there)
        Binding("enter", "activate", "", show=False, id="open"),
        Binding("escape", "escape", "", show=False, id="back"),
        Binding("question_mark", "help", "Keys", key_display="?", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    shown_script: reactive[Script] = reactive("traditional", init=False)

    def __init__(
        self,
        path: str | Path | None = None,
        script: ScriptChoice | None = None,
        *,
        variant: Variant | None = None,
        glossaries: Iterable[Path] = (),
        resume: bool = True,
        source: Source | None = None,
        settings: Settings | None = None,
        segmenter: Segmenter | None = None,
        load_dictionary: Callable[[], Dictionary] | None = None,
        notices: Iterable[str] = (),
    ) -> None:
        """``segmenter`` and ``load_dictionary`` (called in a worker) default to jieba and
        the bundled CC-CEDICT, loaded once per process. ``notices`` are problems found before
        the app started (in the settings file), shown once it is up."""
        super().__init__()
        self.settings = settings or Settings()
        self._start_notices = list(notices)
        self._outline_wanted = True  # beside the text, unless the saved state says otherwise
        self._outline_over = False  # shown over the text on a narrow screen
        source = source if source is not None else read_source(path)
        self.document_path = source.path  # where its reading state is also found (None: stdin)
        # A long book first shows its opening, parsed alone; the whole is parsed in a worker.
        prefix = source.quick_prefix()
        self._unparsed: Source | None = source if prefix is not None else None
        self.document: Document = (prefix or source).parse()
        # Places index the rendered text; a plain text's is known before it is all parsed.
        plain = source.format == "text"
        self.text_length = len(source.text) if plain else len(self.document.text)
        self._length_known = plain or self._unparsed is None  # text_length is the whole's
        self.shown = ShownText(self.document, variant or self.settings.variant)
        self.glossary_files = list(glossaries)
        self.resume = resume
        self.script_choice = script  # None unless --script was given: then it beats the saved one
        # jieba, shared by the glossary and the word cursor; loaded in a worker after first paint
        self.segmenter = segmenter if segmenter is not None else Segmenter()
        self.load_dictionary = load_dictionary or shared_dictionary
        self._switch_interval = sys.getswitchinterval()  # restored on unmount, mounted or not
        self._whole_parsed = asyncio.Event()
        if self._unparsed is None:
            self._whole_parsed.set()
        self.set_reactive(ReaderApp.shown_script, resolve(script, self.shown.own_script))
        # Made here and kept: a worker's late answer, as the app closes, finds them still.
        self._status = Static(id="status")
        self._outline = OutlineTree(
            self.document, self.shown_title, shares=self.settings.outline_unknown, id="outline"
        )
        self._article = ArticleView(
            self.document,
            self.shown,
            self.shown_script,
            reading_width=self.settings.reading_width,
            segmenter=self.segmenter,
            complete=self._unparsed is None,
            id="article",
        )

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield self._status
        yield self._outline
        yield self._article
        with VerticalGroup(id="bottom"):  # the search bar opens above the keys
            yield KeyBar(id="keys")

    def get_default_screen(self) -> Screen:
        return ReadingScreen(id="_default")

    @property
    def article(self) -> ArticleView:
        return self._article

    @property
    def outline(self) -> OutlineTree:
        return self._outline

    def on_load(self) -> None:
        # Until the first paint, nearly everything made (the book, its outline, the widgets)
        # lives as long as the app: collecting it then would only delay the first screen.
        gc.disable()

    def on_mount(self) -> None:
        # Workers (jieba, conversion, search) are Python threads sharing the GIL: hand it back
        # to the screen after 1 ms instead of 5 ms so keys answer at once while they run.
        sys.setswitchinterval(0.001)
        for notice in self._start_notices:
            self.notify(
                notice, title="Settings", severity="warning", timeout=NOTICE_TIMEOUT, markup=False
            )
        self._save_on_signals()
        self.start_preferences()
        if self._unparsed is None:
            self.start_places()
        self._update_status()
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        """Slow work (parsing the rest, conversion, jieba, the dictionary) starts now."""
        gc.freeze()
        gc.enable()
        if self._unparsed is not None:
            self._parse_whole(self._unparsed)
        else:
            self._start_background_work()

    def _start_background_work(self) -> None:
        self._update_status()
        self._convert_rest()
        self._warm_up(self.shown, other(self.shown_script), self._paragraph_on_top())
        self.start_terms()
        self.start_lookup()
        self.start_learner()

    @work(thread=True, exclusive=True, group="open")
    def _parse_whole(self, source: Source) -> None:
        self.post_message(WholeDocumentParsed(source.parse()))

    def on_whole_document_parsed(self, message: WholeDocumentParsed) -> None:
        """Swap the opening for the whole book; places are the same in both, so nothing moves."""
        document = message.document
        self._unparsed = None
        self.document = document
        self.text_length = len(document.text)
        self._length_known = True
        self.shown = ShownText(document, self.shown.variant)
        self.article.set_document(document, self.shown)
        self.outline.set_document(document, self.shown_title)
        self.refresh_search()
        self.start_places()
        self._start_background_work()
        self._whole_parsed.set()
        self.flush_waiting()  # the keys pressed on the opening, on the whole book now

    @property
    def document_complete(self) -> bool:
        """False while a long book shows only its opening (the whole is being parsed)."""
        return self._unparsed is None

    async def whole_document(self) -> Document:
        """The whole document, once it is parsed (for the palette's section commands)."""
        await self._whole_parsed.wait()
        return self.document

    @property
    def whole_book(self) -> Need:
        """What a key that needs the whole of a long book waits for."""
        return Need(WHOLE_BOOK, lambda: self.document_complete)

    @property
    def words_loaded(self) -> Need:
        """What a key that needs jieba's words (the word cursor's, pinyin's) waits for."""
        return Need("loading the word list", lambda: self.segmenter.loaded)

    def on_segmenter_loaded(self, _message: SegmenterLoaded) -> None:
        self.segmentation_changed()

    def segmentation_changed(self) -> None:
        """jieba loaded, or the glossary's terms added to it: the word cursor takes in the
        whole word at its place, and the keys that waited for the words go on."""
        self.article.words_changed()
        self.flush_waiting()

    def on_article_view_move_held(self, message: ArticleView.MoveHeld) -> None:
        """A move the article could not make yet (G on a long book's opening): made when
        it can be, in the order the moves were pressed."""
        article, action = self.article, message.action
        self.when_ready(
            lambda: article.move(action),
            Need(WHOLE_BOOK, lambda: article.can_move(action)),
            move=True,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # What background work builds (the book, its conversion, jieba's dictionary, the
        # dictionary) lives as long as the app. Frozen, it is left out of the collector's full
        # passes, which otherwise stall the screen for 50 ms at a time on a long book.
        if event.state == WorkerState.SUCCESS:
            gc.freeze()

    def on_unmount(self) -> None:
        gc.unfreeze()
        gc.enable()
        sys.setswitchinterval(self._switch_interval)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A notice shows its words as written: a file name, a glossary's problem or a word of
        the document is never markup, and a control character in it is shown as a symbol."""
        if not markup:
            message, title = visible(message, keep="\n"), visible(title)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    async def action_quit(self) -> None:
        self.save_places()
        self.exit(0)

    def _save_on_signals(self) -> None:
        """Closing the terminal (SIGHUP) or SIGTERM saves the place and quits, as q does."""
        loop = asyncio.get_running_loop()
        for name in ("SIGHUP", "SIGTERM"):
            number = getattr(signal, name, None)
            if number is not None:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(number, self._ended_by_signal, number)

    def _ended_by_signal(self, number: int) -> None:
        self.save_places()
        self.exit(return_code=128 + number)

    # -- keys shared by several features -----------------------------------------------------

    def action_activate(self) -> None:
        """enter: the selected term (with the word cursor on, the article takes enter)."""
        self.open_selected_term()

    def action_escape(self) -> None:
        """escape: cancel the keys that wait, else close whatever is open, innermost first."""
        article = self.article
        _ = (
            self.cancel_waiting()
            or self.close_go_to()
            or self.close_search()
            or article.leave_word_cursor()
            or self.clear_term_selection()
        )

    def on_article_view_clicked(self, message: ArticleView.Clicked) -> None:
        """A click moves the word cursor when it is on; else opens a term, else starts it."""
        article = self.article
        if article.word_cursor is not None or not self.open_term_at(message.place):
            article.click_word(message.place)

    def shown_title(self, title: str) -> str:
        """A title (or any short text of the document) in the script on screen."""
        return self.shown.convert(self.shown_script, title)

    # -- script ------------------------------------------------------------------------------

    def action_switch_script(self) -> None:
        self.shown_script = other(self.shown_script)

    def watch_shown_script(self, script: Script) -> None:
        self.article.set_script(script)
        self.outline.relabel(self.shown_title)
        self._update_status()
        # the rest of the book converts once the converted screen is painted
        self.set_timer(0.2, self._convert_rest)

    def _paragraph_on_top(self) -> int:
        return self.document.paragraph_index_at(self.article.top_place)

    def _convert_rest(self) -> None:
        """Convert every paragraph not yet shown, nearest the reader's place first."""
        if not self.shown.is_complete(self.shown_script):
            self._convert_from(self.shown, self.shown_script, self._paragraph_on_top())

    @work(thread=True, exclusive=True, group="convert")
    def _convert_from(self, shown: ShownText, script: Script, start: int) -> None:
        worker = get_current_worker()
        shown.fill(script, shown.outward_from(start), lambda: worker.is_cancelled)

    @work(thread=True, group="warm-up")
    def _warm_up(self, shown: ShownText, script: Script, here: int) -> None:
        """Get the other script ready so that `s` answers at once: its OpenCC tables, the
        titles of the outline and the paragraphs around the reader's place."""
        warm_up(shown.converter(other(script)))
        warm_up(shown.converter(script))
        document = shown.document
        for title in (document.title, *(section.title for section in document.sections)):
            shown.convert(script, title)
        shown.fill(script, shown.outward_from(here)[:PREPARED_PARAGRAPHS])

    # -- navigation --------------------------------------------------------------------------

    def go_to_section(self, index: int) -> None:
        self.article.scroll_to_place(self.document.sections[index].start)
        self.article.focus()

    async def action_go_to(self) -> None:
        """`:`: open the go-to bar (or go back to it)."""
        if self.screen is not self.article.screen:  # a popup or another screen is on top
            return
        bars = self.query(GoToBar)
        if bars:
            bar = bars.first()
        else:
            bar = GoToBar(id="goto-bar")
            await self.query_one("#bottom").mount(bar, before="#keys")
        bar.input.focus()

    def close_go_to(self) -> bool:
        """Close the go-to bar; False when it was not open."""
        bars = self.query(GoToBar)
        if not bars:
            return False
        bars.remove()
        self.article.focus()
        return True

    def on_go_to_bar_submitted(self, message: GoToBar.Submitted) -> None:
        """enter in the go-to bar: go there and close it, or say why not and keep it to edit.

        On a long book's opening it goes at once to a share of a plain text (whose length is
        known) that the opening reaches; anything else goes once the whole book is parsed.
        """
        query = message.query
        share = go_to_place(query, self.text_length, ()) if self._length_known else None

        def reachable() -> bool:
            return self.document_complete or (share is not None and share < len(self.document.text))

        went = False

        def go() -> None:
            nonlocal went
            went = True
            self._go_to(query, share)

        self.when_ready(go, Need(WHOLE_BOOK, reachable), move=True)
        if not went:  # it waits: meanwhile the keys are the article's
            self.close_go_to()

    def _go_to(self, query: str, share: int | None) -> None:
        document = self.document
        place = share
        if place is None:
            place = go_to_place(query, len(document.text), document.sections)
        if place is None:
            self.notify(
                f"Nothing to go to for {query.strip()!r}: "
                "try 50%, 12, 第十二章 or the start of a section title",
                severity="warning",
                timeout=NOTICE_TIMEOUT,
            )
            return
        self.close_go_to()
        self.article.scroll_to_place(place)

    def on_go_to_bar_closed(self, _message: GoToBar.Closed) -> None:
        self.close_go_to()

    def on_outline_tree_section_chosen(self, message: OutlineTree.SectionChosen) -> None:
        self.article.scroll_to_place(message.place)
        if self.narrow and self._outline_over:  # over the text: out of the way once used
            self._outline_over = False
            self._fit_outline()
            self.article.focus()

    def on_article_view_word_moved(self, message: ArticleView.WordMoved) -> None:
        """The status line names where a link under the word cursor leads."""
        self._update_status()

    def on_article_view_place_changed(self, message: ArticleView.PlaceChanged) -> None:
        self.outline.follow(self.document.section_index_at(message.place))
        self._update_status()

    @property
    def outline_wanted(self) -> bool:
        """Whether the reader wants the outline beside the text (saved per document); a
        narrow screen hides it all the same."""
        return self._outline_wanted

    @outline_wanted.setter
    def outline_wanted(self, wanted: bool) -> None:
        self._outline_wanted = wanted
        self._fit_outline()

    @property
    def narrow(self) -> bool:
        """Too narrow for the outline beside the text: it is shown over the text on `o`."""
        return self.size.width < NARROW_WIDTH

    def _fit_outline(self) -> None:
        outline = self.outline
        narrow = self.narrow
        outline.set_class(narrow, "-over")
        # over the text: down to the key bar, not over it (the status line and keys stay)
        outline.styles.height = max(1, self.size.height - 2) if narrow else None
        outline.display = self._outline_over if narrow else self._outline_wanted
        if not outline.display and outline.has_focus:
            self.article.focus()

    def action_toggle_outline(self) -> None:
        """`o`: the outline beside the text, or over it on a narrow screen (focused, to pick
        a section)."""
        if self.narrow:
            self._outline_over = not self._outline_over
            self._fit_outline()
            if self._outline_over:
                self.outline.focus()
        else:
            self._outline_wanted = not self._outline_wanted
            self._fit_outline()

    def action_narrower(self) -> None:
        self._change_width(-WIDTH_STEP)

    def action_wider(self) -> None:
        self._change_width(WIDTH_STEP)

    def _change_width(self, step: int) -> None:
        """`-`/`+`, and a short notice of the width it gives (or why it stays)."""
        article = self.article
        before = article.reading_width
        article.reading_width = before + step
        width = article.reading_width
        if width == before:
            end = "narrowest" if step < 0 else "widest"
            message = f"Reading width {width}: the {end} it goes"
        elif article.text_width < width:
            message = f"Reading width {width} (the window shows {article.text_width})"
        else:
            message = f"Reading width {width}"
        self.notify(message, timeout=2)
        self._update_status()

    # -- status and help ---------------------------------------------------------------------

    def progress(self) -> int:
        """How far the reader is, by the place on top (stable across width and script): 0 at
        the top, 100 only once the end of the whole document is on screen."""
        if self.text_length == 0:
            return 100
        first, last = self.article.visible_places()
        if self.document_complete and last >= len(self.document.text):
            return 100
        return min(99, round(100 * first / self.text_length))

    def _update_status(self) -> None:
        """The status line; while the outline has focus it names the section highlighted
        there in full (the outline cuts long titles)."""
        article = self.article
        section_index = self.document.section_index_at(article.top_place)
        outline = self.outline
        if outline.has_focus and outline.cursor_node is not None:
            highlighted = outline.cursor_node.data
            if isinstance(highlighted, int) and highlighted >= 0:
                section_index = highlighted
        section = None
        if section_index is not None:
            section = self.shown_title(self.document.sections[section_index].title)
        middle = [SCRIPT_LABELS[self.shown_script], f"{self.progress()}%"]
        if self.learner_status():
            middle.append(self.learner_status())
        if self.waiting_status:
            middle.append(self.waiting_status)
        cursor = self.word_cursor
        url = None if cursor is None else self.document.link_at(cursor[0])
        if url:  # a link's text is on screen; where it leads is shown here, in its place
            section = f"link: {url}"
        line = status_line(
            self.shown_title(self.document.title),
            middle,
            section,
            self._status.content_region.width or self.size.width - 2,
        )
        self._status.update(literal(line))

    def on_tree_node_highlighted(self) -> None:
        self._update_status()

    def on_outline_tree_focus_changed(self) -> None:
        self._update_status()

    def on_reading_screen_resized(self) -> None:
        self._fit_outline()
        self._update_status()

    def refresh_status(self) -> None:
        self._update_status()

    def action_help(self) -> None:
        from reader.widgets.help import HelpScreen, binding_rows, key_label

        keymap = self.settings.keymap
        typed_key = key_label(keymap.get("look_up_typed", "D"))
        shares_key = key_label(keymap.get("outline_unknown", "O"))
        groups = [
            ("Everywhere", [*binding_rows(self.BINDINGS, keymap), ("ctrl+p", "Command palette")]),
            (
                "Word cursor (d)",
                [
                    ("h l ← →", "Previous / next word"),
                    ("j k ↑ ↓", "Next / previous line"),
                    ("enter", "Look the word up"),
                    ("esc d", "Turn the cursor off"),
                    ("a", "In its popup: add to vocabulary"),
                    ("K", "Mark the word known / not known"),
                    (typed_key, "Look up a typed word or pinyin"),
                ],
            ),
            (
                "Outline and lists",
                [
                    ("enter", "Jump to section"),
                    ("j k", "Down / up (every list too)"),
                    ("g G", "First / last (every list too)"),
                    ("h ←", "Fold, or up to its section"),
                    ("l →", "Unfold, or into it"),
                    ("space", "Fold / unfold"),
                ],
            ),
            (
                "Closing",
                [
                    ("esc", "Waiting keys, popup, search, cursor, selection"),
                    ("q", "Popup or screen, else quit"),
                ],
            ),
            ("Reading", binding_rows(ArticleView.READING_BINDINGS, keymap)),
            (
                "Panes and mouse",
                [
                    ("tab", "Outline ⇄ article"),
                    ("mouse", "Wheel, click"),
                    ("drag ctrl+c", "Select text, copy it"),
                ],
            ),
            ("Terms", [("] [", "Next / previous term"), ("enter", "Explain (or click a term)")]),
            (
                "Search bar",
                [
                    ("enter", "Next match"),
                    ("n N", "Next / previous, later"),
                    ("↑ ↓", "Earlier searches"),
                ],
            ),
            (
                "Learning",
                [
                    ("p", "Pinyin: all words → new words → off"),
                    ("P", "Difficulty: the document's and the section's words by level"),
                    ("L", "Underline the words you do not know"),
                    ("w", "The document's words: filter, mark known, jump"),
                    ("v", "Your vocabulary: edit, delete, go to"),
                    (shares_key, "Outline: each section's share of unknown words"),
                ],
            ),
            (
                "Words (w)",
                [("ctrl+k", "Mark known / not known"), ("enter", "Go to its first use")],
            ),
            (
                "Vocabulary (v)",
                [
                    ("tab /", "The list / the filter"),
                    ("enter", "Go to where it was met"),
                    ("e n", "Edit the sense / the note"),
                    ("d", "Delete"),
                    ("u", "Bring the deleted back"),
                    ("x", "Export for Anki"),
                ],
            ),
        ]
        self.push_screen(HelpScreen(groups, notes=self.lookup_help_note()))

    def action_command_palette(self) -> None:
        """ctrl+p: Textual's palette, guarded for a terminal a few rows high."""
        from textual.command import CommandPalette

        from reader.widgets.textual_private import ReaderPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(ReaderPalette(id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own "Keys" panel is left out: `?` (the palette's "Keys" below) lists them
        # all, and escape closes it
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command
        yield SystemCommand(
            "Switch script", "Traditional ⇄ simplified (s)", self.action_switch_script
        )
        yield SystemCommand(
            "Toggle outline", "Show or hide the section tree (o)", self.action_toggle_outline
        )
        yield SystemCommand(
            "Go to", "A percentage, a section number or a title's start (:)", self.action_go_to
        )
        yield SystemCommand("Wider text", "Widen the reading column (+)", self.action_wider)
        yield SystemCommand("Narrower text", "Narrow the reading column (-)", self.action_narrower)
        yield SystemCommand(
            "Look up a word…",
            "Type it in either script or in pinyin: 交流, jiaoliu, jiāoliú (D)",
            self.action_look_up_typed,
        )
        yield SystemCommand("Keys", "Every key of the reader (?)", self.action_help)


if TYPE_CHECKING:

    def _provides_what_the_features_need(
        app: ReaderApp,
    ) -> tuple[
        TermsHost, SearchHost, PlacesHost, LookupHost, LearnerHost, VocabularyHost, WaitingHost
    ]:
        """Never called: mypy checks here that the app is what each feature declares it uses."""
        return app, app, app, app, app, app, app

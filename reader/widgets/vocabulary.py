"""Your vocabulary (`v`): every saved word, newest first, to filter, edit, delete or go back to.

Typing filters (the word in either script, its pinyin with or without tones, its sense, note
or level: "HSK 3"); ↑↓ choose and enter goes to where the word was met. tab moves into the
list, where j k g G move, `e` edits the saved sense and `n` the note (in a line below: enter
saves, escape cancels), `d` deletes and `u` brings the last deleted back, `x` exports the
whole list for Anki (as --export-vocab does, to a file named there), `s` switches script,
and `/` goes back to the filter. escape (or q or v in the list) closes. Every change is saved
at once by reader.vocab, merged with other readers' saves.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, Literal

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.document_terms import SearchKeys, TermQuery, folded_pinyin
from reader.levels import level, level_name
from reader.pinyin import as_one_word
from reader.script import Script
from reader.status import cut
from reader.typeset import cell_width
from reader.visible import visible
from reader.vocab import Deleted, Key, VocabItem, Vocabulary
from reader.widgets.list_keys import KeyedOptionList
from reader.widgets.literal import append_literal, literal

PLACEHOLDER = "filter: 学习 / 學習, xuexi, study, HSK 3"
FILTER_HINT = (
    "type to filter · ↑↓ · enter: go to it · tab: the list, to edit or delete · esc closes"
)
LIST_HINT = (
    "enter go to it · e sense · n note · d delete · u undo · x export for Anki · s 繁/简 · "
    "/ filter · esc q"
)
INDENT = "    "
SHOWN_AT_MOST = 500  # entries listed at once (a list of thousands is slow to build); the
# filter finds the rest

#: What the line below the list is editing: the sense or the note.
Field = Literal["definition", "note"]
FIELD_NAMES: dict[Field, str] = {"definition": "Sense", "note": "Note"}
EXPORT_TO = "~/zh-reader-vocabulary.txt"  # where `x` offers to write the Anki file

#: Where an entry was met: a place in this document, or a line saying where it is from.
Locate = Callable[[VocabItem], "int | str"]


def headword(item: VocabItem, script: Script) -> str:
    return item.traditional if script == "traditional" else item.simplified


def entry_text(item: VocabItem, script: Script, width: int, title: Callable[[str], str]) -> Text:
    """Two lines (three with a note), each cut to ``width`` cells::

    學習  xuéxí  HSK 1  to learn; to study
        第一课 › 一、構建和諧社會 · 2024-05-01
        note: …
    """
    word, pinyin = headword(item, script), as_one_word(item.pinyin)
    grade = level_name(level(item.simplified))
    text = literal(word, "bold")
    append_literal(text, f"  {pinyin}", "italic")
    append_literal(text, f"  {grade}", "dim")
    room = width - cell_width(f"{word}  {pinyin}  {grade}  ")
    if item.definition and room > 0:
        append_literal(text, "  " + cut(item.definition, room))
    where = " › ".join(title(part) for part in (item.document_title, item.section_title) if part)
    if item.place is None and not item.sentence:  # looked up with D: met in no sentence
        where = f"typed, reading {where}" if where else "typed"
    origin = f"{where} · {item.added}"
    text.append("\n" + INDENT)
    append_literal(text, cut(origin, width - len(INDENT)), "dim")
    if item.note:
        text.append("\n" + INDENT)
        append_literal(text, cut(f"note: {item.note}", width - len(INDENT)), "italic")
    return text


def search_keys(item: VocabItem) -> SearchKeys:
    """What the filter matches: the word, its pinyin (folded), its sense, note and level."""
    grade = level_name(level(item.simplified))
    return SearchKeys(
        (item.simplified,),  # the filter is matched in simplified script
        folded_pinyin(item.pinyin),
        f"{item.definition}\n{item.note}\n{grade}".lower(),
    )


class VocabularyScreen(ModalScreen[int | None]):
    """Dismisses with the place to go to (an entry met in the document being read), or None.

    ``locate`` answers where an entry was met: a place, or a line saying where it is from
    (shown as a notice; the screen stays). ``title`` shows a document's or section's title
    in the script on screen.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),  # cancels an edit first
        Binding("q", "close", "Close", show=False),  # in the filter, just a letter
        Binding("v", "close", "Close", show=False, id="vocabulary"),  # v again, as ' and P do
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("e", "edit('definition')", "Edit sense", show=False),
        Binding("n", "edit('note')", "Edit note", show=False),
        Binding("d,delete", "delete", "Delete", show=False),
        Binding("u", "undo", "Undo delete", show=False),
        Binding("x", "export", "Export for Anki", show=False),
        Binding("s", "app.switch_script", "繁/简", show=False, id="script"),
        Binding("slash", "filter", "Filter", show=False),
        # before the filter sees the next key: `tab` then `e` typed at once edits, not filters
        Binding("tab", "app.focus_next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True),
    ]

    def __init__(
        self,
        vocabulary: Vocabulary,
        *,
        script: Script,
        locate: Locate,
        title: Callable[[str], str] = lambda text: text,
    ) -> None:
        super().__init__()
        self.vocabulary = vocabulary
        self.script: Script = script
        self._locate = locate
        self._title = title
        self.shown: list[VocabItem] = []  # listed now, newest first
        self._deleted: list[Deleted] = []  # for `u`, the last deleted last
        self._editing: tuple[Key, Field] | None = None
        self._exporting = False  # the line below names the file to export to
        self._export_to = EXPORT_TO
        self._keys: dict[VocabItem, SearchKeys] = {}  # prepared once per entry
        self._texts: dict[tuple[VocabItem, Script, int], Text] = {}
        self._width = -1  # the list's width when it was last filled

    def compose(self) -> ComposeResult:
        with Vertical(id="vocabulary-box"):
            yield Static(id="vocabulary-title")
            yield Input(placeholder=PLACEHOLDER, id="vocabulary-filter")
            yield KeyedOptionList(id="vocabulary-list")
            yield Input(id="vocabulary-edit")
            yield Static(FILTER_HINT, id="vocabulary-hint")

    def on_mount(self) -> None:
        self.edit_input.display = False
        self.filter_input.focus()
        self.watch(self.app, "shown_script", self._script_changed, init=False)
        self.call_after_refresh(self._refit)  # once the list knows its width

    @property
    def filter_input(self) -> Input:
        return self.query_one("#vocabulary-filter", Input)

    @property
    def edit_input(self) -> Input:
        return self.query_one("#vocabulary-edit", Input)

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#vocabulary-list", OptionList)

    @property
    def highlighted(self) -> VocabItem | None:
        index = self.option_list.highlighted
        if index is None or not 0 <= index < len(self.shown):
            return None
        return self.shown[index]

    def title_text(self) -> str:
        return str(self.query_one("#vocabulary-title", Static).content)

    def hint_text(self) -> str:
        return str(self.query_one("#vocabulary-hint", Static).content)

    def lines(self) -> list[str]:
        """The entries listed, as plain text (for tests)."""
        return [self._text(item).plain for item in self.shown]

    # -- the list ----------------------------------------------------------------------------

    def _fill(self, keep: Key | None = None, at: int | None = None) -> None:
        """List the entries the filter matches, newest first; highlight ``keep`` if listed,
        else the row at ``at`` (or the first)."""
        if not self.is_mounted:
            return
        items = self.vocabulary.items[::-1]
        query = TermQuery(self.filter_input.value)
        matching = [item for item in items if query.matches(self._search_keys(item))]
        self.shown = matching[:SHOWN_AT_MOST]
        self._width = self.option_list.scrollable_content_region.width
        options = self.option_list
        options.set_options(Option(self._text(item)) for item in self.shown)
        keys = [item.key for item in self.shown]
        if self.shown:
            index = keys.index(keep) if keep in keys else min(at or 0, len(keys) - 1)
            options.highlighted = index
        count = f"{len(items):,}" if query.empty else f"{len(matching):,} of {len(items):,}"
        heading = f"Your vocabulary ({count})"
        if len(matching) > SHOWN_AT_MOST:
            heading += f" · the newest {SHOWN_AT_MOST} listed: type to find the rest"
        if not items:
            heading += " · add words with a on the word cursor's popup (d, enter)"
        self.query_one("#vocabulary-title", Static).update(heading)

    def _search_keys(self, item: VocabItem) -> SearchKeys:
        keys = self._keys.get(item)
        if keys is None:
            keys = self._keys[item] = search_keys(item)
        return keys

    def _text(self, item: VocabItem) -> Text:
        width = self.option_list.scrollable_content_region.width - 2  # the options' padding
        cache_key = (item, self.script, width if width > 0 else 200)
        text = self._texts.get(cache_key)
        if text is None:
            text = self._texts[cache_key] = entry_text(item, *cache_key[1:], self._title)
        return text

    def _script_changed(self, script: Script) -> None:
        self.script = script
        self._fill(self._highlighted_key())

    def _highlighted_key(self) -> Key | None:
        item = self.highlighted
        return None if item is None else item.key

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        """Fill the list once it has a width, and again at a new width (rows are cut to it)."""
        width = self.option_list.scrollable_content_region.width
        if width and width != self._width:  # (no width yet: the first resize fills it)
            self._fill(self._highlighted_key())

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input is self.filter_input:
            self._fill()

    def action_move(self, step: int) -> None:
        """↑ / ↓ in the filter move the highlight (the list has its own keys when focused)."""
        options = self.option_list
        if self.shown and not self.edit_input.has_focus:
            current = options.highlighted or 0
            options.highlighted = max(0, min(len(self.shown) - 1, current + step))

    def action_filter(self) -> None:
        self.filter_input.focus()

    @property
    def busy(self) -> bool:
        """The line below the list is open (editing, or naming the file to export to)."""
        return self._editing is not None or self._exporting

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not self.busy:
            hint = LIST_HINT if event.widget is self.option_list else FILTER_HINT
            self.query_one("#vocabulary-hint", Static).update(hint)

    # -- going to an entry -------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input is self.edit_input:
            if self._exporting:
                self._export(event.value)
            else:
                self._save_edit(event.value)
        else:
            self._go_to(self.highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.shown):
            self._go_to(self.shown[event.option_index])

    def _go_to(self, item: VocabItem | None) -> None:
        if item is None:
            return
        where = self._locate(item)
        if isinstance(where, int):
            self.dismiss(where)
        else:
            self.app.notify(where, title="Vocabulary")

    # -- editing -----------------------------------------------------------------------------

    def action_edit(self, field: Field) -> None:
        """`e` / `n`: the sense or the note of the highlighted entry, in the line below."""
        item = self.highlighted
        if item is None or self.busy:
            return
        self._editing = (item.key, field)
        # shown as written: a control character as its symbol, never sent to the terminal
        word = headword(item, self.script)
        self._open_line(
            visible(getattr(item, field)),
            f"{FIELD_NAMES[field].lower()} of {word}",
            f"{FIELD_NAMES[field]} of {visible(word)}: enter saves · esc cancels",
        )

    def _open_line(self, value: str, placeholder: str, hint: str) -> None:
        edit = self.edit_input
        edit.value = value
        edit.placeholder = placeholder
        edit.display = True
        edit.focus()
        edit.cursor_position = len(value)
        self.query_one("#vocabulary-hint", Static).update(literal(hint))

    def _save_edit(self, value: str) -> None:
        if self._editing is None:
            return
        key, field = self._editing
        item = self.vocabulary.get(key)
        value = value.strip()
        if item is not None and value != visible(getattr(item, field)):
            try:
                changed = self.vocabulary.edit(key, **{field: value})
            except OSError as error:
                self.app.notify(f"Could not save: {error}", title="Vocabulary", severity="error")
                return  # still editing: nothing is lost
            if changed is None:
                self.app.notify("That entry was deleted in another window", title="Vocabulary")
        self._end_edit(key)

    def _end_edit(self, key: Key | None) -> None:
        self._editing = None
        self._exporting = False
        self.edit_input.display = False
        self._fill(key)
        self.option_list.focus()

    # -- deleting ----------------------------------------------------------------------------

    def action_delete(self) -> None:
        """`d`: delete the highlighted entry (at once; `u` brings it back)."""
        item = self.highlighted
        if item is None or self.busy:
            return
        index = self.option_list.highlighted
        try:
            deleted = self.vocabulary.delete(item.key)
        except OSError as error:
            self.app.notify(f"Could not delete: {error}", title="Vocabulary", severity="error")
            return
        if deleted is not None:
            self._deleted.append(deleted)
            word = headword(item, self.script)
            self.app.notify(f"Deleted {word} · u brings it back", title="Vocabulary")
        self._fill(at=index)

    def action_undo(self) -> None:
        """`u`: bring back the entry deleted last (again: the one before it)."""
        if self.busy:
            return
        if not self._deleted:
            self.app.notify("Nothing deleted to bring back", title="Vocabulary")
            return
        deleted = self._deleted[-1]
        try:
            self.vocabulary.restore(deleted)
        except OSError as error:
            self.app.notify(f"Could not undo: {error}", title="Vocabulary", severity="error")
            return
        self._deleted.pop()
        self.app.notify(f"{headword(deleted.item, self.script)} is back", title="Vocabulary")
        self._fill(deleted.item.key)

    # -- exporting ---------------------------------------------------------------------------

    def action_export(self) -> None:
        """`x`: write the whole vocabulary for Anki (as --export-vocab does) to a file named
        in the line below."""
        if self.busy:
            return
        count = len(self.vocabulary)
        if not count:
            self.app.notify("Nothing to export yet", title="Vocabulary")
            return
        self._exporting = True
        words = f"{count:,} word{'s' if count != 1 else ''}"
        self._open_line(
            self._export_to,
            "a file to write",
            f"Export {words} for Anki to this file: enter writes · esc cancels",
        )

    def _export(self, typed: str) -> None:
        location = typed.strip()
        if not location or location == "-":
            self.app.notify("Name a file to write to", title="Vocabulary", severity="warning")
            return
        self._export_to = location
        self._end_edit(self._highlighted_key())
        self._write_export(str(Path(location).expanduser()), self.vocabulary.items)

    @work(thread=True, exclusive=True, group="vocabulary-export", exit_on_error=False)
    def _write_export(self, location: str, items: tuple[VocabItem, ...]) -> None:
        """In a worker: a pipe or a slow disk named as the file never stops the screen."""
        from reader.errors import ReaderError
        from reader.output import write_file
        from reader.vocab import anki_file

        text, count = anki_file(items)
        # App.notify is thread-safe: it posts the notice as a message to the app
        try:
            write_file(location, text)
        except ReaderError as error:
            self.app.notify(str(error), title="Vocabulary", severity="error")
            return
        words = f"{count:,} word{'s' if count != 1 else ''}"
        self.app.notify(f"{words} written to {location} (Anki: File → Import)", title="Vocabulary")

    def action_close(self) -> None:
        if self.busy:
            self._end_edit(self._editing[0] if self._editing else self._highlighted_key())
            return
        self.dismiss(None)

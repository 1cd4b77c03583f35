"""The section tree: choosing a node jumps there; reading moves its highlight."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from reader.document import Document, section_parents
from reader.widgets.literal import literal
from reader.widgets.textual_private import SteadyScrollView

SHARE_CELLS = 5  # a section's figure: a space, then "100%" at the most


# Tree first: Textual gathers component classes and default CSS along the first bases.
class OutlineTree(Tree[int], SteadyScrollView):
    """Node data is the section's index in ``document.sections`` (-1 for the title)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g,home", "scroll_home", "First", show=False),
        Binding("G,end", "scroll_end", "Last", show=False),
        Binding("h,left", "fold", "Fold", show=False),
        Binding("l,right", "unfold", "Unfold", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"outline-tree--share"}

    class SectionChosen(Message):
        def __init__(self, place: int) -> None:
            self.place = place
            super().__init__()

    class FocusChanged(Message):
        """The outline gained or lost focus (the status line names its highlighted section)."""

    def __init__(
        self,
        document: Document,
        label: Callable[[str], str],
        *,
        shares: bool = False,
        id: str | None = None,
    ) -> None:
        """``shares``: the figures' column is there from the first paint, blank until set."""
        super().__init__(label(document.title), data=-1, id=id)
        self.document = document
        self._label = label
        self._section_nodes: list[TreeNode[int]] = []
        self._shares: dict[int, str] | None = {} if shares else None
        self.auto_expand = False  # enter jumps; space folds
        self._add_sections()

    def on_mount(self) -> None:
        self.guide_depth = 2

    def on_focus(self) -> None:
        self.post_message(self.FocusChanged())

    def on_blur(self) -> None:
        self.post_message(self.FocusChanged())

    def on_resize(self, event: events.Resize) -> None:
        """Keep the built lines: a new size changes none of them (Tree rebuilds all)."""
        event.prevent_default()  # Tree's own handler would drop every line

    def process_label(self, label: str | Text) -> Text:
        """A section's title as written: never markup, control characters as symbols."""
        return literal(label) if isinstance(label, str) else label

    def render_label(self, node: TreeNode[int], base_style: Style, style: Style) -> Text:
        """A title too long for the pane ends in "…", so that a cut title looks cut; with the
        shares on, each row ends in its section's figure, right-aligned in the last cells."""
        label = super().render_label(node, base_style, style)
        depth = 0
        parent = node.parent
        while parent is not None:
            depth += 1
            parent = parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth
        shares = self._shares
        figure = None
        if shares is not None and room - SHARE_CELLS > 2:
            figure = shares.get(node.data if node.data is not None else -1, "")
            room -= SHARE_CELLS
        if 2 < room < label.cell_len:
            label.truncate(room - 1)
            if label.plain.endswith(" "):  # half a wide character: a Chinese "……" instead
                label.right_crop(1)
                label.append("……", style)
            else:
                label.append("…", style)  # every cut title ends in its column's last cell
        if figure is not None:
            label.append(" " * max(0, room - label.cell_len), base_style)
            share_style = self.get_component_rich_style("outline-tree--share", partial=True)
            label.append(figure.rjust(SHARE_CELLS), base_style + share_style)
        return label

    def set_shares(self, shares: Mapping[int, str] | None) -> None:
        """Show a figure at the end of each row (by section index, -1 for the title; a
        missing one is blank until it comes), or none."""
        if shares is None and self._shares is None:
            return
        self._shares = dict(shares) if shares is not None else None
        for node in (self.root, *self._section_nodes):
            node.refresh()

    @property
    def shares(self) -> dict[int, str] | None:
        return self._shares

    def _add_sections(self) -> None:
        sections = self.document.sections
        nodes = self._section_nodes
        for section, parent_index in zip(sections, section_parents(sections), strict=True):
            parent = self.root if parent_index < 0 else nodes[parent_index]
            node = parent.add(self._label(section.title), data=len(nodes), expand=True)
            node.allow_expand = False
            parent.allow_expand = True
            nodes.append(node)
        self.root.expand()

    def set_document(self, document: Document, label: Callable[[str], str]) -> None:
        """Show the sections of a fuller parse of the same text."""
        self.document = document
        self._label = label
        self.clear()
        self.root.set_label(label(document.title))
        self._section_nodes = []
        self._shares = {} if self._shares is not None else None  # the new sections' come later
        self._add_sections()

    def relabel(self, label: Callable[[str], str]) -> None:
        """Show every title in another script."""
        self._label = label
        self.root.set_label(label(self.document.title))
        for node, section in zip(self._section_nodes, self.document.sections, strict=True):
            node.set_label(label(section.title))

    def follow(self, section_index: int | None) -> None:
        """Highlight the section being read, without jumping anywhere."""
        node = self.root if section_index is None else self._section_nodes[section_index]
        if self.cursor_node is node:
            return
        ancestor = node.parent
        while ancestor is not None:
            if not ancestor.is_expanded:
                ancestor.expand()
            ancestor = ancestor.parent
        self.move_cursor(node, animate=False)

    def action_fold(self) -> None:
        """h / ←: fold the section open here, else go up to the section it is in."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None:
            self.move_cursor(node.parent, animate=False)

    def action_unfold(self) -> None:
        """l / →: unfold the section here, else go down to its first subsection."""
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0], animate=False)

    def on_tree_node_selected(self, event: Tree.NodeSelected[int]) -> None:
        event.stop()
        index = event.node.data
        place = 0 if index is None or index < 0 else self.document.sections[index].start
        self.post_message(self.SectionChosen(place))

"""The section tree: choosing a node jumps there; reading moves its highlight."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from reader.document import Document
from reader.widgets.literal import literal
from reader.widgets.textual_private import SteadyScrollView


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

    class SectionChosen(Message):
        def __init__(self, place: int) -> None:
            self.place = place
            super().__init__()

    class FocusChanged(Message):
        """The outline gained or lost focus (the status line names its highlighted section)."""

    def __init__(
        self, document: Document, label: Callable[[str], str], *, id: str | None = None
    ) -> None:
        super().__init__(label(document.title), data=-1, id=id)
        self.document = document
        self._label = label
        self._section_nodes: list[TreeNode[int]] = []
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
        """A title too long for the pane ends in "…", so that a cut title looks cut."""
        label = super().render_label(node, base_style, style)
        depth = 0
        while (node := node.parent) is not None:  # type: ignore[assignment]
            depth += 1
        room = self.scrollable_content_region.width - depth * self.guide_depth
        if 2 < room < label.cell_len:
            label.truncate(room - 1)
            if label.plain.endswith(" "):  # half a wide character: a Chinese "……" instead
                label.right_crop(1)
                label.append("……", style)
            else:
                label.append("…", style)  # every cut title ends in the pane's last column
        return label

    def _add_sections(self) -> None:
        parents: list[TreeNode[int]] = [self.root]
        for index, section in enumerate(self.document.sections):
            del parents[section.depth :]
            parent = parents[-1]
            node = parent.add(self._label(section.title), data=index, expand=True)
            node.allow_expand = False
            parents.append(node)
            parent.allow_expand = True
            self._section_nodes.append(node)
        self.root.expand()

    def set_document(self, document: Document, label: Callable[[str], str]) -> None:
        """Show the sections of a fuller parse of the same text."""
        self.document = document
        self._label = label
        self.clear()
        self.root.set_label(label(document.title))
        self._section_nodes = []
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

"""The document's logical structure (tagged PDF): built by compose in content order, filled with
marked content as the pages are drawn.

Compose adds a structure element for what each block means (``H1``, ``P``, ``Table``/``TR``/
``TH``, ``L``/``LI``, ``Figure`` with its alternate text) under the one it is inside; a level-1
heading opens a ``Sect``. Content order is reading order, so the tree is in reading order
whatever the page layout does.

When a page is drawn everything on it is an artifact (backgrounds, rules, stripes, the running
header and footer, printer's marks) except what a flowable marks as an element's content: the
page opens in an ``/Artifact`` sequence, a tagged piece of content closes it, writes its own
sequence with the next marked-content id of the page, and reopens it. So nothing painted is
ever left unmarked, and no artifact is nested in real content or real content in an artifact.

With tagging off (a press profile without it) every call here writes nothing, and the PDF is
the same as one made without this module.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

Scope = Literal["Row", "Column", "Both"]


@dataclass(frozen=True, slots=True)
class Marked:
    """A marked-content sequence: the ``mcid``-th on page ``page`` (0-based)."""

    page: int
    mcid: int


@dataclass(frozen=True, slots=True)
class Annotation:
    """An annotation (a link) on page ``page``, by its reportlab name."""

    page: int
    name: str


@dataclass(eq=False, slots=True)
class Node:
    """One structure element. Mutable while the pages are drawn: its kids grow."""

    role: str
    kids: list[Node | Marked | Annotation] = field(default_factory=list)
    alt: str | None = None         # Figure: what a reader is told instead of its content
    lang: str | None = None        # where it differs from the document's
    scope: Scope | None = None     # TH
    row_span: int = 1
    col_span: int = 1
    id: str | None = None          # Note: footnotes are found by their id

    def add(self, role: str, **attrs: Any) -> Node:
        node = Node(role, **attrs)
        self.kids.append(node)
        return node


class Tags:
    """The structure tree, and the marked content of the page being drawn."""

    def __init__(self, on: bool) -> None:
        self.on = on
        self.root = Node("Document")
        self._open: list[Node] = [self.root]
        self.pages: list[list[Node]] = []  # per page, the element of each marked-content id
        self.page_keys: list[int] = []     # per page, its /StructParents key in the parent tree
        self.annotations: list[tuple[Node, Annotation, int]] = []  # Link, annotation, /StructParent
        self._keys = 0  # parent-tree keys are shared by pages and annotations, in drawing order
        self._in_artifact = False
        self._notes = 0
        self._lang: str | None = None

    # -- compose: the tree ------------------------------------------------------------------
    @property
    def current(self) -> Node:
        return self._open[-1]

    def add(self, role: str, **attrs: Any) -> Node:
        """A new element as the last kid of the one compose is inside."""
        node = self.current.add(role, **attrs)
        if self._lang is not None:
            node.lang = self._lang
        return node

    @contextmanager
    def language(self, lang: str | None) -> Iterator[None]:
        """Elements added inside are in ``lang`` (None: in the document's language)."""
        saved, self._lang = self._lang, lang
        try:
            yield
        finally:
            self._lang = saved

    @contextmanager
    def inside(self, node: Node) -> Iterator[Node]:
        """Elements added in the block go into ``node``."""
        saved = list(self._open)
        self._open.append(node)
        try:
            yield node
        finally:
            self._open = saved  # (a section opened inside a block ends with it)

    def note(self) -> Node:
        """A ``Note`` with an id of its own (PDF/UA wants one on every note)."""
        self._notes += 1
        return self.add("Note", id=f"note-{self._notes}")

    def section(self) -> Node:
        """A new ``Sect`` at the document's level, which the rest of the content goes into
        until the next one (a level-1 heading opens it)."""
        del self._open[1:]
        sect = self.root.add("Sect")
        self._open.append(sect)
        return sect

    # -- drawing: marked content ------------------------------------------------------------
    def begin_page(self, canvas: Any) -> None:
        if self.on:
            _BOUND[canvas._doc] = self
            self.pages.append([])
            self.page_keys.append(self._next_key())
            canvas.addLiteral("/Artifact BMC")
            self._in_artifact = True

    def end_page(self, canvas: Any) -> None:
        if self.on and self._in_artifact:
            canvas.addLiteral("EMC")
            self._in_artifact = False

    def leave_artifact(self, canvas: Any) -> None:
        """Close the page's artifact sequence before real content (a text object) begins."""
        if self.on and self._in_artifact:
            canvas.addLiteral("EMC")
            self._in_artifact = False

    def resume_artifact(self, canvas: Any) -> None:
        if self.on and not self._in_artifact:
            canvas.addLiteral("/Artifact BMC")
            self._in_artifact = True

    def open(self, node: Node | None) -> str:
        """The operator that begins ``node``'s next marked-content sequence on this page (for a
        text object, which holds its own sequences); ``/Artifact`` when there is no element."""
        if not self.on:
            return ""
        if node is None:
            return "/Artifact BMC"
        page = len(self.pages) - 1
        mcid = len(self.pages[page])
        self.pages[page].append(node)
        node.kids.append(Marked(page, mcid))
        return f"/{node.role} <</MCID {mcid}>> BDC"

    @contextmanager
    def content(self, canvas: Any, node: Node | None) -> Iterator[None]:
        """What is drawn inside is ``node``'s content (an artifact when ``node`` is None)."""
        if not self.on:
            yield
            return
        self.leave_artifact(canvas)
        canvas.addLiteral(self.open(node))
        try:
            yield
        finally:
            canvas.addLiteral("EMC")
            self.resume_artifact(canvas)

    @contextmanager
    def artifact(self, canvas: Any, kind: str, subtype: str = "") -> Iterator[None]:
        """A typed artifact (the running header and footer are ``Pagination``)."""
        if not self.on:
            yield
            return
        self.leave_artifact(canvas)
        extra = f" /Subtype /{subtype}" if subtype else ""
        canvas.addLiteral(f"/Artifact <</Type /{kind}{extra}>> BDC")
        try:
            yield
        finally:
            canvas.addLiteral("EMC")
            self.resume_artifact(canvas)

    def annotated(self, canvas: Any, parent: Node) -> int | None:
        """Call before adding a link annotation in ``parent``'s content: a new ``Link`` element
        under it gets the annotation (the one reportlab adds next); returns the annotation's
        ``/StructParent`` key, or None when tagging is off."""
        return self.annotate(canvas, parent.add("Link")) if self.on else None

    def annotate(self, canvas: Any, link: Node) -> int | None:
        """The annotation reportlab adds next belongs to the element ``link``; returns its
        ``/StructParent`` key, or None when tagging is off."""
        if not self.on:
            return None
        count: int = getattr(canvas, "_annotationCount")  # noqa: B009 (reportlab names annotations by count)
        ref = Annotation(len(self.pages) - 1, f"NUMBER{count + 1}")
        link.kids.append(ref)
        key = self._next_key()
        self.annotations.append((link, ref, key))
        return key

    def _next_key(self) -> int:
        self._keys += 1
        return self._keys - 1


# The tags of the document a canvas is drawing, for flowables that draw on it: they hold their
# element, and find the marked-content ids of the page through the canvas they are drawn on.
_BOUND: weakref.WeakKeyDictionary[Any, Tags] = weakref.WeakKeyDictionary()


def tags_of(canvas: Any) -> Tags | None:
    """The tags of the tagged document ``canvas`` draws, or None."""
    return _BOUND.get(canvas._doc)

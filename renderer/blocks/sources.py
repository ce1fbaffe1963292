"""Where each flowable came from, kept beside the story rather than on the flowables.

Compose records each flowable's block (for the layout map and layout errors), the heading a
flowable lands (outline, contents numbers, running footer) and the block a flowable is blamed
on when it cannot be placed (a contents entry is its heading's). The paginator reads them
when a frame places a flowable, and reportlab's split parts, new objects, take their whole's.
"""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable

from ..diagnostics import Span


@dataclass(frozen=True, slots=True)
class BlockRef:
    """Where a placed flowable came from: the layout map and error messages use it."""

    id: str
    type: str
    title: str
    source: str
    line: int
    rows: tuple[tuple[str, str, int], ...] = ()  # tables: (key, label, line) per body row

    @property
    def span(self) -> Span:
        return Span(self.source, self.line, 1)


@dataclass(frozen=True, slots=True)
class HeadingMark:
    """What the paginator needs to know when a heading lands on a page."""

    key: str                  # its bookmark, and its contents entry's number form
    written: str              # as the content has it
    text: str                 # as set (typographic quotes): the outline and running footer show it so
    level: int
    expect_folio: int | None
    in_contents: bool
    span: Span                # where a folio it must land on is written, else the heading


@dataclass(frozen=True, slots=True)
class Source:
    block: BlockRef | None = None
    heading: HeadingMark | None = None
    cause: BlockRef | None = None  # blamed instead of ``block`` when it cannot be placed

    @property
    def blamed(self) -> BlockRef | None:
        return self.cause or self.block


NOWHERE = Source()


class Sources:
    """The side table: flowable → :class:`Source`, by identity. An entry lives as long as its
    flowable and no longer: a drawn paragraph's lines and words are freed as the pages are laid
    out (holding every flowable to the end kept 46 MB of words at 1,000 pages)."""

    def __init__(self) -> None:
        self._table: dict[int, tuple[weakref.ref[Flowable], Source]] = {}

    def of(self, flowable: Flowable) -> Source:
        entry = self._table.get(id(flowable))
        return entry[1] if entry is not None and entry[0]() is flowable else NOWHERE

    def note(self, flowable: Flowable, *, block: BlockRef | None = None, heading: HeadingMark | None = None,
             cause: BlockRef | None = None) -> None:
        """Record what is known of ``flowable``; what was recorded before stays (a table's
        own ref, with its rows, is not replaced by the plain one compose gives every part)."""
        old = self.of(flowable)
        key = id(flowable)
        entry = self._table.get(key)
        ref = entry[0] if entry is not None and entry[0]() is flowable else weakref.ref(flowable, self._forget(key))
        self._table[key] = (ref, dataclasses.replace(
            old, block=old.block or block, heading=old.heading or heading, cause=old.cause or cause))

    def _forget(self, key: int) -> Callable[[weakref.ref[Flowable]], None]:
        table = self._table

        def forget(ref: weakref.ref[Flowable]) -> None:
            # Runs as the flowable is freed, before its id can be another object's.
            entry = table.get(key)
            if entry is not None and entry[0] is ref:
                del table[key]

        return forget

    def split(self, whole: Flowable, parts: Sequence[Flowable]) -> None:
        """reportlab's parts of a split flowable: each draws the whole's block, and the first
        lands its heading."""
        source = self.of(whole)
        for i, part in enumerate(parts):
            if part is not whole:
                self.note(part, block=source.block, heading=source.heading if i == 0 else None)

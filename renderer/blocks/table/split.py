"""A table with its caption, split across pages with the header repeated and the caption of
each following part marked "(continued)"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import Flowable

from .grid import Grid


class CaptionedTable(Flowable):
    """Caption above a table grid; ``row_keys`` name the body rows in this part."""

    def __init__(self, caption: Flowable, table: Grid, row_keys: list[str],
                 continued: Callable[[], Flowable], gap: float) -> None:
        super().__init__()
        self.caption, self.table, self.header_rows = caption, table, table.header_rows
        self.row_keys, self.continued, self.gap = row_keys, continued, gap
        self._ch = 0.0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        _, self._ch = self.caption.wrap(aw, ah)
        tw, th = self.table.wrap(aw, ah)
        self.width, self.height = max(aw, tw), self._ch + self.gap + th
        self.table_width = tw
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        _, ch = self.caption.wrap(aw, ah)
        parts: list[Any] = self.table.split(aw, ah - ch - self.gap)
        if len(parts) < 2:
            return []  # the header alone would be left at the page foot: move the whole table
        first_rows = len(parts[0].rows)
        if first_rows < 2:
            return []  # never a header with a single row under it at a page foot
        head = CaptionedTable(self.caption, parts[0], self.row_keys[:first_rows], self.continued, self.gap)
        tail = CaptionedTable(self.continued(), parts[1], self.row_keys[first_rows:], self.continued, self.gap)
        head.spaceBefore, tail.spaceAfter = self.getSpaceBefore(), self.getSpaceAfter()
        return [head, tail]

    def draw(self) -> None:
        th = self.height - self._ch - self.gap
        self.caption.drawOn(self.canv, 0, th + self.gap)
        self.table.drawOn(self.canv, 0, 0)

    def row_boxes(self) -> list[tuple[str, float, float]]:
        """(row key, bottom, top) of each body row in this part, relative to the flowable."""
        return [(key, bottom, top) for key, (bottom, top) in zip(self.row_keys, self.table.body_boxes())]

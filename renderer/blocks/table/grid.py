"""The table grid: fixed column widths, header rows (with spans), body rows and a total row,
split between rows with the header repeated.

Report tables are regular: one line per body cell, a header of one or two rows, fills and
rules by row. Drawing them directly is several times faster than reportlab's general
``Table`` (which resolves a style command per cell), and every cell's text goes into one
text object per table part.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from ...theme.styles import TablePaint
from ..tags import Node
from ..text import TextFlow
from ..typeset import Run, TextWriter, width_of


@dataclass(frozen=True, slots=True)
class HeaderCell:
    """A header label over columns ``first``..``last`` and rows ``top``..``bottom``."""

    flow: TextFlow
    first: int
    last: int
    top: int
    bottom: int
    group: bool = False  # a column group's label ("Case Status"), on the group fill


@dataclass(frozen=True, slots=True)
class Cell:
    """A body cell: one line of text, or a text flow when it must wrap."""

    content: str | TextFlow
    style: ParagraphStyle
    node: Node | None = None  # its TD (or TH) in a tagged document; a TextFlow holds its own


@dataclass(frozen=True, slots=True)
class BodyRow:
    cells: tuple[Cell, ...]
    total: bool = False


class Grid(Flowable):
    """Header rows over body rows, on fixed column widths."""

    def __init__(self, widths: Sequence[float], header: Sequence[HeaderCell], header_rows: int,
                 rows: Sequence[BodyRow], paint: TablePaint, repeated: bool = False) -> None:
        super().__init__()
        self.repeated = repeated  # a following page's part: its header is a repetition (an artifact)
        self.widths, self.header, self.header_rows = list(widths), tuple(header), header_rows
        self.rows, self.paint = tuple(rows), paint
        self.lefts = [sum(self.widths[:i]) for i in range(len(self.widths) + 1)]
        self.header_heights: list[float] = []
        self.row_heights: list[float] = []

    # --- layout ---------------------------------------------------------------------------

    def _room(self, first: int, last: int) -> float:
        return self.lefts[last + 1] - self.lefts[first] - 2 * self.paint.padding_x

    def _measure(self) -> None:
        pad = 2 * self.paint.padding_y
        heights = [0.0] * self.header_rows
        for cell in sorted(self.header, key=lambda c: c.bottom - c.top):
            _, h = cell.flow.wrap(self._room(cell.first, cell.last), 1e6)
            have = sum(heights[cell.top:cell.bottom + 1])
            if h + pad > have:  # a label spanning rows makes its last row taller
                heights[cell.bottom] += h + pad - have
        self.header_heights = heights
        self.row_heights = [self._row_height(row) for row in self.rows]

    def _row_height(self, row: BodyRow) -> float:
        tallest = 0.0
        for i, cell in enumerate(row.cells):
            if isinstance(cell.content, TextFlow):
                _, h = cell.content.wrap(self._room(i, i), 1e6)
            else:
                h = cell.style.leading
            tallest = max(tallest, h)
        return tallest + 2 * self.paint.padding_y

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        if not self.row_heights and self.rows or not self.header_heights and self.header_rows:
            self._measure()
        self.width, self.height = self.lefts[-1], sum(self.header_heights) + sum(self.row_heights)
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        """The rows that fit under the header, and the rest under a repeated header."""
        self.wrap(aw, ah)
        room = ah - sum(self.header_heights)
        fit = 0
        while fit < len(self.rows) and self.row_heights[fit] <= room + 1e-6:
            room -= self.row_heights[fit]
            fit += 1
        if fit == len(self.rows):
            return []
        fit = min(fit, len(self.rows) - 2)  # never one row (the total, say) alone under a repeated header
        if fit < 1:
            return []
        return [self._part(self.rows[:fit], self.row_heights[:fit], self.repeated),
                self._part(self.rows[fit:], self.row_heights[fit:], True)]

    def _part(self, rows: Sequence[BodyRow], heights: list[float], repeated: bool) -> Grid:
        part = Grid(self.widths, self.header, self.header_rows, rows, self.paint, repeated)
        part.header_heights, part.row_heights = self.header_heights, heights
        return part

    # --- drawing --------------------------------------------------------------------------

    def draw(self) -> None:
        c = self.canv
        p = self.paint
        width = self.lefts[-1]
        head = sum(self.header_heights)
        top = self.height
        c.saveState()
        c.setFillColor(p.header_fill)
        c.rect(0, top - head, width, head, stroke=0, fill=1)
        for cell in self.header:
            if cell.group:
                x, y, w, h = self._header_box(cell)
                c.setFillColor(p.group_fill)
                c.rect(x, y, w, h, stroke=0, fill=1)
        y = top - head
        rules: list[tuple[float, bool]] = []
        for n, (row, h) in enumerate(zip(self.rows, self.row_heights)):
            y -= h
            # Stripes start afresh under each page's header: every part of a split table
            # looks alike, and a row added on one page does not restripe the next.
            fill = p.total_fill if row.total else (p.body_fill, p.stripe_fill)[n % 2]
            c.setFillColor(fill)
            c.rect(0, y, width, h, stroke=0, fill=1)
            rules.append((y + h if row.total else y, row.total))
        for at, total in rules:
            c.setStrokeColor(p.header_fill if total else p.rule)
            c.setLineWidth(p.rule_width * 2 if total else p.rule_width)
            c.line(0, at, width, at)
        c.restoreState()
        self._draw_text(top - head)

    def _header_box(self, cell: HeaderCell) -> tuple[float, float, float, float]:
        above = sum(self.header_heights[:cell.top])
        h = sum(self.header_heights[cell.top:cell.bottom + 1])
        x = self.lefts[cell.first]
        return x, self.height - above - h, self.lefts[cell.last + 1] - x, h

    def _draw_text(self, body_top: float) -> None:
        p = self.paint
        writer = TextWriter(self.canv)
        for label in self.header:  # labels sit in the middle of their box
            x, y, w, h = self._header_box(label)
            label.flow.write(writer, x + p.padding_x, y + (h - label.flow.height) / 2, self.repeated)
        # Per column, where its text starts and its room; per cell style (the cells hold
        # them), the run that draws it: the text is the cell's, given to ``show``, the run
        # gives it its look.
        pad = p.padding_x
        columns = [(left + pad, self._room(i, i)) for i, left in enumerate(self.lefts[:-1])]
        looks: dict[int, Run] = {}
        y = body_top
        for row, h in zip(self.rows, self.row_heights):
            y -= h
            for i, cell in enumerate(row.cells):
                content = cell.content
                x, room = columns[i]
                if isinstance(content, TextFlow):
                    content.write(writer, x, y + (h - content.height) / 2)
                elif content:
                    s = cell.style
                    run = looks.get(id(s))
                    if run is None:
                        run = looks[id(s)] = Run("", s.fontName, s.fontSize, s.textColor)
                    if s.alignment == TA_RIGHT:
                        x += room - width_of(content, s.fontName, s.fontSize)
                    elif s.alignment == TA_CENTER:
                        x += (room - width_of(content, s.fontName, s.fontSize)) / 2
                    # one line set in the middle of the row, as a paragraph of one line would be
                    writer.move(x, y + (h + s.leading) / 2 - s.fontSize)
                    writer.begin(cell.node)
                    writer.show(run, content)
                    writer.end()
        writer.finish()

    def body_boxes(self) -> list[tuple[float, float]]:
        """(bottom, top) of each body row, relative to the grid."""
        top = self.height - sum(self.header_heights)
        out = []
        for h in self.row_heights:
            out.append((top - h, top))
            top -= h
        return out

"""Small layout flowables shared by several blocks: a stack, a row of stacks, a ruled panel.

They never split: each holds a few short paragraphs (a figure, a quote, a row of charts).
A box taller than a page is reported by the paginator with the block's source line.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable


class Stack(Flowable):
    """Flowables one above the other in a fixed width, honouring their spaceBefore/After."""

    def __init__(self, items: Sequence[Flowable], width: float | None = None) -> None:
        super().__init__()
        self.items = list(items)
        self.fixed_width = width
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        w = min(aw, self.fixed_width) if self.fixed_width else aw
        self._sizes = [item.wrap(w, ah) for item in self.items]
        gaps = sum(self._gap(i) for i in range(len(self.items)))
        self.width, self.height = w, sum(h for _, h in self._sizes) + gaps
        return self.width, self.height

    def _gap(self, i: int) -> float:
        if i == 0:
            return 0.0
        return max(self.items[i - 1].getSpaceAfter(), self.items[i].getSpaceBefore())

    def inner(self) -> Iterator[tuple[Flowable, float, float, float, float]]:
        """Each item with its box (x, bottom, width, height) inside this stack, as drawn."""
        y = self.height
        for i, item in enumerate(self.items):
            y -= self._gap(i) + self._sizes[i][1]
            yield item, 0.0, y, self._sizes[i][0], self._sizes[i][1]

    def draw(self) -> None:
        for item, x, y, _, _ in self.inner():
            item.drawOn(self.canv, x, y)


class Row(Flowable):
    """Stacks side by side; ``widths`` are fractions of the row (default: equal)."""

    def __init__(self, columns: Sequence[Flowable], gutter: float, widths: Sequence[float] | None = None,
                 fixed_first: float | None = None) -> None:
        super().__init__()
        self.columns = list(columns)
        self.gutter = gutter
        self.fixed_first = fixed_first
        n = len(self.columns)
        self.fractions = list(widths) if widths else [1.0 / n] * n
        self._heights: list[float] = []

    def column_widths(self, aw: float) -> list[float]:
        free = aw - self.gutter * (len(self.columns) - 1)
        if self.fixed_first is not None:
            return [self.fixed_first] + [free - self.fixed_first] * (len(self.columns) - 1)
        return [free * f for f in self.fractions]

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._widths = self.column_widths(aw)
        self._heights = [col.wrap(w, ah)[1] for col, w in zip(self.columns, self._widths)]
        self.width, self.height = aw, max(self._heights, default=0.0)
        return self.width, self.height

    def inner(self) -> Iterator[tuple[Flowable, float, float, float, float]]:
        """Each column with its box (x, bottom, width, height) inside this row, as drawn."""
        x = 0.0
        for col, w, h in zip(self.columns, self._widths, self._heights):
            yield col, x, self.height - h, w, h
            x += w + self.gutter

    def draw(self) -> None:
        for col, x, y, _, _ in self.inner():
            col.drawOn(self.canv, x, y)


class Panel(Flowable):
    """A stack with an optional fill and a coloured rule on its left (or top) edge."""

    def __init__(self, body: Flowable, rule: Color, rule_width: float, *, fill: Color | None = None,
                 padding: float = 0.0, indent: float = 0.0, rule_on: str = "left") -> None:
        super().__init__()
        self.body, self.rule, self.rule_width = body, rule, rule_width
        self.fill, self.padding, self.indent, self.rule_on = fill, padding, indent, rule_on

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        inner = aw - self.indent - 2 * self.padding
        _, h = self.body.wrap(inner, ah)
        self.width, self.height = aw, h + 2 * self.padding
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        if self.fill is not None:
            c.setFillColor(self.fill)
            c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        c.setFillColor(self.rule)
        if self.rule_on == "top":
            c.rect(0, self.height - self.rule_width, self.width, self.rule_width, stroke=0, fill=1)
        else:
            c.rect(0, 0, self.rule_width, self.height, stroke=0, fill=1)
        c.restoreState()
        self.body.drawOn(c, self.indent + self.padding, self.padding)

    def inner(self) -> Iterator[tuple[Flowable, float, float, float, float]]:
        """The body with its box inside this panel."""
        yield self.body, self.indent + self.padding, self.padding, self.width - self.indent - 2 * self.padding, \
            self.height - 2 * self.padding

"""Waffle: a 10 × 10 grid where each square is one percent, coloured by category, with the
shares listed beside it. One percent value alone fills that many squares and greys the rest.

Squares are handed out by largest remainder, so they always add up to exactly 100.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from .colour import mix
from .legend import Entry, draw_list
from .pies import slices
from .spec import ChartSpec
from .text import share_labels

if TYPE_CHECKING:  # drawn on only when a chart is drawn, with matplotlib imported
    from .sketch import Sketch

CELLS = 100
GAP_RATIO = 0.14  # gap between squares, of a square's pitch
LEGEND_GAP = 18.0
SWATCH = 8.0


def allocate(values: list[Decimal], cells: int = CELLS) -> list[int]:
    """Whole squares per value, summing to ``cells`` (Hamilton's largest-remainder method)."""
    total = sum(values, Decimal(0))
    if total <= 0:
        return [0] * len(values)
    exact = [v / total * cells for v in values]
    counts = [int(e) for e in exact]
    by_remainder = sorted(range(len(values)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in by_remainder[:cells - sum(counts)]:
        counts[i] += 1
    return counts


def paint(sk: Sketch, spec: ChartSpec) -> None:
    labels, values, colours = slices(sk, spec)
    if not labels:
        return
    faint = mix(sk.look.grid, sk.look.background, 0.45)
    if len(values) == 1 and spec.format == "percent":
        # A single percentage: its squares coloured, the rest of the hundred faint.
        counts = allocate([values[0], max(Decimal(100) - values[0], Decimal(0))])
        shares: tuple[str, ...] = (spec.shown(values[0], "percent"),)
        fills = [colours[0], faint]
    else:
        counts = allocate(values)
        shares = share_labels(tuple(values), spec.format, spec.numbers)
        fills = colours
    side = min(spec.height, spec.width * 0.5)
    pitch = side / 10
    cell = pitch * (1 - GAP_RATIO)
    top = (spec.height + side) / 2
    colour_of = [f for f, n in zip(fills, counts) for _ in range(n)]
    # Filled row by row from the top left, as a reader counts.
    sk.rects([(k % 10 * pitch, top - (k // 10 + 1) * pitch + (pitch - cell), cell, cell, fill)
              for k, fill in enumerate(colour_of)])
    _legend(sk, side + LEGEND_GAP - pitch * GAP_RATIO, spec, labels, shares, colours)


def _legend(sk: Sketch, x: float, spec: ChartSpec, labels: list[str], shares: tuple[str, ...],
            colours: list[str]) -> None:
    """Each share as a figure in the heaviest face with its label under it, the look of the
    report's headline figures; a plain list when there are too many to fit that way."""
    m = sk.m
    width = spec.width - x - SWATCH - 6
    big = sk.look.title_size * (1.7 if len(labels) <= 3 else 1.4)
    size = sk.size
    gap = min(14.0, big * 0.8)
    wrapped = [m.fit(label, "regular", size, width, 2, size)[0] for label in labels]
    rows = [m.cap("black", big) + 5 + sk.block_height(len(w), "regular", size) for w in wrapped]
    total = sum(rows) + gap * (len(rows) - 1) + m.descent("regular", size) + m.above_cap("black", big)
    if len(labels) > 4 or total > spec.height - 2 or width < 60:
        draw_list(sk, [Entry(c, label, share) for c, label, share in zip(colours, labels, shares)],
                  x, spec.width, spec.height)
        return
    top = (spec.height + total) / 2 - m.above_cap("black", big)
    fig_cap = m.cap("black", big)
    for lines, share, colour, h in zip(wrapped, shares, colours, rows):
        sk.rect(x, top - fig_cap, SWATCH, fig_cap, colour)
        sk.text(x + SWATCH + 6, top - fig_cap, share, face="black", size=big)
        sk.lines(x + SWATCH + 6, top - fig_cap - 5, lines, size=size)
        top -= h + gap

"""Share bar: one full-width bar split into the shares of a whole, shares printed inside the
parts that can hold them, and a wrapping legend (label and share) below."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from .legend import Item, draw_flow, flow_height, flow_rows
from .pies import parts
from .spec import ChartSpec

if TYPE_CHECKING:  # drawn on only when a chart is drawn, with matplotlib imported
    from .sketch import Sketch

SEPARATOR = 1.0
GAP = 7.0  # bar to legend
MIN_SIZE = 6.0


def paint(sk: Sketch, spec: ChartSpec) -> None:
    found = parts(sk, spec)
    if found is None:
        return
    labels, values, colours, shares = found
    total = sum(values, Decimal(0))
    items = [Item(c, label, share) for c, label, share in zip(colours, labels, shares)]
    size = sk.size
    # The bar takes what the legend leaves, up to 26 pt; type shrinks before the bar gets thin.
    while True:
        legend_h = flow_height(sk, len(flow_rows(sk, items, spec.width, size)), size)
        bar_h = min(26.0, spec.height - legend_h - GAP)
        if bar_h >= 12 or size - 0.5 < MIN_SIZE:
            break
        size -= 0.5
    cap = sk.m.cap("bold", size)
    drawn = [i for i, v in enumerate(values) if v > 0]
    # Shares that no ink reads on their part stand over the bar, in ink on the background.
    above = cap + 4 if any(sk.ink_on(colours[i]) is None for i in drawn) else 0.0
    bar_h = max(bar_h - above, 4.0)
    top = spec.height - above
    y = top - bar_h
    x = 0.0
    for i in drawn:
        width = float(values[i] / total) * spec.width
        gap = SEPARATOR if i != drawn[-1] else 0.0
        sk.rect(x, y, width - gap, bar_h, colours[i])
        ink = sk.ink_on(colours[i])
        fits = sk.m.width(shares[i], "bold", size) + 6 <= width - gap
        if ink and fits and bar_h >= cap + 4:
            sk.text(x + (width - gap) / 2, y + (bar_h - cap) / 2, shares[i], face="bold", size=size,
                    color=ink, ha="center")
        elif ink is None and fits:
            sk.text(x + (width - gap) / 2, top + 3, shares[i], face="bold", size=size, color=sk.look.text,
                    ha="center")
        x += width
    draw_flow(sk, items, 0.0, y - GAP, spec.width, size)

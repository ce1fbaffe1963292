"""Vertical columns, one per category: value labels on top, category labels below a baseline.

Category labels wrap inside their column's slot (up to three lines, then smaller type, then
an ellipsis), so long names never run into their neighbours.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from .spec import ChartSpec
from .text import order

if TYPE_CHECKING:  # drawn on only when a chart is drawn, with matplotlib imported
    from .sketch import Sketch

GAP = 5.0  # baseline to labels, column top to value label
MAX_LINES = 4
MIN_SIZE = 6.0
PAD = 1.5  # each side of a label inside its slot


def paint(sk: Sketch, spec: ChartSpec) -> None:
    idx = order(spec)
    if not idx or not spec.series:
        return
    m = sk.m
    values = [spec.series[0].values[i] if i < len(spec.series[0].values) else Decimal(0) for i in idx]
    slot = spec.width / len(idx)
    wrapped, size = m.fit_all([spec.labels[i] for i in idx], "regular", sk.size, slot - 2 * PAD,
                              lambda _: MAX_LINES, MIN_SIZE)
    texts = [spec.shown(v) for v in values]
    vsize = sk.size
    while vsize > MIN_SIZE and max(m.width(t, "bold", vsize) for t in texts) > slot - 2:
        vsize -= 0.5
    value_h = m.ascent("bold", vsize) + GAP
    label_h = max(sk.block_height(len(w), "regular", size) for w in wrapped) + m.descent("regular", size)
    lo, hi = min(Decimal(0), min(values)), max(Decimal(0), max(values))
    bottom = label_h + GAP + (value_h if lo < 0 else 0.0)
    scale = (spec.height - value_h - bottom) / float(hi - lo or 1)
    zero = bottom - float(lo) * scale
    width = min(slot * 0.6, 44.0)
    for col, (lines, value, text) in enumerate(zip(wrapped, values, texts)):
        mid = (col + 0.5) * slot
        height = float(value) * scale
        sk.rect(mid - width / 2, min(zero, zero + height), width, abs(height), sk.colour(0))
        base = zero + height + GAP if height >= 0 else zero + height - value_h
        sk.text(mid, base, text, face="bold", size=vsize, ha="center")
        sk.lines(mid, label_h, lines, size=size, ha="center")
    sk.line([0.0, spec.width], [zero, zero], sk.look.muted, 0.75)

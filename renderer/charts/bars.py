"""Horizontal bars: one bar per category (``bar``), or one bar split into its parts
(``stacked_bar``, e.g. Active and Resolved) with a legend above.

Values are labelled at the bar ends, so there is no value axis and no grid to read across:
only a baseline at zero. Category labels sit right-aligned left of the bars and wrap.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from .legend import Item, draw_flow
from .spec import ChartSpec
from .text import order

if TYPE_CHECKING:  # drawn on only when a chart is drawn, with matplotlib imported
    from .sketch import Sketch

LABEL_SHARE = 0.38  # of the width, at most, for category labels (they wrap beyond)
GAP = 6.0  # category label to baseline, bar end to value label
SEPARATOR = 1.0  # white gap between the parts of a stacked bar
MIN_SIZE = 6.0
MAX_SLOT = 34.0  # a category's height at most: bars at most ~20 pt thick


def paint(sk: Sketch, spec: ChartSpec) -> None:
    idx = order(spec)
    series = spec.series if spec.kind == "stacked_bar" else spec.series[:1]
    if not idx or not series:
        return
    top = spec.height
    if len(series) > 1:
        # Each part's total in the legend (counts only: percentages do not add up across
        # categories), since small parts cannot carry their own labels.
        items = [Item(sk.colour(i), s.name,
                      spec.shown(sum(s.values, Decimal(0)), "number") if spec.format == "number" else "")
                 for i, s in enumerate(series)]
        legend_top = spec.height - sk.m.above_cap("regular", sk.size)
        top = legend_top - draw_flow(sk, items, 0.0, legend_top, spec.width, sk.size) - 8
    parts = [[s.values[i] if i < len(s.values) else Decimal(0) for s in series] for i in idx]
    totals = [sum(p, Decimal(0)) for p in parts]
    # A few bars keep a bar's proportions and sit at the top rather than spread thin over
    # a tall box.
    slot = min(top / len(idx), MAX_SLOT)
    wrapped, size, label_col = _labels(sk, [spec.labels[i] for i in idx], slot, spec.width)
    # Percent parts of a whole add up to 100%, which says nothing: the bar end carries the
    # parts too small to hold their own label instead (room reserved for all of them).
    by_parts = len(series) > 1 and spec.format == "percent"
    ends = ["  ".join(spec.shown(v, "percent") for v in p if v > 0) if by_parts else spec.shown(t)
            for p, t in zip(parts, totals)]
    value_w = max(sk.m.width(t, "bold", size) for t in ends) + GAP
    lo, hi = min(Decimal(0), min(totals)), max(Decimal(0), max(totals))
    x0 = label_col + GAP + (value_w if lo < 0 else 0.0)
    scale = (spec.width - value_w - x0) / float(hi - lo or 1)
    zero = x0 - float(lo) * scale
    thickness = min(slot * (0.6 if len(series) > 1 else 0.62), 22.0)
    cap = sk.m.cap("regular", size)
    for row, (lines, part, total, end_text) in enumerate(zip(wrapped, parts, totals, ends)):
        mid = top - (row + 0.5) * slot
        sk.lines(label_col, mid + sk.block_height(len(lines), "regular", size) / 2, lines, size=size, ha="right")
        if len(series) == 1:
            length = float(total) * scale
            sk.rect(min(zero, zero + length), mid - thickness / 2, abs(length), thickness, sk.colour(0))
        else:
            length, unlabelled = _stack(sk, part, zero, mid, thickness, scale, size, spec)
            end_text = "  ".join(unlabelled) if by_parts else end_text
        end = zero + length + (GAP if length >= 0 else -GAP)
        sk.text(end, mid - cap / 2, end_text, face="bold", size=size, ha="left" if length >= 0 else "right")
    sk.line([zero, zero], [top - len(idx) * slot, top], sk.look.muted, 0.75)


def _labels(sk: Sketch, labels: list[str], slot: float, width: float) -> tuple[list[list[str]], float, float]:
    """Category labels wrapped to fit their slot's height: lines, type size, column width."""
    m = sk.m

    def lines_in_slot(size: float) -> int:
        return max(1, int((slot - m.cap("regular", size) - 2 * m.descent("regular", size))
                          // sk.leading(size)) + 1)

    natural = max(m.width(label, "regular", sk.size) for label in labels)
    wrapped, size = m.fit_all(labels, "regular", sk.size, min(natural, LABEL_SHARE * width), lines_in_slot,
                              MIN_SIZE)
    return wrapped, size, max(m.width(line, "regular", size) for w in wrapped for line in w)


def _stack(sk: Sketch, part: list[Decimal], zero: float, mid: float, thickness: float, scale: float,
           size: float, spec: ChartSpec) -> tuple[float, list[str]]:
    """The parts of one stacked bar, labelled inside where the label fits and reads; returns
    the bar's length and the labels that did not go inside."""
    x = zero
    cap = sk.m.cap("regular", size)
    drawn = [i for i, v in enumerate(part) if v > 0]
    unlabelled: list[str] = []
    for i in drawn:
        width = float(part[i]) * scale
        fill = sk.colour(i)
        gap = SEPARATOR if i != drawn[-1] else 0.0
        sk.rect(x, mid - thickness / 2, width - gap, thickness, fill)
        label = spec.shown(part[i])
        ink = sk.ink_on(fill)
        if ink and sk.m.width(label, "regular", size) + 6 <= width - gap and thickness >= cap + 4:
            sk.text(x + (width - gap) / 2, mid - cap / 2, label, size=size, color=ink, ha="center")
        else:
            unlabelled.append(label)
        x += width
    return x - zero, unlabelled

"""Donut and pie: shares of a whole, with the share printed on each slice that can hold it
and a legend (label and value) beside the circle. A donut's hole shows the total.

Slices run clockwise from twelve o'clock, largest first unless the content orders them.
More categories than palette colours are folded into one "Other" slice: a ninth colour
would no longer be told apart.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING

from .legend import Entry, draw_list
from .spec import ChartSpec
from .text import order, share_labels

if TYPE_CHECKING:  # drawn on only when a chart is drawn, with matplotlib imported
    from .sketch import Sketch

GAP = 16.0  # circle to legend
LEGEND_MAX = 210.0  # beyond this, values would float too far from their labels


def slices(sk: Sketch, spec: ChartSpec) -> tuple[list[str], list[Decimal], list[str]]:
    """Labels, non-negative values and colours, folding the tail into "Other" if needed."""
    values = spec.series[0].values if spec.series else ()
    idx = [i for i in order(spec) if i < len(values)]
    labels = [spec.labels[i] for i in idx]
    vals = [max(values[i], Decimal(0)) for i in idx]
    room = len(sk.look.series_colors)
    if len(labels) > room:
        labels = labels[:room - 1] + ["Other"]
        vals = vals[:room - 1] + [sum(vals[room - 1:], Decimal(0))]
    return labels, vals, [sk.colour(i) for i in range(len(labels))]


def parts(sk: Sketch, spec: ChartSpec) -> tuple[list[str], list[Decimal], list[str], tuple[str, ...]] | None:
    """Slices with their printed shares, or ``None`` when there is no whole to share."""
    labels, values, colours = slices(sk, spec)
    if not labels or sum(values, Decimal(0)) <= 0:
        return None
    return labels, values, colours, share_labels(tuple(values), spec.format, spec.numbers)


def paint(sk: Sketch, spec: ChartSpec) -> None:
    found = parts(sk, spec)
    if found is None:
        return
    labels, values, colours, shares = found
    total = sum(values, Decimal(0))
    diameter = min(spec.height - 4, spec.width * (0.42 if spec.width < 300 else 0.46))
    # Shares that no ink reads on their slice go outside the circle: it shrinks to make room.
    margin = _outside_margin(sk, colours, shares)
    r = diameter / 2 - margin
    cx, cy = margin + r + 1, spec.height / 2
    ring = r * 0.36 if spec.kind == "donut" else None
    _slices(sk, cx, cy, r, ring, values, total, colours, shares)
    if ring is not None and spec.format == "number":
        _centre(sk, cx, cy, r - ring, spec.shown(total, "number"))
    # Shares are on the slices that can hold them; with counts the legend repeats them all.
    notes = shares if spec.format == "number" else ("",) * len(values)
    entries = [Entry(c, label, spec.shown(v), note)
               for c, label, v, note in zip(colours, labels, values, notes)]
    x = cx + r + margin + GAP
    draw_list(sk, entries, x, min(spec.width, x + LEGEND_MAX), spec.height)


def _slices(sk: Sketch, cx: float, cy: float, r: float, ring: float | None, values: list[Decimal],
            total: Decimal, colours: list[str], shares: tuple[str, ...]) -> None:
    angle = 90.0
    size = sk.size
    cap = sk.m.cap("bold", size)
    label_r = r - ring / 2 if ring is not None else r * 0.64
    for value, colour, share in zip(values, colours, shares):
        sweep = float(value / total) * 360
        if sweep <= 0:
            continue
        # Drawn clockwise: matplotlib angles run anticlockwise, so each slice ends where it starts.
        sk.wedge(cx, cy, r, angle - sweep, angle, ring, colour, sk.look.background, 1.0)
        mid = math.radians(angle - sweep / 2)
        ink = sk.ink_on(colour)
        w = sk.m.width(share, "bold", size)
        x, y = cx + label_r * math.cos(mid), cy + label_r * math.sin(mid)
        inner = r - ring if ring is not None else 0.0
        if ink is None:  # outside, beyond the slice's middle, in ink on the background
            out = r + 3 + math.hypot(w / 2 + 2, cap / 2 + 2)
            x, y = cx + out * math.cos(mid), cy + out * math.sin(mid)
            sk.text(x, y - cap / 2, share, face="bold", size=size, color=sk.look.text, ha="center")
        elif _inside_slice((x - w / 2 - 2, y - cap / 2 - 2, x + w / 2 + 2, y + cap / 2 + 2),
                           cx, cy, inner, r, angle - sweep, angle):
            sk.text(x, y - cap / 2, share, face="bold", size=size, color=ink, ha="center")
        angle -= sweep


def _outside_margin(sk: Sketch, colours: list[str], shares: tuple[str, ...]) -> float:
    """Room around the circle for the shares that go outside it (none: no room)."""
    cap = sk.m.cap("bold", sk.size)
    outside = [math.hypot(sk.m.width(share, "bold", sk.size) / 2 + 2, cap / 2 + 2)
               for colour, share in zip(colours, shares) if sk.ink_on(colour) is None]
    return 2 * max(outside) + 3 if outside else 0.0


def _inside_slice(box: tuple[float, float, float, float], cx: float, cy: float, inner: float, outer: float,
                  start: float, end: float) -> bool:
    """Whether a label's box (with its margin) lies wholly on one slice: each corner between
    the radii and within the slice's angles (degrees, anticlockwise, start < end)."""
    x0, y0, x1, y1 = box
    for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1)):
        radius = math.hypot(x - cx, y - cy)
        if not inner <= radius <= outer:
            return False
        if end - start < 360 and (math.degrees(math.atan2(y - cy, x - cx)) - start) % 360 > end - start:
            return False
    return True


def _centre(sk: Sketch, cx: float, cy: float, hole: float, total: str) -> None:
    """The total in the hole, in the heaviest face, as the report's headline figures are."""
    size = sk.look.title_size * 1.6
    while size > sk.size and sk.m.width(total, "black", size) > hole * 1.6:
        size -= 0.5
    caption = sk.size * 0.9
    block = sk.m.cap("black", size) + 4 + sk.m.cap("regular", caption)
    top = cy + block / 2
    sk.text(cx, top - sk.m.cap("black", size), total, face="black", size=size, ha="center")
    sk.text(cx, top - block, "Total", size=caption, color=sk.look.muted, ha="center")

"""Legends shared by the chart kinds: a row of swatches that wraps, or a stacked list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # drawn on only when a chart is drawn, with matplotlib imported
    from .sketch import Sketch


SWATCH = 7.0  # a little under the cap height of 8 pt text plus its descent: reads as a bullet
GAP = 4.0  # swatch to text
SPACING = 12.0  # between two items on a row


@dataclass(frozen=True, slots=True)
class Item:
    colour: str
    label: str
    value: str = ""  # bold, after the label


def _item_width(sk: Sketch, item: Item, size: float) -> float:
    width = SWATCH + GAP + sk.m.width(item.label, "regular", size)
    if item.value:
        width += sk.m.width(" " + item.value, "bold", size)
    return width


def flow_rows(sk: Sketch, items: Sequence[Item], width: float, size: float) -> list[list[Item]]:
    """Items placed left to right, wrapping to new rows inside ``width``."""
    rows: list[list[Item]] = [[]]
    used = 0.0
    for item in items:
        w = _item_width(sk, item, size)
        if rows[-1] and used + SPACING + w > width:
            rows.append([])
            used = 0.0
        used += (SPACING if rows[-1] else 0.0) + w
        rows[-1].append(item)
    return rows


def flow_height(sk: Sketch, rows: int, size: float) -> float:
    return sk.block_height(rows, "regular", size) + sk.m.descent("regular", size)


def draw_flow(sk: Sketch, items: Sequence[Item], x: float, top: float, width: float, size: float) -> float:
    """Draw a wrapping legend whose first cap height is at ``top``; returns its height.
    Labels wider than the whole row are cut short with an ellipsis rather than overflow."""
    cap = sk.m.cap("regular", size)
    for r, row in enumerate(flow_rows(sk, items, width, size)):
        base = top - cap - r * sk.leading(size)
        cx = x
        for item in row:
            room = width - (cx - x) - SWATCH - GAP - (sk.m.width(" " + item.value, "bold", size) if item.value else 0)
            label = sk.m.truncate(item.label, "regular", size, room)
            sk.rect(cx, base + (cap - SWATCH) / 2, SWATCH, SWATCH, item.colour)
            tx = cx + SWATCH + GAP
            sk.text(tx, base, label, size=size)
            tx += sk.m.width(label, "regular", size)
            if item.value:
                # A run of its own (no leading space), so the value extracts as "20.93%".
                tx += sk.m.width(" ", "bold", size)
                sk.text(tx, base, item.value, face="bold", size=size)
                tx += sk.m.width(item.value, "bold", size)
            cx = tx + SPACING
    return flow_height(sk, len(flow_rows(sk, items, width, size)), size)


@dataclass(frozen=True, slots=True)
class Entry:
    colour: str
    label: str
    value: str  # bold
    note: str = ""  # muted, after the value (a share)


def draw_list(sk: Sketch, entries: Sequence[Entry], x: float, right: float, height: float,
              min_size: float = 6.0) -> None:
    """A legend of one row per entry, centred vertically in ``height``: the label wraps (three
    lines at most) with value and note in right-aligned columns; when that leaves the label
    too little room, the value and note go on a line of their own under it. Type shrinks
    until every row fits."""
    m, size = sk.m, sk.size
    while True:
        value_w = max(m.width(e.value, "bold", size) for e in entries)
        note_w = max(m.width(e.note, "regular", size) for e in entries)
        text_x = x + SWATCH + GAP + 2
        cols = value_w + 8 + (note_w + 8 if note_w else 0.0)
        # Values in a column beside the labels if every label then fits in two lines.
        label_w = right - text_x - cols
        wrapped = [m.wrap(e.label, "regular", size, label_w) for e in entries]
        inline = label_w >= 40 and all(len(w) <= 2 and m.width(w[0], "regular", size) <= label_w
                                       for w in wrapped)
        label_w = right - text_x - (cols if inline else 0.0)
        wrapped = [m.fit(e.label, "regular", size, label_w, 3, size)[0] for e in entries]
        counts = [len(w) + (0 if inline else 1) for w in wrapped]
        gap = size * 0.7
        total = sum(sk.block_height(n, "regular", size) for n in counts) + gap * (len(entries) - 1)
        total += m.descent("regular", size) + m.above_cap("regular", size)
        if total <= height - 2 or size - 0.5 < min_size:
            break
        size -= 0.5
    top = (height + total) / 2 - m.above_cap("regular", size)
    cap = m.cap("regular", size)
    for entry, lines, n in zip(entries, wrapped, counts):
        sk.rect(x, top - cap + (cap - SWATCH) / 2, SWATCH, SWATCH, entry.colour)
        sk.lines(text_x, top, lines, size=size)
        base = top - cap - (0.0 if inline else len(lines) * sk.leading(size))
        if inline:
            sk.text(right - (note_w + 8 if note_w else 0.0), base, entry.value, face="bold", size=size, ha="right")
            if entry.note:
                sk.text(right, base, entry.note, size=size, color=sk.look.muted, ha="right")
        else:
            sk.text(text_x, base, entry.value, face="bold", size=size)
            if entry.note:
                sk.text(text_x + m.width(entry.value + "  ", "bold", size), base, entry.note, size=size,
                        color=sk.look.muted)
        top -= sk.block_height(n, "regular", size) + gap

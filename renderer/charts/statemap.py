"""State map: the United States as a tile grid (one equal square per state, DC and PR, in the
widely used NPR-style arrangement), each tile coloured by its value in five classes of the
look's ramp, with a small legend in the empty corner of the grid.

Equal tiles make small states as readable as large ones, which a choropleth of real shapes
does not. Codes that are not on the grid ("Unknown", "VI") are listed in a note instead.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from .regions import COLS, ROWS, TILES
from .spec import ChartSpec

if TYPE_CHECKING:  # drawn on only when a chart is drawn, with matplotlib imported
    from .sketch import Sketch

GAP_RATIO = 0.08  # gap between tiles, of the tile pitch
CLASSES = 5


def breaks(values: list[Decimal], classes: int = CLASSES) -> list[Decimal]:
    """Lower bounds of up to ``classes`` classes: quantile cuts rounded to two significant
    digits, so the legend reads "250+" rather than "247.6+"; repeated bounds merge."""
    ordered = sorted(values)
    if not ordered:
        return []
    bounds = [ordered[0]]
    for k in range(1, classes):
        cut = ordered[min(len(ordered) - 1, k * len(ordered) // classes)]
        cut = _round2(cut)
        if cut > bounds[-1] and cut <= ordered[-1]:
            bounds.append(cut)
    return bounds


def _round2(v: Decimal) -> Decimal:
    if v == 0:
        return v
    exp = v.adjusted() - 1
    return v.scaleb(-exp).quantize(Decimal(1)).scaleb(exp).normalize() if exp > 0 else \
        v.quantize(Decimal(1).scaleb(exp)) if exp < 0 else v.quantize(Decimal(1))


def class_of(value: Decimal, bounds: list[Decimal]) -> int:
    return max(i for i, b in enumerate(bounds) if value >= b) if value >= bounds[0] else 0


def ramp_for(ramp: tuple[str, ...], n: int) -> list[str]:
    """``n`` colours spread over the ramp, light to dark (all of it when n is its length)."""
    if n <= 1:
        return [ramp[len(ramp) // 2]] if n == 1 else []
    return [ramp[round(i * (len(ramp) - 1) / (n - 1))] for i in range(n)]


def paint(sk: Sketch, spec: ChartSpec) -> None:
    values = spec.series[0].values if spec.series else ()
    data: dict[str, Decimal] = {}
    off_grid: list[tuple[str, Decimal]] = []
    for label, amount in zip(spec.labels, values):
        code = label.strip().upper()
        if code in TILES:
            data[code] = amount
        else:
            off_grid.append((label, amount))
    pitch = min(spec.width / COLS, spec.height / ROWS)
    tile = pitch * (1 - GAP_RATIO)
    left = (spec.width - COLS * pitch) / 2
    top = (spec.height + ROWS * pitch) / 2  # centred: a narrow box leaves height to spare
    bounds = breaks(list(data.values()))
    fills = ramp_for(sk.look.ramp, len(bounds))
    # "No data" is no fill at all: the background inside a hairline, which no class of the
    # ramp (however light) is mistaken for.
    empty = sk.look.background
    shown = set(data) | {c.strip().upper() for c in sk.look.regions if c.strip().upper() in TILES}
    tiles = []
    missing = False
    for code, (col, row) in TILES.items():
        if code not in shown:
            continue  # only the regions with data, and those the layout always draws
        x, y = left + col * pitch, top - (row + 1) * pitch + (pitch - tile)
        value = data.get(code)
        if value is not None and bounds:
            tiles.append((x, y, tile, tile, fills[class_of(value, bounds)]))
            _tile_text(sk, x, y, tile, code, value, tiles[-1][4], spec)
        else:
            missing = True
            _no_data(sk, x, y, tile)
            _tile_text(sk, x, y, tile, code, None, empty, spec, sk.look.muted)
    sk.rects(tiles)  # drawn under the text: matplotlib draws patches before text
    _legend(sk, left + pitch, top - pitch + (pitch - tile), 9 * pitch - pitch * GAP_RATIO, tile,
            bounds, fills, missing, spec)
    if off_grid:
        note = "Not on the map: " + ", ".join(f"{label} {spec.shown(v)}" for label, v in off_grid)
        size = sk.size - 1
        line = sk.m.truncate(note, "regular", size, 9 * pitch - pitch * GAP_RATIO)
        sk.text(left, top - 1.5 * pitch - sk.m.cap("regular", size) / 2 + (pitch - tile) / 2, line,
                size=size, color=sk.look.muted)


def _no_data(sk: Sketch, x: float, y: float, w: float, h: float | None = None) -> None:
    """A region without a value: the background, outlined in the grid's colour."""
    h = w if h is None else h
    inset = NO_DATA_EDGE / 2
    sk.rect(x + inset, y + inset, w - 2 * inset, h - 2 * inset, sk.look.background, edge=sk.look.muted,
            edge_width=NO_DATA_EDGE)


NO_DATA_EDGE = 0.75


def _tile_text(sk: Sketch, x: float, y: float, tile: float, code: str, value: Decimal | None,
               fill: str, spec: ChartSpec, colour: str | None = None) -> None:
    """The code, and the value under it when the tile is big enough; white or ink by contrast."""
    ink = colour or sk.ink_on(fill) or sk.look.text
    size = min(sk.size, tile * 0.36)
    cap = sk.m.cap("bold", size)
    vsize = size - 1.5
    text = spec.shown(value) if value is not None else ""
    if text and tile >= 22 and sk.m.width(text, "regular", vsize) <= tile - 3:
        block = cap + 3 + sk.m.cap("regular", vsize)
        base = y + (tile + block) / 2 - cap
        sk.text(x + tile / 2, base, code, face="bold", size=size, color=ink, ha="center")
        sk.text(x + tile / 2, base - 3 - sk.m.cap("regular", vsize), text, size=vsize, color=ink, ha="center")
    else:
        sk.text(x + tile / 2, y + (tile - cap) / 2, code, face="bold", size=size, color=ink, ha="center")


def _legend(sk: Sketch, x: float, y: float, width: float, height: float, bounds: list[Decimal],
            fills: list[str], missing: bool, spec: ChartSpec) -> None:
    """Swatches in a row with their lower bounds under them, in the grid's top-left gap; the
    "No data" swatch, when a region drawn has none, stands apart from the classes."""
    entries: list[tuple[str | None, str]] = [(fill, spec.shown(b) + "+")
                                             for b, fill in zip(bounds, fills)]
    if missing:
        entries.append((None, "No data"))
    if not entries:
        return
    size = sk.size - 1
    cap = sk.m.cap("regular", size)
    step = min(width / (len(entries) + (0.25 if missing else 0.0)), 56.0)
    swatch_h = min(9.0, height - cap - 8)
    top = y + height - (height - swatch_h - 4 - cap) / 2
    for i, (fill, label) in enumerate(entries):
        sx = x + i * step + (step * 0.25 if fill is None else 0.0)  # a gap before "No data"
        if fill is None:
            _no_data(sk, sx, top - swatch_h, step - 2, swatch_h)
        else:
            sk.rect(sx, top - swatch_h, step - 2, swatch_h, fill)
        label = sk.m.truncate(label, "regular", size, step - 2)
        sk.text(sx, top - swatch_h - 4 - cap, label, size=size, color=sk.look.muted)

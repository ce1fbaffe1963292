"""Where chart text really is: ink extents from the fonts' glyph outlines, and fills under it."""

from __future__ import annotations

import math
from functools import cache

from fontTools.ttLib import TTFont as FTFont
from matplotlib.path import Path

from renderer.charts import Op, PathOp, TextOp

from .samples import FACES, FONTS

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


@cache
def _font(name: str) -> FTFont:
    file = next(f for n, f in FACES.values() if n == name)
    return FTFont(str(FONTS / file))


def ink_box(op: TextOp) -> Box:
    """The run's bounding box (advance width; the glyphs' real top and bottom), rotated."""
    font = _font(op.font)
    glyf, cmap = font["glyf"], font.getBestCmap()
    scale = op.size / font["head"].unitsPerEm
    tops, bottoms = [0.0], [0.0]
    for ch in op.text:
        g = glyf[cmap.get(ord(ch), ".notdef")]
        if getattr(g, "numberOfContours", 0):
            tops.append(g.yMax * scale)
            bottoms.append(g.yMin * scale)
    top, bottom = max(tops), min(bottoms)
    cos, sin = math.cos(math.radians(op.angle)), math.sin(math.radians(op.angle))
    pts = [(op.x + u * cos - v * sin, op.y + u * sin + v * cos)
           for u, v in ((0, bottom), (op.width, bottom), (op.width, top), (0, top))]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def path_box(op: PathOp) -> Box:
    xs = [v for _, pts in op.segments for v in pts[0::2]]
    ys = [v for _, pts in op.segments for v in pts[1::2]]
    return min(xs), min(ys), max(xs), max(ys)


def overlaps(a: Box, b: Box, slack: float = 0.05) -> bool:
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


def inside(a: Box, outer: Box, slack: float = 0.01) -> bool:
    return a[0] >= outer[0] - slack and a[1] >= outer[1] - slack and a[2] <= outer[2] + slack \
        and a[3] <= outer[3] + slack


def texts(ops: list[Op]) -> list[TextOp]:
    return [op for op in ops if isinstance(op, TextOp)]


def mpl_path(op: PathOp) -> Path:
    verts: list[tuple[float, float]] = []
    codes: list[int] = []
    for code, pts in op.segments:
        if code == "Z":
            verts.append(verts[-1] if verts else (0.0, 0.0))
            codes.append(Path.CLOSEPOLY)
            continue
        pairs = list(zip(pts[0::2], pts[1::2]))
        verts.extend(pairs)
        codes.extend([{"M": Path.MOVETO, "L": Path.LINETO, "C": Path.CURVE4}[code]] * len(pairs))
    return Path(verts, codes)


def fill_under(ops: list[Op], op: TextOp) -> str | None:
    """The fill of the topmost path drawn before ``op`` that holds the whole text run."""
    x0, y0, x1, y1 = ink_box(op)
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    found = None
    for other in ops:
        if other is op:
            break
        if isinstance(other, PathOp) and other.fill:
            path = mpl_path(other)
            if all(path.contains_point(c) for c in corners):
                found = other.fill
    return found

"""A matplotlib renderer that records drawing operations instead of painting pixels.

matplotlib lays the chart out (wedge geometry, text alignment and rotation) and calls
``draw_path``/``draw_text`` here; each call becomes a :class:`PathOp` or :class:`TextOp` in
points. Text is measured with reportlab's metrics for the very TrueType faces the PDF embeds,
so matplotlib places every label exactly where reportlab will print it.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.colors import to_hex
from matplotlib.font_manager import FontProperties, weight_dict
from matplotlib.path import Path
from matplotlib.transforms import Transform
from matplotlib.typing import ColorType
from numpy.typing import ArrayLike
from reportlab.pdfbase import pdfmetrics

from .ops import Op, PathOp, Rect, Segment, TextOp
from .spec import ChartLook
from .text import face_metrics

JOINS = {"miter": 0, "round": 1, "bevel": 2}
CAPS = {"butt": 0, "round": 1, "projecting": 2}


def _r(v: float) -> float:
    # Rounded at record time, so a fresh drawing and its JSON copy in the cache are the
    # same numbers and a cold and a warm build write the same PDF bytes.
    return round(float(v), 3)


def face_of(prop: FontProperties) -> str:
    """Lato's faces by weight: regular (400), bold (700), black (900)."""
    weight = prop.get_weight()
    value = weight if isinstance(weight, int) else weight_dict.get(str(weight), 400)
    return "black" if value >= 800 else "bold" if value >= 600 else "regular"


class RecordingRenderer(RendererBase):
    def __init__(self, look: ChartLook, width: float, height: float) -> None:
        super().__init__()
        self.look, self.width, self.height = look, width, height
        self.ops: list[Op] = []

    # -- the canvas is points at 72 dpi, y up --------------------------------------------
    def flipy(self) -> bool:
        return False

    def points_to_pixels(self, points: ArrayLike) -> ArrayLike:
        return points

    def get_canvas_width_height(self) -> tuple[float, float]:
        return self.width, self.height

    # -- text ------------------------------------------------------------------------------
    def _font(self, prop: FontProperties) -> str:
        return self.look.font(face_of(prop))

    def get_text_width_height_descent(self, s: str, prop: FontProperties,
                                      ismath: bool | Literal["TeX"]) -> tuple[float, float, float]:
        # ismath is ignored on purpose: chart text is plain; "$5" prints as "$5".
        name, size = self._font(prop), prop.get_size_in_points()
        face = face_metrics(name)
        ascent, descent = face.ascent * size / 1000, -face.descent * size / 1000
        return float(pdfmetrics.stringWidth(s, name, size)), ascent + descent, descent

    def _get_font_height_metrics(self, prop: FontProperties) -> tuple[float, float, float]:
        # matplotlib ≥ 3.10 asks backends for line metrics through this (private) hook and
        # otherwise reads them from its own font lookup; answering here keeps reportlab's.
        name, size = self._font(prop), prop.get_size_in_points()
        face = face_metrics(name)
        return face.ascent * size / 1000, -face.descent * size / 1000, 0.0

    def draw_text(self, gc: GraphicsContextBase, x: float, y: float, s: str, prop: FontProperties,
                  angle: float, ismath: bool | Literal["TeX"] = False, mtext: object = None) -> None:
        name, size = self._font(prop), prop.get_size_in_points()
        self.ops.append(TextOp(_r(x), _r(y), s, name, _r(size), to_hex(gc.get_rgb()), _r(angle % 360),
                               _r(pdfmetrics.stringWidth(s, name, size))))

    # -- paths -----------------------------------------------------------------------------
    def draw_path(self, gc: GraphicsContextBase, path: Path, transform: Transform,
                  rgbFace: ColorType | None = None) -> None:
        segments, bounds = _segments(path, transform)
        if not segments:
            return
        width = float(gc.get_linewidth())
        stroke_rgba = gc.get_rgb()
        stroke = to_hex(stroke_rgba) if width > 0 and stroke_rgba[3] > 0 else None
        fill = to_hex(rgbFace) if rgbFace is not None and _alpha(rgbFace) > 0 else None
        if fill is None and stroke is None:
            return
        alpha = float(gc.get_alpha()) if gc.get_forced_alpha() else \
            (_alpha(rgbFace) if fill else float(stroke_rgba[3]))
        offset, dashes = gc.get_dashes()
        dash = tuple(_r(float(d)) for d in np.atleast_1d(dashes)) if dashes is not None else ()
        self.ops.append(PathOp(segments, fill, stroke, _r(width) if stroke else 0.0,
                               JOINS[gc.get_joinstyle()] if stroke else 0,
                               CAPS[gc.get_capstyle()] if stroke else 0,
                               dash, _r(offset or 0.0), _r(alpha), _clip(gc, bounds, width)))


def _alpha(colour: ColorType | None) -> float:
    if isinstance(colour, (tuple, list)) and len(colour) == 4:
        return float(colour[3])
    return 1.0


def _segments(path: Path, transform: Transform) -> tuple[tuple[Segment, ...], Rect]:
    out: list[Segment] = []
    xs: list[float] = []
    ys: list[float] = []
    last = (0.0, 0.0)
    for vertices, code in path.iter_segments(transform, remove_nans=True, simplify=False, curves=True):
        pts = [float(v) for v in vertices]
        if code == Path.CLOSEPOLY:
            out.append(("Z", ()))
            continue
        if code == Path.CURVE3:  # quadratic → cubic: PDF has only cubic Béziers
            (qx, qy), (ex, ey) = (pts[0], pts[1]), (pts[2], pts[3])
            pts = [last[0] + 2 / 3 * (qx - last[0]), last[1] + 2 / 3 * (qy - last[1]),
                   ex + 2 / 3 * (qx - ex), ey + 2 / 3 * (qy - ey), ex, ey]
            code = Path.CURVE4
        letter = {Path.MOVETO: "M", Path.LINETO: "L", Path.CURVE4: "C"}[code]
        out.append((letter, tuple(_r(p) for p in pts)))
        xs.extend(pts[0::2])
        ys.extend(pts[1::2])
        last = (pts[-2], pts[-1])
    if not xs:
        return (), (0.0, 0.0, 0.0, 0.0)
    return tuple(out), (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def _clip(gc: GraphicsContextBase, bounds: Rect, width: float) -> Rect | None:
    """The clip rectangle, or None when the path lies inside it anyway (nearly always)."""
    box = gc.get_clip_rectangle()
    if box is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in box.extents)
    bx, by, bw, bh = bounds
    pad = width / 2
    if bx - pad >= x0 and by - pad >= y0 and bx + bw + pad <= x1 and by + bh + pad <= y1:
        return None
    return _r(x0), _r(y0), _r(x1 - x0), _r(y1 - y0)

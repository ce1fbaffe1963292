"""Drawing operations: what a chart drawing records, the cache stores and a PDF form replays.

An op list is small, plain data (paths and text runs in points, origin at the chart box's
lower left), so it crosses process boundaries, sits in a JSON file and replays onto a
reportlab canvas with nothing but canvas operators: no matplotlib on a warm build.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # replay only uses a canvas it is given
    from reportlab.pdfgen.canvas import Canvas


FILL_NON_ZERO = 1  # reportlab's fillMode for PDF "f" (matplotlib fills by the nonzero rule too)

Segment = tuple[str, tuple[float, ...]]  # ("M", (x, y)), ("L", (x, y)), ("C", 6 numbers), ("Z", ())
Rect = tuple[float, float, float, float]  # x, y, width, height


@dataclass(frozen=True, slots=True)
class PathOp:
    segments: tuple[Segment, ...]
    fill: str | None = None  # "#rrggbb"
    stroke: str | None = None
    width: float = 0.0
    join: int = 0  # PDF codes: 0 miter, 1 round, 2 bevel
    cap: int = 0  # 0 butt, 1 round, 2 square
    dash: tuple[float, ...] = ()
    dash_phase: float = 0.0
    alpha: float = 1.0
    clip: Rect | None = None


@dataclass(frozen=True, slots=True)
class TextOp:
    x: float  # start of the baseline, after alignment
    y: float
    text: str
    font: str  # reportlab font name
    size: float
    color: str
    angle: float = 0.0  # degrees, anticlockwise, about (x, y)
    width: float = 0.0  # advance width, for bounds checks without the font

    def corners(self, ascent: float, descent: float) -> list[tuple[float, float]]:
        """The run's box (baseline-relative ``ascent`` up, ``descent`` down), rotated in place."""
        cos, sin = math.cos(math.radians(self.angle)), math.sin(math.radians(self.angle))
        box = [(0.0, -descent), (self.width, -descent), (self.width, ascent), (0.0, ascent)]
        return [(self.x + u * cos - v * sin, self.y + u * sin + v * cos) for u, v in box]


Op = PathOp | TextOp


# -- JSON ---------------------------------------------------------------------------------

def to_json(ops: Sequence[Op]) -> list[dict[str, Any]]:
    return [_text_json(op) if isinstance(op, TextOp) else _path_json(op) for op in ops]


def _path_json(op: PathOp) -> dict[str, Any]:
    flat: list[Any] = []
    for code, pts in op.segments:
        flat.append(code)
        flat.extend(pts)
    out: dict[str, Any] = {"p": flat}
    # Defaults are left out: most ops are plain filled rectangles.
    for key, value, default in (("f", op.fill, None), ("s", op.stroke, None), ("w", op.width, 0.0),
                                ("j", op.join, 0), ("c", op.cap, 0), ("d", list(op.dash), []),
                                ("dp", op.dash_phase, 0.0), ("a", op.alpha, 1.0),
                                ("k", list(op.clip) if op.clip else None, None)):
        if value != default:
            out[key] = value
    return out


def _text_json(op: TextOp) -> dict[str, Any]:
    out: dict[str, Any] = {"t": op.text, "x": op.x, "y": op.y, "f": op.font, "z": op.size, "c": op.color,
                           "w": op.width}
    if op.angle:
        out["r"] = op.angle
    return out


def from_json(items: Iterable[dict[str, Any]]) -> list[Op]:
    return [_text_op(d) if "t" in d else _path_op(d) for d in items]


def _text_op(d: dict[str, Any]) -> TextOp:
    return TextOp(d["x"], d["y"], d["t"], d["f"], d["z"], d["c"], d.get("r", 0.0), d.get("w", 0.0))


def _path_op(d: dict[str, Any]) -> PathOp:
    segments: list[Segment] = []
    flat, i = d["p"], 0
    while i < len(flat):
        code = flat[i]
        n = {"M": 2, "L": 2, "C": 6, "Z": 0}[code]
        segments.append((code, tuple(flat[i + 1:i + 1 + n])))
        i += 1 + n
    clip = d.get("k")
    return PathOp(tuple(segments), d.get("f"), d.get("s"), d.get("w", 0.0), d.get("j", 0), d.get("c", 0),
                  tuple(d.get("d", ())), d.get("dp", 0.0), d.get("a", 1.0),
                  (clip[0], clip[1], clip[2], clip[3]) if clip else None)


# -- replay -------------------------------------------------------------------------------

def _rgb(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255


#: Maps a drawing's #RRGGBB colour to the CMYK (0-1) the press profile prints it in.
Paint = Callable[[str], tuple[float, float, float, float]]


def _fill(canvas: Canvas, colour: str, paint: Paint | None) -> None:
    if paint is None:
        canvas.setFillColorRGB(*_rgb(colour))
    else:
        canvas.setFillColorCMYK(*paint(colour))


def _stroke(canvas: Canvas, colour: str, paint: Paint | None) -> None:
    if paint is None:
        canvas.setStrokeColorRGB(*_rgb(colour))
    else:
        canvas.setStrokeColorCMYK(*paint(colour))


def replay(ops: Sequence[Op], canvas: Canvas, x: float = 0.0, y: float = 0.0, paint: Paint | None = None) -> None:
    """Draw ``ops`` with the chart box's lower left at (x, y), in the canvas's own fonts;
    ``paint`` turns the drawing's RGB colours into the press's CMYK ones."""
    canvas.saveState()
    if x or y:
        canvas.translate(x, y)
    for op in ops:
        if isinstance(op, TextOp):
            _draw_text(op, canvas, paint)
        else:
            _draw_path(op, canvas, paint)
    canvas.restoreState()


def _draw_text(op: TextOp, canvas: Canvas, paint: Paint | None) -> None:
    canvas.setFont(op.font, op.size)
    _fill(canvas, op.color, paint)
    if not op.angle:
        canvas.drawString(op.x, op.y, op.text)
        return
    canvas.saveState()
    canvas.translate(op.x, op.y)
    canvas.rotate(op.angle)
    canvas.drawString(0, 0, op.text)
    canvas.restoreState()


def _draw_path(op: PathOp, canvas: Canvas, paint: Paint | None) -> None:
    # Every path carries its own state inside q/Q: ops stay independent, and a clipped op
    # cannot leak its clip into the next one.
    canvas.saveState()
    if op.clip:
        cx, cy, cw, ch = op.clip
        box = canvas.beginPath()
        box.rect(cx, cy, cw, ch)
        canvas.clipPath(box, stroke=0, fill=0)
    p = canvas.beginPath()
    for code, pts in op.segments:
        if code == "M":
            p.moveTo(*pts)
        elif code == "L":
            p.lineTo(*pts)
        elif code == "C":
            p.curveTo(*pts)
        else:
            p.close()
    if op.fill:
        _fill(canvas, op.fill, paint)
        if op.alpha < 1:
            canvas.setFillAlpha(op.alpha)
    if op.stroke:
        _stroke(canvas, op.stroke, paint)
        canvas.setLineWidth(op.width)
        canvas.setLineJoin(op.join)
        canvas.setLineCap(op.cap)
        if op.dash:
            canvas.setDash(list(op.dash), op.dash_phase)
        if op.alpha < 1:
            canvas.setStrokeAlpha(op.alpha)
    canvas.drawPath(p, stroke=1 if op.stroke else 0, fill=1 if op.fill else 0, fillMode=FILL_NON_ZERO)
    canvas.restoreState()

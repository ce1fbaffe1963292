"""A small walker over PDF content streams: the colours, line widths, text and images a page
actually paints, with the transformation in force, through nested form XObjects."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pypdf.generic import ContentStream, DictionaryObject

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


def multiply(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


@dataclass(frozen=True, slots=True)
class Event:
    """Something painted: ``kind`` is fill-colour, stroke-colour, colour-space, stroke, text or image."""

    kind: str
    operator: str
    values: tuple[Any, ...]
    ctm: Matrix
    line_width: float = 1.0
    fill: tuple[str, tuple[float, ...]] = ("DeviceGray", (0.0,))
    name: str = ""


@dataclass(slots=True)
class _State:
    ctm: Matrix = IDENTITY
    line_width: float = 1.0
    fill: tuple[str, tuple[float, ...]] = ("DeviceGray", (0.0,))
    fill_space: str = "DeviceGray"
    stroke_space: str = "DeviceGray"


COLOUR_OPS = {"g": ("DeviceGray", True), "G": ("DeviceGray", False), "rg": ("DeviceRGB", True),
              "RG": ("DeviceRGB", False), "k": ("DeviceCMYK", True), "K": ("DeviceCMYK", False)}


def walk(content: Any, resources: DictionaryObject | None, reader: Any, ctm: Matrix = IDENTITY,
         depth: int = 0) -> Iterator[Event]:
    """Every painting event of a content stream and the forms it draws."""
    if content is None or depth > 12:
        return
    stream = ContentStream(content, reader)
    state = _State(ctm=ctm)
    stack: list[_State] = []
    res: Any = resources.get_object() if resources is not None else DictionaryObject()
    for operands, raw_op in stream.operations:
        op: str = raw_op.decode("latin-1") if isinstance(raw_op, bytes) else str(raw_op)
        if op == "q":
            stack.append(_State(state.ctm, state.line_width, state.fill, state.fill_space, state.stroke_space))
        elif op == "Q" and stack:
            state = stack.pop()
        elif op == "cm":
            state.ctm = multiply(tuple(float(v) for v in operands), state.ctm)  # type: ignore[arg-type]
        elif op == "w":
            state.line_width = float(operands[0])
        elif op in COLOUR_OPS:
            space, is_fill = COLOUR_OPS[op]
            values = tuple(float(v) for v in operands)
            if is_fill:
                state.fill, state.fill_space = (space, values), space
            else:
                state.stroke_space = space
            yield Event("fill-colour" if is_fill else "stroke-colour", op, values, state.ctm, fill=(space, values))
        elif op in ("cs", "CS"):
            space = _space_name(operands[0], res)
            if op == "cs":
                state.fill_space = space
            else:
                state.stroke_space = space
            yield Event("colour-space", op, (space,), state.ctm)
        elif op in ("sc", "scn", "SC", "SCN"):
            space = state.fill_space if op in ("sc", "scn") else state.stroke_space
            values = tuple(float(v) for v in operands if not hasattr(v, "startswith"))
            if op in ("sc", "scn"):
                state.fill = (space, values)
            yield Event("fill-colour" if op in ("sc", "scn") else "stroke-colour", op, values, state.ctm,
                        fill=(space, values))
        elif op in ("S", "s", "B", "B*", "b", "b*"):
            yield Event("stroke", op, (), state.ctm, state.line_width)
        elif op in ("Tj", "TJ", "'", '"'):
            yield Event("text", op, (), state.ctm, fill=state.fill)
        elif op == "Do":
            yield from _xobject(str(operands[0]), res, reader, state, depth)


def _xobject(name: str, res: Any, reader: Any, state: _State, depth: int) -> Iterator[Event]:
    xobjects = res.get("/XObject")
    if xobjects is None:
        return
    xobj = xobjects.get_object().get(name)
    if xobj is None:
        return
    xobj = xobj.get_object()
    if xobj.get("/Subtype") == "/Image":
        yield Event("image", "Do", (xobj,), state.ctm, name=name)
    elif xobj.get("/Subtype") == "/Form":
        matrix = tuple(float(v) for v in xobj.get("/Matrix", IDENTITY))
        yield from walk(xobj, xobj.get("/Resources", res), reader, multiply(matrix, state.ctm), depth + 1)  # type: ignore[arg-type]


def _space_name(operand: Any, res: Any) -> str:
    name = str(operand).lstrip("/")
    spaces = res.get("/ColorSpace")
    if spaces is not None and f"/{name}" in spaces.get_object():
        value = spaces.get_object()[f"/{name}"].get_object()
        if isinstance(value, list) and value:
            kind = str(value[0]).lstrip("/")
            if kind == "ICCBased":
                n = int(value[1].get_object().get("/N", 3))
                return {1: "ICCGray", 3: "ICCRGB", 4: "ICCCMYK"}.get(n, "ICC")
            return kind
        return str(value).lstrip("/")
    return name


def scale_of(ctm: Matrix) -> float:
    """How much the transformation enlarges lengths (geometric mean of its axes)."""
    a, b, c, d, _, _ = ctm
    return float(abs(a * d - b * c) ** 0.5)


@dataclass(slots=True)
class PageEvents:
    number: int
    events: list[Event] = field(default_factory=list)

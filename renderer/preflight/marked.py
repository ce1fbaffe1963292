"""A marked-content walker: what each page paints, and whether it paints it inside tagged content
(a sequence with an MCID), inside an ``/Artifact``, or in neither; the MCIDs it carries; and the
strings it shows in each font. Form XObjects are walked where they are drawn and inherit the
marked content in force at their ``Do`` (ISO 32000-1, 14.6 and 14.7).

:mod:`walker` follows colours and widths for the press checks with pypdf; this one reads with
pikepdf, which the structure checks use too, and tracks ``BMC``/``BDC``/``EMC``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pikepdf

#: Operators that put marks on the page (text showing, path painting, shadings, XObjects).
PAINTING = frozenset({"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "BI"})
TEXT_SHOWING = frozenset({"Tj", "TJ", "'", '"'})
MAX_DEPTH = 12

ObjGen = tuple[int, int]
_Forms = tuple[ObjGen | None, ObjGen | None]


@dataclass(frozen=True, slots=True)
class Shown:
    """A string shown in a font: the font dictionary, the bytes, and whether it is rendered
    (text render mode 3 is invisible: ISO 14289-1 7.21.4.1 asks no font program for it)."""

    font: Any
    data: bytes
    rendered: bool


@dataclass(slots=True)
class PageMarks:
    """What one page's content streams do with marked content."""

    unmarked: Counter[str] = field(default_factory=Counter)   # painting outside tagged content and artifacts
    artifact_in_tagged: int = 0     # an /Artifact sequence opened inside tagged content
    tagged_in_artifact: int = 0     # an MCID sequence opened inside an /Artifact
    unbalanced: int = 0             # EMC without BMC/BDC, or sequences left open at the end
    mcids: list[int] = field(default_factory=list)                     # in the page's own streams
    form_mcids: list[tuple[ObjGen, int]] = field(default_factory=list)  # in forms with their own StructParents
    forms_drawn: Counter[ObjGen] = field(default_factory=Counter)
    forms_with_mcids: set[ObjGen] = field(default_factory=set)
    shown: list[Shown] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Mark:
    tagged: bool
    artifact: bool


@dataclass(slots=True)
class _Text:
    font: Any = None
    mode: int = 0


def walk_page(page: pikepdf.Page) -> PageMarks:
    marks = PageMarks()
    stack: list[_Mark] = []
    _walk(page.obj, page.obj.get("/Resources"), marks, stack, (None, None), 0)
    marks.unbalanced += len(stack)
    return marks


def _walk(stream: Any, resources: Any, marks: PageMarks, stack: list[_Mark], form: _Forms, depth: int) -> None:
    """``form``: the form whose /StructParents owns the MCIDs here (None: the page's), and the
    form being walked (None: the page itself)."""
    if depth > MAX_DEPTH:
        return
    try:
        instructions = pikepdf.parse_content_stream(stream)
    except pikepdf.PdfError:
        marks.unbalanced += 1
        return
    base = len(stack)
    text, saved = _Text(), []
    for item in instructions:
        if isinstance(item, pikepdf.ContentStreamInlineImage):
            _paint(marks, stack, "BI")
            continue
        operands, op = item.operands, str(item.operator)
        if op in ("BMC", "BDC"):
            _open(marks, stack, operands, resources, form)
        elif op == "EMC":
            if len(stack) > base:
                stack.pop()
            else:
                marks.unbalanced += 1
        elif op == "q":
            saved.append(_Text(text.font, text.mode))
        elif op == "Q" and saved:
            text = saved.pop()
        elif op == "Tf" and operands:
            text.font = _resource(resources, "/Font", operands[0])
        elif op == "Tr" and operands:
            text.mode = int(operands[0])
        elif op == "Do" and operands:
            _draw(operands[0], resources, marks, stack, form, depth)
        elif op in PAINTING:
            _paint(marks, stack, op)
            if op in TEXT_SHOWING:
                _record_text(marks, text, operands)
    marks.unbalanced += len(stack) - base
    del stack[base:]


def _open(marks: PageMarks, stack: list[_Mark], operands: Any, resources: Any, form: _Forms) -> None:
    tag = str(operands[0]) if operands else ""
    props = operands[1] if len(operands) > 1 else None
    if isinstance(props, pikepdf.Name):
        props = _resource(resources, "/Properties", props)
    mcid: Any = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
    inside_tagged = any(m.tagged for m in stack)
    inside_artifact = any(m.artifact for m in stack)
    artifact = tag == "/Artifact"
    tagged = mcid is not None and not artifact
    if artifact and inside_tagged:
        marks.artifact_in_tagged += 1
    if tagged and inside_artifact:
        marks.tagged_in_artifact += 1
    if tagged:
        owner, current = form
        if owner is None:
            marks.mcids.append(int(mcid))
        else:
            marks.form_mcids.append((owner, int(mcid)))
        if current is not None:
            marks.forms_with_mcids.add(current)
    stack.append(_Mark(tagged, artifact))


def _paint(marks: PageMarks, stack: list[_Mark], op: str) -> None:
    if not any(m.tagged or m.artifact for m in stack):
        marks.unmarked[op] += 1


def _record_text(marks: PageMarks, text: _Text, operands: Any) -> None:
    strings = operands[0] if operands and isinstance(operands[0], pikepdf.Array) else operands[-1:]
    data = b"".join(bytes(s) for s in strings if isinstance(s, pikepdf.String))
    if data:
        marks.shown.append(Shown(text.font, data, text.mode != 3))


def _draw(name: Any, resources: Any, marks: PageMarks, stack: list[_Mark], form: _Forms, depth: int) -> None:
    xobj = _resource(resources, "/XObject", name)
    if not isinstance(xobj, pikepdf.Stream):
        return
    if xobj.get("/Subtype") == "/Image":
        _paint(marks, stack, "Do")
        return
    if xobj.get("/Subtype") != "/Form":
        return
    key: ObjGen = xobj.objgen
    marks.forms_drawn[key] += 1
    # A form with its own /StructParents carries MCIDs that the parent tree finds through it.
    owner = key if "/StructParents" in xobj else form[0]
    _walk(xobj, xobj.get("/Resources", resources), marks, stack, (owner, key), depth + 1)


def _resource(resources: Any, kind: str, name: Any) -> Any:
    if not isinstance(resources, pikepdf.Dictionary):
        return None
    table = resources.get(kind)
    if not isinstance(table, pikepdf.Dictionary):
        return None
    return table.get(str(name))

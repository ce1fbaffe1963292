"""The structure tree as the PDF/UA checks read it: every structure element once, in document
(reading) order, with its type after role mapping, its parent, and the marked content and
objects it owns; and the parent tree, from a page's (or an annotation's) ``StructParents``
number back to the elements (ISO 32000-1, 14.7)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf

ObjGen = tuple[int, int]

#: The standard structure types of ISO 32000-1:2008, 14.8.4 (PDF/UA-1 is based on PDF 1.7).
STANDARD = frozenset("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
    H H1 H2 H3 H4 H5 H6 P L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference
    BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form""".split())
HEADING = re.compile(r"^H([1-9][0-9]*)$")
MAX_ELEMENTS = 200_000


@dataclass(slots=True)
class Element:
    """One structure element."""

    obj: Any
    raw: str                  # /S as written
    type: str                 # after the role map ('' when the mapping does not end in a standard type)
    parent: Element | None
    children: list[Element] = field(default_factory=list)
    mcids: list[tuple[ObjGen | None, int]] = field(default_factory=list)   # (page, MCID)
    objrs: list[ObjGen] = field(default_factory=list)                     # annotations and other objects

    def get(self, key: str) -> Any:
        return self.obj.get(key)

    def text(self, key: str) -> str:
        value = self.obj.get(key)
        return str(value) if isinstance(value, pikepdf.String) else ""

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def attribute(self, owner: str, key: str) -> Any:
        """The attribute ``key`` of the attribute object owned by ``owner`` (e.g. /Table /Scope)."""
        attrs = self.obj.get("/A")
        items = list(attrs) if isinstance(attrs, pikepdf.Array) else [attrs]
        for a in items:
            if isinstance(a, pikepdf.Dictionary) and a.get("/O") == owner and key in a:
                return a.get(key)
        return None


@dataclass(slots=True)
class Tree:
    root: Any
    role_map: dict[str, str]
    elements: list[Element]
    parent_tree: dict[int, Any]


def role_of(raw: str, role_map: dict[str, str]) -> tuple[str, str]:
    """The standard type ``raw`` maps to, and what is wrong with its mapping ('' if nothing):
    a standard type remapped (02-004), a circle (02-003), or no standard type at the end (02-001)."""
    if raw in STANDARD and raw in role_map:
        return raw, f"the standard type {raw} is remapped to {role_map[raw]}"
    seen = [raw]
    name = raw
    while name not in STANDARD:
        if name not in role_map:
            return "", f"{' -> '.join(seen)} does not end in a standard structure type"
        name = role_map[name]
        if name in seen:
            return "", f"circular role mapping {' -> '.join(seen + [name])}"
        seen.append(name)
    return name, ""


def read(pdf: pikepdf.Pdf) -> Tree | None:
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, pikepdf.Dictionary):
        return None
    rm = root.get("/RoleMap")
    role_map = {str(k).lstrip("/"): str(v).lstrip("/") for k, v in rm.items()} if isinstance(
        rm, pikepdf.Dictionary) else {}
    elements: list[Element] = []
    seen: set[ObjGen] = set()
    for kid in _kids(root.get("/K")):
        _element(kid, None, role_map, elements, seen)
    return Tree(root, role_map, elements, number_tree(root.get("/ParentTree")))


def _kids(k: Any) -> list[Any]:
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def _element(obj: Any, parent: Element | None, role_map: dict[str, str], out: list[Element],
             seen: set[ObjGen]) -> None:
    if not isinstance(obj, pikepdf.Dictionary) or "/S" not in obj or len(out) >= MAX_ELEMENTS:
        return
    if obj.is_indirect:
        if obj.objgen in seen:
            return  # an element reached twice (a cycle or a shared kid) is read once
        seen.add(obj.objgen)
    raw = str(obj.S).lstrip("/")
    el = Element(obj, raw, role_of(raw, role_map)[0], parent)
    out.append(el)
    if parent is not None:
        parent.children.append(el)
    page = obj.get("/Pg")
    default_page = page.objgen if isinstance(page, pikepdf.Dictionary) else None
    for kid in _kids(obj.get("/K")):
        if isinstance(kid, int) and not isinstance(kid, bool):
            el.mcids.append((default_page, int(kid)))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            pg = kid.get("/Pg")
            el.mcids.append((pg.objgen if isinstance(pg, pikepdf.Dictionary) else default_page, int(kid.MCID)))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            target = kid.get("/Obj")
            if isinstance(target, pikepdf.Object) and target.is_indirect:
                el.objrs.append(target.objgen)
        else:
            _element(kid, el, role_map, out, seen)


def number_tree(node: Any, depth: int = 0) -> dict[int, Any]:
    """A number tree's leaves (ISO 32000-1, 7.9.7), read without trusting its /Limits."""
    out: dict[int, Any] = {}
    if not isinstance(node, pikepdf.Dictionary) or depth > 32:
        return out
    nums = node.get("/Nums")
    if isinstance(nums, pikepdf.Array):
        items = list(nums)
        for key, value in zip(items[0::2], items[1::2]):
            out[int(key)] = value
    for kid in _kids(node.get("/Kids")):
        out.update(number_tree(kid, depth + 1))
    return out

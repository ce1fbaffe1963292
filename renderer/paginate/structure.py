"""The structure tree written into the PDF: the elements compose built, with the marked content
and annotations the pages gave them, the parent tree that leads back from each, and the keys
a tagged document carries (``/MarkInfo``, ``/StructParents`` and ``/Tabs`` on every page).

reportlab has no API for any of it; the objects are added to its document before it is
written, as :mod:`renderer.pdf.press` adds the OutputIntent, so the file is written once.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObjectReference, PDFString

from ..blocks.tags import Annotation, Marked, Node, Tags

PAGE_KEYS = ["StructParents", "Tabs"]  # a page dictionary's keys that reportlab does not write


def write_structure(canvas: Any, tags: Tags) -> None:
    """Add the structure tree of ``tags`` to the document ``canvas`` is writing."""
    doc = canvas._doc
    names: dict[int, str] = {}
    order: list[tuple[Node, Node | None]] = []
    _number(tags.root, None, names, order)
    for node, parent in order:
        doc.Reference(_element(node, parent, names), names[id(node)])
    parent_tree = PDFDictionary({"Nums": PDFArray(_parent_nums(tags, names))})
    root = PDFDictionary({
        "Type": PDFName("StructTreeRoot"), "K": PDFArray([PDFObjectReference(names[id(tags.root)])]),
        "ParentTree": doc.Reference(parent_tree, "StructParentTree"),
        "ParentTreeNextKey": len(tags.page_keys) + len(tags.annotations)})
    doc.Reference(root, "StructTreeRoot")
    catalog = doc.Catalog
    catalog.StructTreeRoot = PDFObjectReference("StructTreeRoot")
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})  # (/Lang and DisplayDocTitle: renderer.pdf.write)
    for page, key in zip(doc.Pages.pages, tags.page_keys):
        page.__NoDefault__ = [*type(page).__NoDefault__, *PAGE_KEYS]
        page.StructParents = key
        page.Tabs = PDFName("S")  # tab through annotations in structure order


def _number(node: Node, parent: Node | None, names: dict[int, str], order: list[tuple[Node, Node | None]]) -> None:
    """Name every element (in document order, so the file is the same each time)."""
    names[id(node)] = f"SE{len(order) + 1}"
    order.append((node, parent))
    for kid in node.kids:
        if isinstance(kid, Node):
            _number(kid, node, names, order)


def _page(index: int) -> PDFObjectReference:
    return PDFObjectReference(f"Page{index + 1}")  # reportlab's names for its pages


def _element(node: Node, parent: Node | None, names: dict[int, str]) -> PDFDictionary:
    d: dict[str, Any] = {"Type": PDFName("StructElem"), "S": PDFName(node.role)}
    d["P"] = PDFObjectReference(names[id(parent)]) if parent is not None else PDFObjectReference("StructTreeRoot")
    first = next((k.page for k in node.kids if isinstance(k, (Marked, Annotation))), None)
    if first is not None:
        d["Pg"] = _page(first)
    kids: list[Any] = []
    for kid in node.kids:
        if isinstance(kid, Node):
            kids.append(PDFObjectReference(names[id(kid)]))
        elif isinstance(kid, Marked):
            kids.append(kid.mcid if kid.page == first else PDFDictionary(
                {"Type": PDFName("MCR"), "Pg": _page(kid.page), "MCID": kid.mcid}))
        else:
            kids.append(PDFDictionary({"Type": PDFName("OBJR"), "Pg": _page(kid.page),
                                       "Obj": PDFObjectReference(f"Annot.{kid.name}")}))
    if kids:
        d["K"] = PDFArray(kids) if len(kids) > 1 else kids[0]
    if node.alt is not None:
        d["Alt"] = PDFString(node.alt)
    if node.lang is not None:
        d["Lang"] = PDFString(node.lang)
    if node.id is not None:
        d["ID"] = PDFString(node.id)
    attributes: dict[str, Any] = {}
    if node.scope is not None:
        attributes["Scope"] = PDFName(node.scope)
    if node.row_span > 1:
        attributes["RowSpan"] = node.row_span
    if node.col_span > 1:
        attributes["ColSpan"] = node.col_span
    if attributes:
        d["A"] = PDFDictionary({"O": PDFName("Table"), **attributes})
    return PDFDictionary(d)


def _parent_nums(tags: Tags, names: dict[int, str]) -> list[Any]:
    """The parent tree's number-tree entries, by key: a page's array of the element of each of
    its marked-content ids, an annotation's element."""
    entries: list[tuple[int, Any]] = [
        (key, PDFArray([PDFObjectReference(names[id(node)]) for node in nodes]))
        for key, nodes in zip(tags.page_keys, tags.pages)]
    entries += [(key, PDFObjectReference(names[id(link)])) for link, _, key in tags.annotations]
    return [item for key, value in sorted(entries, key=lambda e: e[0]) for item in (key, value)]

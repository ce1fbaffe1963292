"""The structure tree written into the PDF: the elements compose built, with the marked content
and annotations the pages gave them, the parent tree that leads back from each, and the keys
a tagged document carries (``/MarkInfo``, ``/StructParents`` and ``/Tabs`` on every page).

reportlab has no API for any of it; the objects are added to its document before it is
written, as :mod:`renderer.pdf.press` adds the OutputIntent, so the file is written once.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObject, PDFObjectReference, PDFString

from ..blocks.tags import Marked, Node, Tags

PAGE_KEYS = ["StructParents", "Tabs"]  # a page dictionary's keys that reportlab does not write
CHUNK = 512  # structure elements made at a time


def write_structure(canvas: Any, tags: Tags) -> None:
    """Add the structure tree of ``tags`` to the document ``canvas`` is writing."""
    doc = canvas._doc
    tree = _Tree(tags.root)
    count = len(tree.nodes)
    for index in range(count):
        doc.Reference(_Element(tree, index), f"SE{index + 1}")
    # reportlab numbers each object as it is registered, one after the other: element i is
    # object first + i, its reference made when it is written rather than kept for each.
    numbers = doc.idToObjectNumberAndVersion
    first, version = numbers["SE1"]
    if version != 0 or numbers[f"SE{count}"] != (first + count - 1, 0):
        raise RuntimeError("the structure elements were not numbered one after the other")
    tree.first = first
    parent_tree = PDFDictionary({"Nums": PDFArray(_parent_nums(tags, tree))})
    root = PDFDictionary({
        "Type": PDFName("StructTreeRoot"), "K": PDFArray([PDFObjectReference("SE1")]),
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


class _Tree:
    """The elements in document order (``SE1`` is the root; the same order each time, so the
    same file), each element's parent, and the references to them.

    A long report has one element per paragraph, cell and list item (71,000 at 1,000 pages):
    their bytes are made a few hundred at a time as reportlab writes them, by the rule of
    :meth:`_format`, rather than through reportlab's general dictionary formatting, which cost
    a second and a half for them."""

    def __init__(self, root: Node) -> None:
        self.nodes: list[Node] = []
        self.parents: list[int] = []  # the index of each element's parent; -1: the tree's root
        self.index: dict[int, int] = {}  # id(node) -> its index
        self.first = 0  # the object number of the first element (the others follow it)
        self._start = 0
        self._formatted: list[bytes] = []  # elements _start, _start + 1, ... as bytes
        self._pages: dict[int, str] = {}  # page index -> its reference
        self._number(root, -1)

    def _number(self, node: Node, parent: int) -> None:
        """Depth first, kids in order: document order."""
        at = len(self.nodes)
        self.index[id(node)] = at
        self.parents.append(parent)
        self.nodes.append(node)
        for kid in node.kids:
            if isinstance(kid, Node):
                self._number(kid, at)

    def element(self, index: int, document: Any) -> bytes:
        """The bytes of element ``index``, made with the next :data:`CHUNK` (reportlab writes
        them in order), so that only a few of them are held at a time."""
        at = index - self._start
        if not 0 <= at < len(self._formatted):
            self._start, at = index, 0
            self._formatted = self._format(document, index, index + CHUNK)
        return self._formatted[at]

    def _format(self, document: Any, start: int, stop: int) -> list[bytes]:
        numbers = document.idToObjectNumberAndVersion
        pages = self._pages

        def page(index: int) -> str:
            ref = pages.get(index)
            if ref is None:
                ref = pages[index] = _ref(numbers, _page(index))
            return ref

        first, index_of, parents = self.first, self.index, self.parents
        root = _ref(numbers, "StructTreeRoot")
        out: list[bytes] = []
        for at, node in enumerate(self.nodes[start:stop], start):
            on: int | None = None  # the page of the first marked content or annotation: the element's /Pg
            kids: list[str] = []
            for kid in node.kids:
                if isinstance(kid, Node):
                    kids.append(f"{first + index_of[id(kid)]} 0 R")
                    continue
                if on is None:
                    on = kid.page
                if isinstance(kid, Marked):
                    kids.append(str(kid.mcid) if kid.page == on else
                                f"<< /Type /MCR /Pg {page(kid.page)} /MCID {kid.mcid} >>")
                else:
                    annotation = _ref(numbers, "Annot." + kid.name)
                    kids.append(f"<< /Type /OBJR /Pg {page(kid.page)} /Obj {annotation} >>")
            parent = parents[at]
            parts = ["<< /Type /StructElem /S /", node.role, " /P ",
                     f"{first + parent} 0 R" if parent >= 0 else root]
            if on is not None:
                parts += " /Pg ", page(on)
            if kids:
                parts += (" /K ", kids[0]) if len(kids) == 1 else (" /K [", " ".join(kids), "]")
            if node.scope is not None or node.row_span > 1 or node.col_span > 1:
                parts.append(_table_attributes(node))
            head = "".join(parts).encode("ascii")
            if node.alt is None and node.lang is None and node.id is None:
                out.append(head + b" >>")
                continue
            texts = b"".join(b" /" + key + b" " + PDFString(value).format(document)
                             for key, value in ((b"Alt", node.alt), (b"Lang", node.lang), (b"ID", node.id))
                             if value is not None)
            out.append(head + texts + b" >>")
        return out


def _table_attributes(node: Node) -> str:
    attributes = []
    if node.scope is not None:
        attributes.append(f"/Scope /{node.scope}")
    if node.row_span > 1:
        attributes.append(f"/RowSpan {node.row_span}")
    if node.col_span > 1:
        attributes.append(f"/ColSpan {node.col_span}")
    return f" /A << /O /Table {' '.join(attributes)} >>"


class _Element(PDFObject):
    """One structure element: its bytes come from its tree (:class:`_Tree`)."""

    def __init__(self, tree: _Tree, index: int) -> None:
        self.tree, self.index = tree, index

    def format(self, document: Any) -> bytes:
        return self.tree.element(self.index, document)


def _ref(numbers: dict[str, tuple[int, int]], name: str) -> str:
    """A reference to the object reportlab registered as ``name``, as it writes one."""
    number, version = numbers[name]
    return f"{number} {version} R"


def _page(index: int) -> str:
    return f"Page{index + 1}"  # reportlab's names for its pages


def _parent_nums(tags: Tags, tree: _Tree) -> list[Any]:
    """The parent tree's number-tree entries, by key: a page's array of the element of each of
    its marked-content ids, an annotation's element. The references are given as their bytes
    (an array writes bytes as they are), known since the elements were registered."""
    first, index_of = tree.first, tree.index
    entries: list[tuple[int, Any]] = [
        (key, PDFArray([b"%d 0 R" % (first + index_of[id(node)]) for node in nodes]))
        for key, nodes in zip(tags.page_keys, tags.pages)]
    entries += [(key, b"%d 0 R" % (first + index_of[id(link)])) for link, _, key in tags.annotations]
    return [item for key, value in sorted(entries, key=lambda e: e[0]) for item in (key, value)]

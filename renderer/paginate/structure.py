"""The structure tree written into the PDF: the elements compose built, with the marked content
and annotations the pages gave them, the parent tree that leads back from each, and the keys
a tagged document carries (``/MarkInfo``, ``/StructParents`` and ``/Tabs`` on every page).

reportlab has no API for any of it; the objects are added to its document before it is
written, as :mod:`renderer.pdf.press` adds the OutputIntent, so the file is written once.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObject, PDFObjectReference, PDFString

from ..blocks.tags import Annotation, Marked, Node, Tags

PAGE_KEYS = ["StructParents", "Tabs"]  # a page dictionary's keys that reportlab does not write


def write_structure(canvas: Any, tags: Tags) -> None:
    """Add the structure tree of ``tags`` to the document ``canvas`` is writing."""
    doc = canvas._doc
    names: dict[int, str] = {}
    order: list[tuple[Node, Node | None]] = []
    _number(tags.root, None, names, order)
    for node, parent in order:
        doc.Reference(_Element(node, names[id(parent)] if parent is not None else "StructTreeRoot", names),
                      names[id(node)])
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


class _Element(PDFObject):
    """One structure element, formatted straight to bytes: a report has one per paragraph,
    cell and list item (34,000 in a long one), and reportlab's general dictionary formatting
    cost a second and a half for those."""

    def __init__(self, node: Node, parent: str, names: dict[int, str]) -> None:
        self.node, self.parent, self.names = node, parent, names

    def format(self, document: Any) -> bytes:
        numbers = document.idToObjectNumberAndVersion

        def ref(name: str) -> str:
            number, version = numbers[name]
            return f"{number} {version} R"

        node = self.node
        first = next((k.page for k in node.kids if isinstance(k, (Marked, Annotation))), None)
        kids: list[str] = []
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(ref(self.names[id(kid)]))
            elif isinstance(kid, Marked):
                kids.append(str(kid.mcid) if kid.page == first else
                            f"<< /Type /MCR /Pg {ref(_page(kid.page))} /MCID {kid.mcid} >>")
            else:
                kids.append(f"<< /Type /OBJR /Pg {ref(_page(kid.page))} /Obj {ref('Annot.' + kid.name)} >>")
        out = [f"<< /Type /StructElem /S /{node.role} /P {ref(self.parent)}"]
        if first is not None:
            out.append(f" /Pg {ref(_page(first))}")
        if kids:
            out.append(f" /K {kids[0]}" if len(kids) == 1 else f" /K [{' '.join(kids)}]")
        attributes = []
        if node.scope is not None:
            attributes.append(f"/Scope /{node.scope}")
        if node.row_span > 1:
            attributes.append(f"/RowSpan {node.row_span}")
        if node.col_span > 1:
            attributes.append(f"/ColSpan {node.col_span}")
        if attributes:
            out.append(f" /A << /O /Table {' '.join(attributes)} >>")
        head = "".join(out).encode("ascii")
        texts = b"".join(b" /" + key.encode() + b" " + PDFString(value).format(document)
                         for key, value in (("Alt", node.alt), ("Lang", node.lang), ("ID", node.id))
                         if value is not None)
        return head + texts + b" >>"


def _page(index: int) -> str:
    return f"Page{index + 1}"  # reportlab's names for its pages


def _parent_nums(tags: Tags, names: dict[int, str]) -> list[Any]:
    """The parent tree's number-tree entries, by key: a page's array of the element of each of
    its marked-content ids, an annotation's element."""
    entries: list[tuple[int, Any]] = [
        (key, PDFArray([PDFObjectReference(names[id(node)]) for node in nodes]))
        for key, nodes in zip(tags.page_keys, tags.pages)]
    entries += [(key, PDFObjectReference(names[id(link)])) for link, _, key in tags.annotations]
    return [item for key, value in sorted(entries, key=lambda e: e[0]) for item in (key, value)]

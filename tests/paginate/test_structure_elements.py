"""The structure elements' own bytes, read back and checked by qpdf (through pikepdf): text that PDF
strings must escape or re-encode (parentheses, backslashes, characters outside PDFDocEncoding,
long text), elements whose content runs over pages, links, and table cells' attributes."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from reportlab.pdfgen.canvas import Canvas

from renderer.blocks.tags import Tags
from renderer.paginate.structure import write_structure

ALT = [
    "Bars (in millions) rise \\ fall ) ( unbalanced",
    "Kinder – Schätzung: 10 000 € ≥ 5 %, 子供たち, ☃",
    "a backslash at the end \\",
    "long " * 4000,
    "tab\tand\nnewline and \r carriage return",
]


def _tagged_pdf(tmp_path: Path) -> tuple[bytes, int]:
    """A two-page tagged file, and the parent-tree key of its one link."""
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    tags = Tags(True)
    figures = [tags.add("Figure", alt=alt) for alt in ALT]
    german = tags.add("P", lang="de-DE", id="note-1")
    table = tags.add("Table")
    row = table.add("TR")
    head = row.add("TH", scope="Column", col_span=2)
    cell = row.add("TD", row_span=3)
    spread = tags.add("P")  # content on two pages: the second is a marked-content reference
    late = tags.add("P")  # content on the second page only
    link = tags.add("Link")
    for page in range(2):
        tags.begin_page(canvas)
        for node in ([*figures, german, head, cell] if page == 0 else [late]) + [spread]:
            tags.leave_artifact(canvas)
            canvas.addLiteral(tags.open(node))
            canvas.drawString(72, 700, "x")
            canvas.addLiteral("EMC")
        if page == 1:
            tags.leave_artifact(canvas)
            key = tags.annotate(canvas, link)
            canvas.linkURL("https://example.org/", (72, 72, 144, 90), relative=0)
        tags.end_page(canvas)
        canvas.showPage()
    write_structure(canvas, tags)
    canvas.save()
    assert key is not None
    return out.getvalue(), key


def _elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    found: list[pikepdf.Dictionary] = []

    def walk(node: pikepdf.Object) -> None:
        kids = node.get("/K")
        for kid in (list(kids) if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                found.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


def test_text_that_pdf_strings_escape_reads_back_as_written(tmp_path: Path) -> None:
    data, key = _tagged_pdf(tmp_path)
    pdf = pikepdf.open(io.BytesIO(data))
    elements = _elements(pdf)
    assert [str(e.S) for e in elements] == ["/Document", *["/Figure"] * len(ALT), "/P", "/Table", "/TR", "/TH",
                                            "/TD", "/P", "/P", "/Link"]
    figures = [e for e in elements if e.S == "/Figure"]
    assert [str(f.Alt) for f in figures] == ALT
    german = elements[len(ALT) + 1]
    assert str(german.Lang) == "de-DE" and str(german.ID) == "note-1"


def test_every_element_points_to_its_parent_and_its_pages(tmp_path: Path) -> None:
    data, key = _tagged_pdf(tmp_path)
    pdf = pikepdf.open(io.BytesIO(data))
    elements = _elements(pdf)
    root = pdf.Root.StructTreeRoot
    assert elements[0].P.objgen == root.objgen
    document = elements[0]
    for figure in elements[1:len(ALT) + 1]:
        assert figure.P.objgen == document.objgen
        assert figure.Pg.objgen == pdf.pages[0].obj.objgen
    mcids = [int(e.K) for e in elements[1:len(ALT) + 1]]
    assert mcids == list(range(len(ALT)))
    spread, late = elements[-3], elements[-2]
    assert late.Pg.objgen == pdf.pages[1].obj.objgen and int(late.K) == 0
    assert spread.Pg.objgen == pdf.pages[0].obj.objgen
    first, second = list(spread.K)
    assert int(first) == len(ALT) + 3  # on its first page: the bare id
    assert second.Type == "/MCR" and int(second.MCID) == 1 and second.Pg.objgen == pdf.pages[1].obj.objgen
    link = elements[-1]
    assert link.K.Type == "/OBJR" and link.K.Pg.objgen == pdf.pages[1].obj.objgen
    assert link.K.Obj.objgen == pdf.pages[1].Annots[0].objgen
    nums = list(root.ParentTree.Nums)
    parents = dict(zip((int(k) for k in nums[::2]), nums[1::2]))
    assert parents[key].objgen == link.objgen
    page_one = parents[int(pdf.pages[0].StructParents)]
    assert [p.objgen for p in page_one][:len(ALT)] == [f.objgen for f in elements[1:len(ALT) + 1]]
    assert [p.objgen for p in parents[int(pdf.pages[1].StructParents)]] == [late.objgen, spread.objgen]


def test_table_cells_carry_their_scope_and_spans(tmp_path: Path) -> None:
    data, key = _tagged_pdf(tmp_path)
    pdf = pikepdf.open(io.BytesIO(data))
    elements = _elements(pdf)
    head, cell = (e for e in elements if e.S in ("/TH", "/TD"))
    assert head.A.O == "/Table" and head.A.Scope == "/Column" and int(head.A.ColSpan) == 2
    assert "/RowSpan" not in head.A
    assert int(cell.A.RowSpan) == 3 and "/Scope" not in cell.A and "/ColSpan" not in cell.A
    assert "/A" not in elements[0]


def test_qpdf_finds_the_file_sound(tmp_path: Path) -> None:
    data, _ = _tagged_pdf(tmp_path)
    assert pikepdf.open(io.BytesIO(data)).check_pdf_syntax() == []

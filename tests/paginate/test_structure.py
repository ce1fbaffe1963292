"""The screen edition as a screen reader reads it: the structure tree read back with pikepdf and
compared with the content it was made from, and every page's content checked for painting that
is neither tagged nor an artifact."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pikepdf
import pytest

from renderer.blocks.chart import Chart
from renderer.blocks.heading import Heading
from renderer.blocks.image import Image
from renderer.blocks.table import Table
from renderer.build import Paths, render
from renderer.diagnostics import Sink
from renderer.model import load_edition
from renderer.model.block import walk
from tests.conftest import EDITION_2022, FONTS, LAYOUT, ROOT, errors_of, render_edition, set_press

from .tagged import Element, page_content, structure

EVERY_BLOCK = Path(__file__).parent / "every_block"
EDITIONS = {"2022": EDITION_2022, "2020": ROOT / "content" / "2020", "every-block": EVERY_BLOCK}


@pytest.fixture(scope="module", params=list(EDITIONS))
def tagged(request: pytest.FixtureRequest) -> tuple[Path, pikepdf.Pdf, Element]:
    root = EDITIONS[request.param]
    rendering, sink = render_edition(root)
    assert rendering is not None, errors_of(sink)
    pdf = pikepdf.open(io.BytesIO(rendering.pdf))
    return root, pdf, structure(pdf)


def _blocks(root: Path) -> list[object]:
    edition = load_edition(root, Sink())
    assert edition is not None
    return list(walk(b for page in edition.pages for b in page.blocks))


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate({0x2019: "'", 0x2018: "'", 0x201C: '"', 0x201D: '"'})).strip()


def test_the_document_says_it_is_tagged_and_in_which_language(tagged: tuple[Path, pikepdf.Pdf, Element]) -> None:
    root, pdf, _ = tagged
    assert pdf.Root.MarkInfo.Marked is True
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    assert str(pdf.Root.Lang) == load_edition(root, Sink()).manifest.language  # type: ignore[union-attr]
    with pdf.open_metadata() as xmp:
        assert xmp["pdfuaid:part"] == "1"
        assert xmp["dc:title"] == str(pdf.docinfo.Title)
        assert xmp["pdf:Producer"] == str(pdf.docinfo.Producer)
    for page in pdf.pages:
        assert page.Tabs == "/S" and isinstance(page.StructParents, int)


def test_nothing_painted_is_left_untagged_and_artifacts_never_nest_in_content(
        tagged: tuple[Path, pikepdf.Pdf, Element]) -> None:
    _, pdf, _ = tagged
    for number, page in enumerate(pdf.pages, start=1):
        content = page_content(page)
        assert content.unmarked == [], f"page {number}: painted outside marked content: {content.unmarked[:5]}"
        assert content.nested == 0, f"page {number}"
        assert content.unmapped == 0, f"page {number}: characters without a Unicode value"


def test_every_marked_sequence_leads_back_to_its_element_through_the_parent_tree(
        tagged: tuple[Path, pikepdf.Pdf, Element]) -> None:
    _, pdf, tree = tagged
    nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    parents = dict(zip(nums[::2], nums[1::2]))
    owners = {(p, m): e for e in tree.walk() for p, m in e.marked}
    for index, page in enumerate(pdf.pages):
        array = parents[int(page.StructParents)]
        mcids = [m for p, m in owners if p == index]
        assert sorted(mcids) == list(range(len(array))), f"page {index + 1}"
        for mcid in mcids:
            assert array[mcid].objgen == owners[(index, mcid)].obj.objgen


def test_headings_are_the_contents_headings_at_their_levels(tagged: tuple[Path, pikepdf.Pdf, Element]) -> None:
    root, _, tree = tagged
    expected = [(f"H{b.level}", _plain(b.text)) for b in _blocks(root) if isinstance(b, Heading)]
    found = [(e.role, _plain(e.text)) for e in tree.walk() if re.fullmatch(r"H[1-6]", e.role)]
    assert found == expected
    sections = [e for e in tree.kids if e.role == "Sect"]
    assert [s.kids[0].role for s in sections] == ["H1"] * len(sections)


def test_tables_have_their_caption_header_cells_and_rows(tagged: tuple[Path, pikepdf.Pdf, Element]) -> None:
    root, _, tree = tagged
    tables = [b for b in _blocks(root) if isinstance(b, Table)]
    elements = [e for e in tree.walk() if e.role == "Table"]
    assert len(elements) == len(tables)
    for table, element in zip(tables, elements):
        caption, head, body = element.kids
        assert (caption.role, head.role, body.role) == ("Caption", "THead", "TBody")
        assert _plain(caption.text) == _plain(table.caption)
        headers = [th for tr in head.kids for th in tr.kids]
        assert all(th.role == "TH" and th.obj.A.Scope == "/Column" for th in headers)
        labels = {_plain(th.text) for th in headers}
        assert {_plain(c.label) for c in table.columns} <= labels
        assert len(body.kids) == len(table.rows) + (1 if table.total else 0)
        first = body.kids[0].kids
        assert len(first) == len(table.columns)
        assert first[0].role == "TH" and first[0].obj.A.Scope == "/Row"
        assert _plain(first[0].text) == _plain(str(table.rows[0].cells[0]))


def test_every_chart_and_picture_is_a_figure_with_its_alternate_text(
        tagged: tuple[Path, pikepdf.Pdf, Element]) -> None:
    root, _, tree = tagged
    pictures = [b for b in _blocks(root) if isinstance(b, Chart | Image)]
    figures = [e for e in tree.walk() if e.role == "Figure"]
    assert len(figures) == len(pictures)
    for block, figure in zip(pictures, figures):
        assert figure.alt
        if isinstance(block, Image):
            assert figure.alt == block.alt
        elif block.alt is None:  # generated from the data: what it shows, by its title
            assert _plain(block.title) in _plain(figure.alt)
        assert figure.marked, "a figure with nothing drawn in it"


def test_every_link_annotation_is_in_a_link_element_with_a_description(
        tagged: tuple[Path, pikepdf.Pdf, Element]) -> None:
    _, pdf, tree = tagged
    nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    parents = dict(zip(nums[::2], nums[1::2]))
    in_tree = {a.objgen: e for e in tree.walk() for a in e.annotations}
    count = 0
    for page in pdf.pages:
        for annot in page.get("/Annots", []):
            assert annot.Subtype == "/Link"
            element = in_tree[annot.objgen]
            assert element.role == "Link"
            assert parents[int(annot.StructParent)].objgen == element.obj.objgen
            assert str(annot.Contents).strip()
            count += 1
    assert count == len(in_tree)


def test_a_figure_rows_figures_read_number_then_label() -> None:
    rendering, sink = render_edition(EVERY_BLOCK)
    assert rendering is not None, errors_of(sink)
    tree = structure(pikepdf.open(io.BytesIO(rendering.pdf)))
    texts = [_plain(e.text) for e in tree.walk() if e.role == "P"]
    at = texts.index("110,153")
    assert texts[at:at + 4] == ["110,153", "calls received", "16%", "increase from last year"]


def test_text_read_in_structure_order_keeps_the_words_apart_at_line_breaks() -> None:
    rendering, sink = render_edition(EVERY_BLOCK)
    assert rendering is not None, errors_of(sink)
    tree = structure(pikepdf.open(io.BytesIO(rendering.pdf)))
    (paragraph,) = [e for e in tree.walk() if e.role == "P" and e.text.startswith("A paragraph with")]
    assert _plain(paragraph.text) == ("A paragraph with bold, italic and a link to the example site that runs over "
                                      "more than one line, so that the space it was broken at is kept when the text "
                                      "is read aloud.")
    (link,) = paragraph.kids
    assert (link.role, link.text) == ("Link", "link to the example site")


def test_press_under_pdf_x1a_is_untagged_and_under_pdf_x4_tagged(tmp_path: Path) -> None:
    layout = tmp_path / "layout"
    shutil.copytree(LAYOUT, layout)
    files: dict[str, pikepdf.Pdf] = {}
    for standard in ("PDF/X-1a:2001", "PDF/X-4"):
        set_press(layout / "templates.yaml", f"press:\n  standard: {standard}\n"
                                             "  icc_profile: press/CGATS_TR006_300.icc\n")
        sink = Sink()
        rendering = render(Paths(EDITION_2022, layout, FONTS), sink, profile="press")
        assert rendering is not None, errors_of(sink)
        files[standard] = pikepdf.open(io.BytesIO(rendering.pdf))
    x1a, x4 = files["PDF/X-1a:2001"], files["PDF/X-4"]
    assert "/StructTreeRoot" not in x1a.Root and "/MarkInfo" not in x1a.Root  # PDF 1.3 has no tagged PDF
    assert b"BDC" not in b"".join(p.Contents.read_bytes() for p in x1a.pages)
    assert x4.pdf_version == "1.6" and x4.Root.MarkInfo.Marked is True
    with x4.open_metadata() as xmp:
        assert xmp["pdfuaid:part"] == "1" and xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
    for number, page in enumerate(x4.pages, start=1):  # crop marks and slug included
        assert page_content(page).unmarked == [], f"page {number}"
    headings = [e.role for e in structure(x4).walk() if e.role.startswith("H")]
    assert headings[:2] == ["H1", "H2"] and len(headings) == len(
        [b for b in _blocks(EDITION_2022) if isinstance(b, Heading)])

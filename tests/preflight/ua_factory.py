"""PDF/UA test PDFs: a peer's PDF/UA-1 document (Typst, from ua_sample.typ: headings, a
contents list, a table, a list, a figure with alt text, a formula, a link and a footnote), and
copies of it changed with pikepdf so that each breaks one condition."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pikepdf
from PIL import Image

SAMPLE = Path(__file__).with_name("ua_sample.typ")

Break = Callable[[pikepdf.Pdf], None]


def typst_pdf(folder: Path) -> Path:
    """The sample compiled by Typst as PDF/UA-1, with its embedded fonts only (deterministic)."""
    import typst

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sample.typ").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    Image.new("RGB", (40, 40), (10, 60, 200)).save(folder / "pic.png")
    out = folder / "sample.pdf"
    typst.compile(str(folder / "sample.typ"), output=str(out), pdf_standards=["ua-1"], ignore_system_fonts=True)
    return out


def broken(good: Path, out: Path, change: Break) -> Path:
    with pikepdf.open(good) as pdf:
        change(pdf)
        pdf.save(out, encryption=getattr(change, "encryption", None))
    return out


def elements(pdf: pikepdf.Pdf, kind: str) -> list[pikepdf.Dictionary]:
    found: list[pikepdf.Dictionary] = []

    def visit(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                visit(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.S == kind:
                found.append(node)
            visit(node.get("/K"))

    visit(pdf.Root.StructTreeRoot.K)
    return found


def append_content(pdf: pikepdf.Pdf, content: bytes) -> None:
    page = pdf.pages[0]
    page.contents_add(pikepdf.Stream(pdf, content), prepend=False)


def insert_after_first_mcid(pdf: pikepdf.Pdf, content: bytes) -> None:
    page = pdf.pages[0]
    ops = list(pikepdf.parse_content_stream(page))
    at = next(i for i, op in enumerate(ops) if str(op.operator) == "BDC") + 1
    extra = list(pikepdf.parse_content_stream(pikepdf.Stream(pdf, content)))
    page.obj.Contents = pikepdf.Stream(pdf, pikepdf.unparse_content_stream(ops[:at] + extra + ops[at:]))


def rewrite_xmp(pdf: pikepdf.Pdf, pattern: str, replacement: str) -> None:
    xml = pdf.Root.Metadata.read_bytes().decode("utf-8")
    pdf.Root.Metadata.write(re.sub(pattern, replacement, xml).encode("utf-8"))


def add_annotation(pdf: pikepdf.Pdf, subtype: str, contents: str | None) -> None:
    annot = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name(subtype),
                               Rect=pikepdf.Array([10, 10, 30, 30]))
    if contents is not None:
        annot.Contents = pikepdf.String(contents)
    pdf.pages[0].obj.Annots.append(pdf.make_indirect(annot))


def add_form(pdf: pikepdf.Pdf, content: bytes, **keys: object) -> pikepdf.Name:
    form = pikepdf.Stream(pdf, content)
    form.Type, form.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
    form.BBox = pikepdf.Array([0, 0, 10, 10])
    for key, value in keys.items():
        form[f"/{key}"] = value
    resources = pdf.pages[0].Resources
    if "/XObject" not in resources:
        resources.XObject = pikepdf.Dictionary()
    name = pikepdf.Name(f"/Fx{len(resources.XObject)}")
    resources.XObject[name] = pdf.make_indirect(form)
    return name


def first_font(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    fonts = pdf.pages[0].Resources.Font
    return fonts[sorted(fonts.keys())[0]]  # type: ignore[no-any-return]

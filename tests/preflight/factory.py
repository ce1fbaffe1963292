"""Small press PDFs made to pass every preflight check, or to break exactly one."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pypdf
from PIL import Image
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from tests.conftest import FONTS

OFFSET = 36.0


@dataclass(frozen=True)
class Spec:
    pages: int = 4
    trim: tuple[float, float] = (612, 792)
    bleed: float = 9
    boxes: bool = True
    art_box_too_big: bool = False
    odd_page_size: bool = False
    rgb_fill: bool = False
    helvetica: bool = False
    rich_black_text: bool = False
    heavy_ink: bool = False
    image: str | None = None          # "cmyk-300", "cmyk-72", "rgb-300"
    hairline: bool = False
    text_at_edge: bool = False
    intent: bool = True
    version: bool = True
    alpha: bool = False
    javascript: bool = False
    encrypt: bool = False
    link: bool = False


def _font() -> str:
    if "Lato" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Lato", str(FONTS / "Lato-Regular.ttf")))
    return "Lato"


def _image(kind: str) -> tuple[ImageReader, float]:
    """An image and the width in points that gives it the named resolution."""
    mode, ppi = kind.split("-")
    img = (Image.new("CMYK", (300, 300), (10, 60, 0, 0)) if mode == "cmyk"
           else Image.new("RGB", (300, 300), (10, 60, 200)))
    buf = io.BytesIO()
    img.save(buf, format="JPEG")
    buf.seek(0)
    return ImageReader(buf), 300 / int(ppi) * 72


def make(path: Path, spec: Spec = Spec()) -> Path:
    font = _font()
    w, h = spec.trim
    media = (w + 2 * OFFSET, h + 2 * OFFSET) if spec.boxes else (w, h)
    o = OFFSET if spec.boxes else 0.0
    kwargs = {}
    if spec.boxes:
        kwargs = {"trimBox": (o, o, o + w, o + h), "bleedBox": (o - spec.bleed, o - spec.bleed, o + w + spec.bleed,
                                                                o + h + spec.bleed)}
        if spec.art_box_too_big:
            kwargs["artBox"] = (o - 20, o - 20, o + w + 20, o + h + 20)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=media, initialFontName=font, invariant=1, pdfVersion=(1, 3), **kwargs)
    for i in range(spec.pages):
        if spec.odd_page_size and i == spec.pages - 1:
            c.setPageSize((media[0] + 20, media[1]))
            if spec.boxes:
                c.setTrimBox((o, o, o + w + 20, o + h))
                c.setBleedBox((o - spec.bleed, o - spec.bleed, o + w + 20 + spec.bleed, o + h + spec.bleed))
        _page(c, spec, font, i, o)
        c.showPage()
    c.save()
    return _finish(path, buf.getvalue(), spec)


def _page(c: Canvas, spec: Spec, font: str, i: int, o: float) -> None:
    w, h = spec.trim
    c.saveState()
    c.translate(o, o)
    c.setFillColorCMYK(0.9, 0.6, 0, 0)
    c.rect(-spec.bleed, h - 100, w + 2 * spec.bleed, 100 + spec.bleed, stroke=0, fill=1)
    c.setFillColorCMYK(0, 0, 0, 1)
    c.setFont(font, 11)
    c.drawString(60, h - 160, f"Page {i + 1}: text in 100% K, inside the safe margin.")
    c.setStrokeColorCMYK(0, 0, 0, 0.5)
    c.setLineWidth(0.5)
    c.line(60, 100, 300, 100)
    if i == 0:
        _violations(c, spec, font)
    c.restoreState()


def _violations(c: Canvas, spec: Spec, font: str) -> None:
    if spec.rgb_fill:
        c.setFillColorRGB(0.2, 0.4, 0.8)
        c.rect(60, 300, 100, 50, stroke=0, fill=1)
    if spec.helvetica:
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFont("Helvetica", 11)
        c.drawString(60, 400, "Helvetica is not embedded")
    if spec.rich_black_text:
        c.setFillColorCMYK(0.6, 0.4, 0.4, 1)
        c.setFont(font, 11)
        c.drawString(60, 420, "four-colour black text")
    if spec.heavy_ink:
        c.setFillColorCMYK(1, 1, 1, 0.5)
        c.rect(200, 300, 100, 50, stroke=0, fill=1)
    if spec.image:
        reader, width = _image(spec.image)
        c.drawImage(reader, 60, 450, width=width, height=width)
    if spec.hairline:
        c.setLineWidth(0.1)
        c.line(60, 200, 300, 200)
    if spec.text_at_edge:
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFont(font, 9)
        c.drawString(2, 300, "too close")
    if spec.alpha:
        c.setFillAlpha(0.5)
        c.setFillColorCMYK(0, 0.5, 1, 0)
        c.rect(60, 250, 100, 30, stroke=0, fill=1)
    if spec.link:
        c.linkURL("https://example.org", (60, 500, 200, 520))


def _finish(path: Path, data: bytes, spec: Spec) -> Path:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    if spec.intent:
        intent = DictionaryObject({NameObject("/Type"): NameObject("/OutputIntent"),
                                   NameObject("/S"): NameObject("/GTS_PDFX"),
                                   NameObject("/OutputConditionIdentifier"): TextStringObject("CGATS TR 001"),
                                   NameObject("/RegistryName"): TextStringObject("http://www.color.org")})
        writer._root_object[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])
    if spec.version:
        writer.add_metadata({"/GTS_PDFXVersion": "PDF/X-1a:2001", "/Trapped": NameObject("/False")})
    if spec.javascript:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
            NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('hello');")})
    if spec.encrypt:
        writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    with open(path, "wb") as fh:
        writer.write(fh)
    return path

"""Small press PDFs made to pass every preflight check, or to break exactly one."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pypdf
from PIL import Image
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject, TextStringObject
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from tests.conftest import FONTS, LAYOUT

OFFSET = 36.0

#: The identification keys as ISO 15930-1 and ISO 15930-7 give them (not the project's table).
KEYS = {"PDF/X-1a:2001": {"/GTS_PDFXVersion": "PDF/X-1:2001", "/GTS_PDFXConformance": "PDF/X-1a:2001"},
        "PDF/X-4": {"/GTS_PDFXVersion": "PDF/X-4"}}
HEADERS = {"PDF/X-1a:2001": b"%PDF-1.3", "PDF/X-4": b"%PDF-1.6"}
#: The CMYK profile the project ships, and what it says of itself.
PROFILE = LAYOUT / "press" / "CGATS_TR006_300.icc"
PROFILE_DESCRIPTION = "CGATS TR 006 (GRACoL coated #1), 300% ink, impact-report"
INFO = {"/Title": "Preflight sample", "/Author": "Test Organisation", "/Subject": "A sample for preflight",
        "/Keywords": "preflight, sample", "/Creator": "Test Organisation", "/Producer": "a test factory",
        "/CreationDate": "D:20230401000000+00'00'", "/ModDate": "D:20230401000000+00'00'"}


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
    standard: str = "PDF/X-1a:2001"   # or "PDF/X-4"
    version_keys: tuple[tuple[str, str], ...] | None = None  # other GTS_ keys than the standard's
    header: bytes | None = None      # another header than the standard's
    xmp: bool = True
    xmp_drop: tuple[str, ...] = ()   # XMP properties left out
    xmp_title: str | None = None     # an XMP title other than the Info's
    same_tags: bool = False          # two faces, each tagged AAAAAA+ as reportlab tags them
    page_group: str | None = "DeviceCMYK"  # under PDF/X-4, the group of a page with transparency
    intent_info: str | None = None   # under PDF/X-4, an Info other than the profile's description
    screen_profile: bool = False     # under PDF/X-4, an sRGB display profile in the OutputIntent


def _font() -> str:
    # reportlab's own TrueType font (the build registers "Lato" as one that tags its subsets)
    if "FactoryLato" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("FactoryLato", str(FONTS / "Lato-Regular.ttf")))
    return "FactoryLato"


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
    if spec.same_tags:
        if "LatoBoldPlain" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("LatoBoldPlain", str(FONTS / "Lato-Bold.ttf")))
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFont("LatoBoldPlain", 11)
        c.drawString(60, 380, "a second face, its subset tagged as the first")


def _finish(path: Path, data: bytes, spec: Spec) -> Path:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.pdf_header = spec.header or HEADERS[spec.standard]
    x4 = spec.standard == "PDF/X-4"
    if spec.intent:
        intent = DictionaryObject({NameObject("/Type"): NameObject("/OutputIntent"),
                                   NameObject("/S"): NameObject("/GTS_PDFX"),
                                   NameObject("/OutputConditionIdentifier"): TextStringObject(
                                       "CGATS TR 006" if x4 else "CGATS TR 001"),
                                   NameObject("/RegistryName"): TextStringObject("http://www.color.org")})
        if x4:
            profile = DecodedStreamObject()
            profile.set_data(_srgb() if spec.screen_profile else PROFILE.read_bytes())
            profile[NameObject("/N")] = NumberObject(3 if spec.screen_profile else 4)
            intent[NameObject("/DestOutputProfile")] = writer._add_object(profile)
            intent[NameObject("/Info")] = TextStringObject(spec.intent_info or PROFILE_DESCRIPTION)
        writer._root_object[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])
    keys = dict(spec.version_keys) if spec.version_keys is not None else KEYS[spec.standard]
    if spec.version:
        writer.add_metadata({**INFO, **keys, "/Trapped": NameObject("/False")})
    else:
        writer.add_metadata(INFO)
    if spec.xmp:
        stream = DecodedStreamObject()
        stream.set_data(_xmp(spec, keys).encode("utf-8"))
        stream.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
        writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    if x4 and spec.alpha and spec.page_group:
        writer.pages[0][NameObject("/Group")] = DictionaryObject({
            NameObject("/Type"): NameObject("/Group"), NameObject("/S"): NameObject("/Transparency"),
            NameObject("/CS"): NameObject("/" + spec.page_group)})
    if spec.javascript:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
            NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('hello');")})
    if spec.encrypt:
        writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def _srgb() -> bytes:
    from PIL import ImageCms

    return bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())


def _xmp(spec: Spec, keys: dict[str, str]) -> str:
    """XMP repeating INFO, with the XMP identification and ids ISO 15930-7 asks for."""
    version = keys.get("/GTS_PDFXVersion", "")
    standard = ([("pdfxid:GTS_PDFXVersion", version)] if version == "PDF/X-4" else
                [("pdfx:GTS_PDFXVersion", version), ("pdfx:GTS_PDFXConformance", keys.get("/GTS_PDFXConformance", ""))])
    props = [
        ("dc:title", f'<rdf:Alt><rdf:li xml:lang="x-default">{spec.xmp_title or INFO["/Title"]}</rdf:li></rdf:Alt>'),
        ("dc:creator", f"<rdf:Seq><rdf:li>{INFO['/Author']}</rdf:li></rdf:Seq>"),
        ("dc:description", f'<rdf:Alt><rdf:li xml:lang="x-default">{INFO["/Subject"]}</rdf:li></rdf:Alt>'),
        ("pdf:Keywords", INFO["/Keywords"]), ("pdf:Producer", INFO["/Producer"]), ("pdf:Trapped", "False"),
        ("xmp:CreatorTool", INFO["/Creator"]), ("xmp:CreateDate", "2023-04-01T00:00:00Z"),
        ("xmp:ModifyDate", "2023-04-01T00:00:00+00:00"), ("xmp:MetadataDate", "2023-04-01T00:00:00Z"),
        ("xmpMM:DocumentID", "uuid:0b0a0c0d-1111-2222-3333-444455556666"), ("xmpMM:VersionID", "1"),
        ("xmpMM:RenditionClass", "default"), *standard]
    body = "".join(f"<{k}>{v}</{k}>" for k, v in props if k not in spec.xmp_drop)
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" '
            'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" '
            'xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">'
            f"{body}</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>")

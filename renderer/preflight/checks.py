"""The checks, each as a print shop's intake would make it. Each yields (page, message)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..profiles import choose
from . import pdfx
from .model import Check, Document
from .walker import Event, scale_of

BLEED_MIN = 9.0      # 0.125 in
HAIRLINE = 0.25      # points
MIN_PPI = 300
MAX_INK = 3.0        # 300% as a fraction
TOLERANCE = 0.5

Result = Iterator[tuple[int | None, str]]


def _pages(doc: Document) -> range:
    return range(len(doc.reader.pages))


def boxes_present(doc: Document) -> Result:
    for i in _pages(doc):
        b = doc.boxes(i)
        missing = [k.strip("/") for k in ("/TrimBox", "/BleedBox") if b[k] is None]
        if missing:
            yield i + 1, f"no {' or '.join(missing)}: the printer cannot tell the finished size or the bleed"


def _inside(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    return (inner[0] >= outer[0] - TOLERANCE and inner[1] >= outer[1] - TOLERANCE and
            inner[2] <= outer[2] + TOLERANCE and inner[3] <= outer[3] + TOLERANCE)


def boxes_nested(doc: Document) -> Result:
    for i in _pages(doc):
        b = doc.boxes(i)
        chain = [(k, b[k]) for k in ("/MediaBox", "/BleedBox", "/TrimBox", "/ArtBox") if b[k] is not None]
        for (outer_name, outer), (inner_name, inner) in zip(chain, chain[1:]):
            assert outer is not None and inner is not None
            if not _inside(inner, outer):
                yield i + 1, f"{inner_name.strip('/')} {inner} is not inside {outer_name.strip('/')} {outer}"


def _trim(doc: Document, i: int) -> tuple[float, ...]:
    b = doc.boxes(i)
    box = b["/TrimBox"] or b["/CropBox"] or b["/MediaBox"]
    assert box is not None
    return box


def trim_size(doc: Document) -> Result:
    if doc.expect_trim is None:
        return
    w, h = doc.expect_trim
    for i in _pages(doc):
        x0, y0, x1, y1 = _trim(doc, i)
        if abs((x1 - x0) - w) > TOLERANCE or abs((y1 - y0) - h) > TOLERANCE:
            yield i + 1, f"trim size {x1 - x0:g} × {y1 - y0:g} pt; the order is {w:g} × {h:g} pt"


def same_size(doc: Document) -> Result:
    sizes = {(round(t[2] - t[0], 1), round(t[3] - t[1], 1)) for t in (_trim(doc, i) for i in _pages(doc))}
    if len(sizes) > 1:
        yield None, f"pages have {len(sizes)} different trim sizes: {sorted(sizes)}"


def bleed(doc: Document) -> Result:
    for i in _pages(doc):
        b = doc.boxes(i)
        trim, bleed_box = b["/TrimBox"], b["/BleedBox"]
        if trim is None or bleed_box is None:
            continue
        sides = (trim[0] - bleed_box[0], trim[1] - bleed_box[1], bleed_box[2] - trim[2], bleed_box[3] - trim[3])
        if min(sides) < BLEED_MIN - TOLERANCE:
            yield i + 1, (f"bleed is {min(sides):g} pt on its narrowest side; "
                          f"at least {BLEED_MIN:g} pt (0.125 in) needed")


def _fonts(resources: Any, seen: set[int]) -> Iterator[Any]:
    if resources is None or id(resources) in seen:
        return
    seen.add(id(resources))
    res = resources.get_object()
    for font in (res.get("/Font") or {}).values():
        yield font.get_object()
    for xobj in (res.get("/XObject") or {}).values():
        xobj = xobj.get_object()
        if xobj.get("/Subtype") == "/Form":
            yield from _fonts(xobj.get("/Resources"), seen)


def fonts_embedded(doc: Document) -> Result:
    reported: set[str] = set()
    for i in _pages(doc):
        page = doc.reader.pages[i]
        sources = [page.get("/Resources")]
        for annot in page.get("/Annots", []) or []:
            ap = annot.get_object().get("/AP")
            if ap is not None and "/N" in ap:
                normal = ap["/N"].get_object()
                sources.append(normal.get("/Resources") if hasattr(normal, "get") else None)
        for source in sources:
            for font in _fonts(source, set()):
                descriptor = _descriptor(font)
                name = str(font.get("/BaseFont", "?"))
                if name in reported:
                    continue
                if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    reported.add(name)
                    yield i + 1, f"font {name} is not embedded"


def _descriptor(font: Any) -> Any:
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    d = font.get("/FontDescriptor")
    return d.get_object() if d is not None else None


RGB_SPACES = {"DeviceRGB", "CalRGB", "ICCRGB", "RGB"}


def rgb_colour(doc: Document) -> Result:
    for i, events in enumerate(doc.events):
        ops = sorted({e.operator + (f" {e.values[0]}" if e.kind == "colour-space" else "") for e in events
                      if (e.kind in ("fill-colour", "stroke-colour") and e.fill[0] in RGB_SPACES) or
                      (e.kind == "colour-space" and e.values[0] in RGB_SPACES)})
        if ops:
            yield i + 1, f"RGB colour in the page content ({', '.join(ops)}): the press needs CMYK"


def _each(doc: Document, kind: str) -> Iterator[tuple[int, Event]]:
    """(page number, event) for every painting event of one kind."""
    for i, events in enumerate(doc.events):
        for e in events:
            if e.kind == kind:
                yield i + 1, e


def image_colour(doc: Document) -> Result:
    for page, e in _each(doc, "image"):
        space = str(e.values[0].get("/ColorSpace", "")).lstrip("/")
        if "RGB" in space or space.startswith("[") and "ICC" in space:
            yield page, f"image {e.name} is {space}; the press needs CMYK or grey"


def black_text(doc: Document) -> Result:
    for i, events in enumerate(doc.events):
        for e in events:
            if e.kind != "text":
                continue
            space, values = e.fill
            if space == "DeviceCMYK" and len(values) == 4 and values[3] >= 0.9 and min(values[:3]) > 0:
                yield i + 1, f"text in four-colour black {values}: small type must be 100% K only"
                break
            if space in RGB_SPACES and values and max(values) < 0.1:
                yield i + 1, "black text in RGB: it separates into four plates; use 100% K"
                break


def ink_limit(doc: Document) -> Result:
    for i, events in enumerate(doc.events):
        worst = max((sum(e.values) for e in events if e.kind in ("fill-colour", "stroke-colour")
                     and e.fill[0] == "DeviceCMYK" and len(e.values) == 4), default=0.0)
        if worst > MAX_INK + 0.005:
            yield i + 1, f"a colour with {worst * 100:.0f}% total ink; the limit is {MAX_INK * 100:.0f}%"


def image_resolution(doc: Document) -> Result:
    for page, e in _each(doc, "image"):
        img = e.values[0]
        a, b, c, d, _, _ = e.ctm
        width_in, height_in = (a * a + b * b) ** 0.5 / 72, (c * c + d * d) ** 0.5 / 72
        if width_in <= 0 or height_in <= 0:
            continue
        ppi = min(float(img.get("/Width", 0)) / width_in, float(img.get("/Height", 0)) / height_in)
        if ppi < MIN_PPI - 1:
            yield page, f"image {e.name} is {ppi:.0f} ppi at its placed size; {MIN_PPI} ppi needed"


def hairlines(doc: Document) -> Result:
    for i, events in enumerate(doc.events):
        thinnest = min((e.line_width * scale_of(e.ctm) for e in events if e.kind == "stroke"), default=None)
        if thinnest is not None and thinnest < HAIRLINE - 0.001:
            yield i + 1, f"a line {thinnest:.2f} pt wide; presses lose lines thinner than {HAIRLINE} pt"


def text_margin(doc: Document) -> Result:
    if doc.pdfium is None:
        return
    for i in _pages(doc):
        x0, y0, x1, y1 = _trim(doc, i)
        m = doc.safe_margin
        page = doc.pdfium[i]
        text = page.get_textpage()
        strips = ((x0, y0, x0 + m, y1), (x1 - m, y0, x1, y1), (x0, y0, x1, y0 + m), (x0, y1 - m, x1, y1))
        close = "".join(text.get_text_bounded(left=a, bottom=b, right=c, top=d) for a, b, c, d in strips).strip()
        text.close()
        page.close()
        if close:
            yield i + 1, f"text within {m:g} pt of the trim edge ('{close[:30]}'): it may be cut off"


def output_intent(doc: Document) -> Result:
    intents = doc.reader.trailer["/Root"].get("/OutputIntents")
    ok = intents is not None and any(str(x.get_object().get("/S")) == "/GTS_PDFX" and
                                     x.get_object().get("/OutputConditionIdentifier") for x in intents)
    if not ok:
        yield None, "no PDF/X OutputIntent naming the printing condition"


def pdfx_version(doc: Document) -> Result:
    info = doc.reader.trailer.get("/Info")
    info = info.get_object() if info is not None else {}
    version = str(info.get("/GTS_PDFXVersion", ""))
    if not version.startswith("PDF/X"):
        yield None, "no GTS_PDFXVersion in the document information: not identified as PDF/X"
    if str(info.get("/Trapped", "")) not in ("/True", "/False", "True", "False"):
        yield None, "no Trapped key (True or False) in the document information"


def transparency(doc: Document) -> Result:
    rules = pdfx.claimed(doc)
    version = str(pdfx.info(doc).get("/GTS_PDFXVersion", ""))
    if rules.transparency if rules is not None else version.startswith("PDF/X-4"):
        return  # PDF/X-4 allows live transparency
    name = rules.name if rules is not None else "PDF/X-1a"
    for i in _pages(doc):
        group = doc.reader.pages[i].get("/Group")
        if group is not None and str(group.get_object().get("/S")) == "/Transparency":
            yield i + 1, f"a transparency group on the page: {name} allows no transparency"
        res = doc.reader.pages[i].get("/Resources")
        for name_, gs in ((res.get_object() if res else {}).get("/ExtGState") or {}).items():
            gs = gs.get_object()
            alpha = min(float(gs.get("/CA", 1)), float(gs.get("/ca", 1)))
            blend = str(gs.get("/BM", "/Normal"))
            smask = str(gs.get("/SMask", "/None"))
            if alpha < 1 or blend not in ("/Normal", "/Compatible") or smask != "/None":
                yield i + 1, f"transparency ({name_}): {name} allows none"
        for e in doc.events[i]:
            if e.kind == "image" and "/SMask" in e.values[0]:
                yield i + 1, f"image {e.name} has a soft mask: {name} allows no transparency"


def forbidden(doc: Document) -> Result:
    reader = doc.reader
    root = reader.trailer["/Root"]
    if reader.is_encrypted:
        yield None, "the file is encrypted"
    if "/AcroForm" in root:
        yield None, "the file has form fields"
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        yield None, "the file has JavaScript"
    action = root.get("/OpenAction")
    if action is not None and hasattr(action.get_object(), "get") and action.get_object().get("/S") == "/JavaScript":
        yield None, "the file runs JavaScript when opened"
    for i in _pages(doc):
        for annot in reader.pages[i].get("/Annots", []) or []:
            a = annot.get_object().get("/A")
            if a is not None and a.get_object().get("/S") == "/JavaScript":
                yield i + 1, "a link runs JavaScript"


def page_count(doc: Document) -> Result:
    n = len(doc.reader.pages)
    if doc.saddle_stitch and n % 4:
        yield None, f"{n} pages: saddle stitching needs a multiple of 4 ({n + (-n) % 4} with blank pages)"


def link_annotations(doc: Document) -> Result:
    for i in _pages(doc):
        if doc.reader.pages[i].get("/Annots"):
            yield i + 1, "annotations (links) inside the page: they do not print and some RIPs reject them"


CHECKS: tuple[Check, ...] = (
    Check("boxes-present", "error", "TrimBox and BleedBox on every page", boxes_present),
    Check("boxes-nested", "error", "MediaBox ⊇ BleedBox ⊇ TrimBox ⊇ ArtBox", boxes_nested, press_only=False),
    Check("trim-size", "error", "trim size as ordered", trim_size),
    Check("same-size", "error", "every page the same trim size", same_size, press_only=False),
    Check("bleed", "error", "bleed of at least 0.125 in on every side", bleed),
    Check("fonts-embedded", "error", "every font embedded", fonts_embedded, press_only=False),
    Check("rgb-colour", "error", "no RGB colour in page content", rgb_colour),
    Check("image-colour", "error", "images in CMYK or grey", image_colour),
    Check("black-text", "error", "black text as 100% K only", black_text),
    Check("ink-limit", "error", "total ink at most 300%", ink_limit),
    Check("image-resolution", "error", "images at least 300 ppi at placed size", image_resolution),
    Check("hairlines", "error", "no lines thinner than 0.25 pt", hairlines),
    Check("text-margin", "error", "text clear of the trim by the safe margin", text_margin),
    Check("output-intent", "error", "a PDF/X OutputIntent", output_intent),
    Check("pdfx-version", "error", "identified as PDF/X, Trapped key set", pdfx_version),
    Check("pdfx-keys", "error", "the standard's exact version keys, PDF version and file ID", pdfx.pdfx_keys),
    Check("xmp-required", "error", "the XMP identification and keys the standard requires", pdfx.xmp_required),
    Check("info-xmp-agree", "error", "document information and XMP say the same", pdfx.info_xmp_agree),
    Check("output-profile", "error", "the OutputIntent's profile: CMYK output, as its Info and identifier say",
          pdfx.output_profile),
    Check("subset-tags", "error", "a distinct six-letter tag for every font subset", pdfx.subset_tags,
          press_only=False),
    Check("transparency", "error", "no transparency in PDF/X-1a", transparency),
    Check("blend-space", "error", "transparency blended in CMYK (a page group) under PDF/X-4", pdfx.blend_space),
    Check("no-encryption-js-forms", "error", "no encryption, JavaScript or form fields", forbidden, press_only=False),
    Check("page-count", "warning", "page count a multiple of 4 for saddle stitch", page_count),
    Check("annotations", "warning", "no annotations on press pages", link_annotations),
)


def selected(profile: str) -> Iterable[Check]:
    """The checks for the profile named ``profile``: every one when it asks for the print
    shop's intake checks, else those any PDF should pass."""
    everything = choose(profile).print_checks
    return [c for c in CHECKS if everything or not c.press_only]

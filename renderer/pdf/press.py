"""Page boxes, PDF version and PDF/X identification, as the output profile asks: reportlab has
no API for an OutputIntent, the GTS_PDFX keys, XMP metadata or a page's transparency group,
so they are added to its document before it is written.

What a standard's identification says comes from its row in ``profiles/standards.py``; the
XMP repeats the document information reportlab writes, read from the same object, so the two
cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..gate import MAX_BYTES, read_regular
from ..model.edition import Edition
from ..profiles import Geometry, OutputProfile, PressSettings
from ..profiles.standards import Standard
from ..theme.separation import describe_output_profile
from .accessible import ACCESSIBLE, identify_ua
from .xmp import Metadata

#: Without a profile, the characterization the file names (U.S. web offset, SWOP).
UNPROFILED = ("CGATS TR 001", "U.S. Web Coated (SWOP) v2 characterization data, CGATS TR 001")
#: The identifier of a printing condition no registry holds: the file must embed its profile.
CUSTOM = "Custom"


def profile_canvas_options(profile: OutputProfile, g: Geometry, edition: Edition, when: float,
                           icc: Path | None) -> dict[str, Any]:
    """reportlab Canvas options for ``profile``: none on screen; on a sheet the page boxes,
    the standard's PDF version and a ``prepare`` that writes its identification."""
    options: dict[str, Any] = {}
    if profile.page_boxes:
        options.update(trimBox=g.trim_box, bleedBox=g.bleed_box)
    if profile.pdf_version is not None:
        options["pdfVersion"] = profile.pdf_version
    pdfx, rules = profile.pdfx, profile.rules
    if pdfx is not None and rules is not None:
        intent = output_intent(pdfx, rules, icc)
        options["prepare"] = lambda canvas: identify_pdfx(canvas, edition, rules, intent, when, profile.structure)
    elif profile.structure:
        options["prepare"] = lambda canvas: identify_ua(canvas, edition, when)
    return options


@dataclass(frozen=True, slots=True)
class Intent:
    """The PDF/X OutputIntent: the printing condition the file was made for."""

    identifier: str            # OutputConditionIdentifier: a registered name, or Custom
    condition: str             # OutputCondition, in words
    registry: str              # RegistryName
    info: str                  # Info: the profile's description when there is a profile
    profile: Path | None       # DestOutputProfile, when it is embedded


def output_intent(press: PressSettings, rules: Standard, icc: Path | None) -> Intent:
    """The OutputIntent from the layout's settings and the printer's profile: the profile
    describes itself (its description, and the registered characterization it names), and
    the layout's ``output_condition`` and ``output_condition_info`` override that."""
    if icc is None:
        identifier = press.output_condition or UNPROFILED[0]
        words = press.output_condition_info or (UNPROFILED[1] if identifier == UNPROFILED[0] else identifier)
        return Intent(identifier, words, press.registry, words, None)
    description, target = describe_output_profile(icc)
    identifier = press.output_condition or target or CUSTOM
    embed = rules.embeds_profile or identifier == CUSTOM  # a custom condition is known by its profile only
    return Intent(identifier, press.output_condition_info or description, press.registry, description,
                  icc if embed else None)


def identify_pdfx(canvas: Any, edition: Edition, rules: Standard, intent: Intent, when: float,
                  tagged: bool) -> None:
    """Add the OutputIntent, the standard's keys, the XMP identification and, under a standard
    with live transparency, the pages' transparency groups to the document the canvas is
    writing. Its catalog, info and document objects are given the extra keys here, so the
    file is written once (rewriting it would cost more than the whole layout of a report)."""
    from reportlab.pdfbase import pdfdoc

    doc = canvas._doc
    catalog_class = type(doc.Catalog)
    doc.Catalog.__class__ = type("PdfxCatalog", (catalog_class,), {
        "__NoDefault__": [*catalog_class.__NoDefault__, "OutputIntents"]})
    doc.Catalog.OutputIntents = pdfdoc.PDFArray([pdfdoc.PDFDictionary(_intent_dictionary(doc, intent))])
    stamp = datetime.fromtimestamp(when, tz=UTC)

    identification = (*rules.xmp, *ACCESSIBLE) if tagged else rules.xmp
    doc.Catalog.Metadata = Metadata(doc, edition, stamp, identification, version_slot=True)
    info_class = type(doc.info)

    def format_info(self: Any, document: Any) -> bytes:
        base: bytes = info_class.format(self, document)
        keys = "".join(f"/{k} {pdfdoc.PDFString(v).format(document).decode('latin-1')} " for k, v in rules.info)
        return base.replace(b"<<", b"<< " + keys.encode("latin-1"), 1)

    doc.info.__class__ = type("PdfxInfo", (info_class,), {"format": format_info})
    _hold_to(doc, rules)


def _intent_dictionary(doc: Any, intent: Intent) -> dict[str, Any]:
    from reportlab.pdfbase import pdfdoc

    entries: dict[str, Any] = {
        "Type": pdfdoc.PDFName("OutputIntent"), "S": pdfdoc.PDFName("GTS_PDFX"),
        "OutputConditionIdentifier": pdfdoc.PDFString(intent.identifier),
        "OutputCondition": pdfdoc.PDFString(intent.condition),
        "RegistryName": pdfdoc.PDFString(intent.registry), "Info": pdfdoc.PDFString(intent.info)}
    if intent.profile is not None:
        data = read_regular(intent.profile, MAX_BYTES["ICC profile"], "ICC profile")
        stream = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"N": 4}), data, filters=[pdfdoc.PDFZCompress])
        entries["DestOutputProfile"] = doc.Reference(stream)
    return entries


def _hold_to(doc: Any, rules: Standard) -> None:
    """Keep the document to the standard's PDF version and, where the standard has live
    transparency (PDF/X-4), give every page that draws some a transparency group blending in
    CMYK, the output intent's colour space: without one a viewer or RIP blends in a space of
    its own choosing, and the soft edge of a logo shows another colour than the page.

    reportlab raises the header to PDF 1.4 whenever an opacity is set, even an opacity of 1
    (which the charts set with every colour); the standard's version is the file's, and real
    transparency under PDF/X-1a is what preflight reports."""
    from reportlab.pdfbase import pdfdoc

    document_class = type(doc)
    group = pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Group"), "S": pdfdoc.PDFName("Transparency"),
                                  "CS": pdfdoc.PDFName("DeviceCMYK")})

    def add_page(self: Any, page: Any) -> None:
        if rules.transparency and _draws_transparency(self, page):
            page_class = type(page)
            page.__class__ = type("GroupedPage", (page_class,), {"__NoDefault__": [*page_class.__NoDefault__,
                                                                                  "Group"]})
            page.Group = group
        document_class.addPage(self, page)

    def ensure_min_pdf_version(self: Any, *keys: str) -> None:
        """The version stays the standard's."""

    doc.__class__ = type("PdfxDocument", (document_class,), {
        "addPage": add_page, "ensureMinPdfVersion": ensure_min_pdf_version})


def _draws_transparency(doc: Any, page: Any) -> bool:
    """Whether ``page`` draws a picture with a soft mask or sets a constant alpha below 1."""
    xobjects = page.XObjects.dict if page.XObjects is not None else {}
    if any(getattr(doc.idToObject.get(name), "smask", None) is not None for name in xobjects):
        return True
    states = page.ExtGState.dict.values() if getattr(page, "ExtGState", None) is not None else ()
    return any(key in ("ca", "CA") and float(value) < 1 for state in states for key, value in state.dict.items())

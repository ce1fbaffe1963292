"""Page boxes, PDF version and PDF/X identification, as the output profile asks: reportlab has
no API for an OutputIntent, the GTS_PDFX keys or XMP metadata, so they are added to its
document before it is written."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

from ..gate import MAX_BYTES, read_regular
from ..model.edition import Edition
from ..profiles import Geometry, OutputProfile, PressSettings
from .accessible import identify_ua


def profile_canvas_options(profile: OutputProfile, g: Geometry, edition: Edition, when: float,
                           icc: Path | None, producer: str) -> dict[str, Any]:
    """reportlab Canvas options for ``profile``: none on screen; on a sheet the page boxes,
    the standard's PDF version and a ``prepare`` that writes its identification."""
    options: dict[str, Any] = {}
    if profile.page_boxes:
        options.update(trimBox=g.trim_box, bleedBox=g.bleed_box)
    if profile.pdf_version is not None:
        options["pdfVersion"] = profile.pdf_version
    pdfx = profile.pdfx
    if pdfx is not None:
        options["prepare"] = lambda canvas: identify_pdfx(canvas, edition, pdfx, when, icc)
    elif profile.tagged:
        options["prepare"] = lambda canvas: identify_ua(canvas, edition, when, producer)
    return options


def identify_pdfx(canvas: Any, edition: Edition, press: PressSettings, when: float, icc: Path | None) -> None:
    """Add the OutputIntent, the GTS_PDFX keys and XMP identification to the document the
    canvas is writing. reportlab has no API for them; its catalog and info objects are given
    the extra keys here, so the file is written once (rewriting it would cost more than the
    whole layout of a short report)."""
    from reportlab.pdfbase import pdfdoc

    doc = canvas._doc
    catalog_class = type(doc.Catalog)
    doc.Catalog.__class__ = type("PdfxCatalog", (catalog_class,), {
        "__NoDefault__": [*catalog_class.__NoDefault__, "OutputIntents"]})
    intent: dict[str, Any] = {
        "Type": pdfdoc.PDFName("OutputIntent"), "S": pdfdoc.PDFName("GTS_PDFX"),
        "OutputConditionIdentifier": pdfdoc.PDFString(press.output_condition),
        "OutputCondition": pdfdoc.PDFString(press.output_condition),
        "RegistryName": pdfdoc.PDFString(press.registry), "Info": pdfdoc.PDFString(press.output_condition_info)}
    if icc is not None:
        profile = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"N": 4}),
                                   read_regular(icc, MAX_BYTES["ICC profile"], "ICC profile"))
        intent["DestOutputProfile"] = doc.Reference(profile)
    doc.Catalog.OutputIntents = pdfdoc.PDFArray([pdfdoc.PDFDictionary(intent)])
    stamp = datetime.fromtimestamp(when, tz=UTC)
    doc.Catalog.Metadata = pdfdoc.PDFStream(
        pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Metadata"), "Subtype": pdfdoc.PDFName("XML")}),
        _xmp(edition, press, stamp).encode("utf-8"), filters=[])
    info_class = type(doc.info)
    extra = {"GTS_PDFXVersion": press.standard}
    if press.standard == "PDF/X-1a:2001":
        extra["GTS_PDFXConformance"] = press.standard

    def format_info(self: Any, document: Any) -> bytes:
        base: bytes = info_class.format(self, document)
        keys = "".join(f"/{k} {pdfdoc.PDFString(v).format(document).decode('latin-1')} " for k, v in extra.items())
        return base.replace(b"<<", b"<< " + keys.encode("latin-1"), 1)

    doc.info.__class__ = type("PdfxInfo", (info_class,), {"format": format_info})


def _xmp(edition: Edition, press: PressSettings, stamp: datetime) -> str:
    m = edition.manifest
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    xml = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/" xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(m.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(m.author or m.organisation)}</rdf:li></rdf:Seq></dc:creator>
   <dc:format>application/pdf</dc:format>
   <xmp:CreateDate>{when}</xmp:CreateDate>
   <xmp:ModifyDate>{when}</xmp:ModifyDate>
   <pdf:Trapped>False</pdf:Trapped>
   <pdfxid:GTS_PDFXVersion>{escape(press.standard)}</pdfxid:GTS_PDFXVersion>
   <pdfx:GTS_PDFXVersion>{escape(press.standard)}</pdfx:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return xml

"""PDF/X identification for the press profile, added once reportlab has written the file:
reportlab has no API for an OutputIntent, the GTS_PDFX keys or XMP metadata."""

from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path
from html import escape

from typing import TYPE_CHECKING

from ..model.edition import Edition
from ..theme.model import Press

if TYPE_CHECKING:
    from pypdf.generic import StreamObject


def press_canvas_options(press: Press, trim_box: tuple[float, ...], bleed_box: tuple[float, ...]) -> dict[str, object]:
    """Boxes and PDF version for the press sheet (PDF/X-1a:2001 is based on PDF 1.3)."""
    version = (1, 3) if press.standard == "PDF/X-1a:2001" else (1, 6)
    return {"trimBox": trim_box, "bleedBox": bleed_box, "pdfVersion": version}


def identify_pdfx(pdf: bytes, edition: Edition, press: Press, when: float, icc: Path | None) -> bytes:
    """Add the OutputIntent, the GTS_PDFX keys and XMP identification to a written PDF."""
    import pypdf  # only press builds pay for it
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    writer = pypdf.PdfWriter(clone_from=reader)
    intent = DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"),
        NameObject("/S"): NameObject("/GTS_PDFX"),
        NameObject("/OutputConditionIdentifier"): TextStringObject(press.output_condition),
        NameObject("/OutputCondition"): TextStringObject(press.output_condition),
        NameObject("/RegistryName"): TextStringObject(press.registry),
        NameObject("/Info"): TextStringObject(press.output_condition_info),
    })
    if icc is not None:
        from pypdf.generic import StreamObject

        profile = StreamObject()
        profile.set_data(icc.read_bytes())
        profile[NameObject("/N")] = NumberObject(4)
        intent[NameObject("/DestOutputProfile")] = writer._add_object(profile)
    writer._root_object[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])
    stamp = datetime.fromtimestamp(when, tz=timezone.utc)
    writer.add_metadata({"/GTS_PDFXVersion": press.standard, "/Trapped": NameObject("/False")})
    if press.standard == "PDF/X-1a:2001":
        writer.add_metadata({"/GTS_PDFXConformance": press.standard})
    writer._root_object[NameObject("/Metadata")] = writer._add_object(_xmp(edition, press, stamp))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _xmp(edition: Edition, press: Press, stamp: datetime) -> StreamObject:
    from pypdf.generic import NameObject, StreamObject

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
    stream = StreamObject()
    stream.set_data(xml.encode("utf-8"))
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    return stream

"""The identification of a tagged (PDF/UA-1) document: its XMP metadata, which says which part
of ISO 14289 it meets and repeats the Info dictionary's title, author, subject, keywords,
dates and producer (the standard wants the two to agree)."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import Any

from ..model.edition import Edition


def identify_ua(canvas: Any, edition: Edition, when: float, producer: str) -> None:
    """Give the document ``canvas`` is writing its XMP metadata stream."""
    from reportlab.pdfbase import pdfdoc

    doc = canvas._doc
    doc.Catalog.Metadata = pdfdoc.PDFStream(
        pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Metadata"), "Subtype": pdfdoc.PDFName("XML")}),
        xmp(edition, when, producer).encode("utf-8"), filters=[])  # uncompressed: tools read it as text


def xmp(edition: Edition, when: float, producer: str) -> str:
    m = edition.manifest
    stamp = datetime.fromtimestamp(when, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    lang = escape(m.language)
    keywords = escape(", ".join(m.keywords))
    subject = escape(m.subject or m.title)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(m.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(m.author or m.organisation)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <dc:format>application/pdf</dc:format>
   <pdf:Keywords>{keywords}</pdf:Keywords>
   <pdf:Producer>{escape(producer)}</pdf:Producer>
   <xmp:CreatorTool>{escape(m.organisation)}</xmp:CreatorTool>
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <xmp:ModifyDate>{stamp}</xmp:ModifyDate>
   <xmp:MetadataDate>{stamp}</xmp:MetadataDate>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""

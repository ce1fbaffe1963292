"""The XMP metadata packet: the document information again (read from reportlab's own info
object, so the two agree), the document's ids, its dates and the identification of the
standards the file meets (PDF/X, PDF/UA), one packet per file."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from datetime import datetime
from html import escape
from typing import Any

from reportlab.pdfbase import pdfdoc

from .. import buildid
from ..model.edition import Edition
from ..profiles.standards import NAMESPACES


class Metadata(pdfdoc.PDFObject):
    """The XMP stream, made as the file is written: the document information it repeats is set
    on reportlab's info object after the canvas is made. ``version_slot``: the place the build
    id is written (``xmpMM:VersionID``), which PDF/X-4 requires."""

    def __init__(self, doc: Any, edition: Edition, stamp: datetime, identification: Sequence[tuple[str, str]],
                 version_slot: bool) -> None:
        self.doc, self.edition, self.stamp = doc, edition, stamp
        self.identification, self.version_slot = tuple(identification), version_slot

    def format(self, document: Any) -> bytes:
        packet = xmp(self.doc.info, self.edition, self.stamp, self.identification, self.version_slot)
        stream = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Metadata"),
                                                        "Subtype": pdfdoc.PDFName("XML")}),
                                  packet.encode("utf-8"), filters=[])  # uncompressed: tools read it as text
        formatted: bytes = stream.format(document)
        return formatted


def document_id(edition: Edition) -> str:
    """``xmpMM:DocumentID``: the same for every build and rendition of one report (its
    organisation, title and year), another for another report."""
    m = edition.manifest
    digest = hashlib.sha256(f"{m.organisation}\n{m.title}\n{m.year}".encode()).hexdigest()[:32]
    return f"uuid:{uuid.UUID(digest)}"


def xmp(info: Any, edition: Edition, stamp: datetime, identification: Sequence[tuple[str, str]],
        version_slot: bool) -> str:
    """The XMP packet: the document information (from reportlab's own info object, so the two
    agree), the ids, the rendition class, the dates and the standard's identification."""
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = [
        f"<dc:title>{_alt(info.title)}</dc:title>",
        f"<dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>",
        f"<dc:description>{_alt(info.subject)}</dc:description>",
        "<dc:format>application/pdf</dc:format>",
        f"<pdf:Keywords>{escape(info.keywords)}</pdf:Keywords>",
        f"<pdf:Producer>{escape(info.producer)}</pdf:Producer>",
        f"<pdf:Trapped>{escape(info.trapped)}</pdf:Trapped>",
        f"<xmp:CreatorTool>{escape(info.creator)}</xmp:CreatorTool>",
        f"<xmp:CreateDate>{when}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{when}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{when}</xmp:MetadataDate>",
        f"<xmpMM:DocumentID>{document_id(edition)}</xmpMM:DocumentID>",
        *([buildid.xmp_slot(buildid.BLANK)] if version_slot else []),
        "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>",
        *(f"<{key}>{escape(value)}</{key}>" for key, value in identification),
    ]
    prefixes = sorted({line[1:line.index(":")] for line in lines})
    declared = "\n".join(f'xmlns:{p}="{NAMESPACES[p]}"' for p in prefixes)
    body = "\n".join(lines)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="{NAMESPACES['rdf']}">
<rdf:Description rdf:about=""
{declared}>
{body}
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


def _alt(text: str) -> str:
    return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'



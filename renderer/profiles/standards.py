"""The PDF/X standards a press file may claim, one row each, with the values the standard
itself prescribes: the PDF writer writes a file's identification from its row and preflight
reads a file against it. A standard added is a row here and a name allowed for ``standard:``
in ``theme/model.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

#: XMP namespaces the identification uses, by the prefix it is written with.
NAMESPACES: dict[str, str] = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfx": "http://ns.adobe.com/pdfx/1.3/",        # Adobe's, for PDF/X-1a and X-3
    "pdfxid": "http://www.npes.org/pdfx/ns/id/",    # ISO 15930-7's, for PDF/X-4
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",   # ISO 14289-1's, for PDF/UA
}

#: The XMP properties that repeat a document-information key, so both must say the same
#: (ISO 15930-7 6.7.2; the same pairs as ISO 19005's, which Acrobat applies to PDF/X).
INFO_IN_XMP: dict[str, str] = {
    "Title": "dc:title", "Author": "dc:creator", "Subject": "dc:description", "Keywords": "pdf:Keywords",
    "Creator": "xmp:CreatorTool", "Producer": "pdf:Producer", "CreationDate": "xmp:CreateDate",
    "ModDate": "xmp:ModifyDate", "Trapped": "pdf:Trapped",
}


@dataclass(frozen=True, slots=True)
class Standard:
    """One PDF/X standard: how a conforming file says so, and what it may hold."""

    name: str                              # as ``standard:`` in layout/templates.yaml names it
    pdf_version: tuple[int, int]           # the PDF version it is based on: the header's
    info: tuple[tuple[str, str], ...]      # document-information keys and their exact values
    xmp: tuple[tuple[str, str], ...]       # XMP properties and their exact values
    xmp_required: tuple[str, ...]          # further XMP properties a conforming file carries
    transparency: bool                     # live transparency allowed (else flattened)
    embeds_profile: bool                   # the OutputIntent must embed the output profile
    tagged: bool                           # its PDF version has tagged PDF: the file is tagged (PDF/UA-1)


#: ISO 15930-1:2001 (PDF/X-1a:2001): PDF 1.3, no transparency; the version key names PDF/X-1
#: and the conformance key its level a. XMP is not required; Acrobat's pdfx namespace mirrors
#: the two keys when it is written.
PDFX_1A_2001 = Standard(
    name="PDF/X-1a:2001", pdf_version=(1, 3),
    info=(("GTS_PDFXVersion", "PDF/X-1:2001"), ("GTS_PDFXConformance", "PDF/X-1a:2001")),
    xmp=(("pdfx:GTS_PDFXVersion", "PDF/X-1:2001"), ("pdfx:GTS_PDFXConformance", "PDF/X-1a:2001")),
    xmp_required=(), transparency=False, embeds_profile=False, tagged=False)

#: ISO 15930-7:2010 (PDF/X-4): PDF 1.6, live transparency, the output profile embedded, and
#: XMP metadata with the version, the document's ids, its rendition class and its dates.
PDFX_4 = Standard(
    name="PDF/X-4", pdf_version=(1, 6),
    info=(("GTS_PDFXVersion", "PDF/X-4"),),
    xmp=(("pdfxid:GTS_PDFXVersion", "PDF/X-4"),),
    xmp_required=("xmpMM:DocumentID", "xmpMM:VersionID", "xmpMM:RenditionClass", "xmp:CreateDate",
                  "xmp:ModifyDate", "xmp:MetadataDate", "dc:title", "pdf:Trapped"),
    transparency=True, embeds_profile=True, tagged=True)

#: Every standard by the name the layout gives it.
STANDARDS: dict[str, Standard] = {s.name: s for s in (PDFX_1A_2001, PDFX_4)}


def identify(version: str, conformance: str | None) -> Standard | None:
    """The standard a file claims by its ``GTS_PDFXVersion`` and ``GTS_PDFXConformance``."""
    for standard in STANDARDS.values():
        keys = dict(standard.info)
        if keys["GTS_PDFXVersion"] == version and keys.get("GTS_PDFXConformance") in (None, conformance):
            return standard
    return None

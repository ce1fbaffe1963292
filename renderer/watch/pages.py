"""The pages of a rendering as screen pictures, and which of them changed since the last.

A page's picture is compared by a digest of its pixels, not of its PDF objects: a new glyph
in one page's text renumbers the font subset's codes on later pages, whose content streams
then differ while nothing on them looks different. Only pages whose pixels changed are
encoded again (and fetched again by the preview).

pdfium is not thread-safe: these run on the watch's main thread only; the server's threads
hand out the PNG bytes made here.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image

from ..review.raster import render_page

SCREEN_DPI = 96  # a CSS pixel is 1/96 inch: a page shown at 100% is one picture pixel per CSS pixel


@dataclass(frozen=True, slots=True)
class PagePicture:
    digest: str     # of the pixels
    png: bytes
    width: float    # the page's size in points
    height: float
    label: str      # as a viewer names it (the printed folio, "Cover")


def picture_pages(pdf: bytes, before: Sequence[PagePicture] = ()) -> tuple[PagePicture, ...]:
    """Every page of ``pdf``; a page whose pixels equal the same page's in ``before`` is that
    page's picture again (its PNG is not encoded twice)."""
    doc = pdfium.PdfDocument(pdf)
    try:
        out = []
        for i in range(len(doc)):
            pixels = render_page(doc, i, SCREEN_DPI)
            h = hashlib.sha256(str(pixels.shape).encode())
            h.update(pixels.tobytes())
            digest = h.hexdigest()[:16]
            if i < len(before) and before[i].digest == digest:
                out.append(before[i])
                continue
            width, height = doc[i].get_size()
            buffer = io.BytesIO()
            Image.fromarray(pixels).save(buffer, "PNG", compress_level=1)  # speed over size: it goes over loopback
            out.append(PagePicture(digest, buffer.getvalue(), width, height, doc.get_page_label(i) or str(i + 1)))
        return tuple(out)
    finally:
        doc.close()


def changed_pages(before: Sequence[PagePicture], after: Sequence[PagePicture]) -> tuple[int, ...]:
    """1-based numbers of the pages of ``after`` that look different from (or were not in)
    ``before``."""
    return tuple(i + 1 for i, page in enumerate(after) if i >= len(before) or before[i].digest != page.digest)

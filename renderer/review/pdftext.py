"""The words on each page, and the running heads and folios kept apart from them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from ..layoutmap import BlockPlace, LayoutMap

BAND = 0.07  # without a layout map: the top and bottom 7% of a page hold running heads and folios


@dataclass(frozen=True, slots=True)
class PageText:
    index: int          # 0-based physical page
    body: str           # the page's text without running heads and folios
    furniture: str      # the running heads and folios
    width: float
    height: float

    @property
    def fingerprint(self) -> str:
        return " ".join(self.body.split())


def read_texts(pdf: Path, layout: LayoutMap | None) -> list[PageText]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        out = []
        for i in range(len(doc)):
            page = doc[i]
            width, height = page.get_size()
            text = page.get_textpage()
            top, bottom = _body_band(i, width, height, layout, page)
            body = _by_block(text, text.get_text_bounded(left=0, bottom=bottom, right=width, top=top),
                             layout.pages[i].blocks if layout is not None and i < len(layout.pages) else ())
            furniture = (text.get_text_bounded(left=0, bottom=0, right=width, top=bottom) + " " +
                         text.get_text_bounded(left=0, bottom=top, right=width, top=height))
            out.append(PageText(i, body, furniture, width, height))
            text.close()
            page.close()
        return out
    finally:
        doc.close()


def _by_block(text: pdfium.PdfTextPage, body: str, blocks: Sequence[BlockPlace]) -> str:
    """The body as each block's text, blocks apart by a blank line, so that a sentence never
    runs from a figure's label into the next paragraph; the body as it is when the blocks do
    not hold every word of it (nothing on the page may go uncompared)."""
    parts = [text.get_text_bounded(left=b.bbox[0] - 1, bottom=b.bbox[1] - 1, right=b.bbox[2] + 1, top=b.bbox[3] + 1)
             for b in blocks if not b.parent]
    joined = "\n\n".join(" ".join(p.split()) for p in parts if p.strip())
    return joined if sorted(joined.split()) == sorted(body.split()) else body


def _body_band(i: int, width: float, height: float, layout: LayoutMap | None, page: object) -> tuple[float, float]:
    """(top, bottom) of the page's body in PDF points."""
    if layout is not None and i < len(layout.pages):
        boxes = layout.pages[i].header_footer
        lower = [b[3] for b in boxes if b[3] < height / 2]
        upper = [b[1] for b in boxes if b[1] > height / 2]
        return (min(upper) if upper else height), (max(lower) if lower else 0.0)
    return height * (1 - BAND), height * BAND


NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?%?")

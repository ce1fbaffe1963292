"""PDF page labels (``/PageLabels``): a viewer shows the folio printed on the page, so the
reviewers' and printers' "page 12" is the viewer's 12 too, and an unnumbered page shows a
name of its own ("Cover") rather than a number that runs ahead of the folios."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFPageLabel

from ..theme.model import Template
from .recorder import PageRecord

# (first page index, style or None, start, prefix): one range of the page label tree.
Range = tuple[int, str | None, int | None, str | None]


def label_ranges(pages: Sequence[PageRecord], templates: Mapping[str, Template]) -> list[Range]:
    """The label ranges of the pages: numbered pages in decimal from their folio, a range
    starting wherever the folios do not run on; unnumbered pages by their template's label,
    numbered from 1 after it when several of one template follow each other ("Cover 1")."""
    ranges: list[Range] = []
    i = 0
    while i < len(pages):
        page = pages[i]
        if page.folio is not None:
            start = i
            while i + 1 < len(pages) and pages[i + 1].folio == (pages[i].folio or 0) + 1:
                i += 1
            ranges.append((start, PDFPageLabel.ARABIC, page.folio, None))
        else:
            start = i
            while i + 1 < len(pages) and pages[i + 1].folio is None and pages[i + 1].template == page.template:
                i += 1
            name = unnumbered_label(page.template, templates)
            ranges.append((start, None, None, name) if i == start else (start, PDFPageLabel.ARABIC, 1, name + " "))
        i += 1
    return ranges


def unnumbered_label(template: str, templates: Mapping[str, Template]) -> str:
    tpl = templates.get(template)
    return tpl.label if tpl is not None and tpl.label else template.replace("_", " ").capitalize()


def add_page_labels(canvas: Any, pages: Sequence[PageRecord], templates: Mapping[str, Template]) -> None:
    for index, style, start, prefix in label_ranges(pages, templates):
        canvas.addPageLabel(index, style, start, prefix)

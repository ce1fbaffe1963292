"""Printer's marks: the slug line names the job and the page between the crop marks, however
long the report's title."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from renderer.build import Paths, render
from renderer.diagnostics import Sink
from renderer.paginate.marks import MARK_LENGTH
from tests.conftest import FONTS, LAYOUT, MANIFEST, body_page, errors_of, write_edition


def test_the_slug_keeps_the_page_and_stays_between_the_crop_marks(tmp_path: Path) -> None:
    title = "A report whose title runs on " * 8
    root = write_edition(tmp_path / "edition", {"01-page.yaml": body_page("{type: paragraph, text: Words.}")},
                         MANIFEST.replace("title: Test Report", f"title: {title.strip()}")
                         .format(pages="01-page.yaml"))
    sink = Sink()
    rendering = render(Paths(root, LAYOUT, FONTS), sink, profile="press")
    assert rendering is not None, errors_of(sink)
    page = pdfium.PdfDocument(rendering.pdf)[0]
    trim_right = page.get_trimbox()[2]
    bleed = page.get_trimbox()[0] - page.get_bleedbox()[0]
    text = page.get_textpage()
    searcher = text.search("PDF/X-1a:2001", match_case=True)
    hit = searcher.get_next()
    assert hit is not None
    end = text.get_charbox(hit[0] + hit[1] - 1)
    assert end[2] <= trim_right - bleed - MARK_LENGTH  # inside the crop marks
    slug = text.get_text_bounded(0, 0, page.get_width(), page.get_trimbox()[1] - bleed)
    assert "page 1 (folio 1)" in slug and "\u2026" in slug

"""A list's bullet sits on the middle of the x-height of its item's first line, as pdfium
measures the glyphs on the page (not as the engine meant to place them)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from tests.conftest import body_page, render_edition


def char_boxes(pdf: bytes, wanted: str) -> list[tuple[float, float, float, float]]:
    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[0].get_textpage()
        return [page.get_charbox(i) for i in range(page.count_chars()) if page.get_text_range(i, 1) == wanted]
    finally:
        doc.close()


def test_bullets_are_centred_on_the_x_height_of_their_item(edition: Callable[..., Path]) -> None:
    root = edition(body_page('{type: list, numbered: false, items: ["x marks the spot", "xxx and more"]}'))
    rendering, _ = render_edition(root)
    assert rendering is not None
    bullets, exes = char_boxes(rendering.pdf, "\u2022"), char_boxes(rendering.pdf, "x")
    assert len(bullets) == 2
    for bullet in bullets:
        middle = (bullet[1] + bullet[3]) / 2
        # the x on the same line: its ink runs from the baseline to the x-height
        x = min(exes, key=lambda box: abs((box[1] + box[3]) / 2 - middle))
        assert abs(middle - (x[1] + x[3]) / 2) < 0.35, (bullet, x)
        assert bullet[0] < x[0]


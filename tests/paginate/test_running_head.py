"""The running header: on the outside edge of the pages whose template shows it, never over a
section banner, and kept out of the review's body text through the layout map."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from tests.conftest import body_page, errors_of, render_edition

ORGANISATION = "Test Organisation"  # the manifest's organisation in tests/conftest.py
TEXT = "{type: paragraph, text: Words on a page.}"


def header_boxes(pdf: bytes) -> list[tuple[float, float, float, float] | None]:
    """Per page: the box of the organisation's name in the top 50 points, if it is there."""
    out: list[tuple[float, float, float, float] | None] = []
    for page in pdfium.PdfDocument(pdf):
        height = page.get_height()
        text = page.get_textpage()
        searcher = text.search(ORGANISATION, match_case=True)
        found = None
        while (hit := searcher.get_next()) is not None:
            boxes = [text.get_charbox(i) for i in range(hit[0], hit[0] + hit[1])]
            box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                   max(b[3] for b in boxes))
            if box[1] > height - 50:
                found = box
        out.append(found)
    return out


def test_header_stands_on_the_outside_edge_of_body_pages_only(edition: Callable[..., Path]) -> None:
    root = edition(
        body_page("{type: heading, level: 1, text: First}", TEXT, template="opener"),
        body_page(TEXT),
        body_page(TEXT),
        body_page("{type: heading, level: 1, text: Second}", TEXT),  # a banner at a body page's top
    )
    rendering, sink = render_edition(root)
    assert rendering is not None, errors_of(sink)
    opener, left_hand, right_hand, banner_page = header_boxes(rendering.pdf)
    assert opener is None and banner_page is None
    assert left_hand is not None and abs(left_hand[0] - 60) < 1      # page 2: the left margin
    assert right_hand is not None and abs(right_hand[2] - 552) < 1   # page 3: the right margin
    # the review leaves running heads out of the body text it compares
    records = rendering.layout_map.pages
    assert any(box[1] <= left_hand[1] and box[3] >= left_hand[3] for box in records[1].header_footer)
    assert len(records[0].header_footer) == 1 and len(records[3].header_footer) == 1  # the footer only


def footer_line(pdf: bytes, page_index: int) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The characters in the bottom 60 points of a page, with their boxes, left to right."""
    page = pdfium.PdfDocument(pdf)[page_index]
    text = page.get_textpage()
    chars = [(text.get_text_range(i, 1), text.get_charbox(i)) for i in range(text.count_chars())]
    return sorted(((c, box) for c, box in chars if box[3] < 60 and c.strip()), key=lambda cb: cb[1][0])


def test_a_long_section_title_is_cut_before_the_folio(edition: Callable[..., Path]) -> None:
    long_title = "A section whose title runs on and on " * 6
    root = edition(body_page(f"{{type: heading, level: 1, text: {long_title.strip()}}}", TEXT))
    rendering, sink = render_edition(root)
    assert rendering is not None, errors_of(sink)
    line = footer_line(rendering.pdf, 0)
    folio = [box for c, box in line if c == "1"][-1]  # the folio stands at the right margin
    words = [(c, box) for c, box in line if box[2] < folio[0]]
    assert words[-1][0] == "\u2026"
    assert folio[0] - max(box[2] for _, box in words) >= 12  # a clear gap before the folio
    assert abs(folio[2] - 552) < 1

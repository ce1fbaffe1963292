"""The contents list: a long section title wraps at its own leading, level with its number,
and clear of the entry below."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from tests.conftest import body_page, errors_of, render_edition

LONG = "A section whose title goes on and on across the width of the contents page to a second line"


def word_box(text: pdfium.PdfTextPage, word: str) -> tuple[float, float, float, float]:
    searcher = text.search(word, match_case=True, match_whole_word=True)
    hit = searcher.get_next()
    assert hit is not None, word
    boxes = [text.get_charbox(i) for i in range(hit[0], hit[0] + hit[1])]
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def test_a_long_title_wraps_at_its_leading_beside_its_number(edition: Callable[..., Path], theme) -> None:  # type: ignore[no-untyped-def]
    root = edition(
        body_page("{type: contents}", template="contents"),
        body_page(f"{{type: heading, level: 1, text: {LONG}}}", "{type: paragraph, text: Words.}", template="opener"),
        body_page("{type: heading, level: 1, text: Short}", "{type: paragraph, text: Words.}", template="opener"),
    )
    rendering, sink = render_edition(root)
    assert rendering is not None, errors_of(sink)
    text = pdfium.PdfDocument(rendering.pdf)[0].get_textpage()
    first, second = word_box(text, "section"), word_box(text, "line")
    style = theme.styles.para("contents.entry")
    gap = first[1] - second[1]  # from the bottom of "section" to the bottom of "line"
    assert abs(gap - style.leading) < 1.5 and gap < 1.4 * style.fontSize  # set as a paragraph, not double-spaced
    number, next_number = word_box(text, "2"), word_box(text, "3")
    assert number[3] > first[1] > number[1]  # the first line stands beside its number
    assert next_number[3] < second[1]  # the next entry starts below the wrapped title
    assert word_box(text, "Short")[3] < second[1]

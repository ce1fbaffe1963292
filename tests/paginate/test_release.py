"""A finished build frees its pages and structure tree by reference counting alone: a build runs
with the cyclic collector off, and a 1,000-page report held them to the end (50 MB at the peak)."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

from reportlab.pdfbase.pdfdoc import PDFPage

from renderer.blocks.tags import Node
from renderer.paginate.structure import _Element
from tests.conftest import body_page, render_edition


def test_nothing_of_the_laid_out_pages_outlives_the_build(edition: Callable[..., Path]) -> None:
    root = edition(body_page("{type: heading, level: 1, text: Findings}",
                             "{type: paragraph, text: Words that fill a line.}",
                             "{type: table, id: t, caption: T, columns: [{key: s, label: State}, {key: n, label: N}], "
                             "rows: [[TX, 1], [CA, 2]]}"))
    gc.collect()
    gc.disable()
    try:
        rendering, sink = render_edition(root)
        assert rendering is not None, sink
        left = [type(o).__name__ for o in gc.get_objects() if isinstance(o, (PDFPage, Node, _Element))]
    finally:
        gc.enable()
    assert left == []
    assert rendering.page_count == 1 and rendering.pdf.startswith(b"%PDF")

"""The table block: header levels, number formats, checked totals, splitting across pages."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.pdfgen.canvas import Canvas

from renderer.blocks.table.grid import Grid
from renderer.blocks.table.split import CaptionedTable
from tests.conftest import body_page, checked_edition, compose_page, errors_of, pdf_text, render_edition

CASES = """\
type: table
id: cases
caption: Cases by type
columns:
  - {key: type, label: Case Type}
  - {key: active, label: Active, group: Case Status}
  - {key: resolved, label: Resolved, group: Case Status}
  - {key: total, label: Total, sum_of: [active, resolved]}
rows:
  - [Endangered Runaway, 2999, 22347, 25346]
  - [Family Abduction, 316, 923, 1239]
total: {label: Grand Total, values: [3315, 23270, 26585]}
"""


def test_grouped_columns_make_a_two_row_header_with_a_span(edition: Callable[..., Path]) -> None:
    flowables, _ = compose_page(edition(body_page(CASES)))
    (table,) = [f for f in flowables if isinstance(f, CaptionedTable)]
    assert table.header_rows == 2
    header = {(h.flow.text, h.first, h.last, h.top, h.bottom) for h in table.table.header}
    assert header == {("Case Type", 0, 0, 0, 1), ("Case Status", 1, 2, 0, 0), ("Active", 1, 1, 1, 1),
                      ("Resolved", 2, 2, 1, 1), ("Total", 3, 3, 0, 1)}
    cells = [[c.content if isinstance(c.content, str) else c.content.text for c in row.cells]
             for row in table.table.rows]
    assert cells[0] == ["Endangered Runaway", "2,999", "22,347", "25,346"]
    assert cells[-1] == ["Grand Total", "3,315", "23,270", "26,585"]


def test_numbers_are_right_aligned_and_labels_left(edition: Callable[..., Path]) -> None:
    flowables, _ = compose_page(edition(body_page(CASES)))
    (table,) = [f for f in flowables if isinstance(f, CaptionedTable)]
    first, total = table.table.rows[0], table.table.rows[-1]
    assert [c.style.alignment for c in first.cells] == [TA_LEFT, TA_RIGHT, TA_RIGHT, TA_RIGHT]
    assert [c.style.fontName for c in first.cells] == ["Lato"] * 4
    assert [c.style.fontName for c in total.cells] == ["Lato-Bold"] * 4


def test_wrong_total_is_reported_at_the_total_row(edition: Callable[..., Path]) -> None:
    root = edition(body_page(CASES.replace("values: [3315, 23270, 26585]", "values: [3315, 23270, 26586]")))
    checked, sink = checked_edition(root)
    assert checked is None
    (error,) = errors_of(sink)
    assert error.endswith("00-page.yaml:14:12: error: total of 'total' is typed as 26,586 "
                          "but the rows add up to 26,585")


def test_wrong_row_sum_names_the_row(edition: Callable[..., Path]) -> None:
    root = edition(body_page(CASES.replace("[Family Abduction, 316, 923, 1239]", "[Family Abduction, 316, 923, 1240]")))
    _, sink = checked_edition(root)
    assert any(":13:9: error: row 'Family Abduction': total is 1,240 but 316 + 923 = 1,239" in e
               for e in errors_of(sink))


def test_text_in_a_number_column_is_an_error_with_a_hint(edition: Callable[..., Path]) -> None:
    root = edition(body_page(CASES.replace("[Family Abduction, 316,", "[Family Abduction, '3,16',")))
    _, sink = checked_edition(root)
    assert any("column 'active': expected a number, got '3,16'" in e for e in errors_of(sink))


def test_long_table_splits_with_header_repeated_and_caption_continued(edition: Callable[..., Path]) -> None:
    rows = "\n".join(f"  - [Row {i}, {i}, {i}, {2 * i}]" for i in range(1, 90))
    table = CASES.split("rows:")[0] + "rows:\n" + rows + "\n"
    rendering, sink = render_edition(edition(body_page(table)))
    assert rendering is not None, errors_of(sink)
    pages = pdf_text(rendering.pdf)
    assert len(pages) >= 2
    assert "Cases by type (continued)" not in pages[0] and "Cases by type" in pages[0]
    assert "Cases by type (continued)" in pages[1]
    assert "Active" in pages[1] and "Case Status" in pages[1]
    parts = [b for p in rendering.layout_map.pages for b in p.blocks if b.id == "cases"]
    assert len(parts) == len(pages) >= 2
    assert all("Cases by type (continued)" in page for page in pages[1:])
    keys = [r.key for part in parts for r in part.rows]
    assert keys == [f"row-{i}" for i in range(1, 90)]


def test_shares_must_add_to_100_within_rounding(edition: Callable[..., Path]) -> None:
    shares = """\
    type: table
    id: shares
    caption: Shares
    columns:
      - {key: sex, label: Sex}
      - {key: share, label: Share, format: percent}
    shares_sum_to_100: true
    rows:
      - [Female, 93]
      - [Male, 5]
    """
    _, sink = checked_edition(edition(body_page(shares)))
    assert any("shares in 'share' add up to 98%, not 100%" in e for e in errors_of(sink))


def test_a_long_label_wraps_in_its_column_and_its_row_grows(edition: Callable[..., Path]) -> None:
    long = "A very long case type label that cannot fit in the first column of this narrow table " * 3
    root = edition(body_page(CASES.replace("Family Abduction", long.strip())))
    flowables, ctx = compose_page(root)
    (table,) = [f for f in flowables if isinstance(f, CaptionedTable)]
    table.wrap(ctx.width, 1000)
    grid = table.table
    heights = grid.row_heights
    assert heights[1] > 2 * heights[0]  # the wrapped row, not its neighbours
    assert abs(sum(grid.widths) - ctx.width) < 0.5
    rendering, sink = render_edition(root)
    assert rendering is not None, errors_of(sink)
    page = pdfium.PdfDocument(rendering.pdf)[0]
    text = page.get_textpage()
    found = text.search("A very long case type", match_case=True).get_next()
    assert found is not None
    start, _ = found
    boxes = [text.get_charbox(i) for i in range(start, start + len(long.strip()) - 20)]
    right_of_column = min(b[0] for b in text_boxes_of(text, "2,999"))
    assert max(b[2] for b in boxes) < right_of_column  # the label never runs into the numbers


def text_boxes_of(text, needle: str) -> list[tuple[float, float, float, float]]:  # type: ignore[no-untyped-def]
    start, count = text.search(needle).get_next()
    return [text.get_charbox(i) for i in range(start, start + count)]


def test_every_part_of_a_split_table_starts_its_stripes_alike(edition: Callable[..., Path]) -> None:
    rows = "\n".join(f"  - [Row {i}, {i}, {i}, {2 * i}]" for i in range(1, 9))
    flowables, ctx = compose_page(edition(body_page(CASES.split("rows:")[0] + "rows:\n" + rows + "\n")))
    (table,) = [f for f in flowables if isinstance(f, CaptionedTable)]
    grid = table.table
    grid.wrap(ctx.width, 1000)
    for first in (3, 4):  # an odd and an even number of rows on the first page
        room = sum(grid.header_heights) + sum(grid.row_heights[:first]) + 1
        head, tail = grid.split(ctx.width, room)
        assert len(head.rows) == first
        stripes = [_row_fills(part, ctx.width) for part in (head, tail)]
        assert stripes[0][:2] == stripes[1][:2] and stripes[0][0] != stripes[0][1]


def _row_fills(grid: Grid, width: float) -> list[tuple[int, int, int]]:
    """The colour at the left edge of each body row, as drawn."""
    buffer = io.BytesIO()
    _, height = grid.wrap(width, 1000)
    canvas = Canvas(buffer, pagesize=(width, height))
    grid.drawOn(canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    image = pdfium.PdfDocument(buffer.getvalue())[0].render(scale=1).to_pil().convert("RGB")
    return [image.getpixel((1, int(height - (bottom + top) / 2))) for bottom, top in grid.body_boxes()]


def test_a_split_never_leaves_one_row_alone_under_the_repeated_header(edition: Callable[..., Path]) -> None:
    rows = "\n".join(f"  - [Row {i}, {i}, {i}, {2 * i}]" for i in range(1, 9))
    flowables, ctx = compose_page(edition(body_page(CASES.split("rows:")[0] + "rows:\n" + rows + "\n")))
    (table,) = [f for f in flowables if isinstance(f, CaptionedTable)]
    grid = table.table
    grid.wrap(ctx.width, 1000)
    all_but_one = sum(grid.header_heights) + sum(grid.row_heights[:-1]) + 1
    head, tail = grid.split(ctx.width, all_but_one)
    assert len(tail.rows) == 2 and len(head.rows) == len(grid.rows) - 2


def test_a_table_in_another_language_prints_its_numbers_as_that_language_does(edition: Callable[..., Path]) -> None:
    table = ("{type: table, lang: fr, caption: Familles, columns: [{key: ville, label: Ville}, "
             "{key: n, label: Familles}, {key: p, label: Part, format: percent}], "
             "rows: [[Lyon, 9000, 62.5], [Grenoble, 5400, 37.5]], total: {label: Total, values: [14400, 100]}}")
    rendering, sink = render_edition(edition(body_page(table)))
    assert rendering is not None, errors_of(sink)
    doc = pdfium.PdfDocument(rendering.pdf)  # pdfium keeps the narrow no-break spaces poppler flattens
    try:
        text = doc[0].get_textpage().get_text_range()
    finally:
        doc.close()
    assert "9\u202f000" in text and "14\u202f400" in text
    # French writes a no-break space before %, which pdfium reads as a plain one
    assert "62,5 %" in text.replace("\u00a0", " ") and "100 %" in text.replace("\u00a0", " ")


def test_each_cell_is_drawn_in_its_own_style(edition: Callable[..., Path]) -> None:
    rendering, sink = render_edition(edition(body_page(CASES)))
    assert rendering is not None, [d.render() for d in sink]
    drawn: dict[str, set[tuple[str, float]]] = {}

    def seen(text: str, cm: list[float], tm: list[float], font: dict[str, object] | None, size: float) -> None:
        if text.strip() and font is not None:
            face = str(font["/BaseFont"]).split("+")[-1]
            drawn.setdefault(text.strip(), set()).add((face, round(size * tm[0], 2)))

    pypdf.PdfReader(io.BytesIO(rendering.pdf)).pages[0].extract_text(visitor_text=seen)
    # (pypdf joins the cells of a row that share a font and size)
    assert drawn["Endangered Runaway 2,999 22,347 25,346"] == {("Lato-Regular", 8.5)}
    assert drawn["Family Abduction 316 923 1,239"] == {("Lato-Regular", 8.5)}
    assert drawn["Grand Total 3,315 23,270 26,585"] == {("Lato-Bold", 8.5)}
    assert drawn["Case Type"] == {("Lato-Bold", 8.0)}

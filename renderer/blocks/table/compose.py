"""Composing a table: header rows (with group spans), formatted cells, fitted column widths."""

from __future__ import annotations

from decimal import Decimal

from reportlab.platypus import Flowable

from ...model.numbers import format_number
from ...theme.model import TableLook
from ...theme.styles import table_paint
from ..base import ComposeContext, block_ref
from ..markup import MARKUP_STYLES, paragraph, plain_paragraph
from ..tags import Node
from ..text import TextFlow
from ..typeset import Run, width_of
from .grid import BodyRow, Cell, Grid, HeaderCell
from .model import Table
from .split import CaptionedTable

#: The styles a table is set in (a number column's style is its column's with ".number").
STYLES = ("table.caption", "table.group", "table.header", "table.header.number", "table.cell",
          "table.cell.number", "table.total", "table.total.number", "table.note", *MARKUP_STYLES)


def compose(table: Table, ctx: ComposeContext) -> list[Flowable]:
    styles = ctx.theme.styles
    caption_style = "table.caption"
    element = ctx.tags.add("Table")  # one Table however many pages it runs over
    with ctx.tags.inside(element):
        caption = plain_paragraph(table.caption, caption_style, ctx, role="Caption")
    header, header_rows = _header(table, ctx)
    _tag_header(header, header_rows, element)
    printed = _printed(table, ctx)
    widths = _widths(table, ctx, printed)
    look = ctx.look("table", TableLook)
    room = [w - 2 * look.padding_x for w in widths]
    body = element.add("TBody")
    rows = []
    for row, shown in zip(table.rows, printed):
        tr = body.add("TR")
        rows.append(BodyRow(tuple(_cell(table, i, cell, "table.cell", room[i], ctx, _body_cell(table, i, tr), shown[i])
                                  for i, cell in enumerate(row.cells))))
    if table.total is not None:
        values = dict(zip(table.numeric(), table.total.values))
        tr = body.add("TR")
        rows.append(BodyRow(tuple(_cell(table, i, values[i] if i else table.total.label, "table.total", room[i], ctx,
                                        _body_cell(table, i, tr))
                                  if i in values or i == 0 else Cell("", styles.para("table.total"), tr.add("TD"))
                                  for i in range(len(table.columns))), total=True))
    grid = Grid(widths, header, header_rows, rows, table_paint(look, ctx.theme.palette))
    keys = [row.key for row in table.rows] + (["total"] if table.total else [])
    flowable = CaptionedTable(caption, grid, keys,
                              lambda: plain_paragraph(f"{table.short_caption} {continued(ctx)}", caption_style, ctx,
                                                      role=None),
                              styles.para(caption_style).spaceAfter)
    rows_ref = [(row.key, str(row.cells[0]), row.span.line) for row in table.rows]
    if table.total:
        rows_ref.append(("total", table.total.label, table.total.span.line))
    ctx.sources.note(flowable, block=block_ref(table, rows_ref))
    flowable.spaceBefore, flowable.spaceAfter = look.space_before, look.space_after
    out: list[Flowable] = [flowable]
    if table.note:
        out.append(paragraph(table.note, "table.note", ctx))
    return out


#: "(continued)" in the languages the report's quotes know; English for the rest.
CONTINUED = {"de": "(Fortsetzung)", "fr": "(suite)", "es": "(continuación)", "it": "(continua)",
             "nl": "(vervolg)", "pt": "(continuação)"}


def continued(ctx: ComposeContext) -> str:
    return CONTINUED.get(ctx.language.split("-")[0].lower(), "(continued)")


def _body_cell(table: Table, i: int, row: Node) -> Node:
    """A body cell's element: the first column, when it names the row, is the row's header."""
    return row.add("TH", scope="Row") if i == 0 and table.fmt(0) == "text" else row.add("TD")


def _tag_header(header: list[HeaderCell], rows: int, table: Node) -> None:
    """The header's elements, row by row and left to right, with their spans."""
    head = table.add("THead")
    for r in range(rows):
        tr = head.add("TR")
        for cell in sorted((c for c in header if c.top == r), key=lambda c: c.first):
            cell.flow.node = tr.add("TH", scope="Column", row_span=cell.bottom - cell.top + 1,
                                    col_span=cell.last - cell.first + 1)


def _printed(table: Table, ctx: ComposeContext) -> list[list[str | None]]:
    """Each body cell's number as printed, formatted once for its column's width and its
    cell (None for a cell that is not a number of a number column)."""
    numbers = ctx.numbers
    formats = [table.fmt(i) for i in range(len(table.columns))]
    return [[format_number(c, formats[i], numbers) if isinstance(c, Decimal) and formats[i] != "text"  # type: ignore[arg-type]
             else None for i, c in enumerate(row.cells)] for row in table.rows]


def _cell(table: Table, i: int, value: Decimal | str, style: str, room: float, ctx: ComposeContext,
          node: Node, printed: str | None = None) -> Cell:
    """A cell of one line, or a wrapping text flow when the text is wider than its column;
    ``printed`` is the value as :func:`_printed` formatted it, if it did."""
    numeric = table.fmt(i) != "text"
    para = ctx.theme.styles.para(style + ".number" if numeric else style)
    if isinstance(value, Decimal) and numeric:
        return Cell(format_number(value, table.fmt(i), ctx.numbers) if printed is None else printed,  # type: ignore[arg-type]
                    para, node)
    text = ctx.text(str(value))
    if width_of(text, para.fontName, para.fontSize) <= room:
        return Cell(text, para, node)
    return Cell(TextFlow([Run(text, para.fontName, para.fontSize, para.textColor,
                             hyphens=ctx.hyphens(para.name))], para, node), para, node)


def _header(table: Table, ctx: ComposeContext) -> tuple[list[HeaderCell], int]:
    """One header row, or two when columns are grouped ("Case Status" over Active | Resolved)."""
    def label(i: int) -> TextFlow:
        style = "table.header" if table.fmt(i) == "text" else "table.header.number"
        return plain_paragraph(table.columns[i].label, style, ctx, role=None)  # its TH: _tag_header

    cols = table.columns
    if not any(c.group for c in cols):
        return [HeaderCell(label(i), i, i, 0, 0) for i in range(len(cols))], 1
    cells: list[HeaderCell] = []
    i = 0
    while i < len(cols):
        group = cols[i].group
        if group is None:
            cells.append(HeaderCell(label(i), i, i, 0, 1))
            i += 1
            continue
        j = i
        while j < len(cols) and cols[j].group == group:
            cells.append(HeaderCell(label(j), j, j, 1, 1))
            j += 1
        cells.append(HeaderCell(plain_paragraph(group, "table.group", ctx, role=None), i, j - 1, 0, 0, group=True))
        i = j
    return cells, 2


def _widths(table: Table, ctx: ComposeContext, printed: list[list[str | None]]) -> list[float]:
    """Natural widths from the longest cell; extra room goes to the label column, and a table
    too wide for its column has its header labels wrapped first (they are the longest).
    ``printed`` holds the body's numbers as :func:`_printed` formatted them."""
    look = ctx.look("table", TableLook)
    pad = 2 * look.padding_x + 1
    cell_font = ctx.theme.styles.font("table.total")
    head_font = ctx.theme.styles.font("table.header")
    numbers = ctx.numbers
    natural, minimum = [], []
    for i, col in enumerate(table.columns):
        fmt = table.fmt(i)
        texts = [shown if (shown := printed[n][i]) is not None
                 else format_number(c, fmt, numbers) if isinstance(c := r.cells[i], Decimal) else str(c)  # type: ignore[arg-type]
                 for n, r in enumerate(table.rows) if i < len(r.cells)]
        if table.total and i == 0:
            texts.append(table.total.label)
        body = max((width_of(t, *cell_font) for t in texts), default=0)
        head = width_of(col.label, *head_font)
        word = max((width_of(w, *head_font) for w in col.label.split()), default=0)
        natural.append(max(body, head) + pad)
        minimum.append(max(body if table.fmt(i) != "text" else min(body, 90), word) + pad)
    width = ctx.width
    if sum(natural) <= width:
        # Spread the spare room in proportion, so that a narrow table's number columns do
        # not huddle at the right edge with the labels far away.
        scale = width / sum(natural)
        return [w * scale for w in natural]
    flexible = [n - m for n, m in zip(natural, minimum)]
    need = sum(natural) - width
    room = sum(flexible)
    if room <= 0:
        return minimum
    return [n - f * min(1.0, need / room) for n, f in zip(natural, flexible)]

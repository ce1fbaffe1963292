"""Composing a table: header rows (with group spans), formatted cells, fitted column widths."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus import Table as RLTable

from ...model.numbers import format_number
from ...theme.styles import table_style
from ..base import ComposeContext, block_ref
from ..markup import paragraph, plain_paragraph
from .model import Table
from .split import CaptionedTable


def compose(table: Table, ctx: ComposeContext) -> list[Flowable]:
    styles = ctx.theme.styles
    header, spans, group_cells = _header(table, ctx)
    widths = _widths(table, ctx)
    look = ctx.theme.data.components.table
    room = [w - 2 * look.padding_x for w in widths]
    body: list[list[Any]] = [[_cell(table, i, cell, "table.cell", room[i], ctx) for i, cell in enumerate(row.cells)]
                             for row in table.rows]
    if table.total is not None:
        values = dict(zip(table.numeric(), table.total.values))
        body.append([_cell(table, i, values[i] if i else table.total.label, "table.total", room[i], ctx)
                     if i in values or i == 0 else "" for i in range(len(table.columns))])
    rl = RLTable(header + body, colWidths=widths, repeatRows=len(header), splitByRow=1,
                 style=table_style(look, styles.para("table.cell"), styles.para("table.total"), ctx.theme.palette,
                                   numeric=table.numeric(), header_rows=len(header), body_rows=len(table.rows),
                                   has_total=table.total is not None, spans=spans, group_cells=group_cells))
    keys = [row.key for row in table.rows] + (["total"] if table.total else [])
    caption_style = "table.caption"
    flowable = CaptionedTable(plain_paragraph(table.caption, caption_style, ctx), rl, len(header), keys,
                              lambda: plain_paragraph(table.caption + " (continued)", caption_style, ctx),
                              styles.para(caption_style).spaceAfter)
    rows = [(row.key, str(row.cells[0]), row.span.line) for row in table.rows]
    if table.total:
        rows.append(("total", table.total.label, table.total.span.line))
    flowable._block = block_ref(table, rows)  # type: ignore[attr-defined]
    flowable.spaceBefore, flowable.spaceAfter = 6, 12
    out: list[Flowable] = [flowable]
    if table.note:
        out.append(paragraph(table.note, "table.note", ctx))
    return out


def _cell(table: Table, i: int, value: Decimal | str, style: str, room: float, ctx: ComposeContext) -> str | Flowable:
    """A cell as a plain string (drawn in the column's style), or a paragraph if it must wrap."""
    if isinstance(value, Decimal) and table.fmt(i) != "text":
        return format_number(value, table.fmt(i))  # type: ignore[arg-type]
    text = str(value)
    if stringWidth(text, *ctx.theme.styles.font(style)) <= room:
        return text
    return plain_paragraph(text, style, ctx)


Span = tuple[tuple[int, int], tuple[int, int]]


def _header(table: Table, ctx: ComposeContext) -> tuple[list[list[Flowable]], list[Span], list[tuple[int, int]]]:
    """One header row, or two when columns are grouped ("Case Status" over Active | Resolved)."""
    def label(i: int, text: str) -> Flowable:
        style = "table.header" if table.fmt(i) == "text" else "table.header.number"
        return plain_paragraph(text, style, ctx)

    cols = table.columns
    if not any(c.group for c in cols):
        return [[label(i, c.label) for i, c in enumerate(cols)]], [], []
    top: list[Flowable] = []
    bottom: list[Flowable] = []
    spans: list[Span] = []
    group_cells: list[tuple[int, int]] = []
    i = 0
    while i < len(cols):
        group = cols[i].group
        if group is None:
            top.append(label(i, cols[i].label))
            bottom.append(plain_paragraph("", "table.header", ctx))
            spans.append(((i, 0), (i, 1)))
            i += 1
            continue
        j = i
        while j < len(cols) and cols[j].group == group:
            top.append(plain_paragraph(group if j == i else "", "table.group", ctx))
            bottom.append(label(j, cols[j].label))
            j += 1
        spans.append(((i, 0), (j - 1, 0)))
        group_cells.append((i, 0))
        i = j
    return [top, bottom], spans, group_cells


def _widths(table: Table, ctx: ComposeContext) -> list[float]:
    """Natural widths from the longest cell; extra room goes to the label column, and a table
    too wide for its column has its header labels wrapped first (they are the longest)."""
    look = ctx.theme.data.components.table
    pad = 2 * look.padding_x + 1
    cell_font = ctx.theme.styles.font("table.total")
    head_font = ctx.theme.styles.font("table.header")
    natural, minimum = [], []
    for i, col in enumerate(table.columns):
        texts = [str(r.cells[i]) if not isinstance(r.cells[i], Decimal) else format_number(r.cells[i], table.fmt(i))  # type: ignore[arg-type]
                 for r in table.rows if i < len(r.cells)]
        if table.total and i == 0:
            texts.append(table.total.label)
        body = max((stringWidth(t, *cell_font) for t in texts), default=0)
        head = stringWidth(col.label, *head_font)
        word = max((stringWidth(w, *head_font) for w in col.label.split()), default=0)
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

"""Checks of a table: shape, cell types, row sums, column totals and shares of 100%."""

from __future__ import annotations

import re
from decimal import Decimal

from ...model.numbers import decimals, exact, exact_sum, format_number
from ..base import CheckContext
from ..markup import check_text
from .model import Row, Table

_GROUPED = re.compile(r"[0-9]{1,3}([,.][0-9]{3})+\Z")


#: Rows of one table: 20,000 run over some 500 pages and build in seconds; more is not a
#: table a reader can use, and the build's time grows with them.
MAX_ROWS = 20_000


def check(table: Table, ctx: CheckContext) -> None:
    if len(table.rows) > MAX_ROWS:
        ctx.sink.error(table.span_of("rows"), f"a table holds at most {MAX_ROWS:,} rows, not {len(table.rows):,}",
                       "split it into several tables")
        return
    keys = [c.key for c in table.columns]
    if len(set(keys)) != len(keys):
        ctx.sink.error(table.span_of("columns"), "column keys must be unique")
    for col in table.columns:
        for key in col.sum_of:
            if key not in keys:
                ctx.sink.error(col.span, f"'sum_of': no column '{key}'")
    seen: dict[str, int] = {}
    for row in table.rows:
        _check_row(table, row, ctx)
        if row.key in seen:
            ctx.sink.error(row.span, f"row '{row.cells[0]}' appears twice (first at line {seen[row.key]})")
        seen[row.key] = row.span.line
    if table.total is not None:
        _check_total(table, ctx)
    if table.shares_sum_to_100:
        _check_shares(table, ctx)
    if table.note:
        check_text(table.note, table.span_of("note"), ctx, "note")


def _check_row(table: Table, row: Row, ctx: CheckContext) -> None:
    if len(row.cells) != len(table.columns):
        ctx.sink.error(row.span, f"row has {len(row.cells)} cells; the table has {len(table.columns)} columns")
        return
    for i, cell in enumerate(row.cells):
        fmt = table.fmt(i)
        if fmt != "text" and not isinstance(cell, Decimal):
            hint = ("write numbers without thousands separators; the layout adds them",) \
                if _GROUPED.match(str(cell).strip()) else ()
            ctx.sink.error(row.span, f"column '{table.columns[i].key}': expected a number, got '{cell}'", *hint)
        elif fmt == "number" and isinstance(cell, Decimal) and decimals(cell) == 3:
            ctx.sink.error(row.span, f"column '{table.columns[i].key}': expected a whole number, got '{cell}'",
                           "write numbers without thousands separators; the layout adds them")
    keys = {c.key for c in table.columns}
    for col in table.columns:
        if not col.sum_of or not keys.issuperset(col.sum_of):
            continue  # nothing to add up, or a column that is not there (reported once, above)
        cells = [row.cells[table_index(table, k)] for k in col.sum_of + (col.key,)]
        numbers = [c for c in cells if isinstance(c, Decimal)]
        if len(numbers) == len(cells):
            *parts, typed = numbers
            total = exact_sum(parts)
            if total != typed:
                shown = " + ".join(format_number(p) for p in parts)
                ctx.sink.error(row.span, f"row '{row.cells[0]}': {col.key} is {format_number(typed)} "
                               f"but {shown} = {format_number(total)}")


def table_index(table: Table, key: str) -> int:
    return next(i for i, c in enumerate(table.columns) if c.key == key)


def column_values(table: Table, i: int) -> list[Decimal]:
    return [r.cells[i] for r in table.rows if len(r.cells) > i and isinstance(r.cells[i], Decimal)]  # type: ignore[misc]


def _check_total(table: Table, ctx: CheckContext) -> None:
    assert table.total is not None
    numeric = table.numeric()
    if len(table.total.values) != len(numeric):
        ctx.sink.error(table.total.span, f"the total row has {len(table.total.values)} values; "
                       f"the table has {len(numeric)} numeric columns")
        return
    for i, value in zip(numeric, table.total.values):
        if table.fmt(i) == "percent" and not table.shares_sum_to_100:
            continue  # shares of different wholes do not add up; nothing to check
        values = column_values(table, i)
        total = exact_sum(values)
        if table.fmt(i) == "percent":
            with exact():
                ok = abs(value - Decimal(100)) <= _tolerance(values) and abs(total - value) <= _tolerance(values)
        else:
            ok = total == value
        if not ok:
            ctx.sink.error(table.total.span, f"total of '{table.columns[i].key}' is typed as "
                           f"{format_number(value, table.fmt(i))} but the rows add up to "  # type: ignore[arg-type]
                           f"{format_number(total, table.fmt(i))}")  # type: ignore[arg-type]


def _tolerance(values: list[Decimal]) -> Decimal:
    """Rounding slack for shares printed with d decimals: half a unit in the last digit each."""
    d = max((decimals(v) for v in values), default=0)
    return Decimal(len(values)) * Decimal(5) * Decimal(10) ** -(d + 1)


def _check_shares(table: Table, ctx: CheckContext) -> None:
    percent = [i for i in table.numeric() if table.fmt(i) == "percent"]
    if not percent:
        ctx.sink.error(table.span_of("shares_sum_to_100"), "'shares_sum_to_100' needs a percent column")
    for i in percent:
        values = column_values(table, i)
        total = exact_sum(values)
        with exact():
            off = abs(total - 100) > _tolerance(values)
        if off:
            ctx.sink.error(table.span_of("rows"), f"shares in '{table.columns[i].key}' add up to "
                           f"{format_number(total, 'percent')}, not 100%")

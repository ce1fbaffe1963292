"""The chart kinds: each kind's one registration, in one table.

A row says everything the engine asks of a kind: the name written as ``kind:`` in content,
how its alternate text names and summarises it, how many series it reads, and the function
that paints it. The content model, the schema, the drawing and the alternate text all read
this table, so adding a kind is a painter module and a row here.

The painter modules draw on a matplotlib figure but import matplotlib only through the
:class:`~.sketch.Sketch` they are handed, so this table is cheap to import on a warm build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from . import bars, columns, pies, shares, statemap, waffle
from .spec import ChartSpec

if TYPE_CHECKING:
    from .sketch import Sketch

Painter = Callable[["Sketch", ChartSpec], None]

#: How the alternate text summarises the data: the largest and smallest values, each
#: category's share of the whole, or each series' part of the largest stack.
Summary = Literal["ranked", "shares", "stacked"]


@dataclass(frozen=True, slots=True)
class ChartKind:
    name: str
    described_as: str        # the alternate text's first words: "Bar chart, Reports by state: …"
    paint: Painter
    summary: Summary
    one_series: bool = True  # False: reads every column it is given (a stacked bar)


KINDS: dict[str, ChartKind] = {kind.name: kind for kind in (
    ChartKind("bar", "Bar chart", bars.paint, "ranked"),
    ChartKind("column", "Column chart", columns.paint, "ranked"),
    ChartKind("stacked_bar", "Stacked bar chart", bars.paint, "stacked", one_series=False),
    ChartKind("donut", "Donut chart", pies.paint, "shares"),
    ChartKind("pie", "Pie chart", pies.paint, "shares"),
    ChartKind("share_bar", "Share bar", shares.paint, "shares"),
    ChartKind("waffle", "Waffle chart", waffle.paint, "shares"),
    ChartKind("state_map", "Map of US states", statemap.paint, "ranked"),
)}

"""The chart kinds: each kind's one registration, in one table.

A row says everything the engine asks of a kind: the name written as ``kind:`` in content,
how its alternate text names and summarises it, how many series it reads, and the function
that paints it. The content model, the schema, the drawing and the alternate text all read
this table, so adding a kind is a painter module and a row here.

The painter modules draw on a matplotlib figure but import matplotlib only through the
:class:`~.sketch.Sketch` they are handed. A row names its painter's module, imported when a
chart of that kind is first drawn: a build whose charts all come from the cache (and the
check stage) never imports them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

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
    painter: str             # the module in this package whose ``paint`` draws it
    summary: Summary
    one_series: bool = True  # False: reads every column it is given (a stacked bar)

    def paint(self, sketch: Sketch, spec: ChartSpec) -> None:
        painter: Painter = importlib.import_module(f".{self.painter}", __package__).paint
        painter(sketch, spec)


KINDS: dict[str, ChartKind] = {kind.name: kind for kind in (
    ChartKind("bar", "Bar chart", "bars", "ranked"),
    ChartKind("column", "Column chart", "columns", "ranked"),
    ChartKind("stacked_bar", "Stacked bar chart", "bars", "stacked", one_series=False),
    ChartKind("donut", "Donut chart", "pies", "shares"),
    ChartKind("pie", "Pie chart", "pies", "shares"),
    ChartKind("share_bar", "Share bar", "shares", "shares"),
    ChartKind("waffle", "Waffle chart", "waffle", "shares"),
    ChartKind("state_map", "Map of US states", "statemap", "ranked"),
)}


def import_painters() -> None:
    """Import every kind's painter now (a chart worker, before its first chart)."""
    for kind in KINDS.values():
        importlib.import_module(f".{kind.painter}", __package__)

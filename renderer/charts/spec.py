"""The charts' input: what to draw (ChartSpec) and how it should look (ChartLook).

Plain frozen values with no drawing library behind them, so the engine can build them, the
cache can hash them and a worker process can receive them without importing matplotlib.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ..numerals import NumberStyle

Format = Literal["number", "percent"]
Sort = Literal["none", "ascending", "descending"]


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[Decimal, ...]


@dataclass(frozen=True, slots=True)
class ChartSpec:
    kind: str  # a name in renderer.charts.kinds.KINDS
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    format: Format
    sort: Sort
    width: float
    height: float
    numbers: NumberStyle  # the numbers as the chart's language prints them

    def shown(self, value: Decimal, fmt: Format | None = None) -> str:
        """A value as the chart prints it: ``27,644`` (``27.644`` in German), in percent
        ``20.93%``, with the digits as given; in the chart's format unless ``fmt`` says."""
        return self.numbers.percent(value) if (fmt or self.format) == "percent" else self.numbers.number(value)


@dataclass(frozen=True, slots=True)
class ChartLook:
    font_files: tuple[tuple[str, str], ...]  # (face, path): regular, bold, black
    font_names: tuple[tuple[str, str], ...]  # (face, reportlab font name)
    series_colors: tuple[str, ...]
    text: str
    muted: str
    grid: str
    background: str
    ramp: tuple[str, ...]  # light to dark, for the state map
    font_size: float
    title_size: float
    regions: tuple[str, ...] = ()  # state map: regions drawn even without data (the layout's map_regions)

    def font(self, face: str) -> str:
        """The reportlab name of a face; a missing face falls back to the regular one."""
        names = dict(self.font_names)
        return names.get(face) or names["regular"]


@dataclass(frozen=True, slots=True)
class ChartJob:
    name: str  # the PDF form XObject to define
    spec: ChartSpec
    look: ChartLook

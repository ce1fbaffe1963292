"""Chart: data held in the content (inline, or taken from a table so no number is typed twice),
drawn by :mod:`renderer.charts` as vector art in the report's own fonts and palette.

Layout needs only the chart's box: the page draws a form XObject by name, and the form is
defined once the drawings are ready (they are made in parallel, or read from the cache).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from reportlab.platypus import Flowable

from ..charts import ChartJob, ChartLook, ChartSpec, Series, alt_text
from ..charts.kinds import KINDS
from ..charts.regions import known_region, region_hints
from ..diagnostics import Span, did_you_mean
from ..model.block import Block, slug
from ..model.edition import Edition
from ..model.numbers import NumberFormat, Quantity, exact_sum
from ..numerals import NumberStyle
from ..theme import Theme
from ..theme.model import Spacing
from .base import ChartRequest, CheckContext, ComposeContext, register
from .markup import plain_paragraph
from .table import Table
from .tags import Node, tags_of


@dataclass(frozen=True, slots=True, kw_only=True)
class DataPoint:
    yaml_name = "data point"
    span: Span
    label: str = field(metadata={"doc": "the category"})
    value: Decimal = field(metadata={"doc": "its value"})


@dataclass(frozen=True, slots=True, kw_only=True)
class FromTable:
    yaml_name = "from_table"
    span: Span
    table: str = field(metadata={"doc": "id of a table block"})
    columns: tuple[str, ...] = field(metadata={"doc": "column keys: one series each"})
    rows: tuple[str, ...] = field(default=(), metadata={"doc": "row keys; default all body rows"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Chart(Block):
    """A chart with its data: bars, columns, shares, a waffle or a state map."""

    kind: str = field(metadata={"choices": tuple(KINDS), "doc": ", ".join(KINDS)})
    title: str = field(metadata={"doc": "the caption above the chart"})
    alt: str | None = field(default=None, metadata={"doc": "short description; generated when absent"})
    format: NumberFormat = field(default="number", metadata={"doc": "number or percent labels"})
    sort: Literal["none", "ascending", "descending"] = field(default="none", metadata={"doc": "bar order"})
    data: tuple[DataPoint, ...] = field(default=(), metadata={"doc": "inline data"})
    from_table: FromTable | None = field(default=None, metadata={"doc": "or: data from a table"})
    height: float | None = field(default=None,
                                 metadata={"above": 0, "max": 14400, "doc": "points; default from layout"})

    @property
    def ref_name(self) -> str:
        return self.title

    def depends_on(self) -> tuple[str, ...]:
        return (self.from_table.table,) if self.from_table else ()

    def quantities(self) -> Iterable[tuple[str, Quantity]]:
        if self.id and self.data:
            total = exact_sum(p.value for p in self.data)
            yield f"{self.id}.total", Quantity(total, self.format, self.span_of("data"))
            for p in self.data:
                yield f"{self.id}.{slug(p.label)}", Quantity(p.value, self.format, p.span)


def _table(edition: Edition, table_id: str) -> Table | None:
    return next((b for b in edition.blocks() if isinstance(b, Table) and b.id == table_id), None)


#: Points of one chart: more than a few hundred bars or slices cannot be read, and matplotlib's
#: time grows with each.
MAX_POINTS = 500


def check(block: Chart, ctx: CheckContext) -> None:
    if bool(block.data) == (block.from_table is not None):
        ctx.sink.error(block.span, "a chart needs exactly one of 'data' and 'from_table'")
        return
    if len(block.data) > MAX_POINTS:
        ctx.sink.error(block.span_of("data"), f"a chart shows at most {MAX_POINTS} values, not {len(block.data):,}",
                       "group the smaller values, or show them in a table")
        return
    src = block.from_table
    if src is not None:
        table = _table(ctx.edition, src.table)
        if table is None:
            ids = [b.id for b in ctx.edition.blocks() if isinstance(b, Table)]
            ctx.sink.error(src.span, f"'from_table': no table with id '{src.table}'", *did_you_mean(src.table, ids))
            return
        keys = {c.key: i for i, c in enumerate(table.columns)}
        for key in src.columns:
            if key not in keys or table.fmt(keys[key]) == "text":
                ctx.sink.error(src.span, f"'from_table': table '{table.id}' has no numeric column '{key}'",
                               *did_you_mean(key, keys))
        row_keys = {r.key for r in table.rows}
        for key in src.rows:
            if key not in row_keys:
                ctx.sink.error(src.span, f"'from_table': table '{table.id}' has no row '{key}'",
                               *did_you_mean(key, row_keys))
        shown = len(src.rows) if src.rows else len(table.rows)
        if shown > MAX_POINTS:
            ctx.sink.error(src.span, f"a chart shows at most {MAX_POINTS} values; table '{table.id}' gives {shown:,}",
                           "name the rows to show with 'rows:'")
    series = len(src.columns) if src else 1
    if KINDS[block.kind].one_series and series != 1:
        ctx.sink.error(block.span_of("kind"), f"a {block.kind} chart shows one series; {series} columns given")
    if block.kind == "state_map":
        _check_regions(block, ctx)
    _check_alt_language(block, ctx)


def _check_alt_language(block: Chart, ctx: CheckContext) -> None:
    """The generated alternate text is English ("Bar chart, …, highest …"). A screen reader
    reads it in the chart's language, so a chart in another language needs its own ``alt``."""
    if block.alt is None and ctx.theme.profile.structure and ctx.language.split("-")[0].lower() != "en":
        ctx.sink.warning(block.span, f"chart '{block.title}' has no 'alt': its generated description would be "
                         f"English in a text in '{ctx.language}'",
                         "write 'alt:' in the chart's language: what it shows, with its numbers")


def _check_regions(block: Chart, ctx: CheckContext) -> None:
    """A state map's label that names no region it knows is warned about at its line: it would
    go to the "not on the map" note, where a misspelt state is easily missed."""
    if block.data:
        places: list[tuple[str, Span]] = [(p.label, p.span) for p in block.data]
    else:
        src = block.from_table
        table = _table(ctx.edition, src.table) if src else None
        if src is None or table is None:
            return
        wanted = set(src.rows)
        places = [(str(r.cells[0]), r.span) for r in table.rows if r.cells and (not wanted or r.key in wanted)]
    charts = ctx.theme.data.charts
    for code in charts.map_regions:
        if not known_region(code):
            ctx.sink.error(charts.span, f"charts: map_regions: '{code}' is not a region of the state map",
                           *region_hints(code))
    for label, span in places:
        if not known_region(label):
            ctx.sink.warning(span, f"state map: '{label}' is not a region the map knows; it is listed under the "
                             "map as not on it", *region_hints(label))


def chart_spec(block: Chart, edition: Edition, width: float, height: float,
               text: Callable[[str], str], numbers: NumberStyle) -> ChartSpec:
    """The drawing's input: labels and series, wherever the numbers live; ``text`` sets
    content text as the page does (typographic quotes), ``numbers`` its numbers."""
    if block.data:
        labels = tuple(text(p.label) for p in block.data)
        series: tuple[Series, ...] = (Series(text(block.title), tuple(p.value for p in block.data)),)
    else:
        src = block.from_table
        assert src is not None
        table = _table(edition, src.table)
        assert table is not None
        rows = [r for r in table.rows if not src.rows or r.key in src.rows]
        labels = tuple(text(str(r.cells[0])) for r in rows)
        index = {c.key: i for i, c in enumerate(table.columns)}
        series = tuple(Series(text(table.columns[index[k]].label), tuple(r.cells[index[k]] for r in rows))  # type: ignore[misc]
                       for k in src.columns)
    return ChartSpec(block.kind, labels, series, block.format, block.sort, width, height, numbers)


def chart_look(theme: Theme) -> ChartLook:
    tokens, pal = theme.data.charts, theme.palette

    def hx(ref: str) -> str:
        value = pal.hex(ref)
        assert value is not None  # colours are checked when the theme loads
        return value

    faces = ("regular", "bold", "black")
    return ChartLook(
        font_files=tuple((f, str(theme.font_paths[f])) for f in faces),
        font_names=tuple((f, theme.font(f)) for f in faces),
        series_colors=tuple(hx(c) for c in tokens.series), text=hx(tokens.text), muted=hx(tokens.muted),
        grid=hx(tokens.grid), background=hx(tokens.background), ramp=tuple(hx(c) for c in tokens.ramp),
        font_size=tokens.font_size, title_size=tokens.title_size, regions=tokens.map_regions)


class ChartBox(Flowable):
    """The chart's caption and its box; the art is a form XObject defined at the end of the build."""

    def __init__(self, title: Flowable, form: str, width: float, height: float, alt: str, node: Node) -> None:
        super().__init__()
        self.title, self.form, self.box_w, self.box_h, self.alt = title, form, width, height, alt
        self.node = node
        self._th = 0.0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        _, self._th = self.title.wrap(min(aw, self.box_w), ah)
        self.width, self.height = self.box_w, self._th + 4 + self.box_h
        return self.width, self.height

    def draw(self) -> None:
        self.title.drawOn(self.canv, 0, self.box_h + 4)
        tags = tags_of(self.canv)
        if tags is None:
            self.canv.doForm(self.form)
            return
        with tags.content(self.canv, self.node):  # what the chart shows is its alternate text
            self.canv.doForm(self.form)


def compose(block: Chart, ctx: ComposeContext) -> list[Flowable]:
    height = block.height or ctx.theme.data.charts.heights.get(block.kind, 180.0)
    spec = chart_spec(block, ctx.edition, ctx.width, height, ctx.text, ctx.numbers)
    name = "chart-" + slug(block.id)
    ctx.charts.append(ChartRequest(name, block, ctx.width, height, ChartJob(name, spec, chart_look(ctx.theme))))
    alt = block.alt or alt_text(spec, block.title)
    figure = ctx.tags.add("Figure", alt=alt)
    with ctx.tags.inside(figure):
        title = plain_paragraph(block.title, "chart.title", ctx, role="Caption")
    box = ChartBox(title, name, ctx.width, height, alt, figure)
    look = ctx.look("chart", Spacing)
    box.spaceBefore, box.spaceAfter = look.space_before, look.space_after
    return [box]


register("chart", Chart, check, compose, styles=("chart.title",), looks=("chart",))

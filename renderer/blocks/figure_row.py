"""A row of two to four headline figures side by side."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from ..model.block import Block
from ..theme.model import Spacing
from .base import CheckContext, ComposeContext, register
from .boxes import Row
from .figure import FIGURE_STYLES, FigureData, check_figure, figure_flowable


@dataclass(frozen=True, kw_only=True)
class RowFigure(FigureData):
    yaml_name = "figure"


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureRow(Block):
    """Two to four headline figures in a row."""

    figures: tuple[RowFigure, ...] = field(metadata={"doc": "two to four figures"})

    @property
    def ref_name(self) -> str:
        return " / ".join(" ".join(f.label.split()[:4]) for f in self.figures)

    def snapshot(self) -> dict[str, str]:
        return {f"figure {i}": f"{f.prefix}{f.value if f.ref is None else '{=' + f.ref + '}'}{f.suffix} "
                f"({f.format}): {f.label}" for i, f in enumerate(self.figures, start=1)}

    def depends_on(self) -> tuple[str, ...]:
        return tuple(f.ref.split(".")[0] for f in self.figures if f.ref)


def check(block: FigureRow, ctx: CheckContext) -> None:
    if not 2 <= len(block.figures) <= 4:
        ctx.sink.error(block.span_of("figures"), f"a figure row holds 2 to 4 figures, not {len(block.figures)}",
                       "use single 'figure' blocks for one figure or more than four")
    for fig in block.figures:
        check_figure(fig, block, ctx)


def compose(block: FigureRow, ctx: ComposeContext) -> list[Flowable]:
    row = Row([figure_flowable(f, ctx) for f in block.figures], ctx.theme.layout.gutter)
    look = ctx.look("figure_row", Spacing)
    row.spaceBefore, row.spaceAfter = look.space_before, look.space_after
    return [row]


register("figure_row", FigureRow, check, compose, styles=FIGURE_STYLES, looks=("figure", "figure_row"))

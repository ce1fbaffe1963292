"""Headline figure: a big number with its label, beside a coloured rule."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from ..diagnostics import did_you_mean
from ..model.block import Block
from ..model.numbers import NumberFormat, Quantity, format_number
from ..theme.model import Rule
from .base import CheckContext, ComposeContext, register
from .boxes import Panel, Stack
from .markup import MARKUP_STYLES, check_text, paragraph
from .text import TextFlow
from .typeset import Run


@dataclass(frozen=True, kw_only=True)
class FigureData:
    """The fields of one headline figure (shared with ``figure_row``).

    Without slots, so that :class:`Figure` can combine it with :class:`Block`.
    """

    value: Decimal | str | None = field(default=None, metadata={"doc": "the number, or text such as '1 in 6'"})
    ref: str | None = field(default=None, metadata={"doc": "take the number from a table, figure or chart"})
    format: NumberFormat = field(default="number", metadata={"doc": "number (27,644) or percent (16%)"})
    prefix: str = field(default="", metadata={"doc": "text before the number, e.g. '$'"})
    suffix: str = field(default="", metadata={"doc": "text after the number, e.g. ' million'"})
    label: str = field(metadata={"doc": "what the number counts, in the inline markup"})
    footnote: str | None = field(default=None, metadata={"doc": "footnote mark shown after the number"})


@dataclass(frozen=True, kw_only=True)
class Figure(Block, FigureData):
    """A headline figure: a big number and its label."""

    @property
    def ref_name(self) -> str:
        return self.label[:40]

    def depends_on(self) -> tuple[str, ...]:
        return (self.ref.split(".")[0],) if self.ref else ()

    def quantities(self) -> Iterable[tuple[str, Quantity]]:
        if self.id and isinstance(self.value, Decimal):
            yield self.id, Quantity(self.value, self.format, self.span_of("value"))


def check_figure(fig: FigureData, owner: Block, ctx: CheckContext) -> None:
    if (fig.value is None) == (fig.ref is None):
        ctx.sink.error(owner.span, "a figure needs exactly one of 'value' and 'ref'")
    if fig.ref is not None and fig.ref not in ctx.quantities:
        ctx.sink.error(owner.span_of("ref") if isinstance(owner, Figure) else owner.span,
                       f"'ref': '{fig.ref}' names no number in this edition", *did_you_mean(fig.ref, ctx.quantities))
    check_text(fig.label, owner.span_of("label") if isinstance(owner, Figure) else owner.span, ctx, "label")


def value_text(fig: FigureData, ctx: ComposeContext) -> str:
    if fig.ref is not None:
        q = ctx.quantities[fig.ref]
        number = format_number(q.value, q.format if fig.format == "number" else fig.format, ctx.numbers)
    elif isinstance(fig.value, Decimal):
        number = format_number(fig.value, fig.format, ctx.numbers)
    else:
        number = str(fig.value)
    return fig.prefix + number + fig.suffix


class FigureValue(Flowable):
    """The big number, set smaller when it would not fit its column on one line: a headline
    figure never wraps ("114.8 million" in a row of four)."""

    def __init__(self, text: str, footnote: str | None, ctx: ComposeContext) -> None:
        super().__init__()
        self.text, self.footnote, self.styles = text, footnote, ctx.theme.styles
        self.node = ctx.tags.add("P")
        self.para: TextFlow | None = None

    def _make(self, aw: float) -> TextFlow:
        base = self.styles.para("figure.value")
        mark_text = self.footnote or ""
        needed = stringWidth(self.text + mark_text, base.fontName, base.fontSize) + 1
        style = self.styles.scaled("figure.value", aw / needed) if needed > aw else base
        runs = [Run(self.text, style.fontName, style.fontSize, style.textColor)]
        if mark_text:  # a superscript footnote mark, half size
            runs.append(Run(mark_text, style.fontName, round(style.fontSize * 0.5, 1), style.textColor,
                            rise=round(style.fontSize * 0.42, 1)))
        return TextFlow(runs, style, self.node)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.para = self._make(aw)
        self.width, self.height = self.para.wrap(aw, ah)
        return self.width, self.height

    def draw(self) -> None:
        assert self.para is not None
        self.para.drawOn(self.canv, 0, 0)


#: The styles a figure is set in, alone or in a row of figures.
FIGURE_STYLES = ("figure.value", "figure.label", *MARKUP_STYLES)


def figure_flowable(fig: FigureData, ctx: ComposeContext) -> Flowable:
    look = ctx.look("figure", Rule)
    value = FigureValue(value_text(fig, ctx), fig.footnote, ctx)
    label = paragraph(fig.label, "figure.label", ctx)
    return Panel(Stack([value, label]), ctx.theme.palette.color(look.rule), look.rule_width, indent=look.gap)


def check(block: Figure, ctx: CheckContext) -> None:
    check_figure(block, block, ctx)


def compose(block: Figure, ctx: ComposeContext) -> list[Flowable]:
    flowable = figure_flowable(block, ctx)
    look = ctx.look("figure", Rule)
    flowable.spaceBefore, flowable.spaceAfter = look.space_before, look.space_after
    return [flowable]


register("figure", Figure, check, compose, styles=FIGURE_STYLES, looks=("figure",))

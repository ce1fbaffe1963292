"""Pull quote: large italic text beside a coloured rule, with an optional attribution."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from ..model.block import Block
from ..theme.model import Rule
from .base import CheckContext, ComposeContext, register
from .boxes import Panel, Stack
from .markup import MARKUP_STYLES, check_text, paragraph, plain_paragraph


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote(Block):
    """A pull quote with an optional attribution."""

    text: str = field(metadata={"doc": "the quotation, in the inline markup"})
    attribution: str | None = field(default=None, metadata={"doc": "who said it (plain text)"})

    @property
    def ref_name(self) -> str:
        return self.text[:40]


def check(block: Quote, ctx: CheckContext) -> None:
    check_text(block.text, block.span_of("text"), ctx)


def compose(block: Quote, ctx: ComposeContext) -> list[Flowable]:
    look = ctx.look("quote", Rule)
    with ctx.tags.inside(ctx.tags.add("BlockQuote")):
        items = [paragraph(block.text, "quote.text", ctx)]
        if block.attribution:
            items.append(plain_paragraph("— " + block.attribution, "quote.attribution", ctx))
    panel = Panel(Stack(items), ctx.theme.palette.color(look.rule), look.rule_width, indent=look.indent)
    panel.spaceBefore, panel.spaceAfter = look.space_before, look.space_after
    return [panel]


register("quote", Quote, check, compose, styles=("quote.text", "quote.attribution", *MARKUP_STYLES), looks=("quote",))

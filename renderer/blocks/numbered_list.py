"""List: numbered highlights (big numbers) or bulleted items, each item its own flowable."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from ..model.block import Block
from ..theme.fonts import ink_middle, x_height
from ..theme.model import ListLook
from .base import CheckContext, ComposeContext, register
from .boxes import Row
from .markup import MARKUP_STYLES, check_text, paragraph, plain_paragraph
from .text import TextFlow
from .typeset import Run


@dataclass(frozen=True, slots=True, kw_only=True)
class ListBlock(Block):
    """A numbered or bulleted list."""

    items: tuple[str, ...] = field(metadata={"doc": "the items, each in the inline markup"})
    numbered: bool = field(default=True, metadata={"doc": "numbers (true) or bullets (false)"})
    start: int = field(default=1, metadata={"min": 0, "max": 1_000_000, "doc": "the first number"})

    @property
    def ref_name(self) -> str:
        return f"list of {len(self.items)}"


#: Each item is a row of its own on the page; a list of more is no longer read as a list, and
#: laying out hundreds of thousands of them (a 1 MB file of one-letter items) took minutes.
MAX_ITEMS = 2_000


def check(block: ListBlock, ctx: CheckContext) -> None:
    if not block.items:
        ctx.sink.error(block.span_of("items"), "a list needs at least one item")
    if len(block.items) > MAX_ITEMS:
        ctx.sink.error(block.span_of("items"), f"a list holds at most {MAX_ITEMS:,} items, not {len(block.items):,}",
                       "split it into several lists, or make it a table")
        return
    for item in block.items:
        check_text(item, block.span_of("items"), ctx, "item")


def compose(block: ListBlock, ctx: ComposeContext) -> list[Flowable]:
    look = ctx.look("list", ListLook)
    width = look.number_width
    out: list[Flowable] = []
    listed = ctx.tags.add("L")
    for i, item in enumerate(block.items):
        with ctx.tags.inside(listed.add("LI")):
            label = (plain_paragraph(f"{block.start + i}", "list.number", ctx, role="Lbl") if block.numbered
                     else bullet(ctx))
            body = paragraph(item, "list.item", ctx, role="LBody")
        row = Row([label, body], 4, fixed_first=width)
        row.spaceAfter = look.item_space_after
        out.append(row)
    return out


BULLET = "\u2022"


def bullet(ctx: ComposeContext) -> TextFlow:
    """The bullet, its ink centred on the middle of the x-height of the item's first line
    (a bullet set on the item's baseline in a larger size would sit below or above it)."""
    mark, item = ctx.theme.styles.para("list.number"), ctx.theme.styles.para("list.item")
    middle = ink_middle(mark.fontName, BULLET)
    # Both first baselines stand one font size under the row's top; lift the bullet's to
    # where its ink's middle meets the middle of the item's x-height.
    rise = 0.0 if middle is None else (mark.fontSize - item.fontSize + x_height(item.fontName) * item.fontSize / 2
                                       - middle * mark.fontSize)
    return TextFlow([Run(BULLET, mark.fontName, mark.fontSize, mark.textColor, rise=rise)], mark,
                    ctx.tags.add("Lbl"))


register("list", ListBlock, check, compose, styles=("list.number", "list.item", *MARKUP_STYLES), looks=("list",))

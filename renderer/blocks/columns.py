"""Columns: blocks side by side in two or three equal columns (e.g. two donut charts)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reportlab.platypus import Flowable

from ..model.block import Block
from ..theme.model import Spacing
from .base import CheckContext, ComposeContext, compose_block, register
from .boxes import Row, Stack


@dataclass(frozen=True, slots=True, kw_only=True)
class Columns(Block):
    """Blocks set side by side in two or three columns."""

    columns: tuple[tuple[Block, ...], ...] = field(metadata={"doc": "two or three lists of blocks"})

    @property
    def ref_name(self) -> str:
        return f"{len(self.columns)} columns"

    def children(self) -> tuple[Block, ...]:
        return tuple(b for col in self.columns for b in col)

    def with_children(self, blocks: tuple[Block, ...]) -> Columns:
        out, i = [], 0
        for col in self.columns:
            out.append(blocks[i:i + len(col)])
            i += len(col)
        return replace(self, columns=tuple(out))


def check(block: Columns, ctx: CheckContext) -> None:
    if not 2 <= len(block.columns) <= 3:
        ctx.sink.error(block.span_of("columns"), f"columns holds 2 or 3 columns, not {len(block.columns)}")
    for child in block.children():
        if isinstance(child, Columns):
            ctx.sink.error(child.span, "columns cannot be nested")


def compose(block: Columns, ctx: ComposeContext) -> list[Flowable]:
    gutter = ctx.theme.layout.gutter
    width = (ctx.width - gutter * (len(block.columns) - 1)) / len(block.columns)
    inner = ctx.narrower(width)
    stacks = [Stack([f for b in col for f in compose_block(b, inner)]) for col in block.columns]
    row = Row(stacks, gutter)
    look = ctx.look("columns", Spacing)
    row.spaceBefore, row.spaceAfter = look.space_before, look.space_after
    return [row]


register("columns", Columns, check, compose, looks=("columns",))

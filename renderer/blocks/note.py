"""Note: a footnote or small print, optionally introduced by its mark (``*``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from ..model.block import Block
from .base import CheckContext, ComposeContext, register
from .markup import MARKUP_STYLES, check_text, runs
from .text import TextFlow
from .typeset import Run


@dataclass(frozen=True, slots=True, kw_only=True)
class Note(Block):
    """A note or footnote in small type."""

    text: str = field(metadata={"doc": "the note, in the inline markup"})
    mark: str | None = field(default=None, metadata={"doc": "footnote mark it explains, e.g. '*'"})

    @property
    def ref_name(self) -> str:
        return "note " + self.text[:30]


def check(block: Note, ctx: CheckContext) -> None:
    check_text(block.text, block.span_of("text"), ctx)


def compose(block: Note, ctx: ComposeContext) -> list[Flowable]:
    style = ctx.theme.styles.para("note.text")
    mark = [Run(block.mark + " ", ctx.theme.styles.variant(style.fontName, True, False), style.fontSize,
                style.textColor)] if block.mark else []
    return [TextFlow(mark + runs(block.text, style, ctx), style, ctx.tags.note())]


register("note", Note, check, compose, styles=("note.text", *MARKUP_STYLES))

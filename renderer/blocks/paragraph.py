"""Paragraph: running text in the content's inline markup."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from reportlab.platypus import Flowable

from ..model.block import Block
from ..model.markup import parse, plain_text, refs
from .base import CheckContext, ComposeContext, register
from .markup import MARKUP_STYLES, check_text, paragraph

STYLES = {"body": "body", "lead": "body.lead", "small": "body.small",
          "title": "cover.title", "subtitle": "cover.subtitle", "kicker": "cover.small"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Paragraph(Block):
    """A paragraph of text in the inline markup."""

    text: str = field(metadata={"doc": "the text, in the inline markup"})
    style: Literal["body", "lead", "small", "title", "subtitle", "kicker"] = field(
        default="body", metadata={"doc": "body, lead (larger intro), small; title/subtitle/kicker for covers"})

    @property
    def ref_name(self) -> str:
        try:
            return " ".join(plain_text(parse(self.text)).split()[:8])
        except ValueError:
            return self.text[:40]


    def depends_on(self) -> tuple[str, ...]:
        try:
            return tuple(dict.fromkeys(key.split(".")[0] for key in refs(parse(self.text))))
        except ValueError:
            return ()


def check(block: Paragraph, ctx: CheckContext) -> None:
    check_text(block.text, block.span_of("text"), ctx)


def compose(block: Paragraph, ctx: ComposeContext) -> list[Flowable]:
    return [paragraph(block.text, STYLES[block.style], ctx)]


register("paragraph", Paragraph, check, compose, styles=(*STYLES.values(), *MARKUP_STYLES))

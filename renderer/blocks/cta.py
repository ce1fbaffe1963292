"""Call to action: a tinted panel with a title, a short text and an optional link."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from ..model.block import Block
from ..model.markup import LINK_SCHEMES
from ..theme.model import Rule
from .base import CheckContext, ComposeContext, register
from .boxes import Panel, Stack
from .markup import MARKUP_STYLES, check_text, link_run, paragraph, plain_paragraph
from .text import TextFlow


@dataclass(frozen=True, slots=True, kw_only=True)
class CtaLink:
    yaml_name = "link"
    label: str = field(metadata={"doc": "the link's text"})
    url: str = field(metadata={"doc": "https://, http:// or mailto: address"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Cta(Block):
    """A call-to-action panel: a title, a message and links."""

    title: str = field(metadata={"doc": "the panel's title"})
    text: str = field(default="", metadata={"doc": "the message, in the inline markup"})
    link: CtaLink | None = field(default=None, metadata={"doc": "where to act"})

    @property
    def ref_name(self) -> str:
        return self.title


def check(block: Cta, ctx: CheckContext) -> None:
    if block.text:
        check_text(block.text, block.span_of("text"), ctx)
    if block.link and block.link.url.split(":", 1)[0].lower() not in LINK_SCHEMES:
        ctx.sink.error(block.span_of("link"), f"link '{block.link.url}' is not allowed",
                       "links must start with https://, http:// or mailto:")


def compose(block: Cta, ctx: ComposeContext) -> list[Flowable]:
    look = ctx.look("cta", Rule)
    items: list[Flowable] = [plain_paragraph(block.title, "cta.title", ctx)]
    if block.text:
        items.append(paragraph(block.text, "cta.text", ctx))
    if block.link:
        style = ctx.theme.styles.para("cta.link")
        items.append(TextFlow([link_run(block.link.label, block.link.url, style, style.textColor, ctx)], style,
                              ctx.tags.add("P")))
    fill = ctx.theme.palette.color(look.fill) if look.fill else None
    panel = Panel(Stack(items), ctx.theme.palette.color(look.rule), look.rule_width, fill=fill,
                  padding=look.padding, rule_on="top")
    panel.spaceBefore, panel.spaceAfter = look.space_before, look.space_after
    return [panel]


register("cta", Cta, check, compose, styles=("cta.title", "cta.text", "cta.link", *MARKUP_STYLES), looks=("cta",))

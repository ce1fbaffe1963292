"""Heading: a section banner (level 1) or a sub-heading (levels 2 and 3).

Level-1 headings open a section: they appear in the contents, the outline and the running
footer. Every heading is kept with what follows it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable

from ..diagnostics import Sink
from ..model.block import Block, slug
from ..theme.model import Banner as BannerLook
from .base import CheckContext, ComposeContext, register
from .markup import plain_paragraph
from .sources import HeadingMark


@dataclass(frozen=True, slots=True, kw_only=True)
class Heading(Block):
    """A section heading (level 1) or sub-heading."""

    text: str = field(metadata={"doc": "the heading's text (plain, no markup)"})
    level: int = field(default=2, metadata={"doc": "1 section, 2 sub-heading, 3 minor"})
    expect_folio: int | None = field(default=None, metadata={"min": 1, "max": 100_000,
                                                               "doc": "the folio this heading must land on"})
    contents: bool = field(default=True, metadata={"doc": "level 1: list it in the contents"})

    @property
    def ref_name(self) -> str:
        return self.text


#: A heading names its section in the contents, the outline and the running footer: longer
#: than this it is a paragraph typed as a heading (and one of 10,000 characters made the
#: contents list too tall for any page).
MAX_HEADING = 300


def check(block: Heading, ctx: CheckContext) -> None:
    if len(block.text) > MAX_HEADING:
        ctx.sink.error(block.span_of("text"), f"heading of {len(block.text):,} characters is too long "
                       f"(at most {MAX_HEADING})", "keep the heading short and put the rest in a paragraph")
    if block.level not in (1, 2, 3):
        ctx.sink.error(block.span_of("level"), f"'level': expected 1, 2 or 3, got {block.level}")
    if block.expect_folio is not None and block.level != 1:
        ctx.sink.warning(block.span_of("expect_folio"), "'expect_folio' is checked on level-1 headings only")


def check_levels(headings: Iterable[Heading], sink: Sink) -> None:
    """In a tagged file the headings are the outline a screen reader moves by (H1, H2, H3):
    it starts at level 1 and goes down one level at a time (PDF/UA-1, Matterhorn 14-002 and
    14-003), so a skip is refused at the heading that makes it. Going back up any number of
    levels is allowed."""
    previous: Heading | None = None
    for heading in headings:
        if heading.level not in (1, 2, 3):
            continue  # refused by check()
        if previous is None and heading.level != 1:
            sink.error(heading.span_of("level"), f"the first heading, '{_short(heading.text)}', is level "
                       f"{heading.level}: the headings of a tagged edition start at level 1",
                       "make it level 1, or open the report with a level-1 heading")
        elif previous is not None and heading.level > previous.level + 1:
            sink.error(heading.span_of("level"), f"heading '{_short(heading.text)}' is level {heading.level} "
                       f"after level {previous.level} ('{_short(previous.text)}' at {previous.span}): "
                       f"a tagged edition skips no level going down",
                       f"make it level {previous.level + 1}")
        previous = heading


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def heading_mark(block: Heading, text: str) -> HeadingMark:
    """The mark of a heading set as ``text``."""
    return HeadingMark("h-" + (slug(block.id) or "x"), block.text, text, block.level, block.expect_folio,
                       block.level == 1 and block.contents,
                       block.span_of("expect_folio") if block.expect_folio is not None else block.span)


class Banner(Flowable):
    """A section opener: a full-width coloured band with the title, bled off both page edges."""

    def __init__(self, para: Flowable, ctx: ComposeContext) -> None:
        super().__init__()
        look = ctx.look("banner", BannerLook)
        self.para = para
        self.fill = ctx.theme.palette.color(look.fill)
        self.accent = ctx.theme.palette.color(look.accent)
        self.look = look
        self.page_width, self.page_height = ctx.theme.layout.page_size
        self.top_margin = ctx.theme.layout.margins.top
        self.spaceAfter = look.space_after

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        _, h = self.para.wrap(aw, ah)
        self.width, self.height = aw, max(self.look.height, h + 2 * self.look.padding)
        return self.width, self.height

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        self._x_on_page, self._y_on_page = x, y
        super().drawOn(canvas, x, y, _sW)  # type: ignore[call-arg]

    def draw(self) -> None:
        c = self.canv
        left = -self._x_on_page  # the band runs to both page edges (and into the bleed)
        c.saveState()
        c.setFillColor(self.fill)
        # At the top of a page the band also fills the top margin, up into the bleed.
        gap = self.page_height - (self._y_on_page + self.height)
        above = gap + 20 if gap <= self.top_margin + 1 else 0
        c.rect(left - 20, 0, self.page_width + 40, self.height + above, stroke=0, fill=1)
        c.setFillColor(self.accent)
        c.rect(0, self.look.padding - 10, 48, self.look.accent_height, stroke=0, fill=1)
        c.restoreState()
        _, h = self.para.wrap(self.width, self.height)
        self.para.drawOn(c, 0, self.look.padding)


def compose(block: Heading, ctx: ComposeContext) -> list[Flowable]:
    style = f"heading.{block.level}"
    if block.level == 1:
        ctx.tags.section()
    para = plain_paragraph(block.text, style, ctx, role=f"H{block.level}")
    flowable: Flowable = Banner(para, ctx) if block.level == 1 else para
    flowable.keepWithNext = True
    ctx.sources.note(flowable, heading=heading_mark(block, para.text))
    return [flowable]


register("heading", Heading, check, compose, styles=("heading.1", "heading.2", "heading.3"), looks=("banner",))

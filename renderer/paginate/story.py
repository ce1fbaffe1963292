"""The story: every page file's blocks composed into flowables, each page file on a new page."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak
from reportlab.rl_config import overlapAttachedSpace

from ..blocks.base import ComposeContext, compose_block
from ..model.edition import Edition, Page
from ..theme import Theme


class PageFileStart(Flowable):
    """Takes no room: marks where a page file's blocks begin, so that the document knows
    which page file each page belongs to (a page it flows onto, one that runs over)."""

    def __init__(self, page: Page) -> None:
        super().__init__()
        self.page = page
        self.width = self.height = 0.0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        """Nothing to draw."""


class PushDown(Flowable):
    """Takes up the room the rest of its page does not need, so that a page's blocks sit at
    the foot of the page (covers, closing pages: ``valign: bottom`` in the template).

    The frame puts each block's space before it (this one stands before the first, so the
    first's too) and its space after it, the two overlapping between blocks as reportlab's
    ``overlapAttachedSpace`` says (the larger of the two, by default); the last block's space
    after is not room it needs: the last block's foot lands on the foot of the text area."""

    def __init__(self, following: list[Flowable]) -> None:
        super().__init__()
        self.following = following

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        used = after = 0.0
        for f in self.following:
            before = f.getSpaceBefore()
            used += f.wrap(aw, ah)[1] + (max(before - after, 0.0) if overlapAttachedSpace else before) + after
            after = f.getSpaceAfter()
        self.width, self.height = aw, max(0.0, ah - used)
        return self.width, self.height

    def draw(self) -> None:
        """Nothing to draw: it is only room."""


def build_story(edition: Edition, theme: Theme, ctx: ComposeContext) -> list[Any]:
    story: list[Any] = []
    for i, page in enumerate(edition.pages):
        if i:
            story += [NextPageTemplate(page.template), PageBreak()]
        flowables = [f for block in page.blocks for f in compose_block(block, ctx)]
        story.append(PageFileStart(page))
        if theme.template(page.template).valign == "bottom":
            story.append(PushDown(flowables))
        story += flowables
    return story

"""The story: every page file's blocks composed into flowables, each page file on a new page."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from ..blocks.base import ComposeContext, compose_block
from ..model.edition import Edition
from ..theme import Theme


class PushDown(Flowable):
    """Takes up the room the rest of its page does not need, so that a page's blocks sit at
    the foot of the page (covers, closing pages: ``valign: bottom`` in the template)."""

    def __init__(self, following: list[Flowable]) -> None:
        super().__init__()
        self.following = following

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        used = 0.0
        for i, f in enumerate(self.following):
            used += f.wrap(aw, ah)[1] + (f.getSpaceBefore() if i else 0) + f.getSpaceAfter()
        self.width, self.height = aw, max(0.0, ah - used - 1)
        return self.width, self.height

    def draw(self) -> None:
        """Nothing to draw: it is only room."""


def build_story(edition: Edition, theme: Theme, ctx: ComposeContext) -> list[Any]:
    story: list[Any] = []
    for i, page in enumerate(edition.pages):
        if i:
            story += [NextPageTemplate(page.template), PageBreak()]
        flowables = [f for block in page.blocks for f in compose_block(block, ctx)]
        if theme.template(page.template).valign == "bottom":
            story.append(PushDown(flowables))
        story += flowables
    return story

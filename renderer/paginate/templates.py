"""Page templates from ``layout/templates.yaml``: background, top band, running footer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import PageTemplate

from ..theme import Theme
from ..theme.model import Template
from .frames import PlacementSink, RecordingFrame

BLEED = 9.0  # backgrounds run this far past the trim edge, ready for a press bleed



def build_templates(theme: Theme, sink: PlacementSink, on_page: Callable[[str], None],
                    footer: Callable[[Any, str], None]) -> list[PageTemplate]:
    out = []
    width, height = theme.layout.page_size
    for name, tpl in theme.layout.templates.items():
        m = tpl.margins or theme.layout.margins
        frame = RecordingFrame(m.left, m.bottom, width - m.left - m.right, height - m.top - m.bottom,
                               leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                               id=f"{name}-main", sink=sink)
        out.append(PageTemplate(id=name, frames=[frame], pagesize=(width, height),
                                onPage=_background(theme, tpl, name, on_page),
                                onPageEnd=_footer(name, footer)))
    return out


def _background(theme: Theme, tpl: Template, name: str, on_page: Callable[[str], None]) -> Callable[[Any, Any], None]:
    width, height = theme.layout.page_size

    def draw(canvas: Any, doc: Any) -> None:
        on_page(name)
        canvas.saveState()
        if tpl.background:
            canvas.setFillColor(theme.palette.color(tpl.background))
            canvas.rect(-BLEED, -BLEED, width + 2 * BLEED, height + 2 * BLEED, stroke=0, fill=1)
        if tpl.band and tpl.band_fill:
            canvas.setFillColor(theme.palette.color(tpl.band_fill))
            canvas.rect(-BLEED, height - tpl.band, width + 2 * BLEED, tpl.band + BLEED, stroke=0, fill=1)
        canvas.restoreState()

    return draw


def _footer(name: str, footer: Callable[[Any, str], None]) -> Callable[[Any, Any], None]:
    def draw(canvas: Any, doc: Any) -> None:
        footer(canvas, name)

    return draw

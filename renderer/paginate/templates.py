"""Page templates from ``layout/templates.yaml``: background, top band, running footer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import PageTemplate

from ..theme import Theme
from ..theme.model import Template
from .frames import PlacementSink, RecordingFrame


def build_templates(theme: Theme, sink: PlacementSink, on_page: Callable[[str], None],
                    footer: Callable[[Any, str], None]) -> list[PageTemplate]:
    """One reportlab page template per template in ``layout/``.

    Frames and decorations are placed in trim coordinates; on a press sheet each page is
    shifted to where its trim box sits and clipped to its bleed box (the profile's
    ``begin_page``, called from :func:`_background`).
    """
    out = []
    width, height = theme.layout.page_size
    for name, tpl in theme.layout.templates.items():
        m = tpl.margins or theme.layout.margins
        frame = RecordingFrame(m.left, m.bottom, width - m.left - m.right, height - m.top - m.bottom,
                               leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                               id=f"{name}-main", sink=sink)
        out.append(PageTemplate(id=name, frames=[frame], pagesize=theme.geometry.media,
                                onPage=_background(theme, tpl, name, on_page),
                                onPageEnd=_footer(name, footer)))
    return out


def _background(theme: Theme, tpl: Template, name: str, on_page: Callable[[str], None]) -> Callable[[Any, Any], None]:
    width, height = theme.layout.page_size
    g = theme.geometry
    bleed = g.bleed

    def draw(canvas: Any, doc: Any) -> None:
        on_page(name)
        theme.profile.begin_page(canvas, g)  # ended in the footer, before the printer's marks
        canvas.saveState()
        if tpl.background:
            canvas.setFillColor(theme.palette.color(tpl.background))
            canvas.rect(-bleed, -bleed, width + 2 * bleed, height + 2 * bleed, stroke=0, fill=1)
        if tpl.band and tpl.band_fill:
            canvas.setFillColor(theme.palette.color(tpl.band_fill))
            canvas.rect(-bleed, height - tpl.band, width + 2 * bleed, tpl.band + bleed, stroke=0, fill=1)
        canvas.restoreState()

    return draw


def _footer(name: str, footer: Callable[[Any, str], None]) -> Callable[[Any, Any], None]:
    def draw(canvas: Any, doc: Any) -> None:
        footer(canvas, name)

    return draw

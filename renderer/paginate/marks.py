"""Printer's marks for the press profile: crop marks outside the bleed, optional registration
targets, and a slug line naming the job. Drawn in 100% K so that they never add ink limits'
worth of four-colour black and print on every plate's proof the same way."""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..theme import Geometry
from ..theme.running import fit_running

MARK_LENGTH = 18.0
SLUG_SIZE = 6.0
MARK_WIDTH = 0.3  # above the 0.25 pt that presses can hold


def draw_crop_marks(canvas: Any, g: Geometry) -> None:
    x0, y0, x1, y1 = g.trim_box
    gap = g.bleed + 3  # marks start outside the bleed, never inside the trim
    canvas.saveState()
    canvas.setStrokeColorCMYK(0, 0, 0, 1)
    canvas.setLineWidth(MARK_WIDTH)
    for x, dx in ((x0, -1), (x1, 1)):
        for y, dy in ((y0, -1), (y1, 1)):
            canvas.line(x + dx * gap, y, x + dx * (gap + MARK_LENGTH), y)
            canvas.line(x, y + dy * gap, x, y + dy * (gap + MARK_LENGTH))
    canvas.restoreState()


def draw_registration(canvas: Any, g: Geometry) -> None:
    x0, y0, x1, y1 = g.trim_box
    r = 5.0
    canvas.saveState()
    canvas.setStrokeColorCMYK(0, 0, 0, 1)
    canvas.setLineWidth(MARK_WIDTH)
    for cx, cy in (((x0 + x1) / 2, y0 - g.bleed - 3 - r - 8), ((x0 + x1) / 2, y1 + g.bleed + 3 + r + 8)):
        canvas.circle(cx, cy, r, stroke=1, fill=0)
        canvas.line(cx - r - 3, cy, cx + r + 3, cy)
        canvas.line(cx, cy - r - 3, cx, cy + r + 3)
    canvas.restoreState()


def draw_slug(canvas: Any, g: Geometry, font: str, title: str, job: str) -> None:
    """``title`` and then ``job`` (date, page, standard) between the crop marks: a long title
    is cut, so the page it names is never lost."""
    x0, y0, x1, _ = g.trim_box
    left, right = x0 + MARK_LENGTH + g.bleed + 8, x1 - MARK_LENGTH - g.bleed - 8

    def measure(t: str) -> float:
        return stringWidth(t, font, SLUG_SIZE)

    text = fit_running(title, right - left - measure(job), measure) + job
    canvas.saveState()
    canvas.setFillColorCMYK(0, 0, 0, 1)
    canvas.setFont(font, SLUG_SIZE)
    canvas.drawString(left, y0 - g.bleed - 14, text)
    canvas.restoreState()

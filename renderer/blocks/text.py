"""Plain text in one style: most labels, captions, headings and numbers have no inline markup,
and setting them line by line is several times faster than reportlab's paragraph parser."""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable


class PlainText(Flowable):
    """Text wrapped at word boundaries (long words broken) and drawn in a single style."""

    def __init__(self, text: str, style: ParagraphStyle, lines: list[str] | None = None) -> None:
        super().__init__()
        self.text, self.style = text, style
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self._lines = lines
        self._wrapped_at: float | None = None

    def _split(self, width: float) -> list[str]:
        s = self.style
        lines: list[str] = []
        for part in self.text.split("\n"):
            lines += simpleSplit(part, s.fontName, s.fontSize, width) or [""]
        return lines

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        if self._wrapped_at != aw:
            self._lines = self._split(aw)
            self._wrapped_at = aw
        assert self._lines is not None
        self.width, self.height = aw, len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        self.wrap(aw, ah)
        assert self._lines is not None
        fit = int(ah // self.style.leading)
        if fit < 2 or len(self._lines) - fit < 2:
            return []  # no widows or orphans: move it whole
        head, tail = self._lines[:fit], self._lines[fit:]
        first = PlainText(" ".join(head), self.style, head)
        second = PlainText(" ".join(tail), self.style, tail)
        for part in (first, second):
            part._wrapped_at = aw
        first.spaceAfter, second.spaceBefore = 0, 0
        return [first, second]

    def draw(self) -> None:
        assert self._lines is not None
        s = self.style
        c: Any = self.canv
        c.setFont(s.fontName, s.fontSize)
        c.setFillColor(s.textColor)
        # The first baseline sits where reportlab's paragraphs put it: one font size down.
        y = self.height - s.fontSize
        for line in self._lines:
            if s.alignment == TA_RIGHT:
                c.drawRightString(self.width, y, line)
            elif s.alignment == TA_CENTER:
                c.drawCentredString(self.width / 2, y, line)
            else:
                c.drawString(0, y, line)
            y -= s.leading

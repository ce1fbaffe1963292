"""Text flowables: a block of runs in one paragraph style, broken into lines and drawn by
:mod:`.typeset` (several times faster than reportlab's paragraph parser)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from .typeset import Line, Run, TextWriter, break_lines, draw_lines, line_text, runs_of, words


class TextFlow(Flowable):
    """Runs of text set in a paragraph style: its leading, alignment and spacing.

    The line breaks depend only on the width, and platypus wraps a flowable several times
    (keep-with-next groups, split attempts, the final placement), so they are kept per width.
    """

    def __init__(self, runs: Sequence[Run], style: ParagraphStyle, lines: list[Line] | None = None,
                 wrapped_at: float | None = None) -> None:
        super().__init__()
        self.runs, self.style = tuple(runs), style
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self._lines = lines
        self._wrapped_at = wrapped_at

    @property
    def text(self) -> str:
        """The text as a reader sees it (without line breaks)."""
        return "".join(run.text for run in self.runs)

    def _break(self, width: float) -> list[Line]:
        if self._lines is None or self._wrapped_at != width:
            self._lines = break_lines(words(self.runs), width, self.style.spaceShrinkage)
            self._wrapped_at = width
        return self._lines

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        lines = self._break(aw)
        self.width, self.height = aw, len(lines) * self.style.leading
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        lines = self._break(aw)
        fit = min(int((ah + 1e-6) // self.style.leading), len(lines) - 2)  # a widow takes a line along
        if fit < 2:
            return []  # no orphan: move it whole
        head, tail = lines[:fit], lines[fit:]
        first = TextFlow(runs_of(head), self.style, head, aw)
        second = TextFlow(runs_of(tail), self.style, tail, aw)
        first.spaceAfter, second.spaceBefore = 0, 0
        return [first, second]

    def lines(self) -> list[str]:
        """The text of each line as last wrapped."""
        return [line_text(line) for line in self._lines or []]

    def draw(self) -> None:
        writer = TextWriter(self.canv)
        self.write(writer, 0, 0)
        writer.finish()

    def write(self, writer: TextWriter, x: float, y: float) -> None:
        """Write the wrapped lines into a shared text object, the box's bottom left at (x, y)."""
        assert self._lines is not None
        s = self.style
        # The first baseline sits where reportlab's paragraphs put it: one font size down.
        draw_lines(writer, self._lines, x, y + self.height, self.width, s.leading, s.fontSize, s.alignment)


def plain(text: str, style: ParagraphStyle) -> TextFlow:
    """Text in one style, taken literally."""
    return TextFlow([Run(text, style.fontName, style.fontSize, style.textColor)], style)

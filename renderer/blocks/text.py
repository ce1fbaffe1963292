"""Text flowables: a block of runs in one paragraph style, broken into lines and drawn by
:mod:`.typeset` (several times faster than reportlab's paragraph parser)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from .tags import Node
from .typeset import Line, Run, TextWriter, draw_lines, line_text, runs_of
from .typeset.memo import broken_lines


class TextFlow(Flowable):
    """Runs of text set in a paragraph style: its leading, alignment and spacing.

    The line breaks depend only on the width, and platypus wraps a flowable several times
    (keep-with-next groups, split attempts, the final placement), so they are kept per width.

    A paragraph that runs over many pages is split once per page, and each time the rest goes
    on. So the parts of a split share the first part's list of lines and each holds only where
    its own lines start and stop in it: a split costs the lines of the page it leaves, not the
    rest of the paragraph, and a part's runs are made from its lines only when asked for
    (when the rest lands in a frame of another width and must be broken again).
    """

    def __init__(self, runs: Sequence[Run], style: ParagraphStyle, node: Node | None = None) -> None:
        super().__init__()
        self.style = style
        self.node = node  # the structure element whose content it is (tagged PDF)
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self._runs: tuple[Run, ...] | None = tuple(runs)
        self._all: list[Line] = []   # the lines as broken at ``_wrapped_at``, shared between parts
        self._start = self._stop = 0  # this part's lines are ``_all[_start:_stop]``
        self._wrapped_at: float | None = None

    @staticmethod
    def part(whole: TextFlow, start: int, stop: int) -> TextFlow:
        """The lines ``start:stop`` of the broken lines ``whole`` shares, as a flowable."""
        flow = TextFlow((), whole.style, whole.node)
        flow._runs = None
        flow._all, flow._start, flow._stop, flow._wrapped_at = whole._all, start, stop, whole._wrapped_at
        return flow

    @property
    def runs(self) -> tuple[Run, ...]:
        if self._runs is None:
            self._runs = tuple(runs_of(self.broken()))
        return self._runs

    @property
    def text(self) -> str:
        """The text as a reader sees it (without line breaks)."""
        return "".join(run.text for run in self.runs)

    def broken(self) -> list[Line]:
        """This part's lines as last broken."""
        return self._all[self._start:self._stop]

    def _break(self, width: float) -> None:
        if self._wrapped_at != width:
            self._all = broken_lines(self.runs, width, self.style.spaceShrinkage)
            self._start, self._stop, self._wrapped_at = 0, len(self._all), width

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._break(aw)
        self.width, self.height = aw, (self._stop - self._start) * self.style.leading
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        self._break(aw)
        count = self._stop - self._start
        fit = min(int((ah + 1e-6) // self.style.leading), count - 2)  # a widow takes a line along
        if fit < 2:
            return []  # no orphan: move it whole
        cut = self._start + fit
        first, second = TextFlow.part(self, self._start, cut), TextFlow.part(self, cut, self._stop)
        first.spaceAfter, second.spaceBefore = 0, 0
        return [first, second]

    def lines(self) -> list[str]:
        """The text of each line as last wrapped."""
        return [line_text(line) for line in self.broken()]

    def draw(self) -> None:
        writer = TextWriter(self.canv)
        self.write(writer, 0, 0)
        writer.finish()

    def write(self, writer: TextWriter, x: float, y: float, repeated: bool = False) -> None:
        """Write the wrapped lines into a shared text object, the box's bottom left at (x, y);
        ``repeated`` text (a table header on a following page) is an artifact."""
        assert self._wrapped_at is not None
        s = self.style
        writer.begin(None if repeated else self.node)
        # The first baseline sits where reportlab's paragraphs put it: one font size down.
        draw_lines(writer, self.broken(), x, y + self.height, self.width, s.leading, s.fontSize, s.alignment)
        writer.end()


def plain(text: str, style: ParagraphStyle, node: Node | None = None) -> TextFlow:
    """Text in one style, taken literally."""
    return TextFlow([Run(text, style.fontName, style.fontSize, style.textColor)], style, node)

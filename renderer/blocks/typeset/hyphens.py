"""A word with soft hyphens, measured once, so that breaking it costs each line its own part.

Breaking a long word anew on every line (finding the longest head that fits by measuring
heads from the end of the word, and measuring the whole rest again) was quadratic, or worse,
in the word's length: a paragraph of 40,000 characters ``abc\\u00ad`` did not finish in a
minute. Here the running widths of the word's characters are summed once; a line's head is
found by bisection over the soft hyphens and only the chosen head is measured exactly, so
the breaks are the ones the exact widths give.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate

from .words import SHY, Piece, Word, width_of

_SHY = re.compile(SHY)


class SoftWord:
    """A one-run word holding soft hyphens; the unbroken rest is ``text[start:]``."""

    __slots__ = ("word", "text", "run", "sums", "breaks", "hyphen", "slack")

    def __init__(self, word: Word) -> None:
        piece = word.pieces[0]
        self.word, self.text, self.run = word, piece.text, piece.run
        font, size = piece.run.font, piece.run.size
        unit = {ch: width_of(ch, font, size) for ch in set(self.text)}
        unit[SHY] = 0.0
        # sums[i] is the width of the visible characters of text[:i], summed a character at a
        # time: within rounding of the exact width, which decides wherever they could differ.
        self.sums = list(accumulate(map(unit.__getitem__, self.text), initial=0.0))
        self.breaks = [m.start() for m in _SHY.finditer(self.text)]
        self.hyphen = width_of("-", font, size)
        self.slack = 1e-6 * max(1.0, self.sums[-1])

    def rest_fits(self, start: int, room: float) -> bool:
        if start == 0:
            return self.word.width <= room
        approx = self.sums[-1] - self.sums[start]
        if abs(approx - room) > self.slack:
            return approx < room
        return self.rest(start).width <= room

    def rest(self, start: int) -> Word:
        """The rest of the word from ``start`` (the word itself when nothing was cut)."""
        if start == 0:
            return self.word
        text, run = self.text[start:], self.run
        return Word([Piece(run, text, width_of(text.replace(SHY, ""), run.font, run.size))], None, False, SHY in text)

    def head(self, start: int, room: float) -> tuple[Piece, int] | None:
        """The longest head of the rest up to a soft hyphen (not its first character) that
        fits ``room`` with its hyphen drawn, and where the rest after it starts; None if none."""
        sums, breaks = self.sums, self.breaks
        lo = bisect_right(breaks, start)
        hi = bisect_right(breaks, sums[start] + room + self.slack - self.hyphen, lo, key=sums.__getitem__)
        while hi > lo:
            at = breaks[hi - 1]
            text = self.text[start:at].replace(SHY, "")
            hard = text.endswith("-")  # a break after a hard hyphen takes no second one
            text = text if hard else text + "-"
            width = width_of(text, self.run.font, self.run.size)
            if width <= room:
                return Piece(self.run, text, width, hyphen=not hard), at + 1
            # Too wide by a rounding: try the next shorter head (soft hyphens side by side,
            # or zero-width characters between them, give heads of the same width: skip them).
            hi = bisect_left(breaks, sums[at], lo, hi, key=sums.__getitem__)
        return None

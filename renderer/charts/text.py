"""Numbers as the report prints them, and text measured with the report's own fonts.

Every width here comes from reportlab's metrics for the TrueType faces the PDF embeds, so
what the layout code reserves is exactly what the page will print.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..numerals import NumberStyle
from .spec import ChartLook, ChartSpec, Format

ELLIPSIS = "\u2026"


def ensure_fonts(look: ChartLook) -> None:
    """Register the look's faces with reportlab unless the engine (or a parent process) has."""
    files = dict(look.font_files)
    registered = set(pdfmetrics.getRegisteredFontNames())
    for face, name in look.font_names:
        if name not in registered and face in files:
            pdfmetrics.registerFont(TTFont(name, files[face]))


def share_text(part: Decimal, total: Decimal, numbers: NumberStyle) -> str:
    """A share of a whole as a rounded percentage; small shares keep one decimal."""
    if total <= 0:
        return numbers.percent(Decimal(0))
    pct = part / total * 100
    if pct == 0:
        return numbers.percent(Decimal(0))
    if pct < Decimal("0.1"):
        return "<" + numbers.percent(Decimal("0.1"))
    places = Decimal("0.1") if pct < 1 else Decimal(1)
    return numbers.percent(pct.quantize(places, rounding=ROUND_HALF_UP))


def share_labels(values: tuple[Decimal, ...], fmt: Format, numbers: NumberStyle) -> tuple[str, ...]:
    """Percent data that already adds up to about 100 is shown as given; anything else as shares."""
    total = sum(values, Decimal(0))
    if fmt == "percent" and abs(total - 100) <= 1:
        return tuple(numbers.percent(v) for v in values)
    return tuple(share_text(v, total, numbers) for v in values)


def order(spec: ChartSpec) -> tuple[int, ...]:
    """Category indices in drawing order; sorting uses the sum over the series."""
    n = len(spec.labels)
    if spec.sort == "none":
        return tuple(range(n))
    totals = [sum((s.values[i] for s in spec.series if i < len(s.values)), Decimal(0)) for i in range(n)]
    return tuple(sorted(range(n), key=lambda i: totals[i], reverse=spec.sort == "descending"))


@dataclass(frozen=True, slots=True)
class FaceMetrics:
    """Vertical metrics per 1000 units of size, from the registered TrueType face."""

    ascent: float
    descent: float  # negative: below the baseline
    cap_height: float


@cache
def face_metrics(font_name: str) -> FaceMetrics:
    face = getattr(pdfmetrics.getFont(font_name), "face")  # noqa: B009 (not in the reportlab stubs)
    return FaceMetrics(float(face.ascent), float(face.descent), float(getattr(face, "capHeight", 700)))


class Measure:
    """Text metrics in points for the look's faces (regular, bold, black)."""

    def __init__(self, look: ChartLook) -> None:
        ensure_fonts(look)
        self.look = look

    def width(self, text: str, face: str, size: float) -> float:
        return float(pdfmetrics.stringWidth(text, self.look.font(face), size))

    def ascent(self, face: str, size: float) -> float:
        return face_metrics(self.look.font(face)).ascent * size / 1000

    def descent(self, face: str, size: float) -> float:
        """Below the baseline, as a positive number."""
        return -face_metrics(self.look.font(face)).descent * size / 1000

    def above_cap(self, face: str, size: float) -> float:
        """Room that ascenders, brackets and "$" need above the cap height at the top of a box."""
        return self.ascent(face, size) - self.cap(face, size)

    def cap(self, face: str, size: float) -> float:
        """Cap height: what optical centring of figures and capitals needs."""
        return face_metrics(self.look.font(face)).cap_height * size / 1000

    def wrap(self, text: str, face: str, size: float, max_width: float) -> list[str]:
        """Greedy word wrap; a single word wider than the line stays whole (callers check).

        Each word is measured once and a line's width kept as a running sum: measuring the
        line anew for every word cost the square of its length. Where the sum is within a
        rounding of the limit, the line itself is measured, so the breaks are the exact ones."""
        lines: list[str] = []
        used = 0.0
        font, measure = self.look.font(face), pdfmetrics.stringWidth
        space = float(measure(" ", font, size))
        for word in text.split():
            wide = float(measure(word, font, size))
            if lines and self._fits(used + space + wide, lines[-1] + " " + word, face, size, max_width):
                lines[-1] += " " + word
                used += space + wide
            else:
                lines.append(word)
                used = wide
        return lines or [""]

    def _fits(self, approx: float, text: str, face: str, size: float, max_width: float) -> bool:
        if abs(approx - max_width) > 1e-6 * max(1.0, max_width):
            return approx <= max_width
        return self.width(text, face, size) <= max_width

    def truncate(self, text: str, face: str, size: float, max_width: float) -> str:
        """``text`` cut short with an ellipsis to fit ``max_width``: the longest head that fits
        is found by bisection (cutting a character at a time cost the square of the length:
        61 s for a label of 100,000 characters)."""
        if self.width(text, face, size) <= max_width:
            return text
        low, high = 0, len(text)
        while low < high:
            mid = (low + high + 1) // 2
            if self.width(text[:mid] + ELLIPSIS, face, size) <= max_width:
                low = mid
            else:
                high = mid - 1
        return text[:low].rstrip(" ,;") + ELLIPSIS

    def fit(self, text: str, face: str, size: float, max_width: float, max_lines: int,
            min_size: float) -> tuple[list[str], float]:
        """Lines and size for ``text`` inside ``max_width`` × ``max_lines``: wrap first, then
        shrink (down to ``min_size``), and only then cut the last line short with an ellipsis."""
        current = size
        while True:
            lines = self.wrap(text, face, current, max_width)
            wide = any(self.width(line, face, current) > max_width for line in lines)
            if (len(lines) <= max_lines and not wide) or current - 0.5 < min_size:
                break
            current -= 0.5
        if len(lines) > max_lines:
            # The joined rest is wider than a line (it did not fit), so it ends in an ellipsis.
            lines = lines[:max_lines - 1] + [" ".join(lines[max_lines - 1:])]
        return [self.truncate(line, face, current, max_width) for line in lines], current

    def fit_all(self, texts: list[str], face: str, size: float, max_width: float,
                max_lines: Callable[[float], int], min_size: float) -> tuple[list[list[str]], float]:
        """Like :meth:`fit` for a set of labels that must share one size (a chart's categories):
        the largest size at which every label wraps into its lines, else ellipses at the smallest."""
        current = size
        while current - 0.5 >= min_size:
            limit = max_lines(current)
            wrapped = [self.wrap(t, face, current, max_width) for t in texts]
            if all(len(w) <= limit and all(self.width(x, face, current) <= max_width for x in w)
                   for w in wrapped):
                return wrapped, current
            current -= 0.5
        limit = max_lines(current)
        return [self.fit(t, face, current, max_width, limit, current)[0] for t in texts], current

"""Setting text without reportlab's paragraph parser.

A text is a sequence of :class:`Run` (one font, size and colour, maybe a link). It is cut into
words, broken into lines greedily, and each line is written straight into the page's content
stream. Reportlab's ``Paragraph`` does the same job through an XML parser, fragment objects and
a text object per line; for a report of a thousand pages that is most of the build time.

Two caches make repeated text cheap: word widths (per font, at unit size) and the encoded
glyph strings of the embedded subset fonts (per document, since subsets are per document).
Content never reaches any markup here: runs are plain strings.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.rl_config import _FUZZ

_SPACE = re.compile(r"[ \t\r\f\v]+")
SHY = "\u00ad"


@dataclass(frozen=True, slots=True)
class Run:
    """Text in one font, size and colour; ``url`` makes it a link, ``rise`` lifts it."""

    text: str
    font: str
    size: float
    colour: Color
    url: str | None = None
    rise: float = 0.0


class Piece:
    """Part of a line in one run: a word, a part of a word, or the space between words."""

    __slots__ = ("run", "text", "width", "space", "hyphen")

    def __init__(self, run: Run, text: str, width: float, space: bool = False, hyphen: bool = False) -> None:
        self.run, self.text, self.width, self.space = run, text, width, space
        self.hyphen = hyphen  # ends in the hyphen of a soft hyphen the line was broken at


class Word:
    """A word (maybe in several runs: ``**27,644**,``) and the space before it."""

    __slots__ = ("pieces", "width", "gap", "newline", "soft")

    def __init__(self, pieces: list[Piece], gap: Piece | None, newline: bool, soft: bool = False) -> None:
        self.pieces, self.gap, self.newline = pieces, gap, newline
        self.width = pieces[0].width if len(pieces) == 1 else sum(p.width for p in pieces)
        self.soft = soft  # holds soft hyphens (U+00AD), where it may be broken


Line = list[Word]

_widths: dict[tuple[str, str], float] = {}


def width_of(text: str, font: str, size: float) -> float:
    """The advance width of ``text``; words repeat, so widths are remembered per font."""
    key = (font, text)
    unit = _widths.get(key)
    if unit is None:
        unit = _widths[key] = stringWidth(text, font, 1000.0) / 1000.0
    return unit * size


def words(runs: Iterable[Run]) -> list[Word]:
    """Cut runs into words. Spaces and tabs separate words, runs of them count once, and a
    newline breaks the line; a word may continue from one run into the next."""
    out: list[Word] = []
    pieces: list[Piece] = []
    gap: Piece | None = None
    newline = False
    space: Piece | None = None  # the space seen since the last word, in its run
    soft = False
    for run in runs:
        size, font = run.size, run.font
        run_space: Piece | None = None
        for n, line in enumerate(run.text.split("\n")):
            if n:  # a hard break ends the word in progress
                if pieces:
                    out.append(Word(pieces, gap, newline, soft))
                    pieces, gap, soft = [], None, False
                newline, space = True, None
            for k, part in enumerate(_SPACE.split(line)):
                if k:  # whitespace before this part
                    if pieces:
                        out.append(Word(pieces, gap, newline, soft))
                        pieces, gap, newline, soft = [], None, False, False
                    if run_space is None:
                        run_space = Piece(run, " ", width_of(" ", font, size), True)
                    space = run_space
                if not part:
                    continue
                if space is not None and not pieces:
                    gap = space if out and not newline else None
                    space = None
                if SHY in part:  # invisible unless the line breaks there
                    soft = True
                    pieces.append(Piece(run, part, width_of(part.replace(SHY, ""), font, size)))
                else:
                    pieces.append(Piece(run, part, width_of(part, font, size)))
    if pieces:
        out.append(Word(pieces, gap, newline, soft))
    return out


def break_lines(items: Sequence[Word], width: float) -> list[Line]:
    """Greedy line breaking. A word that does not fit is broken at a soft hyphen if it has
    one, and a word longer than a whole line between characters."""
    lines: list[Line] = []
    line: Line = []
    used = 0.0
    limit = width + _FUZZ
    for word in items:
        if word.newline and line:
            lines.append(line)
            line, used = [], 0.0
        while True:
            gap = word.gap.width if word.gap is not None and line else 0.0
            if used + gap + word.width <= limit:
                line.append(word)
                used += gap + word.width
                break
            parts = _hyphenate(word, limit - used - gap) if word.soft else None
            if parts is not None:
                head, word = parts
                line.append(head)
                lines.append(line)
                line, used = [], 0.0
                continue
            if line:
                lines.append(line)
                line, used = [], 0.0
                continue
            *full, rest = _break_word(word, width)
            lines.extend([w] for w in full)
            line, used = [rest], rest.width
            break
    if line or not lines:
        lines.append(line)
    return lines


def _hyphenate(word: Word, room: float) -> tuple[Word, Word] | None:
    """The longest head of a one-run word up to a soft hyphen that fits ``room`` with its
    hyphen drawn, and the rest of the word; None if no head fits."""
    if len(word.pieces) != 1:
        return None
    piece = word.pieces[0]
    run, text = piece.run, piece.text
    at = text.rfind(SHY)
    while at > 0:
        head = text[:at].replace(SHY, "") + "-"
        width = width_of(head, run.font, run.size)
        if width <= room:
            rest = text[at + 1:]
            tail = Word([Piece(run, rest, width_of(rest.replace(SHY, ""), run.font, run.size))], None, False,
                        SHY in rest)
            return Word([Piece(run, head, width, hyphen=True)], word.gap, word.newline), tail
        at = text.rfind(SHY, 0, at)
    return None


def _break_word(word: Word, width: float) -> list[Word]:
    """A word too long for the line, cut into line-long words (at least a character each)."""
    parts: list[Word] = []
    current: list[Piece] = []
    used = 0.0
    for piece in word.pieces:
        run = piece.run
        start = 0
        for i, ch in enumerate(piece.text):
            w = width_of(ch, run.font, run.size)
            if used + w > width and (current or i > start):
                if i > start:
                    current.append(Piece(run, piece.text[start:i], width_of(piece.text[start:i], run.font, run.size)))
                parts.append(Word(current, None, False))
                current, used, start = [], 0.0, i
            used += w
        if start < len(piece.text):
            current.append(Piece(run, piece.text[start:], width_of(piece.text[start:], run.font, run.size)))
    parts.append(Word(current, None, False))
    parts[0].gap, parts[0].newline = word.gap, word.newline
    return parts


def line_width(line: Line) -> float:
    return sum(w.width + (w.gap.width if w.gap is not None and i else 0.0) for i, w in enumerate(line))


def _num(value: float) -> str:
    """A coordinate for the content stream: two decimals are a hundredth of a point."""
    text = "%.2f" % value
    if text.endswith("00"):
        text = text[:-3]
        return "0" if text == "-0" else text
    return text.rstrip("0")


def runs_of(lines: Sequence[Line]) -> list[Run]:
    """Runs that set to these lines again: the text of one part of a split paragraph."""
    out: list[Run] = []
    for line in lines:
        for word in line:
            pieces = word.pieces
            if out and word.newline:
                pieces = [Piece(out[-1], "\n", 0.0, True), *pieces]
            elif out and word.gap is not None:  # also the space a line break stood for
                pieces = [word.gap, *pieces]
            for piece in pieces:
                text = piece.text[:-1] + SHY if piece.hyphen else piece.text
                if out and _same_look(out[-1], piece.run):
                    out[-1] = replace(out[-1], text=out[-1].text + text)
                else:
                    out.append(replace(piece.run, text=text))
    return out


def _same_look(a: Run, b: Run) -> bool:
    return (a.font, a.size, a.colour, a.url, a.rise) == (b.font, b.size, b.colour, b.url, b.rise)


def line_text(line: Line) -> str:
    """The text of a line as printed."""
    return "".join((" " if w.gap is not None and i else "") + "".join(p.text for p in w.pieces)
                   for i, w in enumerate(line)).replace(SHY, "")


# --- drawing ---------------------------------------------------------------------------------

# Encoded glyph strings per document: the embedded fonts are subsets numbered in the order
# characters are first used, so an encoding is valid only within the document that made it.
_encoded: weakref.WeakKeyDictionary[Any, dict[tuple[str, str], list[tuple[str, str]]]] = weakref.WeakKeyDictionary()


def _encode(canv: Any, font_name: str, text: str) -> list[tuple[str, str]]:
    """``[(subset font resource name, escaped string)]`` for ``text`` in this document."""
    doc = canv._doc
    font: Any = pdfmetrics.getFont(font_name)
    if getattr(font, "_dynamicFont", False):
        return [(font.getSubsetInternalName(subset, doc), canv._escape(chunk))
                for subset, chunk in font.splitString(text, doc)]
    return [(doc.getInternalFontName(font_name), canv._escape(text))]  # a standard font


class TextWriter:
    """One text object on the canvas that any number of lines and cells are written into;
    :meth:`finish` draws it inside a saved graphics state and adds the links."""

    def __init__(self, canv: Any) -> None:
        self.canv = canv
        self.text = canv.beginText()
        self.code: list[str] = self.text._code
        cache = _encoded.get(canv._doc)
        if cache is None:
            cache = _encoded[canv._doc] = {}
        self._cache = cache
        self._font: tuple[str, float] | None = None
        self._colour: Color | None = None
        self._rise = 0.0
        self.links: list[tuple[str, tuple[float, float, float, float]]] = []

    def move(self, x: float, y: float) -> None:
        self.code.append(f"1 0 0 1 {_num(x)} {_num(y)} Tm")

    def show(self, run: Run, chunk: str) -> None:
        """Text in ``run``'s look at the current point."""
        if self._colour is not run.colour:
            self.text.setFillColor(run.colour)
            self._colour = run.colour
        if run.rise != self._rise:
            self.code.append(f"{_num(run.rise)} Ts")
            self._rise = run.rise
        if SHY in chunk:
            chunk = chunk.replace(SHY, "")
        key = (run.font, chunk)
        encoded = self._cache.get(key)
        if encoded is None:
            encoded = self._cache[key] = _encode(self.canv, run.font, chunk)
        for resource, data in encoded:
            if self._font != (resource, run.size):
                self.code.append(f"{resource} {_num(run.size)} Tf")
                self._font = (resource, run.size)
            self.code.append(f"({data}) Tj")

    def finish(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.drawText(self.text)
        canv.restoreState()
        for url, rect in _merge_links(self.links):
            canv.linkURL(url, rect, relative=1, thickness=0)


def draw_lines(writer: TextWriter, lines: Sequence[Line], x0: float, top: float, width: float, leading: float,
               first_baseline: float, alignment: int | str) -> None:
    """Write broken lines into a box ``width`` wide from ``x0`` whose top is at ``top``."""
    y = top - first_baseline
    last = len(lines) - 1
    for n, line in enumerate(lines):
        x, spread = _start(line, n, last, lines, width, alignment)
        writer.move(x0 + x, y)
        for at, run, chunk, advance in _segments(line, x0 + x, spread):
            if spread:
                writer.move(at, y)
            writer.show(run, chunk)
            if run.url is not None:
                writer.links.append((run.url, (at, y - 0.2 * run.size + run.rise, at + advance,
                                               y + 0.8 * run.size + run.rise)))
        y -= leading


def _start(line: Line, n: int, last: int, lines: Sequence[Line], width: float,
           alignment: int | str) -> tuple[float, float]:
    """Where a line starts, and the extra space in each of its gaps when justified."""
    if alignment == TA_RIGHT:
        return width - line_width(line), 0.0
    if alignment == TA_CENTER:
        return (width - line_width(line)) / 2, 0.0
    if alignment == TA_JUSTIFY and n != last and len(line) > 1 and lines[n + 1] and not lines[n + 1][0].newline:
        # (the last line of a paragraph, and one before a hard break, stays ragged)
        return 0.0, max(0.0, width - line_width(line)) / (len(line) - 1)
    return 0.0, 0.0


def _segments(line: Line, x: float, spread: float) -> list[tuple[float, Run, str, float]]:
    """``(x, run, text, advance)`` for each stretch of a line in one run. Spaces are drawn,
    so a reader's copy of the page has them; in a justified line each word is placed."""
    out: list[tuple[float, Run, str, float]] = []
    at = x

    def add(piece: Piece, new: bool = False) -> None:
        nonlocal at
        if out and not new and out[-1][1] is piece.run:
            start, run, chunk, advance = out[-1]
            out[-1] = (start, run, chunk + piece.text, advance + piece.width)
        else:
            out.append((at, piece.run, piece.text, piece.width))
        at += piece.width

    for i, word in enumerate(line):
        if i and word.gap is not None:
            add(word.gap)
        at += spread if i else 0.0
        for k, piece in enumerate(word.pieces):
            add(piece, new=bool(spread and i and not k))
    return out


def _merge_links(links: list[tuple[str, tuple[float, float, float, float]]]) -> list[tuple[str, tuple[float, float, float, float]]]:
    """One clickable area per link per line, not one per word."""
    merged: list[tuple[str, tuple[float, float, float, float]]] = []
    for url, rect in links:
        if merged and merged[-1][0] == url and abs(merged[-1][1][1] - rect[1]) < 0.01:
            x0, y0, _, y1 = merged[-1][1]
            merged[-1] = (url, (x0, min(y0, rect[1]), rect[2], max(y1, rect[3])))
        else:
            merged.append((url, rect))
    return merged



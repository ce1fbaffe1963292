"""Runs of text cut into measured words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth

if TYPE_CHECKING:
    from .hyphenate import Hyphenator

_SPACE = re.compile(r"[ \t\r\f\v]+")
SHY = "\u00ad"


@dataclass(frozen=True, slots=True)
class Run:
    """Text in one font, size and colour; ``url`` makes it a link, ``rise`` lifts it;
    ``hyphens`` breaks its words at syllables (None: only where content put soft hyphens)."""

    text: str
    font: str
    size: float
    colour: Color
    url: str | None = None
    rise: float = 0.0
    hyphens: Hyphenator | None = None


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


#: Widths at unit size, by font and then by text: a paragraph's words look up its font's
#: table once, not a key of two strings for every word.
_widths: dict[str, dict[str, float]] = {}


_REMEMBERED = 64  # longer texts are measured each time: they rarely repeat, and would fill memory


def _table(font: str) -> dict[str, float]:
    table = _widths.get(font)
    if table is None:
        table = _widths[font] = {}
    return table


def _unit(text: str, font: str, table: dict[str, float]) -> float:
    """The width of ``text`` at unit size, remembered in ``table`` (``font``'s) if short."""
    unit = stringWidth(text, font, 1000.0) / 1000.0
    if len(text) <= _REMEMBERED:
        table[text] = unit
    return unit


def width_of(text: str, font: str, size: float) -> float:
    """The advance width of ``text``; words repeat, so widths are remembered per font."""
    table = _widths.get(font)
    if table is not None:
        unit = table.get(text)
        if unit is not None:
            return unit * size
    return _unit(text, font, _table(font)) * size


def words(runs: Iterable[Run]) -> list[Word]:
    """Cut runs into words. Spaces and tabs separate words, runs of them count once, and a
    newline breaks the line; a word may continue from one run into the next."""
    out: list[Word] = []
    append = out.append
    pieces: list[Piece] = []
    gap: Piece | None = None
    newline = False
    space: Piece | None = None  # the space seen since the last word, in its run
    soft = False
    split = _SPACE.split
    for run in runs:
        size, font = run.size, run.font
        table = _table(font)
        get = table.get
        run_space: Piece | None = None
        for n, line in enumerate(run.text.split("\n")):
            if n:  # a hard break ends the word in progress
                if pieces:
                    append(Word(pieces, gap, newline, soft))
                    pieces, gap, soft = [], None, False
                newline, space = True, None
            parts = split(line)
            part = parts[0]  # continues the word in progress, if no space came before it
            if part:
                if space is not None and not pieces:
                    gap = space if out and not newline else None
                    space = None
                if SHY in part:  # invisible unless the line breaks there
                    soft = True
                    visible = part.replace(SHY, "")
                    unit = get(visible)
                    pieces.append(Piece(run, part, (_unit(visible, font, table) if unit is None else unit) * size))
                else:
                    unit = get(part)
                    pieces.append(Piece(run, part, (_unit(part, font, table) if unit is None else unit) * size))
            # Every other part has whitespace before it: it ends the word in progress, and
            # begins one (only the last part, after whitespace that ends the line, is empty).
            for part in parts[1:]:
                if pieces:
                    append(Word(pieces, gap, newline, soft))
                    newline = False
                if run_space is None:
                    unit = get(" ")
                    run_space = Piece(run, " ", (_unit(" ", font, table) if unit is None else unit) * size, True)
                if not part:
                    pieces, gap, soft, space = [], None, False, run_space
                    continue
                gap = run_space if out and not newline else None
                space = None
                if SHY in part:
                    soft = True
                    visible = part.replace(SHY, "")
                    unit = get(visible)
                    pieces = [Piece(run, part, (_unit(visible, font, table) if unit is None else unit) * size)]
                else:
                    soft = False
                    unit = get(part)
                    pieces = [Piece(run, part, (_unit(part, font, table) if unit is None else unit) * size)]
    if pieces:
        append(Word(pieces, gap, newline, soft))
    return out

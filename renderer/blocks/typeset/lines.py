"""Words broken into lines: greedy, at soft hyphens when a word does not fit, between
characters when a word is longer than a line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportlab.rl_config import _FUZZ

from .words import SHY, Piece, Run, Word, width_of

Line = list[Word]


def break_lines(items: Sequence[Word], width: float, shrink: float = 0.0) -> list[Line]:
    """Greedy line breaking. The spaces of a line may be narrowed by up to ``shrink`` (a
    fraction of their width) to make a word fit, as a typesetter would; the line is then
    drawn with them narrowed, never wider than ``width``. A word that does not fit is broken at
    a soft hyphen if it has one, and a word longer than a whole line between characters."""
    lines: list[Line] = []
    line: Line = []
    used = gaps = 0.0  # the line's natural width, and how much of it is spaces
    limit = width + _FUZZ
    for word in items:
        if word.newline and line:
            lines.append(line)
            line, used, gaps = [], 0.0, 0.0
        while True:
            gap = word.gap.width if word.gap is not None and line else 0.0
            room = limit + shrink * (gaps + gap) - used - gap
            if word.width <= room:
                line.append(word)
                used += gap + word.width
                gaps += gap
                break
            parts = _hyphenate(word, room) if word.soft else None
            if parts is not None:
                head, word = parts
                line.append(head)
                lines.append(line)
                line, used, gaps = [], 0.0, 0.0
                continue
            if line:
                lines.append(line)
                line, used, gaps = [], 0.0, 0.0
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


def runs_of(lines: Sequence[Line]) -> list[Run]:
    """Runs that set to these lines again: the text of one part of a split paragraph.

    The pieces of one look are collected and joined once: adding each to a growing string
    would copy the run's text again for every word (quadratic in a long paragraph)."""
    looks: list[Run] = []
    texts: list[list[str]] = []
    for line in lines:
        for word in line:
            pieces = word.pieces
            if looks and word.newline:
                pieces = [Piece(looks[-1], "\n", 0.0, True), *pieces]
            elif looks and word.gap is not None:  # also the space a line break stood for
                pieces = [word.gap, *pieces]
            for piece in pieces:
                text = piece.text[:-1] + SHY if piece.hyphen else piece.text
                if looks and _same_look(looks[-1], piece.run):
                    texts[-1].append(text)
                else:
                    looks.append(piece.run)
                    texts.append([text])
    return [replace(run, text="".join(parts)) for run, parts in zip(looks, texts)]


def _same_look(a: Run, b: Run) -> bool:
    return (a.font, a.size, a.colour, a.url, a.rise) == (b.font, b.size, b.colour, b.url, b.rise)


def line_text(line: Line) -> str:
    """The text of a line as printed."""
    return "".join((" " if w.gap is not None and i else "") + "".join(p.text for p in w.pieces)
                   for i, w in enumerate(line)).replace(SHY, "")

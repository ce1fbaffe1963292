"""Words broken into lines: greedy, at soft hyphens when a word does not fit (those content
typed, or the syllables of the run's language), between characters, with a hyphen, when a
word is longer than a line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportlab.rl_config import _FUZZ

from .hyphens import SoftWord
from .words import SHY, Piece, Run, Word, width_of

Line = list[Word]


def break_lines(items: Sequence[Word], width: float, shrink: float = 0.0) -> list[Line]:
    """Greedy line breaking. The spaces of a line may be narrowed by up to ``shrink`` (a
    fraction of their width) to make a word fit, as a typesetter would; the line is then
    drawn with them narrowed, never wider than ``width``. A word that does not fit is broken at
    a soft hyphen if it has one, or at a syllable if its run is hyphenated (never the last
    word of a paragraph, and not on more lines in a row than the language's rules allow), and
    a word longer than a whole line between characters.

    Each word is placed once and each line ended once: the time is linear in the text. A
    word is looked up for its syllables only when it does not fit the end of a line."""
    breaker = _Breaker(width, shrink)
    limit = breaker.limit
    last = len(items) - 1
    # A word that fits the line is added here, as every kind of word would add itself (the
    # same sums as :meth:`_Breaker.room` and :meth:`_Breaker.add`); the breaker's methods
    # take the others. ``line`` is always the breaker's line; ``used`` and ``gaps`` are
    # handed over around them.
    line, used, gaps = breaker.line, 0.0, 0.0
    for n, word in enumerate(items):
        if word.newline and line:
            breaker.end_line()
            line, used, gaps = breaker.line, 0.0, 0.0
        gap = word.gap.width if word.gap is not None and line else 0.0
        if word.width <= limit + shrink * (gaps + gap) - used - gap:
            line.append(word)
            used += gap + word.width
            gaps += gap
            continue
        breaker.used, breaker.gaps = used, gaps
        breaker.place_any(word, n == last or items[n + 1].newline)
        line, used, gaps = breaker.line, breaker.used, breaker.gaps
    return breaker.finish()


class _Breaker:
    """The lines so far and the line being filled: its natural width and how much of it is
    spaces (which may be narrowed by ``shrink``)."""

    def __init__(self, width: float, shrink: float) -> None:
        self.width, self.shrink, self.limit = width, shrink, width + _FUZZ
        self.lines: list[Line] = []
        self.line: Line = []
        self.used = self.gaps = 0.0
        self.hyphenated = 0  # lines in a row, up to the last one ended, that end in a hyphen

    def end_line(self) -> None:
        line = self.line
        self.hyphenated = self.hyphenated + 1 if line and line[-1].pieces[-1].hyphen else 0
        self.lines.append(line)
        self.line, self.used, self.gaps = [], 0.0, 0.0

    def gap(self, word: Word) -> float:
        return word.gap.width if word.gap is not None and self.line else 0.0

    def room(self, gap: float) -> float:
        return self.limit + self.shrink * (self.gaps + gap) - self.used - gap

    def add(self, word: Word, gap: float) -> None:
        self.line.append(word)
        self.used += gap + word.width
        self.gaps += gap

    def place_any(self, word: Word, ends_paragraph: bool) -> None:
        """Place ``word`` by its kind: at its soft hyphens, its syllables (not the paragraph's
        last word) or between characters if it does not fit."""
        if len(word.pieces) != 1:
            self.place(word)
        elif word.soft:
            self.place_soft(SoftWord(word), None)
        elif word.pieces[0].run.hyphens is not None:
            self.place_hyphenated(word, ends_paragraph)
        else:
            self.place(word)

    def place(self, word: Word) -> None:
        """A word with no soft hyphen to break it at."""
        while True:
            gap = self.gap(word)
            if word.width <= self.room(gap):
                self.add(word, gap)
                return
            if not self.line:
                self.cut(word)
                return
            self.end_line()

    def place_hyphenated(self, word: Word, last: bool) -> None:
        """A word of a hyphenated run: whole if it fits, else at its syllables. The last word
        of a paragraph goes whole to the next line, unless it is longer than a line."""
        gap = self.gap(word)
        if word.width <= self.room(gap) or (last and word.width <= self.limit):
            self.place(word)
            return
        hyphens = word.pieces[0].run.hyphens
        assert hyphens is not None
        soft = hyphens.soft(word)
        if soft is None:
            self.place(word)
        else:
            self.place_soft(SoftWord(soft), hyphens.consecutive)

    def place_soft(self, soft: SoftWord, consecutive: int | None) -> None:
        """A word that may be broken at its soft hyphens, head by head; not at the end of a
        line that would make more than ``consecutive`` hyphenated lines in a row, unless the
        word would not fit a line of its own anyway."""
        start = 0
        while True:
            # Only the word's first part has its space before it and its hard break.
            first = soft.word if start == 0 else None
            gap = self.gap(first) if first is not None else 0.0
            room = self.room(gap)
            if soft.rest_fits(start, room):
                self.add(soft.rest(start), gap)
                return
            if (consecutive is not None and self.line and self.hyphenated >= consecutive
                    and soft.rest_fits(start, self.limit)):
                self.end_line()  # a third hyphen in a row: the word goes whole to the next line
                continue
            head = soft.head(start, room)
            if head is not None:
                piece, start = head
                self.line.append(Word([piece], first.gap, first.newline) if first is not None
                                 else Word([piece], None, False))
                self.end_line()
            elif self.line:
                self.end_line()
            else:
                self.cut(soft.rest(start))
                return

    def cut(self, word: Word) -> None:
        """A word longer than a whole line, on lines of its own but for its last part."""
        *full, rest = _break_word(word, self.width)
        self.lines.extend([w] for w in full)
        self.line, self.used = [rest], rest.width

    def finish(self) -> list[Line]:
        if self.line or not self.lines:
            self.lines.append(self.line)
        return self.lines


def _break_word(word: Word, width: float) -> list[Word]:
    """A word too long for the line, cut into line-long words (at least a character each);
    each part but the last ends in a hyphen, as a reader expects of a broken word."""
    parts: list[Word] = []
    current: list[Piece] = []
    used = 0.0
    for piece in word.pieces:
        run = piece.run
        start = 0
        room = width - width_of("-", run.font, run.size)
        for i, ch in enumerate(piece.text):
            w = width_of(ch, run.font, run.size)
            if used + w > room and (current or i > start):
                head = piece.text[start:i] + "-"
                current.append(Piece(run, head, width_of(head.replace(SHY, ""), run.font, run.size), hyphen=True))
                parts.append(Word(current, None, False))
                current, used, start = [], 0.0, i
            used += w
        if start < len(piece.text):
            current.append(Piece(run, piece.text[start:], width_of(piece.text[start:], run.font, run.size)))
    parts.append(Word(current, None, False))
    parts[0].gap, parts[0].newline = word.gap, word.newline
    return parts


def line_width(line: Line) -> float:
    return sum([w.width + (w.gap.width if w.gap is not None and i else 0.0) for i, w in enumerate(line)])


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
    return (a.font, a.size, a.colour, a.url, a.rise, a.hyphens) == (b.font, b.size, b.colour, b.url, b.rise,
                                                                     b.hyphens)


def line_text(line: Line) -> str:
    """The text of a line as printed."""
    texts: list[str] = []
    for i, w in enumerate(line):
        if i and w.gap is not None:
            texts.append(" ")
        texts.extend([p.text for p in w.pieces])
    text = "".join(texts)
    return text.replace(SHY, "") if SHY in text else text

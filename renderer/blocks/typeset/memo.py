"""Lines broken in an earlier build, for a process that builds again and again.

``impact-report watch`` lays out every page again on each save, and most paragraphs are those
of page files that did not change. Breaking them into lines is pure work on their runs (text,
font, size, colour, link, rise, the language's hyphenation rules) and the width, so the lines
of the last build are kept by exactly those and given again. A build in a process of its own
keeps nothing (:data:`MEMO` stays None) and breaks every paragraph, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import getFont

from .lines import Line, break_lines
from .words import Run, words

_Key = tuple[tuple[tuple[Any, ...], ...], float, float]


class LineMemo:
    """Broken lines by what they were broken from; only those the last build used are kept
    (:meth:`next_build` forgets the rest)."""

    def __init__(self) -> None:
        self._kept: dict[_Key, list[Line]] = {}
        self._now: dict[_Key, list[Line]] = {}

    def next_build(self) -> None:
        self._kept, self._now = self._now, {}

    def clear(self) -> None:
        self._kept, self._now = {}, {}

    def lines(self, runs: Sequence[Run], width: float, shrink: float) -> list[Line]:
        key = (tuple(_key(run) for run in runs), width, shrink)
        found = self._now.get(key)
        if found is None:
            found = self._kept.get(key)
            if found is None:
                found = break_lines(words(runs), width, shrink)
            self._now[key] = found
        return found


def _key(run: Run) -> tuple[Any, ...]:
    # The lines hold the runs they were made from, which draw them: every field that is drawn
    # is in the key. The font as registered (a font registered again under its name, from
    # other bytes, is another object), a colour by its kind and components (reportlab's own
    # key leaves out a CMYK colour's knockout), the hyphenator (one per build) by its language
    # and rules.
    colour: Any = run.colour
    look = (type(colour).__name__, colour.__key__, getattr(colour, "knockout", None))
    hyphens = (run.hyphens.dictionary, run.hyphens.rules) if run.hyphens is not None else None
    return (run.text, run.font, getFont(run.font), run.size, look, run.url, run.rise, hyphens)


#: The memo of a process that builds again and again, while it builds (``renderer.warm`` sets
#: it); None otherwise.
MEMO: LineMemo | None = None


def broken_lines(runs: Sequence[Run], width: float, shrink: float) -> list[Line]:
    """``runs`` broken into lines ``width`` wide; the lines are shared, never to be changed."""
    if MEMO is None:
        return break_lines(words(runs), width, shrink)
    return MEMO.lines(runs, width, shrink)

"""Typewriter quotes → typographic ones: ' and " as written in content become ‘ ’ “ ”.

Content is typed on keyboards, and a straight quote set in a display face reads as a tick
mark. Which way a quote turns depends only on what stands before it: after a letter, a digit
or closing punctuation it closes (and ' is then an apostrophe, which is the same glyph ’);
after a space, an opening bracket, a dash or nothing it opens. An apostrophe that starts a
word before a digit ('90s) points the closing way, as printers set it.
"""

from __future__ import annotations

import re

_CLOSES_AFTER = frozenset(".,;:!?)]}%\u2026\u2019\u201d*")
_ELIDED_YEAR = re.compile(r"\d\d(?:s\b|\b)")


def curl(text: str, before: str = "") -> str:
    """``text`` with its straight quotes turned; ``before`` is the text set just before it
    (a word may run on from an earlier run of text: **NCMEC**'s)."""
    if "'" not in text and '"' not in text:
        return text
    out: list[str] = []
    prev = before[-1:] if before else ""
    for i, ch in enumerate(text):
        if ch == '"':
            ch = "\u201c" if _opens(prev) else "\u201d"
        elif ch == "'":
            if _opens(prev) and not _ELIDED_YEAR.match(text, i + 1):
                ch = "\u2018"
            else:
                ch = "\u2019"
        out.append(ch)
        prev = ch
    return "".join(out)


def _opens(prev: str) -> bool:
    return not (prev.isalnum() or prev in _CLOSES_AFTER)

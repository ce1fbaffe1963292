"""Typewriter quotes → typographic ones, as the text's language prints them.

Content is typed on keyboards, and a straight quote set in a display face reads as a tick
mark. Which way a quote turns depends only on what stands before it: after a letter, a digit
or closing punctuation it closes (and ' is then an apostrophe, always ’); after a space, an
opening bracket, a dash or nothing it opens. An apostrophe that starts a word before a digit
('90s) points the closing way, as printers set it.

Which glyphs open and close depends on the language (the tables of the Unicode CLDR's
delimiters, which browsers and word processors follow): English “ ” ‘ ’, German „ “ ‚ ‘,
French « » with narrow no-break spaces inside, Spanish, Italian and European Portuguese « »
then “ ”. French also sets a narrow no-break space before ; ! ? and a no-break space before
a colon (Imprimerie nationale), so that the mark never starts a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

NNBSP = "\u202f"  # narrow no-break space
NBSP = "\u00a0"


@dataclass(frozen=True, slots=True)
class QuoteStyle:
    """The outer (double) and inner (single) quotes of a language, and whether its quotes and
    high punctuation take a narrow space (French)."""

    open: str
    close: str
    open_inner: str
    close_inner: str
    spaced: bool = False


ENGLISH = QuoteStyle("\u201c", "\u201d", "\u2018", "\u2019")
_GERMAN = QuoteStyle("\u201e", "\u201c", "\u201a", "\u2018")
_SWISS = QuoteStyle("\u00ab", "\u00bb", "\u2039", "\u203a")
_GUILLEMETS = QuoteStyle("\u00ab", "\u00bb", "\u201c", "\u201d")

#: By language subtag, then by language and region (``pt-BR``) where the region differs.
STYLES: dict[str, QuoteStyle] = {
    "en": ENGLISH, "nl": ENGLISH, "pt-br": ENGLISH, "tr": ENGLISH,
    "de": _GERMAN, "cs": _GERMAN, "sk": _GERMAN, "sl": _GERMAN, "lt": _GERMAN,
    "de-ch": _SWISS, "de-li": _SWISS,
    "fr": QuoteStyle("\u00ab", "\u00bb", "\u201c", "\u201d", spaced=True),
    "fr-ch": QuoteStyle("\u00ab", "\u00bb", "\u2039", "\u203a"),
    "es": _GUILLEMETS, "it": _GUILLEMETS, "pt": _GUILLEMETS, "ca": _GUILLEMETS, "ru": QuoteStyle(
        "\u00ab", "\u00bb", "\u201e", "\u201c"), "uk": QuoteStyle("\u00ab", "\u00bb", "\u201e", "\u201c"),
    "pl": QuoteStyle("\u201e", "\u201d", "\u00ab", "\u00bb"), "hu": QuoteStyle("\u201e", "\u201d", "\u00bb", "\u00ab"),
    "da": QuoteStyle("\u201c", "\u201d", "\u2018", "\u2019"), "sv": QuoteStyle("\u201d", "\u201d", "\u2019", "\u2019"),
    "fi": QuoteStyle("\u201d", "\u201d", "\u2019", "\u2019"), "nb": _GUILLEMETS, "no": _GUILLEMETS,
}


@cache  # asked for every text set; a report has few languages
def quote_style(lang: str | None) -> QuoteStyle:
    """The quotes of a BCP 47 language tag (``de-DE``, ``fr``, ``pt-BR``); English when the
    language is not known."""
    tag = (lang or "en").lower().replace("_", "-")
    parts = tag.split("-")
    region = next((p for p in parts[1:] if len(p) == 2), None)
    return STYLES.get(f"{parts[0]}-{region}") or STYLES.get(parts[0]) or ENGLISH


_CLOSES_AFTER = frozenset(".,;:!?)]}%\u2026\u2019*")
_ELIDED_YEAR = re.compile(r"\d\d(?:s\b|\b)")


def curl(text: str, before: str = "", style: QuoteStyle = ENGLISH) -> str:
    """``text`` with its straight quotes turned; ``before`` is the text set just before it
    (a word may run on from an earlier run of text: **NCMEC**'s)."""
    if "'" not in text and '"' not in text:
        return text
    closers = _CLOSES_AFTER | {style.close, style.close_inner}
    out: list[str] = []
    prev = before[-1:] if before else ""
    inner = 0  # inner quotes opened and not yet closed (where the closing one is not ’)
    for i, ch in enumerate(text):
        if ch == '"':
            ch = style.open if _opens(prev, closers) else style.close
        elif ch == "'":
            if _opens(prev, closers) and not _ELIDED_YEAR.match(text, i + 1):
                ch = style.open_inner
                inner += 1
            elif inner and style.close_inner != "\u2019":
                # an inner quote opened before closes („‚Hoffnung‘“); otherwise it is an apostrophe
                ch = style.close_inner
                inner -= 1
            else:
                ch = "\u2019"
        out.append(ch)
        prev = ch
    return "".join(out)


def _opens(prev: str, closers: frozenset[str]) -> bool:
    return not (prev.isalnum() or prev in closers)


_SPACE_BEFORE = re.compile(r"[ \u00a0\u202f]?([;!?\u00bb])")
_COLON = re.compile(r"[ \u00a0\u202f]?:(?=\s|$)")
_SPACE_AFTER = re.compile(r"\u00ab[ \u00a0\u202f]?")


def space_punctuation(text: str, before: str = "") -> str:
    """French spacing: a narrow no-break space before ; ! ? and », after «, and a no-break
    space before a colon that ends a clause (not in 10:30 or https:). A space typed there
    becomes the no-break one; none is added after a space or at the start of a line."""
    def spaced(match: re.Match[str], space: str) -> str:
        at = match.start()
        prev = text[at - 1] if at else before[-1:]
        mark = match.group(0).lstrip(" \u00a0\u202f")
        if mark in ";!?" and prev in (";", "!", "?"):
            return match.group(0)  # ?! takes one space, before the first
        if match.group(0) != mark or (prev and not prev.isspace() and prev not in "([{\u00ab" + NNBSP + NBSP):
            return space + mark
        return match.group(0)

    if not any(c in text for c in ";!?:\u00ab\u00bb"):
        return text
    text = _SPACE_BEFORE.sub(lambda m: spaced(m, NNBSP), text)
    text = _COLON.sub(lambda m: spaced(m, NBSP), text)
    return _SPACE_AFTER.sub(lambda m: "\u00ab" + NNBSP if m.end() < len(text) else m.group(0), text)

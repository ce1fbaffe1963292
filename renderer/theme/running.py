"""The running header's and footer's text: a line of layout data with ``{title}``,
``{section}``, ``{year}`` and ``{organisation}`` filled in per page.

The line is parsed here rather than handed to ``str.format``: a layout may name only these
fields, with no conversion, format spec or attribute access, and a field that would repeat
what the line already shows (a section named like the report, as an opening section often
is) is left out with the separator before it, so no page reads "Our 2022 Impact · Our 2022
Impact". A line too long for its place is cut, with an ellipsis.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping

FIELDS = ("title", "section", "year", "organisation")


def check_running_text(text: str, what: str = "footer text") -> list[str]:
    """What is wrong with a header or footer line, in words; empty when it can be used."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        return [f"{what}: {exc} (write {{{{ and }}}} for a literal brace)"]
    problems = []
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in FIELDS:
            shown = name or "{}"
            problems.append(f"{what}: unknown field '{shown}'; the fields are "
                            + ", ".join("{" + f + "}" for f in FIELDS))
        elif spec or conversion:
            problems.append(f"{what}: field '{name}' takes no format or conversion")
    return problems


def running_text(text: str, values: Mapping[str, str]) -> str:
    """The header or footer line for one page; ``text`` has passed :func:`check_running_text`.

    The text before the first field is kept as a prefix, the text after the last as a
    suffix; the text between two fields is a separator, printed only when fields on both
    sides of it are."""
    pieces: list[tuple[str, str]] = []  # (the text before a field, the field)
    pending = ""  # an escaped brace comes as a piece of text of its own
    for literal, name, _, _ in string.Formatter().parse(text):
        pending += literal
        if name is not None:
            pieces.append((pending, name))
            pending = ""
    if not pieces:
        return pending
    out, kept = pieces[0][0], False
    shown: set[str] = set()
    for before, name in pieces:
        value = values[name]
        if not value or value in shown:
            continue
        out += (before if kept else "") + value
        kept = True
        shown.add(value)
    return out + pending


ELLIPSIS = "\u2026"


def fit_running(text: str, width: float, measure: Callable[[str], float]) -> str:
    """``text`` cut to ``width`` (as ``measure`` gives it), ending in an ellipsis: a long
    section title must not run into the folio or off the page. The cut goes back to a space
    when one is near; a long word is cut where it must be."""
    if measure(text) <= width:
        return text
    low, high = 0, len(text)  # the longest prefix that fits with its ellipsis
    while low < high:
        mid = (low + high + 1) // 2
        if measure(text[:mid] + ELLIPSIS) <= width:
            low = mid
        else:
            high = mid - 1
    cut = text[:low]
    space = cut.rfind(" ")
    if space > 0 and low - space <= NEAR:
        cut = cut[:space]
    cut = cut.rstrip(" ·|–—-:,")
    return cut + ELLIPSIS if cut else ""


#: How many characters a cut may go back to end at a space.
NEAR = 16

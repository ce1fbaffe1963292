"""``SOURCE_DATE_EPOCH``: the reproducible-builds date that replaces the publication date.

The variable is a count of seconds since 1970 (a non-negative whole number, as the
reproducible-builds specification defines it). reportlab reads it too, with ``int()``, so a
malformed value would end a build in a traceback; a value past the year 9999 cannot be
written as a PDF date. Either is a usage error, said before anything is read.
"""

from __future__ import annotations

import os

#: 9999-12-31 23:59:59 UTC, the last second a PDF date (four-digit year) can show.
LAST = 253_402_300_799


def source_date_problem() -> str | None:
    """What is wrong with ``SOURCE_DATE_EPOCH``, or ``None`` when it is unset or usable."""
    text = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not text:
        return None
    shown = text if len(text) <= 40 else text[:40] + "…"
    if not (text.isascii() and text.isdigit()):
        return f"SOURCE_DATE_EPOCH '{shown}' is not a whole number of seconds since 1970-01-01"
    if len(text) > len(str(LAST)) or int(text) > LAST:
        return f"SOURCE_DATE_EPOCH {shown} is after the year 9999 (at most {LAST})"
    return None


def source_date() -> int | None:
    """The date it sets, in seconds since 1970, or ``None`` when unset (or unusable)."""
    text = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(text) if text and source_date_problem() is None else None

"""A cached drawing is checked before it is replayed: the cache is a folder of JSON files
anyone can edit, and replay hands each op to reportlab as it is. A font that is not
registered, a number that is not finite, an unknown path code or a colour that is not
``#rrggbb`` would fail (or draw garbage) in the middle of writing the PDF; such an entry is a
miss, and the chart is drawn again."""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from typing import Any

#: Coordinates, widths and sizes are points in a chart box; no drawing goes near this far.
_FAR = 1e5
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}\Z")
_ARITY = {"M": 2, "L": 2, "C": 6, "Z": 0}
_TEXT_NUMBERS = ("x", "y", "z", "r", "w")
_PATH_NUMBERS = ("w", "dp", "a")


def trusted(items: Any, fonts: Collection[str]) -> bool:
    """Whether ``items`` (a drawing's ops as JSON) is one this code could have written, in
    ``fonts`` (the reportlab names of the chart's faces)."""
    return isinstance(items, list) and all(isinstance(d, dict) and _op_ok(d, fonts) for d in items)


def _op_ok(d: dict[str, Any], fonts: Collection[str]) -> bool:
    if "t" in d:
        return (isinstance(d["t"], str) and d.get("f") in fonts and _colour(d.get("c"))
                and all(_number(d[k]) for k in _TEXT_NUMBERS if k in d) and _number(d.get("z")) and d["z"] > 0)
    return (_segments(d.get("p")) and all(_colour(d[k]) for k in ("f", "s") if d.get(k) is not None)
            and all(_number(d[k]) for k in _PATH_NUMBERS if k in d) and d.get("j", 0) in (0, 1, 2)
            and d.get("c", 0) in (0, 1, 2) and _numbers(d.get("d", []), 0) and _clip(d.get("k")))


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and abs(v) <= _FAR


def _numbers(v: Any, n: int | None) -> bool:
    return isinstance(v, list) and (n is None or len(v) == n) and all(_number(x) for x in v)


def _colour(v: Any) -> bool:
    return isinstance(v, str) and bool(_COLOUR.match(v))


def _clip(v: Any) -> bool:
    return v is None or _numbers(v, 4)


def _segments(flat: Any) -> bool:
    if not isinstance(flat, list):
        return False
    i = 0
    while i < len(flat):
        n = _ARITY.get(flat[i]) if isinstance(flat[i], str) else None
        if n is None or not _numbers(flat[i + 1:i + 1 + n], n):
            return False
        i += 1 + n
    return True

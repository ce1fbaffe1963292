"""The bundled type family, registered with reportlab once per theme."""

from __future__ import annotations

import struct
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError

from ..diagnostics import Sink, Span
from ..load.files import resolve_inside
from .fontcache import load_font

FACES = ("regular", "bold", "italic", "bold_italic", "black")
#: What reportlab's TrueType reader raises, besides TTFError, on a truncated or garbled file:
#: struct.error reading past the end, an IndexError or KeyError on a table that is not there.
_DAMAGED = (struct.error, IndexError, KeyError, ValueError, OverflowError, ZeroDivisionError)


def face_name(family: str, face: str) -> str:
    """The reportlab/PDF font name of one face: ``Lato``, ``Lato-Bold``, ``Lato-BoldItalic``."""
    if face == "regular":
        return family
    return family + "-" + "".join(part.capitalize() for part in face.split("_"))


def register_family(family: str, files: dict[str, str], fonts_dir: Path, span: Span,
                    sink: Sink, cache: Path | None = None) -> dict[str, Path]:
    """Register every face from ``fonts_dir``; nothing is looked up on the machine. Faces are
    read from ``cache`` when a build before kept them there (see ``fontcache``)."""
    paths: dict[str, Path] = {}
    for face in FACES:
        if face not in files:
            sink.error(span, f"fonts: no '{face}' face given", f"give all of: {', '.join(FACES)}")
            continue
        path = resolve_inside(fonts_dir, files[face], span, sink, "font file")
        if path is None:
            continue
        name = face_name(family, face)
        if name not in pdfmetrics.getRegisteredFontNames():
            try:
                pdfmetrics.registerFont(load_font(name, path, cache))
            except TTFError as exc:
                sink.error(span, f"font file '{files[face]}' cannot be used: {exc}",
                           "bundle a TrueType (glyf) font; CFF/OpenType-PS fonts cannot be embedded")
                continue
            except _DAMAGED as exc:  # reportlab reads past the end of a cut-off file
                sink.error(span, f"font file '{files[face]}' is damaged or cut off ({exc})",
                           "copy the font file again from its source")
                continue
        paths[face] = path
    if len(paths) == len(FACES):
        pdfmetrics.registerFontFamily(family, normal=face_name(family, "regular"),
                                      bold=face_name(family, "bold"), italic=face_name(family, "italic"),
                                      boldItalic=face_name(family, "bold_italic"))
    return paths


@cache
def _drawable(font_name: str) -> frozenset[str]:
    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    cmap: dict[int, int] = getattr(face, "charToGlyph", {})
    # Fonts map control characters (Lato maps NUL) to empty glyphs; none is ever meant in text.
    printable = frozenset(chr(c) for c in cmap if not (c < 0x20 or 0x7F <= c < 0xA0))
    return printable | frozenset("\n\t\r\u00ad")


def missing_glyphs(text: str, font_name: str) -> list[str]:
    """Characters of ``text`` the registered font cannot draw (they would print as empty boxes)."""
    return sorted(set(text) - _drawable(font_name))


def x_height(font_name: str) -> float:
    """The x-height of a registered TrueType font, in ems (its OS/2 table's sxHeight; half
    an em for a font that does not give one)."""
    return _metrics(font_name)[0]


def ink_middle(font_name: str, ch: str) -> float | None:
    """The height of the middle of a glyph's ink over the baseline, in ems (the glyph's own
    bounding box in the font's ``glyf`` table); None when the font has no such glyph."""
    face = _face(font_name)
    gid = face.charToGlyph.get(ord(ch)) if face is not None else None
    if face is None or not gid:
        return None
    at = face.get_table_pos("glyf")[0] + face.glyphPos[gid]
    face.seek(at + 4)  # numberOfContours, xMin, then yMin ... yMax
    y_min: int = face.read_short()
    face.skip(2)
    y_max: int = face.read_short()
    return (y_min + y_max) / 2 / float(face.unitsPerEm)


def _face(font_name: str) -> Any:
    font: Any = pdfmetrics.getFont(font_name)
    return getattr(font, "face", None) if getattr(font, "_dynamicFont", False) else None


_X_HEIGHTS: dict[str, tuple[float]] = {}


def _metrics(font_name: str) -> tuple[float]:
    found = _X_HEIGHTS.get(font_name)
    if found is None:
        face = _face(font_name)
        height = 0.0
        if face is not None and "OS/2" in face.table:
            os2 = face.get_table("OS/2")
            if len(os2) >= 90 and int.from_bytes(os2[0:2], "big") >= 2:
                height = int.from_bytes(os2[86:88], "big", signed=True) / face.unitsPerEm
        found = _X_HEIGHTS[font_name] = (height or 0.5,)
    return found

"""The bundled type family, registered with reportlab once per theme."""

from __future__ import annotations

import struct
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ..diagnostics import Sink, Span
from ..load.files import resolve_inside

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
                    sink: Sink) -> dict[str, Path]:
    """Register every face from ``fonts_dir``; nothing is looked up on the machine."""
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
                pdfmetrics.registerFont(TTFont(name, str(path)))
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

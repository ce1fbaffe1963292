"""Parsed TrueType faces remembered between builds, beside the chart cache.

reportlab reads a face's name, metrics, character map, widths and glyph offsets from the file
one short at a time: 4–10 ms a face, five faces in every build. What it finds depends on the
file's bytes alone, so it is kept in a small file named by the SHA-256 of those bytes, and
read back instead of parsed. The file's bytes are still read (the subsets are cut from them)
and hashed, so an edited or replaced font is parsed again.

An entry is a line of JSON (the format, reportlab's version, the font's hash, the single
values, and the length and kind of each table) followed by the tables as packed machine
numbers, which load and are checked at C speed (JSON lists of 15,000 numbers, checked one by
one, took longer than the parse). An entry is never trusted as it is: it must be exactly what
this module writes (every field there, of its kind, nothing else, no byte more or less), agree
with the font's own header (glyph count, units per em) and keep every glyph id, character
and offset in range. Anything else (a cut-off write, another version's entry, an edited file)
is a miss: the face is parsed and the entry written again. The face is then the same object
reportlab would have built (``tests/theme/test_fontcache.py``).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from array import array
from collections.abc import Callable, Iterable
from fnmatch import fnmatch
from itertools import accumulate
from pathlib import Path
from typing import Any, Literal
from weakref import WeakKeyDictionary

from reportlab import Version as REPORTLAB_VERSION
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from ..gate import MAX_BYTES, Refused, inside, read_regular

FORMAT = 1
NAMES = ("name", "familyName", "styleName", "fullName", "uniqueFontID")
NUMBERS = ("ascent", "descent", "capHeight", "defaultWidth", "italicAngle")
INTEGERS = ("flags", "numGlyphs", "stemV", "underlinePosition", "underlineThickness", "unitsPerEm",
            "_pos")  # where reportlab's reading stopped
#: The single values an entry's header holds, and the tables after it (each one packed list).
SINGLE = frozenset({*NAMES, *NUMBERS, *INTEGERS, "_full_font", "bbox", "fontRevision"})
TABLES = ("chars", "glyphs", "width_chars", "widths", "advances", "tail", "bearings", "positions", "mapped",
          "counts", "mapped_chars")
KINDS = {"q": int, "d": float}  # array typecodes: 64-bit integers, doubles


def load_font(name: str, path: Path, cache_dir: Path | None) -> CachedFont:
    """The TrueType font ``name`` from ``path``, read from ``cache_dir`` when it holds this
    very file's faces, parsed otherwise (:func:`remember` keeps it for the next build)."""
    data = read_regular(path, MAX_BYTES["font file"], "font file")
    digest = hashlib.sha256(data).hexdigest()
    entry = _read(cache_dir, digest)
    return CachedFont(name, CachedFace(str(path), data, digest, _restore(*entry, data) if entry is not None else None))


def remember(font_names: Iterable[str], cache_dir: Path) -> None:
    """Write an entry for each of these registered fonts that was parsed, not read."""
    for name in font_names:
        keep(pdfmetrics.getFont(name), cache_dir)


def keep(font: object, cache_dir: Path) -> None:
    """Write ``font``'s entry if it is one :func:`load_font` parsed (once)."""
    face = getattr(font, "face", None)
    if isinstance(face, CachedFace) and face.restored is None and not face.kept:
        _write(cache_dir, face.digest, face)
        face.kept = True


class CachedFace(TTFontFace):
    """reportlab's face, its parsed values either found by reportlab or given."""

    def __init__(self, filename: str, data: bytes, digest: str, restored: dict[str, Any] | None) -> None:
        self.restored, self.digest, self.kept = restored, digest, False
        self.filename, self._ttf_data = filename, data  # reportlab reads no file when it has these
        super().__init__(filename)

    def extractInfo(self, charInfo: Literal[0, 1] | bool = 1) -> None:  # noqa: N802 (reportlab's name)
        if self.restored is None:
            super().extractInfo(charInfo)
        else:
            self.__dict__.update(self.restored)


class CachedFont(TTFont):
    """reportlab's TTFont around a face made above (its own ``__init__`` parses the file)."""

    face: CachedFace

    def __init__(self, name: str, face: CachedFace) -> None:
        self.fontName = name
        self.face = face
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob or ())


def _entry_name(digest: str) -> str:
    return f"font-{digest}.bin"


def _read(cache_dir: Path | None, digest: str) -> tuple[dict[str, Any], dict[str, list[Any]]] | None:
    """An entry's single values and tables, if the file is well formed; not yet checked."""
    if cache_dir is None:
        return None
    try:
        raw = read_regular(inside(cache_dir, _entry_name(digest), "font cache entry"), MAX_BYTES["font file"])
        line, _, packed = raw.partition(b"\n")
        header = json.loads(line.decode("utf-8"))
        if not (isinstance(header, dict) and header.get("format") == FORMAT and header.get("sha256") == digest
                and header.get("reportlab") == REPORTLAB_VERSION and header.get("byteorder") == sys.byteorder
                and isinstance(header.get("face"), dict) and isinstance(header.get("tables"), list)):
            return None
        tables: dict[str, list[Any]] = {}
        at = 0
        for name, code, length in header["tables"]:
            if name not in TABLES or code not in KINDS or type(length) is not int or length < 0:
                return None
            values = array(code)
            end = at + length * values.itemsize
            values.frombytes(packed[at:end])
            if len(values) != length:
                return None
            tables[name] = values.tolist()
            at = end
    except (Refused, OSError, ValueError, TypeError, RecursionError):
        return None
    return (header["face"], tables) if at == len(packed) and set(tables) == set(TABLES) else None


def _write(cache_dir: Path, digest: str, face: CachedFace) -> None:
    """Atomically (temporary file, then rename); a cache that cannot be written is no error,
    and a face whose values this format cannot hold exactly is not kept."""
    tables = _tables(face)
    found: dict[str, Any] = {k: getattr(face, k, None) for k in sorted(SINGLE)}
    if tables is None or any(v is None for v in found.values()):
        return
    single = {k: (v.ustr if k in NAMES else list(v) if k in ("bbox", "fontRevision") else v) for k, v in found.items()}
    kinds = {name: _kind(values) for name, values in tables.items()}
    again = _restore(single, tables, face._ttf_data)  # what a later build would read back
    if None in kinds.values() or again is None or any(
            again[k] != v or type(again[k]) is not type(v) for k, v in face.__dict__.items() if k in again
            and k != "_pdfScale"):
        return
    header = {"format": FORMAT, "reportlab": REPORTLAB_VERSION, "sha256": digest, "byteorder": sys.byteorder,
              "face": single, "tables": [[name, kinds[name], len(tables[name])] for name in TABLES]}
    data = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8") + b"\n" + b"".join(
        array(kinds[name] or "q", tables[name]).tobytes() for name in TABLES)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=f".font-{digest[:16]}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, cache_dir / _entry_name(digest))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # the next build parses the face again


def _tables(face: CachedFace) -> dict[str, list[Any]] | None:
    """The face's dictionaries and lists as flat lists, each in its own order; None for a face
    without them (parsed without its character map)."""
    char_to_glyph = getattr(face, "charToGlyph", None)
    widths = getattr(face, "charWidths", None)
    glyph_to_char = getattr(face, "glyphToChar", None)
    hmetrics, positions = getattr(face, "hmetrics", None), getattr(face, "glyphPos", None)
    if char_to_glyph is None or widths is None or glyph_to_char is None or hmetrics is None or positions is None:
        return None
    advances = [a for a, _ in hmetrics]
    # Glyphs after the font's last full metric repeat its advance, which reportlab keeps scaled.
    ints = next((i for i, a in enumerate(advances) if type(a) is not int), len(advances))
    return {
        "chars": list(char_to_glyph), "glyphs": list(char_to_glyph.values()),
        "width_chars": list(widths), "widths": list(widths.values()),
        "advances": advances[:ints], "tail": advances[ints:], "bearings": [b for _, b in hmetrics],
        "positions": list(positions),
        "mapped": list(glyph_to_char), "counts": [len(v) for v in glyph_to_char.values()],
        "mapped_chars": [c for v in glyph_to_char.values() for c in v],
    }


def _kind(values: list[Any]) -> str | None:
    """The typecode that holds every value exactly, keeping ints and floats apart; None if mixed."""
    kinds = {type(v) for v in values}
    if kinds <= {int}:
        return "q" if all(-(1 << 63) <= v < (1 << 63) for v in values) else None
    return "d" if kinds == {float} else None


def _restore(single: dict[str, Any], tables: dict[str, list[Any]], data: bytes) -> dict[str, Any] | None:
    """The face's values from an entry, or None when it is not exactly one this module wrote
    for this font."""
    try:
        if set(single) != SINGLE:
            return None
        glyphs, units = _header(data)
        if (single["numGlyphs"] != glyphs or single["unitsPerEm"] != units or not 16 <= units <= 16384
                or not 0 <= _integer(single["_pos"]) <= len(data)):
            return None
        values: dict[str, Any] = {k: TTFNameBytes(_text(single[k]).encode("utf-8"), "utf-8") for k in NAMES}
        values.update((k, _number(single[k])) for k in NUMBERS)
        values.update((k, _integer(single[k])) for k in INTEGERS)
        values["_full_font"] = _bool(single["_full_font"])
        values["bbox"] = [_number(v) for v in _list(single["bbox"], 4)]
        values["fontRevision"] = tuple(_integer(v) for v in _list(single["fontRevision"], 2))
        t = tables
        _within(t["chars"], 0, 0x10FFFF)
        _within(t["glyphs"], 0, glyphs - 1)
        _within(t["width_chars"], 0, 0x10FFFF)
        _within(t["widths"], -1e6, 1e6)
        _within(t["advances"], 0, 65535)
        _within(t["tail"], -1e6, 1e6)
        _within(t["bearings"], -(1 << 16), 1 << 16)
        _within(t["positions"], 0, len(data))
        _within(t["mapped"], 0, glyphs - 1)
        _within(t["counts"], 1, 0x110000)
        _within(t["mapped_chars"], 0, 0x10FFFF)
        if (len(t["glyphs"]) != len(t["chars"]) or len(t["widths"]) != len(t["width_chars"])
                or len(t["advances"]) + len(t["tail"]) != glyphs or len(t["bearings"]) != glyphs
                or len(t["positions"]) != glyphs + 1
                or len(t["counts"]) != len(t["mapped"]) or sum(t["counts"]) != len(t["mapped_chars"])):
            return None
        values["charToGlyph"] = _unique(dict(zip(t["chars"], t["glyphs"])), t["chars"])
        values["charWidths"] = _unique(dict(zip(t["width_chars"], t["widths"])), t["width_chars"])
        values["hmetrics"] = list(zip(t["advances"] + t["tail"], t["bearings"]))
        values["glyphPos"] = t["positions"]
        chars, ends = t["mapped_chars"], list(accumulate(t["counts"]))
        values["glyphToChar"] = _unique(dict(zip(t["mapped"], map(chars.__getitem__, map(slice, [0, *ends], ends)))),
                                        t["mapped"])
    except (_Bad, KeyError, TypeError, ValueError):
        return None
    values["_pdfScale"] = _scale(units)
    return values


class _Bad(Exception):
    """A value of the wrong kind in a cache entry."""


def _header(data: bytes) -> tuple[int, int]:
    """The glyph count (``maxp``) and units per em (``head``) the font file itself gives."""
    count = int.from_bytes(data[4:6], "big")
    tables = {data[12 + 16 * i:16 + 16 * i]: int.from_bytes(data[20 + 16 * i:24 + 16 * i], "big")
              for i in range(count)}
    maxp, head = tables.get(b"maxp"), tables.get(b"head")
    if maxp is None or head is None or max(maxp + 6, head + 20) > len(data):
        raise _Bad
    return int.from_bytes(data[maxp + 4:maxp + 6], "big"), int.from_bytes(data[head + 18:head + 20], "big")


def _scale(units: int) -> Callable[[float], float]:
    """reportlab's font units → thousandths of an em, computed as reportlab computes it."""
    if units == 1000:
        return lambda x: x
    mult = 1000 / units
    return lambda x: x * mult


def _within(values: list[Any], low: float, high: float) -> None:
    """Every value in [low, high] (min and max run in C; a NaN fails the comparisons)."""
    if values and not (low <= min(values) and max(values) <= high):
        raise _Bad


def _unique(table: dict[int, Any], keys: list[int]) -> dict[int, Any]:
    if len(table) != len(keys):
        raise _Bad  # a key twice: not a table this module wrote
    return table


def _text(v: Any) -> str:
    if type(v) is not str:
        raise _Bad
    return v


def _bool(v: Any) -> bool:
    if type(v) is not bool:
        raise _Bad
    return v


def _integer(v: Any) -> int:
    if type(v) is not int or not -(1 << 31) <= v <= 1 << 31:
        raise _Bad
    return v


def _number(v: Any) -> float:
    if type(v) not in (int, float) or not -1e9 <= v <= 1e9:
        raise _Bad
    return v  # type: ignore[no-any-return]


def _list(v: Any, length: int) -> list[Any]:
    if type(v) is not list or len(v) != length:
        raise _Bad
    return v

"""What a font tells about the characters shown with it: how a string splits into character
codes, which Unicode text each code stands for (its ToUnicode CMap, ISO 32000-1 9.10.3), and
whether a code selects the ``.notdef`` glyph (ISO 14289-1 7.21.8)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from fontTools.agl import AGL2UV
from fontTools.ttLib import TTFont, TTLibError

STANDARD_ENCODINGS = frozenset({"/WinAnsiEncoding", "/MacRomanEncoding", "/MacExpertEncoding"})
CJK_ORDERINGS = frozenset({"GB1", "CNS1", "Japan1", "Korea1"})
SYMBOLIC, NONSYMBOLIC = 4, 32
MAX_RANGE = 65536

_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_SECTION = re.compile(rb"begin(bfchar|bfrange|codespacerange)(.*?)end\1", re.S)


@dataclass(slots=True)
class UnicodeMap:
    """A parsed ToUnicode CMap: code (as bytes) -> UTF-16BE code units, single codes and ranges."""

    codespace: list[tuple[bytes, bytes]] = field(default_factory=list)
    single: dict[bytes, bytes] = field(default_factory=dict)
    ranges: list[tuple[bytes, bytes, bytes | list[bytes]]] = field(default_factory=list)

    def maps(self, code: bytes) -> bool:
        if code in self.single:
            return True
        return any(len(lo) == len(code) and lo <= code <= hi for lo, hi, _ in self.ranges)

    def values(self) -> list[int]:
        """Every UTF-16 code unit value the map assigns, a range's first and last included."""
        out = [_unit(v) for v in self.single.values() if len(v) == 2]
        for lo, hi, dst in self.ranges:
            if isinstance(dst, list):
                out += [_unit(v) for v in dst if len(v) == 2]
            elif len(dst) == 2:
                start = _unit(dst)
                span = min(int.from_bytes(hi, "big") - int.from_bytes(lo, "big"), MAX_RANGE)
                out += [v for v in (0, 0xFEFF, 0xFFFE) if start <= v <= start + span] + [start]
        return out


def _unit(b: bytes) -> int:
    return int.from_bytes(b, "big")


def parse_cmap(data: bytes) -> UnicodeMap:
    cmap = UnicodeMap()
    for kind, body in _SECTION.findall(data):
        if kind == b"bfchar":
            hexes = [_bytes(h) for h in _HEX.findall(body)]
            cmap.single.update(zip(hexes[0::2], hexes[1::2]))
        elif kind == b"codespacerange":
            hexes = [_bytes(h) for h in _HEX.findall(body)]
            cmap.codespace += list(zip(hexes[0::2], hexes[1::2]))
        else:
            for lo, hi, dst in re.findall(rb"<([^>]*)>\s*<([^>]*)>\s*(<[^>]*>|\[[^\]]*\])", body):
                target: bytes | list[bytes] = (
                    [_bytes(h) for h in _HEX.findall(dst)] if dst.startswith(b"[") else _bytes(dst[1:-1]))
                cmap.ranges.append((_bytes(lo), _bytes(hi), target))
    return cmap


def _bytes(h: bytes) -> bytes:
    digits = re.sub(rb"\s", b"", h)
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))


@dataclass(slots=True)
class Font:
    """One font dictionary as the checks see it."""

    obj: Any
    name: str
    subtype: str
    embedded: bool
    unicode: UnicodeMap | None
    exempt_from_tounicode: bool      # ISO 14289-1 7.21.7: text derivable without a ToUnicode map
    _program: Any = None
    _cid_to_gid: bytes | None = None

    def codes(self, data: bytes) -> list[bytes]:
        if self.subtype != "/Type0":
            return [data[i:i + 1] for i in range(len(data))]
        space = self.unicode.codespace if self.unicode and self.unicode.codespace else []
        if str(self.obj.get("/Encoding")) in ("/Identity-H", "/Identity-V") or not space:
            return [data[i:i + 2] for i in range(0, len(data) - 1, 2)]
        out, i = [], 0
        while i < len(data):
            n = next((len(lo) for lo, hi in space if lo <= data[i:i + len(lo)] <= hi and
                      len(data[i:i + len(lo)]) == len(lo)), 1)
            out.append(data[i:i + n])
            i += n
        return out

    def is_notdef(self, code: bytes) -> bool:
        if self.subtype == "/Type0":
            return self._cid_glyph(code) == 0
        differences = _differences(self.obj.get("/Encoding"))
        if differences.get(code[0]) == ".notdef":
            return True
        if self.subtype == "/TrueType" and self._program is not None:
            return _truetype_glyph(self, code[0]) in (None, ".notdef")
        return False

    def _cid_glyph(self, code: bytes) -> int | None:
        if str(self.obj.get("/Encoding")) not in ("/Identity-H", "/Identity-V"):
            return None  # a predefined CMap's CIDs are not looked up here
        cid = int.from_bytes(code, "big")
        if self._cid_to_gid is None:
            return cid
        pair = self._cid_to_gid[2 * cid:2 * cid + 2]
        return int.from_bytes(pair, "big") if len(pair) == 2 else 0


def _differences(encoding: Any) -> dict[int, str]:
    out: dict[int, str] = {}
    if not isinstance(encoding, pikepdf.Dictionary) or not isinstance(encoding.get("/Differences"), pikepdf.Array):
        return out
    code = 0
    for item in encoding.Differences:
        if isinstance(item, int):
            code = item
        else:
            out[code] = str(item).lstrip("/")
            code += 1
    return out


def _truetype_glyph(font: Font, code: int) -> Any:
    """The glyph name a simple TrueType font draws for ``code`` (ISO 32000-1, 9.6.6.4), or None."""
    cmap = font._program["cmap"] if "cmap" in font._program else None
    if cmap is None:
        return None
    flags = int(font.obj.FontDescriptor.get("/Flags", 0))
    tables = {(t.platformID, t.platEncID): t.cmap for t in cmap.tables}
    if not flags & SYMBOLIC and (3, 1) in tables:
        name = _differences(font.obj.get("/Encoding")).get(code)
        uv = AGL2UV.get(name) if name else ord(bytes([code]).decode("cp1252", errors="replace"))
        return tables[(3, 1)].get(uv) if uv is not None else None
    if (3, 0) in tables:
        for base in (0, 0xF000, 0xF100, 0xF200):
            if code + base in tables[(3, 0)]:
                return tables[(3, 0)][code + base]
        return None
    return tables[(1, 0)].get(code) if (1, 0) in tables else None


def read_font(obj: Any) -> Font:
    subtype = str(obj.get("/Subtype", ""))
    descendant = obj.DescendantFonts[0] if subtype == "/Type0" and "/DescendantFonts" in obj else None
    desc = (descendant or obj).get("/FontDescriptor")
    program = None
    embedded = False
    if isinstance(desc, pikepdf.Dictionary):
        embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        if subtype == "/TrueType" and isinstance(desc.get("/FontFile2"), pikepdf.Stream):
            try:
                program = TTFont(io.BytesIO(desc.FontFile2.read_bytes()), lazy=True)
            except (TTLibError, AssertionError, ValueError, KeyError):
                program = None
    to_unicode = obj.get("/ToUnicode")
    unicode = parse_cmap(to_unicode.read_bytes()) if isinstance(to_unicode, pikepdf.Stream) else None
    gid_map = descendant.get("/CIDToGIDMap") if descendant is not None else None
    return Font(obj, str(obj.get("/BaseFont", "?")).lstrip("/"), subtype, embedded or subtype == "/Type3",
                unicode, _exempt(obj, subtype, descendant, desc), program,
                gid_map.read_bytes() if isinstance(gid_map, pikepdf.Stream) else None)


def _exempt(obj: Any, subtype: str, descendant: Any, desc: Any) -> bool:
    """The cases of ISO 14289-1 7.21.7 (Matterhorn 31-027) that need no ToUnicode map."""
    encoding = obj.get("/Encoding")
    base = encoding.get("/BaseEncoding") if isinstance(encoding, pikepdf.Dictionary) else encoding
    if subtype != "/Type0" and str(base) in STANDARD_ENCODINGS:
        return True
    if subtype in ("/Type1", "/MMType1", "/Type3"):
        return all(n in AGL2UV or re.fullmatch(r"uni[0-9A-F]{4}", n) for n in _differences(encoding).values())
    if subtype == "/Type0" and descendant is not None:
        info = descendant.get("/CIDSystemInfo")
        return (isinstance(info, pikepdf.Dictionary) and str(info.get("/Registry")) == "Adobe"
                and str(info.get("/Ordering")) in CJK_ORDERINGS)
    if subtype == "/TrueType" and isinstance(desc, pikepdf.Dictionary):
        flags = int(desc.get("/Flags", 0))
        return bool(flags & NONSYMBOLIC) and not flags & SYMBOLIC
    return False

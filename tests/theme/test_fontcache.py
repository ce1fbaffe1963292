"""Parsed faces kept between builds: read back as the very face reportlab parses, and never
trusted when the entry is damaged, edited, of another font or of another format."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from array import array
from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from renderer.theme import fontcache
from tests.conftest import FONTS, LAYOUT, ROOT, body_page

FACES = sorted(FONTS.glob("*.ttf"))
TEXT = "Ünïcode “quotes”, ﬁgures 1,234.5 — and ½ of a Ŧ"


def comparable(font: TTFont) -> dict[str, object]:
    """Everything reportlab keeps about a face, and what it answers about text."""
    face = dict(font.face.__dict__)
    scale = face.pop("_pdfScale")
    for own in ("restored", "digest", "kept"):  # this module's own, not reportlab's
        face.pop(own, None)
    return {"face": face, "scaled": [scale(v) for v in (1, 333, 2000, 4097)], "name": font.fontName,
            "widths": font.stringWidth(TEXT, 11.5), "shapable": font.shapable,
            "ascii": getattr(font, "_asciiReadable")}  # noqa: B009


@pytest.mark.parametrize("path", FACES, ids=lambda p: p.name)
def test_a_face_read_back_is_the_face_reportlab_parses(path: Path, tmp_path: Path) -> None:
    first = fontcache.load_font("F", path, tmp_path)
    assert list(tmp_path.iterdir()) == []  # nothing is written until the build has succeeded
    fontcache.keep(first, tmp_path)
    again = fontcache.load_font("F", path, tmp_path)
    assert first.face.restored is None and again.face.restored is not None
    parsed = comparable(TTFont("F", str(path)))
    assert comparable(first) == parsed
    assert comparable(again) == parsed
    assert [type(v) for v in again.face.hmetrics[-1]] == [type(v) for v in TTFont("F", str(path)).face.hmetrics[-1]]


def entry(cache: Path) -> Path:
    (found,) = cache.glob("font-*.bin")
    return found


def flip_glyph(data: bytes) -> bytes:
    """A glyph id past the font's last glyph, in an entry otherwise well formed."""
    line, _, packed = data.partition(b"\n")
    header = json.loads(line)
    at = 0
    for name, code, length in header["tables"]:
        size = array(code).itemsize * length
        if name == "glyphs":
            values = array(code)
            values.frombytes(packed[at:at + size])
            values[5] = 99999
            packed = packed[:at] + values.tobytes() + packed[at + size:]
        at += size
    return line + b"\n" + packed


def rewrite_header(change: Callable[[dict[str, object]], None]) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        line, _, packed = data.partition(b"\n")
        header = json.loads(line)
        change(header)
        return json.dumps(header).encode() + b"\n" + packed
    return edit


def _face(header: dict[str, object]) -> dict[str, object]:
    face = header["face"]
    assert isinstance(face, dict)
    return face


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "cut off": lambda data: data[: len(data) // 2],
    "one byte more": lambda data: data + b"\0",
    "garbage": lambda data: bytes(range(256)) * 40,
    "empty": lambda data: b"",
    "glyph id out of range": flip_glyph,
    "another font's hash": rewrite_header(lambda h: h.update(sha256="0" * 64)),
    "another format": rewrite_header(lambda h: h.update(format=99)),
    "a field more": rewrite_header(lambda h: _face(h).update(extra=1)),
    "a name that is not text": rewrite_header(lambda h: _face(h).update(name=12)),
    "wrong glyph count": rewrite_header(lambda h: _face(h).update(numGlyphs=5)),
    "a float for an integer": rewrite_header(lambda h: _face(h).update(flags=4.0)),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=list(DAMAGE))
def test_a_damaged_entry_is_ignored_and_written_again(damage: Callable[[bytes], bytes], tmp_path: Path) -> None:
    path = FONTS / "Lato-Bold.ttf"
    fontcache.keep(fontcache.load_font("F", path, tmp_path), tmp_path)
    good = entry(tmp_path).read_bytes()
    entry(tmp_path).write_bytes(damage(good))
    font = fontcache.load_font("F", path, tmp_path)
    assert font.face.restored is None  # parsed, not read
    assert comparable(font) == comparable(TTFont("F", str(path)))
    fontcache.keep(font, tmp_path)
    assert entry(tmp_path).read_bytes() == good  # and the entry written again, whole


def test_an_edited_font_is_parsed_again_not_read_from_the_entry_of_its_old_bytes(tmp_path: Path) -> None:
    font_file = tmp_path / "fonts" / "Face.ttf"
    font_file.parent.mkdir()
    shutil.copy(FONTS / "Lato-Regular.ttf", font_file)
    cache = tmp_path / "cache"
    fontcache.keep(fontcache.load_font("F", font_file, cache), cache)
    shutil.copy(FONTS / "Lato-Black.ttf", font_file)  # same name, other bytes
    font = fontcache.load_font("F", font_file, cache)
    assert font.face.restored is None
    assert comparable(font) == comparable(TTFont("F", str(font_file)))
    fontcache.keep(font, cache)
    assert len(list(cache.glob("font-*.bin"))) == 2


def test_builds_with_the_fonts_parsed_read_or_their_entries_damaged_are_byte_identical(
        edition: Callable[..., Path], tmp_path: Path) -> None:
    page = body_page("{type: heading, level: 1, text: Ünïcode}",
                     "{type: paragraph, text: '**Bold**, _italic_, ***both***, and “quotes” — ½'}")
    root = edition(page)
    out = tmp_path / "out" / "r.pdf"

    def build() -> bytes:
        result = subprocess.run([sys.executable, "-m", "renderer", "build", str(root), "-o", str(out), "-q",
                                 "--layout", str(LAYOUT), "--fonts", str(FONTS)], cwd=ROOT, capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return out.read_bytes()

    parsed = build()
    entries = sorted((out.parent / ".chart-cache").glob("font-*.bin"))
    assert len(entries) == len(FACES)  # beside the charts' entries
    assert build() == parsed
    (root / "00-page.yaml").write_text(body_page("{type: paragraph, txt: oops}"))
    shutil.rmtree(out.parent / ".chart-cache")
    failed = subprocess.run([sys.executable, "-m", "renderer", "build", str(root), "-o", str(out), "-q",
                             "--layout", str(LAYOUT), "--fonts", str(FONTS)], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert failed.returncode == 1 and not (out.parent / ".chart-cache").exists()  # a failed build keeps nothing
    (root / "00-page.yaml").write_text(page)
    assert build() == parsed
    for damaged in entries:
        damaged.write_bytes(damaged.read_bytes()[:100])
    assert build() == parsed
    assert all(len(e.read_bytes()) > 100 for e in entries)

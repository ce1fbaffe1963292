"""The build id that ties a PDF to the layout map written with it.

A PDF and its map are published by two renames, which cannot be one atomic step: a build
killed between them, or two builds racing to one output, could leave a PDF beside a map of
another build. So both carry the same id and a reader refuses a pair whose ids differ.

The id is a hash of the PDF's own bytes: the SHA-256 of the file with the two strings of its
trailer ``/ID`` set to zeros, cut to 32 hex digits, and then written into those two strings
(the place the PDF standard gives a file's identifier; reportlab writes a digest there, of
the same length). The map records it under :data:`KEY`. The same inputs still give the same
bytes, and two builds of different content have different ids.

A press file's XMP names the same id as its version (``xmpMM:VersionID``, which PDF/X-4
requires): the writer puts :func:`xmp_slot` of :data:`BLANK` there, left as zeros while the
file is hashed and then filled in, like the trailer's (the XMP stream is not compressed, so
the slot is the file's own bytes).
"""

from __future__ import annotations

import hashlib
import re

KEY = "build_id"  # the layout map's top-level key
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]")
_ZERO = b"0" * 32
BLANK = _ZERO.decode()  # the id written while the file is hashed
_TAIL = 4096  # the trailer is at the end of the file


def stamp(pdf: bytes) -> tuple[bytes, str]:
    """The PDF with its build id written into its trailer ``/ID``, and the id.

    The file is hashed in pieces and put together once: a long report's PDF is tens of
    megabytes, and each whole copy of it costs time and memory."""
    at = _last_id(pdf)
    if at is None:
        raise ValueError("the PDF has no trailer /ID to write its build id into")
    first, second = at
    view = memoryview(pdf)
    digest = hashlib.sha256()
    for piece in (view[:first], _ZERO, view[first + 32:second], _ZERO, view[second + 32:]):
        digest.update(piece)
    build_id = digest.hexdigest()[:32]
    stamped = [(first, 32, build_id.encode()), (second, 32, build_id.encode())]
    slot = pdf.find(xmp_slot(BLANK).encode())  # (before the trailer: the XMP is the catalog's)
    if slot >= 0:
        stamped.append((slot, len(xmp_slot(BLANK)), xmp_slot(build_id).encode()))
    return _replaced(view, sorted(stamped)), build_id


def _replaced(view: memoryview, replacements: list[tuple[int, int, bytes]]) -> bytes:
    """The bytes of ``view`` with each (start, length, new bytes of that length) written in,
    in one copy."""
    pieces: list[memoryview | bytes] = []
    end = 0
    for start, length, value in replacements:
        if start < end or len(value) != length:
            raise ValueError("overlapping or resized replacements")
        pieces += view[end:start], value
        end = start + length
    pieces.append(view[end:])
    return b"".join(pieces)


def xmp_slot(build_id: str) -> str:
    """The XMP property that carries ``build_id`` (the same length whatever the id, so filling
    it moves nothing)."""
    return f"<xmpMM:VersionID>{build_id}</xmpMM:VersionID>"


def read(pdf: bytes) -> str | None:
    """The build id ``pdf`` carries (the first string of its trailer ``/ID``), or None.

    The id is read, not made again from the bytes: a PDF edited after its build by a tool that
    keeps its identifier (pypdf, qpdf) still belongs with its map, and only a map of another
    build has another id."""
    at = _last_id(pdf)
    return pdf[at[0]:at[0] + 32].decode("ascii").lower() if at is not None else None


_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*\Z")


def _last_id(pdf: bytes) -> tuple[int, int] | None:
    """Where the two strings of the last trailer ``/ID`` start: in the trailer after the last
    cross-reference table, or in the dictionary of the last cross-reference stream, which
    comes before the stream's data (the file's last object)."""
    start = max(0, len(pdf) - _TAIL)
    xref = _STARTXREF.search(pdf, start)
    if xref is not None and int(xref.group(1)) < start:
        start = int(xref.group(1))
    found = None
    for match in _ID.finditer(pdf, start):  # the last one is the trailer's
        found = match
    return (found.start(1), found.start(2)) if found is not None else None

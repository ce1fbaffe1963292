"""Font subset tags drawn from what each subset holds.

The PDF specification names an embedded subset ``TAG+Face``, the tag six capital letters that
differ between the subsets of a file. reportlab numbers its subsets instead (``SUBSETN``: 0 is
``AAAAAA``), so every subset of every face of every document gets the same tag, and a RIP or
an imposition tool that merges files takes two different subsets for one. Here each tag is
drawn from a hash of the face's name and the subset's characters: the same subset keeps its
tag from build to build, another subset (in this file or another) gets another one, and two
files share a tag only for the very same font program.

The tags are given where the document writes its fonts, so every TrueType face is tagged,
whoever registered it with reportlab (the engine, or the chart code measuring text).

There too each subset's ToUnicode map is written without the codes that stand for no character:
reportlab maps them (the subset's first code, and any it leaves free) to U+0000, which PDF/UA-1
forbids (ISO 14289-1 7.21.7; Matterhorn 31-028) and which no text extraction wants.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from typing import Any

from reportlab.pdfbase import ttfonts


def write_fonts(doc: Any) -> None:
    """Write the document's fonts as reportlab would, each TrueType subset under its own tag;
    afterwards reportlab finds no font left to write."""
    taken: set[bytes] = set()
    for font in doc.delayedFonts:
        state = getattr(font, "state", None)
        subsets = state[doc].subsets if state is not None and doc in state else None
        if subsets is None:
            font.addObjects(doc)
            continue
        with _numbered_as([tag(font.face.name, subset, taken) for subset in subsets]), _characters_only():
            font.addObjects(doc)
    doc.delayedFonts = []


def tag(face: bytes, subset: list[int], taken: set[bytes]) -> bytes:
    """Six capital letters from a hash of the face and its subset's characters, drawn again
    (deterministically) in the unlikely case the document already has them."""
    seed = face + b"\0" + ",".join(map(str, subset)).encode("ascii")
    for attempt in range(1000):
        digest = hashlib.sha256(seed + attempt.to_bytes(2, "big")).digest()
        found = bytes(65 + b % 26 for b in digest[:6])
        if found not in taken:
            taken.add(found)
            return found
    raise RuntimeError("no free subset tag")  # 1000 collisions among 26**6 tags: not this universe


@contextlib.contextmanager
def _numbered_as(tags: list[bytes]) -> Iterator[None]:
    """reportlab's ``SUBSETN(n)``, which ``TTFont.addObjects`` reads as it names subset n,
    answering with ``tags[n]`` while one face's subsets are written (one document at a time)."""
    numbered = ttfonts.SUBSETN
    ttfonts.SUBSETN = lambda n, *_: tags[n]
    try:
        yield
    finally:
        ttfonts.SUBSETN = numbered


#: Values a ToUnicode map may not give (ISO 14289-1 7.21.7): no character, and the byte-order marks.
NOT_CHARACTERS = frozenset({0x0000, 0xFEFF, 0xFFFE})


def unicode_map(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap for ``subset``, less the codes that stand for no character."""
    pairs = [f"<{code:02X}> <{value:04X}>" for code, value in enumerate(subset) if value not in NOT_CHARACTERS]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange", f"{len(pairs)} beginbfchar", *pairs, "endbfchar", "endcmap",
        "CMapName currentdict /CMap defineresource pop", "end", "end"])


@contextlib.contextmanager
def _characters_only() -> Iterator[None]:
    made = ttfonts.makeToUnicodeCMap
    ttfonts.makeToUnicodeCMap = unicode_map
    try:
        yield
    finally:
        ttfonts.makeToUnicodeCMap = made

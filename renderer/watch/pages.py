"""The pages of a rendering as screen pictures: which changed since the last, and where.

A page is drawn again only when what it draws changed: its key is a digest of its own objects
and of everything they use (content streams, fonts, pictures, the forms of charts and of the
contents' numbers), read with pikepdf in a few milliseconds for the whole file, where drawing
every page again takes a hundred or more. A page whose key changed is drawn and compared by a
digest of its pixels, not of its objects: a new glyph in one page's text renumbers the font
subset's codes on later pages, whose content streams then differ while nothing on them looks
different. Only pages whose pixels changed are encoded again (and fetched again by the
preview), and their changed regions are found by the review tools' pixel comparison.

pdfium is not thread-safe: these run on the watch's main thread only; the server's threads
hand out the PNG bytes made here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pikepdf
import pypdfium2 as pdfium
from PIL import Image

from ..layoutmap import Box
from ..review.pixeldiff import compare
from ..review.raster import render_page, to_points

SCREEN_DPI = 96  # a CSS pixel is 1/96 inch: a page shown at 100% is one picture pixel per CSS pixel
#: A page with more changed regions than this is outlined as one region around them all (a
#: colour used everywhere on it): a dozen outlines say no more than one.
MAX_REGIONS = 12
#: Keys that do not change what a page draws, and lead elsewhere: the page tree, an
#: annotation's page, the structure tree's numbers, a link's target, metadata.
_NOT_DRAWN = frozenset({"/Parent", "/P", "/StructParent", "/StructParents", "/Dest", "/A", "/Metadata",
                        "/PieceInfo"})
_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")


@dataclass(frozen=True, slots=True)
class PagePicture:
    key: str        # of what the page draws (see page_keys)
    digest: str     # of the pixels
    png: bytes
    width: float    # the page's size in points
    height: float
    label: str      # as a viewer names it (the printed folio, "Cover")
    #: where it looks different from the same page of the build before, in points from the
    #: page's lower left; empty when it does not, or when it is new (the whole page is)
    regions: tuple[Box, ...] = ()


def picture_pages(pdf: bytes, before: Sequence[PagePicture] = ()) -> tuple[PagePicture, ...]:
    """Every page of ``pdf``. A page that draws what the same page in ``before`` drew, or looks
    the same, is that page's picture again (not encoded twice); one that looks different
    carries the regions where it does."""
    keys = page_keys(pdf)
    doc = pdfium.PdfDocument(pdf)
    try:
        return tuple(_picture(doc, i, keys[i], before[i] if i < len(before) else None) for i in range(len(doc)))
    finally:
        doc.close()


def _picture(doc: pdfium.PdfDocument, i: int, key: str, old: PagePicture | None) -> PagePicture:
    label = doc.get_page_label(i) or str(i + 1)
    if old is not None and old.key == key:
        return dataclasses.replace(old, label=label, regions=())
    pixels = render_page(doc, i, SCREEN_DPI)
    h = hashlib.sha256(str(pixels.shape).encode())
    h.update(pixels.tobytes())
    digest = h.hexdigest()[:16]
    if old is not None and old.digest == digest:
        return dataclasses.replace(old, key=key, label=label, regions=())
    width, height = doc[i].get_size()
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "PNG", compress_level=1)  # speed over size: it goes over loopback
    regions = _regions(_pixels(old.png), pixels, height) if old is not None else ()
    return PagePicture(key, digest, buffer.getvalue(), width, height, label, regions)


def _pixels(png: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(png)) as img:
        img.load()
        return np.asarray(img if img.mode == "RGB" else img.convert("RGB"))


def _regions(old: np.ndarray, new: np.ndarray, height: float) -> tuple[Box, ...]:
    """Where ``new`` looks different from ``old``, in points. Differences the comparison counts
    as an edge moved by less than a pixel (a margin nudged by half a point) are still a change
    the designer made: they are outlined as the one rectangle around every differing pixel."""
    scale = SCREEN_DPI / 72
    if old.shape != new.shape:
        return ()
    found = compare(old, new, delta_e=0.0).regions
    if len(found) > MAX_REGIONS or not found:
        differs = np.any(old != new, axis=2)
        rows, cols = np.flatnonzero(differs.any(axis=1)), np.flatnonzero(differs.any(axis=0))
        if not len(rows):
            return ()
        found = ((int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1),)
    return tuple(to_points(r, scale, height) for r in found)


def changed_pages(before: Sequence[PagePicture], after: Sequence[PagePicture]) -> tuple[int, ...]:
    """1-based numbers of the pages of ``after`` that look different from (or were not in)
    ``before``."""
    return tuple(i + 1 for i, page in enumerate(after) if i >= len(before) or before[i].digest != page.digest)


def page_keys(pdf: bytes) -> tuple[str, ...]:
    """For each page, a digest of everything it draws with: its own dictionary and every
    object reachable from it (content streams, resources, annotations), by value, not by
    object number, leaving out only what draws nothing (``_NOT_DRAWN``). Two pages with equal
    keys look the same."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        memo: dict[tuple[int, int], bytes] = {}
        keys = []
        for page in doc.pages:
            h = hashlib.blake2b(_digest(page.obj, memo), digest_size=16)
            for name in _INHERITED:  # a value set on the page tree above it draws as its own
                if name not in page.obj and (value := _inherited(page.obj, name)) is not None:
                    h.update(name.encode() + _digest(value, memo))
            keys.append(h.hexdigest())
        return tuple(keys)


def _inherited(page: pikepdf.Dictionary, name: str) -> object | None:
    node = page.get("/Parent")
    for _ in range(64):  # a page tree is shallow; a loop in a damaged one ends here
        if not isinstance(node, pikepdf.Dictionary):
            return None
        if name in node:
            return node[name]
        node = node.get("/Parent")
    return None


def _digest(obj: object, memo: dict[tuple[int, int], bytes]) -> bytes:
    if not isinstance(obj, pikepdf.Object):  # pikepdf gives numbers and booleans as Python's
        return repr(obj).encode()
    if not obj.is_indirect:
        return _value(obj, memo)
    key = obj.objgen
    if (known := memo.get(key)) is not None:
        return known
    memo[key] = b"(reached again)"  # a loop (a page's annotation naming the page) ends here
    memo[key] = value = _value(obj, memo)
    return value


def _value(obj: pikepdf.Object, memo: dict[tuple[int, int], bytes]) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    if isinstance(obj, pikepdf.Stream):
        h.update(b"stream" + _dictionary(obj.stream_dict, memo))
        h.update(obj.read_raw_bytes())
    elif isinstance(obj, pikepdf.Dictionary):
        h.update(_dictionary(obj, memo))
    elif isinstance(obj, pikepdf.Array):
        h.update(b"[")
        for item in obj:
            h.update(_digest(item, memo))
    else:
        h.update(obj.unparse())
    return h.digest()


def _dictionary(obj: pikepdf.Dictionary, memo: dict[tuple[int, int], bytes]) -> bytes:
    h = hashlib.blake2b(b"<<", digest_size=16)
    for name in sorted(obj.keys()):
        if name not in _NOT_DRAWN:
            h.update(name.encode() + _digest(obj[name], memo))
    return h.digest()

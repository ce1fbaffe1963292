"""The pages of a rendering as screen pictures: which changed since the last, and where.

A page is drawn again only when what it draws changed: its key is a digest of its own objects
and of everything they use (content streams, fonts, pictures, the forms of charts and of the
contents' numbers), read with pikepdf in a few milliseconds for the whole file, where drawing
every page again takes a hundred or more. A page whose key changed is drawn and compared by a
digest of its pixels, not of its objects: a new glyph in one page's text renumbers the font
subset's codes on later pages, whose content streams then differ while nothing on them looks
different. Only pages whose pixels changed are encoded again (and fetched again by the
preview), and their differing pixels are grouped into regions as the review tools group
theirs. Every differing pixel counts, with no tolerance for edges moved by less than a pixel as
the review's comparison has: a margin nudged by half a point is a change the designer made.

pdfium is not thread-safe: pages are drawn on the watch's main thread only, while two threads
digest, compare and encode the pictures drawn (Pillow, hashlib and numpy let go of the
interpreter lock while they work, so a restyle of every page takes about half the time); the
server's threads hand out the PNG bytes made here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pikepdf
import pypdfium2 as pdfium
from PIL import Image

from ..layoutmap import Box
from ..review.pixeldiff import regions_of
from ..review.raster import render_page, to_points

SCREEN_DPI = 96  # a CSS pixel is 1/96 inch: a page shown at 100% is one picture pixel per CSS pixel
WORKERS = 2      # threads finishing the pictures drawn
AHEAD = 4        # pictures drawn and not yet finished, at most (each about 2.6 MB of pixels)
#: A page with more changed regions than this is outlined as one region around them all (a
#: colour used everywhere on it): a dozen outlines say no more than one.
MAX_REGIONS = 12
#: Above this share of a page's pixels changed, they are grouped in cells COARSE times larger.
COARSE_ABOVE = 0.01
COARSE = 4
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
    out: list[PagePicture | _Finishing] = []
    pending: deque[_Finishing] = deque()
    try:
        with ThreadPoolExecutor(WORKERS, thread_name_prefix="pictures") as pool:
            for i in range(len(doc)):
                old = before[i] if i < len(before) else None
                label = doc.get_page_label(i) or str(i + 1)
                if old is not None and old.key == keys[i]:
                    out.append(dataclasses.replace(old, label=label, regions=()))
                    continue
                while len(pending) >= AHEAD:
                    pending.popleft().wait()
                width, height = doc[i].get_size()
                pixels = render_page(doc, i, SCREEN_DPI)
                digest = _digest_pixels(pixels)
                if old is not None and old.digest == digest:  # drawn with other objects, to the same pixels
                    out.append(dataclasses.replace(old, key=keys[i], label=label, regions=()))
                    continue
                # encoded in one thread while the other finds where it changed
                finishing = _Finishing(PagePicture(keys[i], digest, b"", width, height, label),
                                       pool.submit(_png, pixels),
                                       pool.submit(_regions, old.png, pixels, height) if old else None)
                pending.append(finishing)
                out.append(finishing)
            return tuple(p if isinstance(p, PagePicture) else p.result() for p in out)
    finally:
        doc.close()


@dataclass(frozen=True, slots=True)
class _Finishing:
    page: PagePicture               # all but its PNG and regions
    png: Future[bytes]
    regions: Future[tuple[Box, ...]] | None

    def wait(self) -> None:
        self.png.result()
        if self.regions is not None:
            self.regions.result()

    def result(self) -> PagePicture:
        regions = self.regions.result() if self.regions is not None else ()
        return dataclasses.replace(self.page, png=self.png.result(), regions=regions)


def _digest_pixels(pixels: np.ndarray) -> str:
    h = hashlib.sha256(str(pixels.shape).encode())
    h.update(np.ascontiguousarray(pixels).data)  # the pixels themselves, not a copy
    return h.hexdigest()[:16]


def _png(pixels: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "PNG", compress_level=1)  # speed over size: it goes over loopback
    return buffer.getvalue()


def _pixels(png: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(png)) as img:
        img.load()
        return np.asarray(img if img.mode == "RGB" else img.convert("RGB"))


def _regions(old_png: bytes, new: np.ndarray, height: float) -> tuple[Box, ...]:
    """Where ``new`` differs from the picture ``old_png``, in points; none when their sizes
    differ (the whole page is new)."""
    old = _pixels(old_png)
    if old.shape != new.shape:
        return ()
    x = old ^ new
    differs = (x[..., 0] | x[..., 1] | x[..., 2]) != 0
    if np.count_nonzero(differs) <= COARSE_ABOVE * differs.size:
        found = regions_of(differs)
    else:
        # Grouping walks the changed cells one by one: where much changed (a colour used
        # everywhere), it walks cells COARSE times larger, each changed when any pixel in it is.
        h, w = differs.shape
        padded = np.zeros((-(-h // COARSE) * COARSE, -(-w // COARSE) * COARSE), dtype=bool)
        padded[:h, :w] = differs
        coarse = np.asarray(padded.reshape(padded.shape[0] // COARSE, COARSE, padded.shape[1] // COARSE, COARSE)
                            .any(axis=(1, 3)))
        found = tuple((x0 * COARSE, y0 * COARSE, min(x1 * COARSE, w), min(y1 * COARSE, h))
                      for x0, y0, x1, y1 in regions_of(coarse))
    if len(found) > MAX_REGIONS:
        found = ((min(r[0] for r in found), min(r[1] for r in found), max(r[2] for r in found),
                  max(r[3] for r in found)),)
    return tuple(to_points(r, SCREEN_DPI / 72, height) for r in found)


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

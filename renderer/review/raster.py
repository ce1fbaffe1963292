"""Pages as pixels, with pypdfium2, compared and pictured a few pages at a time.

pdfium is not thread-safe, so long jobs are split across a bounded pool of worker processes,
each opening the PDFs itself. A worker renders a pair of pages, compares them and, when they
differ and the report wants pictures, writes the page images and zoomed crops of the changed
regions to disk; only the findings travel back. Memory therefore stays that of a few pages,
whatever the page count and however many pages changed.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from ..layoutmap import Box
from .pixeldiff import PixelDiff, Rect, compare

WORKERS = 2
IN_PROCESS_BELOW = 12   # page pairs: fewer than this are not worth starting workers for
CHUNK = 4               # page pairs a worker takes at a time
ZOOM_DPI = 150          # crops of changed regions: 9 pt text reads well at this size
PAGE_DPI = 72           # whole pages in the report, shown about 600 pixels wide
LARGEST_CROP = 0.4      # share of the page: a larger region is seen on the whole page instead
MAX_CROPS = 6           # per page; a page with more changes is shown whole
CROP_MARGIN = (72.0, 24.0)  # points left and right, above and below a changed region: its context
MAX_PAGE_PIXELS = 60_000_000  # a page rendered larger than this is refused (about 3 × A0 at 100 dpi)


class RasterError(ValueError):
    """A page cannot be rendered within the bounds (its size at the asked resolution)."""


@dataclass(frozen=True, slots=True)
class Crop:
    box: Box    # in PDF points of the new page (x0, y0, x1, y1, origin bottom-left)
    old: str    # file names in the pictures folder
    new: str


@dataclass(frozen=True, slots=True)
class Pictures:
    old: str
    new: str
    crops: tuple[Crop, ...]


@dataclass(frozen=True, slots=True)
class PairJob:
    old: int                      # 0-based physical pages
    new: int
    left_out: tuple[Box, ...]     # regions of the new page, in points, not compared
    picture: bool                 # picture the pair even when no pixel changed (its text did)
    renumbering: tuple[Box, ...] = ()  # a change only inside these (its folio) needs no picture
    blocks: tuple[Box, ...] = ()       # the new page's blocks: a crop shows the lines it cuts whole


@dataclass(frozen=True, slots=True)
class PairResult:
    old: int
    new: int
    pixels: PixelDiff
    pictures: Pictures | None


@dataclass(frozen=True, slots=True)
class Raster:
    """How pages are rendered and compared, and where pictures go (``None``: no pictures)."""

    dpi: float
    delta_e: float
    threshold: float
    folder: Path | None


def page_count(pdf: Path) -> int:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def page_labels(pdf: Path) -> tuple[str, ...]:
    """Each page's label as a viewer shows it (the PDF's ``/PageLabels``: the printed folio,
    "Cover"), or its place in the file for a PDF that has none."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return tuple(doc.get_page_label(i) or str(i + 1) for i in range(len(doc)))
    finally:
        doc.close()


def page_name(labels: Sequence[str], number: int) -> str:
    """How a reviewer names a 1-based page: by its label, and its place in the file when that
    differs ("page 12 (PDF page 14)", "Cover (PDF page 1)")."""
    label = labels[number - 1] if 0 < number <= len(labels) else str(number)
    if label == str(number):
        return f"page {number}"
    return f"{'page ' if label[:1].isdigit() else ''}{label} (PDF page {number})"


def render_page(doc: pdfium.PdfDocument, i: int, dpi: float, crop: tuple[float, float, float, float] = (0, 0, 0, 0)
                ) -> np.ndarray:
    """One page as an RGB array; ``crop`` cuts (left, bottom, right, top) points off its edges."""
    page = doc[i]
    try:
        w, h = page.get_size()
        scale = dpi / 72
        if (w - crop[0] - crop[2]) * scale * (h - crop[1] - crop[3]) * scale > MAX_PAGE_PIXELS:
            raise RasterError(f"page {i + 1} ({w:.0f} × {h:.0f} pt) is too large to render at {dpi:g} dpi")
        bitmap = page.render(scale=scale, rev_byteorder=True, crop=crop)
        return np.ascontiguousarray(bitmap.to_numpy()[:, :, :3])
    finally:
        page.close()


def rasterise(pdf: Path, dpi: float, indices: Sequence[int]) -> list[np.ndarray]:
    """RGB arrays of the given pages (0-based), in order, in this process."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [render_page(doc, i, dpi) for i in indices]
    finally:
        doc.close()


def compare_pairs(old_pdf: Path, new_pdf: Path, jobs: Sequence[PairJob], raster: Raster) -> Iterator[PairResult]:
    """Each pair's findings, in the order of ``jobs``."""
    chunks = [list(jobs[i:i + CHUNK]) for i in range(0, len(jobs), CHUNK)]
    if len(jobs) < IN_PROCESS_BELOW:
        for chunk in chunks:
            yield from _compare_chunk(str(old_pdf), str(new_pdf), chunk, raster)
        return
    with make_pool() as pool:
        for results in pool.map(partial(_compare_chunk, str(old_pdf), str(new_pdf), raster=raster), chunks):
            yield from results


def _compare_chunk(old_pdf: str, new_pdf: str, jobs: Sequence[PairJob], raster: Raster) -> list[PairResult]:
    old_doc, new_doc = pdfium.PdfDocument(old_pdf), pdfium.PdfDocument(new_pdf)
    try:
        return [_compare_one(old_doc, new_doc, job, raster) for job in jobs]
    finally:
        old_doc.close()
        new_doc.close()


def _compare_one(old_doc: pdfium.PdfDocument, new_doc: pdfium.PdfDocument, job: PairJob, raster: Raster
                 ) -> PairResult:
    a, b = render_page(old_doc, job.old, raster.dpi), render_page(new_doc, job.new, raster.dpi)
    height = new_doc[job.new].get_size()[1]
    pixels = compare(a, b, raster.delta_e, _mask(b.shape[:2], job.left_out, raster.dpi / 72, height))
    pictures = None
    scale = raster.dpi / 72
    regions = [to_points(r, scale, height) for r in pixels.regions]
    renumbered = bool(job.renumbering) and not job.picture and all(_inside(r, job.renumbering) for r in regions)
    if raster.folder is not None and (pixels.share > raster.threshold or job.picture) and not renumbered:
        stem = f"p{job.old + 1:04d}-{job.new + 1:04d}"
        old_name = _save(_page_picture(a, raster.dpi), raster.folder, f"{stem}-old.png")
        new_name = _save(_page_picture(b, raster.dpi), raster.folder, f"{stem}-new.png")
        width = new_doc[job.new].get_size()[0]
        boxes = crop_boxes(regions, (width, height), job.blocks)
        crops = tuple(_crop(old_doc, new_doc, job, box, raster.folder, f"{stem}-z{k}") for k, box in enumerate(boxes))
        pictures = Pictures(old_name, new_name, crops)
    return PairResult(job.old, job.new, pixels, pictures)


def _crop(old_doc: pdfium.PdfDocument, new_doc: pdfium.PdfDocument, job: PairJob, box: Box, folder: Path,
          stem: str) -> Crop:
    names = []
    for doc, i, side in ((old_doc, job.old, "old"), (new_doc, job.new, "new")):
        w, h = doc[i].get_size()
        cut = (max(0.0, box[0]), max(0.0, box[1]), max(0.0, w - box[2]), max(0.0, h - box[3]))
        names.append(_save(render_page(doc, i, ZOOM_DPI, cut), folder, f"{stem}-{side}.png"))
    return Crop(box, names[0], names[1])


def crop_boxes(regions: Sequence[Box], page: tuple[float, float], blocks: Sequence[Box] = ()) -> list[Box]:
    """Changed regions with some of their surroundings, on the page, merged where they touch,
    largest first; none so large that the whole page shows it as well. A region inside a block
    is widened to the block's width, so the changed lines are read whole."""
    mx, my = CROP_MARGIN
    w, h = page
    boxes = []
    for r in regions:
        around = [b for b in blocks if b[0] < r[2] and r[0] < b[2] and b[1] < r[3] and r[1] < b[3]]
        x0 = min([r[0] - mx, *(b[0] - 6 for b in around)])
        x1 = max([r[2] + mx, *(b[2] + 6 for b in around)])
        boxes.append((max(0.0, x0), max(0.0, r[1] - my), min(w, x1), min(h, r[3] + my)))
    largest = LARGEST_CROP * w * h
    merged = True
    while merged:
        merged = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                a, b = boxes[i], boxes[j]
                if a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]:
                    boxes[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                    del boxes[j]
                    merged = True
                    break
            if merged:
                break
    boxes = [b for b in boxes if (b[2] - b[0]) * (b[3] - b[1]) <= largest]
    boxes.sort(key=lambda b: -(b[2] - b[0]) * (b[3] - b[1]))
    return [tuple(round(v, 1) for v in b) for b in boxes[:MAX_CROPS]]  # type: ignore[misc]


def picture_page(pdf: Path, index: int, folder: Path, name: str) -> str:
    """Write one page's image (an inserted, removed or moved page); its file name."""
    return _save(rasterise(pdf, PAGE_DPI, [index])[0], folder, name)


def _page_picture(img: np.ndarray, dpi: float) -> np.ndarray:
    """A page compared at ``dpi``, at the resolution the report shows whole pages at."""
    if dpi <= PAGE_DPI:
        return img
    h, w = img.shape[:2]
    size = (max(1, round(w * PAGE_DPI / dpi)), max(1, round(h * PAGE_DPI / dpi)))
    return np.asarray(Image.fromarray(img).resize(size, Image.Resampling.BOX))


def _save(img: np.ndarray, folder: Path, name: str) -> str:
    # A page is mostly a few flat colours: an adaptive palette keeps text sharp at a third of
    # the size of full colour (the pixels were compared before this, in full colour).
    Image.fromarray(img).quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        folder / name, optimize=False, compress_level=6)
    return name


def _inside(region: Box, boxes: Sequence[Box]) -> bool:
    return any(b[0] <= region[0] and b[1] <= region[1] and region[2] <= b[2] and region[3] <= b[3] for b in boxes)


def to_points(r: Rect, scale: float, height: float) -> Box:
    x0, y0, x1, y1 = r
    return (round(x0 / scale, 1), round(height - y1 / scale, 1), round(x1 / scale, 1), round(height - y0 / scale, 1))


def _mask(shape: tuple[int, int], boxes: Sequence[Box], scale: float, height: float) -> np.ndarray | None:
    if not boxes:
        return None
    mask = np.zeros(shape, dtype=bool)
    for x0, y0, x1, y1 in boxes:
        if all(math.isfinite(v) for v in (x0, y0, x1, y1)):
            mask[max(0, int((height - y1) * scale)):max(0, int((height - y0) * scale) + 1),
                 max(0, int(x0 * scale)):max(0, int(x1 * scale) + 1)] = True
    return mask


def make_pool() -> ProcessPoolExecutor:
    import multiprocessing
    return ProcessPoolExecutor(max_workers=WORKERS, mp_context=multiprocessing.get_context("fork"))

"""Pages as pixels, with pypdfium2. pdfium is not thread-safe, so large jobs are split across
worker processes, each opening the PDF itself."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

from .pixeldiff import PixelDiff, compare

WORKERS = 2
IN_PROCESS_BELOW = 12  # pages: fewer than this are not worth starting workers for


def page_count(pdf: Path) -> int:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def _render(pdf: str, dpi: float, indices: Sequence[int]) -> list[np.ndarray]:
    doc = pdfium.PdfDocument(pdf)
    try:
        out = []
        for i in indices:
            page = doc[i]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
            out.append(np.ascontiguousarray(bitmap.to_numpy()[:, :, :3]))
            page.close()
        return out
    finally:
        doc.close()


def rasterise(pdf: Path, dpi: float, indices: Sequence[int] | None = None,
              pool: ProcessPoolExecutor | None = None) -> list[np.ndarray]:
    """RGB arrays of the given pages (0-based; all by default), in order."""
    wanted = list(range(page_count(pdf))) if indices is None else list(indices)
    if len(wanted) < IN_PROCESS_BELOW or pool is None:
        return _render(str(pdf), dpi, wanted)
    chunks = [wanted[i::WORKERS] for i in range(WORKERS)]
    results = [pool.submit(_render, str(pdf), dpi, chunk) for chunk in chunks if chunk]
    by_index: dict[int, np.ndarray] = {}
    for chunk, future in zip([c for c in chunks if c], results):
        by_index.update(zip(chunk, future.result()))
    return [by_index[i] for i in wanted]


PairJob = tuple[int, int, np.ndarray | None]   # old index, new index, pixels to leave out


def _compare_pairs(old_pdf: str, new_pdf: str, jobs: Sequence[PairJob], dpi: float, tolerance: int,
                   keep_above: float) -> list[tuple[int, int, PixelDiff, np.ndarray | None, np.ndarray | None]]:
    """Render and compare page pairs where the PDFs are open; only the pixels of pages that
    changed travel back (a process pool would otherwise copy every page)."""
    old_doc, new_doc = pdfium.PdfDocument(old_pdf), pdfium.PdfDocument(new_pdf)
    try:
        out = []
        for o, n, mask in jobs:
            a, b = _page(old_doc, o, dpi), _page(new_doc, n, dpi)
            result = compare(a, b, tolerance, mask)
            keep = result.share > keep_above
            out.append((o, n, result, a if keep else None, b if keep else None))
        return out
    finally:
        old_doc.close()
        new_doc.close()


def _page(doc: pdfium.PdfDocument, i: int, dpi: float) -> np.ndarray:
    page = doc[i]
    try:
        return np.ascontiguousarray(page.render(scale=dpi / 72, rev_byteorder=True).to_numpy()[:, :, :3])
    finally:
        page.close()


def compare_pairs(old_pdf: Path, new_pdf: Path, jobs: Sequence[PairJob], dpi: float, tolerance: int,
                  keep_above: float, pool: ProcessPoolExecutor | None
                  ) -> list[tuple[int, int, PixelDiff, np.ndarray | None, np.ndarray | None]]:
    if pool is None or len(jobs) < IN_PROCESS_BELOW:
        return _compare_pairs(str(old_pdf), str(new_pdf), jobs, dpi, tolerance, keep_above)
    chunks = [list(jobs[i::WORKERS]) for i in range(WORKERS)]
    futures = [pool.submit(_compare_pairs, str(old_pdf), str(new_pdf), c, dpi, tolerance, keep_above) for c in chunks]
    results = [r for f in futures for r in f.result()]
    return sorted(results, key=lambda r: (r[0], r[1]))


def make_pool() -> ProcessPoolExecutor:
    import multiprocessing
    return ProcessPoolExecutor(max_workers=WORKERS, mp_context=multiprocessing.get_context("fork"))

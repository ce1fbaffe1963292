"""Pages as pixels, with pypdfium2. pdfium is not thread-safe, so large jobs are split across
worker processes, each opening the PDF itself."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

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


def make_pool() -> ProcessPoolExecutor:
    import multiprocessing
    return ProcessPoolExecutor(max_workers=WORKERS, mp_context=multiprocessing.get_context("fork"))

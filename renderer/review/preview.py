"""Page previews as PNG, and a contact sheet of the pages in facing spreads as printed:
page 1 alone on the right, then 2-3, 4-5 and so on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from .raster import WORKERS, make_pool, page_count, page_labels, page_name, rasterise

GAP = 24
CAPTION = (40, 48, 60)  # the colour of each page's name under it on the contact sheet


@dataclass(frozen=True, slots=True)
class PreviewResult:
    pages: tuple[Path, ...]
    contact_sheet: Path
    names: tuple[str, ...] = ()  # each written page by its label ("page 12 (PDF page 14)", "Cover …")


def preview(pdf: Path, out_dir: Path, pages: Sequence[int] | None = None, dpi: float = 150) -> PreviewResult:
    """PNG files ``page-NNN.png`` for the given 1-based pages (all by default) and ``contact-sheet.png``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = list(pages) if pages else list(range(1, page_count(pdf) + 1))
    factor = max(1, round(dpi / 36))
    if len(wanted) >= 12:
        # Render, encode and shrink in the workers: only the thumbnails come back.
        pool = make_pool()
        try:
            chunks = [wanted[i::WORKERS] for i in range(WORKERS)]
            futures = [pool.submit(_write_pages, str(pdf), dpi, c, str(out_dir), factor) for c in chunks if c]
            thumbs = {n: Image.fromarray(t) for f in futures for n, t in f.result()}
        finally:
            pool.shutdown()
    else:
        thumbs = {n: Image.fromarray(t) for n, t in _write_pages(str(pdf), dpi, wanted, str(out_dir), factor)}
    written = [out_dir / f"page-{n:03d}.png" for n in wanted]
    labels = page_labels(pdf)
    sheet = out_dir / "contact-sheet.png"
    _contact_sheet(thumbs, labels).save(sheet, compress_level=3)
    return PreviewResult(tuple(written), sheet, tuple(page_name(labels, n) for n in wanted))


def _write_pages(pdf: str, dpi: float, numbers: Sequence[int], out_dir: str, factor: int
                 ) -> list[tuple[int, np.ndarray]]:
    out = []
    for number, img in zip(numbers, rasterise(Path(pdf), dpi, [n - 1 for n in numbers])):
        pil = Image.fromarray(img)
        pil.save(Path(out_dir) / f"page-{number:03d}.png", compress_level=1)
        out.append((number, np.asarray(pil.reduce(factor))))
    return out


def spreads(numbers: Sequence[int]) -> list[tuple[int | None, int | None]]:
    """Facing pages as printed: (None, 1), (2, 3), (4, 5) ..."""
    out: list[tuple[int | None, int | None]] = []
    for n in sorted(numbers):
        left, right = (n, n + 1) if n % 2 == 0 else (n - 1, n)
        pair = (left if left in numbers else None, right if right in numbers else None)
        if pair not in out:
            out.append(pair)
    return out


def _contact_sheet(thumbs: dict[int, Image.Image], labels: Sequence[str] = ()) -> Image.Image:
    w, h = next(iter(thumbs.values())).size
    pairs = spreads(list(thumbs))
    per_row = 3
    rows = (len(pairs) + per_row - 1) // per_row
    sheet = Image.new("RGB", (per_row * (2 * w + GAP) + GAP, rows * (h + GAP) + GAP), (222, 226, 232))
    draw = ImageDraw.Draw(sheet)
    for i, (left, right) in enumerate(pairs):
        x = GAP + (i % per_row) * (2 * w + GAP)
        y = GAP + (i // per_row) * (h + GAP)
        if left is not None:
            sheet.paste(thumbs[left], (x, y))
        if right is not None:
            sheet.paste(thumbs[right], (x + w, y))
        for n, at in ((left, x), (right, x + w)):
            if n is not None:  # the page's label under it, as the reviewers and the printer name it
                draw.text((at + 2, y + h + 4), labels[n - 1] if n <= len(labels) else str(n), fill=CAPTION)
    return sheet

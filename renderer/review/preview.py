"""Page previews as PNG, and a contact sheet of the pages in facing spreads as printed:
page 1 alone on the right, then 2-3, 4-5 and so on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from .raster import make_pool, page_count, rasterise

GAP = 24


@dataclass(frozen=True, slots=True)
class PreviewResult:
    pages: tuple[Path, ...]
    contact_sheet: Path


def preview(pdf: Path, out_dir: Path, pages: Sequence[int] | None = None, dpi: float = 150) -> PreviewResult:
    """PNG files ``page-NNN.png`` for the given 1-based pages (all by default) and ``contact-sheet.png``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = list(pages) if pages else list(range(1, page_count(pdf) + 1))
    pool = make_pool() if len(wanted) >= 12 else None
    try:
        images = rasterise(pdf, dpi, [p - 1 for p in wanted], pool)
    finally:
        if pool is not None:
            pool.shutdown()
    written = []
    thumbs = {}
    for number, img in zip(wanted, images):
        pil = Image.fromarray(img)
        path = out_dir / f"page-{number:03d}.png"
        pil.save(path, compress_level=1)
        written.append(path)
        thumbs[number] = pil.reduce(max(1, round(dpi / 36)))
    sheet = out_dir / "contact-sheet.png"
    _contact_sheet(thumbs).save(sheet, compress_level=3)
    return PreviewResult(tuple(written), sheet)


def spreads(numbers: Sequence[int]) -> list[tuple[int | None, int | None]]:
    """Facing pages as printed: (None, 1), (2, 3), (4, 5) ..."""
    out: list[tuple[int | None, int | None]] = []
    for n in sorted(numbers):
        left, right = (n, n + 1) if n % 2 == 0 else (n - 1, n)
        pair = (left if left in numbers else None, right if right in numbers else None)
        if pair not in out:
            out.append(pair)
    return out


def _contact_sheet(thumbs: dict[int, Image.Image]) -> Image.Image:
    w, h = next(iter(thumbs.values())).size
    pairs = spreads(list(thumbs))
    per_row = 3
    rows = (len(pairs) + per_row - 1) // per_row
    sheet = Image.new("RGB", (per_row * (2 * w + GAP) + GAP, rows * (h + GAP) + GAP), (222, 226, 232))
    for i, (left, right) in enumerate(pairs):
        x = GAP + (i % per_row) * (2 * w + GAP)
        y = GAP + (i // per_row) * (h + GAP)
        if left is not None:
            sheet.paste(thumbs[left], (x, y))
        if right is not None:
            sheet.paste(thumbs[right], (x + w, y))
    return sheet

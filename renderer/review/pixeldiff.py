"""Pixel comparison of two renderings of a page, as a reader would see the difference.

A pixel counts as changed when its colour differs by more than a perceptual threshold
(CIEDE2000, see :mod:`.colour`) and the difference is not anti-aliasing. The anti-aliasing
test follows pixelmatch's idea, vectorised: a pixel is an edge that moved by less than a
pixel when, in each image, its colour lies within the other image's 3×3 neighbourhood *and*
both neighbourhoods hold the same extreme colours (the same ink on the same paper). A glyph
set in another colour fails the second condition, so a recoloured text is still a change.
Changed pixels are then grouped into rectangles on a coarse grid.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

from .colour import delta_e_pixels

Rect = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels, top-left origin
CELL = 12          # pixels per grid cell when grouping changes into regions
SLACK = 16         # per-channel levels (0-255) two neighbourhoods' extremes may differ by
EDGE = 48          # per-channel range in a neighbourhood that makes it an edge
DEFAULT_DELTA_E = 2.0


@dataclass(frozen=True, slots=True)
class PixelDiff:
    share: float              # changed pixels / all pixels
    regions: tuple[Rect, ...]
    max_delta_e: float = 0.0  # the largest ΔE00 among the changed pixels


def compare(a: np.ndarray, b: np.ndarray, delta_e: float = DEFAULT_DELTA_E,
            mask: np.ndarray | None = None) -> PixelDiff:
    """Compare two RGB pages; ``delta_e`` is the ΔE00 at or below which pixels count as equal;
    ``mask`` marks pixels to leave out."""
    if a.shape != b.shape:
        h, w = max(a.shape[0], b.shape[0]), max(a.shape[1], b.shape[1])
        return PixelDiff(1.0, ((0, 0, w, h),), 100.0)
    x = a ^ b  # faster than a reduction over the three channels
    differs = (x[..., 0] | x[..., 1] | x[..., 2]) != 0
    if mask is not None:
        fitted = np.zeros(differs.shape, dtype=bool)  # the renderer may round the size differently
        h, w = min(mask.shape[0], fitted.shape[0]), min(mask.shape[1], fitted.shape[1])
        fitted[:h, :w] = mask[:h, :w]
        differs &= ~fitted
    rows, cols = np.flatnonzero(differs.any(axis=1)), np.flatnonzero(differs.any(axis=0))
    if len(rows) == 0:
        return PixelDiff(0.0, ())
    # only the rectangle where anything differs is looked at (a folio, a figure)
    y0, x0 = int(rows[0]), int(cols[0])
    ys, xs = np.nonzero(differs[y0:int(rows[-1]) + 1, x0:int(cols[-1]) + 1])
    ys, xs = ys + y0, xs + x0
    de = delta_e_pixels(a[ys, xs], b[ys, xs])
    seen = de > delta_e
    ys, xs, de = ys[seen], xs[seen], de[seen]
    if len(ys):
        real = ~_antialiased(a, b, ys, xs)
        ys, xs, de = ys[real], xs[real], de[real]
    if len(ys) == 0:
        return PixelDiff(0.0, ())
    changed = np.zeros(differs.shape, dtype=bool)
    changed[ys, xs] = True
    return PixelDiff(len(ys) / differs.size, regions_of(changed), round(float(de.max()), 1))


def _antialiased(a: np.ndarray, b: np.ndarray, ys: np.ndarray, xs: np.ndarray) -> np.ndarray:
    """Which of the pixels at (ys, xs) differ only as an edge drawn a fraction of a pixel apart."""
    h, w = a.shape[:2]
    flat_a, flat_b = a.reshape(-1, 3), b.reshape(-1, 3)
    result = np.zeros(len(ys), dtype=bool)
    # Inside a flat fill (a recoloured banner) no pixel can be an edge: those are settled by
    # comparing each pixel with its right and lower neighbours before the full test.
    here = ys * w + xs
    right, below = ys * w + np.minimum(xs + 1, w - 1), np.minimum(ys + 1, h - 1) * w + xs
    near_edge = np.zeros(len(ys), dtype=bool)
    for flat in (flat_a, flat_b):
        for other in (right, below):
            step = np.abs(flat[here].astype(np.int16) - flat[other].astype(np.int16)).max(axis=1)
            near_edge |= step > 0
    # a pixel whose right and lower neighbours match it may still border an edge on its left
    # or above: grow the set by one pixel before the full test
    keep = np.flatnonzero(near_edge | _next_to(near_edge, ys, xs, h, w))
    if len(keep) == 0:
        return result
    result[keep] = _edge_shift(flat_a, flat_b, ys[keep], xs[keep], h, w)
    return result


def _next_to(marked: np.ndarray, ys: np.ndarray, xs: np.ndarray, h: int, w: int) -> np.ndarray:
    """Pixels (among ys, xs) whose left or upper neighbour is marked."""
    grid = np.zeros((h + 1, w + 1), dtype=bool)
    grid[ys[marked], xs[marked]] = True
    out: np.ndarray = grid[ys, np.maximum(xs - 1, 0)] | grid[np.maximum(ys - 1, 0), xs]
    return out


def _edge_shift(flat_a: np.ndarray, flat_b: np.ndarray, ys: np.ndarray, xs: np.ndarray, h: int, w: int) -> np.ndarray:
    around = [np.clip(ys + dy, 0, h - 1) * w + np.clip(xs + dx, 0, w - 1) for dy in (-1, 0, 1) for dx in (-1, 0, 1)]
    lo_a, hi_a = _extremes(flat_a, around)
    lo_b, hi_b = _extremes(flat_b, around)
    pa, pb = flat_a[around[4]].astype(np.int16), flat_b[around[4]].astype(np.int16)
    inside = np.all((pb >= lo_a - SLACK) & (pb <= hi_a + SLACK) & (pa >= lo_b - SLACK) & (pa <= hi_b + SLACK), axis=1)
    same_ink = np.all((np.abs(lo_a - lo_b) <= SLACK) & (np.abs(hi_a - hi_b) <= SLACK), axis=1)
    edge = np.max(hi_a - lo_a, axis=1) > EDGE
    result: np.ndarray = inside & same_ink & edge
    return result


def _extremes(flat: np.ndarray, around: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Per-channel min and max over each pixel's 3×3 neighbourhood (indices into ``flat``)."""
    first = np.take(flat, around[0], axis=0)
    lo, hi = first.copy(), first
    for idx in around[1:]:
        v = np.take(flat, idx, axis=0)
        np.minimum(lo, v, out=lo)
        hi = np.maximum(hi, v)
    return lo.astype(np.int16), hi.astype(np.int16)


def regions_of(changed: np.ndarray) -> tuple[Rect, ...]:
    """Bounding boxes of connected groups of changed grid cells (``changed``: a boolean mask
    of the page's pixels)."""
    h, w = changed.shape
    gh, gw = (h + CELL - 1) // CELL, (w + CELL - 1) // CELL
    padded = np.zeros((gh * CELL, gw * CELL), dtype=bool)
    padded[:h, :w] = changed
    cells: np.ndarray = np.asarray(padded.reshape(gh, CELL, gw, CELL).any(axis=(1, 3)))
    seen = np.zeros_like(cells)
    out: list[Rect] = []
    for y, x in zip(*np.nonzero(cells)):
        if seen[y, x]:
            continue
        y0, y1, x0, x1 = y, y, x, x
        queue = deque([(y, x)])
        seen[y, x] = True
        while queue:
            cy, cx = queue.popleft()
            y0, y1, x0, x1 = min(y0, cy), max(y1, cy), min(x0, cx), max(x1, cx)
            for ny in range(max(cy - 1, 0), min(cy + 2, gh)):
                for nx in range(max(cx - 1, 0), min(cx + 2, gw)):
                    if cells[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        queue.append((ny, nx))
        out.append((int(x0 * CELL), int(y0 * CELL), int(min((x1 + 1) * CELL, w)), int(min((y1 + 1) * CELL, h))))
    return tuple(out)

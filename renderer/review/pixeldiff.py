"""Pixel comparison of two renderings of a page, blind to anti-aliasing noise.

The idea is pixelmatch's: a pixel that differs only because an edge moved by less than a
pixel (or was smoothed differently) is not a change. Here, vectorised: a differing pixel is
anti-aliasing when each image's value lies within the other image's 3×3 neighbourhood range.
Changed pixels are then grouped into rectangles on a coarse grid.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

Rect = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels, top-left origin
CELL = 12  # pixels per grid cell when grouping changes into regions


@dataclass(frozen=True, slots=True)
class PixelDiff:
    share: float              # changed pixels / all pixels
    regions: tuple[Rect, ...]


def _neighbourhood(img: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-pixel min and max over the 3×3 neighbourhood (edges padded)."""
    p = np.pad(img, ((1, 1), (1, 1)), mode="edge")
    h, w = img.shape
    stack = [p[dy:dy + h, dx:dx + w] for dy in range(3) for dx in range(3)]
    return np.minimum.reduce(stack), np.maximum.reduce(stack)


def compare(a: np.ndarray, b: np.ndarray, threshold: int = 40, mask: np.ndarray | None = None) -> PixelDiff:
    """Compare two RGB pages of the same size; ``threshold`` is the per-channel difference (0-255)
    below which pixels count as equal; ``mask`` marks pixels to ignore."""
    if a.shape != b.shape:
        h, w = max(a.shape[0], b.shape[0]), max(a.shape[1], b.shape[1])
        return PixelDiff(1.0, ((0, 0, w, h),))
    differs = np.any(a != b, axis=2)
    if mask is not None:
        fitted = np.zeros(differs.shape, dtype=bool)  # the renderer may round the size differently
        h, w = min(mask.shape[0], fitted.shape[0]), min(mask.shape[1], fitted.shape[1])
        fitted[:h, :w] = mask[:h, :w]
        differs &= ~fitted
    if not differs.any():
        return PixelDiff(0.0, ())
    # Work only on the rectangle where anything differs (plus a pixel for the neighbourhoods).
    rows, cols = np.nonzero(differs.any(axis=1))[0], np.nonzero(differs.any(axis=0))[0]
    y0, y1 = max(int(rows[0]) - 1, 0), min(int(rows[-1]) + 2, a.shape[0])
    x0, x1 = max(int(cols[0]) - 1, 0), min(int(cols[-1]) + 2, a.shape[1])
    ca, cb = a[y0:y1, x0:x1], b[y0:y1, x0:x1]
    changed = (np.abs(ca.astype(np.int16) - cb.astype(np.int16)).max(axis=2) > threshold) & differs[y0:y1, x0:x1]
    if changed.any():
        changed &= ~_antialiased(ca, cb, changed)
    full = np.zeros(differs.shape, dtype=bool)
    full[y0:y1, x0:x1] = changed
    share = float(changed.sum()) / differs.size
    return PixelDiff(share, _regions(full) if share else ())


def _antialiased(a: np.ndarray, b: np.ndarray, changed: np.ndarray) -> np.ndarray:
    ga = a.astype(np.int16).sum(axis=2)  # luminance-like: enough to tell edges apart
    gb = b.astype(np.int16).sum(axis=2)
    lo_a, hi_a = _neighbourhood(ga)
    lo_b, hi_b = _neighbourhood(gb)
    slack = 24
    explained = (gb >= lo_a - slack) & (gb <= hi_a + slack) & (ga >= lo_b - slack) & (ga <= hi_b + slack)
    edge = (hi_a - lo_a > 60) | (hi_b - lo_b > 60)
    result: np.ndarray = changed & explained & edge
    return result


def _regions(changed: np.ndarray) -> tuple[Rect, ...]:
    """Bounding boxes of connected groups of changed grid cells."""
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

"""Golden page images: rendered with pypdfium2 at low resolution and compared with a tolerance.

A comparison never passes silently: the page count is checked first, a missing reference is a
failure (not a skip), and on failure the actual, expected and difference images are written
to ``tests/pages/failures/`` for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

HERE = Path(__file__).resolve().parent
REF = HERE / "ref"
FAILURES = HERE / "failures"
DPI = 40
CHANNEL_TOLERANCE = 48      # a pixel differs when a channel moves by more than this (of 255)
MAX_CHANGED_SHARE = 0.002   # ... and the page fails when more than 0.2% of pixels differ
# A pale fill changed over a large area (a tint, stripes out of step) moves each pixel a
# little: pixels moved by more than a few levels may be 2% of the page (a line of text set
# again elsewhere moves about 0.6%).
SUBTLE_TOLERANCE = 6
MAX_SUBTLE_SHARE = 0.02


def rasterise(pdf: bytes, dpi: int = DPI) -> list[np.ndarray]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [np.asarray(page.render(scale=dpi / 72).to_pil().convert("RGB")) for page in doc]
    finally:
        doc.close()


def compare_pages(name: str, pdf: bytes, expected_pages: int, update: bool, only: set[int] | None = None) -> None:
    """Compare the pages of ``pdf`` (all, or the physical page numbers in ``only``) with
    ``ref/<name>-p<N>.png``, or rewrite those references."""
    pages = rasterise(pdf)
    assert len(pages) == expected_pages, f"{name}: {len(pages)} pages rendered, {expected_pages} expected"
    problems = []
    for number, actual in enumerate(pages, start=1):
        if only is not None and number not in only:
            continue
        ref = REF / f"{name}-p{number}.png"
        if update:
            REF.mkdir(exist_ok=True)
            Image.fromarray(actual).save(ref, optimize=True)
            continue
        if not ref.is_file():
            problems.append(f"{ref.name} is missing: run pytest tests/pages --update-golden and look at it")
            continue
        expected = np.asarray(Image.open(ref).convert("RGB"))
        problem = _difference(name, number, actual, expected)
        if problem:
            problems.append(problem)
    assert not problems, "\n".join(problems)


def _difference(name: str, number: int, actual: np.ndarray, expected: np.ndarray) -> str | None:
    if actual.shape != expected.shape:
        _save_failure(name, number, actual, expected, None)
        return f"{name} page {number}: size {actual.shape[:2]} differs from the reference {expected.shape[:2]}"
    delta = np.abs(actual.astype(np.int16) - expected.astype(np.int16)).max(axis=2)
    changed = delta > CHANNEL_TOLERANCE
    subtle = delta > SUBTLE_TOLERANCE
    share, subtle_share = float(changed.mean()), float(subtle.mean())
    if share <= MAX_CHANGED_SHARE and subtle_share <= MAX_SUBTLE_SHARE:
        return None
    _save_failure(name, number, actual, expected, changed | subtle)
    where = f"see {FAILURES.relative_to(HERE.parent.parent)}/{name}-p{number}-*.png"
    if share > MAX_CHANGED_SHARE:
        return f"{name} page {number}: {share:.2%} of pixels differ (tolerance {MAX_CHANGED_SHARE:.2%}); {where}"
    return (f"{name} page {number}: {subtle_share:.2%} of pixels changed slightly, as a changed fill would "
            f"(tolerance {MAX_SUBTLE_SHARE:.0%}); {where}")


def _save_failure(name: str, number: int, actual: np.ndarray, expected: np.ndarray,
                  changed: np.ndarray | None) -> None:
    FAILURES.mkdir(exist_ok=True)
    Image.fromarray(actual).save(FAILURES / f"{name}-p{number}-actual.png")
    Image.fromarray(expected).save(FAILURES / f"{name}-p{number}-expected.png")
    if changed is not None:
        diff = actual.copy()
        diff[changed] = (255, 0, 0)
        Image.fromarray(diff).save(FAILURES / f"{name}-p{number}-diff.png")

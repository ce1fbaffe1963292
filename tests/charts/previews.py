"""Render every sample chart (full and half width) into a PDF and PNG pages for looking at.

    .venv/bin/python -m tests.charts.previews [/tmp/chart-previews]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pypdfium2 as pdfium
from reportlab.pdfgen.canvas import Canvas

from renderer.charts import start

from .samples import FULL, HALF, jobs, register_fonts, samples, stress

PAGE_W, PAGE_H = 595.0, 842.0
MARGIN = 56.0


def build(out: Path, cache: Path | None = None) -> Path:
    register_fonts()
    full, half = jobs(samples(FULL), "full"), jobs(samples(HALF), "half") + jobs(stress(HALF), "stress")
    artist = start(full + half, cache)
    pdf = out / "charts.pdf"
    c = Canvas(str(pdf), pagesize=(PAGE_W, PAGE_H), initialFontName="Lato")
    y = PAGE_H - MARGIN
    pairs = [(j, None) for j in full] + [(a, b) for a, b in zip(half[0::2], half[1::2])]
    for left, right in pairs:
        h = max(left.spec.height, right.spec.height if right else 0)
        if y - h - 20 < MARGIN:
            c.showPage()
            y = PAGE_H - MARGIN
        for job, x in ((left, MARGIN), (right, MARGIN + HALF + 20)):
            if job is None:
                continue
            c.setFont("Lato-Bold", 9.5)
            c.setFillColorRGB(0.055, 0.165, 0.325)
            c.drawString(x, y - 9.5, job.name)
            c.setStrokeColorRGB(0.9, 0.3, 0.3)
            c.setLineWidth(0.25)
            c.setDash([1, 2])
            c.rect(x, y - 14 - job.spec.height, job.spec.width, job.spec.height)  # the box, to check bounds
            c.setDash([])
            c.saveState()
            c.translate(x, y - 14 - job.spec.height)
            c.doForm(job.name)
            c.restoreState()
        y -= h + 34
    artist.define_forms(c)
    c.save()
    return pdf


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/chart-previews")
    out.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    pdf = build(out)
    print(f"built {pdf} in {time.perf_counter() - t:.2f}s")
    doc = pdfium.PdfDocument(str(pdf))
    for i in range(len(doc)):
        doc[i].render(scale=2.5).to_pil().save(out / f"page-{i + 1}.png")
    print(f"{len(doc)} pages")


if __name__ == "__main__":
    main()

"""Timings behind the choice in renderer/charts/__init__.py (not a test; run by hand).

    .venv/bin/python -m tests.charts.bench_svg             # the recording renderer
    /tmp/svgvenv/bin/python -m tests.charts.bench_svg      # also matplotlib → SVG → svglib,
                                                           # in a venv that has svglib
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from renderer.charts import cache, replay
from renderer.charts.draw import draw

from .samples import FULL, LOOK, register_fonts, samples

REPEAT = 5


def per_chart(fn: Callable[[], None], charts: int) -> float:
    """Median over REPEAT runs, in milliseconds per chart."""
    runs = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs) * 1000 / charts


def import_time(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout) * 1000


def main() -> None:
    register_fonts()
    specs = list(samples(FULL).values())
    n = len(specs)
    ops = [draw(s, LOOK) for s in specs]  # warms imports and font caches
    print(f"charts: {n}; import matplotlib+pyplot-free drawing stack: "
          f"{import_time('renderer.charts.draw'):.0f} ms "
          f"(renderer.charts alone: {import_time('renderer.charts'):.0f} ms)")
    print(f"record (draw → ops):      {per_chart(lambda: [draw(s, LOOK) for s in specs], n):6.1f} ms/chart")
    canvas = Canvas(io.BytesIO(), initialFontName="Lato")
    print(f"replay into a canvas:     {per_chart(lambda: [replay(o, canvas) for o in ops], n):6.2f} ms/chart")
    with tempfile.TemporaryDirectory() as tmp:
        keys = [cache.key(s, LOOK) for s in specs]
        for k, o in zip(keys, ops):
            cache.store(Path(tmp), k, o)
        fonts = {name for _, name in LOOK.font_names}
        warm = per_chart(lambda: [cache.load(Path(tmp), cache.key(s, LOOK), fonts) for s in specs], n)
        print(f"warm: key + load JSON:    {warm:6.2f} ms/chart")
        size = sum(f.stat().st_size for f in Path(tmp).glob("*.json")) / n
        print(f"op file size:             {size / 1024:6.1f} KiB/chart")
    try:
        from svglib.svglib import svg2rlg  # type: ignore[import-not-found]
    except ImportError:
        print("svglib not installed here: SVG route not measured")
        return
    _svg_route(specs, n, svg2rlg)


def _svg_route(specs: list, n: int, svg2rlg: Callable[..., object]) -> None:  # type: ignore[type-arg]
    import matplotlib
    from matplotlib.figure import Figure
    from reportlab.graphics import renderPDF

    from renderer.charts.draw import _family
    from renderer.charts.kinds import KINDS
    from renderer.charts.sketch import Sketch

    def figure(spec: object) -> Figure:
        family = _family(dict(LOOK.font_files)["regular"])
        fig = Figure(figsize=(spec.width / 72, spec.height / 72), dpi=72)  # type: ignore[attr-defined]
        fig.patch.set_visible(False)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.set_xlim(0, spec.width)  # type: ignore[attr-defined]
        ax.set_ylim(0, spec.height)  # type: ignore[attr-defined]
        KINDS[spec.kind].paint(Sketch(ax, LOOK, family), spec)  # type: ignore[attr-defined]
        return fig

    def svg_route(fonttype: str) -> None:
        with matplotlib.rc_context({"svg.fonttype": fonttype, "text.parse_math": False}):
            for s in specs:
                buf = io.BytesIO()
                figure(s).savefig(buf, format="svg")
                buf.seek(0)
                drawing = svg2rlg(buf)
                renderPDF.draw(drawing, canvas, 0, 0)

    canvas = Canvas(io.BytesIO(), initialFontName="Lato")
    for fonttype in ("none", "path"):
        ms = per_chart(lambda fonttype=fonttype: svg_route(fonttype), n)  # called here, in this turn of the loop
        print(f"SVG route (svg.fonttype={fonttype}): {ms:6.1f} ms/chart "
              "(figure + savefig svg + svg2rlg + renderPDF.draw)")
    out = io.BytesIO()
    canvas = Canvas(out, initialFontName="Lato")
    svg_route("none")
    canvas.save()
    fonts = sorted({line.split(b"/BaseFont")[1].split()[0].decode() for line in out.getvalue().split(b"\n")
                    if b"/BaseFont" in line})
    print(f"fonts the SVG route puts in the PDF (svg.fonttype=none): {fonts}")


if __name__ == "__main__":
    main()

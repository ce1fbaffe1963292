"""Stage: charts. Each chart is drawn once, as vector art in the report's own fonts, and
placed as a PDF form XObject.

Why a recording matplotlib renderer and not matplotlib → SVG → svglib
-------------------------------------------------------------------
matplotlib lays the chart out and calls a tiny renderer of ours (:mod:`.record`) that keeps
paths and text runs as data. Replayed on the reportlab canvas (:func:`.ops.replay`), chart text
is real text in the Lato subset the report already embeds: searchable, copyable, no second
font object, no Helvetica fallback, no SVG parsing. Text is measured with reportlab's metrics
for the same TrueType faces, so matplotlib places labels exactly where reportlab prints them.

Measured on this machine (2 cores; the eight sample charts of ``tests/charts``, median of 5;
``python -m tests.charts.bench_svg``, the SVG route in a side venv with svglib):

- recording renderer: 21 ms per chart to draw (figure → ops; 14–46 ms by kind), 0.9 ms to
  replay into a form;
- matplotlib → SVG → svglib → reportlab: 64 ms per chart with ``svg.fonttype: none``, and the
  PDF then holds Helvetica (svglib's fallback for faces it cannot map); 235 ms per chart with
  ``svg.fonttype: path``, where chart text becomes outlines nobody can search or copy;
- importing the drawing stack (matplotlib): 0.5 s, paid only by a build with a cache miss, in
  the two worker processes, while the engine lays out pages;
- warm chart: hash the key and read its JSON op list (4.6 KiB): 0.5 ms; a warm build of 16
  charts spends 45 ms in this package and never imports matplotlib.

No chart code imports anything from other renderer stages.
"""

from __future__ import annotations

from .alt import alt_text
from .artist import ChartArtist, ChartFailed, prewarm, start
from .cache import CHART_CODE_VERSION
from .ops import Op, PathOp, TextOp, replay
from .spec import ChartJob, ChartLook, ChartSpec, Series

__all__ = ["CHART_CODE_VERSION", "ChartArtist", "ChartFailed", "ChartJob", "ChartLook", "ChartSpec", "Op", "PathOp",
           "Series", "TextOp", "alt_text", "prewarm", "replay", "start"]

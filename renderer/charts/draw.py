"""Drawing one chart: matplotlib lays it out, the recording renderer turns it into ops.

Imported only when a chart is not in the cache (and in the worker processes), so a warm
build never pays for importing matplotlib.
"""

from __future__ import annotations

from functools import cache

import matplotlib
from matplotlib.figure import Figure
from matplotlib.font_manager import fontManager, get_font

from .kinds import KINDS
from .ops import Op
from .record import RecordingRenderer
from .sketch import Sketch
from .spec import ChartLook, ChartSpec
from .text import ensure_fonts


@cache
def _family(path: str) -> str:
    """Tell matplotlib about a bundled face (no system font lookup); returns its family name."""
    fontManager.addfont(path)
    return str(get_font(path).family_name)


def draw(spec: ChartSpec, look: ChartLook) -> list[Op]:
    """The chart's drawing operations, in points from the box's lower left."""
    ensure_fonts(look)
    family = _family(dict(look.font_files)["regular"])
    for _, path in look.font_files:
        _family(path)
    # matplotlib's own defaults, whatever matplotlibrc or style the working folder has, and
    # plain text only: no TeX, no mathtext ("$5 and $10" prints as typed).
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update({"text.usetex": False, "text.parse_math": False,
                                    "font.family": [family]})
        fig = Figure(figsize=(spec.width / 72, spec.height / 72), dpi=72)
        fig.patch.set_visible(False)  # the page shows through: charts sit on tinted panels too
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.set_xlim(0, spec.width)
        ax.set_ylim(0, spec.height)
        KINDS[spec.kind].paint(Sketch(ax, look, family), spec)
        renderer = RecordingRenderer(look, spec.width, spec.height)
        fig.draw(renderer)
    return renderer.ops

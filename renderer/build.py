"""The whole pipeline in one place: check → compose → paginate → write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .charts import prewarm
from .diagnostics import Sink
from .paginate import Rendering, paginate
from .pdf import canvas_options, make_canvasmaker, write_together
from .pdf.press import identify_pdfx, press_canvas_options
from .pdf.write import document_time
from .safety import guard_reportlab
from .validate import check_edition
from .version import VERSION


@dataclass(frozen=True, slots=True)
class Paths:
    """Where the inputs live."""

    edition: Path
    layout: Path
    fonts: Path


def render(paths: Paths, sink: Sink, *, chart_cache: Path | None = None, strict: bool = False,
           profile: str | None = None, chart_pool: Any = None) -> Rendering | None:
    """Build the PDF in memory; ``None`` (with diagnostics in ``sink``) when the content is bad.

    ``profile`` is ``screen`` or ``press``; by default the one ``layout/templates.yaml`` names.
    """
    guard_reportlab()
    pool = chart_pool if chart_pool is not None else prewarm(chart_cache) if chart_cache is not None else None
    checked = check_edition(paths.edition, paths.layout, paths.fonts, sink, profile=profile)
    if checked is None:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        return None
    edition, theme = checked.edition, checked.theme
    meta = canvas_options(edition, VERSION, theme.font("regular"))
    when = document_time(edition)
    press = theme.press
    icc = theme.icc_profile
    options: dict[str, Any] = {}
    if press is not None:
        options = press_canvas_options(press, theme.geometry.trim_box, theme.geometry.bleed_box)
        options["prepare"] = lambda canvas: identify_pdfx(canvas, edition, press, when, icc)
    return paginate(edition, theme, checked.quantities, sink, canvasmaker=make_canvasmaker(when, **options),
                    meta=meta, chart_cache=chart_cache, strict=strict, chart_pool=pool)


def build(paths: Paths, output: Path, sink: Sink, *, strict: bool = False, profile: str | None = None,
          chart_pool: Any = None, chart_cache: Path | None = None) -> Rendering | None:
    """Render and write the PDF and its layout map; nothing is written when the build fails.

    Charts are cached in ``chart_cache``, by default beside the PDF."""
    rendering = render(paths, sink, chart_cache=chart_cache or output.parent / ".chart-cache", strict=strict,
                       profile=profile, chart_pool=chart_pool)
    if rendering is None or (strict and sink.warnings):  # under --strict a warning fails the build
        return None
    # An OSError here names the file meant (see write_together); the command line reports it.
    write_together({output: rendering.pdf, layout_map_path(output): rendering.layout_map.to_json().encode()})
    return rendering


def layout_map_path(pdf: Path) -> Path:
    return pdf.with_suffix(".layout.json")

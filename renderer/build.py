"""The whole pipeline in one place: check → compose → paginate → write."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import buildid, layoutmap
from .diagnostics import Sink
from .paginate import Rendering, paginate
from .pdf import canvas_options, make_canvasmaker, write_together
from .pdf.compact import pack, spill
from .pdf.press import profile_canvas_options
from .pdf.write import document_time
from .safety import guard_reportlab
from .validate import check_edition
from .version import VERSION

if TYPE_CHECKING:
    from .warm import Warm


@dataclass(frozen=True, slots=True)
class Paths:
    """Where the inputs live."""

    edition: Path
    layout: Path
    fonts: Path


def render(paths: Paths, sink: Sink, *, chart_cache: Path | None = None, strict: bool = False,
           profile: str | None = None, chart_pool: Any = None, warm: Warm | None = None) -> Rendering | None:
    """Build the PDF in memory; ``None`` (with diagnostics in ``sink``) when the content is bad.

    ``profile`` names one in ``renderer.profiles.PROFILES``; by default the one
    ``layout/templates.yaml`` names. ``warm`` holds what a process that builds again and again
    keeps between builds (``renderer.warm``); the PDF is the same with it or without.
    """
    if warm is None:
        guard_reportlab()
        return _render(paths, sink, chart_cache, strict, profile, chart_pool, None)
    with warm.building(paths.fonts):
        return _render(paths, sink, chart_cache, strict, profile, chart_pool, warm)


def _render(paths: Paths, sink: Sink, chart_cache: Path | None, strict: bool, profile: str | None,
            chart_pool: Any, warm: Warm | None) -> Rendering | None:
    if chart_pool is None and warm is not None:
        chart_pool = warm.pool
    # Without a pool from the caller, charts missing from the cache get workers once layout
    # has found them (``charts.start``): none start for an edition without charts.
    pool = chart_pool
    checked = check_edition(paths.edition, paths.layout, paths.fonts, sink, profile=profile, cache=chart_cache,
                            warm=warm)
    if checked is None:
        return None
    edition, theme = checked.edition, checked.theme
    meta = canvas_options(edition, VERSION, theme.font("regular"))
    when = document_time(edition)
    options = profile_canvas_options(theme.profile, theme.geometry, edition, when, theme.icc_profile)
    rendering = paginate(edition, theme, checked.quantities, sink, canvasmaker=make_canvasmaker(when, **options),
                         meta=meta, chart_cache=chart_cache, strict=strict, chart_pool=pool,
                         look=warm.look(theme) if warm else None, drawings=warm.charts if warm else None)
    if rendering is None:
        return None
    if chart_cache is not None and not (strict and sink.warnings):  # the build succeeds: keep its fonts
        theme.remember_fonts(chart_cache)
    if theme.profile.object_streams:
        with spill(rendering.pdf) as source:
            rendering = dataclasses.replace(rendering, pdf=b"")  # the unpacked bytes are freed here
            pdf = pack(source)
    else:
        pdf = rendering.pdf
    pdf, build_id = buildid.stamp(pdf)
    return dataclasses.replace(rendering, pdf=pdf, build_id=build_id)


def build(paths: Paths, output: Path, sink: Sink, *, strict: bool = False, profile: str | None = None,
          chart_pool: Any = None, chart_cache: Path | None = None, warm: Warm | None = None) -> Rendering | None:
    """Render and write the PDF and its layout map; nothing is written when the build fails.

    Charts are cached in ``chart_cache``, by default beside the PDF."""
    rendering = render(paths, sink, chart_cache=chart_cache or output.parent / ".chart-cache", strict=strict,
                       profile=profile, chart_pool=chart_pool, warm=warm)
    if rendering is None or (strict and sink.warnings):  # under --strict a warning fails the build
        return None
    # An OSError here names the file meant (see write_together); the command line reports it.
    # The map goes first: a build stopped between the two renames leaves a new map beside the
    # old PDF, which readers refuse (their build ids differ), never a new PDF with a stale map
    # that would pass for its own.
    layout_map = layoutmap.dumps(rendering.layout_map, rendering.build_id).encode()
    write_together({layout_map_path(output): layout_map, output: rendering.pdf})
    return rendering


def layout_map_path(pdf: Path) -> Path:
    return pdf.with_suffix(".layout.json")

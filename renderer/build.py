"""The whole pipeline in one place: check → compose → paginate → write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Sink
from .paginate import Rendering, paginate
from .pdf import canvas_options, make_canvasmaker, write_atomic
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


def render(paths: Paths, sink: Sink, *, chart_cache: Path | None = None, strict: bool = False) -> Rendering | None:
    """Build the PDF in memory; ``None`` (with diagnostics in ``sink``) when the content is bad."""
    guard_reportlab()
    checked = check_edition(paths.edition, paths.layout, paths.fonts, sink)
    if checked is None:
        return None
    edition, theme = checked.edition, checked.theme
    meta = canvas_options(edition, VERSION, theme.font("regular"))
    return paginate(edition, theme, checked.quantities, sink, canvasmaker=make_canvasmaker(document_time(edition)),
                    meta=meta, chart_cache=chart_cache, strict=strict)


def build(paths: Paths, output: Path, sink: Sink, *, strict: bool = False) -> Rendering | None:
    """Render and write the PDF and its layout map; nothing is written when the build fails."""
    rendering = render(paths, sink, chart_cache=output.parent / ".chart-cache", strict=strict)
    if rendering is None:
        return None
    write_atomic(output.with_suffix(".layout.json"), rendering.layout_map.to_json().encode())
    write_atomic(output, rendering.pdf)
    return rendering


def layout_map_path(pdf: Path) -> Path:
    return pdf.with_suffix(".layout.json")

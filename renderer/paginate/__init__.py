"""Stage 5: pagination. One layout pass: contents numbers and charts are form XObjects filled
in at the end, so no second pass is needed when the contents' height is known up front."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import charts
from ..blocks.base import ComposeContext, ContentsLine
from ..blocks.tags import Tags
from ..blocks.typeset.hyphenate import Hyphenation, Rules
from ..diagnostics import Sink
from ..gate import MAX_BYTES, read_regular
from ..layoutmap import LayoutMap
from ..model.edition import Edition
from ..model.numbers import Quantity
from ..theme import Theme
from .document import Landing, ReportDoc, _Abort
from .provenance import content_snapshot, look_snapshot
from .story import build_story

__all__ = ["Look", "Rendering", "look_of", "paginate", "LayoutMap"]


@dataclass(frozen=True, slots=True)
class Rendering:
    pdf: bytes
    layout_map: LayoutMap
    page_count: int
    landings: dict[str, Landing]
    passes: int
    chart_hits: int
    chart_misses: int
    build_id: str = ""  # written into the PDF and its layout map when the build is stamped


def paginate(edition: Edition, theme: Theme, quantities: dict[str, Quantity], sink: Sink, *,
             canvasmaker: Callable[..., Any], meta: dict[str, Any], chart_cache: Path | None,
             strict: bool = False, chart_pool: Any = None, look: Look | None = None,
             drawings: dict[str, Any] | None = None) -> Rendering | None:
    """Lay out and draw the edition. ``look`` is :func:`look_of` the theme when the caller
    holds it already, and ``drawings`` charts' drawings by key that the caller keeps between
    builds (see ``renderer.warm``)."""
    hyphenation = hyphenation_of(theme, chart_cache)
    ctx = ComposeContext(edition, theme, quantities, theme.frame_width, sink=sink, hyphenation=hyphenation,
                         tags=Tags(theme.profile.structure))
    story = build_story(edition, theme, ctx)
    # Charts are drawn (or read from the cache) while the pages are laid out: layout only
    # needs each chart's box.
    artist = charts.start([req.job for req in ctx.charts], chart_cache, chart_pool, drawings)
    first = edition.pages[0].template if edition.pages else "body"
    doc = ReportDoc(io.BytesIO(), edition, theme, sink, ctx.sources, ctx.tags, first, **meta)
    toc = ctx.toc_entries
    paint = chart_paint(theme) if theme.profile.colour_space == "CMYK" else None
    doc.form_definers = [lambda canvas, d: _define_contents(toc, canvas, d),
                         lambda canvas, d: artist.define_forms(canvas, paint)]
    try:
        doc.build(story, canvasmaker=canvasmaker)
    except _Abort:
        artist.close()
        return None
    except charts.ChartFailed as exc:
        artist.close()
        req = next(r for r in ctx.charts if r.name == exc.name)
        sink.error(req.block.span, f"chart '{req.block.short_name}' could not be drawn ({exc})",
                   "check its values and height")
        return None
    if hyphenation is not None:
        hyphenation.save()
    _check_expectations(doc, sink, strict)
    if sink.errors:
        return None
    digest, snapshot = look or look_of(theme)
    layout = doc.layout_map.finish(digest, content_snapshot(edition), snapshot,
                                   tuple(d.render() for d in sink.warnings))
    rendering = Rendering(doc.pdf, layout, doc.page, doc.state.landings, 1, artist.hits, artist.misses)
    _release(doc)
    return rendering


def _release(doc: ReportDoc) -> None:
    """Drop what the finished document holds, so that reference counting frees it now. The
    document, its canvas and reportlab's PDF document are each in reference cycles (the page
    templates call the document's methods; the catalog's metadata knows its PDF document), and
    a build runs with the cyclic collector off: every page's objects, the structure tree and
    the file's bytes stayed until the process ended (1,000 pages: 50 MB more at the peak,
    while qpdf packs the file)."""
    canvas = doc.canv
    for held in (getattr(canvas, "_doc"), canvas, doc):  # noqa: B009 (private, not in the stubs)
        vars(held).clear()


#: The look as the layout map records it: its digest and its values and files (``look_snapshot``).
Look = tuple[str, dict[str, dict[str, tuple[str, int]]]]


def look_of(theme: Theme) -> Look:
    return look_digest(theme), look_snapshot(theme)


def hyphenation_of(theme: Theme, cache: Path | None) -> Hyphenation | None:
    """The build's hyphenation under the layout's rules (None when the layout turns it off);
    words' break points are remembered in the build's cache folder, beside the charts'."""
    typography = theme.data.typography
    rules = typography.hyphenation if typography is not None else None
    if rules is not None and not rules.enabled:
        return None
    if rules is None:
        return Hyphenation(Rules(), cache)
    return Hyphenation(Rules(rules.min_word, rules.before, rules.after, rules.consecutive), cache)


def look_digest(theme: Theme) -> str:
    """A digest of everything in ``layout/`` and ``fonts/`` that the pages were drawn with:
    reviewers are told a page changed because of the look rather than the content."""
    h = hashlib.sha256(theme.profile.name.encode())
    for path in (*theme.sources, *theme.font_paths.values(), *([theme.icc_profile] if theme.icc_profile else [])):
        h.update(path.name.encode())
        h.update(read_regular(path, MAX_BYTES["font file"]))  # files the gate let through; fonts are the largest
    return h.hexdigest()[:16]


def chart_paint(theme: Theme) -> Callable[[str], tuple[float, float, float, float]]:
    """The press colours of a drawing: each palette RGB maps to the palette's own CMYK."""
    by_rgb = {colour.rgb.upper(): theme.palette.cmyk(name) for name, colour in theme.palette.colours.items()}

    def paint(rgb: str) -> tuple[float, float, float, float]:
        if rgb.upper() in by_rgb:
            return by_rgb[rgb.upper()]
        r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (1, 3, 5))  # not in the palette: plain UCR
        k = 1 - max(r, g, b)
        if k >= 1:
            return 0.0, 0.0, 0.0, 1.0
        return (1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k

    return paint


def _define_contents(entries: list[ContentsLine], canvas: Any, doc: ReportDoc) -> None:
    for entry in entries:
        landing = doc.state.landings.get(entry.key)
        entry.define_number(canvas, landing.folio if landing else None)


def _check_expectations(doc: ReportDoc, sink: Sink, strict: bool) -> None:
    report = sink.error if strict else sink.warning
    for landing in doc.state.landings.values():
        want = landing.mark.expect_folio
        if want is not None and landing.folio != want:
            report(landing.mark.span, f"heading '{landing.mark.written}' landed on folio {landing.folio}, "
                   f"expected {want}", "move blocks between pages, or update 'expect_folio'")

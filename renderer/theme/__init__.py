"""Stage 3: the look, read from ``layout/`` into one typed :class:`Theme`."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..diagnostics import Sink, Span
from ..load import load_yaml
from ..load.files import display_in, resolve_inside
from ..model.convert import Invalid, read_dataclass
from ..profiles import Geometry, OutputProfile, choose
from .fontcache import remember
from .fonts import face_name, register_family
from .model import Press, Template, TemplatesFile, ThemeFile
from .quotes import curl, quote_style, space_punctuation
from .running import check_running_text
from .separation import check_output_profile
from .styles import Palette, StyleSheet

T = TypeVar("T")

__all__ = ["Geometry", "Theme", "load_theme", "face_name"]


@dataclass(frozen=True, slots=True)
class Theme:
    """Everything about the look that the blocks and the paginator need."""

    data: ThemeFile
    layout: TemplatesFile
    palette: Palette
    styles: StyleSheet
    font_paths: dict[str, Path]
    sources: tuple[Path, ...]
    profile: OutputProfile  # chosen once, bound to the layout's press: settings
    layout_dir: Path
    icc_profile: Path | None = None  # the printer's CMYK profile, checked, when printing on a sheet

    @property
    def geometry(self) -> Geometry:
        w, h = self.layout.page_size
        return self.profile.geometry(w, h)

    @property
    def family(self) -> str:
        return self.data.fonts.family

    def text(self, text: str, before: str = "", lang: str | None = None) -> str:
        """Content text as it is set in its language (``lang``, a BCP 47 tag; English when
        not given): quotes made typographic and French punctuation spaced, unless the layout
        says not to. ``before`` is the text set just before, on which a quote's direction and
        a space before punctuation may depend."""
        typography = self.data.typography
        style = quote_style(lang)
        if typography is None or typography.smart_quotes:
            text = curl(text, before, style)
        if style.spaced and (typography is None or typography.punctuation_spacing):
            text = space_punctuation(text, before)
        return text

    def font(self, face: str) -> str:
        return face_name(self.family, face)

    def remember_fonts(self, cache: Path) -> None:
        """Keep the faces this build parsed in ``cache``, for the next build to read (called
        once the build has succeeded: a failed one writes nothing beside its output)."""
        remember([self.font(face) for face in self.font_paths], cache)

    def template(self, name: str) -> Template:
        return self.layout.templates[name]

    @property
    def frame_width(self) -> float:
        m = self.layout.margins
        return self.layout.page_size[0] - m.left - m.right


def load_theme(layout_dir: Path, fonts_dir: Path, sink: Sink, profile: str | None = None,
               cache: Path | None = None) -> Theme | None:
    """Read ``theme.yaml`` and ``templates.yaml``; register the bundled fonts.

    ``profile`` (a name in ``renderer.profiles.PROFILES``) overrides the one
    ``templates.yaml`` names. The fonts' faces are read from ``cache`` (the build's cache
    folder, beside the charts') where a build before kept them (:meth:`Theme.remember_fonts`).
    """
    data, theme_path = _read(layout_dir, "theme.yaml", ThemeFile, sink)
    layout, templates_path = _read(layout_dir, "templates.yaml", TemplatesFile, sink)
    if data is None or layout is None or theme_path is None or templates_path is None:
        return None
    chosen = choose(profile or layout.profile)
    if chosen.sheet and layout.press is None:  # a sheet with the default press: settings
        layout = dataclasses.replace(layout, press=Press(span=layout.span))
    chosen = chosen.bind(layout.press)
    palette = Palette(dict(data.palette), chosen.colour_space)
    palette.validate(sink)
    _check_colours(data, layout, palette, sink)
    if len(layout.page_size) != 2:
        sink.error(layout.span, "page_size must be [width, height]")
    else:
        _check_geometry(layout, sink)
    icc = _press_profile(layout.press, layout_dir, sink) if chosen.sheet and layout.press else None
    paths = register_family(data.fonts.family, data.fonts.faces, fonts_dir, data.fonts.span, sink, cache)
    if sink.errors:
        return None
    styles = StyleSheet(data, palette, sink)
    if sink.errors:
        return None
    return Theme(data, layout, palette, styles, paths,
                 (theme_path, templates_path), chosen, layout_dir, icc)


def _press_profile(press: Press, layout_dir: Path, sink: Sink) -> Path | None:
    """The printer's profile, if the layout names one and it is a CMYK output profile."""
    if press.standard == "PDF/X-4" and not press.icc_profile:
        sink.error(press.span, "PDF/X-4 needs the printer's CMYK ICC profile", "set press: icc_profile: FILE")
        return None
    if not press.icc_profile:
        return None
    path = resolve_inside(layout_dir, press.icc_profile, press.span, sink, "ICC profile")
    if path is None or not check_output_profile(path, press.span, sink):
        return None
    return path


#: The smallest text area a template may leave, in points each way.
MIN_TEXT_AREA = 72.0


def _check_geometry(layout: TemplatesFile, sink: Sink) -> None:
    """Each template leaves room for text, and its running lines stand in its margins, clear
    of the text area (the footer's rule sits 12 pt over its baseline; the header's text
    reaches about 8 pt under its baseline with its rule). A problem shared by several
    templates (they share the page margins) is reported once, naming them all."""
    width, height = layout.page_size
    cramped: dict[Span, list[str]] = {}
    footer_in: list[tuple[str, float]] = []
    header_in: list[tuple[str, float]] = []
    header = layout.header
    for name, tpl in layout.templates.items():
        m = tpl.margins or layout.margins
        if width - m.left - m.right < MIN_TEXT_AREA or height - m.top - m.bottom < MIN_TEXT_AREA:
            cramped.setdefault(m.span, []).append(name)
            continue
        if tpl.footer and layout.footer.y + 14 > m.bottom:
            footer_in.append((name, m.bottom))
        if tpl.header and header is not None and header.y + 8 > m.top:
            header_in.append((name, m.top))
    for span, names in cramped.items():
        m = layout.templates[names[0]].margins or layout.margins
        sink.error(span, f"the margins leave less than {MIN_TEXT_AREA:g} pt for text "
                   f"({width - m.left - m.right:g} × {height - m.top - m.bottom:g} pt) in {_templates(names)}")
    if footer_in:
        room = min(bottom for _, bottom in footer_in)
        sink.error(layout.footer.span_of("y"), f"footer y {layout.footer.y:g} puts the footer into the text "
                   f"area of {_templates([n for n, _ in footer_in])} (bottom margin {room:g} pt)",
                   f"keep y at most {room - 14:g}, or make the bottom margin larger")
    if header_in and header is not None:
        room = min(top for _, top in header_in)
        sink.error(header.span_of("y"), f"header y {header.y:g} puts the header into the text area of "
                   f"{_templates([n for n, _ in header_in])} (top margin {room:g} pt)",
                   f"keep y at most {room - 8:g}, or make the top margin larger")


def _templates(names: list[str]) -> str:
    return ("template " if len(names) == 1 else "templates ") + ", ".join(f"'{n}'" for n in names)


def _read(layout_dir: Path, name: str, cls: type[T], sink: Sink) -> tuple[T | None, Path | None]:
    """The layout file ``name`` read into ``cls``, and its path (through the gate)."""
    shown = display_in(layout_dir, name)
    if not os.path.lexists(layout_dir / name):
        sink.error(Span(shown, 1, 1), f"layout file {name} is missing")
        return None, None
    path = resolve_inside(layout_dir, name, Span(shown, 1, 1), sink, "layout file", max_bytes=0)
    node = load_yaml(path, shown, sink) if path else None
    if node is None:
        return None, None
    try:
        return read_dataclass(cls, node, sink), path
    except Invalid:
        return None, None


def _check_colours(data: ThemeFile, layout: TemplatesFile, palette: Palette, sink: Sink) -> None:
    c = data.components
    for owner, attrs in ((c.banner, ("fill", "accent")),
                         (c.table, ("header_fill", "group_fill", "body_fill", "stripe_fill", "total_fill", "rule")),
                         (c.figure, ("rule", "fill")), (c.quote, ("rule", "fill")),
                         (c.cta, ("rule", "fill"))):
        if owner is None:
            continue  # a look the file leaves out is the check stage's to report, naming its block
        for attr in attrs:
            palette.check(getattr(owner, attr), owner.span, sink, f"{owner.yaml_name} {attr}")
    ch = data.charts
    for ref in (*ch.series, *ch.ramp, ch.text, ch.muted, ch.grid, ch.background):
        palette.check(ref, ch.span, sink, "charts")
    palette.check(layout.footer.rule, layout.footer.span, sink, "footer rule")
    for problem in check_running_text(layout.footer.text):
        sink.error(layout.footer.span_of("text"), problem)
    if layout.header is not None:
        palette.check(layout.header.rule, layout.header.span, sink, "header rule")
        for problem in check_running_text(layout.header.text, "header text"):
            sink.error(layout.header.span_of("text"), problem)
    for name, tpl in layout.templates.items():
        palette.check(tpl.background, tpl.span, sink, f"template '{name}' background")
        palette.check(tpl.band_fill, tpl.span, sink, f"template '{name}' band_fill")

"""The ONLY place where reportlab paragraph styles, colours and the table paint are built.

Blocks ask for styles by semantic name (``styles.para("figure.value")``); a name the theme
does not define is a content diagnostic, not a KeyError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from ..diagnostics import Sink, Span, did_you_mean
from .fonts import FACES, face_name
from .model import PaletteColour, TableLook, TextStyle, ThemeFile

_HEX = re.compile(r"#[0-9A-Fa-f]{6}")
MAX_INK = 300

_ALIGN: dict[str, Any] = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER, "justify": TA_JUSTIFY}
_ROOT = TextStyle(span=Span("<built-in>", 1, 1), face="regular", size=10, leading=14, color="ink",
                  space_before=0, space_after=0, align="left")


class Palette:
    """Named colours from ``layout/``, written in the output profile's colour space."""

    def __init__(self, colours: dict[str, PaletteColour], colour_space: Literal["RGB", "CMYK"]) -> None:
        self.colours = colours
        self.colour_space = colour_space
        self._cache: dict[str, colors.Color] = {}

    def hex(self, ref: str) -> str | None:
        colour = self.colours.get(ref)
        return colour.rgb.upper() if colour else None

    def cmyk(self, ref: str) -> tuple[float, float, float, float]:
        c, m, y, k = self.colours[ref].cmyk
        return c / 100, m / 100, y / 100, k / 100

    def color(self, ref: str) -> colors.Color:
        if ref not in self._cache:
            if ref not in self.colours:
                raise KeyError(ref)  # names are checked when the theme loads; reaching here is a bug
            self._cache[ref] = (colors.CMYKColor(*self.cmyk(ref)) if self.colour_space == "CMYK"
                                else colors.HexColor(self.colours[ref].rgb))
        return self._cache[ref]

    def check(self, ref: str | None, span: Span, sink: Sink, what: str) -> None:
        if ref is not None and ref not in self.colours:
            sink.error(span, f"{what}: colour '{ref}' is not in the palette",
                       *did_you_mean(ref, self.colours) or (f"palette: {', '.join(sorted(self.colours))}",))

    def validate(self, sink: Sink) -> None:
        """Each colour: a valid #RRGGBB, four CMYK percentages, total ink at most 300%."""
        for name, colour in self.colours.items():
            if not _HEX.fullmatch(colour.rgb):
                sink.error(colour.span, f"colour '{name}': rgb '{colour.rgb}' is not #RRGGBB")
            if len(colour.cmyk) != 4 or any(not 0 <= v <= 100 for v in colour.cmyk):
                sink.error(colour.span, f"colour '{name}': cmyk must be four percentages from 0 to 100")
            elif sum(colour.cmyk) > MAX_INK:
                sink.error(colour.span, f"colour '{name}': total ink {sum(colour.cmyk):g}% is over {MAX_INK}%",
                           "printers limit total ink; lower C, M or Y")


#: Styles not hyphenated unless their ``hyphenate`` says so: headings, figures, table cells
#: (the table's note is running text) and display text (covers, contents, running lines, labels).
UNHYPHENATED = ("heading.", "figure.", "table.caption", "table.group", "table.header", "table.cell", "table.total",
                "cover.", "contents.", "header.", "footer.", "chart.", "list.number", "cta.title", "cta.link",
                "quote.attribution", "link")


class StyleSheet:
    """Paragraph styles built from the theme's text styles, resolved through ``parent``."""

    def __init__(self, data: ThemeFile, palette: Palette, sink: Sink) -> None:
        self._data = data
        self._palette = palette
        self._family = data.fonts.family
        self._faces = {face_name(self._family, f): f for f in FACES}
        self._variants: dict[tuple[str, bool, bool], str] = {}
        self._resolved: dict[str, ParagraphStyle] = {}
        self._hyphenate: dict[str, bool] = {}
        for name, style in data.styles.items():
            palette.check(style.color, style.span, sink, f"style '{name}'")
            if style.parent and style.parent not in data.styles:
                sink.error(style.span, f"style '{name}': parent '{style.parent}' is not defined")
        if not sink.errors:
            for name in data.styles:
                self._build(name, (), sink)

    def __contains__(self, name: str) -> bool:
        return name in self._resolved

    def para(self, name: str) -> ParagraphStyle:
        return self._resolved[name]

    def scaled(self, name: str, factor: float) -> ParagraphStyle:
        """The style at ``factor`` of its size (in steps of 5%), for text fitted to a column."""
        step = max(0.5, min(1.0, int(factor * 20) / 20))
        key = f"{name}@{step:.2f}"
        if key not in self._resolved:
            base = self._resolved[name]
            self._resolved[key] = ParagraphStyle(key, parent=base, fontSize=base.fontSize * step,
                                                 leading=base.leading * step)
        return self._resolved[key]

    def variant(self, font_name: str, bold: bool, italic: bool) -> str:
        """The face for inline **bold** or _italic_ text in a style set in ``font_name``.

        Bold in a bold style stays bold; the black face has no italic and stays black."""
        key = (font_name, bold, italic)
        if key not in self._variants:
            face = self._faces.get(font_name, "regular")
            b = bold or face in ("bold", "bold_italic")
            i = italic or face in ("italic", "bold_italic")
            self._variants[key] = font_name if face == "black" else face_name(
                self._family, "bold_italic" if b and i else "bold" if b else "italic" if i else "regular")
        return self._variants[key]

    def hyphenates(self, name: str) -> bool:
        """Whether text in the style ``name`` (or a size of it) is broken at syllables: as its
        ``hyphenate`` (or its parent's) says, else yes but for display text."""
        base = name.partition("@")[0]
        found = self._hyphenate.get(base)
        if found is None:
            found = self._hyphenate[base] = self._hyphenate_of(base, ())
        return found

    def _hyphenate_of(self, name: str, chain: tuple[str, ...]) -> bool:
        style = self._data.styles.get(name)
        if style is None or name in chain:
            return not name.startswith(UNHYPHENATED)
        if style.hyphenate is not None:
            return style.hyphenate
        if style.parent:
            return self._hyphenate_of(style.parent, (*chain, name))
        return not name.startswith(UNHYPHENATED)

    def font(self, name: str) -> tuple[str, float]:
        """Font name and size of a text style, for flowables that draw text themselves."""
        style = self._resolved[name]
        return style.fontName, style.fontSize

    def color(self, ref: str) -> colors.Color:
        return self._palette.color(ref)

    def _build(self, name: str, chain: tuple[str, ...], sink: Sink) -> ParagraphStyle | None:
        if name in self._resolved:
            return self._resolved[name]
        style = self._data.styles[name]
        if name in chain:
            sink.error(style.span, f"style '{name}' inherits from itself ({' → '.join(chain + (name,))})")
            return None
        merged = self._merge(name, chain, sink)
        if merged is None:
            return None
        size = merged.size or 10
        built = ParagraphStyle(
            name, fontName=face_name(self._family, merged.face or "regular"), fontSize=size,
            leading=merged.leading or size * 1.25, textColor=self._palette.color(merged.color or "ink"),
            spaceBefore=merged.space_before or 0, spaceAfter=merged.space_after or 0,
            alignment=_ALIGN[merged.align or "left"], splitLongWords=True, allowWidows=0, allowOrphans=0)
        self._resolved[name] = built
        return built

    def _merge(self, name: str, chain: tuple[str, ...], sink: Sink) -> TextStyle | None:
        style = self._data.styles[name]
        base = _ROOT
        if style.parent:
            if self._build(style.parent, chain + (name,), sink) is None:
                return None
            base = self._merge(style.parent, chain + (name,), sink) or _ROOT
        values = {k: getattr(style, k) if getattr(style, k) is not None else getattr(base, k)
                  for k in ("face", "size", "leading", "color", "space_before", "space_after", "align")}
        return TextStyle(span=style.span, **values)


@dataclass(frozen=True, slots=True)
class TablePaint:
    """The table look as reportlab colours: a dark header (lighter group cells), striped
    body rows with a rule below each, an emphasised total row under a double-weight rule."""

    header_fill: colors.Color
    group_fill: colors.Color
    body_fill: colors.Color
    stripe_fill: colors.Color
    total_fill: colors.Color
    rule: colors.Color
    rule_width: float
    padding_x: float
    padding_y: float


def table_paint(look: TableLook, palette: Palette) -> TablePaint:
    return TablePaint(palette.color(look.header_fill), palette.color(look.group_fill), palette.color(look.body_fill),
                      palette.color(look.stripe_fill), palette.color(look.total_fill), palette.color(look.rule),
                      look.rule_width, look.padding_x, look.padding_y)

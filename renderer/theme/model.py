"""The look as typed data: what ``layout/theme.yaml`` and ``layout/templates.yaml`` hold."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..diagnostics import Span

#: Bounds the reader checks (see renderer.model.convert): lengths in points may be zero, sizes
#: may not, type is at most four inches (beyond that a chart's text layout never settles), and
#: a page is between an inch and the 200 inches a PDF page may measure. No length may be
#: larger than that page: reportlab cannot even write a number as large as 1e30 into a PDF.
PAGE: dict[str, Any] = {"min": 72, "max": 14400}
LENGTH: dict[str, Any] = {"min": 0, "max": PAGE["max"]}
SIZE: dict[str, Any] = {"above": 0, "max": PAGE["max"]}
TYPE: dict[str, Any] = {"above": 0, "max": 288}

Face = Literal["regular", "bold", "italic", "bold_italic", "black"]
Align = Literal["left", "right", "center", "justify"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Fonts:
    yaml_name = "fonts"
    span: Span
    family: str = field(metadata={"doc": "the family name used in the PDF"})
    faces: dict[str, str] = field(metadata={"doc": "face → TrueType file in fonts/"})


@dataclass(frozen=True, slots=True, kw_only=True)
class PaletteColour:
    """One named colour: RGB for the screen, CMYK percentages for the press."""

    yaml_name = "colour"
    span: Span
    rgb: str = field(metadata={"doc": "#RRGGBB"})
    cmyk: tuple[float, ...] = field(metadata={"doc": "[C, M, Y, K] in percent; total ink at most 300"})


@dataclass(frozen=True, slots=True, kw_only=True)
class TextStyle:
    """A paragraph style; unset values come from ``parent``."""

    yaml_name = "text style"
    span: Span
    parent: str | None = None
    face: Face | None = None
    size: float | None = field(default=None, metadata=TYPE)
    leading: float | None = field(default=None, metadata=TYPE)
    color: str | None = None
    space_before: float | None = field(default=None, metadata=LENGTH)
    space_after: float | None = field(default=None, metadata=LENGTH)
    align: Align | None = None
    hyphenate: bool | None = field(default=None, metadata={
        "doc": "break words at syllables (default: yes, but for headings, figures, table cells and display styles)"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Banner:
    yaml_name = "banner"
    span: Span
    height: float = field(metadata=SIZE)
    fill: str
    accent: str
    accent_height: float = field(metadata=LENGTH)
    padding: float = field(metadata=LENGTH)
    space_after: float = field(metadata={**LENGTH, "doc": "space below the banner"})


@dataclass(frozen=True, slots=True, kw_only=True)
class TableLook:
    yaml_name = "table look"
    span: Span
    header_fill: str
    group_fill: str
    body_fill: str = "white"
    stripe_fill: str
    total_fill: str
    rule: str
    rule_width: float = field(metadata=LENGTH)
    padding_x: float = field(metadata=LENGTH)
    padding_y: float = field(metadata=LENGTH)
    space_before: float = field(metadata={**LENGTH, "doc": "space above the block"})
    space_after: float = field(metadata={**LENGTH, "doc": "space below the block"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """A coloured rule beside a component (figure, quote, panel)."""

    yaml_name = "rule look"
    span: Span
    rule: str
    rule_width: float = field(default=1.0, metadata=LENGTH)
    gap: float = field(default=12.0, metadata=LENGTH)
    indent: float = field(default=14.0, metadata=LENGTH)
    padding: float = field(default=12.0, metadata=LENGTH)
    fill: str | None = None
    space_before: float = field(metadata={**LENGTH, "doc": "space above the block"})
    space_after: float = field(metadata={**LENGTH, "doc": "space below the block"})


@dataclass(frozen=True, slots=True, kw_only=True)
class ListLook:
    yaml_name = "list look"
    span: Span
    number_width: float = field(metadata=SIZE)
    item_space_after: float = field(metadata={**LENGTH, "doc": "space below each item"})


@dataclass(frozen=True, slots=True, kw_only=True)
class ContentsLook:
    yaml_name = "contents look"
    span: Span
    entry_space_after: float = field(metadata={**LENGTH, "doc": "space below each entry"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Spacing:
    """The look of a block that is only its space: columns, a figure row, a picture, a chart."""

    yaml_name = "spacing"
    span: Span
    space_before: float = field(metadata={**LENGTH, "doc": "space above the block"})
    space_after: float = field(metadata={**LENGTH, "doc": "space below the block"})


#: A component look; which one a block reads is declared with its registration.
Look = Banner | TableLook | Rule | ListLook | ContentsLook | Spacing


@dataclass(frozen=True, slots=True, kw_only=True)
class Components:
    """The component looks. Each may be left out of the file: the check stage reports a look
    that a block declares it uses and the file does not define, naming the block."""

    yaml_name = "components"
    span: Span
    banner: Banner | None = None
    table: TableLook | None = None
    figure: Rule | None = None
    quote: Rule | None = None
    cta: Rule | None = None
    list: ListLook | None = None
    contents: ContentsLook | None = None
    columns: Spacing | None = None
    figure_row: Spacing | None = None
    image: Spacing | None = None
    chart: Spacing | None = None

    def look(self, name: str) -> Look | None:
        """The look written under ``name``, or ``None`` when the file leaves it out."""
        found = getattr(self, name, None) if name in LOOK_NAMES else None
        return found if isinstance(found, Look) else None


@dataclass(frozen=True, slots=True, kw_only=True)
class ChartTokens:
    yaml_name = "charts"
    span: Span
    series: tuple[str, ...]
    text: str
    muted: str
    grid: str
    background: str
    ramp: tuple[str, ...]
    font_size: float = field(metadata=TYPE)
    title_size: float = field(metadata=TYPE)
    heights: dict[str, float] = field(metadata={"above": 0, "max": PAGE["max"]})
    map_regions: tuple[str, ...] = field(default=(), metadata={
        "doc": "state map: the regions (USPS codes) drawn even where the content has no value for them"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Hyphenation:
    """Where words may be broken at the end of a line, by the dictionaries of the text's language."""

    yaml_name = "hyphenation"
    span: Span
    enabled: bool = field(default=True, metadata={"doc": "break words at syllables where a line ends"})
    min_word: int = field(default=6, metadata={"min": 2, "max": 100, "doc": "shortest word that is broken"})
    before: int = field(default=2, metadata={"min": 1, "max": 50, "doc": "least characters before the hyphen"})
    after: int = field(default=3, metadata={"min": 1, "max": 50, "doc": "least characters after the hyphen"})
    consecutive: int = field(default=2, metadata={"min": 1, "max": 100,
                                                  "doc": "most lines in a row that end in a hyphen"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Typography:
    yaml_name = "typography"
    span: Span
    smart_quotes: bool = field(default=True, metadata={
        "doc": "set the straight quotes typed in content as the text's language prints them (‘ ’ “ ”, „ “, « »)"})
    punctuation_spacing: bool = field(default=True, metadata={
        "doc": "the spaces a language sets before punctuation (French: narrow no-break spaces before ; ! ? and "
               "inside « »)"})
    hyphenation: Hyphenation | None = field(default=None, metadata={"doc": "automatic hyphenation (default: on)"})


@dataclass(frozen=True, slots=True, kw_only=True)
class ThemeFile:
    """``layout/theme.yaml``."""

    yaml_name = "theme"
    span: Span
    fonts: Fonts
    palette: dict[str, PaletteColour]
    styles: dict[str, TextStyle]
    components: Components
    charts: ChartTokens
    typography: Typography | None = None
    key_spans: tuple[tuple[str, Span], ...] = field(default=(), compare=False, metadata={"internal": True})

    def span_of(self, name: str) -> Span:
        """Where a top-level key (``styles``, ``components``) is written (the file's start when it is not)."""
        return next((s for k, s in self.key_spans if k == name), self.span)


@dataclass(frozen=True, slots=True, kw_only=True)
class Margins:
    yaml_name = "margins"
    span: Span
    top: float = field(metadata=LENGTH)
    bottom: float = field(metadata=LENGTH)
    left: float = field(metadata=LENGTH)
    right: float = field(metadata=LENGTH)


@dataclass(frozen=True, slots=True, kw_only=True)
class RunningLine:
    """A running header's or footer's line of text, filled in per page; an error in the line
    is reported where its ``text`` is written."""

    span: Span
    y: float = field(metadata=LENGTH)
    text: str = field(metadata={"doc": "{title}, {section}, {year}, {organisation} are filled in"})
    field_spans: tuple[tuple[str, Span], ...] = field(default=(), compare=False, metadata={"internal": True})

    def span_of(self, name: str) -> Span:
        """Where one field's value is written (the line's own span when it is not)."""
        return next((s for k, s in self.field_spans if k == name), self.span)


@dataclass(frozen=True, slots=True, kw_only=True)
class Running(RunningLine):
    """The running footer: a rule, the title and section on one side, the folio outside."""

    yaml_name = "running footer"
    y: float = field(metadata={**LENGTH, "doc": "baseline of the footer text above the page's bottom edge"})
    rule: str
    rule_width: float = field(metadata=LENGTH)


@dataclass(frozen=True, slots=True, kw_only=True)
class RunningHead(RunningLine):
    """The running header: a line of text on the page's outside edge, over an optional rule."""

    yaml_name = "running header"
    y: float = field(metadata={**SIZE, "doc": "baseline of the header text below the page's top edge"})
    rule: str | None = field(default=None, metadata={"doc": "colour of a rule under the text (none: no rule)"})
    rule_width: float = field(default=0.6, metadata=LENGTH)


@dataclass(frozen=True, slots=True, kw_only=True)
class Template:
    """A page template: a background and which running elements it shows."""

    yaml_name = "template"
    span: Span
    background: str | None = None
    band: float = field(default=0.0, metadata={**LENGTH, "doc": "height of a coloured band at the page top"})
    band_fill: str | None = None
    footer: bool = True
    header: bool = field(default=True, metadata={"doc": "shows the running header (when the layout has one)"})
    numbered: bool = field(default=True, metadata={"doc": "counts towards folios (false: cover)"})
    margins: Margins | None = field(default=None, metadata={"doc": "overrides the page margins"})
    valign: Literal["top", "bottom"] = field(default="top", metadata={"doc": "bottom: push blocks to the foot"})
    one_page: bool = field(default=False, metadata={
        "doc": "a page file on it must fit one page: a block that does not is an error (else a warning)"})
    continued_header: bool = field(default=True, metadata={
        "doc": "the pages its page files flow onto show the running header, though the first may not"})
    label: str | None = field(default=None, metadata={
        "doc": "the page label viewers show for an unnumbered page (default: the template's name, capitalised)"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Press:
    """What the ``press`` profile adds: bleed, marks and the PDF/X identification."""

    yaml_name = "press"
    span: Span
    bleed: float = field(default=9.0, metadata={"min": 0, "max": 36,
                                                "doc": "bleed beyond the trim on every side (0.125 in = 9 pt)"})
    marks: bool = field(default=True, metadata={"doc": "crop marks outside the bleed"})
    registration: bool = field(default=False, metadata={"doc": "registration targets beside the marks"})
    slug: bool = field(default=True, metadata={"doc": "a slug line with title, date and page"})
    standard: Literal["PDF/X-1a:2001", "PDF/X-4"] = field(default="PDF/X-1a:2001", metadata={
        "doc": "PDF/X-1a:2001 (transparency flattened) or PDF/X-4 (live transparency; embeds icc_profile)"})
    icc_profile: str | None = field(default=None, metadata={
        "doc": "the printer's CMYK output profile, in layout/: RGB pictures are separated with it, and the "
               "OutputIntent describes it (PDF/X-4 embeds it and needs it)"})
    output_condition: str | None = field(default=None, metadata={
        "doc": "the registered characterization, e.g. 'CGATS TR 006' or 'FOGRA39'; default: the one the "
               "profile names as its characterization target, else 'Custom' (no profile: 'CGATS TR 001')"})
    output_condition_info: str | None = field(default=None, metadata={
        "doc": "the printing condition in words; default: the profile's description"})
    registry: str = field(default="http://www.color.org", metadata={"doc": "where the characterization is registered"})


@dataclass(frozen=True, slots=True, kw_only=True)
class TemplatesFile:
    """``layout/templates.yaml``."""

    yaml_name = "templates"
    span: Span
    profile: Literal["screen", "press"] = field(default="screen", metadata={"doc": "default output profile"})
    press: Press | None = field(default=None, metadata={"doc": "press profile settings"})
    page_size: tuple[float, ...] = field(metadata={**PAGE, "doc": "width and height in points (US Letter: 612, 792)"})
    margins: Margins
    gutter: float = field(metadata={**LENGTH, "doc": "space between columns of a columns block"})
    footer: Running
    header: RunningHead | None = field(default=None, metadata={"doc": "a running header (none: no header)"})
    templates: dict[str, Template]


#: The names under ``components:``.
LOOK_NAMES = frozenset(f for f in Components.__dataclass_fields__ if f not in ("span", "field_spans"))

"""The questions the pipeline asks of its output, answered by one frozen object.

A profile is chosen once (``--profile``, else ``profile:`` in ``layout/templates.yaml``) and
bound to the layout's ``press:`` settings when it prints on a sheet. The theme, the blocks, the
paginator, the PDF writer and preflight ask it; none of them compares a profile's name.
This module is a leaf: it imports nothing from the pipeline, so every stage may read it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal, Protocol

from .standards import STANDARDS, Standard

#: Room outside the bleed for crop marks and the slug line, on a press sheet.
MARKS_AREA = 36.0
#: How far backgrounds run past the page's edge when there is no sheet (cut off by the page).
EDGE_BLEED = 9.0


class PressSettings(Protocol):
    """The layout's ``press:`` block as a profile reads it (``theme.model.Press`` is one)."""

    @property
    def bleed(self) -> float: ...
    @property
    def marks(self) -> bool: ...
    @property
    def registration(self) -> bool: ...
    @property
    def slug(self) -> bool: ...
    @property
    def standard(self) -> str: ...
    @property
    def output_condition(self) -> str | None: ...
    @property
    def output_condition_info(self) -> str | None: ...
    @property
    def registry(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Geometry:
    """Where the finished (trimmed) page sits on the sheet the PDF describes."""

    trim_width: float
    trim_height: float
    offset: float   # from the sheet's edge to the trim edge (0 without a sheet)
    bleed: float    # how far backgrounds run past the trim

    @property
    def media(self) -> tuple[float, float]:
        return self.trim_width + 2 * self.offset, self.trim_height + 2 * self.offset

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        o = self.offset
        return o, o, o + self.trim_width, o + self.trim_height

    @property
    def bleed_box(self) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = self.trim_box
        b = self.bleed
        return x0 - b, y0 - b, x1 + b, y1 + b


@dataclass(frozen=True, slots=True)
class OutputProfile:
    """One output variant. The fields are what a variant decides; the properties follow
    from them and from the ``press:`` settings the profile was bound to."""

    name: str
    colour_space: Literal["RGB", "CMYK"]  # palette colours, chart colours and text
    links: bool                # URLs and contents entries become link annotations
    separates_pictures: bool   # pictures are flattened and separated into the printer's CMYK
    min_ppi: int | None        # a picture placed below this resolution is warned about
    tagged: bool               # a structure tree for assistive technology
    sheet: bool                # printed on a larger sheet and trimmed: bleed, marks, boxes, PDF/X
    print_checks: bool         # preflight applies the print shop's intake checks
    settings: PressSettings | None = None  # the layout's press: block, once bound

    @property
    def structure(self) -> bool:
        """Whether the file is tagged (a structure tree, PDF/UA-1): a profile that is, and a
        sheet under a standard whose PDF version has tagged PDF (PDF/X-4, not PDF/X-1a's 1.3)."""
        return self.tagged or (self.rules is not None and self.rules.tagged)

    @property
    def object_streams(self) -> bool:
        """Whether the finished file is rewritten with its objects in compressed object streams
        (PDF 1.5 and later): a tagged document's many small structure elements would otherwise
        add two-thirds to its size. Not on a sheet: PDF/X keeps its own header version, and its
        XMP holds the build id as text."""
        return self.structure and not self.sheet

    def bind(self, settings: PressSettings | None) -> OutputProfile:
        """This profile with the layout's ``press:`` settings, which only a sheet reads."""
        return replace(self, settings=settings) if self.sheet else self

    @property
    def _press(self) -> PressSettings | None:
        return self.settings if self.sheet else None

    @property
    def marks(self) -> bool:
        return self._press is not None and self._press.marks

    @property
    def registration(self) -> bool:
        return self._press is not None and self._press.registration

    @property
    def slug(self) -> bool:
        return self._press is not None and self._press.slug

    @property
    def page_boxes(self) -> bool:
        """Whether every page carries a TrimBox and a BleedBox."""
        return self._press is not None

    @property
    def pdfx(self) -> PressSettings | None:
        """The settings the PDF/X identification is written from; ``None``: no standard."""
        return self._press

    @property
    def standard(self) -> str | None:
        return self._press.standard if self._press is not None else None

    @property
    def rules(self) -> Standard | None:
        """The row of the PDF/X standard the file is written to; ``None``: no standard."""
        return STANDARDS[self._press.standard] if self._press is not None else None

    @property
    def pdf_version(self) -> tuple[int, int] | None:
        """The version the standard is based on; ``None`` leaves reportlab's own."""
        return self.rules.pdf_version if self.rules is not None else None

    @property
    def live_transparency(self) -> bool:
        """Whether pictures keep their transparency: always on screen, and in print only
        under a standard that allows it (PDF/X-4); else they are flattened on paper white."""
        return self.rules.transparency if self.rules is not None else not self.separates_pictures

    def geometry(self, trim_width: float, trim_height: float) -> Geometry:
        press = self._press
        if press is None:
            return Geometry(trim_width, trim_height, 0.0, EDGE_BLEED)
        return Geometry(trim_width, trim_height, press.bleed + MARKS_AREA, press.bleed)

    @property
    def bleed(self) -> float:
        return self._press.bleed if self._press is not None else EDGE_BLEED

    # The page transform and its restore: opened when a page begins, closed when its running
    # lines are drawn, before the printer's marks (which are drawn in sheet coordinates).
    def begin_page(self, canvas: Any, g: Geometry) -> None:
        """On a sheet, draw the page in trim coordinates, clipped to its bleed box."""
        if not self.page_boxes:
            return
        canvas.saveState()
        canvas.translate(g.offset, g.offset)
        clip = canvas.beginPath()
        clip.rect(-g.bleed, -g.bleed, g.trim_width + 2 * g.bleed, g.trim_height + 2 * g.bleed)
        canvas.clipPath(clip, stroke=0, fill=0)

    def end_page(self, canvas: Any) -> None:
        """Leave what :meth:`begin_page` opened."""
        if self.page_boxes:
            canvas.restoreState()

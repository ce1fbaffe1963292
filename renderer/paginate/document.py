"""The document: one layout pass over the story, with folios, the running footer, outline,
contents numbers, layout map and the block-level diagnostics of the paginator."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, KeepTogether
from reportlab.platypus.doctemplate import LayoutError

from ..blocks.sources import BlockRef, HeadingMark, Source, Sources
from ..blocks.tags import Tags
from ..blocks.text import TextFlow
from ..diagnostics import Sink, Span
from ..model.edition import Edition, Page
from ..theme import Theme
from ..theme.running import fit_running, running_text
from .labels import add_page_labels
from .marks import draw_crop_marks, draw_registration, draw_slug
from .recorder import LayoutRecorder, PageRecord
from .story import PageFileStart
from .structure import write_structure
from .templates import build_templates

FUZZ = 0.5  # points a block may exceed its frame by before it counts as overflow
FOLIO_GAP = 18.0  # points between the running footer's text and the folio

#: The styles the running lines are set in, checked against layout/theme.yaml like a block's
#: (the header's only when the layout has a running header).
FOOTER_STYLES = ("footer.text", "footer.folio")
HEADER_STYLES = ("header.text",)


@dataclass(slots=True)
class Landing:
    """Where a heading landed."""

    mark: HeadingMark
    page: int
    folio: int | None


@dataclass(slots=True)
class PageFileState:
    """The page file being laid out: where it began, and what of it ran past the pages it
    was meant to fill (the first block that did, the height of all that did, and how far)."""

    page: Page
    first_page: int
    over: BlockRef | None = None
    over_height: float = 0.0
    last_page: int = 0


@dataclass(slots=True)
class DocState:
    folio: int = 0
    section: str = ""
    template: str = ""
    head_covered: bool = False  # a section banner fills this page's top
    outline_level: int = -1
    landings: dict[str, Landing] = field(default_factory=dict)
    page_folios: list[int | None] = field(default_factory=list)
    file: PageFileState | None = None


class ReportDoc(BaseDocTemplate):
    """Platypus document template wired to the theme, the layout map and the sink."""

    def __init__(self, target: Any, edition: Edition, theme: Theme, sink: Sink, sources: Sources, tags: Tags,
                 first_template: str, **meta: Any) -> None:
        self.edition, self.theme, self.sink, self.sources, self.tags = edition, theme, sink, sources, tags
        self.state = DocState()
        self.layout_map = LayoutRecorder(edition.name)
        self.form_definers: list[Any] = []
        self.pdf = b""  # the file's bytes, once the build has ended
        super().__init__(target, pagesize=theme.geometry.media, **meta)
        templates = build_templates(theme, self, self._page_begins, self._draw_footer)
        templates.sort(key=lambda t: t.id != first_template)  # the first page's template comes first
        self.addPageTemplates(templates)

    # -- pages -------------------------------------------------------------------------
    def _page_begins(self, template: str) -> None:
        tpl = self.theme.template(template)
        folio: int | None = None
        if tpl.numbered:
            self.state.folio += 1
            folio = self.state.folio
        self.state.page_folios.append(folio)
        self.state.template, self.state.head_covered = template, False
        self.tags.begin_page(self.canv)  # before anything is painted: all of it is an artifact until tagged
        self.layout_map.pages.append(PageRecord(self.page, folio, template, self.state.section))

    def _draw_footer(self, canvas: Any, template: str) -> None:
        tpl = self.theme.template(template)
        record = self.layout_map.pages[-1]
        record.section = self.state.section
        values = self._running_values()
        if tpl.footer:
            with self.tags.artifact(canvas, "Pagination", "Footer"):
                self._running_footer(canvas, record, values)
        if self._shows_header(template) and not self.state.head_covered:
            with self.tags.artifact(canvas, "Pagination", "Header"):
                self._running_header(canvas, record, values)
        self.theme.profile.end_page(canvas)  # leave the page's trim coordinates and bleed clip
        self._printers_marks(canvas, record)
        self.tags.end_page(canvas)

    def _shows_header(self, template: str) -> bool:
        """The template's own page shows the running header if the template says so; a page
        its page file flows onto also, unless the template says otherwise."""
        tpl = self.theme.template(template)
        if self.theme.layout.header is None:
            return False
        continued = self.state.file is not None and self.page > self.state.file.first_page
        return tpl.header or (continued and tpl.continued_header)

    def _printers_marks(self, canvas: Any, record: PageRecord) -> None:
        """Crop marks, registration targets and the slug, as the profile asks, on the sheet."""
        profile, g = self.theme.profile, self.theme.geometry
        if profile.marks:
            draw_crop_marks(canvas, g)
        if profile.registration:
            draw_registration(canvas, g)
        if profile.slug:
            m = self.edition.manifest
            folio = f"folio {record.folio}" if record.folio is not None else "unnumbered"
            draw_slug(canvas, g, self.theme.font("regular"), m.title,
                      f"  ·  {m.published}  ·  page {self.page} ({folio})  ·  {profile.standard}")

    def _running_values(self) -> dict[str, str]:
        manifest = self.edition.manifest
        # the section is set text already; the rest is made so too, for a repeat to be seen
        return {"title": self.theme.text(manifest.title), "section": self.state.section,
                "year": str(manifest.year), "organisation": self.theme.text(manifest.organisation)}

    def _running_header(self, canvas: Any, record: PageRecord, values: dict[str, str]) -> None:
        spec, styles = self.theme.layout.header, self.theme.styles
        assert spec is not None
        width, height = self.theme.layout.page_size
        m = self.theme.layout.margins
        x0, x1, y = m.left, width - m.right, height - spec.y
        text = self.theme.text(running_text(spec.text, values))
        canvas.saveState()
        if spec.rule is not None:
            canvas.setStrokeColor(self.theme.palette.color(spec.rule))
            canvas.setLineWidth(spec.rule_width)
            canvas.line(x0, y - 5, x1, y - 5)
        font, size = styles.font("header.text")
        text = fit_running(text, x1 - x0, lambda t: stringWidth(t, font, size))
        canvas.setFont(font, size)
        canvas.setFillColor(styles.para("header.text").textColor)
        if self.page % 2 == 1:  # on the outside edge, above the folio
            canvas.drawRightString(x1, y, text)
        else:
            canvas.drawString(x0, y, text)
        canvas.restoreState()
        record.header_footer.append((x0, y - 7, x1, y + size + 2))

    def _running_footer(self, canvas: Any, record: PageRecord, values: dict[str, str]) -> None:
        spec, styles = self.theme.layout.footer, self.theme.styles
        width = self.theme.layout.page_size[0]
        m = self.theme.layout.margins
        x0, x1 = m.left, width - m.right
        right_hand = self.page % 2 == 1  # physical page 1 is a right-hand page
        text = self.theme.text(running_text(spec.text, values))
        canvas.saveState()
        canvas.setStrokeColor(self.theme.palette.color(spec.rule))
        canvas.setLineWidth(spec.rule_width)
        canvas.line(x0, spec.y + 12, x1, spec.y + 12)
        font, size = styles.font("footer.text")
        folio_font, folio_size = styles.font("footer.folio")
        # room for the folio as it is printed, and a gap before it
        room = x1 - x0 - (stringWidth(str(record.folio), folio_font, folio_size) + FOLIO_GAP if record.folio else 0)
        text = fit_running(text, room, lambda t: stringWidth(t, font, size))
        canvas.setFont(font, size)
        canvas.setFillColor(styles.para("footer.text").textColor)
        (canvas.drawString if right_hand else canvas.drawRightString)(x0 if right_hand else x1, spec.y, text)
        if record.folio is not None:
            font, size = folio_font, folio_size
            canvas.setFont(font, size)
            canvas.setFillColor(styles.para("footer.folio").textColor)
            (canvas.drawRightString if right_hand else canvas.drawString)(x1 if right_hand else x0, spec.y,
                                                                          str(record.folio))
        canvas.restoreState()
        record.header_footer.append((x0, spec.y - 4, x1, spec.y + 14))

    # -- placements --------------------------------------------------------------------
    def placed(self, flowable: Flowable, x: float, bottom: float, width: float, height: float,
               frame_width: float) -> None:
        if isinstance(flowable, PageFileStart):
            self._page_file_begins(flowable.page)
            return
        source = self.sources.of(flowable)
        ref = source.block
        if ref is not None:
            self._overflow(ref, height + flowable.getSpaceBefore())
            self._record(flowable, ref, x, bottom, width, height, "")
            if width > frame_width + FUZZ:
                self.sink.error(ref.span, f"{ref.type} '{ref.title}' is {width - frame_width:.0f} pt wider than "
                                f"its column (page {self.page})",
                                "shorten the longest cell or header, or split the table")
        mark = source.heading
        if mark is not None and mark.key not in self.state.landings:
            self._heading_landed(mark, bottom + height)

    def split_into(self, whole: Flowable, parts: list[Flowable]) -> None:
        self.sources.split(whole, parts)

    # -- page files that run over ------------------------------------------------------
    def _page_file_begins(self, page: Page) -> None:
        self._report_overflow()
        self.state.file = PageFileState(page, self.page)

    def _overflow(self, ref: BlockRef, height: float) -> None:
        """Count a block placed past the pages its page file was meant to fill."""
        file = self.state.file
        if file is None or self.page < file.first_page + file.page.expect_pages:
            return
        if file.over is None:
            file.over = ref
        file.over_height += height
        file.last_page = self.page

    def _report_overflow(self) -> None:
        """A page file on a one-page template that ran over is an error at the first block
        that did not fit; one on a template that flows, a warning."""
        file = self.state.file
        if file is None or file.over is None:
            return
        ref, page = file.over, file.page
        extra = file.last_page - file.first_page - page.expect_pages + 1
        pages = f"{extra} more page{'s' if extra > 1 else ''}"
        fits = "one page" if page.expect_pages == 1 else f"{page.expect_pages} pages"
        where = f"{ref.type} '{ref.title}' and what follows it ({file.over_height:.0f} pt) ran over onto {pages}"
        if self.theme.template(page.template).one_page:
            self.sink.error(ref.span, f"{page.source} does not fit on its {page.template} page: {where}",
                            f"template '{page.template}' is one page: shorten or remove blocks, or make the "
                            "text smaller in layout/theme.yaml")
        else:
            self.sink.warning(ref.span, f"{page.source} does not fit on {fits}: {where}",
                              f"if it is meant to, write 'expect_pages: {page.expect_pages + extra}' in {page.source}")
        file.over = None

    def _record(self, flowable: Flowable, ref: BlockRef, x: float, bottom: float, width: float, height: float,
                parent: str) -> None:
        """Put a block in the layout map, and the blocks nested in it (a chart in columns) as
        blocks of their own, so that a change inside a container is traced to what changed."""
        rows_of = getattr(flowable, "row_boxes", None)
        rows = [(k, bottom + b, bottom + t) for k, b, t in rows_of()] if rows_of else []
        lines = len(flowable.broken()) if isinstance(flowable, TextFlow) else 0
        self.layout_map.place(ref, (x, bottom, x + width, bottom + height), rows, x, x + width, parent, lines)
        for child, child_ref, cx, cy, cw, ch in _nested(flowable, ref, self.sources):
            self._record(child, child_ref, x + cx, bottom + cy, cw, ch, ref.id)

    def _heading_landed(self, mark: HeadingMark, top: float) -> None:
        folio = self.layout_map.pages[-1].folio
        self.state.landings[mark.key] = Landing(mark, self.page, folio)
        self.canv.bookmarkHorizontal(mark.key, 0, min(top + 24, self.theme.layout.page_size[1]))
        level = min(mark.level - 1, self.state.outline_level + 1)
        self.state.outline_level = level
        self.canv.addOutlineEntry(mark.text, mark.key, level=level, closed=level > 0)
        if mark.level == 1:
            self.state.section = mark.text
            self.layout_map.pages[-1].section = mark.text
            tpl = self.theme.template(self.state.template)
            frame_top = self.theme.layout.page_size[1] - (tpl.margins or self.theme.layout.margins).top
            if top >= frame_top - FUZZ:
                self.state.head_covered = True  # its banner runs up into the top margin

    def handle_keepWithNext(self, flowables: list[Flowable]) -> None:
        """reportlab groups a heading with what follows it; a heading with nothing after it
        to keep with (the last block of the report) is grouped alone and keeps its mark, and
        when it is taller than a page the group is made again, forever. It has nothing to be
        kept with, so the mark is dropped once it is grouped."""
        first = flowables[0] if flowables else None
        super().handle_keepWithNext(flowables)
        group = flowables[0] if flowables else None
        if group is not first and isinstance(group, KeepTogether):
            content: list[Any] = getattr(group, "_content")  # noqa: B009 (reportlab keeps the group's flowables privately)
            last = content[-1]
            if last.getKeepWithNext():
                last.keepWithNext = 0

    # -- errors ------------------------------------------------------------------------
    def handle_flowable(self, flowables: list[Flowable]) -> None:
        current = flowables[0] if flowables else None
        try:
            super().handle_flowable(flowables)
        except LayoutError as exc:
            source = self.sources.of(current) if current is not None else Source()
            # A part made from another block (a contents entry from its heading) is blamed on that block.
            ref, cause, blamed = source.block, source.cause, source.blamed
            span = blamed.span if blamed else Span(self.edition.name, 1, 1)
            what = (f"the contents entry of {cause.type} '{cause.title}'" if cause else
                    f"{ref.type} '{ref.title}'" if ref else "a block")
            self.sink.error(span, f"{what} cannot fit on any page (page {self.page}): it is taller or wider "
                            "than the page's text area", "split it into smaller blocks, shorten it, or "
                            "for a table move rows into a second table")
            raise _Abort from exc

    # -- end of document ----------------------------------------------------------------
    def _endBuild(self) -> None:
        # Forms used during layout (contents numbers, charts) are defined once the last page
        # is finished and every page is known, and only then is the file saved. reportlab's
        # own (private) end-of-build step finishes the last page; it is told not to save.
        self._doSave = 0
        getattr(super(), "_endBuild")()  # noqa: B009 (private, not in the reportlab stubs)
        self._report_overflow()
        for define in self.form_definers:
            define(self.canv, self)
        add_page_labels(self.canv, self.layout_map.pages, self.theme.layout.templates)
        if self.tags.on:
            write_structure(self.canv, self.tags)
        # The bytes as reportlab makes them, rather than saved into a file object: that would
        # copy the whole file once more (11 MB at 1,000 pages), and keep the copy.
        self.pdf = getattr(self.canv, "getpdfdata")()  # noqa: B009 (untyped in the reportlab stubs)


def _nested(flowable: Flowable, own: BlockRef, sources: Sources
            ) -> Iterator[tuple[Flowable, BlockRef, float, float, float, float]]:
    """Flowables of other blocks drawn inside a layout box (stack, row, panel), each with its
    box inside it, however deep."""
    inner = getattr(flowable, "inner", None)
    if inner is None:
        return
    for child, x, y, w, h in inner():
        ref = sources.of(child).block
        if ref is not None and ref.id != own.id:
            yield child, ref, x, y, w, h
        else:
            for grandchild, gref, gx, gy, gw, gh in _nested(child, own, sources):
                yield grandchild, gref, x + gx, y + gy, gw, gh


class _Abort(Exception):
    """Layout stopped on a block that cannot be placed; the sink says why."""

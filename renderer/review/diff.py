"""Comparing two renderings page by page: align, compare pixels and words, trace to content.

Every page pair is compared whole, running header and footer included; a page whose only
change is a folio that renumbered (or a section name that moved with its pages) is listed as
renumbered. Each changed page is then explained by what the renderings were made from (see
:mod:`.explain`); a change nothing explains is flagged as unexpected.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..layoutmap import Box, LayoutMap, RowPlace
from .align import align
from .content import BlockChange, LookChange, content_changes, look_changes, short
from .explain import Cause, Reflow, explain_page, reflows
from .layout import load_layout, overlaps
from .pdftext import PageText, read_texts
from .pixeldiff import CELL, DEFAULT_DELTA_E
from .raster import (
    PairJob,
    PairResult,
    Pictures,
    Raster,
    compare_pairs,
    page_labels,
    page_name,
    picture_page,
    to_points,
)
from .textdiff import SentenceChange, TextChange, diff_text, word_diff


@dataclass(frozen=True, slots=True)
class Ignore:
    """A region to leave out of the pixel comparison, in PDF points; page 0 means every page."""

    page: int
    box: Box


@dataclass(frozen=True, slots=True)
class DiffOptions:
    dpi: float = 100
    delta_e: float = DEFAULT_DELTA_E  # CIEDE2000 difference at or below which a pixel is unchanged
    threshold: float = 0.0            # share of changed pixels under which a page counts as unchanged
    ignore: tuple[Ignore, ...] = ()
    pictures: Path | None = None      # folder for the report's page images; None: no images


@dataclass(frozen=True, slots=True)
class Side:
    pdf: Path
    layout: LayoutMap | None
    label: str
    labels: tuple[str, ...] = ()  # each page's label, as the PDF's /PageLabels give it

    @staticmethod
    def of(pdf: Path, label: str | None = None) -> Side:
        return Side(pdf, load_layout(pdf), label or str(pdf), page_labels(pdf))

    def folio(self, index: int) -> int | None:
        if self.layout is not None and index < len(self.layout.pages):
            return self.layout.pages[index].folio
        return None

    def page_name(self, number: int) -> str:
        """How a reviewer names a page: by its label (the printed folio, or "Cover"), and its
        place in the file when that differs."""
        return page_name(self.labels, number)


@dataclass(frozen=True, slots=True)
class Location:
    """A changed region traced to the content block (and table row) it lies in."""

    block: str
    type: str
    title: str
    row: str | None
    where: str

    def describe(self) -> str:
        row = f", row {self.row}" if self.row else ""
        return f"{self.type} '{short(self.title)}'{row}: {self.where}"


@dataclass(frozen=True, slots=True)
class PageChange:
    old: int          # 1-based physical page numbers
    new: int
    share: float
    regions: tuple[Box, ...]             # in new-page PDF points (x0, y0, x1, y1, origin bottom-left)
    text: TextChange
    locations: tuple[Location, ...]
    causes: tuple[Cause, ...] | None     # empty: nothing explains it (unexpected); None: no layout maps
    max_delta_e: float = 0.0
    furniture: SentenceChange | None = None   # the running header and footer, when they changed
    pictures: Pictures | None = None
    size: tuple[float, float] = (0.0, 0.0)   # the new page's width and height in points

    @property
    def expected(self) -> bool | None:
        return bool(self.causes) if self.causes is not None else None

    def name(self, old: Side, new: Side) -> str:
        """"folio 10, page 11" (and what it was, when that differs)."""
        a, b = old.page_name(self.old), new.page_name(self.new)
        return b if a == b else f"{b} (was {a})"

    @property
    def reflowed(self) -> bool:
        return bool(self.causes) and all(c.kind == "reflow" for c in self.causes or ())


@dataclass(slots=True)
class DiffResult:
    old: Side
    new: Side
    changed: list[PageChange] = field(default_factory=list)
    inserted: list[int] = field(default_factory=list)       # new page numbers
    removed: list[int] = field(default_factory=list)        # old page numbers
    moved: list[tuple[int, int]] = field(default_factory=list)
    renumbered: list[tuple[int, int]] = field(default_factory=list)
    content: list[BlockChange] = field(default_factory=list)
    look: list[LookChange] = field(default_factory=list)
    reflows: list[Reflow] = field(default_factory=list)
    pictures: dict[tuple[str, int], str] = field(default_factory=dict)  # inserted, removed, moved pages
    traced: bool = False     # both sides have layout maps
    dpi: float = 100

    @property
    def look_changed(self) -> bool:
        return bool(self.look)

    @property
    def unexpected(self) -> list[PageChange]:
        return [c for c in self.changed if c.expected is False]

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.new.layout.warnings if self.new.layout else ()

    @property
    def exit_code(self) -> int:
        return 1 if (self.changed or self.inserted or self.removed or self.moved) else 0

    def groups(self) -> list[tuple[Cause | None, list[PageChange]]]:
        """Changed pages by cause, in the order the causes first appear; unexplained last."""
        by_key: dict[str, tuple[Cause | None, list[PageChange]]] = {}
        for change in self.changed:
            causes: tuple[Cause | None, ...] = change.causes or (None,)
            for cause in causes:
                key = cause.key if cause else "\0unexplained"
                by_key.setdefault(key, (cause, []))[1].append(change)
        return sorted(by_key.values(), key=lambda g: g[0] is None)


def diff(old: Side, new: Side, options: DiffOptions = DiffOptions()) -> DiffResult:
    texts_old, texts_new = read_texts(old.pdf, old.layout), read_texts(new.pdf, new.layout)
    alignment = align([t.fingerprint for t in texts_old], [t.fingerprint for t in texts_new])
    result = DiffResult(old, new, dpi=options.dpi, traced=old.layout is not None and new.layout is not None)
    result.inserted = [n + 1 for n in alignment.inserted]
    result.removed = [o + 1 for o in alignment.removed]
    result.moved = [(o + 1, n + 1) for o, n in alignment.moved]
    if old.layout and new.layout:
        result.content = content_changes(old.layout.content, new.layout.content)
        result.look = look_changes(old.layout.look_values, new.layout.look_values)
        if old.layout.look != new.layout.look and not result.look:  # a file the snapshot does not name
            result.look = [LookChange("layout/", "file", 0, "", "")]
        result.reflows = reflows(old.layout, new.layout, result.content, alignment.pairs)
    shifts = _Shifts.of(alignment.pairs, texts_old, texts_new, old.layout, new.layout)
    texts = {(o, n): (diff_text(texts_old[o].body, texts_new[n].body),
                      _furniture(texts_old[o].furniture, texts_new[n].furniture)) for o, n in alignment.pairs}
    slack = CELL * 72 / options.dpi + 2
    jobs = [PairJob(o, n, _left_out(n, options.ignore), not texts[o, n][0].empty,
                    _band(n, new.layout, slack) if _renumbers(texts[o, n], shifts, o, n) else (),
                    tuple(b.bbox for b in new.layout.pages[n].blocks if not b.parent)
                    if new.layout and n < len(new.layout.pages) else ())
            for o, n in alignment.pairs]
    raster = Raster(options.dpi, options.delta_e, options.threshold, options.pictures)
    for pair in compare_pairs(old.pdf, new.pdf, jobs, raster):
        text, furniture = texts[pair.old, pair.new]
        _compare_pair(result, options, pair, text, furniture, texts_new[pair.new], shifts)
    _picture_single_pages(result, options)
    return result


def _compare_pair(result: DiffResult, options: DiffOptions, pair: PairResult, text: TextChange,
                  furniture: SentenceChange | None, t_new: PageText, shifts: _Shifts) -> None:
    o, n, pixels = pair.old, pair.new, pair.pixels
    scale = options.dpi / 72
    regions = tuple(to_points(r, scale, t_new.height) for r in pixels.regions)
    renumbered = furniture is not None and shifts.only_renumbered(o, n, furniture)
    band = _band(n, result.new.layout, CELL / scale + 2)
    furniture_pixels_only = bool(band) and all(_inside(r, band) for r in regions)
    if pixels.share <= options.threshold and text.empty and furniture is None:
        return
    if text.empty and renumbered and (furniture_pixels_only or pixels.share <= options.threshold):
        result.renumbered.append((o + 1, n + 1))  # only its folio (or section name) moved with the pages
        return
    if (furniture is None or renumbered) and text.numbers and text.words_only_numbers \
            and all(p in shifts.folios for p in text.numbers):
        result.renumbered.append((o + 1, n + 1))  # the contents page after an inserted page
        return
    if renumbered:
        furniture = None  # said by the renumbering, not a change to read
    locations = _locate(regions, n, result.new.layout)
    causes = explain_page(result, o, n, furniture is not None) if result.traced else None
    result.changed.append(PageChange(o + 1, n + 1, pixels.share, regions, text, locations, causes,
                                     pixels.max_delta_e, furniture, pair.pictures, (t_new.width, t_new.height)))


def _furniture(old: str, new: str) -> SentenceChange | None:
    if old.split() == new.split():
        return None
    return word_diff(" ".join(old.split()), " ".join(new.split()))


def _left_out(page: int, ignore: tuple[Ignore, ...]) -> tuple[Box, ...]:
    return tuple(i.box for i in ignore if i.page in (0, page + 1))


def _band(page: int, layout: LayoutMap | None, slack: float) -> tuple[Box, ...]:
    """The running header and footer of a page, grown by ``slack`` (regions are found on a
    grid of cells: a cell and a little more)."""
    if layout is None or page >= len(layout.pages):
        return ()
    return tuple((b[0] - slack, b[1] - slack, b[2] + slack, b[3] + slack) for b in layout.pages[page].header_footer)


def _inside(region: Box, boxes: tuple[Box, ...]) -> bool:
    return any(g[0] <= region[0] and g[1] <= region[1] and region[2] <= g[2] and region[3] <= g[3] for g in boxes)


def _renumbers(texts: tuple[TextChange, SentenceChange | None], shifts: _Shifts, o: int, n: int) -> bool:
    """Words alike and running lines that differ by renumbering only: a page that may merely
    have moved, whose folio alone then needs no picture."""
    text, furniture = texts
    return text.empty and furniture is not None and shifts.only_renumbered(o, n, furniture)


@dataclass(frozen=True, slots=True)
class _Shifts:
    """What moves with pages: folios (old → new) and section names known to both renderings."""

    folios: set[tuple[str, str]]
    sections: set[str]
    section_of: Callable[[str, int], str]

    @staticmethod
    def of(pairs: tuple[tuple[int, int], ...], texts_old: list[PageText], texts_new: list[PageText],
           old: LayoutMap | None, new: LayoutMap | None) -> _Shifts:
        folios: set[tuple[str, str]] = set()
        for o, n in pairs:
            a, b = _folio(o, texts_old, old), _folio(n, texts_new, new)
            if a is not None and b is not None and a != b:
                folios.add((a, b))
        known = {p.section for p in old.pages if p.section} & {p.section for p in new.pages if p.section} \
            if old and new else set()

        def section_of(side: str, i: int) -> str:
            layout = old if side == "old" else new
            return layout.pages[i].section if layout and i < len(layout.pages) else ""

        return _Shifts(folios, known, section_of)

    def only_renumbered(self, o: int, n: int, furniture: SentenceChange) -> bool:
        """The running lines differ only by folios that shifted, and by a section name that
        moved with its pages (an inserted page also moves the folio to the other side of the
        page, so word order is not compared)."""
        old, new = furniture.old, furniture.new
        s_old, s_new = self.section_of("old", o), self.section_of("new", n)
        if s_old != s_new and s_old in self.sections and s_new in self.sections:
            old, new = old.replace(s_old, " "), new.replace(s_new, " ")
        words_old, words_new = old.split(), new.split()
        if sorted(w for w in words_old if not w.isdigit()) != sorted(w for w in words_new if not w.isdigit()):
            return False
        nums_old = Counter(w for w in words_old if w.isdigit())
        nums_new = Counter(w for w in words_new if w.isdigit())
        gone = sorted((nums_old - nums_new).elements(), key=int)
        came = sorted((nums_new - nums_old).elements(), key=int)
        return len(gone) == len(came) and all(pair in self.folios for pair in zip(gone, came))


def _folio(i: int, texts: list[PageText], layout: LayoutMap | None) -> str | None:
    if layout is not None and i < len(layout.pages):
        folio = layout.pages[i].folio
        return str(folio) if folio is not None else None
    numbers = re.findall(r"\b\d+\b", texts[i].furniture)
    return numbers[-1] if numbers else None


def _locate(regions: tuple[Box, ...], page: int, layout: LayoutMap | None) -> tuple[Location, ...]:
    """The innermost blocks (and table rows) the changed regions lie in."""
    if layout is None or page >= len(layout.pages):
        return ()
    blocks = layout.pages[page].blocks
    found: dict[tuple[str, str | None], Location] = {}
    for region in regions:
        hit = [b for b in blocks if overlaps(region, b.bbox)]
        containers = {b.parent for b in hit if b.parent}
        for block in hit:
            if block.id in containers:
                continue  # a block inside it is named instead
            rows: list[RowPlace | None] = [r for r in block.rows if _mostly_in(region, r.bbox)]
            for row in rows or [None]:
                line = row.line if row else block.line
                key = (block.id, row.key if row else None)
                found.setdefault(key, Location(block.id, block.type, block.title, row.label if row else None,
                                               f"{block.source}:{line}"))
    return tuple(found.values())


def _mostly_in(region: Box, row: Box) -> bool:
    """The region covers a good part of the row's height (not just a grazing edge)."""
    overlap = min(region[3], row[3]) - max(region[1], row[1])
    return overlaps(region, row) and overlap >= 0.4 * min(region[3] - region[1], row[3] - row[1])


def _picture_single_pages(result: DiffResult, options: DiffOptions) -> None:
    """Inserted, removed and moved pages, pictured for the report."""
    folder = options.pictures
    if folder is None:
        return
    for n in result.inserted:
        result.pictures[("new", n)] = picture_page(result.new.pdf, n - 1, folder, f"n{n:04d}.png")
    for o in result.removed:
        result.pictures[("old", o)] = picture_page(result.old.pdf, o - 1, folder, f"o{o:04d}.png")
    for _, n in result.moved:
        result.pictures[("new", n)] = picture_page(result.new.pdf, n - 1, folder, f"n{n:04d}.png")

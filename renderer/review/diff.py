"""Comparing two renderings page by page: align, compare pixels and words, trace to content."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .align import align
from .content import BlockChange, content_changes
from .layout import Box, LayoutMap, RowPlace, load_layout, overlaps
from .pdftext import PageText, read_texts
from .pixeldiff import PixelDiff, Rect
from .raster import compare_pairs, make_pool, rasterise
from .textdiff import TextChange, diff_text


@dataclass(frozen=True, slots=True)
class Ignore:
    """A region to leave out of the pixel comparison, in PDF points; page 0 means every page."""

    page: int
    box: Box


@dataclass(frozen=True, slots=True)
class DiffOptions:
    dpi: float = 100
    tolerance: int = 40          # per-channel difference (0-255) that counts as a changed pixel
    threshold: float = 0.0       # share of changed pixels under which a page counts as unchanged
    ignore: tuple[Ignore, ...] = ()


@dataclass(frozen=True, slots=True)
class Side:
    pdf: Path
    layout: LayoutMap | None
    label: str

    @staticmethod
    def of(pdf: Path, label: str | None = None) -> Side:
        return Side(pdf, load_layout(pdf), label or str(pdf))


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
        return f"{self.type} '{self.title}'{row}: {self.where}"


@dataclass(frozen=True, slots=True)
class PageChange:
    old: int          # 1-based physical page numbers
    new: int
    share: float
    regions: tuple[Box, ...]             # in new-page PDF points (x0, y0, x1, y1, origin bottom-left)
    text: TextChange
    locations: tuple[Location, ...]
    expected: bool | None                # None without layout maps
    reflowed: bool = False


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
    look_changed: bool = False
    images: dict[tuple[str, int], np.ndarray] = field(default_factory=dict, repr=False)
    dpi: float = 100

    @property
    def unexpected(self) -> list[PageChange]:
        return [c for c in self.changed if c.expected is False]

    @property
    def exit_code(self) -> int:
        return 1 if (self.changed or self.inserted or self.removed or self.moved) else 0


def diff(old: Side, new: Side, options: DiffOptions = DiffOptions()) -> DiffResult:
    texts_old, texts_new = read_texts(old.pdf, old.layout), read_texts(new.pdf, new.layout)
    alignment = align([t.fingerprint for t in texts_old], [t.fingerprint for t in texts_new])
    result = DiffResult(old, new, dpi=options.dpi)
    result.inserted = [n + 1 for n in alignment.inserted]
    result.removed = [o + 1 for o in alignment.removed]
    result.moved = [(o + 1, n + 1) for o, n in alignment.moved]
    if old.layout and new.layout:
        result.content = content_changes(old.layout.content, new.layout.content)
        result.look_changed = old.layout.look != new.layout.look
    folio_shift = _folio_pairs(alignment.pairs, texts_old, texts_new, old.layout, new.layout)
    scale = options.dpi / 72
    jobs = [(o, n, _mask(_shape(texts_new[n], scale), n, texts_new[n].height, scale, new.layout, options.ignore))
            for o, n in alignment.pairs]
    pool = make_pool() if len(jobs) >= 24 else None
    try:
        compared = compare_pairs(old.pdf, new.pdf, jobs, options.dpi, options.tolerance, options.threshold, pool)
    finally:
        if pool is not None:
            pool.shutdown()
    changed_ids = {c.id for c in result.content}
    for o, n, pixels, a, b in compared:
        _compare_pair(result, options, o, n, pixels, (a, b), texts_old[o], texts_new[n], folio_shift, changed_ids)
    _keep_inserted_images(result, options)
    return result


def _shape(text: PageText, scale: float) -> tuple[int, int]:
    """The pixel size pdfium renders a page at (its rounding)."""
    return round(text.height * scale), round(text.width * scale)


def _compare_pair(result: DiffResult, options: DiffOptions, o: int, n: int, pixels: PixelDiff,
                  images: tuple[np.ndarray | None, np.ndarray | None], t_old: PageText, t_new: PageText,
                  folio_shift: set[tuple[str, str]], changed_ids: set[str]) -> None:
    scale = options.dpi / 72
    text = diff_text(t_old.body, t_new.body)
    if _only_renumbered(t_old.furniture, t_new.furniture, folio_shift):
        result.renumbered.append((o + 1, n + 1))
    if pixels.share <= options.threshold and text.empty:
        return
    if not text.added and not text.removed and text.numbers and all(p in folio_shift for p in text.numbers):
        result.renumbered.append((o + 1, n + 1))  # e.g. the contents page after an inserted page
        return
    regions = tuple(_to_points(r, scale, t_new.height) for r in pixels.regions)
    locations = _locate(regions, n, result.new.layout)
    expected, reflowed = _expectation(result, o, n, changed_ids)
    result.changed.append(PageChange(o + 1, n + 1, pixels.share, regions, text, locations, expected, reflowed))
    a, b = images
    if a is None or b is None:  # text changed without a visible change: render the pair for the report
        a, b = rasterise(result.old.pdf, options.dpi, [o])[0], rasterise(result.new.pdf, options.dpi, [n])[0]
    result.images[("old", o + 1)] = a
    result.images[("new", n + 1)] = b


def _only_renumbered(old: str, new: str, folio_shift: set[tuple[str, str]]) -> bool:
    """Running heads and folios that differ only by folios that shifted (an inserted page
    also moves the folio to the other side of the page, so word order is not compared)."""
    words_old, words_new = old.split(), new.split()
    if sorted(w for w in words_old if not w.isdigit()) != sorted(w for w in words_new if not w.isdigit()):
        return False
    nums_old, nums_new = Counter(w for w in words_old if w.isdigit()), Counter(w for w in words_new if w.isdigit())
    gone = sorted((nums_old - nums_new).elements(), key=int)
    came = sorted((nums_new - nums_old).elements(), key=int)
    return bool(gone) and len(gone) == len(came) and all(pair in folio_shift for pair in zip(gone, came))


def _mask(shape: tuple[int, int], page: int, height: float, scale: float, layout: LayoutMap | None,
          ignore: tuple[Ignore, ...]) -> np.ndarray:
    """Pixels left out: running heads and folios (compared as text instead) and ignored regions."""
    mask = np.zeros(shape, dtype=bool)
    boxes: list[Box] = [i.box for i in ignore if i.page in (0, page + 1)]
    if layout is not None and page < len(layout.pages):
        boxes += list(layout.pages[page].header_footer)
    else:
        band = 0.07 * height
        boxes += [(0, 0, shape[1] / scale, band), (0, height - band, shape[1] / scale, height)]
    for x0, y0, x1, y1 in boxes:
        mask[max(0, int((height - y1) * scale)):int((height - y0) * scale) + 1, max(0, int(x0 * scale)):int(x1 * scale) + 1] = True
    return mask


def _to_points(r: Rect, scale: float, height: float) -> Box:
    x0, y0, x1, y1 = r
    return (round(x0 / scale, 1), round(height - y1 / scale, 1), round(x1 / scale, 1), round(height - y0 / scale, 1))


def _locate(regions: tuple[Box, ...], page: int, layout: LayoutMap | None) -> tuple[Location, ...]:
    if layout is None or page >= len(layout.pages):
        return ()
    found: dict[tuple[str, str | None], Location] = {}
    for region in regions:
        for block in layout.pages[page].blocks:
            if not overlaps(region, block.bbox):
                continue
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


def _expectation(result: DiffResult, o: int, n: int, changed_ids: set[str]) -> tuple[bool | None, bool]:
    """Was a change to this page expected from the content (or look), and did it merely reflow?"""
    old_map, new_map = result.old.layout, result.new.layout
    if old_map is None or new_map is None:
        return None, False
    if result.look_changed:
        return True, False
    ids = set(old_map.block_ids(o)) | set(new_map.block_ids(n))
    if ids & changed_ids:
        return True, False
    old_boxes = {(b.id, b.bbox) for b in old_map.pages[o].blocks} if o < len(old_map.pages) else set()
    new_boxes = {(b.id, b.bbox) for b in new_map.pages[n].blocks} if n < len(new_map.pages) else set()
    if old_boxes != new_boxes and (changed_ids or result.inserted or result.removed):
        return True, True   # its blocks moved because of a change elsewhere
    return False, False


def _folio_pairs(pairs: tuple[tuple[int, int], ...], texts_old: list[PageText], texts_new: list[PageText],
                 old: LayoutMap | None, new: LayoutMap | None) -> set[tuple[str, str]]:
    """(old folio, new folio) of pages that correspond: numbers that merely renumbered."""
    out: set[tuple[str, str]] = set()
    for o, n in pairs:
        a = _folio(o, texts_old, old)
        b = _folio(n, texts_new, new)
        if a is not None and b is not None and a != b:
            out.add((a, b))
    return out


def _folio(i: int, texts: list[PageText], layout: LayoutMap | None) -> str | None:
    if layout is not None and i < len(layout.pages):
        folio = layout.pages[i].folio
        return str(folio) if folio is not None else None
    numbers = re.findall(r"\b\d+\b", texts[i].furniture)
    return numbers[-1] if numbers else None


def _keep_inserted_images(result: DiffResult, options: DiffOptions) -> None:
    if result.inserted:
        for n, img in zip(result.inserted, rasterise(result.new.pdf, options.dpi, [n - 1 for n in result.inserted])):
            result.images[("new", n)] = img
    if result.removed:
        for o, img in zip(result.removed, rasterise(result.old.pdf, options.dpi, [o - 1 for o in result.removed])):
            result.images[("old", o)] = img

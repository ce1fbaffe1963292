"""Recording the layout map while pages are laid out: each page as it begins, each block as
its frame places it. The finished map is the frozen :class:`renderer.layoutmap.LayoutMap`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..blocks.sources import BlockRef
from ..layoutmap import BlockContent, BlockPlace, Box, LayoutMap, LookValues, PagePlace, RowPlace


@dataclass(slots=True)
class PageRecord:
    """A page being laid out: its section is known once its first heading lands, and its
    running lines are drawn last."""

    index: int  # 1-based, as reportlab counts pages
    folio: int | None
    template: str
    section: str
    header_footer: list[Box] = field(default_factory=list)
    blocks: list[BlockPlace] = field(default_factory=list)

    def freeze(self) -> PagePlace:
        return PagePlace(self.index - 1, self.folio, self.template, self.section, tuple(self.header_footer),
                         tuple(self.blocks))


@dataclass(slots=True)
class LayoutRecorder:
    edition: str
    pages: list[PageRecord] = field(default_factory=list)
    # Each table's rows by key, made once per table: a table that runs over many pages is
    # placed once per page, and making them at each placement was quadratic in its rows.
    _rows: dict[int, tuple[BlockRef, dict[str, tuple[str, int]]]] = field(default_factory=dict, repr=False)

    def place(self, ref: BlockRef, bbox: Box, rows: list[tuple[str, float, float]], x0: float, x1: float,
              parent: str = "", lines: int = 0) -> None:
        by_key = self._row_lines(ref) if rows else {}
        placed = tuple(RowPlace(key, *by_key.get(key, (key, ref.line)), _round((x0, bottom, x1, top)))
                       for key, bottom, top in rows)
        self.pages[-1].blocks.append(BlockPlace(ref.id, ref.type, ref.title, ref.source, ref.line, _round(bbox),
                                                placed, parent, lines))

    def _row_lines(self, ref: BlockRef) -> dict[str, tuple[str, int]]:
        known = self._rows.get(id(ref))
        if known is None or known[0] is not ref:  # (the ref is kept, so its id is not reused)
            known = self._rows[id(ref)] = (ref, {key: (label, line) for key, label, line in ref.rows})
        return known[1]

    def finish(self, look: str, content: Mapping[str, BlockContent], look_values: LookValues,
               warnings: tuple[str, ...]) -> LayoutMap:
        return LayoutMap(self.edition, look, tuple(p.freeze() for p in self.pages), content, look_values, warnings)


def _round(box: Box) -> Box:
    return (round(box[0], 2), round(box[1], 2), round(box[2], 2), round(box[3], 2))

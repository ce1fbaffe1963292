"""The layout map: for each page, where each block landed and which content line it came from.

Written beside the PDF as JSON; the review tools read it to trace a changed region of a page
back to the content that caused it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..blocks.base import BlockRef

Box = tuple[float, float, float, float]
VERSION = 2


@dataclass(slots=True)
class PlacedRow:
    key: str
    label: str
    line: int
    bbox: Box


@dataclass(slots=True)
class Placed:
    """One block (or one part of a split block) on one page."""

    id: str
    type: str
    title: str
    source: str
    line: int
    bbox: Box
    rows: list[PlacedRow] = field(default_factory=list)
    parent: str = ""  # the container (columns) it was drawn in
    lines: int = 0    # lines of text, for blocks of text (a reflow is told in lines)


@dataclass(slots=True)
class PageRecord:
    index: int
    folio: int | None
    template: str
    section: str
    header_footer: list[Box] = field(default_factory=list)
    blocks: list[Placed] = field(default_factory=list)


@dataclass(slots=True)
class LayoutMap:
    edition: str
    look: str = ""  # digest of layout/ and fonts/: a restyle changes it
    pages: list[PageRecord] = field(default_factory=list)
    content: dict[str, dict[str, Any]] = field(default_factory=dict)
    # every value written in layout/ by file and dotted key: (value, line); fonts and other
    # files the look reads by their digest
    look_values: dict[str, dict[str, tuple[str, int]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # the build's warnings, as printed
    # Each table's rows by key, made once per table: a table that runs over many pages is
    # placed once per page, and making them at each placement was quadratic in its rows.
    _rows: dict[int, tuple[BlockRef, dict[str, tuple[str, int]]]] = field(default_factory=dict, repr=False,
                                                                         compare=False)

    def place(self, ref: BlockRef, bbox: Box, rows: list[tuple[str, float, float]], x0: float, x1: float,
              parent: str = "", lines: int = 0) -> None:
        by_key = self._row_lines(ref) if rows else {}
        placed = [PlacedRow(key, by_key.get(key, (key, ref.line))[0], by_key.get(key, (key, ref.line))[1],
                            _round((x0, bottom, x1, top))) for key, bottom, top in rows]
        self.pages[-1].blocks.append(Placed(ref.id, ref.type, ref.title, ref.source, ref.line, _round(bbox), placed,
                                            parent, lines))

    def _row_lines(self, ref: BlockRef) -> dict[str, tuple[str, int]]:
        known = self._rows.get(id(ref))
        if known is None or known[0] is not ref:  # (the ref is kept, so its id is not reused)
            known = self._rows[id(ref)] = (ref, {key: (label, line) for key, label, line in ref.rows})
        return known[1]

    def to_json(self, build_id: str) -> str:
        """The map as written beside its PDF; ``build_id`` is the PDF's (see ``renderer.buildid``),
        which readers check."""
        # One page (one content block, one layout file) per line: small, and still readable in a diff.
        pages = ",\n".join(_dumps(_page(p)) for p in self.pages)
        content = ",\n".join(f"{_dumps(k)}:{_dumps(v)}" for k, v in self.content.items())
        look = ",\n".join(f"{_dumps(k)}:{_dumps(v)}" for k, v in self.look_values.items())
        return (f'{{"version":{VERSION},"build_id":{_dumps(build_id)},"edition":{_dumps(self.edition)},'
                f'"look":{_dumps(self.look)},"warnings":{_dumps(self.warnings)},"pages":[\n{pages}\n],'
                f'"content":{{\n{content}\n}},"look_values":{{\n{look}\n}}}}\n')


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _page(p: PageRecord) -> dict[str, Any]:
    return {"index": p.index, "folio": p.folio, "template": p.template, "section": p.section,
            "header_footer": p.header_footer,
            "blocks": [{"id": b.id, "type": b.type, "title": b.title, "source": b.source, "line": b.line,
                        "bbox": b.bbox, "rows": [{"key": r.key, "label": r.label, "line": r.line, "bbox": r.bbox}
                                                 for r in b.rows], **({"parent": b.parent} if b.parent else {}),
                        **({"lines": b.lines} if b.lines else {})}
                       for b in p.blocks]}


def _round(box: Box) -> Box:
    return (round(box[0], 2), round(box[1], 2), round(box[2], 2), round(box[3], 2))

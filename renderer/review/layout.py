"""The layout map written beside our PDFs, read back: where each block landed, from which line."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import buildid

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class RowPlace:
    key: str
    label: str
    line: int
    bbox: Box


@dataclass(frozen=True, slots=True)
class BlockPlace:
    id: str
    type: str
    title: str
    source: str
    line: int
    bbox: Box
    rows: tuple[RowPlace, ...] = ()
    parent: str = ""   # the container it was drawn in
    lines: int = 0     # lines of text


@dataclass(frozen=True, slots=True)
class PagePlace:
    index: int
    folio: int | None
    section: str
    header_footer: tuple[Box, ...]
    blocks: tuple[BlockPlace, ...]


@dataclass(frozen=True, slots=True)
class LayoutMap:
    edition: str
    look: str
    pages: tuple[PagePlace, ...]
    content: dict[str, dict[str, Any]] = field(default_factory=dict)
    look_values: dict[str, dict[str, tuple[str, int]]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def block_ids(self, page: int) -> tuple[str, ...]:
        return tuple(b.id for b in self.pages[page].blocks) if page < len(self.pages) else ()

    def page_of(self, block: str) -> int | None:
        """The first page (0-based) a block is on."""
        return next((p.index for p in self.pages for b in p.blocks if b.id == block), None)


def _box(v: Any) -> Box:
    return (float(v[0]), float(v[1]), float(v[2]), float(v[3]))


class LayoutMapError(ValueError):
    """A layout map that cannot be read: changes could not be traced to their content."""


def load_layout(pdf: Path) -> LayoutMap | None:
    """The map written beside ``pdf``, or ``None`` when there is none (any PDF can still be
    compared).

    A damaged map is an error rather than ignored: the reviewer would otherwise get changes
    with no content behind them and no word why. So is a map of another build than its PDF
    (a build stopped between writing the two, or builds racing to one output): its places
    would be traced to the wrong content."""
    path = layout_path(pdf)
    if not path.exists():
        return None
    if not path.is_file():
        raise LayoutMapError(f"layout map {path} is not a file; delete it to compare the pages alone")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("it is not a JSON object")
        layout = _read_layout(data)
        _check_belongs(data, path, pdf)
        return layout
    except LayoutMapError:
        raise
    except RecursionError:  # json recurses once per nested bracket
        raise LayoutMapError(f"layout map {path} is damaged (nested too deeply to be a layout map); build the "
                             "PDF again, or delete the map to compare the pages alone") from None
    except OSError as exc:
        raise LayoutMapError(f"cannot read layout map {path}: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise LayoutMapError(f"layout map {path} is damaged ({type(exc).__name__}: {exc}); build the PDF "
                             "again, or delete the map to compare the pages alone") from None


#: The layout-map format this reader understands (written by renderer.paginate.layoutmap).
VERSION = 2


def _check_belongs(data: dict[str, Any], path: Path, pdf: Path) -> None:
    """Refuse a map whose build id is not its PDF's (``renderer.buildid``)."""
    recorded = data.get(buildid.KEY)
    if not isinstance(recorded, str):
        raise LayoutMapError(f"layout map {path} has no build id (an older version wrote it); build the PDF "
                             "again, or delete the map to compare the pages alone")
    actual = buildid.read(pdf.read_bytes())
    if actual != recorded:
        found = f"the PDF's is {actual}" if actual else "the PDF carries none"
        raise LayoutMapError(f"layout map {path} does not belong to {pdf}: its build id is {recorded[:32]}, "
                             f"{found} (a build was stopped part-way, or two builds wrote there at once); "
                             "build the PDF again")


def _read_layout(data: Any) -> LayoutMap:
    if data.get("version") != VERSION:
        raise ValueError(f"it is version {data.get('version')!r} of the format, and this program reads version "
                         f"{VERSION}")
    pages = tuple(PagePlace(
        p["index"] - 1, p.get("folio"), p.get("section", ""), tuple(_box(b) for b in p.get("header_footer", [])),
        tuple(BlockPlace(b["id"], b["type"], b.get("title", ""), b["source"], b["line"], _box(b["bbox"]),
                         tuple(RowPlace(r["key"], r["label"], r["line"], _box(r["bbox"])) for r in b.get("rows", [])),
                         b.get("parent", ""), int(b.get("lines", 0)))
              for b in p.get("blocks", [])))
        for p in data.get("pages", []))
    look = {str(f): {str(k): (str(v[0]), int(v[1])) for k, v in values.items()}
            for f, values in data.get("look_values", {}).items()}
    return LayoutMap(data.get("edition", ""), data.get("look", ""), pages, data.get("content", {}), look,
                     tuple(str(w) for w in data.get("warnings", [])))


def layout_path(pdf: Path) -> Path:
    return pdf.with_suffix(".layout.json")


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

"""The layout map's format: written beside each PDF by the engine, read by the review tools.

For each page, where each block landed and which content line it came from; for each block,
its content as flat text by field; for each layout file, its values by dotted key. The review
tools trace a changed region of a page back to the content that caused it with it.

This module is the format's one definition: typed records, :func:`dumps` and :func:`loads`.
It imports nothing from the engine or the review tools, so both can import it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: The format's version. A change to what is written, or what it means, is a new version, and
#: a reader refuses a map of any other (its places would be read wrongly).
VERSION = 2

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points from the page's lower left
LookValues = dict[str, dict[str, tuple[str, int]]]  # file → dotted key → (value, line)


class FormatError(ValueError):
    """Text that is not a layout map of this format."""


class VersionError(FormatError):
    """A layout map of an older or newer version of the format."""


@dataclass(frozen=True, slots=True)
class RowPlace:
    """One body row of a table on one page."""

    key: str
    label: str
    line: int
    bbox: Box


@dataclass(frozen=True, slots=True)
class BlockPlace:
    """One block (or one part of a split block) on one page."""

    id: str
    type: str
    title: str
    source: str
    line: int
    bbox: Box
    rows: tuple[RowPlace, ...] = ()
    parent: str = ""  # the container (columns) it was drawn in
    lines: int = 0    # lines of text, for blocks of text (a reflow is told in lines)


@dataclass(frozen=True, slots=True)
class PagePlace:
    index: int          # 0-based; written 1-based
    folio: int | None   # the printed page number; None on unnumbered pages
    template: str
    section: str
    header_footer: tuple[Box, ...] = ()
    blocks: tuple[BlockPlace, ...] = ()


@dataclass(frozen=True, slots=True)
class BlockContent:
    """What one block (or the manifest) held: its fields as flat text, with their lines."""

    type: str
    title: str
    source: str
    line: int
    values: Mapping[str, str]
    lines: Mapping[str, int] = field(default_factory=dict)  # fields written on lines of their own
    depends_on: tuple[str, ...] = ()   # blocks whose numbers it shows
    children: tuple[str, ...] = ()     # blocks nested in it


@dataclass(frozen=True, slots=True)
class LayoutMap:
    edition: str
    look: str = ""  # digest of layout/ and fonts/: a restyle changes it
    pages: tuple[PagePlace, ...] = ()
    content: Mapping[str, BlockContent] = field(default_factory=dict)
    look_values: LookValues = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # the build's warnings, as printed

    def block_ids(self, page: int) -> tuple[str, ...]:
        return tuple(b.id for b in self.pages[page].blocks) if page < len(self.pages) else ()

    def page_of(self, block: str) -> int | None:
        """The first page (0-based) a block is on."""
        return next((p.index for p in self.pages for b in p.blocks if b.id == block), None)


# -- writing ---------------------------------------------------------------------------------

def dumps(layout: LayoutMap, build_id: str) -> str:
    """The map as written beside its PDF; ``build_id`` is the PDF's (``renderer.buildid``),
    which readers check. One page, one content block and one layout file per line: small, and
    still readable in a diff."""
    pages = ",\n".join(_json(_page(p)) for p in layout.pages)
    content = ",\n".join(f"{_json(k)}:{_json(_content(v))}" for k, v in layout.content.items())
    look = ",\n".join(f"{_json(k)}:{_json(v)}" for k, v in layout.look_values.items())
    return (f'{{"version":{VERSION},"build_id":{_json(build_id)},"edition":{_json(layout.edition)},'
            f'"look":{_json(layout.look)},"warnings":{_json(list(layout.warnings))},"pages":[\n{pages}\n],'
            f'"content":{{\n{content}\n}},"look_values":{{\n{look}\n}}}}\n')


#: One encoder for the whole map: ``json.dumps`` with options makes a new one for every call,
#: which cost a third of the map's time at 1,000 pages (15,000 calls).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _json(value: Any) -> str:
    return _ENCODER.encode(value)


def _page(p: PagePlace) -> dict[str, Any]:
    return {"index": p.index + 1, "folio": p.folio, "template": p.template, "section": p.section,
            "header_footer": list(p.header_footer), "blocks": [_block(b) for b in p.blocks]}


def _block(b: BlockPlace) -> dict[str, Any]:
    out: dict[str, Any] = {"id": b.id, "type": b.type, "title": b.title, "source": b.source, "line": b.line,
                           "bbox": b.bbox, "rows": [{"key": r.key, "label": r.label, "line": r.line, "bbox": r.bbox}
                                                    for r in b.rows]}
    if b.parent:
        out["parent"] = b.parent
    if b.lines:
        out["lines"] = b.lines
    return out


def _content(c: BlockContent) -> dict[str, Any]:
    return {"type": c.type, "title": c.title, "source": c.source, "line": c.line, "values": dict(c.values),
            "lines": dict(c.lines), "depends_on": list(c.depends_on), "children": list(c.children)}


# -- reading ---------------------------------------------------------------------------------

def loads(text: str) -> tuple[LayoutMap, str | None]:
    """The map in ``text`` and the build id it records (None when it has none).

    Raises :class:`FormatError` for a map of another version, and for one whose shape is not
    this format's (a damaged or foreign file)."""
    try:
        data = json.loads(text)
    except RecursionError:  # json recurses once per nested bracket
        raise FormatError("nested too deeply to be a layout map") from None
    except ValueError as exc:
        raise FormatError(f"not JSON ({exc})") from None
    if not isinstance(data, dict):
        raise FormatError("it is not a JSON object")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise FormatError(f"it has no format version ({version!r} where a number belongs)")
    if version != VERSION:
        age = "an older" if version < VERSION else "a newer"
        raise VersionError(f"it is version {version} of the format, written by {age} impact-report; this one "
                           f"reads version {VERSION}")
    try:
        layout = LayoutMap(
            str(data.get("edition", "")), str(data.get("look", "")),
            tuple(_read_page(p) for p in data.get("pages", [])),
            {str(k): _read_content(v) for k, v in data.get("content", {}).items()},
            {str(f): {str(k): (str(v[0]), int(v[1])) for k, v in values.items()}
             for f, values in data.get("look_values", {}).items()},
            tuple(str(w) for w in data.get("warnings", [])))
    except (KeyError, TypeError, AttributeError, IndexError, ValueError) as exc:
        raise FormatError(f"{type(exc).__name__}: {exc}") from None
    build_id = data.get("build_id")
    return layout, build_id if isinstance(build_id, str) else None


def _box(v: Any) -> Box:
    if len(v) != 4:
        raise ValueError(f"a box has four numbers, not {len(v)}")
    return (float(v[0]), float(v[1]), float(v[2]), float(v[3]))


def _read_page(p: Mapping[str, Any]) -> PagePlace:
    folio = p.get("folio")
    return PagePlace(int(p["index"]) - 1, int(folio) if folio is not None else None, str(p.get("template", "")),
                     str(p.get("section", "")), tuple(_box(b) for b in p.get("header_footer", [])),
                     tuple(_read_block(b) for b in p.get("blocks", [])))


def _read_block(b: Mapping[str, Any]) -> BlockPlace:
    rows = tuple(RowPlace(str(r["key"]), str(r["label"]), int(r["line"]), _box(r["bbox"])) for r in b.get("rows", []))
    return BlockPlace(str(b["id"]), str(b["type"]), str(b.get("title", "")), str(b["source"]), int(b["line"]),
                      _box(b["bbox"]), rows, str(b.get("parent", "")), int(b.get("lines", 0)))


def _read_content(c: Mapping[str, Any]) -> BlockContent:
    return BlockContent(str(c["type"]), str(c.get("title", "")), str(c["source"]), int(c.get("line", 0)),
                        {str(k): str(v) for k, v in c.get("values", {}).items()},
                        {str(k): int(v) for k, v in c.get("lines", {}).items()},
                        tuple(str(d) for d in c.get("depends_on", [])),
                        tuple(str(d) for d in c.get("children", [])))

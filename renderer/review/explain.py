"""Why a page changed: the content blocks on it, the manifest's printed fields, the layout, or a
block elsewhere that grew or shrank and moved the blocks after it (a reflow).

A reflow is told once, as its cause and its consequences ("paragraph at 09-….yaml:22 grew by
3 lines; 4 blocks moved down, 1 figure pushed to the next page"), and every page it touched
points to it, rather than each page being a separate mystery.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..layoutmap import BlockPlace, LayoutMap
from .content import MANIFEST_ID, BlockChange

if TYPE_CHECKING:
    from .diff import DiffResult

MOVE = 0.5  # points a block must move by to count as moved


@dataclass(frozen=True, slots=True)
class Cause:
    kind: str    # content | manifest | look | reflow | pages
    key: str     # pages with the same key share the cause
    text: str    # what a reviewer reads
    where: str   # "file:line", or "" when it has no one place


@dataclass(frozen=True, slots=True)
class Reflow:
    """A block that changed height, and what that did to the blocks after it."""

    block: str
    type: str
    where: str
    points: float                 # how much taller (negative: shorter)
    lines: int | None             # how many more lines, for text
    moved_down: int
    moved_up: int
    pushed: tuple[tuple[str, int], ...]   # (block type, count) moved to a later page
    pulled: tuple[tuple[str, int], ...]   # moved to an earlier page
    pages: frozenset[int]         # new pages (0-based) whose blocks moved

    def describe(self) -> str:
        grew = "grew" if self.points > 0 else "shrank"
        if self.lines:
            size = f"{abs(self.lines)} line{'s' if abs(self.lines) != 1 else ''}"
        else:
            size = f"{abs(self.points):.0f} pt"
        parts = []
        if self.moved_down:
            parts.append(f"{_count(self.moved_down, 'block')} moved down")
        if self.moved_up:
            parts.append(f"{_count(self.moved_up, 'block')} moved up")
        parts += [f"{_count(n, kind)} pushed to the next page" for kind, n in self.pushed]
        parts += [f"{_count(n, kind)} pulled back to the page before" for kind, n in self.pulled]
        return f"{self.type} at {self.where} {grew} by {size}" + ("; " + ", ".join(parts) if parts else "")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def explain_page(result: DiffResult, o: int, n: int, furniture_changed: bool) -> tuple[Cause, ...]:
    old_map, new_map = result.old.layout, result.new.layout
    assert old_map is not None and new_map is not None
    ids = set(old_map.block_ids(o)) | set(new_map.block_ids(n))
    causes = [Cause("content", f"content:{c.id}", c.describe(), c.where)
              for c in result.content if (c.id in ids or c.old_id in ids) and c.id != MANIFEST_ID]
    manifest = next((c for c in result.content if c.id == MANIFEST_ID), None)
    if manifest is not None and furniture_changed:
        causes += [Cause("manifest", f"manifest:{f.name}", f"{manifest.source}:{f.line}: {f.describe()}",
                         f"{manifest.source}:{f.line}") for f in manifest.fields]
    if result.look:
        shown = "; ".join(c.describe() for c in result.look[:4])
        more = f"; and {len(result.look) - 4} more layout changes" if len(result.look) > 4 else ""
        causes.append(Cause("look", "look", shown + more, result.look[0].where))
    if causes:
        return tuple(causes)
    causes += [Cause("reflow", f"reflow:{r.block}", r.describe(), r.where) for r in result.reflows if n in r.pages]
    if not causes and _blocks_moved(old_map, new_map, o, n) and (result.content or result.inserted or result.removed):
        causes.append(Cause("reflow", "reflow", "its blocks moved with a change on an earlier page", ""))
    return tuple(causes)


def _blocks_moved(old: LayoutMap, new: LayoutMap, o: int, n: int) -> bool:
    a = {(b.id, b.bbox) for b in old.pages[o].blocks} if o < len(old.pages) else set()
    b = {(b.id, b.bbox) for b in new.pages[n].blocks} if n < len(new.pages) else set()
    return a != b


def reflows(old: LayoutMap, new: LayoutMap, content: list[BlockChange], pairs: tuple[tuple[int, int], ...]
            ) -> list[Reflow]:
    """Changed blocks whose height changed, each with the blocks it moved."""
    out = []
    for change in content:
        if change.kind != "changed":
            continue
        before, after = _parts(old, change.old_id), _parts(new, change.id)
        if not before or not after:
            continue
        points = sum(_height(b) for _, b in after) - sum(_height(b) for _, b in before)
        if abs(points) < MOVE:
            continue
        lines_before, lines_after = sum(b.lines for _, b in before), sum(b.lines for _, b in after)
        lines = lines_after - lines_before if lines_before and lines_after else None
        where = f"{change.source}:{change.fields[0].line}" if change.fields else change.where
        out.append(_consequences(old, new, change, where, points, lines))
    return out


def _consequences(old: LayoutMap, new: LayoutMap, change: BlockChange, where: str, points: float, lines: int | None
                  ) -> Reflow:
    """Which blocks after the changed one moved down or up its page, or to another page. A
    page file starts a new page, so a block's page is counted from its file's first page."""
    later = _after(new, change.id, change.source)
    first_old = {b.id: (i, b) for i, b in reversed(_placed(old))}
    start_old = _first_page(old, change.old_source(old))
    start_new = _first_page(new, change.source)
    down = up = 0
    pushed: Counter[str] = Counter()
    pulled: Counter[str] = Counter()
    pages: set[int] = {i for i, _ in _parts(new, change.id)}
    for page, block in later:
        was = first_old.get(block.id)
        if was is None:
            continue
        shift = (page - start_new) - (was[0] - start_old)
        if shift > 0:
            pushed[block.type] += 1
        elif shift < 0:
            pulled[block.type] += 1
        elif abs(block.bbox[3] - was[1].bbox[3]) >= MOVE:
            if block.bbox[3] < was[1].bbox[3]:
                down += 1
            else:
                up += 1
        else:
            continue
        pages.add(page)
    return Reflow(change.id, change.type, where, round(points, 1), lines, down, up,
                  tuple(sorted(pushed.items())), tuple(sorted(pulled.items())), frozenset(pages))


def _first_page(layout: LayoutMap, source: str) -> int:
    return next((i for i, b in _placed(layout) if b.source == source), 0)


def _placed(layout: LayoutMap) -> list[tuple[int, BlockPlace]]:
    return [(p.index, b) for p in layout.pages for b in p.blocks if not b.parent]


def _parts(layout: LayoutMap, block: str) -> list[tuple[int, BlockPlace]]:
    return [(i, b) for i, b in _placed(layout) if b.id == block]


def _after(layout: LayoutMap, block: str, source: str) -> list[tuple[int, BlockPlace]]:
    """The first part of each block placed after ``block`` from the same page file."""
    placed = _placed(layout)
    start = next((k for k, (_, b) in enumerate(placed) if b.id == block), len(placed))
    seen = {block}
    out = []
    for page, b in placed[start:]:
        if b.source == source and b.id not in seen:
            seen.add(b.id)
            out.append((page, b))
    return out


def _height(b: BlockPlace) -> float:
    return b.bbox[3] - b.bbox[1]

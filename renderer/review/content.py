"""What changed in the content itself, block by block, from the snapshots in two layout maps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class BlockChange:
    id: str
    kind: str        # added | removed | changed
    type: str
    title: str
    where: str       # "content/2022/07-by-state.yaml:12" (new side when it exists)
    details: tuple[str, ...]

    def describe(self) -> str:
        head = f"{self.type} '{self.title}'" if self.title else f"{self.type} {self.id}"
        if self.kind != "changed":
            return f"{head}: {self.kind} ({self.where})"
        return f"{head}: {'; '.join(self.details)} ({self.where})"


def content_changes(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> list[BlockChange]:
    out: list[BlockChange] = []
    for block_id, after in new.items():
        before = old.get(block_id)
        where = f"{after['source']}:{after['line']}"
        if before is None:
            out.append(BlockChange(block_id, "added", after["type"], after["title"], where, ()))
        elif before.get("values") != after.get("values"):
            details = _details(before.get("values", {}), after.get("values", {}))
            out.append(BlockChange(block_id, "changed", after["type"], after["title"], where, details))
    for block_id, before in old.items():
        if block_id not in new:
            out.append(BlockChange(block_id, "removed", before["type"], before["title"],
                                   f"{before['source']}:{before['line']}", ()))
    return out + _dependants(new, {c.id: c for c in out})


def _dependants(new: dict[str, dict[str, Any]], changed: dict[str, BlockChange]) -> list[BlockChange]:
    """Blocks that show numbers held by a changed block (a chart drawn from a table)."""
    out = []
    for block_id, after in new.items():
        sources = [changed[d] for d in after.get("depends_on", []) if d in changed]
        if sources and block_id not in changed:
            out.append(BlockChange(block_id, "changed", after["type"], after["title"], f"{after['source']}:{after['line']}",
                                   tuple(f"shows numbers from {s.type} '{s.title}', which changed" for s in sources)))
    return out


def _details(before: dict[str, str], after: dict[str, str]) -> tuple[str, ...]:
    details: list[str] = []
    rows_added = [k for k in after if k.startswith("row:") and k not in before]
    rows_removed = [k for k in before if k.startswith("row:") and k not in after]
    for key, value in after.items():
        if key in before and before[key] != value:
            if key.startswith("row:"):
                details.append(f"row {_label(value)} changed: {_cells_changed(before[key], value)}")
            else:
                details.append(f"{key}: {_short(before[key])} → {_short(value)}")
        elif key not in before and not key.startswith("row:"):
            details.append(f"{key} added: {_short(value)}")
    for key in before:
        if key not in after and not key.startswith("row:"):
            details.append(f"{key} removed")
    if rows_added:
        details.append(f"{len(rows_added)} row{'s' if len(rows_added) > 1 else ''} added "
                       f"({', '.join(_label(after[k]) for k in rows_added)})")
    if rows_removed:
        details.append(f"{len(rows_removed)} row{'s' if len(rows_removed) > 1 else ''} removed "
                       f"({', '.join(_label(before[k]) for k in rows_removed)})")
    return tuple(details)


def _label(row: str) -> str:
    return row.split(" | ", 1)[0]


def _cells_changed(before: str, after: str) -> str:
    a, b = before.split(" | "), after.split(" | ")
    pairs = [f"{x} → {y}" for x, y in zip(a, b) if x != y]
    return ", ".join(pairs) if pairs and len(a) == len(b) else f"{before} → {after}"


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"

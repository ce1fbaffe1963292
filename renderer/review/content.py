"""What changed in what the renderings were made from: the content block by block, the
manifest, and the layout files key by key, from the snapshots in two layout maps."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..layoutmap import BlockContent, LayoutMap
from .colour import hex_delta_e
from .textdiff import SentenceChange, diff_text, word_diff

MANIFEST_ID = "manifest"  # the manifest's entry among the blocks (renderer.paginate.provenance)
LONG = 60  # characters: a longer value is compared sentence by sentence


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a block (or of the manifest) as it was and as it is."""

    name: str
    line: int
    old: str | None     # None: the field was added
    new: str | None     # None: the field was removed
    sentences: tuple[SentenceChange, ...]

    def describe(self) -> str:
        if self.old is None:
            return f"{self.name} added: {self.new}"
        if self.new is None:
            return f"{self.name} removed"
        if self.name.startswith("file "):
            return f"{self.name[5:]} was replaced by another file of the same name ({self.old} → {self.new})"
        if self.name.startswith("row:"):
            return f"row {_label(self.new)} changed: {_cells_changed(self.old, self.new)}"
        return f"{self.name}: " + "; ".join(s.marked() for s in self.sentences)


@dataclass(frozen=True, slots=True)
class BlockChange:
    id: str
    kind: str        # added | removed | changed
    type: str
    title: str
    where: str       # "content/2022/07-by-state.yaml:12" (new side when it exists)
    fields: tuple[FieldChange, ...] = ()
    details: tuple[str, ...] = ()   # rows added or removed, numbers shown from another block
    was: str = ""                   # its id in the old rendering, when rewording changed it

    @property
    def old_id(self) -> str:
        return self.was or self.id

    def old_source(self, layout: LayoutMap) -> str:
        """Its page file as the old rendering's layout map names it."""
        return next((b.source for p in layout.pages for b in p.blocks if b.id == self.old_id), self.source)

    @property
    def source(self) -> str:
        return self.where.rpartition(":")[0]

    def name(self) -> str:
        if self.type == "manifest":
            return self.source
        return f"{self.type} '{short(self.title)}'" if self.title else f"{self.type} {self.id}"

    def describe(self) -> str:
        if self.kind != "changed":
            return f"{self.name()}: {self.kind} ({self.where})"
        parts = [f.describe() for f in self.fields] + list(self.details)
        return f"{self.name()}: {'; '.join(parts)} ({self.where})"


@dataclass(frozen=True, slots=True)
class LookChange:
    """One value in a layout file (or a font or profile file) as it was and as it is."""

    file: str
    key: str
    line: int
    old: str | None
    new: str | None

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    @property
    def delta_e(self) -> float | None:
        """How far a colour moved, when the value is one."""
        if self.old and self.new and _is_hex(self.old) and _is_hex(self.new):
            return hex_delta_e(self.old, self.new)
        return None

    def describe(self) -> str:
        if self.key == "file":
            return f"{self.file}: {'added' if self.old is None else 'removed' if self.new is None else 'replaced'}"
        if self.old is None:
            return f"{self.where}: {self.key} added: '{self.new}'"
        if self.new is None:
            return f"{self.where}: {self.key} removed (was '{self.old}')"
        de = self.delta_e
        shift = f" (ΔE {de:.1f})" if de is not None else ""
        return f"{self.where}: {self.key} '{self.old}' → '{self.new}'{shift}"


def content_changes(old: Mapping[str, BlockContent], new: Mapping[str, BlockContent]) -> list[BlockChange]:
    out: list[BlockChange] = []
    for block_id, after in new.items():
        before = old.get(block_id)
        if before is None:
            out.append(BlockChange(block_id, "added", after.type, after.title, _where(after)))
        elif before.values != after.values:
            fields, details = _fields(before, after)
            out.append(BlockChange(block_id, "changed", after.type, after.title, _where(after), fields, details))
    for block_id, before in old.items():
        if block_id not in new:
            out.append(BlockChange(block_id, "removed", before.type, before.title, _where(before)))
    out = _reworded(out, old, new)
    return out + _dependants(new, {c.id: c for c in out})


def _reworded(changes: list[BlockChange], old: Mapping[str, BlockContent], new: Mapping[str, BlockContent]
              ) -> list[BlockChange]:
    """A block without an id of its own is known by its text, so rewording it looks like a
    removal and an addition: one removed and one added block of the same type at the same
    place in the same page file are one block, changed."""
    added = {_place(c): c for c in changes if c.kind == "added"}
    out: list[BlockChange] = []
    paired: set[str] = set()
    for c in changes:
        twin = added.get(_place(c)) if c.kind == "removed" else None
        if twin is None:
            out.append(c)
            continue
        fields, details = _fields(old[c.id], new[twin.id])
        out.append(BlockChange(twin.id, "changed", twin.type, twin.title, twin.where, fields, details, c.id))
        paired.add(twin.id)
    return [c for c in out if not (c.kind == "added" and c.id in paired)]


def look_changes(old: dict[str, dict[str, tuple[str, int]]], new: dict[str, dict[str, tuple[str, int]]]
                 ) -> list[LookChange]:
    out: list[LookChange] = []
    for file in sorted(set(old) | set(new)):
        a, b = old.get(file, {}), new.get(file, {})
        for key in [*b, *(k for k in a if k not in b)]:
            va, vb = a.get(key), b.get(key)
            if va is None or vb is None or va[0] != vb[0]:
                line = (vb or va or ("", 0))[1]
                out.append(LookChange(file, key, line, va[0] if va else None, vb[0] if vb else None))
    return out


def _place(c: BlockChange) -> tuple[str, str]:
    """A block's type and its place in its page file (the file by its name: the two renderings
    may have been made from editions in different folders)."""
    file, _, line = c.where.rpartition(":")
    return c.type, f"{file.rsplit('/', 1)[-1]}:{line}"


def _where(entry: BlockContent) -> str:
    return f"{entry.source}:{entry.line}"


def _dependants(new: Mapping[str, BlockContent], changed: dict[str, BlockChange]) -> list[BlockChange]:
    """Blocks that show numbers held by a changed block (a chart drawn from a table)."""
    out = []
    for block_id, after in new.items():
        sources = [changed[d] for d in after.depends_on if d in changed]
        if sources and block_id not in changed:
            out.append(BlockChange(block_id, "changed", after.type, after.title, _where(after), (),
                                   tuple(f"shows numbers from {s.type} '{s.title}', which changed" for s in sources)))
    return out


def _fields(before: BlockContent, after: BlockContent) -> tuple[tuple[FieldChange, ...], tuple[str, ...]]:
    a, b = before.values, after.values
    lines = {**before.lines, **after.lines}
    line = after.line
    fields = [_field(k, int(lines.get(k, line)), a.get(k), v) for k, v in b.items()
              if a.get(k) != v and not (k.startswith("row:") and k not in a)]
    fields += [FieldChange(k, int(lines.get(k, line)), v, None, ()) for k, v in a.items()
               if k not in b and not k.startswith("row:")]
    details: list[str] = []
    for verb, rows, values in (("added", [k for k in b if k.startswith("row:") and k not in a], b),
                               ("removed", [k for k in a if k.startswith("row:") and k not in b], a)):
        if rows:
            details.append(f"{len(rows)} row{'s' if len(rows) > 1 else ''} {verb} "
                           f"({', '.join(_label(values[k]) for k in rows)})")
    return tuple(fields), tuple(details)


def _field(name: str, line: int, old: str | None, new: str) -> FieldChange:
    if old is None or name.startswith(("row:", "file ")):
        return FieldChange(name, line, old, new, ())
    if len(old) > LONG or len(new) > LONG:
        return FieldChange(name, line, old, new, diff_text(old, new).sentences)
    return FieldChange(name, line, old, new, (word_diff(old, new),))


def short(name: str, limit: int = 60) -> str:
    """A block's name as a reviewer reads it in a list (its text may be a whole paragraph)."""
    if len(name) <= limit:
        return name
    cut = name[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def _label(row: str) -> str:
    return row.split(" | ", 1)[0]


def _cells_changed(before: str, after: str) -> str:
    a, b = before.split(" | "), after.split(" | ")
    pairs = [f"{x} → {y}" for x, y in zip(a, b) if x != y]
    return ", ".join(pairs) if pairs and len(a) == len(b) else f"{before} → {after}"


def _is_hex(value: str) -> bool:
    return len(value) == 7 and value[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in value[1:])

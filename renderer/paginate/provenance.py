"""What a rendering was made from, as the review tools compare it: each block's content, the
manifest's fields, every value written in ``layout/`` and the digest of every other file the
build read (fonts, pictures, the printer's profile), each with the line that holds it.

A reviewer is told that a page changed *because* of one of these; a page that changed with
none of them changed is unexplained, so a file read here but left out would be a false alarm.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from ..diagnostics import Sink
from ..gate import MAX_BYTES, inside, read_regular
from ..layoutmap import BlockContent
from ..load import load_yaml
from ..load.files import display_path
from ..load.nodes import Map, Node, Scalar, Seq
from ..model.block import flat_value
from ..model.edition import Edition
from ..theme import Theme

MANIFEST_ID = "manifest"


def content_snapshot(edition: Edition) -> dict[str, BlockContent]:
    """Every block by id, and the manifest, as flat text by field with each field's line."""
    out = {MANIFEST_ID: _manifest(edition)}
    for block in edition.blocks():
        values = block.snapshot()
        for name in block.files():  # checked by the block already; read again through the gate
            values[f"file {name}"] = "sha256:" + _digest(inside(edition.root, name, "image"), "image")
        out[block.id] = BlockContent(
            block.yaml_name, block.short_name, block.span.path, block.span.line, values,
            {k: block.span_of(k).line for k in values if block.span_of(k) != block.span},
            block.depends_on(), tuple(child.id for child in block.children()))
    return out


def _manifest(edition: Edition) -> BlockContent:
    m = edition.manifest
    values = {f.name: flat_value(getattr(m, f.name)) for f in dataclasses.fields(m)
              if f.name not in ("span", "field_spans") and getattr(m, f.name) not in (None, ())}
    lines = {name: span.line for name, span in m.field_spans}
    return BlockContent("manifest", "", m.span.path, 1, values, lines)


def look_snapshot(theme: Theme) -> dict[str, dict[str, tuple[str, int]]]:
    """Each layout file's values by dotted key (``palette.navy.rgb``) with their lines, and each
    other file the look reads (fonts, the printer's profile) by its digest."""
    out: dict[str, dict[str, tuple[str, int]]] = {}
    for path in theme.sources:
        node = load_yaml(path, display_path(path), Sink())  # read and checked already by the theme
        out[_name(path)] = dict(_flatten(node, "")) if node is not None else {}
    files = [*((p, "font file") for p in theme.font_paths.values()),
             *([(theme.icc_profile, "ICC profile")] if theme.icc_profile else [])]
    for path, what in files:
        out[_name(path)] = {"file": ("sha256:" + _digest(path, what), 0)}
    return out


def _name(path: Path) -> str:
    """``layout/theme.yaml``: the same for the same file wherever the two renderings' folders
    are (a revision checked out elsewhere, a copy)."""
    return f"{path.parent.name}/{path.name}"


def _flatten(node: Node, prefix: str) -> list[tuple[str, tuple[str, int]]]:
    if isinstance(node, Scalar):
        return [(prefix, (node.text, node.span.line))]
    if isinstance(node, Seq):
        if all(isinstance(item, Scalar) for item in node.items):  # [100, 82, 28, 38]: one value
            return [(prefix, (", ".join(item.text for item in node.items if isinstance(item, Scalar)),
                              node.span.line))]
        return [pair for i, item in enumerate(node.items) for pair in _flatten(item, f"{prefix}[{i}]")]
    assert isinstance(node, Map)
    return [pair for key, value in node.entries
            for pair in _flatten(value, f"{prefix}.{key.text}" if prefix else key.text)]


def _digest(path: Path, what: str) -> str:
    return hashlib.sha256(read_regular(path, MAX_BYTES[what], what)).hexdigest()[:16]


__all__ = ["content_snapshot", "look_snapshot", "MANIFEST_ID"]

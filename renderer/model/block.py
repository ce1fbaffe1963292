"""The block base class and the registry of block models by their YAML ``type``."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, ClassVar

from ..diagnostics import Sink, Span, did_you_mean
from ..load.nodes import Map, Node, Scalar, kind_name
from .convert import Invalid, read_dataclass, register_reader
from .numbers import Quantity

NAME_LIMIT = 160  # characters of a block's name in messages and the layout map
ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """Common to every block: where it came from and its stable id."""

    yaml_name: ClassVar[str] = "block"

    span: Span
    id: str = field(default="", metadata={"doc": "stable id (lowercase-with-dashes), unique in the edition"})
    lang: str | None = field(default=None, metadata={
        "doc": "language of the block's text, a BCP 47 tag (de-DE, fr); default: the manifest's (or its container's)"})
    field_spans: tuple[tuple[str, Span], ...] = field(default=(), compare=False, metadata={"internal": True})

    def span_of(self, name: str) -> Span:
        """The span of one key's value, or the block's own span."""
        for key, span in self.field_spans:  # a loop, not next(genexpr): asked for every field shown
            if key == name:
                return span
        return self.span

    @property
    def ref_name(self) -> str:
        """How a reviewer names this block ("table 'By state'")."""
        return self.id

    @property
    def short_name(self) -> str:
        """:attr:`ref_name` cut to a length a message can show. A block named by its text (a
        paragraph of one 900,000-character word) would otherwise put all of it in every
        message and in the layout map once per page it runs over (190 MB for 205 pages)."""
        name = self.ref_name
        return name if len(name) <= NAME_LIMIT else name[:NAME_LIMIT - 1] + "\u2026"

    def children(self) -> tuple[Block, ...]:
        """Blocks nested inside this one (layout containers)."""
        return ()

    def quantities(self) -> Iterable[tuple[str, Quantity]]:
        """Numbers this block holds that other blocks may refer to, by reference key."""
        return ()

    def snapshot(self) -> dict[str, str]:
        """The block's content as flat text by field, for reviewers' content-level diffs."""
        out: dict[str, str] = {}
        kind: Any = type(self)  # a class is hashable; the cache's signature does not say so
        for name in _snapshot_fields(kind):
            value = getattr(self, name)
            if value is None or value == () or _holds_blocks(value):
                continue  # nested blocks have snapshots of their own
            out[name] = flat_value(value)
        return out

    def depends_on(self) -> tuple[str, ...]:
        """Ids of the blocks whose numbers this one shows (a chart's table, a figure's ref)."""
        return ()

    def files(self) -> tuple[str, ...]:
        """Files the block reads, relative to the edition folder (a picture)."""
        return ()


@cache
def _snapshot_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in ("span", "field_spans", "id", "lang"))


@cache
def _record_fields(cls: type) -> tuple[str, ...]:
    """The fields of a nested record (a column, a figure) that its flat text shows."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.init and f.name != "span")


def _holds_blocks(value: object) -> bool:
    if isinstance(value, Block):
        return True
    return isinstance(value, tuple) and any(_holds_blocks(v) for v in value)


def flat_value(value: object) -> str:
    """A field's value as one line of text (tuples and nested records joined)."""
    if isinstance(value, tuple):
        return "; ".join(flat_value(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kind: Any = type(value)  # a class is hashable; the cache's signature does not say so
        fields = ((name, getattr(value, name)) for name in _record_fields(kind))
        return ", ".join([f"{name}={flat_value(v)}" for name, v in fields if v not in (None, "", ())])
    return str(value)


#: Block models by their YAML ``type``. Filled by :func:`renderer.blocks.base.register`, the
#: one registration of a block type (model, checks, compose and styles together): reading
#: content needs only this table, so the model stage never imports the blocks that fill it.
BLOCK_MODELS: dict[str, type[Block]] = {}


def add_block_model(name: str, cls: type[Block]) -> None:
    """Make ``cls`` the model of blocks written with ``type: name``."""
    if name in BLOCK_MODELS and BLOCK_MODELS[name] is not cls:
        raise ValueError(f"block type '{name}' is registered twice")
    cls.yaml_name = name
    BLOCK_MODELS[name] = cls


def read_block(node: Node, sink: Sink) -> Block:
    """Read one block, choosing its model by the ``type`` key."""
    if not isinstance(node, Map):
        sink.error(node.span, f"expected a block (a mapping with 'type'), got {kind_name(node)}")
        raise Invalid
    type_node = node.get("type")
    if not isinstance(type_node, Scalar) or type_node.is_null:
        sink.error(node.span, "block has no 'type'", f"expected one of: {', '.join(sorted(BLOCK_MODELS))}")
        raise Invalid
    cls = BLOCK_MODELS.get(type_node.text)
    if cls is None:
        sink.error(type_node.span, f"block type '{type_node.text}' is not one of: {', '.join(sorted(BLOCK_MODELS))}",
                   *did_you_mean(type_node.text, BLOCK_MODELS))
        raise Invalid
    block = read_dataclass(cls, node, sink, skip=frozenset({"type"}))
    if block.id and not ID_PATTERN.match(block.id):
        sink.error(block.span_of("id"), f"id '{block.id}' must be lowercase letters, digits and dashes")
    return block


register_reader(Block, read_block)


def walk(blocks: Iterable[Block]) -> Iterable[Block]:
    """Every block, containers before their children."""
    for block in blocks:
        yield block
        yield from walk(block.children())


def slug(text: str) -> str:
    """A key from free text: ``'Grand Total'`` → ``'grand-total'``."""
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


_NOT_SLUG = re.compile(r"[^a-z0-9]+")

"""Located YAML nodes: the raw text of every scalar with its source span.

Scalars keep the text as written; the model decides what a field wants, so YAML 1.1
surprises (``NO`` read as false, ``1:20`` as 80, ``012`` as octal) never change content.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostics import Span


@dataclass(frozen=True, slots=True)
class Scalar:
    """A scalar as written: ``plain`` is false for quoted and block scalars."""

    text: str
    plain: bool
    span: Span

    @property
    def is_null(self) -> bool:
        return self.plain and self.text in ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True, slots=True)
class Seq:
    items: tuple[Node, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Map:
    entries: tuple[tuple[Scalar, Node], ...]
    span: Span

    def get(self, key: str) -> Node | None:
        for k, v in self.entries:
            if k.text == key:
                return v
        return None

    def keys(self) -> Iterator[Scalar]:
        return (k for k, _ in self.entries)


Node = Scalar | Seq | Map


def kind_name(node: Node) -> str:
    """How a node reads in a message: 'a mapping', 'a list' or the scalar itself."""
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    return "nothing" if node.is_null else f"'{node.text}'"

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

    def __init__(self, text: str, plain: bool, span: Span) -> None:
        # One node is made for every value in every file: set through the slots (see Span)
        _scalar_text(self, text)
        _scalar_plain(self, plain)
        _scalar_span(self, span)

    @property
    def is_null(self) -> bool:
        return self.plain and self.text in ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True, slots=True)
class Seq:
    items: tuple[Node, ...]
    span: Span

    def __init__(self, items: tuple[Node, ...], span: Span) -> None:
        _seq_items(self, items)
        _seq_span(self, span)


@dataclass(frozen=True, slots=True)
class Map:
    entries: tuple[tuple[Scalar, Node], ...]
    span: Span

    def __init__(self, entries: tuple[tuple[Scalar, Node], ...], span: Span) -> None:
        _map_entries(self, entries)
        _map_span(self, span)

    def get(self, key: str) -> Node | None:
        for k, v in self.entries:
            if k.text == key:
                return v
        return None

    def keys(self) -> Iterator[Scalar]:
        return (k for k, _ in self.entries)


Node = Scalar | Seq | Map

_scalar_text, _scalar_plain, _scalar_span = (vars(Scalar)[name].__set__ for name in ("text", "plain", "span"))
_seq_items, _seq_span = (vars(Seq)[name].__set__ for name in ("items", "span"))
_map_entries, _map_span = (vars(Map)[name].__set__ for name in ("entries", "span"))


def kind_name(node: Node) -> str:
    """How a node reads in a message: 'a mapping', 'a list' or the scalar itself."""
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    return "nothing" if node.is_null else f"'{node.text}'"

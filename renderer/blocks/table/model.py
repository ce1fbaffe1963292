"""The table block's model: columns, rows with their lines, and the checked total row."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar, Literal

from ...diagnostics import Sink, Span
from ...load.nodes import Node, Seq, kind_name
from ...model.block import Block, slug
from ...model.convert import Invalid, read, register_reader
from ...model.numbers import Quantity

Cell = Decimal | str
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"\u201c\u201e\u00ab(]?[^\W\d_])")


@dataclass(frozen=True, slots=True, kw_only=True)
class Column:
    yaml_name = "column"
    span: Span
    key: str = field(metadata={"doc": "the column's key, used in references"})
    label: str = field(metadata={"doc": "the header text"})
    group: str | None = field(default=None, metadata={"doc": "a header spanning adjacent columns"})
    format: Literal["number", "percent", "text"] | None = field(
        default=None, metadata={"doc": "default: text for the first column, number for the others"})
    sum_of: tuple[str, ...] = field(default=(), metadata={"doc": "keys this column is the row sum of"})


@dataclass(frozen=True, slots=True)
class Row:
    """One body row: its cells as written, and its line."""

    json_schema: ClassVar[dict[str, object]] = {
        "type": "array", "description": "one cell per column: text or a number",
        "items": {"anyOf": [{"type": "number"}, {"type": "string"}]}}

    cells: tuple[Cell, ...]
    span: Span
    #: How references and the layout map name the row (a slug of its first cell), worked out
    #: once: checks, quantities, snapshots and the paginator each ask for it.
    key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", slug(str(self.cells[0])) if self.cells else "")


def _read_row(node: Node, sink: Sink) -> Row:
    if not isinstance(node, Seq):
        sink.error(node.span, f"a table row is a list of cells, got {kind_name(node)}")
        raise Invalid
    return Row(read(tuple[Cell, ...], node, sink, "cell"), node.span)


register_reader(Row, _read_row)


@dataclass(frozen=True, slots=True, kw_only=True)
class TotalRow:
    yaml_name = "total"
    span: Span
    label: str = field(default="Total", metadata={"doc": "the row's label, e.g. 'Grand Total'"})
    values: tuple[Decimal, ...] = field(metadata={"doc": "one value per numeric column, as published"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Table(Block):
    """A table: multi-level header, numeric columns, an optional total row."""

    caption: str = field(metadata={"doc": "the title above the table (plain text)"})
    caption_continued: str | None = field(default=None, metadata={
        "doc": "the caption over its continuation on later pages, before '(continued)'; default: its first sentence"})
    columns: tuple[Column, ...] = field(metadata={"doc": "the columns, left to right"})
    rows: tuple[Row, ...] = field(metadata={"doc": "body rows: lists of cells"})
    total: TotalRow | None = field(default=None, metadata={"doc": "the emphasised total row, checked"})
    shares_sum_to_100: bool = field(default=False, metadata={"doc": "percent columns must add to 100"})
    note: str | None = field(default=None, metadata={"doc": "small text under the table (markup)"})

    @property
    def ref_name(self) -> str:
        return self.caption

    def snapshot(self) -> dict[str, str]:
        """Caption, columns and one entry per row (keyed ``row:<key>``), so that a reviewer
        reads "row TX changed" rather than "rows changed"."""
        out = {"caption": self.caption, "columns": " | ".join(c.label for c in self.columns)}
        for row in self.rows:
            out[f"row:{row.key}"] = " | ".join(str(c) for c in row.cells)
        if self.total:
            out["row:total"] = " | ".join([self.total.label, *(str(v) for v in self.total.values)])
        if self.note:
            out["note"] = self.note
        return out

    @property
    def short_caption(self) -> str:
        """The caption a continuation repeats: ``caption_continued``, or the first sentence."""
        if self.caption_continued:
            return self.caption_continued
        for match in _SENTENCE_END.finditer(self.caption):
            word = self.caption[:match.start()].rsplit(maxsplit=1)[-1]
            if len(word) > 2 and "." not in word:  # not "U.S." nor "Dr." nor "z.B."
                return self.caption[:match.end()]
        return self.caption

    def fmt(self, i: int) -> str:
        col = self.columns[i]
        return col.format or ("text" if i == 0 else "number")

    def numeric(self) -> list[int]:
        return [i for i in range(len(self.columns)) if self.fmt(i) != "text"]

    def quantities(self) -> Iterable[tuple[str, Quantity]]:
        numeric = self.numeric()
        for row in self.rows:
            for i in numeric:
                if i < len(row.cells) and isinstance(row.cells[i], Decimal):
                    yield (f"{self.id}.{row.key}.{self.columns[i].key}",
                           Quantity(row.cells[i], self.fmt(i), row.span))  # type: ignore[arg-type]
        if self.total:
            for i, value in zip(self.numeric(), self.total.values):
                yield f"{self.id}.total.{self.columns[i].key}", Quantity(value, self.fmt(i), self.total.span)  # type: ignore[arg-type]

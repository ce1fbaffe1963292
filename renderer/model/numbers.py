"""Numbers as published: thousands separators, percent signs, digits as written."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ..diagnostics import Span

NumberFormat = Literal["number", "percent"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number held by one block that others may refer to (``{=table.row.col}``)."""

    value: Decimal
    format: NumberFormat
    span: Span


def format_number(value: Decimal, fmt: NumberFormat = "number") -> str:
    """``27644`` → ``27,644``; ``Decimal('20.93')`` as percent → ``20.93%`` (digits kept)."""
    text = f"{value:,f}"
    return text + "%" if fmt == "percent" else text


def format_quantity(q: Quantity) -> str:
    return format_number(q.value, q.format)


def decimals(value: Decimal) -> int:
    """Digits after the point as written (``Decimal('3.10')`` → 2)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0

"""Numbers as published: thousands separators, percent signs, digits as written."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from decimal import Context, Decimal, Inexact, localcontext
from typing import Literal

from ..diagnostics import Span
from ..numerals import NumberStyle, number_style

NumberFormat = Literal["number", "percent"]

#: Arithmetic on content numbers is exact. Decimal's default context keeps 28 digits, so
#: 10**30 + 1 + 10**30 would round to 2 * 10**30 and a wrong total pass. Numbers have at most
#: 40 digits (renderer.model.convert.MAX_DIGITS): a sum of them, however far apart their
#: points, needs at most 80 digits and one more per tenfold rows. Should a result ever need
#: more, Inexact is raised: never a silently rounded total.
_EXACT = Context(prec=120, traps=[Inexact])


def exact() -> AbstractContextManager[Context]:
    """A block in which Decimal arithmetic is exact (or raises)."""
    return localcontext(_EXACT)


def exact_sum(values: Iterable[Decimal]) -> Decimal:
    """The exact sum of ``values``."""
    with exact():
        return sum(values, Decimal(0))


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number held by one block that others may refer to (``{=table.row.col}``)."""

    value: Decimal
    format: NumberFormat
    span: Span


def format_number(value: Decimal, fmt: NumberFormat = "number", numbers: NumberStyle | None = None) -> str:
    """``27644`` → ``27,644``; ``Decimal('20.93')`` as percent → ``20.93%`` (digits kept), as
    ``numbers`` prints them (``27.644``, ``20,93 %`` in German); messages use English's."""
    style = numbers or number_style("en")
    return style.percent(value) if fmt == "percent" else style.number(value)


def format_quantity(q: Quantity, numbers: NumberStyle | None = None) -> str:
    return format_number(q.value, q.format, numbers)


def decimals(value: Decimal) -> int:
    """Digits after the point as written (``Decimal('3.10')`` → 2)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0

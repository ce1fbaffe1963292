"""Table: multi-level header, right-aligned formatted numbers, an emphasised total row, and a
split across pages that repeats the header and marks the caption "(continued)".

Totals are typed as published and *checked* against the rows, so a typo cannot print.
"""

from ..base import register
from .checks import check
from .compose import STYLES, compose
from .model import Column, Row, Table, TotalRow

register("table", Table, check, compose, styles=STYLES, looks=("table",))

__all__ = ["Column", "Row", "Table", "TotalRow"]

"""Stage 4: blocks. One module per block type: its model, checks and compose step.

Importing this package registers every block type.
"""

from . import (
    chart,
    columns,
    contents,
    cta,
    figure,
    figure_row,
    heading,
    image,
    note,
    numbered_list,
    paragraph,
    quote,
    table,
)
from .base import HANDLERS, CheckContext, ComposeContext, check_block, compose_block
from .sources import BlockRef

__all__ = ["HANDLERS", "BlockRef", "CheckContext", "ComposeContext", "check_block", "compose_block",
           "chart", "columns", "contents", "cta", "figure", "figure_row", "heading", "image", "note",
           "numbered_list", "paragraph", "quote", "table"]

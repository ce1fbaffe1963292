"""Stage 2: the typed model of an edition (frozen dataclasses) and its checks."""

from .block import BLOCK_MODELS, Block, add_block_model
from .edition import Edition, Manifest, Page, load_edition
from .numbers import Quantity, format_quantity

__all__ = ["BLOCK_MODELS", "Block", "Edition", "Manifest", "Page", "Quantity", "add_block_model",
           "format_quantity", "load_edition"]

"""Stage 6: the PDF file: metadata, reproducible bytes, atomic writing."""

from .write import canvas_options, make_canvasmaker, write_atomic, write_together

__all__ = ["canvas_options", "make_canvasmaker", "write_atomic", "write_together"]

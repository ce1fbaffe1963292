"""Review tools: page previews, and a page-by-page diff of two renderings that says what
changed and where in the content. They read PDFs and layout maps only."""

from .diff import DiffOptions, DiffResult, Ignore, PageChange, Side, diff
from .html import pictures_folder, render_html, write_html
from .layout import LayoutMapError
from .preview import PreviewResult, preview, spreads
from .raster import RasterError
from .report import render_json, render_terminal

__all__ = ["DiffOptions", "DiffResult", "Ignore", "LayoutMapError", "PageChange", "PreviewResult", "RasterError",
           "Side", "diff", "pictures_folder", "preview", "render_html", "render_json", "render_terminal", "spreads",
           "write_html"]

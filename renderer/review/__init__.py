"""Review tools: page previews, and a page-by-page diff of two renderings that says what
changed and where in the content. They read PDFs and layout maps only."""

from .diff import DiffOptions, DiffResult, Ignore, PageChange, Side, diff
from .layout import LayoutMapError
from .preview import PreviewResult, preview, spreads
from .report import render_html, render_json, render_terminal, write_html

__all__ = ["DiffOptions", "DiffResult", "Ignore", "LayoutMapError", "PageChange", "PreviewResult", "Side", "diff",
           "preview", "render_html", "render_json", "render_terminal", "spreads", "write_html"]

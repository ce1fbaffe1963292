"""Inline markup → runs of text for :mod:`.typeset`.

The parser lives in :mod:`renderer.model.markup`; this module turns its tree into runs (one
font, colour and link each). Content is never handed to reportlab's paragraph markup, so no
tag or entity written in content can be interpreted.
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle

from ..diagnostics import Span, did_you_mean
from ..model.markup import Inline, Link, MarkupError, Styled, Text, parse, refs
from ..model.numbers import format_quantity
from .base import CheckContext, ComposeContext
from .text import TextFlow
from .typeset import Run

#: The styles text in the inline markup may be set in besides its own (a link's colour):
#: a block that sets such text declares these with its own.
MARKUP_STYLES = ("link",)


def check_text(text: str, span: Span, ctx: CheckContext, what: str = "text") -> None:
    """Report markup mistakes and unknown references in one text field."""
    try:
        items = parse(text)
    except MarkupError as exc:
        hints = (exc.hint,) if exc.hint else ()
        ctx.sink.error(span, f"{what}: {exc} (at character {exc.offset + 1})", *hints)
        return
    for key in refs(items):
        if key not in ctx.quantities:
            ctx.sink.error(span, f"{what}: reference '{{={key}}}' names no number in this edition",
                           *did_you_mean(key, ctx.quantities))


def runs(text: str, style: ParagraphStyle, ctx: ComposeContext) -> list[Run]:
    """The runs of checked content text set in ``style``."""
    out: list[Run] = []
    _collect(parse(text), style, ctx, False, False, None, out)
    hyphens = ctx.hyphens(style.name)
    return [replace(r, hyphens=hyphens) for r in out] if hyphens is not None else out


def link_run(text: str, url: str, style: ParagraphStyle, colour: Color, ctx: ComposeContext) -> Run:
    """A link set in ``style`` and ``colour``; a printed page has nothing to click, so a
    profile without links keeps the colour only."""
    return Run(ctx.text(text), style.fontName, style.fontSize, colour, url if ctx.theme.profile.links else None)


def paragraph(text: str, style_name: str, ctx: ComposeContext, role: str | None = "P") -> TextFlow:
    """Content text in the inline markup, set in a named style, as the content of a new
    structure element ``role`` (None: an artifact, such as a caption repeated on a following page)."""
    style = ctx.theme.styles.para(style_name)
    return TextFlow(runs(text, style, ctx), style, ctx.tags.add(role) if role else None)


def plain_paragraph(text: str, style_name: str, ctx: ComposeContext, role: str | None = "P") -> TextFlow:
    """Text taken literally (no markup at all): labels, captions, cells; tagged as
    :func:`paragraph` is."""
    style = ctx.theme.styles.para(style_name)
    return TextFlow([Run(ctx.text(text), style.fontName, style.fontSize, style.textColor,
                         hyphens=ctx.hyphens(style_name))], style, ctx.tags.add(role) if role else None)


def _collect(items: tuple[Inline, ...], style: ParagraphStyle, ctx: ComposeContext, bold: bool, italic: bool,
             url: str | None, out: list[Run]) -> None:
    for item in items:
        if isinstance(item, Styled):
            _collect(item.children, style, ctx, bold or item.kind == "b", italic or item.kind == "i", url, out)
        elif isinstance(item, Link):
            _collect(item.children, style, ctx, bold, italic, item.url, out)
        else:
            if isinstance(item, Text):
                text = ctx.text(item.text, out[-1].text if out else "")
            else:
                text = format_quantity(ctx.quantities[item.key], ctx.numbers)
            font = ctx.theme.styles.variant(style.fontName, bold, italic) if bold or italic else style.fontName
            colour = ctx.theme.styles.para("link").textColor if url is not None else style.textColor
            out.append(Run(text, font, style.fontSize, colour, url if ctx.theme.profile.links else None))

"""Inline markup → reportlab paragraph markup, escaped: content never reaches reportlab raw.

The parser lives in :mod:`renderer.model.markup`; this module only renders its tree, so the
only tags reportlab ever sees are the ones written here.
"""

from __future__ import annotations

import html

from reportlab.platypus import Flowable, Paragraph

from ..diagnostics import Span, did_you_mean
from ..model.markup import Inline, Link, MarkupError, Ref, Styled, Text, parse, refs
from ..model.numbers import format_quantity
from ..theme.styles import markup_colour
from .base import CheckContext, ComposeContext
from .text import PlainText


def escape(text: str) -> str:
    """Text for reportlab's paragraph parser: ``&``, ``<`` and ``>`` print as themselves.

    (``xml.sax.saxutils`` does the same but pulls in urllib and the email package.)
    """
    return html.escape(text, quote=False)


def quoteattr(value: str) -> str:
    """A quoted attribute value for the tags this module writes."""
    return '"' + html.escape(value, quote=True) + '"'


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


def to_markup(text: str, ctx: ComposeContext) -> str:
    """The reportlab markup for checked content text."""
    return _render(parse(text), ctx)


class Para(Paragraph):
    """A paragraph that remembers its line breaks for the last width it was wrapped to.

    Platypus wraps a paragraph several times (keep-with-next groups, split attempts, the
    final placement); the lines depend only on the width, so breaking them once is enough.
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        if self._wrapped is not None and self._wrapped[0] == aw:
            self.width, self.height = self._wrapped[1]
            return self._wrapped[1]
        size = super().wrap(aw, ah)
        self._wrapped = (aw, (self.width, self.height))
        return size


def paragraph(text: str, style_name: str, ctx: ComposeContext) -> Flowable:
    items = parse(text)
    if all(isinstance(item, Text) for item in items):  # no markup after all: set it plainly
        return PlainText("".join(item.text for item in items if isinstance(item, Text)),
                         ctx.theme.styles.para(style_name))
    return Para(to_markup(text, ctx), ctx.theme.styles.para(style_name))


def plain_paragraph(text: str, style_name: str, ctx: ComposeContext) -> Flowable:
    """Text taken literally (no markup at all): labels, captions, cells."""
    return PlainText(text, ctx.theme.styles.para(style_name))


def _render(items: tuple[Inline, ...], ctx: ComposeContext) -> str:
    out = []
    for item in items:
        if isinstance(item, Text):
            out.append(escape(item.text))
        elif isinstance(item, Ref):
            out.append(escape(format_quantity(ctx.quantities[item.key])))
        elif isinstance(item, Styled):
            out.append(f"<{item.kind}>{_render(item.children, ctx)}</{item.kind}>")
        elif isinstance(item, Link):
            colour = quoteattr(markup_colour(ctx.theme.styles.para("link").textColor))
            inner = _render(item.children, ctx)
            # A printed page has nothing to click: the press profile keeps the colour only.
            out.append(f"<font color={colour}>{inner}</font>" if ctx.theme.press else
                       f"<a href={quoteattr(item.url)} color={colour}>{inner}</a>")
    return "".join(out)

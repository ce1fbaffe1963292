"""What every block module shares: its contexts, the handler registry and source tagging."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from reportlab.platypus import Flowable

from ..diagnostics import Sink, Span
from ..model.block import Block
from ..model.edition import Edition
from ..model.numbers import Quantity
from ..theme import Theme
from ..theme.model import Look
from .typeset.hyphenate import Hyphenation, Hyphenator, dictionary_for

B = TypeVar("B", bound=Block)
L = TypeVar("L", bound=Look)


@dataclass(frozen=True, slots=True)
class BlockRef:
    """Where a placed flowable came from: the layout map and error messages use it."""

    id: str
    type: str
    title: str
    source: str
    line: int
    rows: tuple[tuple[str, str, int], ...] = ()  # tables: (key, label, line) per body row

    @property
    def span(self) -> Span:
        return Span(self.source, self.line, 1)


@dataclass(slots=True)
class CheckContext:
    """What a block's checks may consult: the whole edition and its referable numbers."""

    edition: Edition
    quantities: dict[str, Quantity]
    theme: Theme
    sink: Sink


@dataclass(slots=True)
class ChartRequest:
    """A chart to draw: the form name the page uses, the block it comes from, the job."""

    name: str
    block: Block
    width: float
    height: float
    job: Any


@dataclass(slots=True)
class ComposeContext:
    """What a block's compose step may use; ``width`` is the column it is composed for."""

    edition: Edition
    theme: Theme
    quantities: dict[str, Quantity]
    width: float
    charts: list[ChartRequest] = field(default_factory=list)
    toc_entries: list[tuple[str, str]] = field(default_factory=list)  # (bookmark key, title)
    sink: Sink | None = None  # for what only the placed size shows (a picture's resolution)
    lang: str = ""  # the language of the block being composed: its own, its container's or the edition's
    hyphenation: Hyphenation | None = None  # None: words break only where content put soft hyphens

    @property
    def language(self) -> str:
        return self.lang or self.edition.manifest.language

    def hyphens(self, style_name: str) -> Hyphenator | None:
        """The hyphenator for text in ``style_name`` in this block's language, or None when
        that text is not hyphenated (the layout says so, or there is no dictionary for it)."""
        if self.hyphenation is None or not self.theme.styles.hyphenates(style_name):
            return None
        return self.hyphenation.for_language(self.language)

    def text(self, text: str, before: str = "") -> str:
        """Content text set as its language prints it (quotes, punctuation spacing)."""
        return self.theme.text(text, before, self.language)

    @property
    def styles(self):  # type: ignore[no-untyped-def]
        return self.theme.styles

    def look(self, name: str, kind: type[L]) -> L:
        """The component look ``name``, which the block declared: the check stage has reported
        one that ``layout/theme.yaml`` leaves out, so a missing one here is a bug."""
        found = self.theme.data.components.look(name)
        if not isinstance(found, kind):
            raise LookupError(f"component look '{name}' was not declared by the block that reads it")
        return found

    def narrower(self, width: float) -> ComposeContext:
        return replace(self, width=width)  # the lists of charts and contents entries stay shared


Check = Callable[[Any, CheckContext], None]
Compose = Callable[[Any, ComposeContext], list[Flowable]]


@dataclass(frozen=True, slots=True)
class Handler(Generic[B]):
    model: type[B]
    check: Check
    compose: Compose
    styles: tuple[str, ...] = ()  # text styles compose reads, checked against layout/theme.yaml
    looks: tuple[str, ...] = ()   # component looks compose reads, likewise


HANDLERS: dict[type[Block], Handler[Any]] = {}


def register(model: type[B], check: Check, compose: Compose, *, styles: tuple[str, ...] = (),
             looks: tuple[str, ...] = ()) -> None:
    """Register a block type's check and compose steps (its model is registered already) with
    the text styles and component looks its compose step reads: the check stage reports one
    that the theme does not define, so compose can take them by name without a KeyError."""
    HANDLERS[model] = Handler(model, check, compose, styles, looks)


def check_block(block: Block, ctx: CheckContext) -> None:
    if block.lang is not None:
        check_language(block.lang, block.span_of("lang"), ctx.sink)
    HANDLERS[type(block)].check(block, ctx)
    for child in block.children():
        check_block(child, ctx)


def compose_block(block: Block, ctx: ComposeContext) -> list[Flowable]:
    """Compose one block, in its own language if it names one, and tag every flowable with
    the block it came from."""
    if block.lang and block.lang != ctx.lang:
        ctx = replace(ctx, lang=block.lang)
    flowables = HANDLERS[type(block)].compose(block, ctx)
    ref = block_ref(block)
    for f in flowables:
        if getattr(f, "_block", None) is None:
            f._block = ref  # type: ignore[attr-defined]
    return flowables


_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")


def check_language(tag: str, span: Span, sink: Sink) -> None:
    """A language tag is BCP 47's shape (``de``, ``de-DE``, ``pt-BR``); one that pyphen has
    no dictionary for is set, but not hyphenated, which the designer is told."""
    if not _TAG.match(tag):
        sink.error(span, f"language '{tag}' is not a language tag", "write it as BCP 47 does: en-US, de-DE, fr, pt-BR")
    elif dictionary_for(tag) is None:
        sink.warning(span, f"no hyphenation dictionary for language '{tag}': its text is not hyphenated")


def block_ref(block: Block, rows: Iterable[tuple[str, str, int]] = ()) -> BlockRef:
    return BlockRef(block.id, block.yaml_name, block.short_name, block.span.path, block.span.line, tuple(rows))


def no_check(block: Block, ctx: CheckContext) -> None:
    """For blocks whose fields the model's types check completely."""

"""What every block module shares: its contexts, the registry of block types and source tagging."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Generic, Protocol, TypeVar

from reportlab.platypus import Flowable

from ..diagnostics import Sink, Span
from ..model.block import Block, add_block_model
from ..model.edition import Edition
from ..model.numbers import Quantity
from ..numerals import NumberStyle, number_style
from ..theme import Theme
from ..theme.model import Look
from ..theme.styles import StyleSheet
from .sources import BlockRef, Sources
from .tags import Tags
from .typeset.hyphenate import Hyphenation, Hyphenator, dictionary_for

B = TypeVar("B", bound=Block)
L = TypeVar("L", bound=Look)


@dataclass(slots=True)
class CheckContext:
    """What a block's checks may consult: the whole edition and its referable numbers."""

    edition: Edition
    quantities: dict[str, Quantity]
    theme: Theme
    sink: Sink
    lang: str = ""  # the language of the block being checked: its own, its container's or the edition's

    @property
    def language(self) -> str:
        return self.lang or self.edition.manifest.language


@dataclass(slots=True)
class ChartRequest:
    """A chart to draw: the form name the page uses, the block it comes from, the job."""

    name: str
    block: Block
    width: float
    height: float
    job: Any


class ContentsLine(Protocol):
    """A contents entry: its number is filled in once the page its heading lands on is known."""

    key: str  # the heading's bookmark

    def define_number(self, canvas: Any, folio: int | None) -> None: ...


@dataclass(slots=True)
class ComposeContext:
    """What a block's compose step may use; ``width`` is the column it is composed for."""

    edition: Edition
    theme: Theme
    quantities: dict[str, Quantity]
    width: float
    charts: list[ChartRequest] = field(default_factory=list)
    toc_entries: list[ContentsLine] = field(default_factory=list)
    sink: Sink | None = None  # for what only the placed size shows (a picture's resolution)
    sources: Sources = field(default_factory=Sources)  # where each flowable came from
    tags: Tags = field(default_factory=lambda: Tags(False))  # the structure tree (tagged PDF)
    lang: str = ""  # the language of the block being composed: its own, its container's or the edition's
    hyphenation: Hyphenation | None = None  # None: words break only where content put soft hyphens

    @property
    def language(self) -> str:
        return self.lang or self.edition.manifest.language

    @property
    def numbers(self) -> NumberStyle:
        """How this block's language prints numbers (``4.100.000`` in German)."""
        return number_style(self.language)

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
    def styles(self) -> StyleSheet:
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


def register(name: str, model: type[B], check: Check, compose: Compose, *, styles: tuple[str, ...] = (),
             looks: tuple[str, ...] = ()) -> None:
    """A block type's one registration: its YAML ``type`` name, its model, its check and
    compose steps, and the text styles and component looks its compose step reads. The check
    stage reports a style or look that the theme does not define, so compose can take them by
    name without a KeyError."""
    add_block_model(name, model)
    HANDLERS[model] = Handler(model, check, compose, styles, looks)


def check_block(block: Block, ctx: CheckContext) -> None:
    if block.lang is not None:
        check_language(block.lang, block.span_of("lang"), ctx.sink)
        ctx = replace(ctx, lang=block.lang)
    HANDLERS[type(block)].check(block, ctx)
    for child in block.children():
        check_block(child, ctx)


def compose_block(block: Block, ctx: ComposeContext) -> list[Flowable]:
    """Compose one block, in its own language if it names one, and tag every flowable with
    the block it came from."""
    if block.lang and block.lang != ctx.lang:
        ctx = replace(ctx, lang=block.lang)
    differs = ctx.language != ctx.edition.manifest.language
    with ctx.tags.language(ctx.language if differs else None):  # its elements say so (/Lang)
        flowables = HANDLERS[type(block)].compose(block, ctx)
    ref = block_ref(block)
    for f in flowables:
        ctx.sources.note(f, block=ref)
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

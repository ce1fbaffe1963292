"""The check stage: everything that can be known before drawing, reported all at once."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .blocks import HANDLERS, CheckContext, check_block
from .blocks.base import check_language
from .blocks.heading import Heading, check_levels
from .diagnostics import Sink, Span, did_you_mean
from .load import SourceLimits
from .model.block import Block, walk
from .model.edition import Edition, load_edition
from .model.numbers import Quantity
from .paginate.document import FOOTER_STYLES, HEADER_STYLES
from .theme import Theme, load_theme
from .theme.fonts import missing_glyphs
from .theme.model import LOOK_NAMES

if TYPE_CHECKING:
    from .warm import Warm


@dataclasses.dataclass(frozen=True, slots=True)
class Checked:
    edition: Edition
    theme: Theme
    quantities: dict[str, Quantity]


def check_edition(edition_dir: Path, layout_dir: Path, fonts_dir: Path, sink: Sink,
                  limits: SourceLimits = SourceLimits(), profile: str | None = None,
                  cache: Path | None = None, warm: Warm | None = None) -> Checked | None:
    """Load and check the theme and the edition; ``None`` when anything is an error. ``cache``
    is the build's cache folder (the fonts' parsed faces are kept there). With ``warm``, what
    it holds from the last build is not read again."""
    if warm is None:
        theme = load_theme(layout_dir, fonts_dir, sink, profile, cache)
        errors = len(sink.errors)
        edition = load_edition(edition_dir, sink, limits)
    else:
        theme = warm.theme(layout_dir, fonts_dir, sink, profile, cache)
        errors = len(sink.errors)
        edition = load_edition(edition_dir, sink, limits, warm.pages)
    if theme is None or edition is None:
        return None
    complete = len(sink.errors) == errors  # else a page file or block that could not be read is missing
    check_declared(theme, sink)
    quantities = collect_quantities(edition.blocks(), sink)
    ctx = CheckContext(edition, quantities, theme, sink)
    check_language(edition.manifest.language, edition.manifest.span_of("language"), sink)
    for page in edition.pages:
        if page.template not in theme.layout.templates:
            sink.error(page.span, f"template '{page.template}' is not defined in layout/templates.yaml",
                       f"templates: {', '.join(theme.layout.templates)}")
        for block in page.blocks:
            check_block(block, ctx)
    # The outline is judged whole: with a block missing, its neighbours would seem to skip a level.
    # An untagged file has no outline to keep in order.
    if complete and theme.profile.structure:
        check_levels((b for b in edition.blocks() if isinstance(b, Heading)), sink)
    texts = printed_texts(edition)
    check_glyphs(texts, theme, sink)
    check_words(texts, sink)
    if not edition.manifest.pages:
        sink.error(edition.manifest.span, "the manifest lists no pages")
    return None if sink.errors else Checked(edition, theme, quantities)


def check_declared(theme: Theme, sink: Sink) -> None:
    """Every text style and component look that a block type or a running line declares is
    in ``layout/theme.yaml``, whether this edition has such a block or not (the look is shared
    by every edition): a missing one is reported where ``styles:`` (or ``components:``) is
    written, naming who needs it, and never reaches compose as a KeyError."""
    styles, looks = _users(theme)
    data = theme.data
    _report_missing(styles, set(data.styles), data.span_of("styles"), "style", "styles", sink)
    defined = {name for name in LOOK_NAMES if data.components.look(name) is not None}
    _report_missing(looks, defined, data.span_of("components"), "component look", "components", sink)


def _users(theme: Theme) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Who needs each style and each look: every block type, the running footer and header."""
    styles: dict[str, list[str]] = {}
    looks: dict[str, list[str]] = {}
    for kind, handler in HANDLERS.items():
        for name in handler.styles:
            styles.setdefault(name, []).append(f"'{kind.yaml_name}' blocks")
        for name in handler.looks:
            looks.setdefault(name, []).append(f"'{kind.yaml_name}' blocks")
    running: list[tuple[str, tuple[str, ...]]] = [("the running footer", FOOTER_STYLES)]
    if theme.layout.header is not None:
        running.append(("the running header", HEADER_STYLES))
    for user, names in running:
        for name in names:
            styles.setdefault(name, []).append(user)
    return styles, looks


def _report_missing(users: dict[str, list[str]], defined: set[str], span: Span, what: str, section: str,
                    sink: Sink) -> None:
    # A misspelt name is one the file defines and nothing uses; only those are suggested, so
    # a missing 'quote.text' is not answered with the 'note.text' that notes use.
    spare = defined - _all_declared(what)
    for name, needed_by in users.items():
        if name not in defined:
            sink.error(span, f"{what} '{name}' is not defined (needed by {_join(needed_by)})",
                       *did_you_mean(name, spare) or (f"add '{name}' under '{section}:'",))


def _all_declared(what: str) -> set[str]:
    """Every name any block type or running line declares, whether this edition uses it or not."""
    if what == "style":
        return {n for h in HANDLERS.values() for n in h.styles} | set(FOOTER_STYLES) | set(HEADER_STYLES)
    return {n for h in HANDLERS.values() for n in h.looks}


def _join(users: list[str]) -> str:
    return users[0] if len(users) == 1 else ", ".join(users[:-1]) + " and " + users[-1]


def collect_quantities(blocks: Iterable[Block], sink: Sink) -> dict[str, Quantity]:
    found: dict[str, Quantity] = {}
    for block in blocks:
        for key, q in block.quantities():
            if key in found:
                sink.error(q.span, f"the number '{key}' is defined twice (also at {found[key].span})",
                           "give the blocks different ids")
            found[key] = q
    return found


#: The manifest's texts that are printed on the pages (the rest go into the PDF's metadata).
PRINTED_MANIFEST_FIELDS = ("title", "subtitle", "organisation", "short_name", "published_label")


@dataclasses.dataclass(frozen=True, slots=True)
class PrintedTexts:
    """Every printed text of an edition, found in one walk for all the checks that read them:
    the manifest's by field name, then each block's as ``(block, field name, text)``."""

    manifest: tuple[tuple[str, str], ...]
    blocks: tuple[tuple[Block, str, str], ...]
    edition: Edition

    def span(self, block: Block | None, name: str) -> Span:
        """Where the text is written (worked out only for a text that is reported)."""
        if block is not None:
            return block.span_of(name)
        manifest = self.edition.manifest
        return dict(manifest.field_spans).get(name, manifest.span)


def printed_texts(edition: Edition) -> PrintedTexts:
    manifest = edition.manifest
    return PrintedTexts(tuple((name, getattr(manifest, name) or "") for name in PRINTED_MANIFEST_FIELDS),
                        tuple((block, name, text) for block in edition.blocks() for name, text in _texts(block)),
                        edition)


def check_glyphs(texts: PrintedTexts, theme: Theme, sink: Sink) -> None:
    """A character the bundled font cannot draw would print as an empty box: refuse it."""
    font = theme.font("regular")
    every = "".join([text for _, text in texts.manifest] + [text for _, _, text in texts.blocks])
    if not missing_glyphs(every, font):  # as nearly always: no text needs to be looked at alone
        return
    for name, text in texts.manifest:
        for ch in missing_glyphs(text, font):
            sink.error(texts.span(None, name), f"'{name}': {_missing(ch, theme)}", _hint(ch))
    for block, name, text in texts.blocks:
        for ch in missing_glyphs(text, font):
            sink.error(block.span_of(name), _missing(ch, theme), _hint(ch))


#: Characters in one word (between spaces or soft hyphens). The longest word in a report is a
#: URL; a longer one fits no column and only costs the line breaker time to try.
MAX_WORD = 300
_LONG_WORD = re.compile(f"[^\\s\u00ad]{{{MAX_WORD + 1},}}")


def check_words(texts: PrintedTexts, sink: Sink) -> None:
    """Refuse a word too long to set, at the field that holds it."""
    found = [(None, name, text) for name, text in texts.manifest] + list(texts.blocks)
    for block, name, text in found:
        long = _LONG_WORD.search(text)
        if long:
            sink.error(texts.span(block, name), f"'{name}': a word of {len(long.group()):,} characters is too long "
                       f"to set (at most {MAX_WORD})", "add spaces, or soft hyphens (U+00AD) where it may be broken")


def _missing(ch: str, theme: Theme) -> str:
    # An invisible character (a control, a direction override) is named, never written out:
    # written raw it would act on the terminal instead of showing in the message.
    code = f"U+{ord(ch):04X}"
    if unicodedata.category(ch) == "Cc":
        return f"control character {code} has no place in text"
    shown = f"'{ch}' " if ch.isprintable() else ""
    return f"character {shown}({code} {unicodedata.name(ch, 'unnamed')}) is not in the {theme.family} font"


def _hint(ch: str) -> str:
    if unicodedata.category(ch) == "Cc":
        return "remove it: such characters come in unseen when text is pasted from another program"
    return "replace it, or bundle a font that has it"


@cache
def _text_fields(cls: type) -> tuple[str, ...] | None:
    """The fields of a model class that may hold text; ``None`` for a type that is no model."""
    if not dataclasses.is_dataclass(cls):
        return None
    # (a field the class works out itself, init=False, is not content: a table row's key)
    return tuple(f.name for f in dataclasses.fields(cls) if f.init and f.name not in ("span", "field_spans", "id"))


def _texts(block: Block) -> list[tuple[str, str]]:
    """Every text a block holds (not its nested blocks, which are checked on their own), by
    the name of the block's field that holds it, in the order of its fields."""
    out: list[tuple[str, str]] = []
    _collect(block, "", out)
    return out


#: Values that hold no text of the block's own (nested blocks are walked on their own).
_NO_TEXT = (bool, int, float, Decimal, Block)


def _collect(obj: object, name: str, out: list[tuple[str, str]]) -> None:
    # A plain recursion appending to one list: a generator per level cost a tenth of the check
    # stage (some 450,000 calls for a report of 1,000 pages). Nesting is bounded by the loader.
    if isinstance(obj, str):
        out.append((name, obj))
    elif isinstance(obj, tuple):
        for item in obj:
            if isinstance(item, str):  # (a table's cells: taken here, not by a call each)
                out.append((name, item))
            elif not isinstance(item, _NO_TEXT[1:]):
                _collect(item, name, out)
    else:
        kind: Any = type(obj)  # a class is hashable; the cache's signature does not say so
        for field_name in _text_fields(kind) or ():
            value = getattr(obj, field_name)
            if isinstance(value, str):
                out.append((name or field_name, value))
            elif value is not None and not isinstance(value, _NO_TEXT):
                _collect(value, name or field_name, out)


__all__ = ["Checked", "check_edition", "walk"]

"""An edition: its manifest and its pages, read from one content folder."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from ..cores import usable as usable_cores
from ..diagnostics import Diagnostic, Sink, Span
from ..load import Map, Scalar, Seq, SourceLimits, load_yaml, parse_yaml, read_source
from ..load.files import display_in, display_path, display_real, resolve_inside
from .block import Block, slug, walk
from .convert import Invalid, read_dataclass

TemplateName = str


@dataclass(frozen=True, slots=True, kw_only=True)
class Manifest:
    """``manifest.yaml``: what the edition is and the order of its pages."""

    yaml_name = "manifest"
    span: Span
    title: str = field(metadata={"doc": "the report's title"})
    subtitle: str | None = field(default=None, metadata={"doc": "a line under the title"})
    organisation: str = field(metadata={"doc": "who publishes the report"})
    short_name: str | None = field(default=None, metadata={"doc": "the organisation's short name"})
    year: int = field(metadata={"min": 1, "max": 9999, "doc": "the year the report covers"})
    published: str = field(metadata={"doc": "publication date, YYYY-MM-DD; the PDF's date"})
    published_label: str | None = field(default=None, metadata={"doc": "the date as printed"})
    author: str | None = field(default=None, metadata={"doc": "PDF author; default: organisation"})
    subject: str | None = field(default=None, metadata={"doc": "PDF subject"})
    keywords: tuple[str, ...] = field(default=(), metadata={"doc": "PDF keywords"})
    language: str = field(default="en-US", metadata={
        "doc": "language tag of the text (BCP 47: en-US, de-DE, fr): its quotes, hyphenation and the PDF's /Lang"})
    pages: tuple[str, ...] = field(metadata={"doc": "page files in this folder, in order"})
    field_spans: tuple[tuple[str, Span], ...] = field(default=(), compare=False, metadata={"internal": True})

    def span_of(self, name: str) -> Span:
        """Where one key's value is written (the manifest's own span when it is not)."""
        for key, span in self.field_spans:
            if key == name:
                return span
        return self.span


@dataclass(frozen=True, slots=True, kw_only=True)
class PageFile:
    """One page file as written: its template and its blocks."""

    yaml_name = "page"
    span: Span
    template: TemplateName = field(default="body", metadata={"doc": "page template from layout/templates.yaml"})
    expect_pages: int = field(default=1, metadata={
        "min": 1, "max": 100_000,
        "doc": "the pages its blocks are meant to fill: running over onto more is warned about"})
    blocks: tuple[Block, ...] = field(metadata={"doc": "the page's blocks, top to bottom"})


@dataclass(frozen=True, slots=True)
class Page:
    """A page file of the edition: it starts a new page and may flow onto more."""

    source: str
    template: TemplateName
    blocks: tuple[Block, ...]
    span: Span
    expect_pages: int = 1


@dataclass(frozen=True, slots=True)
class Edition:
    root: Path
    manifest: Manifest
    pages: tuple[Page, ...]

    @property
    def name(self) -> str:
        return display_path(self.root)

    def blocks(self) -> list[Block]:
        return [b for page in self.pages for b in walk(page.blocks)]

    @property
    def published(self) -> date:
        return date.fromisoformat(self.manifest.published)


MANIFEST = "manifest.yaml"

#: A page file as read: its model (None when it could not be read) and what reading it reported.
_Read = tuple[Page | None, tuple[Diagnostic, ...]]


class ParsedPages:
    """Page files as read, by name and bytes, kept by a process that builds again and again
    (``impact-report watch``): a file whose bytes did not change since the last build is not
    parsed again, and what reading it reported is reported again, in its place. Only the files
    of the last build are kept."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, bytes, SourceLimits], _Read] = {}
        self._now: dict[tuple[str, bytes, SourceLimits], _Read] = {}

    def begin(self) -> None:
        self._now = {}

    def read(self, shown: str, raw: bytes, limits: SourceLimits, sink: Sink) -> Page | None:
        key = (shown, raw, limits)
        found = self._kept.get(key) or self._now.get(key)
        if found is None:
            own = Sink()
            found = (_read_page(shown, raw, own, limits), tuple(own.items))
        self._now[key] = found
        sink.extend(found[1])
        return found[0]

    def end(self) -> None:
        self._kept, self._now = self._now, {}


def load_edition(root: Path, sink: Sink, limits: SourceLimits = SourceLimits(),
                 parsed: ParsedPages | None = None) -> Edition | None:
    """Read ``root/manifest.yaml`` and every page it lists; report all problems found.

    With ``parsed``, page files are read in this process and those whose bytes it holds are
    not parsed again."""
    shown = display_in(root, MANIFEST)
    if not os.path.lexists(root / MANIFEST):
        sink.error(Span(shown, 1, 1), "no manifest.yaml in the edition folder",
                   "an edition folder holds manifest.yaml and one YAML file per page")
        return None
    # The manifest passes the same gate as the pages: a link out or a FIFO is refused unread.
    manifest_path = resolve_inside(root, MANIFEST, Span(shown, 1, 1), sink, "manifest", max_bytes=0)
    node = load_yaml(manifest_path, shown, sink, limits) if manifest_path else None
    if node is None:
        return None
    try:
        manifest = read_dataclass(Manifest, node, sink)
    except Invalid:
        return None
    _check_date(manifest, sink)
    pages_span = next((s for k, s in manifest.field_spans if k == "pages"), manifest.span)
    for name in {n for n in manifest.pages if manifest.pages.count(n) > 1}:
        sink.error(pages_span, f"page file '{name}' is listed more than once")
    names = list(dict.fromkeys(manifest.pages))
    if parsed is None:
        loaded = _load_pages(root, names, manifest, sink, limits)
    else:
        parsed.begin()
        loaded = [_load_page(root, name, manifest, sink, limits, parsed) for name in names]
        parsed.end()
    return Edition(root, manifest, _with_ids(tuple(p for p in loaded if p), sink))


def listed_page_files(root: Path, first: int | None = None) -> list[Path]:
    """The page files the manifest lists (the ``first`` so many of them), each through the
    gate, for a hint read before the build (``build`` starts chart workers early when one
    names a chart). Nothing else in the folder is looked at, and any problem is left for the
    build to report at its line."""
    quiet = Sink()
    at = Span(MANIFEST, 1, 1)
    path = resolve_inside(root, MANIFEST, at, quiet, "manifest", max_bytes=0)
    node = load_yaml(path, MANIFEST, quiet) if path else None
    pages = node.get("pages") if isinstance(node, Map) else None
    names = [item.text for item in pages.items if isinstance(item, Scalar)] if isinstance(pages, Seq) else []
    found = (resolve_inside(root, name, at, quiet, "page file", max_bytes=0)
             for name in list(dict.fromkeys(names))[:first])
    return [p for p in found if p is not None]


# From this many page files on, a second process reads part of them, when a core is free for it.
# Reading is Python work (parsing, located nodes, typed model) that grows with the report; the
# second reader costs a fixed 25 ms (starting it) and a fifth more processor time in all (its
# pages are sent back), so it can only gain where it has a core of its own. Measured
# (benchmarks/bench_reader.py, medians of 7 interleaved fresh processes, 2 cores): with one
# reader, 10 files 13 ms, 100: 76 ms, 300: 226 ms, 1,000: 788 ms of processor time; with two,
# this process's own share is 26, 74, 175 and 547 ms: nothing saved at 100 files, a fifth at
# 300, a third at 1,000. With the other core busy (load 4), two readers took longer at every
# size (1,000 files: 1.66 s against 1.51 s).
PARALLEL_FROM = 300


def _second_reader_pays(count: int) -> bool:
    return count >= PARALLEL_FROM and _spare_core() and _can_fork()


def _spare_core() -> bool:
    """Whether a core is left over for the second reader: the cores this process may run on,
    less the load of the last minute (the processes that were running or waiting to)."""
    cores = usable_cores()
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average on this system: judge by the cores alone
        load = 0.0
    return cores >= 2 and cores - load >= 1.0


def _load_pages(root: Path, names: list[str], manifest: Manifest, sink: Sink,
                limits: SourceLimits) -> list[Page | None]:
    if not _second_reader_pays(len(names)):
        return [_load_page(root, name, manifest, sink, limits) for name in names]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # The other process takes the smaller share, as its pages must be sent back.
    cut = len(names) * 5 // 9
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        theirs = pool.submit(_load_part, root, names[cut:], manifest, limits)
        mine = [_load_page(root, name, manifest, sink, limits) for name in names[:cut]]
        pages, diagnostics = theirs.result()
    sink.extend(diagnostics)  # after this process's own: the order a single reader gives
    return mine + pages


def _load_part(root: Path, names: list[str], manifest: Manifest,
               limits: SourceLimits) -> tuple[list[Page | None], list[Diagnostic]]:
    sink = Sink()
    return [_load_page(root, name, manifest, sink, limits) for name in names], sink.items


def _can_fork() -> bool:
    """fork shares the loaded modules at once; it is safe while this process has one thread."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _check_date(manifest: Manifest, sink: Sink) -> None:
    try:
        date.fromisoformat(manifest.published)
    except ValueError:
        sink.error(manifest.span, f"'published': '{manifest.published}' is not a date (YYYY-MM-DD)")


def _load_page(root: Path, name: str, manifest: Manifest, sink: Sink, limits: SourceLimits,
               parsed: ParsedPages | None = None) -> Page | None:
    span = next((s for k, s in manifest.field_spans if k == "pages"), manifest.span)
    path = resolve_inside(root, name, span, sink, "page file", max_bytes=0)  # read_source bounds the size
    if path is None:
        return None
    shown = display_real(path)  # the gate gives the real path
    raw = read_source(path, shown, sink, limits)
    if raw is None:
        return None
    return _read_page(shown, raw, sink, limits) if parsed is None else parsed.read(shown, raw, limits, sink)


def _read_page(shown: str, raw: bytes, sink: Sink, limits: SourceLimits) -> Page | None:
    node = parse_yaml(raw, shown, sink, limits)
    if node is None:
        return None
    try:
        page = read_dataclass(PageFile, node, sink)
    except Invalid:
        return None
    return Page(shown, page.template, page.blocks, page.span, page.expect_pages)


def _with_ids(pages: tuple[Page, ...], sink: Sink) -> tuple[Page, ...]:
    """Give every block without an id a stable one derived from its page and title."""
    seen: dict[str, Span] = {}
    for page in pages:
        for block in walk(page.blocks):
            if block.id:
                if block.id in seen:
                    sink.error(block.span_of("id"), f"duplicate id '{block.id}'",
                               f"first used at {seen[block.id]}")
                seen[block.id] = block.span
    taken = set(seen)
    counters: dict[str, int] = {}
    return tuple(replace(page, blocks=_assign(page.blocks, Path(page.source).stem, taken, counters))
                 for page in pages)


def _assign(blocks: tuple[Block, ...], stem: str, taken: set[str], counters: dict[str, int]) -> tuple[Block, ...]:
    """``counters`` holds, per base id, the number its last search ended at: ids are only
    ever added to ``taken``, so every lower number is still taken and the search goes on
    from there (searching from 2 each time was quadratic: 34,000 paragraphs "a" took minutes)."""
    out = []
    for block in blocks:
        children = block.children()
        if children and hasattr(block, "with_children"):
            block = block.with_children(_assign(children, stem, taken, counters))
        if not block.id:
            base = f"{stem}/{block.yaml_name}-{slug(block.ref_name)[:40] or 'untitled'}".rstrip("-")
            n = counters.get(base, 1)
            new = base if n == 1 else f"{base}-{n}"
            while new in taken:
                n += 1
                new = f"{base}-{n}"
            counters[base] = n
            taken.add(new)
            block = _with_id(block, new)
        out.append(block)
    return tuple(out)


def _with_id(block: Block, new: str) -> Block:
    """``replace(block, id=new)``, with the fields to copy worked out once per block type
    (``dataclasses.replace`` works them out for each of the report's blocks)."""
    kind: Any = type(block)  # a class is hashable; the cache's signature does not say so
    values = {name: getattr(block, name) for name in _init_fields(kind)}
    values["id"] = new
    return kind(**values)  # type: ignore[no-any-return]


@cache
def _init_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if f.init)

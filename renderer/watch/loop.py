"""The watch loop: build once, then again on every save, in one warm process.

Each rebuild is the whole pipeline (``renderer.build.build``) over the files as they are on
disk, with what the process keeps from the rebuild before (``renderer.warm``): modules, fonts
and styles stay loaded, page files whose bytes did not change are not parsed again, the theme
is kept while no file under ``layout/`` or ``fonts/`` changed, charts' drawings and the lines
of paragraphs are kept by what they were made from. Everything kept is keyed by the bytes it
came from, so the PDF and layout map are the bytes a cold ``impact-report build`` of the same
files writes.
"""

from __future__ import annotations

import gc
import signal
import time
import webbrowser
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from watchfiles import Change, DefaultFilter
from watchfiles import watch as watch_files

from ..build import Paths, build, layout_map_path
from ..diagnostics import ContentError, Sink
from ..gate import Refused
from ..layoutmap import LayoutMap
from ..pdf.write import LOCK_NAME
from ..warm import Warm
from .collect import Collector
from .pages import PagePicture, changed_pages, picture_pages
from .server import Preview, Published

#: After a file event, wait this long for more (an editor's save is often a write, a rename and
#: a change of attributes, all within a millisecond) before rebuilding, and never longer than
#: DEBOUNCE_MS in all. The wait is part of every save's time to the PDF.
STEP_MS = 10
DEBOUNCE_MS = 400
#: With no file event, the watcher wakes this often (and does nothing): idle costs nothing measurable.
IDLE_MS = 1000


@dataclass(frozen=True, slots=True)
class Outcome:
    """One build: its PDF and layout map when it succeeded, else every message."""

    pdf: bytes | None
    layout_map: LayoutMap | None
    layout_json: bytes
    pages: int
    millis: float               # from the start of the build to the PDF on disk
    errors: tuple[str, ...]     # every problem, rendered (file:line:col: message, hints)
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Builder:
    paths: Paths
    output: Path
    strict: bool = False
    profile: str | None = None
    warm: Warm = field(default_factory=Warm)  # what rebuilds keep from the one before

    def run(self) -> Outcome:
        start = time.perf_counter()
        sink = Sink()
        collecting = gc.isenabled()
        gc.disable()  # as in cmd_build: a build's garbage is freed by reference counting
        try:
            rendering = build(self.paths, self.output, sink, strict=self.strict, profile=self.profile,
                              warm=self.warm)
        except ContentError as exc:
            return _failed(start, tuple(d.render() for d in exc.diagnostics))
        except Refused as exc:  # a file swapped for a link or FIFO between the gate and the read
            return _failed(start, (f"{exc}; nothing was written",))
        except OSError as exc:  # the output cannot be written (a full disk, a read-only folder)
            return _failed(start, (f"cannot write {exc.filename}: {exc.strerror}; nothing was written",))
        finally:
            if collecting:
                gc.enable()
        millis = (time.perf_counter() - start) * 1000
        items = sorted(sink.items, key=lambda d: (str(d.span or ""),))
        if rendering is None:
            shown = [d for d in items if d in sink.errors or self.strict]
            return _failed(start, tuple(d.render() for d in shown))
        return Outcome(rendering.pdf, rendering.layout_map, layout_map_path(self.output).read_bytes(),
                       rendering.page_count, millis, (), tuple(d.render() for d in sink.warnings))


def _failed(start: float, errors: tuple[str, ...]) -> Outcome:
    return Outcome(None, None, b"", 0, (time.perf_counter() - start) * 1000, errors, ())


def watch(builder: Builder, port: int, open_browser: bool, err: TextIO, reveal: str = "") -> int:
    """Build, serve the preview, rebuild on every save until Ctrl-C; exit code 0. ``reveal``
    (FILE:LINE) is the source line the preview scrolls to and outlines once it has pages."""
    # SIGINT ends the loop even where it came in ignored (a shell's background job), and
    # SIGTERM ends it the same way: the preview closed, no PDF half written.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    preview = Preview(port, reveal)
    collector = Collector()
    try:
        print(f"watch: preview at {preview.url} (Ctrl-C ends)", file=err, flush=True)
        roots = [p for p in (builder.paths.edition, builder.paths.layout, builder.paths.fonts) if p.exists()]
        before = snapshot(roots)
        with collector.paused():
            shown = _turn(builder, preview, (), "first build", err)
        # What the first build loaded (modules, fonts, the theme) lives as long as the process:
        # kept out of the collector's way, each later collection only looks at a rebuild's objects.
        gc.collect()
        gc.freeze()
        if open_browser:
            webbrowser.open(preview.url)
        # The watcher starts when the loop first asks it; a save made during the first build,
        # before it watched, is found by comparing the files with what they were before it.
        live = False
        for changes in watch_files(*roots, watch_filter=OutputFilter(builder.output), step=STEP_MS,
                                   debounce=DEBOUNCE_MS, rust_timeout=IDLE_MS, yield_on_timeout=True):
            if not live:
                live = True
                if not changes and snapshot(roots) != before:
                    with collector.paused():
                        shown = _turn(builder, preview, shown, "files saved during the first build", err)
            if changes:
                with collector.paused():  # memory stays flat over many rebuilds: see Collector
                    shown = _turn(builder, preview, shown, describe(changes), err)
    except KeyboardInterrupt:
        print("watch: stopped", file=err, flush=True)
    finally:
        collector.close()
        preview.close()
        builder.warm.pool.close()
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def snapshot(roots: Iterable[Path]) -> dict[Path, tuple[int, int]]:
    """Each file under ``roots`` with its modification time and size."""
    out = {}
    for root in roots:
        for path in root.rglob("*"):
            try:
                st = path.stat()
            except OSError:
                continue
            out[path] = (st.st_mtime_ns, st.st_size)
    return out


def _turn(builder: Builder, preview: Preview, shown: tuple[PagePicture, ...], what: str, err: TextIO
          ) -> tuple[PagePicture, ...]:
    """One rebuild and its line on stderr; the pictures now shown."""
    outcome = builder.run()
    if outcome.pdf is None or outcome.layout_map is None:
        for message in outcome.errors:
            print(message, file=err)
        n = len(outcome.errors)
        kept = "the last good PDF is kept" if shown else "no PDF yet"
        print(f"watch: {what} → {n} error{'s' if n != 1 else ''}; {kept} ({outcome.millis:.0f} ms)",
              file=err, flush=True)
        preview.publish_errors(outcome.errors)
        return shown
    for message in outcome.warnings:
        print(message, file=err)
    start = time.perf_counter()
    pictures = picture_pages(outcome.pdf, shown)
    changed = changed_pages(shown, pictures)
    preview.publish(Published(pictures, outcome.layout_json, sources(outcome.layout_map), changed,
                              outcome.warnings))
    drawn = (time.perf_counter() - start) * 1000
    print(f"watch: {what} → {outcome.pages} pages, {_pages_phrase(changed, len(pictures))}; "
          f"PDF written in {outcome.millis:.0f} ms, preview in {drawn:.0f} ms", file=err, flush=True)
    return pictures


def _pages_phrase(changed: tuple[int, ...], total: int) -> str:
    if not changed:
        return "no page looks different"
    if len(changed) == total and total > 1:
        return "every page looks different"
    shown = ", ".join(str(n) for n in changed[:12]) + (", …" if len(changed) > 12 else "")
    return f"page{'s' if len(changed) > 1 else ''} {shown} look{'' if len(changed) > 1 else 's'} different"


def sources(layout: LayoutMap) -> dict[str, str]:
    """Each source file the map names, as an absolute path (for the editor's link)."""
    names = {b.source for p in layout.pages for b in p.blocks} | {c.source for c in layout.content.values()}
    return {name: str(Path(name).resolve()) for name in sorted(names) if name}


def describe(changes: Iterable[tuple[Change, str]]) -> str:
    """What the saves were, shortly: ``content/2022/01-x.yaml changed``. A file that came and
    went within the batch (an editor's or sed's temporary file) is not named."""
    seen: dict[str, str] = {}
    changes = sorted(changes, key=lambda c: c[1])
    added = {path for change, path in changes if change == Change.added}
    for change, path in changes:
        if Path(path).exists():
            seen[_short(Path(path))] = "changed"
        elif change == Change.deleted and path not in added:
            seen[_short(Path(path))] = "deleted"
    items = [f"{name} {kind}" for name, kind in seen.items()] or ["a file came and went"]
    return ", ".join(items[:3]) + (f" and {len(items) - 3} more" if len(items) > 3 else "")


def _short(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class OutputFilter(DefaultFilter):
    """Editors' swap and backup files are not saves (watchfiles' default filter), and neither
    are the build's own files, should the output or its caches lie inside a watched folder."""

    def __init__(self, output: Path) -> None:
        super().__init__()
        out = output.resolve()
        self._own = {out, layout_map_path(out), out.parent / LOCK_NAME}
        self._prefixes = (f".{out.name}.", f".{layout_map_path(out).name}.")  # write_together's temporary files
        self._caches = out.parent / ".chart-cache"

    def __call__(self, change: Change, path: str) -> bool:
        p = Path(path).resolve()
        if p in self._own or p.name.startswith(self._prefixes) or self._caches in p.parents or p == self._caches:
            return False
        return bool(super().__call__(change, path))

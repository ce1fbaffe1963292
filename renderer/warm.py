"""What a process that builds again and again (``impact-report watch``) keeps between builds.

A cold build reads everything and starts reportlab afresh. A warm one keeps what the files it
came from have not changed since: the parsed page files (by their bytes), the theme with its
registered fonts and the look's digests (by the bytes of every file under ``layout/`` and
``fonts/``), and the charts' drawings (by their cache key, which covers the chart's data, its
look and its fonts). Everything kept is keyed by the bytes it was made from, never by a time or
a name alone, so a warm build writes the bytes a cold build of the same files writes.

Fonts are registered with reportlab by name, and several caches (reportlab's, the engine's
word widths, the glyph and metric tables) are keyed by the font's name too: when any file under
``fonts/`` changes, all of it is forgotten and reportlab is started afresh, as a cold build
starts it. A layout change that leaves the fonts alone reads the theme again and keeps them.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .blocks.typeset import memo
from .charts import prewarm
from .charts.artist import KEPT_WORKERS
from .charts.ops import Op
from .diagnostics import Diagnostic, Sink
from .model.edition import ParsedPages
from .paginate import Look, look_of
from .safety import guard_reportlab, reportlab_problems
from .theme import Theme, load_theme

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

#: A file as the key of what was made from it: its digest, or for what is not a regular file
#: (a link that leads nowhere, a FIFO) what it is; with the file's name below its folder.
_Entry = tuple[str, str]


@dataclass
class FileDigests:
    """The digest of each file, computed again only when its status changes (size, times,
    inode: a write always changes the change time, which no program can set)."""

    _known: dict[Path, tuple[tuple[int, ...], str]] = field(default_factory=dict)

    def of_folder(self, root: Path) -> tuple[_Entry, ...]:
        """Every file under ``root`` (links followed as the gate follows them), sorted."""
        seen: dict[Path, tuple[tuple[int, ...], str]] = {}
        out: list[_Entry] = []
        for path in sorted(_files(root)):
            out.append((str(path.relative_to(root)), self._digest(path, seen)))
        # Only the files seen in this pass are remembered: a deleted file is forgotten.
        self._known = {**{p: v for p, v in self._known.items() if not p.is_relative_to(root)}, **seen}
        return tuple(out)

    def _digest(self, path: Path, seen: dict[Path, tuple[tuple[int, ...], str]]) -> str:
        try:
            st = os.stat(path)
        except OSError as exc:
            return f"unreadable {exc.errno}"
        link = os.readlink(path) if path.is_symlink() else ""
        status = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_mode)
        known = self._known.get(path)
        if known is not None and known[0] == status and not link:
            seen[path] = known
            return known[1]
        if not stat.S_ISREG(st.st_mode):  # never opened: a FIFO would block
            digest = f"not a file {stat.S_IFMT(st.st_mode):o}"
        else:
            digest = _hash(path)
        digest = f"{digest} -> {link}" if link else digest
        seen[path] = (status, digest)
        return digest


def _files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        out += [Path(dirpath) / name for name in filenames]
    return out


def _hash(path: Path) -> str:
    h = hashlib.blake2b(digest_size=20)
    try:
        with open(path, "rb", buffering=0) as fh:  # noqa: PTH123 (read in chunks: fonts are large)
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    except OSError as exc:
        return f"unreadable {exc.errno}"
    return h.hexdigest()


@dataclass
class Warm:
    """The caches of one process that builds one edition again and again; see the module."""

    pages: ParsedPages = field(default_factory=ParsedPages)
    lines: memo.LineMemo = field(default_factory=memo.LineMemo)
    pool: KeptPool = field(default_factory=lambda: KeptPool())
    charts: dict[str, list[Op]] = field(default_factory=dict)
    _digests: FileDigests = field(default_factory=FileDigests)
    _fonts: tuple[_Entry, ...] | None = None
    _theme: tuple[tuple[Any, ...], Theme | None, tuple[Diagnostic, ...]] | None = None
    _look: tuple[Theme, Look] | None = None

    @contextmanager
    def building(self, fonts_dir: Path) -> Iterator[None]:
        """One build with what this process holds: reportlab's settings as the build relies on
        them, and reportlab and every cache keyed by a font's name started afresh if a font
        file changed; the lines of paragraphs kept while the build lasts."""
        fonts = self._digests.of_folder(fonts_dir)
        if self._fonts is None or fonts != self._fonts or reportlab_problems() or _rl_variables():
            guard_reportlab()  # resets reportlab's registries, as at the start of a cold build
            _forget_fonts()
            self._theme = self._look = None
            self.charts.clear()
            self.lines.clear()  # measured with the fonts as they were
            self.pool.close()  # its workers hold the fonts as they were
        self._fonts = fonts
        self.lines.next_build()
        memo.MEMO = self.lines
        try:
            yield
        finally:
            memo.MEMO = None

    def theme(self, layout_dir: Path, fonts_dir: Path, sink: Sink, profile: str | None,
              cache: Path | None = None) -> Theme | None:
        """The theme read from ``layout/``, or the one read last when no file there (or under
        ``fonts/``) changed; what reading it reported is reported again."""
        key = (layout_dir, fonts_dir, profile, self._digests.of_folder(layout_dir), self._fonts)
        if self._theme is None or self._theme[0] != key:
            own = Sink()
            self._theme = (key, load_theme(layout_dir, fonts_dir, own, profile, cache), tuple(own.items))
        sink.extend(self._theme[2])
        return self._theme[1]

    def look(self, theme: Theme) -> Look:
        """The look's digest and snapshot (they read every layout file and font again) for the
        theme this process holds."""
        if self._look is None or self._look[0] is not theme:
            self._look = (theme, look_of(theme))
        return self._look[1]


class KeptPool:
    """Chart workers that outlive a build: started when a build first has charts to draw (a
    palette colour changed, say), they keep matplotlib imported for the next. To a build they
    are its pool: when it ends, what it left undrawn is cancelled and the workers stay."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Future[Any]] = []

    def submit(self, fn: Any, /, *args: Any) -> Future[Any]:
        from concurrent.futures.process import BrokenProcessPool

        try:
            future = self._workers().submit(fn, *args)
        except BrokenProcessPool:  # a worker died (killed, out of memory) since: start afresh
            self.close()
            future = self._workers().submit(fn, *args)
        self._futures.append(future)
        return future

    def _workers(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = prewarm(None, KEPT_WORKERS)  # None: no cache folder to look at, the workers start
            assert self._pool is not None
        return self._pool

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """The build is over, or abandoned."""
        if cancel_futures:
            for future in self._futures:
                future.cancel()
        self._futures = []

    def close(self) -> None:
        """Stop the workers."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _rl_variables() -> bool:
    return any(k.startswith("RL_") for k in os.environ)


def _forget_fonts() -> None:
    """Drop every cache that knows a font by its name (reportlab's own are reset by
    ``guard_reportlab``): the engine's glyph sets, x-heights and word widths, the charts'
    face metrics, and matplotlib's faces when it is loaded (a chart drawn in this process).
    They are module-level caches of their stages, each fine for a process that builds once;
    this is the one place that knows them all."""
    from .blocks.typeset.words import _widths
    from .charts import text
    from .theme import fonts

    fonts._drawable.cache_clear()
    fonts._X_HEIGHTS.clear()
    _widths.clear()
    text.face_metrics.cache_clear()
    if "renderer.charts.draw" in sys.modules:
        from matplotlib import font_manager

        from .charts import draw

        draw._family.cache_clear()
        getattr(font_manager, "_get_font").cache_clear()  # noqa: B009 (not in matplotlib's stubs)

"""Drawing charts alongside layout: cache hits are read at once, misses are drawn in worker
processes while the engine lays out pages, and the forms are defined at the end.

A single miss is drawn in this process when the forms are defined: a worker would cost more
to start than it saves. Two workers, because a report has a handful of charts and each
worker pays matplotlib's import once.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cores import usable as usable_cores
from . import cache
from .ops import Op, Paint, from_json, replay, to_json
from .spec import ChartJob, ChartLook, ChartSpec

if TYPE_CHECKING:  # the process pool is imported only when something must be drawn
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.context import BaseContext

    from reportlab.pdfgen.canvas import Canvas

#: A worker pays matplotlib's import, about 0.4 s of processor time, before its first chart,
#: and a chart then takes about 15 ms; meanwhile the build lays out its pages on a core of its
#: own. So a second worker pays only for many charts and a free core: on two cores, the 2022
#: report's 12 charts were ready sooner from one worker (the build 1.66 s against 2.32 s with
#: two, busy machine, medians of five).
CHARTS_PER_WORKER = 50
#: What a process that builds again and again keeps: it has paid the import once.
KEPT_WORKERS = 2


def workers_for(charts: int) -> int:
    """How many workers draw ``charts`` charts: one per :data:`CHARTS_PER_WORKER`, leaving a
    core to the build."""
    cores = usable_cores()
    return max(1, min(cores - 1, -(-charts // CHARTS_PER_WORKER)))


def draw_and_store(spec: ChartSpec, look: ChartLook, chart_key: str, cache_dir: Path | None) -> list[dict[str, Any]]:
    """Draw one chart (importing matplotlib here, in whichever process runs this) and cache it."""
    from .draw import draw
    ops = draw(spec, look)
    cache.store(cache_dir, chart_key, ops)
    return to_json(ops)


def _context() -> BaseContext:
    import multiprocessing

    # fork starts workers at once with this process's modules and fonts already loaded, and is
    # safe while this process has no other thread; otherwise forkserver (or spawn) is.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _pool(workers: int) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_follow_parent,
                               initargs=(os.getpid(),))


def _follow_parent(build: int) -> None:
    """In a worker: end when the build that started it (process ``build``) has ended. A build
    killed outright (SIGKILL) cannot stop its workers, and they would wait for work for ever:
    each holds the task pipe open for the others, so none of them sees it close. A worker
    started through a fork server (the build had threads) is the server's child, not the
    build's, so it asks after the build itself as well as after its parent.

    Its parent changing says so at once: a process that ends hands its children on as it ends,
    while it may stay a zombie that signal 0 still reaches until its own parent collects it, and
    that parent may be waiting for the build's output pipes to close, which the workers hold."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent and _alive(build):
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="follow-parent", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process has the number now: the build is gone
        return False
    return True


def _warm_up() -> None:
    """Pay matplotlib's import, and the painters', in a worker before any chart is known."""
    from . import draw  # noqa: F401
    from .kinds import import_painters

    import_painters()


def prewarm(cache_dir: Path | None, workers: int = 1) -> ProcessPoolExecutor | None:
    """Start the workers and their matplotlib import at once when the cache is empty (a first
    build): by the time layout has found its charts, the workers are ready to draw them.

    With a warm cache nothing starts, so a rebuild that changed no chart never imports
    matplotlib."""
    if cache_dir is not None and cache.holds_drawings(cache_dir):
        return None
    pool = _pool(workers)
    for _ in range(workers):
        pool.submit(_warm_up)
    return pool


class ChartFailed(Exception):
    """A chart's drawing failed (in a worker or here); ``name`` is its form's name."""

    def __init__(self, name: str, cause: BaseException) -> None:
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.name = name


class ChartArtist:
    """Holds every job's drawing, ready or on its way; see :func:`start`."""

    def __init__(self, jobs: Sequence[ChartJob], cache_dir: Path | None,
                 pool: ProcessPoolExecutor | None = None, drawings: dict[str, list[Op]] | None = None) -> None:
        self.jobs = list(jobs)
        self._kept = drawings
        self.cache_dir = cache_dir
        self.hits = 0
        self.misses = 0
        self._keys = {job.name: cache.key(job.spec, job.look) for job in self.jobs}
        self._ready: dict[str, list[Op]] = {}  # by key: one drawing serves identical charts
        self._futures: dict[str, Future[list[dict[str, Any]]]] = {}
        self._pool: ProcessPoolExecutor | None = pool
        missing: dict[str, ChartJob] = {}
        for job in self.jobs:
            k = self._keys[job.name]
            if k in self._ready or k in missing:
                continue
            ops = drawings.get(k) if drawings is not None else None
            if ops is None:
                ops = cache.load(cache_dir, k, {name for _, name in job.look.font_names})
            if ops is None:
                missing[k] = job
            else:
                self._ready[k] = ops
        # Per job, so hits + misses == len(jobs); a chart repeated in the report is drawn once.
        self.hits = sum(1 for job in self.jobs if self._keys[job.name] in self._ready)
        self.misses = len(self.jobs) - self.hits
        self._missing = missing
        if len(missing) > 1 or (missing and self._pool is not None):
            if self._pool is None:
                self._pool = _pool(workers_for(len(missing)))
            for k, job in missing.items():
                self._futures[k] = self._pool.submit(draw_and_store, job.spec, job.look, k, cache_dir)

    def ops(self, name: str) -> list[Op]:
        """A job's drawing, waiting for its worker (or drawing it here) if need be."""
        k = self._keys[name]
        if k not in self._ready:
            future = self._futures.get(k)
            job = self._missing[k]
            try:
                data = future.result() if future else draw_and_store(job.spec, job.look, k, self.cache_dir)
            except Exception as exc:  # matplotlib's own refusal, whatever its kind: named per chart
                raise ChartFailed(name, exc) from exc
            self._ready[k] = from_json(data)
        return self._ready[k]

    def define_forms(self, canvas: Canvas, paint: Paint | None = None) -> None:
        """Define each job's form XObject (bbox 0, 0, width, height) from its drawing;
        ``paint`` maps its colours to CMYK for the press."""
        try:
            defined: set[str] = set()
            for job in self.jobs:
                if job.name in defined:
                    continue
                defined.add(job.name)
                ops = self.ops(job.name)
                canvas.beginForm(job.name, 0, 0, job.spec.width, job.spec.height)
                replay(ops, canvas, paint=paint)
                canvas.endForm()
            if self._kept is not None:  # this build's drawings, for the next
                self._kept.clear()
                self._kept.update(self._ready)
        finally:
            self.close()

    def close(self) -> None:
        """Stop the workers (the build is over, or it was abandoned)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def start(jobs: Sequence[ChartJob], cache_dir: Path | None, pool: ProcessPoolExecutor | None = None,
          drawings: dict[str, list[Op]] | None = None) -> ChartArtist:
    """Read cached drawings and start drawing the rest (in ``pool`` when :func:`prewarm` gave
    one); returns without waiting. ``drawings``, by key, are those a process that builds again
    and again kept from its last build (read before the cache folder); they are replaced by
    this build's when its forms are defined."""
    return ChartArtist(jobs, cache_dir, pool, drawings)

"""When the watch runs Python's cyclic garbage collector: a moment after each rebuild's pictures
are published, in a thread of its own, never during a rebuild.

Its first pass after a build looks at every object the build left (60–80 ms for the 2022
edition) and holds the interpreter lock throughout. Run where Python would run it, it falls
between the PDF on disk and the pictures, or between the pictures published and the server's
thread handing them to the browser. So the collector is off while the watch runs, and this
runs it ``DELAY_S`` after each rebuild (the browser has fetched the changed pictures by then),
unless the next rebuild has begun; then that rebuild's end asks again. Rebuilds that come so
fast that ``OWED`` of them pass without one collect first, before building: the memory held
stays that of a few builds, whatever the pace of saves.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

DELAY_S = 0.25
OWED = 3


class Collector:
    def __init__(self) -> None:
        self._busy = threading.Lock()   # held through a rebuild
        self._owed = 0                  # rebuilds since the last collection
        self._timer: threading.Timer | None = None
        self._was_enabled = gc.isenabled()
        gc.disable()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Around one rebuild: no collection runs during it; one is due a moment after it."""
        with self._busy:
            if self._owed >= OWED:
                self._collect()
            yield
            self._owed += 1
        self._timer = threading.Timer(DELAY_S, self._later)
        self._timer.daemon = True
        self._timer.start()

    def _later(self) -> None:
        if self._busy.acquire(blocking=False):  # else a rebuild has begun: its end asks again
            try:
                self._collect()
            finally:
                self._busy.release()

    def _collect(self) -> None:
        gc.collect()
        self._owed = 0

    def close(self) -> None:
        """The collector as it was before; a collection under way is waited for."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer.join()
        if self._was_enabled:
            gc.enable()

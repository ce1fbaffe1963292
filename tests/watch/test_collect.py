"""The watch's garbage collection: never during a rebuild, soon after one, and at the latest
every few rebuilds however fast they come."""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Iterator

import pytest

from renderer.watch import collect
from renderer.watch.collect import Collector


class Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def collector() -> Iterator[Collector]:
    c = Collector()
    yield c
    c.close()


def garbage() -> weakref.ref[Cycle]:
    """A cycle no longer reachable, which only the cyclic collector frees."""
    return weakref.ref(Cycle())


def test_garbage_of_a_rebuild_is_collected_soon_after_it(collector: Collector) -> None:
    runs: list[str] = []
    gc.callbacks.append(lambda phase, info: runs.append(phase))
    try:
        with collector.paused():
            left = garbage()
            time.sleep(collect.DELAY_S * 2)
            assert runs == [] and left() is not None  # nothing runs during a rebuild
        deadline = time.monotonic() + 10
        while left() is not None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert left() is None
        assert "start" in runs
    finally:
        gc.callbacks.pop()


def test_rebuilds_in_quick_succession_collect_every_few(collector: Collector, monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    monkeypatch.setattr(collect, "DELAY_S", 60.0)  # the timer never fires within the test
    left = []
    for _ in range(collect.OWED):
        with collector.paused():
            left.append(garbage())
    assert all(ref() is not None for ref in left)
    with collector.paused():
        assert all(ref() is None for ref in left)  # collected before this rebuild began


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_as_it_was_once_the_watch_ends(enabled: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        c = Collector()
        assert not gc.isenabled()
        c.close()
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()

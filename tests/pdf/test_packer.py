"""The packer process: the same bytes as packing in the build itself, a fallback for whatever
goes wrong with it, and never a process left behind."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pikepdf
import pytest

from renderer.pdf import packer as packer_module
from renderer.pdf.compact import compact
from renderer.pdf.packer import Packer
from tests.conftest import ROOT


def screen_pdf(tmp_path: Path) -> bytes:
    """An unpacked tagged PDF, as the build hands it to packing: the 2020 letter."""
    from renderer.build import Paths, render
    from renderer.diagnostics import Sink

    captured: list[bytes] = []

    class Keep(Packer):
        def __init__(self) -> None:  # no process: only records what it is given
            pass

        def pack(self, pdf: bytes) -> bytes:
            captured.append(pdf)
            return compact(pdf)

        def close(self) -> None:
            pass

    paths = Paths(ROOT / "content" / "2020", ROOT / "layout", ROOT / "fonts")
    assert render(paths, Sink(), chart_cache=tmp_path / "cache", packer=Keep()) is not None
    return captured[0]


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_the_packer_packs_exactly_as_the_build_would(tmp_path: Path) -> None:
    pdf = screen_pdf(tmp_path)
    started = Packer.start()
    assert started is not None
    pid = started._pid
    packed = started.pack(pdf)
    assert packed == compact(pdf)
    with pikepdf.open(__import__("io").BytesIO(packed)) as doc:  # an independent reader opens it
        assert doc.pdf_version == "1.7" and len(doc.pages) > 0
    assert gone(pid)


def test_a_killed_packer_leaves_the_build_to_pack_it_itself(tmp_path: Path) -> None:
    pdf = screen_pdf(tmp_path)
    started = Packer.start()
    assert started is not None
    os.kill(started._pid, signal.SIGKILL)
    assert started.pack(pdf) == compact(pdf)
    assert gone(started._pid)


def test_a_packer_that_fails_is_answered_by_packing_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = screen_pdf(tmp_path)

    def broken(data: bytes) -> bytes:
        raise RuntimeError("qpdf refused")

    monkeypatch.setattr(packer_module, "compact", broken)  # in the packer, forked after this
    started = Packer.start()
    assert started is not None
    monkeypatch.undo()  # here, packing works again
    assert started.pack(pdf) == compact(pdf)


def test_an_unused_packer_is_ended_and_collected() -> None:
    started = Packer.start()
    assert started is not None
    started.close()
    started.close()  # twice is harmless
    assert gone(started._pid)


def test_no_packer_with_one_core_or_other_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(packer_module, "_cores", lambda: 1)
    assert Packer.start() is None
    monkeypatch.undo()
    monkeypatch.setattr(packer_module.threading, "active_count", lambda: 2)
    assert Packer.start() is None


def test_a_large_pdf_is_not_sent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = screen_pdf(tmp_path)
    assert Packer.takes(pdf)
    monkeypatch.setattr(packer_module, "PACK_HERE_ABOVE", len(pdf) - 1)
    assert not Packer.takes(pdf)  # the build spills it to a file and packs it itself

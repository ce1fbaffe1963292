"""Writing a finished file: atomically, with ordinary permissions, leaving no temporary behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from renderer.pdf import write_atomic


def test_written_file_has_the_umask_permissions_not_private_ones(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "report.pdf", b"%PDF-1.4\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "report.pdf").stat().st_mode) == 0o644


def test_a_stricter_umask_is_respected(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        write_atomic(tmp_path / "report.pdf", b"%PDF-1.4\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "report.pdf").stat().st_mode) == 0o600


def test_replaces_the_old_file_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.pdf"
    write_atomic(target, b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.pdf"]


def test_a_failed_write_keeps_the_last_good_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.pdf"
    write_atomic(target, b"good")

    def refuse(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"broken")
    assert target.read_bytes() == b"good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_a_pdf_and_its_map_are_replaced_together_or_not_at_all(tmp_path: Path) -> None:
    from renderer.pdf import write_together

    pdf, layout_map = tmp_path / "report.pdf", tmp_path / "report.layout.json"
    write_together({pdf: b"old pdf", layout_map: b"old map"})
    layout_map.unlink()
    layout_map.mkdir()  # the map cannot be written now
    with pytest.raises(IsADirectoryError) as failure:
        write_together({pdf: b"new pdf", layout_map: b"new map"})
    assert failure.value.filename == str(layout_map)
    assert pdf.read_bytes() == b"old pdf"
    # (the lock file stays: removing it while another build waits on it would break the lock)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".impact-report.lock", "report.layout.json", "report.pdf"]

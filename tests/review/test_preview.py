"""Previews: a PNG per page and a contact sheet laid out in spreads as printed."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from renderer.review import preview, spreads


def test_spreads_put_page_one_alone_then_pairs() -> None:
    assert spreads([1, 2, 3, 4, 5, 6]) == [(None, 1), (2, 3), (4, 5), (6, None)]
    assert spreads([3, 4, 5]) == [(None, 3), (4, 5)]


def test_preview_writes_each_page_and_a_contact_sheet(baseline: tuple[Path, Path], tmp_path: Path) -> None:
    _, pdf = baseline
    result = preview(pdf, tmp_path / "p", [1, 2, 3], dpi=72)
    assert [p.name for p in result.pages] == ["page-001.png", "page-002.png", "page-003.png"]
    width, height = Image.open(result.pages[0]).size
    assert (width, height) == (612, 792)
    sheet = Image.open(result.contact_sheet)
    assert sheet.width > sheet.height  # two spreads side by side: (_, 1) and (2, 3)

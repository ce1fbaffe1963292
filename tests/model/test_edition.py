"""Reading an edition's manifest and page files."""

from __future__ import annotations

from pathlib import Path

from renderer.model.edition import listed_page_files
from tests.conftest import write_edition


def test_the_chart_hint_reads_only_the_first_page_files(tmp_path: Path) -> None:
    names = [f"{i:03d}.yaml" for i in range(70)]
    root = write_edition(tmp_path / "e", {n: "template: body\nblocks: []\n" for n in names})
    assert [p.name for p in listed_page_files(root)] == names
    assert [p.name for p in listed_page_files(root, 64)] == names[:64]

"""Small editions and their renderings for the review tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from renderer.build import Paths, build
from renderer.diagnostics import Sink
from tests.conftest import FONTS, LAYOUT, body_page, write_edition

TABLE = """\
type: table
id: by-state
caption: Cases by state
columns:
  - {key: state, label: State}
  - {key: active, label: Active}
  - {key: resolved, label: Resolved}
rows:
  - [AK, 5, 55]
  - [TX, 338, 2806]
  - [WY, 2, 13]
total: {label: Grand Total, values: [345, 2874]}
"""


def pages() -> dict[str, str]:
    out = {"00-cover.yaml": body_page("{type: paragraph, style: title, text: Review Test}", template="cover"),
           "01-contents.yaml": body_page("{type: contents}", template="contents")}
    for i in range(2, 9):
        blocks = [f"{{type: heading, level: {1 if i in (2, 6) else 2}, text: Section {i}}}",
                  f"{{type: paragraph, text: 'Page {i} says something of its own: {'lorem ipsum ' * (4 + i)}'}}",
                  f"{{type: figure, value: {1000 * i + 7}, label: cases on page {i}}}"]
        if i == 4:
            blocks.append(TABLE)
        out[f"{i:02d}-page.yaml"] = body_page(*blocks)
    return out


def render(root: Path, out: Path, layout: Path = LAYOUT) -> Path:
    sink = Sink()
    rendering = build(Paths(root, layout, FONTS), out, sink, chart_cache=out.parent / ".cache")
    assert rendering is not None, [d.render() for d in sink]
    return out


@pytest.fixture
def baseline(tmp_path: Path) -> tuple[Path, Path]:
    """(edition folder, its PDF)"""
    root = write_edition(tmp_path / "base", pages())
    return root, render(root, tmp_path / "base-out" / "base.pdf")


def variant(tmp_path: Path, base: Path, name: str) -> Path:
    root = tmp_path / name
    shutil.copytree(base, root)
    return root

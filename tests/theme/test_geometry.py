"""Lengths in layout/ are checked when the theme loads: no negative margins or zero type
sizes, a text area on every template, and running lines that stay in their margins."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from renderer.diagnostics import Sink
from renderer.theme import load_theme
from tests.conftest import FONTS, LAYOUT


def problems(tmp_path: Path, file: str, old: str, new: str) -> list[str]:
    layout = tmp_path / "layout"
    shutil.copytree(LAYOUT, layout)
    path = layout / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    sink = Sink()
    assert load_theme(layout, FONTS, sink) is None
    return [d.render() for d in sink.errors]


MARGINS = "margins: {top: 58, bottom: 72, left: 60, right: 60}"


@pytest.mark.parametrize("file, old, new, expected", [
    ("templates.yaml", MARGINS, MARGINS.replace("left: 60", "left: -5"),
     ["templates.yaml:5:38: error: 'left': must be at least 0, got -5"]),
    ("templates.yaml", "page_size: [612, 792]", "page_size: [0, 100000]",
     ["templates.yaml:4:13: error: 'page_size': must be at least 72, got 0",
      "templates.yaml:4:16: error: 'page_size': must be at most 14400, got 100000"]),
    ("templates.yaml", MARGINS, MARGINS.replace("left: 60, right: 60", "left: 300, right: 300"),
     ["templates.yaml:5:10: error: the margins leave less than 72 pt for text (12 × 662 pt) in templates "
      "'contents', 'opener', 'body'"]),
    ("templates.yaml", "  y: 36\n", "  y: 70\n",
     ["error: footer y 70 puts the footer into the text area of templates 'contents', 'opener', 'body' "
      "(bottom margin 72 pt)"]),
    ("templates.yaml", "  y: 34 ", "  y: 55 ",
     ["error: header y 55 puts the header into the text area of template 'body' (top margin 58 pt)"]),
    ("theme.yaml", "font_size: 8\n", "font_size: 0\n", ["'font_size': must be more than 0, got 0"]),
    ("theme.yaml", "font_size: 8\n", "font_size: 1000000000\n", ["'font_size': must be at most 288, got 1e+09"]),
    ("theme.yaml", "{face: black, size: 50,", "{face: black, size: 5000,",
     ["theme.yaml:66:42: error: 'size': must be at most 288, got 5000"]),
    ("theme.yaml", "bar: 190,", "bar: -1,", ["'heights' 'bar': must be more than 0, got -1"]),
    ("theme.yaml", "padding_x: 5,", "padding_x: -5,", ["'padding_x': must be at least 0, got -5"]),
])
def test_impossible_lengths_are_reported_where_written(tmp_path: Path, file: str, old: str, new: str,
                                                       expected: list[str]) -> None:
    found = problems(tmp_path, file, old, new)
    assert len(found) == len(expected), found
    for message, fragment in zip(found, expected):
        assert fragment in message, message

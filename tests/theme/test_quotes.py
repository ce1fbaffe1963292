"""Straight quotes typed in content print as typographic ones, everywhere text is set, unless
``layout/theme.yaml`` turns it off."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from renderer.build import Paths, render
from renderer.diagnostics import Sink
from renderer.theme.quotes import curl
from tests.conftest import FONTS, LAYOUT, body_page, errors_of, pdf_text, render_edition


@pytest.mark.parametrize("typed, printed", [
    ("NCMEC's call center", "NCMEC\u2019s call center"),
    ('considered "actively traded," meaning', "considered \u201cactively traded,\u201d meaning"),
    ('"sextortion"', "\u201csextortion\u201d"),
    ("the '90s and '20s", "the \u201990s and \u201920s"),
    ("victims' lives", "victims\u2019 lives"),
    ("she said 'no.'", "she said \u2018no.\u2019"),
    ('("quoted")', "(\u201cquoted\u201d)"),
    ('a="b"', "a=\u201cb\u201d"),
    ('He wrote: "\'Hope\' is why."', "He wrote: \u201c\u2018Hope\u2019 is why.\u201d"),
    ("no quotes at all", "no quotes at all"),
])
def test_quotes_turn_by_what_stands_before_them(typed: str, printed: str) -> None:
    assert curl(typed) == printed


def test_a_quote_at_the_start_of_a_run_looks_at_the_run_before() -> None:
    assert curl("'s call center", before="NCMEC") == "\u2019s call center"
    assert curl("'s", before="") == "\u2018s"


def test_quotes_are_typographic_in_text_cells_headings_and_outline(edition: Callable[..., Path]) -> None:
    root = edition(body_page(
        "{type: heading, level: 1, text: \"Children's Rights\"}",
        "{type: paragraph, text: \"**NCMEC**'s \\\"actively traded\\\" files\"}",
        """\
        type: table
        caption: Reports' sources
        columns: [{key: who, label: Who's reporting}, {key: n, label: Reports}]
        rows:
          - ["ESPs' reports", 5]
        """))
    rendering, sink = render_edition(root)
    assert rendering is not None, errors_of(sink)
    text = pdf_text(rendering.pdf)[0]
    for expected in ("Children\u2019s Rights", "NCMEC\u2019s \u201cactively traded\u201d files",
                     "Reports\u2019 sources", "Who\u2019s reporting", "ESPs\u2019 reports"):
        assert expected in text
    assert "'" not in text and '"' not in text
    assert rendering.layout_map.pages[0].section == "Children\u2019s Rights"


def test_layout_can_keep_typewriter_quotes(edition: Callable[..., Path], tmp_path: Path) -> None:
    layout = tmp_path / "layout"
    shutil.copytree(LAYOUT, layout)
    theme = layout / "theme.yaml"
    straight = theme.read_text(encoding="utf-8").replace("smart_quotes: true", "smart_quotes: false")
    theme.write_text(straight, encoding="utf-8")
    root = edition(body_page("{type: paragraph, text: \"NCMEC's \\\"actively traded\\\" files\"}"))
    sink = Sink()
    rendering = render(Paths(root, layout, FONTS), sink)
    assert rendering is not None, errors_of(sink)
    assert "NCMEC's \"actively traded\" files" in pdf_text(rendering.pdf)[0]

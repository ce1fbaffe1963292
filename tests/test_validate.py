"""The check stage's text checks (glyphs, word length): every printed text is found, in the
manifest, in blocks and in a table's cells, and each problem is reported at its own field."""

from __future__ import annotations

from pathlib import Path

import pytest

import renderer.blocks  # noqa: F401  (registers the block types)
from renderer.diagnostics import Sink
from renderer.validate import check_edition
from tests.conftest import FONTS, LAYOUT, body_page, write_edition

LONG = "x" * 301


def test_missing_glyphs_and_long_words_are_reported_at_each_field_in_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_edition(tmp_path / "ed", {"01.yaml": body_page(
        f"{{type: paragraph, text: 'a ✓ {LONG} ✓'}}",
        "type: table\ncaption: 'Cap ✗'\ncolumns:\n  - {key: k, label: 'K ✓'}\n  - {key: n, label: N}\n"
        f"rows:\n  - ['{LONG}', 1]\n  - ['b ✗', 2]",
        f"{{type: heading, level: 1, text: 'ok {LONG[:250]}'}}")},
        manifest=f"title: 'T ✓ {LONG}'\norganisation: Org\nyear: 2022\npublished: '2023-01-01'\npages: [01.yaml]\n")
    monkeypatch.chdir(tmp_path)
    sink = Sink()
    assert check_edition(Path("ed"), LAYOUT, FONTS, sink) is None
    seen = [d.render().split("\n")[0] for d in sink if "font" in d.message or "too long to set" in d.message]
    check, ballot = "'✓' (U+2713 CHECK MARK)", "'✗' (U+2717 BALLOT X)"
    too_long = "a word of 301 characters is too long to set (at most 300)"
    assert seen == [
        f"ed/manifest.yaml:1:8: error: 'title': character {check} is not in the Lato font",
        f"ed/01.yaml:3:29: error: character {check} is not in the Lato font",  # once for two
        f"ed/01.yaml:5:14: error: character {ballot} is not in the Lato font",  # the caption
        f"ed/01.yaml:7:7: error: character {check} is not in the Lato font",  # a column's label
        f"ed/01.yaml:10:7: error: character {ballot} is not in the Lato font",  # a cell
        f"ed/manifest.yaml:1:8: error: 'title': {too_long}",
        f"ed/01.yaml:3:29: error: 'text': {too_long}",
        f"ed/01.yaml:10:7: error: 'rows': {too_long}",
    ]

"""Chart labels of hostile length are fitted in time linear in their length (or n log n)."""

from __future__ import annotations

import time

from renderer.charts.text import ELLIPSIS, Measure
from renderer.diagnostics import Sink, Span
from renderer.theme.fonts import register_family
from tests.conftest import FONTS

register_family("Lato", {"regular": "Lato-Regular.ttf", "bold": "Lato-Bold.ttf", "italic": "Lato-Italic.ttf",
                         "bold_italic": "Lato-BoldItalic.ttf", "black": "Lato-Black.ttf"},
                FONTS, Span("test", 1, 1), Sink())


class _Look:
    font_files: tuple[tuple[str, str], ...] = ()
    font_names: tuple[tuple[str, str], ...] = ()

    def font(self, face: str) -> str:
        return {"regular": "Lato", "bold": "Lato-Bold"}[face]


def test_a_label_of_one_100000_character_word_is_cut_with_an_ellipsis_in_well_under_a_second() -> None:
    m = Measure(_Look())  # type: ignore[arg-type]
    start = time.perf_counter()
    lines, _ = m.fit("x" * 100_000, "regular", 9, 120, 3, 6)
    assert time.perf_counter() - start < 2  # cutting a character at a time took a minute
    assert len(lines) == 1 and lines[0].endswith(ELLIPSIS) and m.width(lines[0], "regular", 6) <= 120


def test_a_label_of_many_words_wraps_like_measuring_each_line_whole() -> None:
    m = Measure(_Look())  # type: ignore[arg-type]
    text = "children families reports analysts law enforcement hotline " * 30
    lines = m.wrap(text, "regular", 9, 100)
    assert " ".join(lines) == " ".join(text.split())
    assert all(m.width(line, "regular", 9) <= 100 for line in lines)
    assert all(m.width(a + " " + b.split()[0], "regular", 9) > 100 for a, b in zip(lines, lines[1:]))

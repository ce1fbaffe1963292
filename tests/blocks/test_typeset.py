"""Line breaking and drawing of runs: nothing wider than its column, nothing lost, and what is
drawn is what a reader copies out of the PDF."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.colors import black, blue
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from renderer.blocks.text import TextFlow
from renderer.blocks.typeset import Run, Word, break_lines, line_text, line_width, words
from renderer.blocks.typeset.hyphenate import Hyphenation, Rules
from renderer.blocks.typeset.lines import _Breaker
from renderer.blocks.typeset.write import _num, _segments, _start
from renderer.diagnostics import Sink, Span
from renderer.theme.fonts import register_family
from tests.conftest import FONTS, body_page, errors_of, render_edition

register_family("Lato", {"regular": "Lato-Regular.ttf", "bold": "Lato-Bold.ttf", "italic": "Lato-Italic.ttf",
                         "bold_italic": "Lato-BoldItalic.ttf", "black": "Lato-Black.ttf"},
                FONTS, Span("test", 1, 1), Sink())

STYLE = ParagraphStyle("t", fontName="Lato", fontSize=10, leading=13)


def run(text: str, font: str = "Lato", url: str | None = None) -> Run:
    return Run(text, font, 10, black if url is None else blue, url)


def test_a_word_in_two_runs_stays_one_word() -> None:
    (first, second) = words([run("calls: "), run("27,644", "Lato-Bold"), run(", up 5%")])[1:3]
    assert [p.text for p in first.pieces] == ["27,644", ","] and second.pieces[0].text == "up"


def test_a_word_longer_than_the_line_is_cut_between_characters_with_a_hyphen() -> None:
    lines = break_lines(words([run("x" * 80 + " end")]), 100)
    texts = [line_text(line) for line in lines]
    assert len(lines) > 2 and all(line_width(line) <= 100 for line in lines)
    assert all(t.endswith("-") for t in texts[:-1]) and not texts[-1].endswith("-")
    assert "".join(t.removesuffix("-") for t in texts).replace(" ", "") == "x" * 80 + "end"


def test_a_newline_breaks_the_line_and_spaces_collapse() -> None:
    lines = break_lines(words([run("one   two\nthree")]), 500)
    assert [line_text(line) for line in lines] == ["one two", "three"]


TEXT = st.lists(st.text(alphabet="abcdefghij ,.-AQW", min_size=1, max_size=14), min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(parts=TEXT, width=st.floats(min_value=20, max_value=400), bold=st.lists(st.booleans(), min_size=40, max_size=40))
def test_lines_fit_their_width_and_keep_every_word(parts: list[str], width: float, bold: list[bool]) -> None:
    runs = [run(p, "Lato-Bold" if b else "Lato") for p, b in zip(parts, bold)]
    lines = break_lines(words(runs), width)
    for line in lines:
        assert line_width(line) <= width + 1e-6 or (len(line) == 1 and len(line[0].pieces[0].text) <= 2)
    # a word cut because it is longer than the line ends its line with a hyphen it did not have
    joined = " ".join(line_text(line).removesuffix("-") if line and line[-1].pieces[-1].hyphen else line_text(line)
                      for line in lines)
    assert joined.replace(" ", "") == "".join(parts).replace(" ", "")


def test_a_split_paragraph_keeps_its_text_and_rewraps_its_own_part() -> None:
    text = " ".join(f"word{i}" for i in range(120))
    flow = TextFlow([run(text[:300]), run(text[300:], "Lato-Italic")], STYLE)
    _, height = flow.wrap(200, 1000)
    head, tail = flow.split(200, height / 2)
    assert (head.text + " " + tail.text).split() == text.split()
    tail.wrap(300, 1000)  # a part moved to a wider column sets only its own words
    assert " ".join(tail.lines()).split() == tail.text.split()


def test_a_justified_line_ends_at_the_column_edge_and_the_last_line_does_not() -> None:
    style = ParagraphStyle("j", parent=STYLE, alignment=TA_JUSTIFY)
    flow = TextFlow([run("Every child deserves a safe childhood. " * 6)], style)
    flow.wrap(240, 1000)
    first, last = flow.broken()[0], flow.broken()[-1]
    end = _segments(first, 0, (240 - line_width(first)) / (len(first) - 1))[-1]
    assert abs(end[0] + end[3] - 240) < 0.01
    assert line_width(last) < 235 and _segments(last, 0, 0)[-1][0] + _segments(last, 0, 0)[-1][3] < 235


def test_drawn_text_is_the_text_and_stays_in_its_column() -> None:
    flow = TextFlow([run("The CyberTipline received "), run("32 million", "Lato-Bold"),
                     run(" reports in 2022, " * 8), run("see the site", url="https://example.org")], STYLE)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(400, 400))
    _, height = flow.wrap(180, 400)
    flow.drawOn(canvas, 50, 350 - height)
    canvas.showPage()
    canvas.save()
    page = pdfium.PdfDocument(buffer.getvalue())[0]
    textpage = page.get_textpage()
    chars = textpage.count_chars()
    boxes = [textpage.get_charbox(i) for i in range(chars)]
    assert all(50 - 0.5 <= left and right <= 230 + 0.5 for left, _, right, _ in boxes)
    assert " ".join(textpage.get_text_range().split()) == " ".join(flow.text.split())
    assert b"/URI (https://example.org)" in buffer.getvalue()


def test_an_inline_link_is_clickable_over_its_words(edition: Callable[..., Path]) -> None:
    root = edition(body_page("{type: paragraph, text: 'Read [the full report](https://example.org/r) now.'}"))
    rendering, sink = render_edition(root)
    assert rendering is not None, errors_of(sink)
    page = pypdf.PdfReader(io.BytesIO(rendering.pdf)).pages[0]
    (annot,) = [a.get_object() for a in page["/Annots"] if a.get_object()["/Subtype"] == "/Link"
                and "/URI" in a.get_object()["/A"]]
    assert annot["/A"]["/URI"] == "https://example.org/r"
    x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
    assert 60 < x1 - x0 < 120 and 5 < y1 - y0 < 15  # "the full report" in 10 pt, one line


def test_a_soft_hyphen_is_invisible_unless_the_line_breaks_there() -> None:
    text = "The Child Victim Identi\u00adfi\u00adca\u00adtion Program"
    wide = break_lines(words([run(text)]), 500)
    assert [line_text(line) for line in wide] == ["The Child Victim Identification Program"]
    room = line_width(break_lines(words([run("The Child Victim Identifica-")]), 500)[0])
    narrow = break_lines(words([run(text)]), room + 1)
    assert [line_text(line) for line in narrow] == ["The Child Victim Identifica-", "tion Program"]


def test_a_soft_hyphen_never_reaches_the_page() -> None:
    flow = TextFlow([run("extra\u00adordinary " * 12)], STYLE)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(300, 300))
    _, height = flow.wrap(140, 300)
    flow.drawOn(canvas, 10, 290 - height)
    canvas.showPage()
    canvas.save()
    text = pdfium.PdfDocument(buffer.getvalue())[0].get_textpage().get_text_range()
    assert "\u00ad" not in text and "extraordinary" in text.replace("\r\n", " ")


def test_spaces_may_narrow_to_fit_a_word_but_the_line_stays_in_its_column() -> None:
    text = "requests for information NCMEC responded to in 2022"
    natural = line_width(break_lines(words([run("requests for information NCMEC")]), 1000)[0])
    width = natural - 0.2  # a little short: the last word fits only with narrower spaces
    assert line_text(break_lines(words([run(text)]), width)[0]) == "requests for information"
    line = break_lines(words([run(text)]), width, shrink=0.05)[0]
    assert line_text(line) == "requests for information NCMEC"
    x, spread = _start(line, 0, 1, [line, line], width, TA_LEFT)
    at, _, _, advance = _segments(line, x, spread)[-1]
    assert spread < 0 and abs(at + advance - width) < 0.01


def test_a_split_leaves_neither_a_widow_nor_an_orphan() -> None:
    flow = TextFlow([run(" ".join(f"word{i}" for i in range(200)))], STYLE)
    _, height = flow.wrap(150, 10_000)
    count = len(flow.lines())
    head, tail = flow.split(150, height - STYLE.leading)  # room for all lines but one
    assert len(head.lines()) == count - 2 and len(tail.lines()) == 2
    assert flow.split(150, STYLE.leading * 1.5) == []  # one line would be left alone at the foot


def test_the_parts_of_a_split_paragraph_keep_its_lines_and_text() -> None:
    flow = TextFlow([run("Every child deserves a safe **childhood**. " * 200)], STYLE)
    flow.wrap(240, 10_000)
    whole = flow.lines()
    parts: list[TextFlow] = []
    rest = flow
    while True:
        pieces = rest.split(240, 10 * STYLE.leading)
        if not pieces:
            break
        head, rest = pieces
        assert isinstance(head, TextFlow) and isinstance(rest, TextFlow)
        head.wrap(240, 10 * STYLE.leading)
        parts.append(head)
        rest.wrap(240, 10_000)
    parts.append(rest)
    assert [line for part in parts for line in part.lines()] == whole
    again = TextFlow(rest.runs, STYLE)  # the rest broken anew gives the same lines
    again.wrap(240, 10_000)
    assert again.lines() == rest.lines()


def test_a_long_word_with_soft_hyphens_is_broken_at_them_line_by_line_in_linear_time() -> None:
    import time

    text = "abc\u00ad" * 50_000  # took minutes when each line measured the rest of the word again
    start = time.perf_counter()
    lines = break_lines(words([run(text)]), 200)
    assert time.perf_counter() - start < 5
    assert all(line_width(line) <= 200 for line in lines)
    assert all(line_text(line).endswith("-") for line in lines[:-1])
    assert "".join(line_text(line)[:-1] for line in lines[:-1]) + line_text(lines[-1]) == "abc" * 50_000


def test_a_word_is_measured_in_its_own_font_and_size_whatever_was_measured_before() -> None:
    text = "Missing children found safely home again after years"
    for font, size in [("Lato", 10), ("Lato-Bold", 10), ("Lato", 14), ("Lato-Black", 7.5), ("Lato", 10)]:
        for word in words([Run(text, font, size, black)]):
            assert word.width == pytest.approx(stringWidth(word.pieces[0].text, font, size), abs=1e-9)


def test_the_same_text_breaks_by_its_own_font_and_size() -> None:
    text = "Every report is reviewed by an analyst who looks for a child in danger " * 3
    for font, size in [("Lato", 10), ("Lato-Black", 10), ("Lato", 12), ("Lato-Italic", 10), ("Lato", 10)]:
        lines = [line_text(line) for line in break_lines(words([Run(text, font, size, black)]), 200)]
        # each line fits in its own font and size, and is as full as they allow: the next
        # line's first word would not have fitted after it
        assert all(stringWidth(line, font, size) <= 200 + 1e-6 for line in lines)
        assert all(stringWidth(f"{line} {after.split()[0]}", font, size) > 200 for line, after in zip(lines, lines[1:]))
        assert " ".join(lines).split() == text.split()


def _breaker_only(items: list[Word], width: float, shrink: float) -> list[list[Word]]:
    """Every word placed by the breaker's own methods (no word added directly)."""
    breaker = _Breaker(width, shrink)
    last = len(items) - 1
    for n, word in enumerate(items):
        if word.newline and breaker.line:
            breaker.end_line()
        breaker.place_any(word, n == last or items[n + 1].newline)
    return breaker.finish()


_ENGLISH = Hyphenation(Rules()).for_language("en-US")
MIXED = st.lists(st.sampled_from(["a", "organization", "pre\u00adven\u00adtion", "27,644", "well-being",
                                  "x" * 40, "  ", "\n", " the ", "children's", "reports,"]), min_size=1, max_size=60)


@settings(max_examples=200, deadline=None)
@given(parts=MIXED, width=st.floats(min_value=15, max_value=300), shrink=st.sampled_from([0.0, 0.2]),
       looks=st.lists(st.tuples(st.sampled_from(["Lato", "Lato-Bold"]), st.sampled_from([8, 10, 13]),
                                st.booleans()), min_size=60, max_size=60))
def test_a_word_that_fits_is_added_as_the_breaker_itself_would(parts: list[str], width: float, shrink: float,
                                                                looks: list[tuple[str, int, bool]]) -> None:
    runs = [Run(p, font, size, black, hyphens=_ENGLISH if hyphenated else None)
            for p, (font, size, hyphenated) in zip(parts, looks)]
    items = words(runs)
    got, want = break_lines(items, width, shrink), _breaker_only(items, width, shrink)
    assert [[(w.width, [(p.text, p.width, p.hyphen) for p in w.pieces]) for w in line] for line in got] == \
        [[(w.width, [(p.text, p.width, p.hyphen) for p in w.pieces]) for w in line] for line in want]


@pytest.mark.parametrize(("value", "text"), [(0.0, "0"), (-0.0, "0"), (-0.001, "0"), (10, "10"), (12.5, "12.5"),
                                             (3.14159, "3.14"), (-1.999, "-2"), (0.005, "0.01"), (841.89, "841.89"),
                                             (-72.1, "-72.1")])
def test_a_coordinate_is_written_to_a_hundredth_without_trailing_zeros(value: float, text: str) -> None:
    assert _num(value) == text
    for i in range(5000):  # however many other coordinates were written before
        _num(i / 7)
    assert _num(value) == text

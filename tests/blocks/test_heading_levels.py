"""A tagged edition's headings are an outline: they start at level 1 and skip no level going down."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renderer.blocks.heading import Heading, check_levels
from renderer.build import Paths, render
from renderer.diagnostics import Sink, Span
from tests.conftest import FONTS, LAYOUT, body_page, errors_of, render_edition


def headings(*levels: int) -> str:
    return body_page(*(f"{{type: heading, level: {n}, text: 'Heading {i}'}}" for i, n in enumerate(levels)))


def test_a_skipped_level_is_refused_at_the_heading_that_skips(edition: Callable[..., Path]) -> None:
    rendering, sink = render_edition(edition(headings(1, 2, 1, 3)))
    assert rendering is None
    (message,) = [d.render() for d in sink.errors]
    # the fourth block (line 6) makes the skip; the message names the heading before it and its line
    assert "00-page.yaml:6:" in message
    assert "heading 'Heading 3' is level 3 after level 1 ('Heading 2' at " in message
    assert "00-page.yaml:5:" in message and "hint: make it level 2" in message


def test_an_edition_opening_below_level_1_is_refused(edition: Callable[..., Path]) -> None:
    rendering, sink = render_edition(edition(headings(2, 1)))
    assert rendering is None
    assert [d.render().split(": error: ")[1].splitlines()[0] for d in sink.errors] == [
        "the first heading, 'Heading 0', is level 2: the headings of a tagged edition start at level 1"]


def test_going_down_one_level_at_a_time_and_back_up_any_number_builds(edition: Callable[..., Path]) -> None:
    rendering, sink = render_edition(edition(headings(1, 2, 3, 3, 1, 2, 3, 2, 1)))
    assert rendering is not None, errors_of(sink)


def test_headings_inside_columns_are_read_in_content_order(edition: Callable[..., Path]) -> None:
    page = body_page("{type: heading, level: 1, text: Prevention}",
                     "{type: columns, columns: [[{type: heading, level: 3, text: Deep}], "
                     "[{type: paragraph, text: Words.}]]}")
    rendering, sink = render_edition(edition(page))
    assert rendering is None and "is level 3 after level 1 ('Prevention'" in "\n".join(errors_of(sink))


def test_every_problem_of_the_run_is_reported_at_once(edition: Callable[..., Path]) -> None:
    _, sink = render_edition(edition(headings(3, 1, 3)))
    assert len(sink.errors) == 2


def test_an_untagged_press_file_has_no_outline_to_keep(edition: Callable[..., Path]) -> None:
    # layout/templates.yaml prints PDF/X-1a:2001, which has no structure tree
    sink = Sink()
    rendering = render(Paths(edition(headings(2, 3)), LAYOUT, FONTS), sink, profile="press")
    assert rendering is not None, errors_of(sink)


def our_verdict(levels: list[int]) -> bool:
    sink = Sink()
    span = Span("x.yaml", 1, 1)
    check_levels((Heading(id=f"h{i}", span=span, text=f"H {i}", level=n) for i, n in enumerate(levels)), sink)
    return not sink.errors


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(1, 3), min_size=1, max_size=6))
def test_the_rule_is_the_one_typst_enforces_for_pdf_ua_1(tmp_path: Path, levels: list[int]) -> None:
    """Typst, compiling PDF/UA-1, refuses exactly the heading sequences we refuse."""
    typst = pytest.importorskip("typst", reason="typst is a test extra: pip install -e '.[test]'")
    source = tmp_path / "h.typ"
    source.write_text('#set document(title: "T")\n#set text(lang: "en")\n'
                      + "".join(f"{'=' * n} Heading {i}\n\nText.\n\n" for i, n in enumerate(levels)), encoding="utf-8")
    try:
        typst.compile(str(source), output=str(tmp_path / "h.pdf"), pdf_standards=["ua-1"], ignore_system_fonts=True)
        typst_accepts = True
    except Exception as exc:  # typst raises its own error type for a PDF/UA violation
        assert "heading" in str(exc), exc
        typst_accepts = False
    assert our_verdict(levels) == typst_accepts, levels


def test_a_block_that_could_not_be_read_does_not_make_its_neighbours_seem_to_skip(
        edition: Callable[..., Path]) -> None:
    # the level-1 heading has a typo, so it is missing from the edition; the level-2 one after
    # it is not blamed for that
    _, sink = render_edition(edition(body_page("{type: heading, levle: 1, text: Prevention}",
                                               "{type: heading, level: 2, text: Programs}")))
    assert sink.errors and not any("level" in d.message and "tagged" in d.message for d in sink.errors)

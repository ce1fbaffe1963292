"""The running footer's line: fields filled per page, no repeats, and only the known fields."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from renderer.diagnostics import Sink
from renderer.theme import load_theme
from renderer.theme.running import check_running_text, running_text
from tests.conftest import FONTS, LAYOUT

VALUES = {"title": "Our 2022 Impact", "section": "Missing Children", "year": "2022"}


@pytest.mark.parametrize("text, values, line", [
    ("{title}  ·  {section}", VALUES, "Our 2022 Impact  ·  Missing Children"),
    ("{title}  ·  {section}", {**VALUES, "section": "Our 2022 Impact"}, "Our 2022 Impact"),
    ("{section}  ·  {title}", {**VALUES, "section": "Our 2022 Impact"}, "Our 2022 Impact"),
    ("{section}  ·  {title}", {**VALUES, "section": ""}, "Our 2022 Impact"),
    ("Annual report {year}: {title} / {section}.", VALUES, "Annual report 2022: Our 2022 Impact / Missing Children."),
    ("{title} ({year})", VALUES, "Our 2022 Impact (2022)"),
    ("{{{title}}}", VALUES, "{Our 2022 Impact}"),
])
def test_footer_line_fills_fields_and_leaves_out_repeats(text: str, values: dict[str, str], line: str) -> None:
    assert check_running_text(text) == []
    assert running_text(text, values) == line


@pytest.mark.parametrize("text, problem", [
    ("{title} · {sektion}", "unknown field 'sektion'"),
    ("{title.__class__}", "unknown field 'title.__class__'"),
    ("{title!r}", "field 'title' takes no format or conversion"),
    ("{year:>10}", "field 'year' takes no format or conversion"),
    ("{0}", "unknown field '0'"),
    ("{title", "expected '}'"),
])
def test_footer_line_names_only_known_fields(text: str, problem: str) -> None:
    problems = check_running_text(text)
    assert len(problems) == 1 and problem in problems[0]


@pytest.mark.parametrize("field, what", [("{section}", "footer text"), ("{organisation}", "header text")])
def test_bad_running_line_is_reported_at_its_line(field: str, what: str, tmp_path: Path) -> None:
    layout = tmp_path / "layout"
    shutil.copytree(LAYOUT, layout)
    templates = layout / "templates.yaml"
    source = templates.read_text(encoding="utf-8")
    assert source.count(field) == 1
    bad = field[:-1] + ".__init__}"
    templates.write_text(source.replace(field, bad), encoding="utf-8")
    line = next(n for n, text in enumerate(source.splitlines(), 1) if field in text)
    sink = Sink()
    assert load_theme(layout, FONTS, sink) is None
    messages = [d.render() for d in sink.errors]
    assert len(messages) == 1
    assert f"templates.yaml:{line}:" in messages[0] and f"{what}: unknown field '{bad[1:-1]}'" in messages[0]


def test_a_running_line_that_fits_is_left_as_it_is() -> None:
    from renderer.theme.running import fit_running
    assert fit_running("Our 2022 Impact · Prevention", 200, lambda t: 5.0 * len(t)) == "Our 2022 Impact · Prevention"


def test_a_long_running_line_is_cut_at_a_space_with_an_ellipsis() -> None:
    from renderer.theme.running import fit_running
    line = "Our 2022 Impact · Child Sexual Exploitation and Online Enticement"
    cut = fit_running(line, 5.0 * 40, lambda t: 5.0 * len(t))
    assert cut == "Our 2022 Impact · Child Sexual…" and len(cut) <= 40


def test_a_long_word_is_cut_where_it_must_be_and_nothing_is_left_if_nothing_fits() -> None:
    from renderer.theme.running import fit_running
    assert fit_running("Report · " + "x" * 80, 5.0 * 30, lambda t: 5.0 * len(t)) == "Report · " + "x" * 20 + "…"
    assert fit_running("Report", 3.0, lambda t: 5.0 * len(t)) == ""

"""Styles and component looks are declared by their users and checked against layout/theme.yaml.

A style or look that a block type (or a running line) reads and the theme leaves out is an
error at the line of ``styles:`` or ``components:``, naming who needs it; ``build`` stops there
instead of raising a KeyError in compose.
"""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from renderer.blocks import HANDLERS
from renderer.cli import main
from renderer.diagnostics import Sink
from renderer.paginate.document import FOOTER_STYLES, HEADER_STYLES
from renderer.theme import load_theme
from renderer.theme.styles import StyleSheet
from tests.conftest import EDITION_2020, EDITION_2022, FONTS, LAYOUT, ROOT, render_edition

DECLARED_STYLES = {n for h in HANDLERS.values() for n in h.styles} | set(FOOTER_STYLES) | set(HEADER_STYLES)


def _without(source: str, key: str) -> str:
    """``source`` with the entry ``key`` (two spaces in) and its continuation lines removed."""
    lines, out, skipping = source.splitlines(keepends=True), [], False
    for line in lines:
        if line.startswith(f"  {key}:"):
            skipping = True
            continue
        if skipping and line.startswith("   "):
            continue  # an entry written over several lines
        skipping = False
        out.append(line)
    assert len(out) < len(lines), f"no entry '{key}' in theme.yaml"
    return "".join(out)


def _layout(tmp_path: Path, edit: Callable[[str], str]) -> tuple[Path, str]:
    layout = tmp_path / "layout"
    shutil.copytree(LAYOUT, layout)
    theme = layout / "theme.yaml"
    theme.write_text(edit(theme.read_text(encoding="utf-8")), encoding="utf-8")
    return layout, theme.read_text(encoding="utf-8")


def _line_of(source: str, section: str) -> int:
    return next(i for i, line in enumerate(source.splitlines(), 1) if line.startswith(f"{section}:"))


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


# (entry removed from theme.yaml, its section, who needs it)
MISSING = [
    ("quote.text", "styles", "'quote' blocks"),
    ("heading.2", "styles", "'heading' blocks"),
    ("body.lead", "styles", "'paragraph' blocks"),
    ("figure.value", "styles", "'figure' blocks and 'figure_row' blocks"),
    ("table.cell.number", "styles", "'table' blocks"),
    ("chart.title", "styles", "'chart' blocks"),
    ("list.number", "styles", "'list' blocks"),
    ("note.text", "styles", "'note' blocks"),
    ("cta.link", "styles", "'cta' blocks"),
    ("image.caption", "styles", "'image' blocks"),
    ("contents.entry", "styles", "'contents' blocks"),
    ("link", "styles", "'paragraph' blocks"),
    ("footer.folio", "styles", "the running footer"),
    ("header.text", "styles", "the running header"),
    ("quote", "components", "'quote' blocks"),
    ("table", "components", "'table' blocks"),
    ("banner", "components", "'heading' blocks"),
    ("figure", "components", "'figure' blocks"),
]


@pytest.mark.parametrize("name, section, user", MISSING, ids=[m[0] for m in MISSING])
def test_check_reports_missing_style_or_look_at_its_theme_line(name: str, section: str, user: str, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    layout, source = _layout(tmp_path, lambda s: _without(s, name))
    code, err = _run(capsys, "check", str(EDITION_2022), "--layout", str(layout), "--fonts", str(FONTS))
    what = "style" if section == "styles" else "component look"
    assert code == 1, err
    line = _line_of(source, section)
    expected = re.compile(rf"theme\.yaml:{line}:1: error: {what} '{re.escape(name)}' is not defined "
                          rf"\(needed by [^)]*{re.escape(user)}")
    assert expected.search(err), err
    assert "Traceback" not in err


def test_misspelt_style_has_a_did_you_mean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    layout, source = _layout(tmp_path, lambda s: s.replace("\n  quote.text:", "\n  quote.txt:"))
    code, err = _run(capsys, "check", str(EDITION_2020), "--layout", str(layout), "--fonts", str(FONTS))
    assert code == 1
    assert f"theme.yaml:{_line_of(source, 'styles')}:1: error: style 'quote.text' is not defined" in err
    assert "hint: did you mean 'quote.txt'?" in err


def test_missing_style_suggests_no_name_another_block_uses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 'note.text' is close to 'quote.text' but is the note's own: suggesting it would mislead.
    layout, _ = _layout(tmp_path, lambda s: _without(s, "quote.text"))
    _, err = _run(capsys, "check", str(EDITION_2020), "--layout", str(layout), "--fonts", str(FONTS))
    assert "did you mean 'note.text'" not in err
    assert "hint: add 'quote.text' under 'styles:'" in err


@pytest.mark.parametrize("name", ["quote.text", "quote", "columns", "footer.text"])
def test_build_without_a_style_or_look_exits_1_without_a_traceback(name: str, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    layout, _ = _layout(tmp_path, lambda s: _without(s, name))
    code, err = _run(capsys, "build", str(EDITION_2020), "-o", str(tmp_path / "out.pdf"), "--layout", str(layout),
                     "--fonts", str(FONTS), "--quiet")
    assert code == 1 and f"'{name}' is not defined" in err, err
    assert not (tmp_path / "out.pdf").exists()


@pytest.fixture(scope="module")
def looked_up() -> Iterator[set[str]]:
    """Every style name read while both editions are built."""
    seen: set[str] = set()
    originals = {m: getattr(StyleSheet, m) for m in ("para", "font", "scaled")}

    def recording(method: Any) -> Any:
        def wrapper(self: StyleSheet, name: str, *args: Any) -> Any:
            seen.add(name)
            return method(self, name, *args)
        return wrapper

    mp = pytest.MonkeyPatch()
    for name, method in originals.items():
        mp.setattr(StyleSheet, name, recording(method))
    try:
        for edition in (EDITION_2022, EDITION_2020):
            rendering, sink = render_edition(edition)
            assert rendering is not None, [d.render() for d in sink.errors]
        yield seen
    finally:
        mp.undo()


def test_every_style_looked_up_while_building_is_declared(looked_up: set[str]) -> None:
    assert {"quote.text", "footer.folio", "heading.1"} <= looked_up  # the recording works
    assert looked_up - DECLARED_STYLES == set()


def _style_literals() -> Iterator[tuple[str, str]]:
    """Every string in renderer/ that is a style name layout/theme.yaml defines, and its file."""
    sink = Sink()
    from renderer.theme import load_theme
    theme = load_theme(LAYOUT, FONTS, sink)
    assert theme is not None
    names = set(theme.data.styles)
    for path in sorted((ROOT / "renderer").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names:
                yield node.value, str(path.relative_to(ROOT))


def test_every_style_named_in_the_code_is_declared() -> None:
    # A lookup the builds above do not reach (a rare branch) is caught by its name in the code.
    undeclared = sorted({(name, path) for name, path in _style_literals() if name not in DECLARED_STYLES})
    assert undeclared == []


def test_every_declared_look_is_a_component_field() -> None:
    from renderer.theme.model import LOOK_NAMES
    assert {n for h in HANDLERS.values() for n in h.looks} <= LOOK_NAMES


def test_a_look_without_its_spacing_is_refused_at_its_line_not_built_with_other_spacing(tmp_path: Path) -> None:
    layout = tmp_path / "layout"
    shutil.copytree(LAYOUT, layout)
    theme = layout / "theme.yaml"
    text = theme.read_text()
    theme.write_text(text.replace("padding: 26, space_after: 16}", "padding: 26}"))
    line = next(i for i, row in enumerate(theme.read_text().splitlines(), 1) if row.lstrip().startswith("banner:"))
    sink = Sink()
    assert load_theme(layout, FONTS, sink) is None
    assert any(f"theme.yaml:{line}:" in d.render() and "missing key 'space_after' in banner" in d.render()
               for d in sink.errors)

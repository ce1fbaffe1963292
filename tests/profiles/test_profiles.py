"""Output profiles: one registry that the command line and the layout agree with, answers
checked against the standards' own values, and a profile added by one module alone."""

from __future__ import annotations

import argparse
import ast
import dataclasses
import importlib
import io
import pkgutil
from pathlib import Path
from typing import Any, Literal, get_args, get_type_hints

import pypdf
import pytest

import renderer.profiles as profiles_package
from renderer.build import Paths, render
from renderer.cli import _parser
from renderer.diagnostics import Sink, Span
from renderer.profiles import PROFILES, OutputProfile
from renderer.theme.model import Press, TemplatesFile
from tests.conftest import FONTS, LAYOUT, body_page, errors_of, write_edition

PACKAGE = Path(__file__).resolve().parents[2] / "renderer"
SCREEN, PRESS = PROFILES["screen"], PROFILES["press"]


def _choices(command: str) -> tuple[str, ...]:
    sub = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    option = next(a for a in sub.choices[command]._actions if "--profile" in a.option_strings)
    assert option.choices is not None
    return tuple(option.choices)


@pytest.mark.parametrize("command", ["build", "check", "preflight"])
def test_the_command_line_offers_exactly_the_registered_profiles(command: str) -> None:
    from renderer.preflight.ua import PROFILE as UA

    # preflight also offers the PDF/UA checks, under the name their module gives them
    assert _choices(command) == tuple(PROFILES) + ((UA,) if command == "preflight" else ())


def test_the_layout_allows_exactly_the_registered_profiles() -> None:
    allowed = get_args(get_type_hints(TemplatesFile)["profile"])
    assert sorted(allowed) == sorted(PROFILES)


def test_every_profile_module_is_registered_under_its_name() -> None:
    modules = [m.name for m in pkgutil.iter_modules(profiles_package.__path__) if m.name not in ("base", "standards")]
    for name in modules:
        profile = importlib.import_module(f"renderer.profiles.{name}").PROFILE
        assert PROFILES.get(profile.name) is profile, name
    assert len(modules) == len(PROFILES)


def _name_comparisons(path: Path) -> list[int]:
    """Lines of ``path`` that compare something with a profile's name."""
    names = set(PROFILES)
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Constant) and s.value in names for s in sides):
                lines.append(node.lineno)
    return lines


def test_nothing_outside_the_profiles_compares_profile_names() -> None:
    found = {str(p.relative_to(PACKAGE)): lines for p in PACKAGE.rglob("*.py")
             if "profiles" not in p.relative_to(PACKAGE).parts and (lines := _name_comparisons(p))}
    assert not found, f"ask the OutputProfile instead: {found}"


def test_screen_has_no_sheet() -> None:
    g = SCREEN.geometry(612, 792)
    assert (SCREEN.colour_space, SCREEN.links, SCREEN.separates_pictures, SCREEN.min_ppi) == ("RGB", True, False, None)
    assert (g.offset, g.media, g.bleed) == (0.0, (612, 792), 9.0)  # backgrounds still run past the edge
    assert not (SCREEN.page_boxes or SCREEN.marks or SCREEN.slug)
    assert SCREEN.standard is None and SCREEN.pdf_version is None
    assert SCREEN.bind(Press(span=Span("t", 1, 1))) is SCREEN  # a screen build ignores press: settings


@pytest.mark.parametrize("standard, version", [("PDF/X-1a:2001", (1, 3)),  # ISO 15930-1: PDF 1.3
                                               ("PDF/X-4", (1, 6))])       # ISO 15930-7: PDF 1.6
def test_press_is_bound_to_the_layouts_settings(standard: Literal["PDF/X-1a:2001", "PDF/X-4"],
                                                version: tuple[int, int]) -> None:
    press = PRESS.bind(Press(span=Span("t", 1, 1), bleed=9, standard=standard, registration=True))
    g = press.geometry(612, 792)
    assert (press.colour_space, press.links, press.separates_pictures, press.min_ppi) == ("CMYK", False, True, 300)
    assert (press.standard, press.pdf_version) == (standard, version)
    assert press.page_boxes and press.marks and press.registration and press.slug
    assert g.trim_box == (45, 45, 657, 837) and g.bleed_box == (36, 36, 666, 846)


class _Canvas:
    """Records the state a profile opens and closes."""

    def __init__(self) -> None:
        self.depth = 0
        self.calls: list[str] = []

    def saveState(self) -> None:  # noqa: N802 (reportlab's name)
        self.depth += 1

    def restoreState(self) -> None:  # noqa: N802
        self.depth -= 1

    def __getattr__(self, name: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> _Canvas:
            self.calls.append(name)
            return self
        return record


@pytest.mark.parametrize("profile", [SCREEN, PRESS.bind(Press(span=Span("t", 1, 1)))], ids=["screen", "press"])
def test_the_page_transform_is_closed_by_its_own_profile(profile: OutputProfile) -> None:
    canvas = _Canvas()
    profile.begin_page(canvas, profile.geometry(612, 792))
    opened = canvas.depth
    profile.end_page(canvas)
    assert (opened, canvas.depth) == ((1, 0) if profile.sheet else (0, 0))
    assert ("translate" in canvas.calls) == profile.sheet


def _links(pdf: bytes) -> int:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return sum(len(page.get("/Annots") or []) for page in reader.pages)


def test_a_profile_added_in_one_place_changes_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A "proof" edition: the screen one without links, registered by the test alone.
    monkeypatch.setitem(PROFILES, "proof", dataclasses.replace(SCREEN, name="proof", links=False))
    root = write_edition(tmp_path / "edition", {"01-page.yaml": body_page(
        "{type: paragraph, text: 'See [our site](https://example.org).'}")})
    pdfs = {}
    for name in ("screen", "proof"):
        sink = Sink()
        rendering = render(Paths(root, LAYOUT, FONTS), sink, profile=name)
        assert rendering is not None, errors_of(sink)
        pdfs[name] = rendering.pdf
    assert _links(pdfs["screen"]) == 1 and _links(pdfs["proof"]) == 0

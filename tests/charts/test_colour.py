"""The palette: distinguishable for readers with colour-vision deficiencies and in grayscale,
and text on fills at WCAG AA contrast.

Thresholds. CIEDE2000 (ΔE00) of about 1 is a just-noticeable difference between two patches
side by side; chart marks must be told apart at a glance and across a page (a legend swatch
against a bar), where ≈10 is the usual floor for categorical palettes. We ask for 12, a
margin above that floor, under each simulated deficiency (Machado et al. 2009, severity 1.0)
and between the grays a grayscale print makes of them.
"""

from __future__ import annotations

import itertools

import pytest

from renderer.charts.colour import contrast, delta_e, delta_e_lab, grayscale, luminance, simulate, text_on

from .samples import LOOK

SERIES = ["#1F5FA8", "#D9641E", "#9CC7EA", "#0E2A53"]
INK, WHITE = LOOK.text, "#FFFFFF"
DISTINCT = 12.0


def test_ciede2000_matches_sharma_reference_pairs() -> None:
    # Sharma, Wu & Dalal (2005), table 1: pairs 1, 7, 25 and 34.
    assert delta_e_lab((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert delta_e_lab((50, 0, 0), (50, -1, 2)) == pytest.approx(2.3669, abs=1e-4)
    assert delta_e_lab((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387)) == pytest.approx(1.2644, abs=1e-4)
    assert delta_e_lab((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514)) == pytest.approx(0.9082, abs=1e-4)


def test_wcag_contrast_reference_values() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert luminance("#FFFFFF") == pytest.approx(1.0)


def test_simulation_keeps_grays_and_is_a_dichromacy() -> None:
    for kind in ("deuteranopia", "protanopia", "tritanopia"):
        assert simulate("#808080", kind) == "#808080"  # rows of each matrix sum to 1
    # Red and green collapse for deuteranopes; blue and yellow stay apart.
    assert delta_e(simulate("#D62728", "deuteranopia"), simulate("#2CA02C", "deuteranopia")) < 15
    assert delta_e(simulate("#1F77B4", "deuteranopia"), simulate("#FFD700", "deuteranopia")) > 40


@pytest.mark.parametrize("kind", ["deuteranopia", "protanopia", "tritanopia"])
def test_series_palette_distinct_under_colour_vision_deficiency(kind: str) -> None:
    for a, b in itertools.combinations(SERIES, 2):
        assert delta_e(simulate(a, kind), simulate(b, kind)) >= DISTINCT, (kind, a, b)  # type: ignore[arg-type]


def test_series_palette_distinct_in_grayscale() -> None:
    for a, b in itertools.combinations(SERIES, 2):
        assert delta_e(grayscale(a), grayscale(b)) >= DISTINCT, (a, b)


def test_ramp_runs_light_to_dark_and_carries_tile_text() -> None:
    lums = [luminance(c) for c in LOOK.ramp]
    assert lums == sorted(lums, reverse=True)
    for fill in LOOK.ramp:
        assert contrast(text_on(fill, INK), fill) >= 4.5, fill


def test_which_series_fills_can_carry_labels() -> None:
    """Labels go inside a fill only at ≥ 4.5:1; the chart code moves them out otherwise. Today
    the orange (#D9641E: 4.24 with ink, 3.63 with white) and the slate (#6E7F95) cannot carry
    labels; #DF6B1F (ΔE00 2.4 from the brand orange) would, keeping the palette distinct."""
    readable = {c for c in LOOK.series_colors if contrast(text_on(c, INK), c) >= 4.5}
    assert set(LOOK.series_colors) - readable == {"#D9641E", "#6E7F95"}
    fixed = ["#1F5FA8", "#DF6B1F", "#9CC7EA", "#0E2A53"]
    assert contrast(text_on("#DF6B1F", INK), "#DF6B1F") >= 4.5
    for a, b in itertools.combinations(fixed, 2):
        assert delta_e(grayscale(a), grayscale(b)) >= DISTINCT
        for kind in ("deuteranopia", "protanopia"):
            assert delta_e(simulate(a, kind), simulate(b, kind)) >= DISTINCT  # type: ignore[arg-type]

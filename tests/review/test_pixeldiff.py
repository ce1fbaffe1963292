"""Colour difference against the standard's own test data, and the pixel comparison on the
cases that decide whether a reviewer trusts it: a recolouring an eye sees counts, a shift of
an edge by a fraction of a pixel (anti-aliasing) and a colour step no eye sees do not."""

from __future__ import annotations

import numpy as np
import pytest

from renderer.review.colour import ciede2000, delta_e_pixels, hex_delta_e, srgb_to_lab
from renderer.review.pixeldiff import compare

# Sharma, Wu and Dalal (2005), "The CIEDE2000 Color-Difference Formula", Table 1 (a selection
# that exercises each term: hue rotation, the G correction, near-neutral and large differences).
SHARMA = [
    ((50.0000, 2.6772, -79.7751), (50.0000, 0.0000, -82.7485), 2.0425),
    ((50.0000, 3.1571, -77.2803), (50.0000, 0.0000, -82.7485), 2.8615),
    ((50.0000, 0.0000, 0.0000), (50.0000, -1.0000, 2.0000), 2.3669),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0009), 7.1792),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0011), 7.2195),
    ((50.0000, 2.5000, 0.0000), (73.0000, 25.0000, -18.0000), 27.1492),
    ((50.0000, 2.5000, 0.0000), (50.0000, 3.1736, 0.5854), 1.0000),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
    ((90.9257, -0.5406, -0.9208), (88.6381, -0.8985, -0.7239), 1.5381),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
]


@pytest.mark.parametrize(("lab1", "lab2", "expected"), SHARMA)
def test_ciede2000_matches_sharmas_test_data(lab1: tuple[float, ...], lab2: tuple[float, ...],
                                             expected: float) -> None:
    assert float(ciede2000(np.array(lab1), np.array(lab2))) == pytest.approx(expected, abs=5e-5)
    assert float(ciede2000(np.array(lab2), np.array(lab1))) == pytest.approx(expected, abs=5e-5)


def test_srgb_white_and_a_primary_in_lab() -> None:
    white, red = srgb_to_lab(np.array([[255, 255, 255], [255, 0, 0]]))
    assert white == pytest.approx([100, 0, 0], abs=1e-3)
    assert red == pytest.approx([53.24, 80.09, 67.20], abs=0.02)  # sRGB red, D65 (Lindbloom)


def test_distinct_pairs_give_the_same_difference_as_every_pixel_on_its_own() -> None:
    rng = np.random.default_rng(7)
    a = np.repeat(rng.integers(0, 256, (400, 3)), 5, axis=0)
    b = a.copy()
    b[::4] = rng.integers(0, 256, (len(b[::4]), 3))
    assert np.allclose(delta_e_pixels(a, b), ciede2000(srgb_to_lab(a), srgb_to_lab(b)))


def page(fill: tuple[int, int, int] = (255, 255, 255)) -> np.ndarray:
    return np.full((120, 160, 3), fill, dtype=np.uint8)


def test_a_banner_recoloured_by_a_visible_step_is_a_change_with_its_delta_e() -> None:
    a, b = page(), page()
    a[20:60, 10:150] = (0x0E, 0x2A, 0x53)
    b[20:60, 10:150] = (0x12, 0x3A, 0x6B)
    result = compare(a, b)
    assert result.share == pytest.approx(40 * 140 / (120 * 160))
    assert result.max_delta_e == pytest.approx(round(hex_delta_e("#0E2A53", "#123A6B"), 1))
    assert len(result.regions) == 1


def test_a_colour_step_no_eye_sees_is_no_change() -> None:
    a, b = page(), page()
    a[20:60, 10:150] = (0x0E, 0x2A, 0x53)
    b[20:60, 10:150] = (0x0E, 0x2A, 0x54)
    assert compare(a, b).share == 0.0


def strokes(ink: tuple[int, int, int], offset: float) -> np.ndarray:
    """Vertical strokes 2 px wide with anti-aliased edges, shifted right by ``offset`` px."""
    img = page().astype(float)
    for x0 in range(10, 150, 8):
        for x in range(x0 - 1, x0 + 4):
            cover = max(0.0, min(x + 1, x0 + offset + 2) - max(x, x0 + offset))
            img[10:110, x] = img[10:110, x] * (1 - cover) + np.array(ink) * cover
    return np.round(img).astype(np.uint8)


def test_edges_moved_by_a_fraction_of_a_pixel_are_anti_aliasing_not_a_change() -> None:
    assert compare(strokes((30, 37, 50), 0.0), strokes((30, 37, 50), 0.4)).share == 0.0


def test_strokes_set_in_another_colour_are_a_change_though_every_pixel_is_an_edge() -> None:
    result = compare(strokes((0x0E, 0x2A, 0x53), 0.0), strokes((0x12, 0x3A, 0x6B), 0.0))
    assert result.share > 0.05 and result.max_delta_e > 4


def test_a_stroke_moved_by_whole_pixels_is_a_change() -> None:
    assert compare(strokes((30, 37, 50), 0.0), strokes((30, 37, 50), 3.0)).share > 0.05


def test_masked_pixels_are_left_out() -> None:
    a, b = page(), page()
    b[100:110, 10:30] = 0
    mask = np.zeros(a.shape[:2], dtype=bool)
    mask[95:115, 5:35] = True
    assert compare(a, b, mask=mask).share == 0.0 and compare(a, b).share > 0

"""Every chart kind, at full and half column width: text inside the box, no text on text,
labels and formatted numbers present as real text, and readable text on fills."""

from __future__ import annotations

from functools import cache

import pytest

from renderer.charts import ChartSpec, Op, Series
from renderer.charts.colour import contrast
from renderer.charts.draw import draw

from .geometry import fill_under, ink_box, inside, overlaps, texts
from .samples import FULL, HALF, LOOK, decimals, samples, spec, stress

KINDS = list(samples())
WIDTHS = [FULL, HALF]


@cache
def ops_for(kind: str, width: float) -> list[Op]:
    return draw(samples(width)[kind], LOOK)


def check_layout(s: ChartSpec, ops: list[Op]) -> None:
    runs = texts(ops)
    assert runs, "a chart without text"
    box = (0.0, 0.0, s.width, s.height)
    for op in runs:
        assert inside(ink_box(op), box), f"{op.text!r} outside the {s.width}×{s.height} box: {ink_box(op)}"
        assert op.font.startswith("Lato")
    for i, a in enumerate(runs):
        for b in runs[i + 1:]:
            assert not overlaps(ink_box(a), ink_box(b)), f"{a.text!r} overlaps {b.text!r}"
    for op in runs:
        fill = fill_under(ops, op)
        if fill is not None:
            assert contrast(op.color, fill) >= 4.5, f"{op.text!r}: {op.color} on {fill}"
        else:  # on the page: white would vanish, so it must be the look's ink or muted colour
            assert op.color.upper() in {LOOK.text.upper(), LOOK.muted.upper()}, f"{op.text!r} in {op.color}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", KINDS)
def test_layout(kind: str, width: float) -> None:
    check_layout(samples(width)[kind], ops_for(kind, width))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(stress()))
def test_stress_layout(name: str, width: float) -> None:
    s = stress(width)[name]
    check_layout(s, draw(s, LOOK))


def test_percent_stack_labels_small_parts_at_the_end() -> None:
    strings = [op.text for op in texts(draw(stress(HALF)["stacked-percent"], LOOK))]
    assert "100.0%" not in strings and "100%" not in strings
    assert {"91.2%", "8.8%", "4.9%"} <= set(strings)


def words(ops: list[Op]) -> str:
    return " ".join(op.text for op in texts(ops))


@pytest.mark.parametrize("width", WIDTHS)
def test_bar_labels_and_numbers(width: float) -> None:
    ops = ops_for("bar", width)
    strings = {op.text for op in texts(ops)}
    assert {"27,644", "18,501", "3,144", "1,226", "482", "96"} <= strings
    for word in "Online enticement, including \"sextortion\" Lost, Injured, or Otherwise Missing".split():
        assert word in words(ops).split()


def test_dollar_signs_print_literally() -> None:
    assert "$5 and $10 gift card scams" in {op.text for op in texts(ops_for("bar", FULL))}


def test_percent_labels_keep_their_digits() -> None:
    strings = {op.text for op in texts(ops_for("share_bar", FULL))}
    assert {"20.93%", "54.10%", "18.47%", "6.50%"} <= strings


def test_donut_shows_total_and_shares() -> None:
    strings = {op.text for op in texts(ops_for("donut", FULL))}
    assert {"21,149", "18,501", "87%"} <= strings


def test_stacked_bar_has_legend_and_totals() -> None:
    strings = {op.text for op in texts(ops_for("stacked_bar", FULL))}
    assert {"Resolved", "Active", "18,501", "17,920"} <= strings


def test_state_map_tiles_and_note() -> None:
    strings = [op.text for op in texts(ops_for("state_map", FULL))]
    for code in ("TX", "CA", "DC", "PR", "AK", "HI"):
        assert code in strings
    assert "3,144" in strings
    assert any(s.startswith("Not on the map: Unknown 310, VI 3") for s in strings)


def test_waffle_single_percentage() -> None:
    s = spec("waffle", ("Children recovered",), Series("Share", decimals("91.5")), fmt="percent")
    ops = draw(s, LOOK)
    check_layout(s, ops)
    assert "91.5%" in {op.text for op in texts(ops)}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", ["bar", "column", "stacked_bar", "donut", "share_bar", "waffle"])
def test_crowded_long_labels_fit(kind: str, width: float) -> None:
    labels = tuple(f"{name} number {i}" for i, name in enumerate(
        ["Online enticement, including \"sextortion\"", "Lost, Injured, or Otherwise Missing",
         "Child sex trafficking", "Unaccompanied minors at the border and elsewhere", "Other",
         "Endangered runaway", "Family abduction", "Critically missing young adult (18–20)",
         "Nonfamily abduction", "Antidisestablishmentarianism"]))
    values = decimals(*(10 ** (i % 5) * 7 + i for i in range(len(labels))))
    series = (Series("Resolved", values), Series("Active", values)) if kind == "stacked_bar" else \
        (Series("Reports", values),)
    s = spec(kind, labels, *series, width=width)  # type: ignore[arg-type]
    check_layout(s, draw(s, LOOK))


def test_negative_values_draw_both_ways() -> None:
    for kind in ("bar", "column"):
        s = spec(kind, ("Up", "Down", "Flat"), Series("Change", decimals(120, -45, 0)))  # type: ignore[arg-type]
        ops = draw(s, LOOK)
        check_layout(s, ops)
        assert "-45" in {op.text for op in texts(ops)}


def test_every_registered_kind_is_drawn_here_and_described_by_its_own_name() -> None:
    from renderer.charts.alt import alt_text
    from renderer.charts.kinds import KINDS as REGISTERED

    assert set(KINDS) == set(REGISTERED)
    for name, kind in REGISTERED.items():
        assert alt_text(samples()[name], "T").startswith(f"{kind.described_as}, T: ")

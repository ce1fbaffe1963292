"""Number formats, shares, waffle squares, map classes, the tile grid and alt text."""

from __future__ import annotations

from decimal import Decimal

from renderer.charts import Series, alt_text
from renderer.charts.statemap import TILES, breaks, class_of
from renderer.charts.text import Measure, order, share_labels, share_text
from renderer.charts.waffle import allocate
from renderer.numerals import number_style

from .samples import LOOK, STATES, decimals, samples, spec

EN, DE = number_style("en"), number_style("de")


def test_number_and_percent_formats() -> None:
    s = spec("bar", ("a",), Series("x", decimals(1)))
    assert s.shown(Decimal("27644")) == "27,644"
    assert s.shown(Decimal("1234567.50")) == "1,234,567.50"
    assert s.shown(Decimal("1E+3")) == "1,000"
    assert s.shown(Decimal("20.93"), "percent") == "20.93%"
    assert s.shown(Decimal("5"), "percent") == "5%"


def test_shares() -> None:
    assert share_text(Decimal(1), Decimal(3), EN) == "33%"
    assert share_text(Decimal(1), Decimal(200), EN) == "0.5%"
    assert share_text(Decimal(1), Decimal(100000), EN) == "<0.1%"
    assert (share_labels(decimals("20.93", "54.10", "18.47", "6.50"), "percent", EN)
            == ("20.93%", "54.10%", "18.47%", "6.50%"))
    assert share_labels(decimals(1, 3), "number", EN) == ("25%", "75%")


def test_shares_as_the_language_prints_them() -> None:
    assert share_text(Decimal(1), Decimal(200), DE) == "0,5\u00a0%"
    assert share_text(Decimal(1), Decimal(100000), DE) == "<0,1\u00a0%"
    assert share_labels(decimals(1, 3), "number", DE) == ("25\u00a0%", "75\u00a0%")


def test_sort_orders_categories() -> None:
    s = spec("bar", ("a", "b", "c"), Series("x", decimals(2, 3, 1)), sort="descending")
    assert order(s) == (1, 0, 2)


def test_waffle_squares_add_up_to_a_hundred() -> None:
    assert allocate(decimals(17460, 231, 810)) == [94, 1, 5]
    assert sum(allocate(decimals(1, 1, 1))) == 100
    assert allocate(decimals(0, 0)) == [0, 0]


def test_map_classes() -> None:
    values = [Decimal(v) for code, v in STATES.items() if code in TILES]
    bounds = breaks(values)
    assert len(bounds) == 5 and bounds == sorted(bounds)
    assert class_of(Decimal(3144), bounds) == 4 and class_of(Decimal(12), bounds) == 0
    assert breaks([Decimal(5)] * 10) == [Decimal(5)]


def test_tile_grid_is_complete_and_unique() -> None:
    states = set("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
                 "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split())
    assert set(TILES) == states | {"DC", "PR"}
    assert len(set(TILES.values())) == len(TILES)


def test_wrap_and_fit() -> None:
    m = Measure(LOOK)
    lines, size = m.fit("Online enticement, including \"sextortion\"", "regular", 8, 90, 2, 6)
    assert len(lines) <= 2 and all(m.width(x, "regular", size) <= 90 for x in lines)
    lines, _ = m.fit("Antidisestablishmentarianism forever and ever", "regular", 8, 30, 1, 8)
    assert lines[0].endswith("\u2026") and m.width(lines[0], "regular", 8) <= 30


def test_alt_text() -> None:
    s = spec("state_map", tuple(STATES), Series("Reports", decimals(*STATES.values())))
    text = alt_text(s, "Reports by state")
    assert text.startswith("Map of US states, Reports by state: TX 3,144 highest, CA 2,990, FL 2,101")
    assert text.endswith("VI 3 lowest; 54 values.")
    donut = alt_text(samples()["donut"], "Cases")  # few enough to read out whole, largest first as drawn
    assert donut == ("Donut chart, Cases: Endangered runaway: 18,501 (87%); Family abduction: 1,226 (6%); "
                     "Lost, Injured, or Otherwise Missing: 916 (4%); Critically missing young adult: 410 (2%); "
                     "Nonfamily abduction: 96 (0.5%).")
    stacked = alt_text(samples()["stacked_bar"], "Status")
    assert stacked.startswith("Stacked bar chart, Status: Endangered runaway: Resolved 17,920, Active 581 "
                              "(total 18,501); Family abduction: Resolved 1,011, Active 215 (total 1,226);")
    bars = alt_text(samples()["column"], "Cases")
    assert bars == "Column chart, Cases: 2018: 23,500; 2019: 25,980; 2020: 27,644; 2021: 29,310; 2022: 31,102."

"""Labels inside chart parts reach WCAG 4.5:1 against their fill or stand outside it, on the
background; the state map draws the regions it has data for and those the layout names, and
keeps "No data" apart from the lightest class."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from renderer.charts import Series
from renderer.charts.colour import contrast, delta_e
from renderer.charts.draw import draw
from renderer.charts.ops import PathOp
from tests.conftest import body_page, render_edition, write_edition

from .geometry import fill_under, ink_box, path_box, texts
from .samples import FULL, LOOK, decimals, spec

# Neither the ink (#1E2532) nor white reaches 4.5:1 on this orange: its share used to vanish.
ORANGE = "#D9641E"
LOW = dataclasses.replace(LOOK, series_colors=("#1F5FA8", ORANGE, "#9CC7EA"))


def test_the_palette_colour_is_one_no_ink_reads_on() -> None:
    assert contrast(LOOK.text, ORANGE) < 4.5 and contrast("#FFFFFF", ORANGE) < 4.5


def test_every_share_label_is_drawn_and_readable_where_it_stands() -> None:
    for kind in ("pie", "donut", "share_bar"):
        s = spec(kind, ("Blue", "Orange", "Sky"), Series("S", decimals(45, 35, 20)), fmt="percent", width=FULL)  # type: ignore[arg-type]
        ops = draw(s, LOW)
        shares = [op for op in texts(ops) if op.text in ("45%", "35%", "20%") and op.font == "Lato-Bold"]
        on_parts = {op.text for op in shares}
        assert on_parts >= {"45%", "35%", "20%"}, (kind, on_parts)
        for op in shares:
            under = fill_under(ops, op) or LOW.background
            assert contrast(op.color, under) >= 4.5, (kind, op.text, op.color, under)
        orange = next(op for op in shares if op.text == "35%")
        assert (fill_under(ops, orange) or LOW.background) == LOW.background  # moved off its part


def test_an_outside_pie_label_stays_in_the_chart_box_and_clear_of_the_legend() -> None:
    s = spec("pie", ("Blue", "Orange"), Series("S", decimals(60, 40)), fmt="percent", width=FULL)  # type: ignore[arg-type]
    ops = draw(s, LOW)
    label = next(op for op in texts(ops) if op.text == "40%")
    x0, y0, x1, y1 = ink_box(label)
    assert x0 >= 0 and y0 >= 0 and y1 <= s.height
    legend = [op for op in texts(ops) if op.text == "Orange"]
    assert legend and all(x1 < ink_box(op)[0] for op in legend)


def state_map(labels: dict[str, int], regions: tuple[str, ...] = ()) -> list[str]:
    s = spec("state_map", tuple(labels), Series("R", decimals(*labels.values())), width=FULL)
    return [op.text for op in texts(draw(s, dataclasses.replace(LOOK, regions=regions)))]


def test_the_state_map_draws_only_regions_with_data_and_those_the_layout_names() -> None:
    drawn = state_map({"TX": 10, "CA": 20, "NY": 5})
    assert {"TX", "CA", "NY"} <= set(drawn) and "PR" not in drawn and "No data" not in drawn
    drawn = state_map({"TX": 10, "CA": 20, "NY": 5}, regions=("TX", "CA", "NY", "WY"))
    assert "WY" in drawn and "No data" in drawn and "PR" not in drawn


def test_no_data_is_outlined_background_unlike_the_lightest_class() -> None:
    s = spec("state_map", ("TX", "CA", "NY", "FL", "OH"), Series("R", decimals(1, 2, 3, 4, 5)), width=FULL)
    ops = draw(s, dataclasses.replace(LOOK, regions=("WY",)))
    paths = [op for op in ops if isinstance(op, PathOp) and op.fill]
    empty = [op for op in paths if op.stroke is not None and op.fill.lower() == LOOK.background.lower()]
    lightest = [op for op in paths if op.fill.lower() == LOOK.ramp[0].lower()]
    assert empty and lightest and all(op.stroke is None or op.width == 0 for op in lightest)
    tile = max(empty, key=lambda op: path_box(op)[2] - path_box(op)[0])
    assert contrast(tile.stroke or "", LOOK.background) >= 3.0  # the outline is seen (WCAG non-text 3:1)
    assert delta_e(LOOK.ramp[0], LOOK.background) > 0  # and the classes are filled, "No data" is not


def test_an_unknown_state_is_warned_about_at_its_line_with_a_did_you_mean(tmp_path: Path) -> None:
    root = write_edition(tmp_path / "ed", {"01.yaml": body_page(
        "type: chart\nkind: state_map\ntitle: By state\ndata:\n  - {label: CA, value: 3}\n"
        "  - {label: Texas, value: 5}\n  - {label: Unknown, value: 1}\n  - {label: Nwe York, value: 2}")})
    rendering, sink = render_edition(root)
    assert rendering is not None
    warnings = [d.render() for d in sink.warnings]
    texas = next(w for w in warnings if "'Texas'" in w)
    assert "01.yaml:8:" in texas and "did you mean 'TX'" in texas
    assert any("'Nwe York'" in w and "did you mean 'NY'" in w for w in warnings)
    assert not any("'Unknown'" in w for w in warnings)



"""A chart whose drawing fails is reported at its block's line, like any other content error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from renderer.charts import artist
from tests.conftest import body_page, errors_of, render_edition


def test_a_failed_drawing_names_the_chart_and_its_line(edition: Callable[..., Path], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any) -> Any:
        raise ValueError("figure size must be positive finite")

    # no worker pool (a render without one starts none for a single chart), so the one chart
    # is drawn in this process, by the function patched here
    monkeypatch.setattr(artist, "draw_and_store", refuse)
    root = edition(body_page(
        "{type: paragraph, text: Before the chart.}",
        "{type: chart, id: calls, kind: bar, title: Calls by year, data: [{label: '2021', value: 5}]}"))
    rendering, sink = render_edition(root, cache=tmp_path / "empty-cache")
    assert rendering is None
    (message,) = errors_of(sink)
    assert "00-page.yaml:4:" in message  # the chart is the second block
    assert "chart 'Calls by year' could not be drawn (ValueError: figure size must be positive finite)" in message

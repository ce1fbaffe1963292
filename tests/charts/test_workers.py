"""How many chart workers a build starts: each pays matplotlib's import before its first chart,
so one draws a report's few charts while the build lays out its pages on the other core."""

from __future__ import annotations

from pathlib import Path

import pytest

from renderer.charts import artist
from renderer.cli import _charts_mentioned
from tests.conftest import ROOT, body_page, write_edition


@pytest.mark.parametrize(("cores", "charts", "workers"), [
    (2, 1, 1), (2, 12, 1), (2, 500, 1),      # two cores: the build keeps one
    (1, 12, 1),                              # one core: still one worker
    (8, 12, 1), (8, 50, 1), (8, 51, 2), (8, 1000, 7),
])
def test_workers_by_charts_and_cores(monkeypatch: pytest.MonkeyPatch, cores: int, charts: int, workers: int) -> None:
    monkeypatch.setattr(artist.os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    assert artist.workers_for(charts) == workers


def test_the_chart_blocks_of_the_page_files_are_counted(tmp_path: Path) -> None:
    bar = "type: chart\nkind: bar\ntitle: T\ndata:\n  - {label: A, value: 1}"
    pie = "{type: chart, kind: pie, title: P, data: [{label: A, value: 1}]}"
    root = write_edition(tmp_path / "e", {"01-a.yaml": body_page(bar, pie), "02-b.yaml": body_page(pie)})
    assert _charts_mentioned(root) == 3
    assert _charts_mentioned(ROOT / "content" / "2022") == 12
    assert _charts_mentioned(ROOT / "content" / "2020") == 0

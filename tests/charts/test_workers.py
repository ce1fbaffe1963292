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


def test_only_a_chart_drawing_counts_as_a_warm_cache(tmp_path: Path) -> None:
    from renderer.charts.cache import holds_drawings

    folder = tmp_path / ".chart-cache"
    folder.mkdir()
    (folder / "hyphenation.json").write_text("{}")
    (folder / f"font-{'a' * 64}.bin").write_bytes(b"")
    assert not holds_drawings(folder)  # a first build of an edition with charts gets its head start
    (folder / f"{'0f' * 32}.json").write_text("{}")
    assert holds_drawings(folder)
    assert not holds_drawings(tmp_path / "absent")


def test_a_build_of_an_edition_without_charts_starts_no_chart_worker(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    # A first build into a fresh folder, as `impact-report build` runs it: no chart, no worker.
    program = ("import json, sys\n"
               "import renderer.charts.artist as artist\n"
               "started, pool = [], artist._pool\n"
               "artist._pool = lambda workers: started.append(workers) or pool(workers)\n"
               "from renderer.cli import main\n"
               "code = main(sys.argv[1:])\n"
               "print(json.dumps({'code': code, 'workers': started}))\n")
    root = write_edition(tmp_path / "e", {"01-a.yaml": body_page("{type: paragraph, text: Words.}")})
    done = subprocess.run([sys.executable, "-c", program, "build", str(root), "-o", str(tmp_path / "out" / "r.pdf"),
                           "-q"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report == {"code": 0, "workers": []}

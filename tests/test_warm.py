"""What a process that builds again and again keeps between builds (``renderer.warm``): a build
with it writes the bytes of a build without it, an unchanged page file is not parsed again but
what it reported is reported again, and a file is known changed by its bytes."""

from __future__ import annotations

import os
import shutil
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from reportlab.lib.colors import Color

import renderer.model.edition as edition_module
from renderer.blocks.typeset import Run
from renderer.blocks.typeset.memo import LineMemo
from renderer.build import Paths, render
from renderer.diagnostics import Sink
from renderer.warm import FileDigests, KeptPool, Warm
from tests.conftest import FONTS, LAYOUT, body_page, write_edition

PAGES = {
    "01-words.yaml": body_page("{type: heading, level: 1, text: Words}",
                               "{type: paragraph, text: A paragraph of words that runs over a line or two.}"),
    "02-more.yaml": body_page("{type: heading, level: 2, text: More}", "{type: paragraph, text: Another paragraph.}"),
}


def _pdf(paths: Paths, warm: Warm | None) -> bytes:
    sink = Sink()
    rendering = render(paths, sink, warm=warm)
    assert rendering is not None, [d.render() for d in sink.errors]
    return rendering.pdf


def test_a_warm_build_writes_the_bytes_of_a_build_without_it(tmp_path: Path) -> None:
    root = write_edition(tmp_path / "edition", PAGES)
    layout = tmp_path / "layout"
    shutil.copytree(LAYOUT, layout)
    paths, warm = Paths(root, layout, FONTS), Warm()
    first = _pdf(paths, warm)
    assert first == _pdf(paths, None) == _pdf(paths, warm)

    page = root / "02-more.yaml"
    page.write_text(page.read_text(encoding="utf-8").replace("Another", "One more"), encoding="utf-8")
    edited = _pdf(paths, warm)
    assert edited != first and edited == _pdf(paths, None)

    theme = layout / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace('"#0E2A53"', '"#530E2A"', 1), encoding="utf-8")
    restyled = _pdf(paths, warm)
    assert restyled != edited and restyled == _pdf(paths, None)


def test_an_unchanged_page_file_is_not_parsed_again_but_its_errors_are_reported_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = {**PAGES, "02-more.yaml": body_page("{type: paragraph, txet: Misspelt.}")}
    root = write_edition(tmp_path / "edition", pages)
    parsed: list[str] = []
    parse = edition_module.parse_yaml
    monkeypatch.setattr(edition_module, "parse_yaml",
                        lambda raw, shown, *a: parsed.append(shown) or parse(raw, shown, *a))
    paths, warm = Paths(root, LAYOUT, FONTS), Warm()
    reports = []
    for _ in range(3):
        sink = Sink()
        assert render(paths, sink, warm=warm) is None
        reports.append([d.render() for d in sink.errors])
    assert len(parsed) == 2  # each page file once
    assert reports[0] == reports[1] == reports[2]
    assert any("02-more.yaml:3:" in r and "txet" in r for r in reports[0]), reports[0]

    (root / "02-more.yaml").write_text(PAGES["02-more.yaml"], encoding="utf-8")
    assert render(paths, Sink(), warm=warm) is not None
    assert [Path(p).name for p in parsed[2:]] == ["02-more.yaml"]


def test_a_file_rewritten_with_its_old_size_and_time_is_known_changed(tmp_path: Path) -> None:
    folder = tmp_path / "fonts"
    folder.mkdir()
    font = folder / "Face.ttf"
    font.write_bytes(b"one font")
    digests = FileDigests()
    before = digests.of_folder(folder)
    assert digests.of_folder(folder) == before
    st = font.stat()
    font.write_bytes(b"two font")  # the same length
    os.utime(font, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the old time
    assert digests.of_folder(folder) != before
    font.write_bytes(b"one font")
    assert digests.of_folder(folder) == before  # the same bytes: the same key


def test_lines_kept_between_builds_are_drawn_in_their_own_colour() -> None:
    memo = LineMemo()
    navy, red = Color(0.05, 0.16, 0.33), Color(0.8, 0.1, 0.1)
    first = memo.lines([Run("Same words", "Helvetica", 10, navy)], 200, 0)
    memo.next_build()
    again = memo.lines([Run("Same words", "Helvetica", 10, Color(0.05, 0.16, 0.33))], 200, 0)
    other = memo.lines([Run("Same words", "Helvetica", 10, red)], 200, 0)
    assert again is first
    assert {p.run.colour for line in other for w in line for p in w.pieces} == {red}


def test_kept_chart_workers_start_afresh_after_one_died() -> None:
    pool = KeptPool()
    try:
        died = pool.submit(os._exit, 1)
        with pytest.raises(BrokenProcessPool):
            died.result(timeout=60)
        assert pool.submit(pow, 2, 10).result(timeout=60) == 1024
    finally:
        pool.close()

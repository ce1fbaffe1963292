"""The watch loop with real saves: every rebuild writes what a cold build of the same files
writes, byte for byte; a content error keeps the last good PDF; Ctrl-C ends it with 0."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import Watching, cold_build, edit


def outputs(w: Watching) -> tuple[bytes, bytes]:
    return w.output.read_bytes(), w.output.with_suffix(".layout.json").read_bytes()


def test_each_rebuild_is_byte_identical_to_a_cold_build(watching: Watching, tmp_path: Path) -> None:
    w = watching
    first = w.rebuilt()
    assert "first build → 3 pages" in first, first
    assert outputs(w) == cold_build(w, tmp_path / "cold0")

    edits = [  # (file, old, new): content, a layout value, content again
        (w.edition / "body.yaml", "Hope is why we're here.", "Hope is why we are all here."),
        (w.layout / "theme.yaml", 'navy:       {rgb: "#0E2A53"', 'navy:       {rgb: "#2A0E53"'),
        (w.edition / "table.yaml", "[Family Abduction, 316", "[Family Abductions, 316"),
    ]
    for k, (path, old, new) in enumerate(edits, start=1):
        before = outputs(w)
        edit(path, old, new)
        line = w.rebuilt()
        assert f"{path.name} changed → 3 pages" in line, line
        assert "ms" in line and "error" not in line, line
        now = outputs(w)
        assert now != before, f"edit {k} changed nothing in the PDF"
        assert now == cold_build(w, tmp_path / f"cold{k}"), f"rebuild {k} differs from a cold build"
    assert w.stop() == 0
    assert w.seen[-1] == "watch: stopped"


def test_an_error_keeps_the_last_good_pdf_until_it_is_fixed(watching: Watching, tmp_path: Path) -> None:
    w = watching
    w.rebuilt()
    good = outputs(w)
    table = w.edition / "table.yaml"
    edit(table, "caption: Gender Breakdown", "captoin: Gender Breakdown")
    edit(w.edition / "body.yaml", "{type: heading, level: 2, text: A sub-heading}", "{type: heading, levle: 2}")
    line = w.rebuilt()
    assert "errors; the last good PDF is kept" in line, line
    messages = [s for s in w.seen if ": error: " in s]
    # file:line:col of each, and every problem, not the first only
    assert any(re.search(r"(^|/)edition/body\.yaml:\d+:\d+: error: .*levle", s) for s in messages), w.seen
    assert any(re.search(r"(^|/)edition/table\.yaml:\d+:\d+: error: ", s) for s in messages), w.seen
    assert outputs(w) == good

    edit(table, "captoin: Gender Breakdown", "caption: Gender Breakdown")
    edit(w.edition / "body.yaml", "{type: heading, levle: 2}", "{type: heading, level: 2, text: A sub-heading}")
    line = w.rebuilt()
    while "error" in line:  # the two saves may arrive as two rebuilds; the last one is clean
        line = w.rebuilt()
    assert "3 pages, no page looks different" in line, line
    assert outputs(w) == good == cold_build(w, tmp_path / "cold")
    assert w.stop() == 0

"""The watch loop with real saves: every rebuild writes what a cold build of the same files
writes, byte for byte (content, layout, pictures and fonts edited, page files added and
deleted, a broken line and its fix); a content error keeps the last good PDF; Ctrl-C ends it
with 0."""

from __future__ import annotations

import io
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

from .conftest import Watching, cold_build, edit


def outputs(w: Watching) -> tuple[bytes, bytes]:
    return w.output.read_bytes(), w.output.with_suffix(".layout.json").read_bytes()


def save(w: Watching, path: Path, text: str | bytes) -> str:
    """Write ``path`` whole, as an editor saves it, and wait for the rebuild that follows."""
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return w.rebuilt()


def replaced(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    return text.replace(old, new, 1)


def picture(colour: tuple[int, int, int]) -> bytes:
    """A 40 × 30 PNG of one colour."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="PNG")
    return out.getvalue()


PICTURES = """template: body
blocks:
  - {type: heading, level: 2, text: A picture}
  - {type: image, src: sky.png, alt: A blue sky over a green field, caption: The view from the office, width: half}
  - {type: chart, kind: bar, title: Calls, data: [{label: Twenty twenty-one, value: 90}, {label: "2022", value: 110}]}
"""


def test_each_rebuild_is_byte_identical_to_a_cold_build(watching: Watching, tmp_path: Path) -> None:
    """Saves of every kind a designer makes, one after another in one watch process; after
    each good one the PDF and its layout map are those of a fresh build of the same files."""
    w = watching
    first = w.rebuilt()
    assert "first build → 3 pages" in first, first
    assert outputs(w) == cold_build(w, tmp_path / "cold0")
    manifest, body = w.edition / "manifest.yaml", w.edition / "body.yaml"
    listed = "pages: [cover.yaml, body.yaml, table.yaml]"
    regular, italic = (w.fonts / "Lato-Regular.ttf").read_bytes(), (w.fonts / "Lato-Italic.ttf").read_bytes()
    # (what, file, its new bytes, made when the step comes, what the rebuild's line says)
    steps: list[tuple[str, Path, Callable[[], str | bytes], str]] = [
        ("a paragraph's words", body, lambda: replaced(body, "Hope is why we're here.", "Hope is why we are all here."),
         "body.yaml changed → 3 pages"),
        ("a palette colour", w.layout / "theme.yaml",
         lambda: replaced(w.layout / "theme.yaml", 'navy:       {rgb: "#0E2A53"', 'navy:       {rgb: "#2A0E53"'),
         "theme.yaml changed → 3 pages"),
        ("a table row", w.edition / "table.yaml",
         lambda: replaced(w.edition / "table.yaml", "[Family Abduction, 316", "[Family Abductions, 316"),
         "table.yaml changed → 3 pages"),
        ("a margin", w.layout / "templates.yaml", lambda: _wider_margin(w.layout / "templates.yaml"),
         "templates.yaml changed → 3 pages"),
        ("a picture, not yet placed", w.edition / "sky.png", lambda: picture((120, 170, 230)), "3 pages"),
        ("a new page file, not yet listed", w.edition / "pictures.yaml", lambda: PICTURES, "3 pages"),
        ("the new page file listed", manifest, lambda: replaced(manifest, listed, listed[:-1] + ", pictures.yaml]"),
         "manifest.yaml changed → 4 pages"),
        ("the picture replaced", w.edition / "sky.png", lambda: picture((200, 90, 60)), "sky.png changed → 4 pages"),
        ("the chart's colour", w.layout / "theme.yaml",
         lambda: replaced(w.layout / "theme.yaml", 'blue:       {rgb: "#1F5FA8"', 'blue:       {rgb: "#1F5F18"'),
         "theme.yaml changed → 4 pages"),
        ("a font file replaced", w.fonts / "Lato-Regular.ttf", lambda: italic, "Lato-Regular.ttf changed → 4 pages"),
        ("the font file back", w.fonts / "Lato-Regular.ttf", lambda: regular, "Lato-Regular.ttf changed → 4 pages"),
    ]
    for k, (what, path, text, said) in enumerate(steps, start=1):
        before = outputs(w)
        line = save(w, path, text())
        assert said in line and "error" not in line, f"{what}: {line}"
        if "not yet" not in what:
            assert outputs(w) != before, f"{what} changed nothing in the PDF"
        assert outputs(w) == cold_build(w, tmp_path / f"cold{k}"), f"after {what}, the rebuild differs from cold"

    good = outputs(w)
    line = save(w, body, body.read_text(encoding="utf-8") + "  - {type: paragraph, text: [unclosed\n")
    assert "error" in line and "the last good PDF is kept" in line, line
    assert any(re.search(r"(^|/)edition/body\.yaml:\d+:\d+: error: invalid YAML", s) for s in w.seen), w.seen
    assert outputs(w) == good
    line = save(w, body, body.read_text(encoding="utf-8").replace("[unclosed\n", "Unclosed no more.}\n"))
    assert "body.yaml changed → 4 pages" in line and "error" not in line, line
    assert outputs(w) == cold_build(w, tmp_path / "fixed")

    (w.edition / "pictures.yaml").unlink()  # deleted while still listed: an error
    line = w.rebuilt()
    assert "pictures.yaml deleted → 1 error" in line, line
    line = save(w, manifest, replaced(manifest, ", pictures.yaml]", "]"))
    assert "manifest.yaml changed → 3 pages" in line and "error" not in line, line
    assert outputs(w) == cold_build(w, tmp_path / "deleted")
    assert w.stop() == 0
    assert w.seen[-1] == "watch: stopped"


def _wider_margin(templates: Path) -> str:
    text = templates.read_text(encoding="utf-8")
    found = re.search(r"(margins:\s*\{[^}]*?left:\s*)(\d+)", text)
    assert found, "no page margins in templates.yaml"
    return text[:found.start(2)] + str(int(found.group(2)) + 12) + text[found.end(2):]


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


def _processes_in(folder: Path) -> set[int]:
    """Processes whose working folder is ``folder`` (the watch and its chart workers)."""
    found = set()
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and Path(os.readlink(proc / "cwd")) == folder:
                found.add(int(proc.name))
        except OSError:
            continue
    return found


def test_chart_workers_end_with_a_watch_killed_outright(watching: Watching, tmp_path: Path) -> None:
    w = watching
    w.rebuilt()
    save(w, w.edition / "pictures.yaml", PICTURES.replace("  - {type: image", "  # {type: image"))
    manifest = w.edition / "manifest.yaml"
    line = save(w, manifest, replaced(manifest, "table.yaml]", "table.yaml, pictures.yaml]"))
    assert "4 pages" in line, line  # its chart drawn by the workers, which stay up for the next
    workers = _processes_in(tmp_path) - {w.process.pid}
    assert workers, "no chart worker is running"
    w.process.kill()
    w.process.wait()
    deadline = time.monotonic() + 20
    while _processes_in(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _processes_in(tmp_path), "chart workers outlived the watch"

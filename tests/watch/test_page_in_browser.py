"""The preview page in a real browser (Debian's Chromium, driven by Playwright) against a real
watch process: it loads, follows an edit without a reload fetching only the changed page,
outlines the changed region where it is at any zoom, shows an error over the last good pages,
names a table row's file and line on a click, scrolls to and outlines a revealed source line,
and lays the pages out in spreads as printed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .conftest import CASE, ENV, Watching, edit, start_watch

ROW = "      - [Family Abduction, 316, 923, 1239]"
PAD = 3  # CSS pixels between a changed region and its outline (page.html)


def wait_for_build(page: Any, generation: int) -> None:
    page.wait_for_function(f"Number(document.body.dataset.generation) >= {generation}", timeout=60_000)


def open_preview(browser: Any, url: str, frozen: bool = True) -> Any:
    # The page's Content-Security-Policy forbids evaluating strings, which is how Playwright
    # asks the page questions: the test context lets it. With the clock frozen, an outline
    # stays until the test has measured it (it fades after a few seconds).
    page = browser.new_context(bypass_csp=True, viewport={"width": 1400, "height": 1100}).new_page()
    if frozen:
        page.clock.install()
    page.goto(url)
    wait_for_build(page, 1)
    page.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    return page


def on_screen(page: Any, number: int, box: list[float]) -> dict[str, float]:
    """Where a box in points of page ``number`` is in the viewport, in CSS pixels."""
    rect = page.locator(f"figure.page[data-page='{number}']").bounding_box()
    w, h = 612.0, 792.0
    return {"x": rect["x"] + box[0] / w * rect["width"], "y": rect["y"] + (h - box[3]) / h * rect["height"],
            "width": (box[2] - box[0]) / w * rect["width"], "height": (box[3] - box[1]) / h * rect["height"]}


def close(a: dict[str, float], b: dict[str, float], pad: float = 0.0) -> bool:
    return (abs(a["x"] - (b["x"] - pad)) < 1.5 and abs(a["y"] - (b["y"] - pad)) < 1.5
            and abs(a["width"] - (b["width"] + 2 * pad)) < 1.5 and abs(a["height"] - (b["height"] + 2 * pad)) < 1.5)


def layout_of(w: Watching) -> dict[str, Any]:
    return dict(json.loads(w.output.with_suffix(".layout.json").read_text()))


def row_place(layout: dict[str, Any], label: str) -> tuple[dict[str, Any], dict[str, Any]]:
    table = next(b for b in layout["pages"][2]["blocks"] if b["type"] == "table" and b["rows"])
    return table, next(r for r in table["rows"] if r["label"] == label)


def test_preview_follows_edits_and_names_sources(browser: Any, watching: Watching) -> None:
    w = watching
    w.rebuilt()
    fetched: list[str] = []
    page = browser.new_context(bypass_csp=True, viewport={"width": 1400, "height": 1100}).new_page()
    page.on("request", lambda r: fetched.append(urlparse(r.url).path) if "/page/" in r.url else None)
    page.clock.install()
    page.goto(w.url)
    wait_for_build(page, 1)
    page.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    assert sorted(fetched) == ["/page/1.png", "/page/2.png", "/page/3.png"]
    assert page.locator("figure.page").count() == 3
    assert page.locator("figure.page img").nth(2).evaluate("i => i.naturalWidth") == 816  # 8.5 in at 96 dpi
    assert page.locator(".change").count() == 0  # nothing is outlined on the first look
    page.evaluate("window.notReloaded = true")

    fetched.clear()
    edit(w.edition / "table.yaml", "[Family Abduction, 316", "[Family Abductions, 316")
    assert "page 3 looks different" in w.rebuilt()
    wait_for_build(page, 2)
    assert page.evaluate("window.notReloaded") is True
    outline = page.locator("figure.page[data-page='3'] .change")
    outline.wait_for()
    assert fetched == ["/page/3.png"]  # only the changed page is fetched again
    assert page.evaluate("document.body.dataset.refetched") == "3"
    assert page.locator(".change").count() == 1

    # the outline is around the changed label, inside the edited row, at every zoom
    layout = layout_of(w)
    table, row = row_place(layout, "Family Abductions")
    (region,) = page.evaluate("shown[2].page.regions")
    tag = outline.locator("span")
    page.wait_for_function("document.querySelector('.change span')?.textContent.includes('row')")
    assert tag.inner_text() == f"changed · table '{table['title']}', row Family Abductions · table.yaml:{row['line']}"
    for zoom in ("0.5", "1", "2", "fit"):
        page.select_option("#zoom", zoom)
        if zoom != "fit":
            assert page.locator("figure.page[data-page='3']").bounding_box()["width"] == 816 * float(zoom)
        if zoom == "2":  # wider than the window: the left page is still in reach at the left edge
            page.evaluate("window.scrollTo(0, window.scrollY)")
            assert page.locator("figure.page[data-page='2']").bounding_box()["x"] >= 0
        drawn, expected, cell = outline.bounding_box(), on_screen(page, 3, region), on_screen(page, 3, row["bbox"])
        assert close(drawn, expected, PAD), (zoom, drawn, expected)
        assert cell["x"] - 2 <= expected["x"] and expected["x"] + expected["width"] <= cell["x"] + cell["width"]
        assert cell["y"] - 8 <= expected["y"] and expected["y"] + expected["height"] <= cell["y"] + cell["height"] + 8

    # a click on the table row names its file and line, with editor links
    page.select_option("#zoom", "fit")
    target = on_screen(page, 3, row["bbox"])
    page.mouse.click(target["x"] + target["width"] / 2, target["y"] + target["height"] / 2)
    where = page.locator("#where").inner_text()
    source = table["source"]
    assert where == f"{source}:{row['line']}, table '{table['title']}', row Family Abductions"
    assert row["line"] == 1 + (w.edition / "table.yaml").read_text().splitlines().index(
        "      - [Family Abductions, 316, 923, 1239]")
    links = page.locator("#links a")
    path = str((w.edition / "table.yaml").resolve())
    assert links.nth(0).get_attribute("href") == f"vscode://file{path}:{row['line']}"
    assert links.nth(1).get_attribute("href") == f"file://{path}"
    assert close(page.locator(".mark").bounding_box(), target)

    # an error: a banner with every message, over the last good pages
    fetched.clear()
    edit(w.edition / "body.yaml", "{type: heading, level: 2, text: A sub-heading}", "{type: heading, levle: 2}")
    assert "error" in w.rebuilt()
    wait_for_build(page, 3)
    banner = page.locator("#errors")
    assert banner.is_visible()
    text = banner.inner_text()
    assert "2 errors; these are the last good pages" in text
    assert "body.yaml:12:21: error: unknown key 'levle' in heading" in text and "did you mean 'level'?" in text
    assert "body.yaml:12:5: error: missing key 'text' in heading" in text
    assert page.locator("figure.page").count() == 3 and fetched == []
    assert page.evaluate("window.notReloaded") is True
    assert w.stop() == 0


def test_pages_are_laid_out_in_spreads_as_printed(browser: Any, watching: Watching) -> None:
    w = watching
    w.rebuilt()
    page = open_preview(browser, w.url)
    cover, left, right = (page.locator(f"figure.page[data-page='{n}']").bounding_box() for n in (1, 2, 3))
    gutter = left["x"] + left["width"]
    assert right["x"] == gutter and right["y"] == left["y"]  # pages 2 and 3 face each other
    assert cover["x"] == gutter and cover["y"] + cover["height"] < left["y"]  # the cover alone, on the right
    assert w.stop() == 0


def test_reveal_scrolls_to_the_row_of_a_source_line_and_outlines_it(browser: Any, tmp_path: Path) -> None:
    line = 1 + (CASE / "table.yaml").read_text().splitlines().index(ROW)
    w = start_watch(tmp_path, "--reveal", f"{tmp_path / 'edition' / 'table.yaml'}:{line}")
    try:
        w.rebuilt()
        page = open_preview(browser, w.url)
        table, row = row_place(layout_of(w), "Family Abduction")
        page.wait_for_function("document.body.dataset.revealed !== undefined")
        assert page.evaluate("document.body.dataset.revealed") == f"3:{table['id']}:{row['key']}"
        assert page.locator("#where").inner_text() == \
            f"{table['source']}:{line}, table '{table['title']}', row Family Abduction"
        mark = page.locator(".mark").bounding_box()
        assert close(mark, on_screen(page, 3, row["bbox"]))
        assert page.evaluate("window.scrollY") > 0 and 0 <= mark["y"] and mark["y"] + mark["height"] <= 1100

        # from the page itself: a line inside a paragraph's text reveals that paragraph
        body = (w.edition / "body.yaml").read_text().splitlines()
        start = 1 + body.index("  - type: paragraph", 8)
        page.evaluate(f"location.hash = 'reveal=body.yaml:{start + 1}'")
        paragraph = next(b for b in layout_of(w)["pages"][1]["blocks"] if b["line"] == start)
        page.wait_for_function(f"document.body.dataset.revealed === '2:{paragraph['id']}'")
        assert page.locator("#where").inner_text().startswith(f"{paragraph['source']}:{start}, paragraph '")
        assert close(page.locator(".mark").bounding_box(), on_screen(page, 2, paragraph["bbox"]))
        page.evaluate("location.hash = 'reveal=nowhere.yaml:3'")
        page.wait_for_function("document.querySelector('#where').textContent.includes('nowhere')")
        assert page.locator("#where").inner_text() == "nowhere.yaml: no block on these pages comes from it"
        assert page.locator(".mark").count() == 0

        # from an editor, while the watch runs: a second watch --reveal on its port tells the page
        port = urlparse(w.url).port
        assert port is not None
        total = 1 + (w.edition / "table.yaml").read_text().splitlines().index(
            "    total: {label: Grand Total, values: [3415, 24229, 27644]}")
        target = f"{w.edition / 'table.yaml'}:{total}"
        second = subprocess.run(
            [sys.executable, "-m", "renderer", "watch", str(w.edition), "-o", str(tmp_path / "other.pdf"), "--layout",
             str(w.layout), "--fonts", str(w.fonts), "--port", str(port), "--reveal", target],
            cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert f"revealed {target} in the preview already at {w.url}" in second.stderr
        assert not (tmp_path / "other.pdf").exists()
        last = next(r for r in table["rows"] if r["line"] == max(r["line"] for r in table["rows"]))
        page.wait_for_function(f"document.body.dataset.revealed === '3:{table['id']}:{last['key']}'")
        assert w.stop() == 0
    finally:
        if w.process.poll() is None:
            w.process.kill()
            w.process.wait()

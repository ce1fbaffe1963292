"""The preview page in a real browser (Debian's Chromium, driven by Playwright) against a real
watch process: it loads, follows an edit without a reload fetching only the changed page,
shows an error over the last good pages, and names a table row's file and line on a click."""

from __future__ import annotations

import json
from typing import Any

from .conftest import Watching, edit


def wait_for_build(page: Any, generation: int) -> None:
    page.wait_for_function(f"Number(document.body.dataset.generation) >= {generation}", timeout=60_000)


def test_preview_follows_edits_and_names_sources(browser: Any, watching: Watching) -> None:
    w = watching
    w.rebuilt()
    # The page's Content-Security-Policy forbids evaluating strings, which is how Playwright
    # asks the page questions: the test context lets it.
    page = browser.new_context(bypass_csp=True, viewport={"width": 1400, "height": 1100}).new_page()
    page.goto(w.url)
    wait_for_build(page, 1)
    page.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    assert page.locator("figure.page").count() == 3
    assert page.locator("figure.page img").nth(2).evaluate("i => i.naturalWidth") == 816  # 8.5 in at 96 dpi
    page.evaluate("window.notReloaded = true")

    edit(w.edition / "table.yaml", "[Family Abduction, 316", "[Family Abductions, 316")
    assert "page 3 looks different" in w.rebuilt()
    wait_for_build(page, 2)
    assert page.evaluate("window.notReloaded") is True
    assert page.evaluate("document.body.dataset.refetched") == "3"  # only the changed page is fetched
    page.wait_for_function("document.querySelectorAll('figure.page img')[2].dataset.digest !== undefined")

    # a click on the table row names its file and line, with editor links
    layout = json.loads(w.output.with_suffix(".layout.json").read_text())
    table = next(b for b in layout["pages"][2]["blocks"] if b["type"] == "table" and b["rows"])
    row = next(r for r in table["rows"] if r["label"] == "Family Abductions")
    x = (row["bbox"][0] + row["bbox"][2]) / 2 * 96 / 72
    y = (792 - (row["bbox"][1] + row["bbox"][3]) / 2) * 96 / 72
    page.wait_for_function("layout !== null")
    page.locator("figure.page img").nth(2).click(position={"x": x, "y": y})
    where = page.locator("#where").inner_text()
    source = table["source"]
    assert where == f"{source}:{row['line']}, table '{table['title']}', row Family Abductions"
    assert row["line"] == 1 + (w.edition / "table.yaml").read_text().splitlines().index(
        "      - [Family Abductions, 316, 923, 1239]")
    links = page.locator("#links a")
    path = str((w.edition / "table.yaml").resolve())
    assert links.nth(0).get_attribute("href") == f"vscode://file{path}:{row['line']}"
    assert links.nth(1).get_attribute("href") == f"file://{path}"

    # an error: a banner with every message, over the last good pages
    edit(w.edition / "body.yaml", "{type: heading, level: 2, text: A sub-heading}", "{type: heading, levle: 2}")
    assert "error" in w.rebuilt()
    wait_for_build(page, 3)
    banner = page.locator("#errors")
    assert banner.is_visible()
    text = banner.inner_text()
    assert "2 errors; these are the last good pages" in text
    assert "body.yaml:12:21: error: unknown key 'levle' in heading" in text and "did you mean 'level'?" in text
    assert "body.yaml:12:5: error: missing key 'text' in heading" in text
    assert page.locator("figure.page").count() == 3
    assert page.evaluate("window.notReloaded") is True
    assert w.stop() == 0

"""The HTML report in a real browser (Debian's Chromium, driven by Playwright): the summary,
a zoomed region a reviewer can read, and the flip between old and new."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from renderer.review import DiffOptions, Side, diff, pictures_folder, write_html

from .conftest import render, variant


def report_for_table_edit(baseline: tuple[Path, Path], tmp_path: Path) -> Path:
    root, pdf = baseline
    new = variant(tmp_path, root, "edit")
    page = new / "04-page.yaml"
    page.write_text(page.read_text().replace("[TX, 338, 2806]", "[TX, 340, 2806]")
                    .replace("values: [345, 2874]", "values: [347, 2874]"))
    report = tmp_path / "report" / "report.html"
    options = DiffOptions(pictures=pictures_folder(report))
    pictures_folder(report).mkdir(parents=True)
    write_html(diff(Side.of(pdf), Side.of(render(new, tmp_path / "new" / "new.pdf")), options), report)
    return report


def test_report_shows_summary_zoomed_region_and_flips(browser: Any, baseline: tuple[Path, Path],
                                                      tmp_path: Path) -> None:
    report = report_for_table_edit(baseline, tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 1400})
    page.goto(report.as_uri())
    summary = page.locator("#summary")
    assert "1 changed, 0 inserted, 0 removed, 0 moved" in summary.inner_text()
    assert "row TX changed: 338 → 340" in summary.inner_text()
    assert page.locator("section.page-change").count() == 1
    assert "page 4 (PDF page 5)" in page.locator("section.page-change h2").inner_text()

    zoom = page.locator(".zooms figure.flip").first
    zoom.scroll_into_view_if_needed()
    new_img = zoom.locator("img.new")
    new_img.evaluate("img => img.decode()")
    # The crop is drawn at 150 dpi or more: wider on screen than the same region on the whole page.
    natural = new_img.evaluate("img => img.naturalWidth")
    x0, x1 = (float(v) for v in zoom.locator("figcaption").inner_text().split("x ")[1].split(" pt")[0].split("–"))
    assert natural >= (x1 - x0) * 150 / 72 - 2
    shown_new = Image.open(io.BytesIO(zoom.locator(".stack").screenshot())).convert("L")
    assert np.asarray(shown_new).min() < 100  # the crop holds ink: the number, not blank paper

    zoom.locator("button[data-do=old]").click()
    assert zoom.get_attribute("data-show") == "old"
    assert zoom.locator("img.old").is_visible() and not new_img.is_visible()
    shown_old = Image.open(io.BytesIO(zoom.locator(".stack").screenshot())).convert("L")
    # What the reviewer sees changed: the old crop shows 338 where the new one shows 340.
    assert shown_old.size == shown_new.size
    assert np.abs(np.asarray(shown_old, dtype=int) - np.asarray(shown_new, dtype=int)).max() > 100
    zoom.locator("button[data-do=flip]").click()
    assert zoom.get_attribute("data-show") == "new" and new_img.is_visible()
    zoom.locator("button[data-do=blink]").click()
    assert "blink" in (zoom.get_attribute("class") or "")
    assert zoom.locator(".state").inner_text() == "blinking"

    whole = page.locator("figure.page-figure").first
    assert whole.locator(".box").count() >= 1  # the changed region is outlined on the whole page
    whole.locator("button[data-do=boxes]").click()
    assert not whole.locator(".box").first.is_visible()
    page.close()


def test_report_pictures_live_beside_it_and_keep_it_small(baseline: tuple[Path, Path], tmp_path: Path) -> None:
    report = report_for_table_edit(baseline, tmp_path)
    html = report.read_text()
    assert "data:image" not in html and len(html) < 50_000
    pictures = sorted(p.name for p in pictures_folder(report).iterdir())
    assert pictures == ["p0005-0005-new.png", "p0005-0005-old.png", "p0005-0005-z0-new.png", "p0005-0005-z0-old.png"]
    for name in pictures:
        assert f"report-files/{name}" in html

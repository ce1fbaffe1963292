"""The HTML report opens in a real browser (Debian's headless Chromium) and shows the summary
and the first changed page."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from renderer.review import Side, diff, write_html

from .conftest import render, variant

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs Debian's chromium")
        pytest.skip("chromium is not installed here (CI installs it)")
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args],
                          capture_output=True, text=True, timeout=120)


def test_report_loads_and_shows_summary_and_first_changed_page(baseline: tuple[Path, Path], tmp_path: Path) -> None:
    root, pdf = baseline
    new = variant(tmp_path, root, "edit")
    page = new / "04-page.yaml"
    page.write_text(page.read_text().replace("[TX, 338, 2806]", "[TX, 340, 2806]")
                    .replace("values: [345, 2874]", "values: [347, 2874]"))
    report = tmp_path / "report" / "report.html"
    write_html(diff(Side.of(pdf), Side.of(render(new, tmp_path / "new" / "new.pdf"))), report)
    dom = chromium(tmp_path, "--dump-dom", report.as_uri()).stdout
    assert 'id="summary"' in dom and "1 changed, 0 inserted, 0 removed, 0 moved" in dom
    assert dom.count('class="page-change"') == 1 and "Page 5 → 5" in dom and "338 → 340" in dom
    shot = tmp_path / "shot.png"
    chromium(tmp_path, "--window-size=1200,1400", f"--screenshot={shot}", report.as_uri())
    pixels = np.asarray(Image.open(shot).convert("L"))
    assert pixels.shape == (1400, 1200)
    # The summary panel and the page images are drawn: the top of the page is not blank.
    assert (pixels[:300] < 200).mean() > 0.01 and (pixels[300:] < 250).mean() > 0.05
